"""One-command training of the shipped models: cross-validate, tune, fit on everything,
write weights + config + MODEL_CARD.md (the ``narrascope train narratives|roles`` commands)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .blend import blend_cv, fit_blended
from .evaluate import narrative_baselines, narrative_cv, role_baselines, role_cv
from .features import EmbeddingCache
from .scoring import NarrativeF1
from .semeval import LANGUAGES, Doc, load_release
from .taxonomy import load_semeval_taxonomy
from .train_narratives import NarrativeConfig, featurise, fit_model
from .train_roles import RoleConfig, featurise_mentions, fit_roles, training_context
from .train_salience import (
    Candidates,
    EntityFinder,
    candidates,
    cross_validate_salience,
    fit_salience,
    salience_report,
    tune_threshold,
)

Log = Callable[[str], None]

LICENCE = (
    "Trained on the SemEval-2025 Task 10 training release, which the organisers licence for research "
    "and evaluation only. The weights are derived from that data: use them for research, and do not "
    "redistribute them as a product. No article text is stored in this folder."
)


def default_cache() -> Path:
    """Where sentence embeddings of training articles are cached between runs."""
    return Path(os.environ.get("NARRASCOPE_CACHE", Path.home() / ".cache" / "narrascope")) / "embeddings"


def taxonomy_dir(data_dir: str | Path) -> Path:
    root = Path(data_dir)
    return root / "taxonomy" if (root / "taxonomy").is_dir() else root.parent / "taxonomy"


def _table(report: dict[str, dict[str, Any]], keys: Sequence[str]) -> str:
    head = "| lang | n | " + " | ".join(keys) + " |\n|---|---|" + "---|" * len(keys) + "\n"
    rows = [f"| {lang} | {r['n']} | " + " | ".join(f"{r[k]:.3f}" if k in r else "–" for k in keys) + " |"
            for lang, r in report.items()]
    return head + "\n".join(rows) + "\n"


def train_narratives(data_dir: str | Path, out: str | Path, folds: int = 5, cache_dir: str | Path | None = None,
                     langs: Sequence[str] = LANGUAGES, log: Log = print) -> dict[str, Any]:
    t0 = time.time()
    tax = load_semeval_taxonomy(taxonomy_dir(data_dir))
    docs = load_release(data_dir, langs)
    cache = EmbeddingCache(cache_dir or default_cache())
    cfg = NarrativeConfig()
    scorer = NarrativeF1.for_data(taxonomy_dir(data_dir), data_dir)
    log(f"{len(docs)} articles; embedding (cached in {cache.dir}) and cross-validating ({folds} folds); "
        f"scorer: {scorer.source}")
    feats = featurise(docs, cache, cfg)
    pooled, cv, th, lang_th = narrative_cv(tax, docs, cache, cfg, folds, langs, log, scorer, feats)
    blend = blend_cv(tax, docs, cv, pooled, langs, scorer, log=log)
    base = {"pooled_heads_alone": pooled,
            **narrative_baselines(tax, docs, folds, langs, scorer, blend.lexical_oof)}
    model = fit_blended(fit_model(tax, docs, feats, cfg, th, lang_th), tax, docs, blend.choice)
    model.save(out, {"cv": blend.report, "cv_pooled_heads_alone": pooled, "trained_on": _counts(docs)})
    tuned = {"pooled": th.to_dict(),
             **{k: {**c.thresholds.to_dict(), "lexical_weight": c.weight} for k, c in blend.choice.items()},
             "lexical_weight_chosen_per_fold": blend.fold_weights}
    _card(Path(out), "narratives", blend.report, base, folds, docs, time.time() - t0,
          ["coarse_f1", "fine_f1", "shifted_coarse_f1", "shifted_fine_f1"], tuned)
    return {"cv": blend.report, "baselines": base, "thresholds": tuned, "fold_weights": blend.fold_weights}


def train_roles(data_dir: str | Path, out: str | Path, find_entities: EntityFinder, folds: int = 5,
                cache_dir: str | Path | None = None, langs: Sequence[str] = LANGUAGES,
                log: Log = print, cfg: RoleConfig | None = None) -> dict[str, Any]:
    """Cross-validate, fit and write the role model with its salience head (candidates from ``find_entities``)."""
    t0 = time.time()
    docs = load_release(data_dir, langs)
    cache = EmbeddingCache(cache_dir or default_cache())
    cfg = cfg or RoleConfig()
    log(f"{sum(len(d.mentions) for d in docs)} mentions in {len(docs)} articles; cross-validating ({folds} folds)")
    report, second = role_cv(docs, cache, cfg, folds, langs, log)
    base = role_baselines(docs, langs)
    feats = featurise_mentions(docs, cache, identity=cfg.identity, context=training_context(cfg, cache))
    rows = [i for i, m in enumerate(feats.mentions) if m.main_role]
    model = fit_roles(feats, cfg, rows, second)
    log("salience head: running the entities component over the training articles")
    sal_report, cands, threshold = salience_cv(docs, folds, langs, log, find_entities)
    model.salience = fit_salience(cands, range(len(cands.texts)), threshold=threshold)
    model.save(out, {"cv": report, "salience_cv": sal_report, "trained_on": _counts(docs)})
    _card(Path(out), "roles", report, {"antagonist_conspirator": base}, folds, docs, time.time() - t0,
          ["emr", "main_accuracy", "fine_micro_f1"], {"second_role": second, "salience_threshold": threshold},
          salience=sal_report, cfg=cfg)
    return {"cv": report, "baselines": base, "second": second, "salience": sal_report}


def _salience_text(report: dict[str, Any]) -> str:
    """The card's description of the salience head, with its English figures from ``report``."""
    text = (
        "A logistic head over hashed entity tokens (type, identity and affiliation with the language, mention "
        "count, first position, title, neighbouring words) scores each entity that the `entities` component finds "
        "in an article; an entity is positive when one of its mentions overlaps a gold subtask-1 mention. "
        "Entity-level figures under the same folds, threshold picked on the pooled out-of-fold scores; "
        "`kept_per_article` counts the entities kept, `gold_per_article` the candidate entities that carry a gold "
        "role, and `keep_all_f1` is the F1 of giving every entity a role (the behaviour without this head). "
    )
    en = report.get("EN")
    if en and en.get("articles"):
        text += (f"On English articles the head keeps {en['kept_per_article']:.1f} of "
                 f"{en['entities'] / en['articles']:.1f} entities per article and raises the F1 from "
                 f"{en['keep_all_f1']:.2f} to {en['f1']:.2f}, at a recall of {en['recall']:.2f}. ")
    return text + ("Outside English the entities component finds gazetteer names only (with their Cyrillic, "
                   "Devanagari and Portuguese forms, `data/actors/translations.yaml`), so an actor missing from "
                   "the gazetteer never gets a role there.\n")


