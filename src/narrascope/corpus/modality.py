"""Whether a detected event happened: asserted, or only hypothetical, conditional, denied, planned or mentioned.

The timeline keeps asserted events by default; the others stay in the ``event`` layer with
their ``modality`` so a reader can still ask for them. The cues are read in the words before
the event's trigger, within its clause (a "while"/"because"/"but" clause boundary stops them).
"""

from __future__ import annotations

import re

MODALITIES = ("asserted", "hypothetical", "conditional", "denied", "planned", "mentioned")
ASSERTED = "asserted"

_WINDOW = 70
_CLAUSE_BREAK = re.compile(
    r".*(?:\b(?:while|when|whereas|because|since|but|although|after)\b|[;:\u201c\u201d\"])", re.I | re.S
)
_DENIED = re.compile(
    r"\b(?:den(?:y|ies|ied|ying)|refut\w+|dismiss\w*|rejected (?:claims|reports|allegations)|"
    r"(?:false|fake|baseless) (?:claims|reports))\b",
    re.I,
)
_CONDITIONAL = re.compile(r"\b(?:if|unless|once|provided|as soon as|only when|on condition)\b", re.I)
_HYPOTHETICAL = re.compile(r"\b(?:could|might|may|would|can|possib\w+|likely|risk of|threat of)\b", re.I)
_PLANNED = re.compile(
    r"\b(?:will|shall|'ll|next|plans?|planned|planning|set to|expected|scheduled|due to|intends? to|"
    r"is to|are to|going to|next round|to be held|aims? to|wants? to)\b",
    re.I,
)
_MENTIONED = re.compile(
    r"\b(?:ahead of|on the eve of|days? before|weeks? before|anniversary of|run-up to|in the wake of|"
    r"since the (?:start|beginning) of|described|labell?ed|branded)\b(?:\W+\w+){0,5}\W*$",
    re.I,
)
#: Verbs that make a noun trigger ("the offensive", "the invasion") an event rather than a reference.
_ACTION = re.compile(
    r"\b(?:launch\w*|began|begun|begin|start\w*|carr(?:y|ied|ies) out|conduct\w*|continu\w*|stepp?\w* up|"
    r"struck|strikes? (?:on|at|hit)|hit|killed|kill\w*|fir(?:ed|ing)|pound\w*|target\w*|destroy\w*|damag\w*|"
    r"intensif\w*|resum\w*|push\w*|advanc\w*|captur\w*|shot down|crossed|invaded|attacked|shelled|bombed)\b",
    re.I,
)
_NOUN_TRIGGER = re.compile(r"^(?:invasion|offensive|attacks?|war|operation|strikes?|missiles?|bombing)$", re.I)


def _clause_before(sentence: str, at: int) -> str:
    """The words before position ``at`` in its clause, at most :data:`_WINDOW` characters."""
    before = sentence[max(0, at - _WINDOW) : at].replace("\u2019", "'")
    m = _CLAUSE_BREAK.match(before)
    return before[m.end() :] if m else before


def modality(sentence: str, etype: str, trigger_start: int, trigger: str) -> str:
    """The modality of the event whose trigger starts at ``trigger_start`` in ``sentence``."""
    before = _clause_before(sentence, trigger_start)
    wide = sentence[max(0, trigger_start - _WINDOW) : trigger_start]
    if _DENIED.search(wide):
        return "denied"
    if _CONDITIONAL.search(before):
        return "conditional"
    if _MENTIONED.search(before):
        return "mentioned"
    if _HYPOTHETICAL.search(before):
        return "hypothetical"
    if _PLANNED.search(before):
        return "planned"
    if etype == "attack" and _NOUN_TRIGGER.match(trigger) and not _ACTION.search(sentence):
        return "mentioned"  # "Officials in Kyiv call the Russian offensive unprovoked": a reference, not an event
    return ASSERTED
