"""Event detection and dating scored on invented articles with hand-dated events (``data/eval/events.jsonl``).

Each case is an article (text, publication date or null) and its gold events: the sentence,
type, modality and, for asserted events, the window the text allows. The score is that of
the default timeline view: asserted, non-``statement`` events. A found event matches a gold
one of the same type in the same sentence; it is correctly dated when its window lies inside
the gold window. Gold events that are hypothetical, denied, planned... count as kept out when
no asserted event of their type is found in their sentence.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from ..document import Article
from .modality import ASSERTED

DEFAULT_DATA = Path(__file__).resolve().parents[1] / "data" / "eval" / "events.jsonl"
COMPONENTS = ["sentences", "dates", "events"]


def load_cases(path: Path | str | None = None) -> list[dict[str, Any]]:
    """The evaluation cases, one JSON object a line."""
    with open(path or DEFAULT_DATA, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _article(case: dict[str, Any]) -> Article:
    return Article(text=case["text"], meta={"published": case.get("published"), "language": "en", "title": case["id"]})


def _inside(found: list[str] | None, gold: list[str]) -> bool:
    """Whether a found window lies inside the gold one."""
    if not found:
        return False
    return (
        date.fromisoformat(gold[0])
        <= date.fromisoformat(found[0])
        <= date.fromisoformat(found[1])
        <= (date.fromisoformat(gold[1]))
    )


def score_case(art: Article, case: dict[str, Any]) -> dict[str, Any]:
    """Matches, misses and false alarms of one analysed article against its gold events."""
    found = [
        e for e in art.layer("event") if e.label != "statement" and (e.attrs.get("modality") or ASSERTED) == ASSERTED
    ]
    used: set[int] = set()
    rows = []
    kept_out = modal = 0
    for gold in case["events"]:
        lo = art.text.index(gold["sentence"])
        hi = lo + len(gold["sentence"])
        same = [i for i, e in enumerate(found) if e.label == gold["type"] and e.start < hi and lo < e.end]
        if gold["modality"] != ASSERTED:
            modal += 1
            kept_out += not same  # an asserted report of it stays unmatched: a false alarm
            continue
        hit = next((i for i in same if i not in used), None)
        if hit is not None:
            used.add(hit)
        window = found[hit].attrs.get("date_range") if hit is not None else None
        rows.append(
            {"type": gold["type"], "found": hit is not None, "date": window, "gold": gold["date"], "dated": False}
        )
        rows[-1]["dated"] = hit is not None and _inside(window, gold["date"])
    false_alarms = [e for i, e in enumerate(found) if i not in used]
    return {
        "id": case["id"],
        "gold": rows,
        "false_alarms": [{"type": e.label, "text": art.surface(e)[:120]} for e in false_alarms],
        "modal": modal,
        "kept_out": kept_out,
    }


def evaluate_events(cases: list[dict[str, Any]], analyse: Callable[[list[Article]], None]) -> dict[str, Any]:
    """Run ``analyse`` (the :data:`COMPONENTS` pipeline's ``run_batch``) over the cases; precision, recall,
    F1 and date accuracy."""
    arts = [_article(c) for c in cases]
    analyse(arts)
    per_case = [score_case(a, c) for a, c in zip(arts, cases, strict=True)]
    tp = sum(r["found"] for c in per_case for r in c["gold"])
    gold = sum(len(c["gold"]) for c in per_case)
    fp = sum(len(c["false_alarms"]) for c in per_case)
    dated = sum(r["dated"] for c in per_case for r in c["gold"])
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    modal = sum(c["modal"] for c in per_case)
    return {
        "articles": len(cases),
        "gold_events": gold,
        "found": tp,
        "false_alarms": fp,
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
        "dated_correctly": dated,
        "date_accuracy": round(dated / tp, 3) if tp else 0.0,
        "modal_events": modal,
        "modal_kept_out": sum(c["kept_out"] for c in per_case),
        "cases": per_case,
    }
