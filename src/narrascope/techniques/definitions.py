"""One-line definitions of the 23 SemEval-2023 Task 3 persuasion techniques, written for readers.

These are short paraphrases in this project's own words (not the organisers' guideline text);
the dashboard's technique legend, ``show`` and the docs read them from here.
"""

from __future__ import annotations

from .data import TECHNIQUES

DEFINITIONS: dict[str, str] = {
    "Appeal_to_Authority": "Presents a claim as true because a (supposed) expert, leader or institution says so.",
    "Appeal_to_Popularity": "Argues that something is right because many people or 'everyone' already agree with it.",
    "Appeal_to_Values": "Links a position to values the audience holds dear (freedom, tradition, justice...).",
    "Appeal_to_Fear-Prejudice": "Builds support by stirring fear of an alternative or prejudice against a group.",
    "Flag_Waving": "Justifies a stance by appeal to national or group pride and identity ('our people', 'patriots').",
    "Causal_Oversimplification": "Blames a complex outcome on a single cause when many factors are at play.",
    "False_Dilemma-No_Choice": "Offers only two options (or one) when more exist.",
    "Consequential_Oversimplification": "Claims one step will inevitably set off a chain of (usually bad) events.",
    "Straw_Man": "Rebuts a distorted, weaker version of an opponent's position instead of the real one.",
    "Red_Herring": "Shifts attention to an unrelated topic to avoid the point being discussed.",
    "Whataboutism": "Deflects criticism by pointing at the critic's own (alleged) wrongdoing.",
    "Slogans": "A short, catchy phrase that stands in for an argument.",
    "Appeal_to_Time": "Presses for action because 'the time has come' or time is running out.",
    "Conversation_Killer": "A phrase that discourages further thought or debate ('enough said', 'end of story').",
    "Loaded_Language": "Emotionally charged words chosen to sway the reader rather than describe.",
    "Repetition": "Repeats the same word, phrase or idea so that it sticks.",
    "Exaggeration-Minimisation": "Makes something seem far bigger or far smaller than it is.",
    "Obfuscation-Vagueness-Confusion": "Deliberately unclear wording that lets readers infer what suits them.",
    "Name_Calling-Labeling": "Attaches a loaded label to a person or group ('regime', 'puppet', 'hero').",
    "Doubt": "Questions the credibility of someone or something without offering evidence.",
    "Guilt_by_Association": "Discredits a target by linking it to a widely disliked person, group or idea.",
    "Appeal_to_Hypocrisy": "Attacks a person's argument by charging them with hypocrisy or inconsistency.",
    "Questioning_the_Reputation": "Attacks the character or record of a person or group to undermine their views.",
}

assert tuple(DEFINITIONS) == TECHNIQUES, "one definition per technique, in the organisers' order"


def definition(label: str) -> str:
    """The one-line definition of a technique; a technique this model does not know gets a plain note."""
    return DEFINITIONS.get(label, f"Persuasion technique {label.replace('_', ' ')!r} (no definition on file).")


def legend(labels: list[str]) -> list[dict[str, str]]:
    """``{"label", "name", "definition"}`` for each distinct label, in the organisers' order (unknown last)."""
    order = {label: i for i, label in enumerate(TECHNIQUES)}
    seen = sorted(set(labels), key=lambda x: (order.get(x, len(order)), x))
    return [{"label": x, "name": x.replace("_", " "), "definition": definition(x)} for x in seen]
