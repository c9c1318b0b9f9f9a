"""The per-article narrative F1 (mirror of the shared scorer), prior weights and threshold tuning."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from narrascope.framing.scoring import NarrativeF1, find_scorer
from narrascope.framing.semeval import Doc
from narrascope.framing.train_narratives import prior_weights

F1 = NarrativeF1({"A", "B", "Other"}, {"A: x", "B: y", "Other"})


@pytest.mark.parametrize(
    ("gold", "pred", "expected"),
    [
        ((["A"], ["A: x"]), (["A"], ["A: x"]), (1.0, 1.0)),
        ((["A", "B"], ["A: x"]), (["A"], ["B: y"]), (2 / 3, 0.0)),
        ((["Other"], ["Other"]), (["Other"], ["Other"]), (1.0, 1.0)),
        ((["A"], ["A: x"]), ([], []), (0.0, 0.0)),
        ((["A"], ["A: x"]), (["A", "Unknown"], ["A: x"]), (1.0, 1.0)),  # labels off the lists are ignored
    ],
)
def test_per_article_f1_follows_the_scorer(gold: tuple[list[str], list[str]], pred: tuple[list[str], list[str]],
                                          expected: tuple[float, float]) -> None:
    assert F1.per_article([gold], [pred]) == [pytest.approx(expected)]


def test_shared_scorer_agrees_with_the_mirror(shared: Path) -> None:
    tax = shared / "data" / "semeval2025-t10" / "taxonomy"
    real = NarrativeF1.for_data(tax, shared / "data" / "semeval2025-t10")
    assert real.source.endswith("score_semeval2025.py")
    gold = [(["Other"], ["Other"]), (["URW: Discrediting Ukraine"], ["URW: Discrediting Ukraine: Other"])]
    pred = [(["Other"], ["Other"]), (["URW: Discrediting Ukraine", "Other"], ["Other"])]
    mirror = NarrativeF1(real.coarse, real.fine)
    assert real.score(gold, pred) == mirror.score(gold, pred)


def test_find_scorer_is_none_without_shared(tmp_path: Path) -> None:
    assert find_scorer(tmp_path) is None and find_scorer(None) is None


def _doc(nars: list[str]) -> Doc:
    return Doc("x", "text", "EN", nars, nars)


def test_prior_weights_give_other_only_articles_a_fixed_share() -> None:
    docs = [_doc(["Other"])] * 6 + [_doc(["A"])] * 2
    w = prior_weights(docs, range(8), 0.2)
    assert np.isclose(w.sum(), 1.0)
    assert np.allclose(w[:6], 0.2 / 6) and np.allclose(w[6:], 0.8 / 2)
    assert np.allclose(prior_weights(docs, range(8), None), 1 / 8)
    assert np.allclose(prior_weights(docs[:6], range(6), 0.2), 1 / 6)  # one kind only: uniform
