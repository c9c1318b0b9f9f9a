"""Scores, threshold tuning, paragraph pooling and folds of the SemEval-2023 evaluation."""

from __future__ import annotations

import numpy as np
import pytest

from narrascope.techniques.data import Document, Paragraph
from narrascope.techniques.evaluation import (
    article_folds,
    cross_fold_predictions,
    paragraph_table,
    score,
    topic_folds,
)
from narrascope.techniques.training import micro_f1, tune_thresholds

LABELS = ["A", "B"]


def test_score_micro_macro_and_table() -> None:
    gold = np.array([[1, 0], [1, 1], [0, 0]], dtype=bool)
    pred = np.array([[1, 0], [0, 1], [0, 1]], dtype=bool)
    report = score(pred, gold, LABELS)
    # tp 2, predicted 3, gold 3
    assert (round(report.micro_f1, 4), round(report.micro_p, 4), round(report.micro_r, 4)) == (0.6667, 0.6667, 0.6667)
    assert report.per_label["A"] == {"precision": 1.0, "recall": 0.5, "f1": 0.6667, "support": 2, "predicted": 1}
    assert report.per_label["B"] == {"precision": 0.5, "recall": 1.0, "f1": 0.6667, "support": 1, "predicted": 2}
    assert report.macro_f1 == pytest.approx(2 / 3, abs=1e-4)


def test_micro_f1_of_nothing_is_zero() -> None:
    empty = np.zeros((2, 2), dtype=bool)
    assert micro_f1(empty, empty) == 0.0


def test_tune_thresholds_separates_and_silences() -> None:
    scores = np.array([[0.9, 0.3], [0.35, 0.2], [0.1, 0.25], [0.2, 0.3]], dtype=np.float32)
    gold = np.array([[1, 0], [1, 0], [0, 1], [0, 0]], dtype=bool)
    th = tune_thresholds(scores, gold)
    assert 0.2 < th[0] <= 0.35  # both positives of A in, both negatives out
    assert th[1] > 1.0  # B only costs precision: silenced


def test_paragraph_table_max_pools_sentences() -> None:
    docs = [Document("1", "x", "en", [Paragraph(1, 0, 1), Paragraph(3, 0, 1)], {1: {"A"}, 3: set()})]
    scores = np.array([[0.2, 0.1], [0.6, 0.0], [0.1, 0.7]], dtype=np.float32)
    table = paragraph_table(docs, LABELS, np.array([0, 0, 0]), np.array([1, 1, 3]), scores)
    np.testing.assert_allclose(table.scores, [[0.6, 0.1], [0.1, 0.7]])
    assert table.gold.tolist() == [[True, False], [False, False]]
    assert table.number.tolist() == [1, 3]


def test_article_folds_deal_each_language_evenly() -> None:
    docs = [Document(str(i), "x", "en" if i < 10 else "ru", []) for i in range(15)]
    folds = article_folds(docs, 5)
    assert sorted(np.bincount(folds[:10]).tolist()) == [2] * 5
    assert sorted(np.bincount(folds[10:]).tolist()) == [1] * 5
    assert (article_folds(docs, 5) == folds).all()


def test_cross_fold_predictions_never_tune_on_the_test_fold() -> None:
    docs = [Document(str(i), "x", "en", [Paragraph(1, 0, 1)], {1: set()}) for i in range(2)]
    table = paragraph_table(docs, ["A"], np.array([0, 1]), np.array([1, 1]), np.array([[0.9], [0.9]], dtype=np.float32))
    table.gold[0, 0] = True  # fold 0's row is positive, fold 1's is not
    pred = cross_fold_predictions(table, np.array([0, 1]), np.array([True, True]))
    # fold 0 is tuned on fold 1 alone (a negative): never predict; fold 1 on fold 0 (a positive): predict.
    assert pred[:, 0].tolist() == [False, True]


def test_topic_folds_keep_each_topic_on_one_side() -> None:
    # three tight topics of English articles (4, 3, 2 articles) and three of Russian ones (2, 1, 1)
    centres = {"a": [1.0, 0, 0], "b": [0, 1.0, 0], "c": [0, 0, 1.0]}
    topics = ["a", "a", "a", "a", "b", "b", "b", "c", "c", "a", "a", "b", "c"]
    langs = ["en"] * 9 + ["ru"] * 4
    rng = np.random.default_rng(1)
    vectors = np.array([centres[t] for t in topics]) + rng.normal(0, 0.01, (13, 3))
    docs = [Document(str(i), "x", lang, []) for i, lang in enumerate(langs)]
    folds = topic_folds(docs, vectors, folds=3, clusters=3)
    for lang in ("en", "ru"):
        for topic in set(topics):
            members = {int(folds[i]) for i in range(13) if topics[i] == topic and langs[i] == lang}
            assert len(members) <= 1, (lang, topic, members)
    # the largest English topic (4 articles) goes first into fold 0, then 3 into fold 1, 2 into fold 2
    assert [int(f) for f in folds[:9]] == [0, 0, 0, 0, 1, 1, 1, 2, 2]
    assert sorted(int(f) for f in folds[9:]) == [0, 0, 1, 2]
