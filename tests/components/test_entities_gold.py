"""Mention-level F1 of the default pipeline's entity layer on the hand-checked example gold."""

from pathlib import Path

import pytest

from narrascope.actors.evaluate import read_gold, score_gold
from narrascope.ingest import read_inputs
from narrascope.pipeline import Pipeline
from narrascope.settings import Settings

GOLD = Path(__file__).resolve().parents[1] / "data" / "examples_entities_gold.jsonl"


@pytest.mark.slow
def test_examples_gold_f1(examples: Path) -> None:
    settings = Settings.load(None, {})
    articles = {a.meta["path"].split("/")[-1]: a for a in read_inputs([str(examples)], settings.ingest)}
    pipeline = Pipeline(settings, ["sentences", "dates", "entities"])
    pipeline.run_batch(list(articles.values()))
    gold = read_gold(GOLD)
    assert set(gold) == {n for n in articles if n.endswith(".txt")}
    scores = score_gold(gold, articles)
    assert scores.tp + scores.fn == sum(len(v) for v in gold.values())
    assert scores.f1 >= 0.95, scores.errors
