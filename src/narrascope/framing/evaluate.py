"""Cross-validated evaluation with the official metrics, and the baselines under the same folds."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from .features import EmbeddingCache, fit_idf, hasher, tfidf
from .fit import fit_ovr, fold_of
from .linear import sigmoid
from .narrative_model import Prediction, Thresholds, decode
from .scoring import NarrativeF1
from .semeval import Doc, Mention, role_scores, sample_f1
from .taxonomy import Taxonomy
from .train_narratives import (
    CVResult,
    DocFeatures,
    NarrativeConfig,
    cross_validate,
    featurise,
    head_labels,
    label_matrix,
    prior_weights,
    scores_for,
    tune_per_language,
    tune_thresholds,
)
from .train_roles import RoleConfig, cross_validate_roles, decode_roles, featurise_mentions

Log = Callable[[str], None]
LangThresholds = dict[str, Thresholds]


def by_language(docs: Sequence[Doc], langs: Sequence[str]) -> dict[str, list[int]]:
    out = {lang: [i for i, d in enumerate(docs) if d.lang == lang] for lang in langs}
    out["ALL"] = [i for i, d in enumerate(docs) if d.lang in langs]
    return out


def narrative_cv(tax: Taxonomy, docs: Sequence[Doc], cache: EmbeddingCache, cfg: NarrativeConfig, folds: int,
                 langs: Sequence[str], log: Log | None = None, scorer: NarrativeF1 | None = None,
                 feats: DocFeatures | None = None) -> tuple[dict[str, Any], CVResult, Thresholds, LangThresholds]:
    """Out-of-fold narrative scores; per-language thresholds tuned on the other folds (nested), so
    the reported F1 never sees its own fold's labels. Returns figures per language (each also
    re-weighted to a 20% share of Other-only articles, ``shifted_*``, the figure that predicts unseen
    data whose Other share differs from train), the OOF scores, and the thresholds tuned on all folds
    (pooled and per language, for the shipped model)."""
    feats = feats if feats is not None else featurise(docs, cache, cfg)
    cv = cross_validate(tax, docs, feats, cfg, folds, log)
    proto = _Decoder(tax)
    preds: list[tuple[list[str], list[str]]] = [([], [])] * len(docs)
    for k in range(folds):
        inner = [i for i in range(len(docs)) if cv.folds[i] != k]
        per_lang = tune_per_language(proto, docs, cv, inner, scorer)
        outer = [i for i in range(len(docs)) if cv.folds[i] == k]
        if any(docs[i].lang.lower() not in per_lang for i in outer):  # a language absent from the inner folds
            per_lang["*"] = tune_thresholds(proto, docs, cv, inner, scorer)
        for i in outer:
            pred = proto.decode(cv.probs[i], cv.domains[i], per_lang.get(docs[i].lang.lower(), per_lang.get("*")))
            preds[i] = (pred.narratives, pred.subnarratives)
    all_rows = list(range(len(docs)))
    final_th = tune_thresholds(proto, docs, cv, all_rows, scorer)
    final_lang = tune_per_language(proto, docs, cv, all_rows, scorer)
    report = {lang: _with_shift(docs, preds, rows, scorer) for lang, rows in by_language(docs, langs).items() if rows}
    return report, cv, final_th, final_lang


def _with_shift(docs: Sequence[Doc], preds: Sequence[tuple[list[str], list[str]]], rows: list[int],
                scorer: NarrativeF1 | None) -> dict[str, float]:
    """Plain figures plus the same re-weighted to a 20% share of Other-only articles."""
    out = scores_for(docs, preds, rows, scorer)
    w = prior_weights(docs, rows)
    if scorer is not None:
        per = scorer.per_article([(docs[i].narratives, docs[i].subnarratives) for i in rows], [preds[i] for i in rows])
        out["shifted_coarse_f1"] = float(np.dot(w, [c for c, _ in per]))
        out["shifted_fine_f1"] = float(np.dot(w, [f for _, f in per]))
    out["other_share"] = float(np.mean([docs[i].narratives == ["Other"] for i in rows]))
    return out


class _Decoder:
    """Just the decoding step of a narrative model (labels and taxonomy, no weights)."""

    def __init__(self, tax: Taxonomy) -> None:
        self.tax = tax
        self.labels = head_labels(tax)

    def decode(self, probs: np.ndarray, domain: str | None = None, thresholds: Thresholds | None = None) -> Prediction:
        return decode(self.tax, self.labels, probs, domain, thresholds or Thresholds())


def narrative_baselines(tax: Taxonomy, docs: Sequence[Doc], folds: int, langs: Sequence[str],
                        scorer: NarrativeF1 | None = None) -> dict[str, Any]:
    """'Other' everywhere, and a TF-IDF (word n-gram) one-vs-rest logistic regression trained on each
    language's own articles (0.5 threshold, Other when nothing fires), under the same folds."""
    other = [([tax.other or "Other"], [tax.other or "Other"])] * len(docs)
    fold = np.array([fold_of(d.group, folds) for d in docs])
    labels = head_labels(tax)
    y = label_matrix(docs, labels)
    counts = hasher(kind="words").transform([d.text for d in docs])
    preds: list[tuple[list[str], list[str]]] = [([], [])] * len(docs)
    n_nar = len(tax.narratives)
    lang_of = np.array([d.lang for d in docs])
    for lang in sorted(set(lang_of)):
        for k in range(folds):
            tr = np.flatnonzero((fold != k) & (lang_of == lang))
            te = np.flatnonzero((fold == k) & (lang_of == lang))
            if not len(tr) or not len(te):
                continue
            idf = fit_idf(counts[tr])
            head = fit_ovr(_sparse(tfidf(counts[tr], idf)), y[tr], labels, 0, 1.0, 4.0)
            probs = sigmoid(head.logits(np.zeros((len(te), 0), np.float32), tfidf(counts[te], idf)))
            for r, i in enumerate(te):
                nars = [labels[j] for j in range(n_nar) if probs[r, j] >= 0.5 and labels[j] != tax.other]
                subs = [labels[j] for j in range(n_nar, len(labels))
                        if probs[r, j] >= 0.5 and tax.parent(labels[j]) in nars]
                preds[i] = (nars, subs) if nars else other[i]
    groups = by_language(docs, langs)
    return {
        "other": {lang: scores_for(docs, other, rows, scorer) for lang, rows in groups.items() if rows},
        "tfidf_lr_per_language": {lang: scores_for(docs, preds, rows, scorer) for lang, rows in groups.items() if rows},
    }


