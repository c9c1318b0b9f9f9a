"""``train techniques``, ``eval semeval2023`` and ``predict semeval2023`` (SemEval-2023 Task 3)."""

from __future__ import annotations

import json
from pathlib import Path

import click
import numpy as np

from .main import eval_group, predict_group, train_group

DATA_HELP = "The semeval2023-t3 folder (holding train/{en,ru}/)."
LEXICON_HELP = "Score given to sentences with a hand-written cue (0 = learned model only)."
CACHE_HELP = "Folder caching sentence splits and embeddings between runs."
EMBEDDER_HELP = "Sentence encoder: use (default, fast), e5 or use+e5 (slower; see the model card)."
EMBEDDER_CHOICES = click.Choice(["use", "e5", "use+e5"])


def _log(message: str) -> None:
    click.echo(message, err=True)


def _cache(value: str | None) -> Path | None:
    return Path(value) if value else None


@eval_group.command("semeval2023")
@click.option("--data", required=True, type=click.Path(exists=True, file_okay=False), help=DATA_HELP)
@click.option(
    "--lang",
    "language",
    default="en",
    show_default=True,
    type=click.Choice(["en", "ru"]),
    help="Language whose paragraphs are scored.",
)
@click.option("--folds", default=5, show_default=True, help="Cross-validation folds.")
@click.option(
    "--folds-by",
    "folds_by",
    default="article",
    show_default=True,
    type=click.Choice(["article", "topic"]),
    help="Shuffle articles into folds, or hold out whole topic clusters (closer to unseen data).",
)
@click.option("--train-lang", "train_langs", default="en,ru", show_default=True, help="Training languages.")
@click.option("--no-embeddings", is_flag=True, help="Hashed n-grams only (no sentence encoder).")
@click.option("--embedder", default="use", show_default=True, type=EMBEDDER_CHOICES, help=EMBEDDER_HELP)
@click.option("--baseline", is_flag=True, help="Also score a plain TF-IDF logistic-regression baseline.")
@click.option("--lexicon-weight", default=0.5, show_default=True, help=LEXICON_HELP)
@click.option("--localisation", is_flag=True, help="Also score the span tagger (character F1, first fold).")
@click.option("--cache", type=click.Path(file_okay=False), default=None, help=CACHE_HELP)
@click.option(
    "--scorer",
    type=click.Path(dir_okay=False),
    default=None,
    help="The shared held-out scorer [default: ../../scorers/score_semeval2023_t3.py beside --data].",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def eval_semeval2023_cmd(
    data: str,
    language: str,
    folds: int,
    folds_by: str,
    train_langs: str,
    no_embeddings: bool,
    embedder: str,
    baseline: bool,
    lexicon_weight: float,
    localisation: bool,
    cache: str | None,
    scorer: str | None,
    as_json: bool,
) -> None:
    """Cross-validated paragraph micro-F1 and per-technique P/R/F1 on the training release.

    The headline micro-F1 is the shared held-out scorer's, run on the out-of-fold predictions
    against the release's paragraph labels; the per-technique table is narrascope's own.
    ``--folds-by topic`` clusters each language's articles by their mean sentence vector and holds
    out whole clusters: on the EN train release it reads about 0.05 lower than article folds, which
    is nearer the held-out dev figure.
    """
    from ..techniques.baseline import tfidf_baseline
    from ..techniques.evaluation import format_report
    from ..techniques.experiment import (
        cv_predictions,
        cv_report,
        localisation_report,
        out_of_fold,
        prepare,
        with_lexicon,
    )
    from ..techniques.shared_scorer import default_scorer, gold_file, shared_score

    langs = tuple(x.strip() for x in train_langs.split(",") if x.strip())
    if language not in langs:
        raise click.BadParameter(f"--lang {language} must be one of the training languages", param_hint="--lang")
    gold = gold_file(Path(data), language)
    if not gold.is_file():
        raise click.BadParameter(f"no {gold}: is this the semeval2023-t3 folder?", param_hint="--data")
    scorer_path = Path(scorer) if scorer else default_scorer(Path(data))
    if not scorer_path.is_file():
        raise click.BadParameter(f"no shared scorer at {scorer_path}", param_hint="--scorer")
    prep = prepare(Path(data), langs, None if no_embeddings else embedder, _cache(cache), _log)
    oof, fold_of_doc = out_of_fold(prep, folds, log=_log, by=folds_by)
    report = cv_report(prep, oof, fold_of_doc, language, lexicon_weight)
    table, rows, pred = cv_predictions(prep, with_lexicon(prep, oof, lexicon_weight), fold_of_doc, language)
    shared = shared_score(scorer_path, gold, prep.docs, prep.labels, table, pred, rows)
    out: dict[str, object] = {
        "shared_scorer": {"script": str(scorer_path), **shared},
        "folds_by": folds_by,
        "model": report.to_dict(),
    }
    if lexicon_weight > 0:
        out["model_without_lexicon"] = cv_report(prep, oof, fold_of_doc, language).to_dict()
    if baseline:
        out["tfidf_baseline"] = tfidf_baseline(prep, folds, language, fold_of_doc=fold_of_doc).to_dict()
    if localisation:
        out["localisation"] = localisation_report(prep, fold_of_doc, language)
    if as_json:
        click.echo(json.dumps(out, indent=1))
        return
    click.echo(
        f"shared scorer ({scorer_path.name}) on the out-of-fold predictions: paragraph micro-F1 "
        f"{shared['micro_f1']:.3f} (P {shared['precision']:.3f}, R {shared['recall']:.3f}), "
        f"{shared['paragraphs']} gold paragraphs, {shared['missing']} without a prediction"
    )
    click.echo(format_report(report, f"narrascope's own per-technique table ({folds} {folds_by} folds, {language})"))
    if lexicon_weight > 0:
        plain = out["model_without_lexicon"]
        assert isinstance(plain, dict)
        click.echo(f"without the cue lexicon: paragraph micro-F1 {plain['micro_f1']:.3f}")
    if baseline:
        b = out["tfidf_baseline"]
        assert isinstance(b, dict)
        click.echo(f"TF-IDF LR baseline (paragraphs, same folds, threshold 0.5): micro-F1 {b['micro_f1']:.3f}")
    if localisation:
        click.echo(f"span localisation on fold 1 (gold-positive sentences): {out['localisation']}")


@train_group.command("techniques")
@click.option("--data", required=True, type=click.Path(exists=True, file_okay=False), help=DATA_HELP)
@click.option(
    "--out",
    type=click.Path(file_okay=False),
    default=None,
    help="Output folder [default: the package's data/models/techniques].",
)
@click.option("--folds", default=5, show_default=True, help="Folds for the thresholds and the model card figures.")
@click.option("--lexicon-weight", default=0.5, show_default=True, help=LEXICON_HELP)
@click.option("--cache", type=click.Path(file_okay=False), default=None, help=CACHE_HELP)
@click.option("--embedder", default="use", show_default=True, type=EMBEDDER_CHOICES, help=EMBEDDER_HELP)
def train_techniques_cmd(
    data: str, out: str | None, folds: int, lexicon_weight: float, cache: str | None, embedder: str
) -> None:
    """Train the shipped technique model (EN + RU) and write its model card with CV figures.

    ``--embedder e5 --out DIR`` trains the slower, more accurate variant (see the model card); point
    ``[components.techniques] model`` at DIR to use it.
    """
    from ..techniques.baseline import tfidf_baseline
    from ..techniques.card import comparison_section, write_card
    from ..techniques.experiment import (
        cv_report,
        language_thresholds,
        localisation_report,
        out_of_fold,
        prepare,
        train_model,
    )
    from ..techniques.model import default_model_dir

    prep = prepare(Path(data), ("en", "ru"), embedder, _cache(cache), _log)
    oof, fold_of_doc = out_of_fold(prep, folds, log=_log)
    if cache:
        np.save(Path(cache) / "techniques-oof.npy", oof)  # lets the figures be re-derived without refitting
    reports = {language: cv_report(prep, oof, fold_of_doc, language, lexicon_weight) for language in ("en", "ru")}
    plain = cv_report(prep, oof, fold_of_doc, "en")
    thresholds = language_thresholds(prep, oof, lexicon_weight)
    meta = {
        "cv": {k: v.to_dict() for k, v in reports.items()},
        "cv_en_without_lexicon": plain.to_dict(),
        "folds": folds,
        "training_articles": len(prep.docs),
    }
    model = train_model(prep, thresholds, meta=meta, lexicon_weight=lexicon_weight, embedder=embedder)
    target = Path(out) if out else default_model_dir()
    model.save(target)
    extra = comparison_section(
        tfidf_baseline(prep, folds, "en"), localisation_report(prep, fold_of_doc, "en"), plain.micro_f1
    )
    write_card(target, model, reports, extra)
    _log(f"wrote {target}")
    for language, report in reports.items():
        click.echo(f"{language}: cross-validated paragraph micro-F1 {report.micro_f1:.3f}")


@predict_group.command("semeval2023")
@click.option(
    "--docs", required=True, type=click.Path(exists=True, file_okay=False), help="Folder of article<ID>.txt files."
)
@click.option(
    "--template",
    required=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Template: article_id<TAB>paragraph_no[<TAB>text] per line.",
)
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="Where to write the predictions.")
@click.option("--lang", "language", default="en", show_default=True, help="Language of the articles.")
@click.option(
    "--model", "model_dir", type=click.Path(file_okay=False), default=None, help="Model folder [default: shipped]."
)
def predict_semeval2023_cmd(docs: str, template: str, out: str, language: str, model_dir: str | None) -> None:
    """Write ``article_id<TAB>paragraph_no<TAB>techniques`` for each template line."""
    from ..techniques.model import load_model
    from ..techniques.predict import predict_template

    model = load_model(Path(model_dir) if model_dir else None)
    lines = predict_template(model, Path(docs), Path(template), language, _log)
    Path(out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    _log(f"wrote {len(lines)} lines to {out}")
