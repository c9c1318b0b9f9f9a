"""Stance evaluation on hand-checked invented quotes (``narrascope eval stances``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from narrascope.corpus.stance_eval import evaluate_stances
from narrascope.errors import InputError

GOLD = Path(__file__).resolve().parents[1] / "data" / "stances_gold.jsonl"


def test_scores_own_labels_and_claims_separately(tmp_path: Path) -> None:
    items = [
        {
            "id": 1,
            "speaker": "dmitry-peskov",
            "kind": "reported",
            "text": "Kyiv refuses talks",
            "labels": [],
            "claims": [["Kyiv", "refusal"]],
        },
        # wrong on purpose: the gold says the speaker refuses, but "we are ready" is readiness
        {
            "id": 2,
            "speaker": "dmitry-peskov",
            "kind": "direct",
            "text": "We are ready to talk",
            "labels": ["refusal"],
            "claims": [],
        },
    ]
    gold = tmp_path / "g.jsonl"
    gold.write_text("".join(json.dumps(i) + "\n" for i in items), encoding="utf-8")
    result = evaluate_stances(gold)
    assert {k: result[k] for k in ("items", "accuracy", "own_labels", "claims")} == {
        "items": 2,
        "accuracy": 0.5,
        "own_labels": 0.5,
        "claims": 1.0,
    }
    assert result["wrong"] == [{"id": 2, "text": "We are ready to talk", "labels": ["readiness"], "claims": []}]


def test_shipped_gold_set_scores_at_least_the_reported_figure() -> None:
    result = evaluate_stances(GOLD)
    assert result["items"] == 32
    assert result["accuracy"] >= 0.78  # docs/quotes.md reports 0.781 (25 of 32)


def test_missing_gold_file_says_what_to_pass(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="--gold"):
        evaluate_stances(tmp_path / "none.jsonl")
