"""Score stance classification on a hand-checked set of invented quotes (``eval stances``).

Each JSONL line: ``speaker`` (actor id), ``kind`` (direct/reported), ``text``, ``labels`` (the
speaker's own stance labels) and ``claims`` (``[holder, label]`` pairs: what the speaker says of
someone else). A quote counts as right when its own labels and its claims both match.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..errors import InputError
from .stances import classify, own_sides, topic


def _claims(found: dict[str, Any] | None) -> set[tuple[str, str]]:
    return {(str(c["about"]).lower(), str(c["label"])) for c in (found or {}).get("claims", [])}


def _same_claims(got: set[tuple[str, str]], want: set[tuple[str, str]]) -> bool:
    """Claims match when labels pair up and each gold holder is named in the predicted holder."""
    if len(got) != len(want):
        return False
    return all(any(label == gl and holder in g for g, gl in got) for holder, label in want)


def evaluate_stances(path: str | Path, topic_name: str = "negotiations") -> dict[str, Any]:
    """Accuracy of own labels, of claims, and of both, with the wrong items listed."""
    file = Path(path)
    if not file.is_file():
        raise InputError(str(file), "stance gold file not found; pass --gold tests/data/stances_gold.jsonl")
    lex = topic(topic_name)
    sides = own_sides()
    n = own_ok = claims_ok = both = 0
    wrong = []
    for line in file.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        own = sides.get(item["speaker"], frozenset())
        found = classify(item["text"], lex, own, reported=item.get("kind") != "direct",
                         joint=bool(item.get("co_speakers")))
        labels = sorted((found or {}).get("labels", []))
        got = _claims(found)
        want = {(str(h).lower(), str(lab)) for h, lab in item.get("claims", [])}
        a, b = labels == sorted(item["labels"]), _same_claims(got, want)
        n += 1
        own_ok += a
        claims_ok += b
        both += a and b
        if not (a and b):
            wrong.append({"id": item.get("id"), "text": item["text"], "labels": labels, "claims": sorted(got)})

    def share(k: int) -> float:
        return round(k / n, 3) if n else 0.0

    return {
        "items": n,
        "accuracy": share(both),
        "own_labels": share(own_ok),
        "claims": share(claims_ok),
        "wrong": wrong,
    }
