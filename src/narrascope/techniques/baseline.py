"""A plain TF-IDF + logistic-regression paragraph classifier, scored under the same folds,
so the model's cross-validated figures can be read against an honest reference."""

from __future__ import annotations

import numpy as np

from .evaluation import Report, article_folds, score
from .experiment import Prepared


def tfidf_baseline(
    prep: Prepared,
    folds: int = 5,
    language: str = "en",
    seed: int = 0,
    c: float = 10.0,
    fold_of_doc: np.ndarray | None = None,
) -> Report:
    """Word 1–2-gram TF-IDF, one-vs-rest LR trained on ``language`` paragraphs, threshold 0.5.

    ``fold_of_doc`` (default: article-wise folds) lets it share the model's folds."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    index = {label: i for i, label in enumerate(prep.labels)}
    if fold_of_doc is None:
        fold_of_doc = article_folds(prep.docs, folds, seed)
    texts, gold, fold = [], [], []
    for di, doc in enumerate(prep.docs):
        if doc.language != language:
            continue
        for p in doc.paragraphs:
            texts.append(doc.text[p.start : p.end])
            row = np.zeros(len(prep.labels), dtype=bool)
            for label in doc.labels.get(p.number, ()):
                row[index[label]] = True
            gold.append(row)
            fold.append(fold_of_doc[di])
    y = np.array(gold, dtype=bool)
    f = np.array(fold)
    arr = np.array(texts, dtype=object)
    pred = np.zeros_like(y)
    for k in range(folds):
        train, test = f != k, f == k
        vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
        x_train, x_test = vec.fit_transform(arr[train]), vec.transform(arr[test])
        for j in range(len(prep.labels)):
            if y[train, j].sum() < 2:
                continue
            model = LogisticRegression(C=c, solver="liblinear").fit(x_train, y[train, j])
            pred[test, j] = model.predict_proba(x_test)[:, 1] >= 0.5
    return score(pred, y, prep.labels)
