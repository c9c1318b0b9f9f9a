"""Train and cross-validate the narrative model on the SemEval-2025 training release."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from .features import HASH_DIM, DocVectorCache, EmbeddingCache, fit_idf, hasher, tfidf
from .fit import design, fit_ovr, fit_softmax, fold_of
from .linear import sigmoid, softmax
from .narrative_model import DenseBlock, NarrativeModel, Prediction, Ranked, Thresholds, dense_features, finish
from .scoring import NarrativeF1
from .semeval import Doc, sample_f1
from .taxonomy import Taxonomy

DOMAINS = ["CC", "URW"]


class Decoder(Protocol):
    """Anything that decodes label probabilities (a model, or labels + taxonomy alone)."""

    def decode(self, probs: np.ndarray, domain: str | None = None,
               thresholds: Thresholds | None = None) -> Prediction: ...

    def rank(self, probs: np.ndarray, domain: str | None = None) -> Ranked: ...


#: Languages USE does not read (translation cosine 0.49 for BG, 0.04 for HI), where e5 would be the
#: encoder to use; under the same folds an e5 document vector did not pay (docs/FRAMING.md).
E5_LANGS = ("bg", "hi")


def default_blocks() -> tuple[DenseBlock, ...]:
    """USE sentence vectors (mean ++ lead) for every language: the layout that cross-validated best
    (an e5 block for BG/HI, or for all languages, is a ``NarrativeConfig(blocks=...)`` away)."""
    return (DenseBlock("use", 1024, 1.0, None),)


@dataclass
class NarrativeConfig:
    """Hyper-parameters (chosen by cross-validation on train)."""

    c: float = 4.0
    dense_scale: float = 1.0
    hash_kind: str = "words"
    hash_dim: int = HASH_DIM
    embedder: str = "use"
    blocks: tuple[DenseBlock, ...] = field(default_factory=default_blocks)
    lang_bias: float = 0.0


@dataclass
class DocFeatures:
    dense: np.ndarray
    counts: Any


def featurise(docs: Sequence[Doc], cache: EmbeddingCache, cfg: NarrativeConfig,
              progress: Callable[[int], None] | None = None, doc_cache: DocVectorCache | None = None) -> DocFeatures:
    """Dense rows under ``cfg.blocks`` (encoders run only for the languages their block covers) and
    hashed n-gram counts."""
    dense = []
    if doc_cache is None and any(b.name == "e5" for b in cfg.blocks):
        doc_cache = DocVectorCache(cache.dir.parent / "e5doc" if cache.dir else None)
    for i, doc in enumerate(docs):
        lang = doc.lang.lower()
        use_needed = any(b.name == "use" and b.applies(lang) for b in cfg.blocks)
        e5_needed = any(b.name == "e5" and b.applies(lang) for b in cfg.blocks)
        sent_vecs = cache.get(doc.text).vectors if use_needed else None
        doc_vec = doc_cache.get(doc.text) if e5_needed and doc_cache is not None else None
        dense.append(dense_features(cfg.blocks, lang, sent_vecs, doc_vec, cfg.lang_bias))
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
              thresholds: Thresholds | None = None,
              lang_thresholds: dict[str, Thresholds] | None = None) -> NarrativeModel:
    labels = head_labels(tax)
    idf = fit_idf(feats.counts)
    hashed = tfidf(feats.counts, idf)
    x = design(feats.dense, hashed, cfg.dense_scale)
    head = fit_ovr(x, label_matrix(docs, labels), labels, feats.dense.shape[1], cfg.dense_scale, cfg.c)
    dom_docs = [i for i, d in enumerate(docs) if d.domain in DOMAINS]
    dom_y = np.array([DOMAINS.index(str(docs[i].domain)) for i in dom_docs])
    # one domain only (e.g. Russian alone: all war) leaves nothing to mask
    domain = (fit_softmax(x[dom_docs], dom_y, DOMAINS, feats.dense.shape[1], cfg.dense_scale, 1.0)
              if len(set(dom_y.tolist())) > 1 else None)
    meta = {"embedder": cfg.embedder, "hash_dim": cfg.hash_dim, "hash_kind": cfg.hash_kind,
            "dense_scale": cfg.dense_scale, "blocks": [b.to_dict() for b in cfg.blocks], "lang_bias": cfg.lang_bias}
    return NarrativeModel(tax, head, idf, thresholds or Thresholds(), domain, meta, lang_thresholds)


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
    domains: list[str | None]
    folds: np.ndarray


def cross_validate(tax: Taxonomy, docs: Sequence[Doc], feats: DocFeatures, cfg: NarrativeConfig,
                   folds: int = 5, log: Callable[[str], None] | None = None) -> CVResult:
    """Out-of-fold probabilities for every article (groups keep duplicates in one fold)."""
    fold = np.array([fold_of(d.group, folds) for d in docs])
    probs = np.zeros((len(docs), len(head_labels(tax))), dtype=np.float32)
    domains: list[str | None] = [None] * len(docs)
    for k in range(folds):
        train = [int(i) for i in np.flatnonzero(fold != k)]
        test = [int(i) for i in np.flatnonzero(fold == k)]
        sub = type(feats)(feats.dense[train], feats.counts[train])
        model = fit_model(tax, [docs[i] for i in train], sub, cfg)
        p, d = model_scores(model, feats, test)
        probs[test] = p
        for r, i in enumerate(test):
            domains[i] = d[r] if d else None
        if log:
            log(f"fold {k + 1}/{folds} done")
    return CVResult(probs, domains, fold)


def decode_all(model: Decoder, probs: np.ndarray, domains: Sequence[str | None],
               th: Thresholds) -> list[tuple[list[str], list[str]]]:
    out = []
    for i in range(len(probs)):
        pred = model.decode(probs[i], domains[i] if domains else None, th)
        out.append((pred.narratives, pred.subnarratives))
    return out


def scores_for(docs: Sequence[Doc], preds: Sequence[tuple[list[str], list[str]]],
               rows: Sequence[int] | None = None, scorer: NarrativeF1 | None = None) -> dict[str, float]:
    """Mean coarse/fine F1 of ``rows`` (the shared scorer's rule when ``scorer`` is given)."""
    rows = list(range(len(docs))) if rows is None else list(rows)
    if scorer is not None:
        return scorer.score([(docs[i].narratives, docs[i].subnarratives) for i in rows], [preds[i] for i in rows])
    coarse = sample_f1([docs[i].narratives for i in rows], [preds[i][0] for i in rows])
    fine = sample_f1([docs[i].subnarratives for i in rows], [preds[i][1] for i in rows])
    return {"coarse_f1": coarse, "fine_f1": fine, "n": len(rows)}


#: Weight of articles labelled only "Other" when thresholds are tuned. Their share differs by
#: language (7% to 42% of train) and between train and unseen articles, so tuning on the raw
#: share teaches the thresholds a prior that new data does not share; a fixed middle share does not.
OTHER_SHARE = 0.2

THRESHOLD_GRID = tuple(Thresholds(tn, ts, m) for tn in (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5)
                       for ts in (0.15, 0.2, 0.25, 0.3, 0.4, 0.5) for m in (-0.1, 0.0, 0.1, 0.2))


def prior_weights(docs: Sequence[Doc], rows: Sequence[int], other_share: float | None = OTHER_SHARE) -> np.ndarray:
    """Per-article weights giving Other-only articles ``other_share`` of the total (uniform when None)."""
    is_other = np.array([docs[i].narratives == ["Other"] for i in rows])
    w = np.full(len(rows), 1.0 / max(len(rows), 1))
    if other_share is not None and 0 < is_other.sum() < len(rows):
        w = np.where(is_other, other_share / is_other.sum(), (1 - other_share) / (~is_other).sum())
    return w


def tune_thresholds(model: Decoder, docs: Sequence[Doc], cv: CVResult, rows: Sequence[int] | None = None,
                    scorer: NarrativeF1 | None = None, other_share: float | None = OTHER_SHARE) -> Thresholds:
    """Grid search of the decision thresholds on out-of-fold scores of ``rows`` (coarse + fine F1,
    weighted by :func:`prior_weights`)."""
    return tune_thresholds_scored(model, docs, cv, rows, scorer, other_share)[1]


def tune_thresholds_scored(model: Decoder, docs: Sequence[Doc], cv: CVResult, rows: Sequence[int] | None = None,
                           scorer: NarrativeF1 | None = None,
                           other_share: float | None = OTHER_SHARE) -> tuple[float, Thresholds]:
    """:func:`tune_thresholds` with the weighted coarse + fine F1 the best thresholds reach."""
    rows = list(range(len(docs))) if rows is None else list(rows)
    scorer = scorer or NarrativeF1(*_label_sets(docs))
    gold = [(docs[i].narratives, docs[i].subnarratives) for i in rows]
    weights = prior_weights(docs, rows, other_share)
    ranked = [model.rank(cv.probs[i], cv.domains[i] if cv.domains else None) for i in rows]
    best = (-1.0, Thresholds())
    for th in THRESHOLD_GRID:
        preds = [(p.narratives, p.subnarratives) for p in (finish(r, th) for r in ranked)]
        total = float(np.dot(weights, [c + f for c, f in scorer.per_article(gold, preds)]))
        if total > best[0]:
            best = (total, th)
    return best


def tune_per_language(model: Decoder, docs: Sequence[Doc], cv: CVResult, rows: Sequence[int],
                      scorer: NarrativeF1 | None = None) -> dict[str, Thresholds]:
    """Thresholds of each language tuned on its own articles among ``rows``."""
    out = {}
    for lang in sorted({docs[i].lang for i in rows}):
        mine = [i for i in rows if docs[i].lang == lang]
        out[lang.lower()] = tune_thresholds(model, docs, cv, mine, scorer)
    return out


def _label_sets(docs: Sequence[Doc]) -> tuple[set[str], set[str]]:
    """Every label seen in ``docs`` (the label lists when no taxonomy folder is at hand)."""
    return ({lab for d in docs for lab in d.narratives}, {lab for d in docs for lab in d.subnarratives})
