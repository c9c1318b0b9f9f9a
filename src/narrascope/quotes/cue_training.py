"""Training the cue model (:mod:`narrascope.quotes.cue_model`) on PolNeAR candidates (training time only)."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any

from .cue_model import MODEL_C, MODEL_THRESHOLD, CueModel, features
from .lexicon import CueTable
from .reported import all_candidates

#: Candidates of one document: (feature names, is-gold) per candidate.
Labelled = list[tuple[list[str], bool]]


def _inside(pos: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def labelled_candidates(doc: Any, text: str, gold: Sequence[Any]) -> Labelled:
    """Every unfiltered candidate of one parsed document with its features and gold label (its cue word
    inside a gold Cue and its content overlapping that attribution's Content)."""
    out: Labelled = []
    for cand in all_candidates(doc, text):
        head = doc[cand.cue_head]
        is_gold = any(
            _inside(head.idx, g.cue) and any(cand.content[0] < e and s < cand.content[1] for s, e in g.content)
            for g in gold
        )
        out.append((features(doc, text, cand), is_gold))
    return out


def fit_model(docs: Sequence[Labelled], table: CueTable, c: float = MODEL_C, threshold: float = MODEL_THRESHOLD,
              min_count: int = 2) -> CueModel:
    """L2 logistic regression over the candidates' features (features seen fewer than ``min_count`` times dropped)."""
    from collections import Counter

    import numpy as np
    import scipy.sparse as sp
    from sklearn.linear_model import LogisticRegression

    counts: Counter[str] = Counter(f for d in docs for feats, _ in d for f in feats)
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= min_count))}
    rows: list[int] = []
    cols: list[int] = []
    y: list[int] = []
    for d in docs:
        for feats, gold in d:
            r = len(y)
            for f in feats:
                if f in vocab:
                    rows.append(r)
                    cols.append(vocab[f])
            y.append(int(gold))
    x = sp.csr_matrix((np.ones(len(rows), np.float32), (rows, cols)), shape=(len(y), len(vocab)))
    clf = LogisticRegression(C=c, solver="liblinear", fit_intercept=False, max_iter=500)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        clf.fit(x, np.array(y))
    names = sorted(vocab, key=vocab.__getitem__)
    weights = {f: float(w) for f, w in zip(names, clf.coef_[0], strict=True) if abs(w) >= 1e-4}
    return CueModel(scores=table.scores, threshold=table.threshold, seed_prior=table.seed_prior,
                    other_prior=table.other_prior, learned_threshold=table.learned_threshold,
                    weights=weights, threshold_p=threshold)