def _sparse(mat: np.ndarray) -> Any:
    import scipy.sparse as sp

    return sp.csr_matrix(mat)


def role_cv(docs: Sequence[Doc], cache: EmbeddingCache, cfg: RoleConfig, folds: int, langs: Sequence[str],
            log: Log | None = None) -> tuple[dict[str, Any], float]:
    """Cross-validated role metrics per language (and the second-role threshold tuned on them)."""
    feats = featurise_mentions(docs, cache, identity=cfg.identity)
    main_p, fine_p = cross_validate_roles(docs, feats, cfg, folds, log)
    best = (-1.0, 0.5)
    for second in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1.01):
        preds = decode_roles(main_p, fine_p, second)
        s = role_scores(feats.mentions, preds)
        if s["emr"] > best[0]:
            best = (s["emr"], second)
    preds = decode_roles(main_p, fine_p, best[1])
    report: dict[str, Any] = {}
    for lang in [*langs, "ALL"]:
        rows = [i for i, m in enumerate(feats.mentions) if lang == "ALL" or docs[feats.doc_index[i]].lang == lang]
        if rows:
            report[lang] = {**role_scores([feats.mentions[i] for i in rows], [preds[i] for i in rows]),
                            "n": len(rows)}
    return report, best[1]


def role_baselines(docs: Sequence[Doc], langs: Sequence[str]) -> dict[str, Any]:
    """Always ``Antagonist / Conspirator``."""
    out = {}
    for lang in [*langs, "ALL"]:
        gold = [m for d in docs if lang == "ALL" or d.lang == lang for m in d.mentions]
        pred = [Mention(m.article_id, m.text, m.start, m.end, "Antagonist", ["Conspirator"]) for m in gold]
        if gold:
            out[lang] = {**role_scores(gold, pred), "n": len(gold)}
    return out


def zero_shot_scores(tax: Taxonomy, docs: Sequence[Doc], cache: EmbeddingCache, langs: Sequence[str]) -> dict[str, Any]:
    """The zero-shot mode (no training) scored on the same articles."""
    from .zeroshot import ZeroShotModel

    zs = ZeroShotModel(tax, cache.embedder)
    preds = []
    for d in docs:
        p = zs.predict(d.text, cache.get(d.text).vectors)
        preds.append((p.narratives, p.subnarratives))
    return {lang: scores_for(docs, preds, rows) for lang, rows in by_language(docs, langs).items() if rows}


__all__ = ["narrative_baselines", "narrative_cv", "role_baselines", "role_cv", "sample_f1", "zero_shot_scores"]
