"""Out-of-fold predictions in the submission format, scored by the shared held-out scorer."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from narrascope.errors import InputError
from narrascope.techniques.data import Document, paragraphs_of
from narrascope.techniques.evaluation import ParagraphTable
from narrascope.techniques.shared_scorer import default_scorer, prediction_lines, run_scorer, shared_score

from ..conftest import SHARED, needs_shared

LABELS = ["Doubt", "Loaded_Language"]


def _table() -> tuple[list[Document], ParagraphTable, np.ndarray]:
    text = "Title\n\nFirst.\nSecond.\n"
    docs = [Document("11", text, "en", paragraphs_of(text)), Document("12", "Only.\n", "en", paragraphs_of("Only.\n"))]
    table = ParagraphTable(
        doc=np.array([0, 0, 0, 1]),
        number=np.array([1, 3, 4, 1]),
        gold=np.zeros((4, 2), dtype=bool),
        scores=np.zeros((4, 2), dtype=np.float32),
    )
    pred = np.array([[False, False], [True, True], [False, True], [True, False]])
    return docs, table, pred


def test_prediction_lines_in_the_submission_format() -> None:
    docs, table, pred = _table()
    rows = np.array([True, True, True, False])
    assert prediction_lines(docs, LABELS, table, pred, rows) == [
        "11\t1\t",
        "11\t3\tDoubt,Loaded_Language",
        "11\t4\tLoaded_Language",
    ]


def test_default_scorer_sits_beside_the_data(tmp_path: Path) -> None:
    assert default_scorer(tmp_path / "shared" / "data" / "semeval2023-t3") == (
        tmp_path.resolve() / "shared" / "scorers" / "score_semeval2023_t3.py"
    )


def test_a_missing_or_failing_scorer_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="pass --scorer"):
        run_scorer(tmp_path / "none.py", tmp_path / "g", tmp_path / "p")
    broken = tmp_path / "broken.py"
    broken.write_text("raise SystemExit('bad gold file')\n", encoding="utf-8")
    with pytest.raises(InputError, match="bad gold file"):
        run_scorer(broken, tmp_path / "g", tmp_path / "p")


@needs_shared
def test_the_shared_scorer_scores_the_predictions(tmp_path: Path) -> None:
    docs, table, pred = _table()
    gold = tmp_path / "gold.txt"
    gold.write_text("11\t1\t\n11\t3\tDoubt\n11\t4\tDoubt\n12\t1\tDoubt\n", encoding="utf-8")
    scorer = SHARED / "scorers" / "score_semeval2023_t3.py"
    rows = np.ones(4, dtype=bool)
    # tp: (11,3,Doubt), (12,1,Doubt); fp: (11,3,LL), (11,4,LL); fn: (11,4,Doubt)
    assert shared_score(scorer, gold, docs, LABELS, table, pred, rows) == {
        "paragraphs": 4,
        "missing": 0,
        "precision": 0.5,
        "recall": 0.6667,
        "micro_f1": 0.5714,
    }
