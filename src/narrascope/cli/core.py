"""Core commands: analyze, ingest, show, list, export, summary, components."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from contextlib import ExitStack
from typing import IO, Any

import click

from ..document import escape_controls
from ..errors import InputError
from ..exports.formats import FORMATS
from ..pipeline import Pipeline, registered, unknown_layers
from ..render import render_article, render_summary
from ..runner import Outcome, RunReport, run
from ..store import open_store
from .main import Context, db_option, main, pass_ctx, read_store


def _input_options(func: Any) -> Any:
    opts: list[Callable[[Any], Any]] = [
        click.argument("paths", nargs=-1, required=True),
        db_option,
        click.option("--published", metavar="DATE", help="Publication date (YYYY-MM-DD) for inputs that lack one."),
        click.option("--source", metavar="NAME", help="Outlet name for every input (overrides detection)."),
        click.option("--language", metavar="CODE", help="Language code for every input (skips detection)."),
        click.option("--text-field", metavar="NAME", help="Text field of JSON/JSONL/CSV records [default: text]."),
        click.option(
            "--encoding", metavar="NAME",
            help="Decode every input file with this codec (cp1251, koi8-r, utf-16...) instead of detecting it.",
        ),
        click.option(
            "--max-bytes", type=int, metavar="N", help="Reject inputs larger than N bytes [default: 5000000]."
        ),
        click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary table."),
    ]
    for opt in reversed(opts):
        func = opt(func)
    return func


def _settings(ctx: Context, db: str | None, opts: dict[str, Any]) -> Any:
    from ..ingest.decode import check_settings
    from ..ingest.meta import normalise_date

    published = opts.get("published")
    if published:
        try:
            published = normalise_date(published, "--published")
        except InputError as exc:
            raise click.BadParameter(exc.reason, param_hint="--published") from exc
    settings = ctx.settings(
        db,
        **{
            "ingest.published": published,
            "ingest.source": opts.get("source"),
            "ingest.language": opts.get("language"),
            "ingest.text_field": opts.get("text_field"),
            "ingest.encoding": opts.get("encoding"),
            "ingest.max_bytes": opts.get("max_bytes"),
            "pipeline.batch_size": opts.get("batch_size"),
            "pipeline.workers": opts.get("workers"),
            "models.device": opts.get("device"),
        },
    )
    check_settings(settings.ingest.encoding, settings.ingest.doubtful_encoding)  # one line, exit 2, before reading
    return settings


@main.command()
@_input_options
@click.option(
    "-o", "--out", type=click.Path(writable=True),
    help="Also write each article: JSON Lines, or Parquet when OUT ends with .parquet (a directory with --engine ray).",
)
@click.option("--components", metavar="A,B", help="Run only these components (comma-separated, in order).")
@click.option("--batch-size", type=int, metavar="N", help="Articles per batch [default: 16].")
@click.option("--force", is_flag=True, help="Re-analyse articles that are already stored.")
@click.option("--workers", type=click.IntRange(min=1), metavar="N", help="Worker processes [default: 1].")
@click.option("--device", type=click.Choice(["auto", "cpu", "cuda"]), help="Where embeddings run [default: auto].")
@click.option(
    "--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
    help="ray: Ray Data reads the inputs and writes Parquet to --out (no store).",
)
@click.option("--address", metavar="ADDR", help="Ray cluster address for --engine ray [default: start a local Ray].")
@pass_ctx
def analyze(ctx: Context, /, paths: tuple[str, ...], db: str | None, out: str | None, **opts: Any) -> None:
    """Analyse PATHS (files, directories, globs, - for stdin) and store the results.

    Text, HTML, JSON, JSONL, CSV and SemEval raw-documents are read; unreadable inputs
    are reported one line each and skipped. Exit code 0 when every input worked,
    1 when some were rejected, 2 for usage errors.
    """
    from ..scale import make_pipeline

    settings = _settings(ctx, db, opts)
    names = opts["components"].split(",") if opts.get("components") else None
    chosen = [n.strip() for n in names if n.strip()] if names else None
    if opts["engine"] == "ray":
        _run_ray(settings, paths, chosen, out, opts.get("address"), bool(opts["quiet"]))
        return
    if opts.get("address"):
        raise click.BadParameter("only with --engine ray", param_hint="--address")
    if out and os.path.isdir(out):
        raise click.BadParameter("a directory needs --engine ray; give a .jsonl or .parquet file", param_hint="--out")
    _execute(settings, paths, make_pipeline(settings, chosen), out, bool(opts["quiet"]), bool(opts["force"]))


def _run_ray(settings: Any, paths: tuple[str, ...], names: list[str] | None, out: str | None, address: str | None,
             quiet: bool) -> None:
    from ..scale.ray_engine import run_ray

    if not out or out.endswith((".jsonl", ".json")):
        raise click.BadParameter("--engine ray writes Parquet: give a directory", param_hint="--out")
    report = run_ray(paths, settings, out, names=names, address=address)
    if not quiet:
        click.echo(f"{report.rows} articles from {report.files} files → {report.out}", err=True)


@main.command()
@_input_options
@pass_ctx
def ingest(ctx: Context, /, paths: tuple[str, ...], db: str | None, **opts: Any) -> None:
    """Read and store PATHS without analysing them (clean text and metadata only)."""
    settings = _settings(ctx, db, opts)
    _execute(settings, paths, Pipeline(settings, []), None, bool(opts["quiet"]), False)


def _execute(
    settings: Any, paths: tuple[str, ...], pipeline: Pipeline, out: str | None, quiet: bool, force: bool
) -> None:
    from ..ingest import read_inputs
    from ..scale import ParquetSink
    from ..scale.count import count_items

    store = open_store(settings)
    with ExitStack() as stack:
        fh: IO[str] | None = None
        if out and out.endswith(".parquet"):
            fh = stack.enter_context(ParquetSink(out))  # type: ignore[assignment]  # a write()-only text sink
        elif out:
            fh = stack.enter_context(open(out, "w", encoding="utf-8"))
        progress = stack.enter_context(_progress()) if _show_progress(quiet) else None
        task = progress.add_task("analysing", total=count_items(paths, settings.ingest)) if progress else None

        def on_outcome(outcome: Outcome) -> None:
            if outcome.status in ("rejected", "failed"):
                click.echo(escape_controls(f"{outcome.status}: {outcome.name}: {outcome.reason}"), err=True)
            elif outcome.reason and outcome.status in ("analysed", "reanalysed"):
                click.echo(escape_controls(f"warning: {outcome.name}: {outcome.reason}"), err=True)
            if progress is not None and task is not None:
                progress.advance(task)

        report = run(read_inputs(paths, settings.ingest), pipeline, store, fh, force=force, on_outcome=on_outcome)
    if not quiet:
        _print_summary(report, settings.store.url)
    sys.exit(0 if report.ok else 1)


def _show_progress(quiet: bool) -> bool:
    """A progress bar only on a terminal, and not with ``--quiet``."""
    return not quiet and sys.stderr.isatty()


def _progress() -> Any:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        transient=True,
    )


def _print_summary(report: RunReport, url: str) -> None:
    counts = report.counts()
    order = ["analysed", "reanalysed", "duplicate", "rejected", "failed"]
    line = ", ".join(f"{counts[k]} {k}" for k in order if counts.get(k))
    click.echo(f"{line or 'no inputs'} → {url}", err=True)
    if report.near_duplicates:
        n = len(report.near_duplicates)
        click.echo(f"{n} near-duplicate(s) of earlier articles; see `narrascope duplicates`", err=True)
    if report.problems:
        from rich.console import Console
        from rich.table import Table

        table = Table("input", "status", "reason", title="Inputs not analysed")
        for o in report.problems:
            table.add_row(o.name, o.status, o.reason)
        Console(stderr=True).print(table)


@main.command()
@click.argument("article_id")
@db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--layer", "layers", multiple=True, help="Only these layers (repeatable).")
@click.option("--full-text", is_flag=True, help="Print the clean text too.")
@click.option(
    "--all-techniques", is_flag=True,
    help="Also list technique spans under [components.techniques] hide_below (hidden by default).",
)
@pass_ctx
def show(ctx: Context, article_id: str, db: str | None, fmt: str, layers: tuple[str, ...], full_text: bool,
         all_techniques: bool) -> None:
    """Show one stored article (its id or any unique prefix of it) with its annotations.

    Text output gives one role per actor (voted over its mentions) and marks narratives and
    roles under components.narratives/roles.uncertain_below as "uncertain"; it hides technique
    spans whose confidence is under components.techniques.hide_below (--all-techniques lists
    them) and ends with a legend of the techniques present. JSON output is the stored article
    form, with every span and the mention-level roles.
    """
    from ..component_settings import TechniquesSettings
    from ..framing.confidence import UncertainBelow

    settings = ctx.settings(db)
    store = read_store(settings)
    check_layers(store, list(layers) or None)
    article = store.get(article_id)
    # stored text may hold control characters (articles stored before cleaning dropped them):
    # never let an article's ESC sequences reach the terminal
    if fmt == "json":
        click.echo(escape_controls(article.to_json(), json_escapes=True))
    else:
        hide_below = 0.0 if all_techniques else settings.options(TechniquesSettings).hide_below
        click.echo(escape_controls(render_article(article, list(layers) or None, text=full_text,
                                                  uncertain=UncertainBelow.from_settings(settings),
                                                  technique_hide_below=hide_below)))


@main.command("list")
@db_option
@click.option("--source", help="Only this outlet.")
@click.option("--limit", type=int, default=50, show_default=True)
@pass_ctx
def list_cmd(ctx: Context, db: str | None, source: str | None, limit: int) -> None:
    """List stored articles: id, date, outlet, title."""
    for row in read_store(ctx.settings(db)).list_articles(limit=limit, source=source):
        click.echo(
            escape_controls(
                f"{row['id']}  {row['published'] or '----------'}  {(row['source'] or '?')[:18]:18}  "
                f"{row['title'] or row['path']}"
            )
        )


@main.command()
@db_option
@click.option("--format", "fmt", default="jsonl", show_default=True, type=click.Choice(list(FORMATS)))
@click.option("-o", "--out", type=click.Path(dir_okay=False, writable=True), help="Output file [default: stdout].")
@click.option("--layer", "layers", multiple=True, help="Only these layers (repeatable).")
@pass_ctx
def export(ctx: Context, db: str | None, fmt: str, out: str | None, layers: tuple[str, ...]) -> None:
    """Export the stored corpus: JSONL (one article a line), CSV (one annotation a row), Parquet
    (one article a row, annotations nested), Label Studio tasks (plus OUT.config.xml to correct them)
    or SemEval-2025 Task 10 subtask 2/3 files (narratives, explanations)."""
    from ..exports import labelstudio_config

    spec = FORMATS[fmt]
    if spec.binary and not out and sys.stdout.isatty():
        raise click.UsageError(f"{spec.title} is binary: give -o FILE.{spec.extension} (or redirect standard output)")
    store = read_store(ctx.settings(db))
    chosen = list(layers) or None
    check_layers(store, chosen)
    with ExitStack() as stack:
        fh = stack.enter_context(spec.open(out)) if out else sys.stdout.buffer if spec.binary else sys.stdout
        n = spec.write(store.iter_articles(), fh, chosen)
    if fmt == "labelstudio" and out:
        with open(f"{out}.config.xml", "w", encoding="utf-8") as cfh:
            cfh.write(labelstudio_config(store.iter_articles(), chosen))
        click.echo(f"labelling interface for Label Studio: {out}.config.xml", err=True)
    if out:
        click.echo(f"wrote {n} rows to {out}", err=True)


def check_layers(store: Any, layers: list[str] | None) -> None:
    """Refuse a layer name no stored article has and no component produces (a typo exports nothing)."""
    if not layers:
        return
    unknown, known = unknown_layers(store.stats()["layers"], layers)
    if unknown:
        raise click.BadParameter(
            f"unknown layer {', '.join(map(repr, unknown))}; known: {', '.join(known)}", param_hint="--layer"
        )


@main.command()
@db_option
@pass_ctx
def summary(ctx: Context, db: str | None) -> None:
    """Print an overview of the stored corpus."""
    store = read_store(ctx.settings(db))
    click.echo(render_summary(store.stats(), list(store.iter_articles())))


@main.command()
def components() -> None:
    """List the registered pipeline components with the layers they need and produce."""
    for spec in registered().values():
        needs = ",".join(spec.needs) or "-"
        click.echo(f"{spec.name:12} needs {needs:22} produces {','.join(spec.produces):28} {spec.doc}")
