"""``train narratives|roles``, ``eval semeval2025`` and ``predict semeval2025``."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..framing.semeval import CONTEXT_LANGS, LANGUAGES
from ..models.embeddings import DEFAULT_EMBEDDER, EMBEDDERS
from .main import eval_group, predict_group, train_group

if TYPE_CHECKING:
    from ..framing.train_roles import RoleConfig
    from ..framing.train_salience import EntityFinder

DATA_HELP = "SemEval-2025 Task 10 release (the folder holding train/ and taxonomy/)."


def _models_dir(name: str) -> Path:
    from ..models.shipped import shipped_model_dir

    return shipped_model_dir(name)


def _langs(value: str) -> list[str]:
    return list(LANGUAGES) if value.upper() == "ALL" else [v.strip().upper() for v in value.split(",")]


def _train_options(func: Any) -> Any:
    """The options both training commands take."""
    for opt in reversed(
        [
            click.option(
                "--data", "data", required=True, type=click.Path(exists=True, file_okay=False), help=DATA_HELP
            ),
            click.option(
                "--out", type=click.Path(file_okay=False), default=None, help="Model folder [default: the shipped one]."
            ),
            click.option("--folds", default=5, show_default=True, help="Cross-validation folds for the model card."),
            click.option("--cache", type=click.Path(file_okay=False), default=None, help="Embedding cache folder."),
        ]
    ):
        func = opt(func)
    return func


def _entity_finder() -> EntityFinder:
    """``sentences`` + ``entities`` with the default settings: what the salience head trains on."""
    from ..pipeline import Pipeline
    from ..settings import Settings

    return Pipeline(Settings.load(None, {}), ["sentences", "entities"]).pipe


CONTEXT_HELP = ("Languages whose role features get the e5 vector of the mention's sentence: a list, 'all' "
                "(slower on English and Portuguese articles, see docs/FRAMING.md) or 'none'.")


def _role_config(context_langs: str) -> RoleConfig:
    from ..framing.train_roles import RoleConfig

    value = context_langs.strip().lower()
    if value == "none":
        return RoleConfig(context_encoder="")
    if value == "all":
        return RoleConfig(context_langs=())
    return RoleConfig(context_langs=tuple(v.strip() for v in value.split(",") if v.strip()))


def _train(kind: str, data: str, out: str | None, folds: int, cache: str | None,
           context_langs: str = ",".join(CONTEXT_LANGS)) -> None:
    from ..framing import ship

    target = Path(out) if out else _models_dir(kind)

    def log(message: str) -> None:
        click.echo(message, err=True)

    if kind == "narratives":
        res = ship.train_narratives(data, target, folds, cache, log=log)
    else:
        res = ship.train_roles(data, target, _entity_finder(), folds, cache, log=log, cfg=_role_config(context_langs))
    click.echo(json.dumps(res["cv"], indent=1))
    click.echo(f"wrote {target}", err=True)


@train_group.command("narratives")
@_train_options
def train_narratives_cmd(data: str, out: str | None, folds: int, cache: str | None) -> None:
    """Train the narrative model on all five languages and write it with its model card."""
    _train("narratives", data, out, folds, cache)


@train_group.command("roles")
@_train_options
@click.option("--context-langs", default=",".join(CONTEXT_LANGS), show_default=True, help=CONTEXT_HELP)
def train_roles_cmd(data: str, out: str | None, folds: int, cache: str | None, context_langs: str) -> None:
    """Train the entity-role model on all five languages and write it with its model card."""
    _train("roles", data, out, folds, cache, context_langs)


@eval_group.command("semeval2025")
@click.option("--data", "data", required=True, type=click.Path(exists=True, file_okay=False), help=DATA_HELP)
@click.option("--lang", default="EN", show_default=True, help="EN, BG, PT, RU, HI, a list or ALL.")
@click.option("--folds", default=5, show_default=True)
@click.option("--cache", type=click.Path(file_okay=False), default=None, help="Embedding cache folder.")
@click.option("--component", type=click.Choice(["all", "narratives", "roles"]), default="all", show_default=True)
@click.option(
    "--embedder",
    type=click.Choice(EMBEDDERS),
    default=DEFAULT_EMBEDDER,
    show_default=True,
    help="Sentence embedder the heads are trained on.",
)
@click.option("--context-langs", default=",".join(CONTEXT_LANGS), show_default=True, help=CONTEXT_HELP)
@click.option("--zero-shot", is_flag=True, help="Also score the zero-shot (label-definition) mode.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def eval_semeval_cmd(
    data: str,
    lang: str,
    folds: int,
    cache: str | None,
    component: str,
    embedder: str,
    context_langs: str,
    zero_shot: bool,
    as_json: bool,
) -> None:
    """Cross-validate narratives and roles on the training release (trained on all languages,
    reported for --lang), with the baselines under the same folds."""
    from ..framing.blend import blend_cv
    from ..framing.evaluate import narrative_baselines, narrative_cv, role_baselines, role_cv, zero_shot_scores
    from ..framing.features import EmbeddingCache
    from ..framing.scoring import NarrativeF1
    from ..framing.semeval import load_release
    from ..framing.ship import default_cache, taxonomy_dir
    from ..framing.taxonomy import load_semeval_taxonomy
    from ..framing.train_narratives import NarrativeConfig

    langs = _langs(lang)
    docs = load_release(data)
    emb = EmbeddingCache(cache or default_cache(), embedder)

    def log(message: str) -> None:
        click.echo(message, err=True)

    result: dict[str, object] = {"folds": folds, "languages": langs}
    if component in ("all", "narratives"):
        tax = load_semeval_taxonomy(taxonomy_dir(data))
        scorer = NarrativeF1.for_data(taxonomy_dir(data), data)
        log(f"scorer: {scorer.source}")
        rep, cv, th, _lang_th = narrative_cv(tax, docs, emb, NarrativeConfig(embedder=embedder), folds, langs, log,
                                             scorer)
        blend = blend_cv(tax, docs, cv, rep, langs, scorer, log=log)
        result["narratives"] = blend.report
        result["narratives_pooled_heads_alone"] = rep
        result["narratives_baselines"] = narrative_baselines(tax, docs, folds, langs, scorer, blend.lexical_oof)
        result["narratives_thresholds"] = {
            "pooled": th.to_dict(),
            **{k: {**c.thresholds.to_dict(), "lexical_weight": c.weight} for k, c in blend.choice.items()}}
        if zero_shot:
            result["narratives_zero_shot"] = zero_shot_scores(tax, [d for d in docs if d.lang in langs], emb, langs)
    if component in ("all", "roles"):
        cfg = replace(_role_config(context_langs), embedder=embedder)
        rep_r, second = role_cv(docs, emb, cfg, folds, langs, log)
        result["roles"] = rep_r
        result["roles_baseline_antagonist_conspirator"] = role_baselines(docs, langs)
        result["roles_second_threshold"] = second
        from ..framing.ship import salience_cv

        sal, _cands, threshold = salience_cv(docs, folds, langs, log, _entity_finder())
        result["roles_salience"] = sal
        result["roles_salience_threshold"] = threshold
    if as_json:
        click.echo(json.dumps(result, indent=1))
        return
    for key, value in result.items():
        if isinstance(value, dict):
            click.echo(f"{key}:")
            for name, row in value.items():
                click.echo(f"  {name}: {_fmt(row)}")
        else:
            click.echo(f"{key}: {value}")


def _fmt(row: object) -> str:
    if isinstance(row, dict):
        return ", ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={_fmt(v)}" for k, v in row.items())
    return str(row)


@predict_group.command("semeval2025")
@click.option(
    "--docs",
    "docs",
    required=True,
    type=click.Path(exists=True, file_okay=False),
    help="Folder of raw documents (*.txt).",
)
@click.option(
    "--mentions",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="Subtask-1 mentions (article_id, mention, start, end inclusive) to classify.",
)
@click.option(
    "--dominant",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="Subtask-3 dominant narratives (article_id, narrative, sub-narrative) to explain.",
)
@click.option("--out", required=True, type=click.Path(file_okay=False), help="Output folder.")
@click.option("--narratives-model", type=click.Path(exists=True, file_okay=False), default=None)
@click.option("--roles-model", type=click.Path(exists=True, file_okay=False), default=None)
@click.option("--cache", type=click.Path(file_okay=False), default=None, help="Embedding cache folder (optional).")
def predict_semeval_cmd(
    docs: str,
    mentions: str | None,
    dominant: str | None,
    out: str,
    narratives_model: str | None,
    roles_model: str | None,
    cache: str | None,
) -> None:
    """Write subtask-1/2/3 prediction files for a folder of documents, offline, with the shipped models."""
    from ..framing.narrative_model import NarrativeModel
    from ..framing.predict import predict_semeval
    from ..framing.role_model import RoleModel

    nar = NarrativeModel.load(narratives_model or _models_dir("narratives"))
    rol = RoleModel.load(roles_model or _models_dir("roles")) if mentions else None
    counts = predict_semeval(docs, out, nar, rol, mentions, dominant, cache, log=lambda m: click.echo(m, err=True))
    for name, n in counts.items():
        click.echo(f"{name}: {n} lines -> {Path(out) / (name + '-predictions.txt')}")
