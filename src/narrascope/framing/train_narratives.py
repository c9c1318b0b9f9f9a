"""Train and cross-validate the narrative model on the SemEval-2025 training release."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from .features import HASH_DIM, EmbeddingCache, doc_embedding, fit_idf, hasher, tfidf
from .fit import design, fit_ovr, fit_softmax, fold_of
from .linear import sigmoid, softmax
from .narrative_model import NarrativeModel, Prediction, Thresholds
from .semeval import Doc, sample_f1
from .taxonomy import Taxonomy

DOMAINS = ["CC", "URW"]


class Decoder(Protocol):
    """Anything that decodes label probabilities (a model, or labels + taxonomy alone)."""

    def decode(self, probs: np.ndarray, domain: str | None = None,
               thresholds: Thresholds | None = None) -> Prediction: ...


@dataclass
class NarrativeConfig:
    """Hyper-parameters (chosen by cross-validation on train)."""

    c: float = 4.0
    dense_scale: float = 1.0
    hash_kind: str = "word"
    hash_dim: int = HASH_DIM
    embedder: str = "use"


@dataclass
class DocFeatures:
    dense: np.ndarray
    counts: Any


def featurise(docs: Sequence[Doc], cache: EmbeddingCache, cfg: NarrativeConfig,
              progress: Callable[[int], None] | None = None) -> DocFeatures:
    dense = []
    for i, doc in enumerate(docs):
        dense.append(doc_embedding(cache.get(doc.text).vectors))
        if progress:
            progress(i)
    counts = hasher(cfg.hash_dim, cfg.hash_kind).transform([d.text for d in docs])
    return DocFeatures(np.vstack(dense), counts)


def label_matrix(docs: Sequence[Doc], labels: Sequence[str]) -> np.ndarray:
    index = {lab: i for i, lab in enumerate(labels)}
    y = np.zeros((len(docs), len(labels)), dtype=np.int8)
    for r, doc in enumerate(docs):
        for lab in [*doc.narratives, *doc.subnarratives]:
            if lab in index:
                y[r, index[lab]] = 1
    return y


def head_labels(tax: Taxonomy) -> list[str]:
    return [*tax.narratives, *tax.subnarratives]


def fit_model(tax: Taxonomy, docs: Sequence[Doc], feats: DocFeatures, cfg: NarrativeConfig,
              thresholds: Thresholds | None = None) -> NarrativeModel:
    labels = head_labels(tax)
    idf = fit_idf(feats.counts)
    hashed = tfidf(feats.counts, idf)
    x = design(feats.dense, hashed, cfg.dense_scale)
    head = fit_ovr(x, label_matrix(docs, labels), labels, feats.dense.shape[1], cfg.dense_scale, cfg.c)
    dom_docs = [i for i, d in enumerate(docs) if d.domain in DOMAINS]
    dom_y = np.array([DOMAINS.index(str(docs[i].domain)) for i in dom_docs])
    domain = fit_softmax(x[dom_docs], dom_y, DOMAINS, feats.dense.shape[1], cfg.dense_scale, 1.0)
    meta = {"embedder": cfg.embedder, "hash_dim": cfg.hash_dim, "hash_kind": cfg.hash_kind,
            "dense_scale": cfg.dense_scale}
    return NarrativeModel(tax, head, idf, thresholds or Thresholds(), domain, meta)


def model_scores(model: NarrativeModel, feats: DocFeatures, rows: Sequence[int]) -> tuple[np.ndarray, list[str]]:
    hashed = tfidf(feats.counts[list(rows)], model.idf)
    dense = feats.dense[list(rows)]
    probs = sigmoid(model.head.logits(dense, hashed))
    domains: list[str] = []
    if model.domain_head is not None:
        dom = softmax(model.domain_head.logits(dense, hashed))
        domains = [model.domain_head.labels[int(i)] for i in dom.argmax(axis=1)]
    return probs, domains


@dataclass
class CVResult:
    probs: np.ndarray
    domains: list[str]
    folds: np.ndarray


def cross_validate(tax: Taxonomy, docs: Sequence[Doc], feats: DocFeatures, cfg: NarrativeConfig,
                   folds: int = 5, log: Callable[[str], None] | None = None) -> CVResult:
    """Out-of-fold probabilities for every article (groups keep duplicates in one fold)."""
    fold = np.array([fold_of(d.group, folds) for d in docs])
    probs = np.zeros((len(docs), len(head_labels(tax))), dtype=np.float32)
    domains = [""] * len(docs)
    for k in range(folds):
        train = [int(i) for i in np.flatnonzero(fold != k)]
        test = [int(i) for i in np.flatnonzero(fold == k)]
        sub = type(feats)(feats.dense[train], feats.counts[train])
        model = fit_model(tax, [docs[i] for i in train], sub, cfg)
        p, d = model_scores(model, feats, test)
        probs[test] = p
        for i, dom in zip(test, d, strict=True):
            domains[i] = dom
        if log:
            log(f"fold {k + 1}/{folds} done")
    return CVResult(probs, domains, fold)


def decode_all(model: Decoder, probs: np.ndarray, domains: Sequence[str],
               th: Thresholds) -> list[tuple[list[str], list[str]]]:
    out = []
    for i in range(len(probs)):
        pred = model.decode(probs[i], domains[i] if domains else None, th)
        out.append((pred.narratives, pred.subnarratives))
    return out


def scores_for(docs: Sequence[Doc], preds: Sequence[tuple[list[str], list[str]]],
               rows: Sequence[int] | None = None) -> dict[str, float]:
    rows = list(range(len(docs))) if rows is None else list(rows)
    coarse = sample_f1([docs[i].narratives for i in rows], [preds[i][0] for i in rows])
    fine = sample_f1([docs[i].subnarratives for i in rows], [preds[i][1] for i in rows])
    return {"coarse_f1": coarse, "fine_f1": fine, "n": len(rows)}


def tune_thresholds(model: Decoder, docs: Sequence[Doc], cv: CVResult) -> Thresholds:
    """Grid search of the decision thresholds on out-of-fold scores (coarse + fine F1)."""
    best = (-1.0, Thresholds())
    grid = [0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5]
    for tn in grid:
        for ts in grid:
            for margin in (-0.1, 0.0, 0.1):
                th = Thresholds(tn, ts, margin)
                s = scores_for(docs, decode_all(model, cv.probs, cv.domains, th))
                total = s["coarse_f1"] + s["fine_f1"]
                if total > best[0]:
                    best = (total, th)
    return best[1]
