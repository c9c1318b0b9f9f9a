"""Cross-validated evaluation in the shared task's terms: paragraph-level micro-F1 and per-technique P/R/F1.

Folds are by article (English and Russian articles both spread over the folds; every fold's model
trains on both languages). Thresholds for fold *k* are tuned on the out-of-fold scores of the other
folds, so no test paragraph ever chooses its own threshold.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .data import Document
from .training import micro_f1, tune_thresholds


@dataclass
class ParagraphTable:
    """Paragraph rows of a corpus: owning document, paragraph number, gold labels, scores."""

    doc: np.ndarray
    number: np.ndarray
    gold: np.ndarray  # (n, n_labels) bool
    scores: np.ndarray  # (n, n_labels) float


def paragraph_table(
    docs: list[Document], labels: list[str], unit_doc: np.ndarray, unit_par: np.ndarray, unit_scores: np.ndarray
) -> ParagraphTable:
    """Max-pool sentence scores into paragraphs; paragraphs without sentences score 0."""
    index = {label: i for i, label in enumerate(labels)}
    keys = [(di, p.number) for di, d in enumerate(docs) for p in d.paragraphs]
    row = {k: i for i, k in enumerate(keys)}
    scores = np.zeros((len(keys), len(labels)), dtype=np.float32)
    for u, (di, pn) in enumerate(zip(unit_doc.tolist(), unit_par.tolist(), strict=True)):
        r = row.get((di, pn))
        if r is not None:
            scores[r] = np.maximum(scores[r], unit_scores[u])
    gold = np.zeros_like(scores, dtype=bool)
    for (di, pn), r in row.items():
        for label in docs[di].labels.get(pn, ()):
            if label in index:
                gold[r, index[label]] = True
    return ParagraphTable(
        np.array([k[0] for k in keys], dtype=np.int64), np.array([k[1] for k in keys], dtype=np.int64), gold, scores
    )


@dataclass
class Report:
    """Micro/macro F1 and a per-technique table (precision, recall, F1, gold support)."""

    micro_f1: float
    micro_p: float
    micro_r: float
    macro_f1: float
    per_label: dict[str, dict[str, float]] = field(default_factory=dict)
    paragraphs: int = 0

    def to_dict(self) -> dict[str, object]:
        return {
            "micro_f1": round(self.micro_f1, 4),
            "micro_precision": round(self.micro_p, 4),
            "micro_recall": round(self.micro_r, 4),
            "macro_f1": round(self.macro_f1, 4),
            "paragraphs": self.paragraphs,
            "per_technique": self.per_label,
        }


def score(pred: np.ndarray, gold: np.ndarray, labels: list[str]) -> Report:
    """The shared task's scores (macro-F1 over the techniques present in gold or predictions)."""
    tp = int((pred & gold).sum())
    p = tp / max(1, int(pred.sum()))
    r = tp / max(1, int(gold.sum()))
    per: dict[str, dict[str, float]] = {}
    f1s = []
    for j, label in enumerate(labels):
        tpj = int((pred[:, j] & gold[:, j]).sum())
        npred, ngold = int(pred[:, j].sum()), int(gold[:, j].sum())
        pj, rj = tpj / max(1, npred), tpj / max(1, ngold)
        fj = 2 * pj * rj / (pj + rj) if pj + rj else 0.0
        per[label] = {
            "precision": round(pj, 4),
            "recall": round(rj, 4),
            "f1": round(fj, 4),
            "support": ngold,
            "predicted": npred,
        }
        if ngold or npred:
            f1s.append(fj)
    return Report(micro_f1(pred, gold), p, r, float(np.mean(f1s)) if f1s else 0.0, per, int(pred.shape[0]))


def cross_fold_predictions(table: ParagraphTable, fold_of_doc: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Binary predictions for ``rows``; fold k's thresholds are tuned on the other folds' rows."""
    pred = np.zeros_like(table.gold)
    folds = fold_of_doc[table.doc]
    for k in np.unique(folds[rows]):
        tune_rows = rows & (folds != k)
        th = tune_thresholds(table.scores[tune_rows], table.gold[tune_rows])
        test = rows & (folds == k)
        pred[test] = table.scores[test] >= th
    return pred


def article_folds(docs: list[Document], folds: int, seed: int = 0) -> np.ndarray:
    """Fold of each article: a seeded shuffle dealt round-robin within each language."""
    rng = np.random.default_rng(seed)
    out = np.zeros(len(docs), dtype=np.int64)
    for language in sorted({d.language for d in docs}):
        idx = np.array([i for i, d in enumerate(docs) if d.language == language])
        out[idx[rng.permutation(len(idx))]] = np.arange(len(idx)) % folds
    return out


def topic_folds(
    docs: list[Document], doc_vectors: np.ndarray, folds: int, clusters: int = 10, seed: int = 0
) -> np.ndarray:
    """Fold of each article with whole topics held out: k-means over article vectors per language.

    Article-wise folds put a story's sibling articles on both sides of a split, so they overstate
    unseen data; here each language's articles are clustered and the clusters dealt, largest
    first, to the emptiest fold. ``doc_vectors`` is one row per article (e.g. mean sentence vector).
    """
    from sklearn.cluster import KMeans

    norms = np.linalg.norm(doc_vectors, axis=1, keepdims=True)
    unit = doc_vectors / np.maximum(norms, 1e-9)
    out = np.zeros(len(docs), dtype=np.int64)
    for language in sorted({d.language for d in docs}):
        idx = np.array([i for i, d in enumerate(docs) if d.language == language])
        k = max(1, min(clusters, len(idx)))
        cluster = KMeans(k, n_init=10, random_state=seed).fit_predict(unit[idx])
        sizes = np.bincount(cluster, minlength=k)
        load = np.zeros(folds, dtype=np.int64)
        fold_of_cluster = np.zeros(k, dtype=np.int64)
        for c in np.argsort(-sizes, kind="stable"):
            f = int(np.argmin(load))
            fold_of_cluster[c] = f
            load[f] += sizes[c]
        out[idx] = fold_of_cluster[cluster]
    return out


def format_report(report: Report, title: str) -> str:
    """A plain-text table for the terminal."""
    lines = [
        f"{title}: paragraph micro-F1 {report.micro_f1:.3f} (P {report.micro_p:.3f}, R {report.micro_r:.3f}), "
        f"macro-F1 {report.macro_f1:.3f}, {report.paragraphs} paragraphs",
        f"{'technique':36s} {'P':>6s} {'R':>6s} {'F1':>6s} {'gold':>6s} {'pred':>6s}",
    ]
    for label, row in report.per_label.items():
        lines.append(
            f"{label:36s} {row['precision']:6.3f} {row['recall']:6.3f} {row['f1']:6.3f} "
            f"{int(row['support']):6d} {int(row['predicted']):6d}"
        )
    return "\n".join(lines)
