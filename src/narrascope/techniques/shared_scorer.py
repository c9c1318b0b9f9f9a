"""Cross-validated predictions scored by the shared held-out scorer (``scorers/score_semeval2023_t3.py``).

The out-of-fold paragraph predictions are written in the submission format and scored against the
release's own paragraph label file, by the same script that measures the held-out figures, so CV
and held-out numbers mean the same thing. The per-technique table stays narrascope's own
(:func:`narrascope.techniques.evaluation.score`; the shared script reports micro-F1 only).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import InputError
from .data import Document
from .evaluation import ParagraphTable

SCRIPT = "score_semeval2023_t3.py"


def default_scorer(data: Path) -> Path:
    """Where the shared scorer sits beside a ``shared/data/semeval2023-t3`` folder: ``shared/scorers/``."""
    return data.resolve().parent.parent / "scorers" / SCRIPT


def prediction_lines(
    docs: list[Document], labels: list[str], table: ParagraphTable, pred: np.ndarray, rows: np.ndarray
) -> list[str]:
    """``article_id<TAB>paragraph<TAB>technique,...`` for each selected paragraph row."""
    out = []
    for r in np.flatnonzero(rows):
        found = ",".join(labels[j] for j in np.flatnonzero(pred[r]))
        out.append(f"{docs[int(table.doc[r])].doc_id}\t{int(table.number[r])}\t{found}")
    return out


def run_scorer(scorer: Path, gold: Path, pred: Path) -> dict[str, Any]:
    """The scorer's one JSON line (``paragraphs``, ``missing``, ``precision``, ``recall``, ``micro_f1``)."""
    if not scorer.is_file():
        raise InputError(str(scorer), "shared scorer not found: pass --scorer pointing at score_semeval2023_t3.py")
    done = subprocess.run(
        [sys.executable, str(scorer), "--gold", str(gold), "--pred", str(pred)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise InputError(str(scorer), f"the shared scorer failed: {done.stderr.strip()[-500:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def shared_score(
    scorer: Path,
    gold: Path,
    docs: list[Document],
    labels: list[str],
    table: ParagraphTable,
    pred: np.ndarray,
    rows: np.ndarray,
) -> dict[str, Any]:
    """Write the predictions of ``rows`` to a temporary file and score them against ``gold``."""
    with tempfile.TemporaryDirectory(prefix="narrascope-t3-") as tmp:
        path = Path(tmp) / "pred.txt"
        path.write_text("\n".join(prediction_lines(docs, labels, table, pred, rows)) + "\n", encoding="utf-8")
        return run_scorer(scorer, gold, path)


def gold_file(data: Path, language: str) -> Path:
    """The release's paragraph labels of one language (``train/<lang>/train-labels-subtask-3.txt``)."""
    return data / "train" / language / "train-labels-subtask-3.txt"
