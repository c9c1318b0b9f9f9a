"""Commands that collect from the web: ``collect`` (one run) and ``watch`` (repeated runs)."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import click

from ..errors import NarrascopeError
from .main import Context, db_option, main, pass_ctx

if TYPE_CHECKING:
    from ..collect import Source
    from ..pipeline import Pipeline
    from ..settings import Settings
    from ..store import Store


def _collect_options(func: Any) -> Any:
    opts: list[Callable[[Any], Any]] = [
        click.argument("sources", nargs=-1, required=True),
        db_option,
        click.option("--since", metavar="DATE", help="Skip articles published before DATE (YYYY-MM-DD)."),
        click.option("--limit", type=click.IntRange(min=0), metavar="N",
                     help="At most N new articles per source and run [default: no limit]."),
        click.option("--outlet", metavar="NAME", help="Outlet name for URL sources that do not set one."),
        click.option("--language", metavar="CODE", help="Language code for URL sources that do not set one."),
        click.option("--analyze/--no-analyze", default=True, show_default=True,
                     help="Run the pipeline on new articles (else store clean text and metadata only)."),
        click.option("--components", metavar="A,B", help="Run only these components (comma-separated, in order)."),
        click.option("--batch-size", type=int, metavar="N", help="Articles per pipeline batch [default: 16]."),
        click.option("--delay", type=click.FloatRange(min=0), metavar="SECONDS",
                     help="Pause between two requests to one host [default: collect.delay, 2]."),
        click.option("-q", "--quiet", is_flag=True, help="Only the failed addresses, no summary."),
    ]
    for opt in reversed(opts):
        func = opt(func)
    return func


def _prepare(ctx: Context, db: str | None, opts: dict[str, Any]) -> tuple[Settings, list[Source], Store, Pipeline]:
    """Settings, sources, store and pipeline from the shared options."""
    from ..collect import parse_sources
    from ..ingest.meta import normalise_date
    from ..pipeline import Pipeline
    from ..scale import make_pipeline
    from ..store import open_store

    since = opts.get("since")
    if since:
        try:
            since = normalise_date(since, "--since")
        except NarrascopeError as exc:
            raise click.BadParameter(str(exc), param_hint="--since") from exc
    settings = ctx.settings(db, **{"collect.delay": opts.get("delay"), "pipeline.batch_size": opts.get("batch_size")})
    sources = [
        replace(s, outlet=s.outlet or opts.get("outlet"), language=s.language or opts.get("language"))
        for s in parse_sources(list(opts["sources"]), opts.get("limit"), since)
    ]
    names = [n.strip() for n in opts["components"].split(",") if n.strip()] if opts.get("components") else None
    pipeline = make_pipeline(settings, names) if opts["analyze"] else Pipeline(settings, [])
    return settings, sources, open_store(settings), pipeline


def _print_problem(outcome: Any) -> None:
    from ..collect.run import PROBLEMS

    if outcome.status in PROBLEMS:
        label = outcome.status.replace("_", " ")
        click.echo(f"{label}: {outcome.url}: {outcome.reason}", err=True)


def _print_report(report: Any, url: str) -> None:
    click.echo(f"{report.summary()} → {url}", err=True)
    if report.near_duplicates:
        n = len(report.near_duplicates)
        click.echo(f"{n} near-duplicate(s) of earlier articles; see `narrascope duplicates`", err=True)


@main.command()
@_collect_options
@pass_ctx
def collect(ctx: Context, /, db: str | None, **opts: Any) -> None:
    """Collect new articles from SOURCES into the store, politely, and analyse them.

    A source is an RSS/Atom feed, a sitemap, a site's home page (its advertised feeds, else
    the sitemaps its robots.txt names) or an article URL; or a sources.yaml file listing
    them with outlet, language, kind, limit and since (see docs/collect.md). Addresses
    collected before are not fetched again; each problem is reported on one line. Exit
    code 1 when some address failed (DNS, timeout, HTTP error), else 0; 2 for usage errors.
    """
    from ..collect import collect as run_collect

    settings, sources, store, pipeline = _prepare(ctx, db, opts)
    report = run_collect(sources, settings, store, pipeline, on_outcome=_print_problem)
    if not opts["quiet"]:
        _print_report(report, settings.store.url)
    sys.exit(1 if report.counts().get("failed") else 0)


@main.command()
@_collect_options
@click.option("--every", default="30m", show_default=True, metavar="PERIOD",
              help="Time from the start of one round to the next: 90s, 30m, 2h, 1d.")
@click.option("--max-rounds", type=click.IntRange(min=1), metavar="N", help="Stop after N rounds [default: never].")
@pass_ctx
def watch(ctx: Context, /, db: str | None, every: str, max_rounds: int | None, **opts: Any) -> None:
    """Collect from SOURCES again and again until stopped (Ctrl-C), one progress line per round.

    Takes the options of `collect`; each round fetches only addresses not collected before.
    """
    from ..collect.watch import parse_every
    from ..collect.watch import watch as run_watch

    try:
        period = parse_every(every)
    except NarrascopeError as exc:
        raise click.BadParameter(str(exc), param_hint="--every") from exc
    settings, sources, store, pipeline = _prepare(ctx, db, opts)

    def on_round(n: int, report: Any, next_at: float | None) -> None:
        when = time.strftime("%H:%M:%S")
        after = "" if next_at is None else \
            f"; next round at {time.strftime('%H:%M:%S', time.localtime(time.time() + next_at - time.monotonic()))}"
        click.echo(f"round {n} at {when}: {report.summary()}{after}", err=True)

    try:
        run_watch(sources, settings, store, pipeline, period, max_rounds, on_round, _print_problem)
    except KeyboardInterrupt:
        click.echo("stopped", err=True)
