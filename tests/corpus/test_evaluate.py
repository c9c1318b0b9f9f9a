"""Scoring event detection and dating against hand-dated gold events."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from narrascope.corpus.evaluate import COMPONENTS, evaluate_events, load_cases, score_case
from narrascope.corpus.events import annotate
from narrascope.document import Article
from narrascope.pipeline import Pipeline
from narrascope.settings import Settings

HELD = "Delegations met for talks on Monday."
COULD = "Missiles could strike the port again."
SHELLED = "Troops shelled the port on Sunday."


def test_score_case(make_article: Callable[..., Article]) -> None:
    # Published Tuesday 2031-03-04: Monday is 03-03, Sunday 03-02.
    art = make_article(f"{HELD} {COULD} {SHELLED}", "2031-03-04", dates=("Monday", "Sunday"))
    annotate(art)
    case = {
        "id": "t1",
        "text": art.text,
        "events": [
            {"sentence": HELD, "type": "talks_held", "modality": "asserted", "date": ["2031-03-03", "2031-03-03"]},
            {"sentence": COULD, "type": "attack", "modality": "hypothetical", "date": None},
            # Gold says Saturday: found (right sentence and type) but wrongly dated.
            {"sentence": SHELLED, "type": "attack", "modality": "asserted", "date": ["2031-03-01", "2031-03-01"]},
            {"sentence": SHELLED, "type": "sanctions", "modality": "asserted", "date": ["2031-03-02", "2031-03-02"]},
        ],
    }
    assert score_case(art, case) == {
        "id": "t1",
        "gold": [
            {
                "type": "talks_held",
                "found": True,
                "date": ["2031-03-03", "2031-03-03"],
                "gold": ["2031-03-03", "2031-03-03"],
                "dated": True,
            },
            {
                "type": "attack",
                "found": True,
                "date": ["2031-03-02", "2031-03-02"],
                "gold": ["2031-03-01", "2031-03-01"],
                "dated": False,
            },
            {"type": "sanctions", "found": False, "date": None, "gold": ["2031-03-02", "2031-03-02"], "dated": False},
        ],
        "false_alarms": [],
        "modal": 1,
        "kept_out": 1,
    }


def test_shipped_cases_are_consistent() -> None:
    cases = load_cases()
    assert len(cases) >= 15
    for case in cases:
        for gold in case["events"]:
            assert gold["sentence"] in case["text"], case["id"]
            assert (gold["date"] is None) == (gold["modality"] != "asserted"), case["id"]


@pytest.mark.slow
def test_done_criteria_on_the_shipped_set() -> None:
    result = evaluate_events(load_cases(), Pipeline(Settings.load(), COMPONENTS).run_batch)
    assert result["f1"] >= 0.85 and result["date_accuracy"] >= 0.9, {k: result[k] for k in ("f1", "date_accuracy")}
    assert result["modal_kept_out"] == result["modal_events"]
