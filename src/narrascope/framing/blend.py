"""Per-language blending of the pooled model's label probabilities with the per-language lexical
heads' (:mod:`.lexical`), the weight and the decision thresholds chosen together on out-of-fold
scores with Other-only articles re-weighted to a fixed share (the ``shifted`` objective), so the
weight does not learn a language's train prior either."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .evaluate import LabelDecoder, cv_report, lexical_cv, lexical_inputs
from .lexical import LexicalConfig, blended, domains_from, fit_lexical
from .narrative_model import NarrativeModel, Thresholds
from .scoring import NarrativeF1
from .semeval import Doc
from .taxonomy import Taxonomy
from .train_narratives import CVResult, Decoder, tune_thresholds_scored

#: Weights of the lexical heads tried per language (0 = the pooled model alone, 1 = lexical alone).
WEIGHT_GRID = (0.0, 0.25, 0.4, 0.55, 0.7, 1.0)


@dataclass(frozen=True)
class BlendChoice:
    """One language's lexical weight and the thresholds tuned for it."""

    weight: float
    thresholds: Thresholds


def tune_blend(decoder: Decoder, docs: Sequence[Doc], pooled: CVResult, lexical: np.ndarray, rows: Sequence[int],
               scorer: NarrativeF1 | None = None, grid: Sequence[float] = WEIGHT_GRID) -> dict[str, BlendChoice]:
    """For each language among ``rows``: the weight and thresholds with the best weighted F1 on its rows."""
    out: dict[str, BlendChoice] = {}
    for lang in sorted({docs[i].lang for i in rows}):
        mine = [i for i in rows if docs[i].lang == lang]
        best: tuple[float, BlendChoice] | None = None
        for w in grid:
            cv = CVResult(blended(pooled.probs, lexical, w), pooled.domains, pooled.folds)
            score, th = tune_thresholds_scored(decoder, docs, cv, mine, scorer)
            if best is None or score > best[0] + 1e-9:
                best = (score, BlendChoice(w, th))
        assert best is not None
        out[lang.lower()] = best[1]
    return out


def nested_blend_predictions(decoder: Decoder, docs: Sequence[Doc], pooled: CVResult, lexical: np.ndarray,
                             scorer: NarrativeF1 | None = None, grid: Sequence[float] = WEIGHT_GRID,
                             ) -> tuple[list[tuple[list[str], list[str]]], dict[str, list[float]]]:
    """Each fold decoded with the weight and thresholds its language chose on the other folds;
    also the weight each fold chose, per language (for the model card)."""
    preds: list[tuple[list[str], list[str]]] = [([], [])] * len(docs)
    chosen: dict[str, list[float]] = {}
    for k in sorted(set(pooled.folds.tolist())):
        inner = [i for i in range(len(docs)) if pooled.folds[i] != k]
        choice = tune_blend(decoder, docs, pooled, lexical, inner, scorer, grid)
        for lang, c in choice.items():
            chosen.setdefault(lang, []).append(c.weight)
        for i in (i for i in range(len(docs)) if pooled.folds[i] == k):
            c = choice.get(docs[i].lang.lower(), BlendChoice(0.0, Thresholds()))
            pred = decoder.decode(blended(pooled.probs[i], lexical[i], c.weight), pooled.domains[i], c.thresholds)
            preds[i] = (pred.narratives, pred.subnarratives)
    return preds, chosen


@dataclass
class BlendResult:
    """Out-of-fold figures of the blend (and of the pooled heads alone), the weight each fold chose,
    the final per-language choice and the lexical heads' out-of-fold scores (for the baselines)."""

    report: dict[str, Any]
    pooled_report: dict[str, Any]
    fold_weights: dict[str, list[float]]
    choice: dict[str, BlendChoice]
    lexical_oof: np.ndarray


def blend_cv(tax: Taxonomy, docs: Sequence[Doc], pooled: CVResult, pooled_report: dict[str, Any],
             langs: Sequence[str], scorer: NarrativeF1 | None = None, cfg: LexicalConfig | None = None,
             log: Callable[[str], None] | None = None) -> BlendResult:
    """Lexical out-of-fold scores under ``pooled``'s folds, the nested blend, and the final choice."""
    folds = int(pooled.folds.max()) + 1
    oof = lexical_cv(tax, docs, folds, cfg)
    # the lexical heads' domain where they have one, as the shipped model does (LexicalHeads.blend)
    domains = [lex or dom for lex, dom in zip(domains_from(oof), pooled.domains, strict=True)]
    pooled = CVResult(pooled.probs, domains, pooled.folds)
    if log:
        log("lexical heads cross-validated; tuning the blend")
    decoder = LabelDecoder(tax)
    preds, fold_weights = nested_blend_predictions(decoder, docs, pooled, oof, scorer)
    choice = tune_blend(decoder, docs, pooled, oof, list(range(len(docs))), scorer)
    return BlendResult(cv_report(docs, preds, langs, scorer), pooled_report, fold_weights, choice, oof)


def fit_blended(model: NarrativeModel, tax: Taxonomy, docs: Sequence[Doc], choice: dict[str, BlendChoice],
                cfg: LexicalConfig | None = None) -> NarrativeModel:
    """Attach lexical heads fitted on all ``docs`` to ``model``, with each language's weight and thresholds."""
    cfg = cfg or LexicalConfig()
    counts, y, langs, labels = lexical_inputs(tax, docs, cfg)
    lexical = fit_lexical(counts, y, langs, labels, cfg)
    lexical.weights = {lang: c.weight for lang, c in choice.items()}
    model.lexical = lexical
    model.lang_thresholds.update({lang: c.thresholds for lang, c in choice.items()})
    return model
