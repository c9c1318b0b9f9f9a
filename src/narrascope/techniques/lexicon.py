"""A small hand-written cue lexicon for conflict coverage, next to the learned model.

The training release (2019-era news) rarely shows the labels common in Russia–Ukraine coverage
("Kiev regime", "Western-sponsored president", "unsubstantiated remarks", "fanning the flames"),
so a few generic cues, written from the technique definitions and not from any article, mark them.
A match sets the sentence's score for that technique to at least ``weight`` and is its highlight.
Its effect on the cross-validated figures is measured (``eval semeval2023`` reports both).
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

_ADJ = r"(?:(?!(?:The|A|An|This|That|Its|Their|His|Her)\b)[A-Z][\w’'-]+\s+)"  # "Kiev regime", not "The regime"

SEED: dict[str, tuple[str, ...]] = {
    "Name_Calling-Labeling": (
        _ADJ + r"(?:regime|junta)\b",  # bare "regime" is often neutral ("sanctions regime")
        r"\b(?:Western|US|U\.S\.|NATO|foreign|Washington)[-‑](?:sponsored|backed|installed|controlled|funded)"
        r"(?:\s+(?:puppet\s+)?(?:[Pp]resident|government|regime|leader|leadership|authorities|forces))?",
        r"\bpuppet(?:\s+(?:regime|government|state|president|leader))?\b",
        r"\bneo-?Nazis?\b",
        r"\bwarmongers?\b",
        r"\bthugs\b",
        r"\bRussophob(?:es|ic|ia)\b",
        r"\bcriminal regime\b",
    ),
    "Doubt": (
        r"\bunsubstantiated(?:\s+(?:remarks|claims|allegations|accusations|reports))?\b",
        r"\bbaseless(?:\s+(?:remarks|claims|allegations|accusations|reports))?\b",
        r"\bgroundless(?:\s+(?:remarks|claims|allegations|accusations))?\b",
        r"\bunfounded(?:\s+(?:remarks|claims|allegations|accusations))?\b",
        r"\bso-called\s+(?:[\"“«'][^\"”»'\n]{1,60}[\"”»']|[\w-]+)",  # so-called “peacekeeping” mission
        r"\bfake news\b",
    ),
    "Loaded_Language": (
        r"\bfann(?:ing|ed|s)? the flames(?: of (?:war|conflict|hatred))?",
        r"\bpour(?:ing|ed|s)? (?:oil|fuel) (?:on|onto) the fire\b",
        r"\bbloodthirsty\b",
        r"\bbarbaric\b",
        r"\bwarmongering\b",
        r"\bhysteri(?:a|cal)\b",
    ),
    "Appeal_to_Fear-Prejudice": (
        r"\b(?:nuclear|atomic) (?:war|catastrophe|apocalypse|holocaust)\b",
        r"\b(?:World War (?:III|Three|3)|third world war)\b",
    ),
}


@lru_cache(maxsize=1)
def compiled() -> dict[str, tuple[re.Pattern[str], ...]]:
    return {
        label: tuple(re.compile(p, re.IGNORECASE if not p.startswith(_ADJ) else 0) for p in pats)
        for label, pats in SEED.items()
    }


def matches(text: str, start: int, end: int, label: str) -> list[tuple[int, int]]:
    """Non-overlapping cue spans of ``label`` in ``text[start:end]``, longest first, in text order."""
    found = sorted(
        ((m.start(), m.end()) for pat in compiled().get(label, ()) for m in pat.finditer(text, start, end)),
        key=lambda se: (se[0] - se[1], se[0]),
    )
    taken: list[tuple[int, int]] = []
    for s, e in found:
        if all(e <= ts or s >= te for ts, te in taken):
            taken.append((s, e))
    return sorted(taken)


def boost(scores: np.ndarray, text: str, spans: list[tuple[int, int]], labels: list[str], weight: float) -> np.ndarray:
    """Scores with every (sentence, technique) that has a cue raised to at least ``weight``."""
    out = scores.copy()
    for j, label in enumerate(labels):
        if label not in SEED:
            continue
        for i, (s, e) in enumerate(spans):
            if matches(text, s, e, label):
                out[i, j] = max(out[i, j], weight)
    return out