def salience_cv(docs: Sequence[Doc], folds: int, langs: Sequence[str], log: Log,
                find_entities: EntityFinder) -> tuple[dict[str, Any], Candidates, float]:
    """Candidates from the entities component, out-of-fold salience figures and the tuned threshold."""
    with_roles = [d for d in docs if d.mentions]
    cands = candidates(with_roles, find_entities, log)
    scores = cross_validate_salience(with_roles, cands, folds)
    threshold = tune_threshold(cands, scores)
    report = salience_report(with_roles, cands, scores, threshold, langs)
    return {lang: {**r, "n": r["entities"]} for lang, r in report.items()}, cands, threshold


def _counts(docs: Sequence[Doc]) -> dict[str, int]:
    out: dict[str, int] = {}
    for d in docs:
        out[d.lang] = out.get(d.lang, 0) + 1
    return out


def _card(out: Path, kind: str, report: dict[str, Any], baselines: dict[str, Any], folds: int,
          docs: Sequence[Doc], seconds: float, keys: list[str], tuned: dict[str, Any],
          salience: dict[str, Any] | None = None, cfg: RoleConfig | None = None) -> None:
    counts = ", ".join(f"{k} {v}" for k, v in _counts(docs).items())
    what = {
        "narratives": "Article-level SemEval-2025 Task 10 narratives and sub-narratives (subtask 2): pooled "
        "one-vs-rest logistic-regression heads over all languages [mean and lead multilingual USE sentence vectors "
        "++ hashed word 1-2-gram TF-IDF (Devanagari words kept whole)], averaged per language with a lexical "
        "head trained on that language alone (hashed character 3-5-gram sublinear TF-IDF within word "
        "boundaries, one-vs-rest logistic regression, balanced class weights); the language's weight and decision "
        "thresholds are tuned together on out-of-fold scores (Other-only articles weighted to a fixed 20% share, "
        "so neither learns a language's train prior), then the taxonomy's consistency rules apply; the domain "
        "(war/climate; trained on the domain of the file name or of the gold labels) masks the other domain's "
        "labels: the lexical head's where its language has both domains, else a pooled domain head's. "
        "`shifted_*` columns re-weight the same predictions to that 20% Other share: the figure meant to "
        "predict unseen articles, whose Other share differs from train. Scored with "
        "`../shared/scorers/score_semeval2025.py`.",
        "roles": "Entity roles (subtask 1): a 3-way main-role head and a 22-way fine-role head (fine roles "
        "restricted to the main role's set) over [USE vector of the mention's sentence ++ article mean "
        "vector ++ language ++ the multilingual-e5-small vector of the mention's sentence (scaled "
        f"{cfg.context_scale:g}; for {', '.join(cfg.context_langs) or 'every language'} only, zeros elsewhere) "
        "++ hashed n-grams of the ±12-word context, the mention's words and its identity "
        "(normalised string, gazetteer actor, type and affiliation, each also conjoined with the language)]."
        if cfg is not None and cfg.context_encoder else
        "Entity roles (subtask 1): a 3-way main-role head and a 22-way fine-role head (fine roles "
        "restricted to the main role's set) over [USE vector of the mention's sentence ++ article mean "
        "vector ++ language ++ hashed n-grams of the ±12-word context, the mention's words and its identity "
        "(normalised string, gazetteer actor, type and affiliation, each also conjoined with the language)].",
    }[kind]
    text = [f"# {kind} model\n", what + "\n", "## Data\n",
            f"SemEval-2025 Task 10 training release, all five languages ({counts} articles).\n",
            "## Cross-validated figures\n",
            f"{folds}-fold cross-validation on the training release (folds grouped by article; the three "
            "duplicated EN articles share a fold); training on all languages of the other folds; "
            + ("lexical weights and decision thresholds tuned on the training folds only (nested). "
               if kind == "narratives" else
               "the one second-role threshold is picked on the pooled out-of-fold scores. ")
            + "Official metric definitions.\n",
            _table(report, keys)]
    for name, rep in baselines.items():
        text += [f"\nBaseline `{name}` under the same folds:\n", _table(rep, keys)]
    if salience:
        text += ["\n## Salience head (which entities get a role)\n", _salience_text(salience),
                 _table(salience, ["precision", "recall", "f1", "keep_all_f1", "kept_per_article", "gold_per_article"])]
    text += [f"\nTuned decision parameters: `{tuned}`.\n"]
    if kind == "roles":
        text += ["Settings tried and not shipped, with their figures: `docs/FRAMING.md` "
                 "(Roles: experiments not shipped).\n"]
    else:
        text += ["`pooled_heads_alone` is this model without its lexical heads; `tfidf_lr_per_language` is those "
                 "heads alone. Settings tried and not shipped, and what the figures do and do not show: "
                 "`docs/FRAMING.md` (Narratives: per-language lexical heads and domain labels).\n"]
    text += ["## Rebuild\n",
             f"```\nnarrascope train {kind} --data ../shared/data/semeval2025-t10\n```\n",
             f"(took {seconds / 60:.1f} min on 2 CPU cores with a warm embedding cache).\n",
             "## Licence caveat\n", LICENCE + "\n"]
    (out / "MODEL_CARD.md").write_text("\n".join(text), encoding="utf-8")
