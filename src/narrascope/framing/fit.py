"""scikit-learn fitting helpers shared by the narrative and role trainers (training time only)."""

from __future__ import annotations

import hashlib
import warnings
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression

from .linear import LinearHead


def design(dense: np.ndarray, hashed: np.ndarray, scale: float) -> sp.csr_matrix:
    """``[dense*scale ++ hashed]`` as one sparse design matrix."""
    return sp.hstack([sp.csr_matrix(dense * scale), sp.csr_matrix(hashed)], format="csr")


def fit_ovr(x: sp.csr_matrix, y: np.ndarray, labels: Sequence[str], n_dense: int, scale: float,
            c: float = 1.0, balanced: bool = False) -> LinearHead:
    """One logistic regression per label column of ``y``; labels with < 2 positives get a constant 'no'."""
    coef = np.zeros((y.shape[1], x.shape[1]), dtype=np.float32)
    bias = np.full(y.shape[1], -8.0, dtype=np.float32)
    for j in range(y.shape[1]):
        col = y[:, j]
        if col.sum() < 2 or col.sum() == len(col):
            if col.sum() == len(col):
                bias[j] = 8.0
            continue
        # the dual problem (same optimum): ~6x faster here, where features outnumber articles
        clf = LogisticRegression(C=c, solver="liblinear", dual=x.shape[1] > x.shape[0],
                                 class_weight="balanced" if balanced else None, max_iter=200)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            clf.fit(x, col)
        coef[j] = clf.coef_[0]
        bias[j] = clf.intercept_[0]
    return LinearHead.from_sklearn(list(labels), coef, bias, n_dense, scale)


def fit_softmax(x: sp.csr_matrix, y: np.ndarray, labels: Sequence[str], n_dense: int, scale: float,
                c: float = 1.0) -> LinearHead:
    """A multinomial logistic regression over class indices ``y``; absent classes get a very low bias."""
    present = sorted(set(int(v) for v in y))
    clf = LogisticRegression(C=c, max_iter=500)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        clf.fit(x, y)
    coef = np.zeros((len(labels), x.shape[1]), dtype=np.float32)
    bias = np.full(len(labels), -30.0, dtype=np.float32)
    if len(present) == 2:  # sklearn keeps one row for a binary problem
        coef[present[1]] = clf.coef_[0] / 2
        coef[present[0]] = -clf.coef_[0] / 2
        bias[present[1]], bias[present[0]] = clf.intercept_[0] / 2, -clf.intercept_[0] / 2
    else:
        for row, cls in enumerate(clf.classes_):
            coef[int(cls)] = clf.coef_[row]
            bias[int(cls)] = clf.intercept_[row]
    return LinearHead.from_sklearn(list(labels), coef, bias, n_dense, scale)


def fold_of(group: str, folds: int) -> int:
    """Deterministic fold for a CV group (duplicates share a group, so a fold)."""
    return int(hashlib.md5(group.encode()).hexdigest()[:8], 16) % folds
