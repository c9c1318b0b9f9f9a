"""Cross-validated evaluation with the official metrics, and the baselines under the same folds."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from .features import EmbeddingCache
from .fit import fold_of
from .lexical import (
    DOMAIN_COLS,
    LexicalConfig,
    cross_validate_lexical,
    domain_columns,
    domains_from,
    lexical_counts,
)
from .narrative_model import Prediction, Ranked, Thresholds, decode, rank
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
from .train_roles import RoleConfig, cross_validate_roles, decode_roles, featurise_mentions, training_context

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
    preds = nested_predictions(tax, docs, cv, scorer)
    all_rows = list(range(len(docs)))
    proto = LabelDecoder(tax)
    final_th = tune_thresholds(proto, docs, cv, all_rows, scorer)
    final_lang = tune_per_language(proto, docs, cv, all_rows, scorer)
    return cv_report(docs, preds, langs, scorer), cv, final_th, final_lang


def nested_predictions(tax: Taxonomy, docs: Sequence[Doc], cv: CVResult,
                       scorer: NarrativeF1 | None = None) -> list[tuple[list[str], list[str]]]:
    """Decode each fold's out-of-fold scores with per-language thresholds tuned on the other folds."""
    proto = LabelDecoder(tax)
    preds: list[tuple[list[str], list[str]]] = [([], [])] * len(docs)
    for k in sorted(set(cv.folds.tolist())):
        inner = [i for i in range(len(docs)) if cv.folds[i] != k]
        per_lang = tune_per_language(proto, docs, cv, inner, scorer)
        outer = [i for i in range(len(docs)) if cv.folds[i] == k]
        if any(docs[i].lang.lower() not in per_lang for i in outer):  # a language absent from the inner folds
            per_lang["*"] = tune_thresholds(proto, docs, cv, inner, scorer)
        for i in outer:
            pred = proto.decode(cv.probs[i], cv.domains[i], per_lang.get(docs[i].lang.lower(), per_lang.get("*")))
            preds[i] = (pred.narratives, pred.subnarratives)
    return preds


def cv_report(docs: Sequence[Doc], preds: Sequence[tuple[list[str], list[str]]], langs: Sequence[str],
              scorer: NarrativeF1 | None = None) -> dict[str, Any]:
    """Figures per language (and ALL), plain and ``shifted_*``."""
    return {lang: _with_shift(docs, preds, rows, scorer) for lang, rows in by_language(docs, langs).items() if rows}


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


class LabelDecoder:
    """Just the decoding step of a narrative model (labels and taxonomy, no weights)."""

    def __init__(self, tax: Taxonomy) -> None:
        self.tax = tax
        self.labels = head_labels(tax)

    def decode(self, probs: np.ndarray, domain: str | None = None, thresholds: Thresholds | None = None) -> Prediction:
        return decode(self.tax, self.labels, probs, domain, thresholds or Thresholds())

    def rank(self, probs: np.ndarray, domain: str | None = None) -> Ranked:
        return rank(self.tax, self.labels, probs, domain)


def narrative_baselines(tax: Taxonomy, docs: Sequence[Doc], folds: int, langs: Sequence[str],
                        scorer: NarrativeF1 | None = None, lexical_oof: np.ndarray | None = None) -> dict[str, Any]:
    """'Other' everywhere, and the per-language TF-IDF reference under the same folds: the lexical
    heads alone (:mod:`.lexical`: hashed word 1-2-gram sublinear TF-IDF, one-vs-rest logistic regression
    with balanced class weights trained on each language's own articles), decoded with the taxonomy
    rules and per-language thresholds tuned on the other folds (``lexical_oof``: their out-of-fold
    scores when already computed)."""
    other = [([tax.other or "Other"], [tax.other or "Other"])] * len(docs)
    oof = lexical_oof if lexical_oof is not None else lexical_cv(tax, docs, folds)
    preds = lexical_alone(tax, docs, oof, folds, scorer)
    groups = by_language(docs, langs)
    return {
        "other": {lang: scores_for(docs, other, rows, scorer) for lang, rows in groups.items() if rows},
        "tfidf_lr_per_language": cv_report(docs, preds, langs, scorer),
    }


def lexical_inputs(tax: Taxonomy, docs: Sequence[Doc], cfg: LexicalConfig) -> tuple[Any, np.ndarray, np.ndarray,
                                                                                     list[str]]:
    """Hashed counts, label matrix (with the domain pseudo-labels), languages and labels of ``docs``."""
    labels = [*head_labels(tax), *DOMAIN_COLS]
    y = np.hstack([label_matrix(docs, head_labels(tax)), domain_columns([d.domain for d in docs])])
    counts = lexical_counts(cfg, [d.text for d in docs])
    return counts, y, np.array([d.lang for d in docs]), labels


def lexical_cv(tax: Taxonomy, docs: Sequence[Doc], folds: int, cfg: LexicalConfig | None = None) -> np.ndarray:
    """Out-of-fold probabilities of the per-language lexical heads under the CV folds."""
    cfg = cfg or LexicalConfig()
    counts, y, langs, labels = lexical_inputs(tax, docs, cfg)
    fold = np.array([fold_of(d.group, folds) for d in docs])
    return cross_validate_lexical(counts, y, langs, labels, cfg, fold)


def lexical_alone(tax: Taxonomy, docs: Sequence[Doc], oof: np.ndarray, folds: int,
                  scorer: NarrativeF1 | None = None) -> list[tuple[list[str], list[str]]]:
    """The lexical heads as a model of their own: their domain columns mask, nested thresholds."""
    fold = np.array([fold_of(d.group, folds) for d in docs])
    cv = CVResult(oof[:, : len(head_labels(tax))], domains_from(oof), fold)
    return nested_predictions(tax, docs, cv, scorer)



def role_cv(docs: Sequence[Doc], cache: EmbeddingCache, cfg: RoleConfig, folds: int, langs: Sequence[str],
            log: Log | None = None) -> tuple[dict[str, Any], float]:
    """Cross-validated role metrics per language (and the second-role threshold tuned on them)."""
    feats = featurise_mentions(docs, cache, identity=cfg.identity, context=training_context(cfg, cache))
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
