"""Corpus commands: timeline, propagation, duplicates, outlets, stances (table, JSON or CSV; see also profiles.py)."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable
from typing import Any

import click

from ..corpus.crosslingual import DEFAULT_THRESHOLD as DEFAULT_SIMILARITY
from ..corpus.duplicates import DEFAULT_THRESHOLD as DUPLICATE_THRESHOLD
from ..corpus.modality import MODALITIES
from .main import Context, db_option, main, pass_ctx, read_store

Rows = list[dict[str, Any]]


def _format_option(func: Any) -> Any:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(["table", "json", "csv"]),
        default="table",
        show_default=True,
        help="table for reading, json/csv for other tools.",
    )(func)


def _emit(fmt: str, data: Any, rows: Callable[[], Rows], table: Callable[[], list[str]]) -> None:
    """Print ``data`` as JSON, ``rows()`` as CSV, or ``table()`` lines."""
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        flat = rows()
        fields: list[str] = []
        for row in flat:
            fields.extend(k for k in row if k not in fields)
        writer = csv.DictWriter(sys.stdout, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        for row in flat:
            writer.writerow(
                {k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v for k, v in row.items()}
            )
    else:
        for line in table():
            click.echo(line)


def _short(text: Any, n: int = 90) -> str:
    s = " ".join(str(text or "").split())
    return s if len(s) <= n else s[: n - 1] + "…"


def _when(src: dict[str, Any]) -> str:
    if src.get("published"):
        return str(src["published"])
    if src.get("date_from"):
        return f"~{src['date_from']}"
    return "undated"


def _source_date(src: dict[str, Any]) -> str:
    if src.get("published"):
        return str(src["published"])
    rng = src.get("date_range")
    if not rng:
        return "undated"
    from ..corpus.timeline import when_label

    return f"~{when_label(rng[0], rng[1])}"


def _day_option(value: str | None, param: str, end: bool) -> str | None:
    """An ISO day for a --from/--to bound, or a usage error (exit 2) naming what was not a date."""
    from ..corpus.dating import parse_day
    from ..errors import ConfigError

    if value is None:
        return None
    try:
        return parse_day(value, end=end).isoformat()
    except ConfigError as exc:
        raise click.BadParameter(str(exc), param_hint=param) from exc


@main.command()
@db_option
@click.option("--actor", help="Only events with this actor (entity id or part of a name).")
@click.option("--outlet", help="Only events reported by this outlet.")
@click.option(
    "--from", "date_from", metavar="DATE", help="Only dated events on or after DATE (YYYY-MM-DD, 'March 2022', ...)."
)
@click.option("--to", "date_to", metavar="DATE", help="Only dated events on or before DATE (as --from).")
@click.option(
    "--type", "types", multiple=True, help="Only these event types (repeatable) [default: all but statement]."
)
@click.option(
    "--modality",
    "modalities",
    multiple=True,
    type=click.Choice(MODALITIES),
    help="Keep events of these modalities (repeatable) [default: asserted].",
)
@click.option("--all-modalities", is_flag=True, help="Also show hypothetical, conditional, denied, planned, mentioned.")
@click.option("--min-sources", type=int, default=1, show_default=True, help="Only events reported this many times.")
@_format_option
@pass_ctx
def timeline(
    ctx: Context,
    db: str | None,
    actor: str | None,
    outlet: str | None,
    date_from: str | None,
    date_to: str | None,
    types: tuple[str, ...],
    modalities: tuple[str, ...],
    all_modalities: bool,
    min_sources: int,
    fmt: str,
) -> None:
    """Events across the corpus, the same event from several articles merged into one entry.

    Dates read what dateparser reads ("yesterday", "1 March 2022"); an unreadable one is an
    error. With --from/--to, undated events are left out. Windows wider than a month print as
    a period of months ("2022-01..2023-01"), undated entries as "undated".
    """
    from ..corpus import timeline as build

    lo, hi = _day_option(date_from, "--from", False), _day_option(date_to, "--to", True)
    kept = MODALITIES if all_modalities else (modalities or None)
    entries = build(read_store(ctx.settings(db)), actor, lo, hi, list(types) or None, min_sources, kept, outlet)

    def rows() -> Rows:
        return [
            {
                "entry": e["id"],
                "type": e["type"],
                "modality": e["modality"],
                "when": e["when"],
                "date_from": e["date_from"],
                "date_to": e["date_to"],
                "estimated": e["estimated"],
                "dated_by": e["dated_by"],
                "participants": [p["name"] for p in e["participants"]],
                "places": e["places"],
                **{f"source_{k}": v for k, v in s.items()},
            }
            for e in entries
            for s in e["sources"]
        ]

    _emit(fmt, entries, rows, lambda: timeline_lines(entries))
    if not entries and fmt == "table":
        span = f" dated from {lo}" if lo else ""
        span += f" up to {hi}" if hi else ""
        click.echo(f"no timeline entries{span} match these filters", err=True)


def timeline_lines(entries: Rows) -> list[str]:
    """The timeline as table lines: when, type (and modality), actors, places, then each source."""
    out = []
    for e in entries:
        est = " (estimated)" if e["estimated"] and e["date_from"] else ""
        mod = f" ({e['modality']})" if e["modality"] != "asserted" else ""
        who = ", ".join(p["name"] for p in e["participants"][:5])
        out.append(f"{e['when']}{est}  {e['type']}{mod}  [{who}] {' '.join(e['places'][:2])}".rstrip())
        out.append(f"    {_short(e['summary'])}")
        for s in e["sources"]:
            out.append(f"    - {s['source'] or '?'} {_source_date(s)} {s['article_id']}: {_short(s['text'], 70)}")
    return out


@main.command()
@db_option
@click.option("--min-articles", type=int, default=2, show_default=True, help="Report reuse across at least N articles.")
@click.option("--limit", type=int, default=100, show_default=True, help="At most N quotes and N passages.")
@click.option(
    "--cross-lingual",
    "cross",
    is_flag=True,
    help="Also link quotes that say the same thing in different languages (multilingual encoder; slower).",
)
@click.option(
    "--similarity",
    type=float,
    default=DEFAULT_SIMILARITY,
    show_default=True,
    help="Cosine similarity at which two quotes in different languages are linked (with --cross-lingual).",
)
@_format_option
@pass_ctx
def propagation(
    ctx: Context, db: str | None, min_articles: int, limit: int, cross: bool, similarity: float, fmt: str
) -> None:
    """Quotes and passages reused across articles and outlets (first appearance, chain), and in-article repeats."""
    from ..corpus.propagation import propagation_report

    store = read_store(ctx.settings(db))
    result = propagation_report(store, min_articles, limit, cross_lingual=cross, similarity=similarity)

    def rows() -> Rows:
        out: Rows = []
        for kind in ("quotes", "passages"):
            for n, g in enumerate(result[kind], 1):
                for i, a in enumerate(g["chain"]):
                    out.append({"kind": g["kind"], "group": n, "order": i, "text": g["text"], **a})
        out.extend({"kind": "repeat", **r} for r in result["repeats"])
        for n, g in enumerate(result.get("cross_lingual") or (), 1):
            out.extend(
                {"kind": "cross_lingual", "group": n, "order": i, "score": g["score"], **a}
                for i, a in enumerate(g["chain"])
            )
        return out

    def table() -> list[str]:
        out = []
        for kind in ("quotes", "passages"):
            out.append(f"== {kind} reused in {min_articles}+ articles: {len(result[kind])}")
            for g in result[kind]:
                out.append(f"{g['n_articles']} articles, {len(g['outlets'])} outlets: “{_short(g['text'])}”")
                for a in g["chain"]:
                    who = f" ({a['speaker']})" if a.get("speaker") else ""
                    out.append(f"    {_when(a)}  {a.get('source') or '?'}  {a['article_id']}{who}")
        out.append(f"== passages repeated inside one article: {len(result['repeats'])}")
        for r in result["repeats"]:
            out.append(
                f"{r['article_id']} {r.get('source') or '?'}: {r['words']} words at {r['spans']}: “{_short(r['text'])}”"
            )
        if "cross_lingual" in result:
            out.append(
                f"== quotes linked across languages (similarity >= {similarity}): {len(result['cross_lingual'])}"
            )
            for g in result["cross_lingual"]:
                out.append(f"{'/'.join(g['languages'])}, {g['n_articles']} articles, score {g['score']:.2f}")
                for a in g["chain"]:
                    out.append(
                        f"    {_when(a)}  {a.get('source') or '?'}  {a['language']}  {a['similarity']:.2f}  "
                        f"“{_short(a['text'], 70)}”"
                    )
        return out

    _emit(fmt, result, rows, table)


@main.command()
@db_option
@click.option(
    "--threshold",
    type=float,
    default=DUPLICATE_THRESHOLD,
    show_default=True,
    help="Estimated Jaccard similarity (word 3-grams) at which two articles are near-duplicates.",
)
@_format_option
@pass_ctx
def duplicates(ctx: Context, db: str | None, threshold: float, fmt: str) -> None:
    """Clusters of near-identical articles (MinHash LSH)."""
    from ..corpus import near_duplicates

    if not 0.0 < threshold <= 1.0:
        raise click.BadParameter("give a similarity between 0 and 1, e.g. 0.6", param_hint="--threshold")
    clusters = near_duplicates(read_store(ctx.settings(db)), threshold)

    def rows() -> Rows:
        return [{"cluster": c["cluster"], **m} for c in clusters for m in c["members"]]

    def table() -> list[str]:
        out = [f"{len(clusters)} near-duplicate clusters at threshold {threshold}"]
        for c in clusters:
            out.append(f"cluster {c['cluster']} ({c['size']} articles)")
            out.extend(
                f"    {m['similarity']:.2f}  {_when(m)}  {m.get('source') or '?'}  {m['article_id']}  "
                f"{_short(m.get('title'), 60)}"
                for m in c["members"]
            )
        return out

    _emit(fmt, clusters, rows, table)


@main.command()
@db_option
@click.option("--top", type=int, default=5, show_default=True, help="Top N narratives and actors per outlet.")
@_format_option
@pass_ctx
def outlets(ctx: Context, db: str | None, top: int, fmt: str) -> None:
    """Every outlet: articles, languages, months covered, top narratives and actors."""
    from ..corpus import outlets as build

    result = build(read_store(ctx.settings(db)), top)

    def rows() -> Rows:
        return [
            {
                "outlet": p["outlet"],
                "articles": p["articles"],
                "languages": "; ".join(f"{k}:{v}" for k, v in p["languages"].items()),
                "first_month": p["first_month"],
                "last_month": p["last_month"],
                "undated": p["undated"],
                "narratives": "; ".join(f"{n['label']}:{n['articles']}" for n in p["narratives"]),
                "actors": "; ".join(f"{n['name']}:{n['articles']}" for n in p["actors"]),
            }
            for p in result["outlets"]
        ]

    def table() -> list[str]:
        out = [f"{result['total']} outlets, {result['articles']} articles"]
        for p in result["outlets"]:
            span = f"{p['first_month']}..{p['last_month']}" if p["first_month"] else "no dates"
            langs = ",".join(p["languages"])
            out.append(f"{p['outlet']}: {p['articles']} articles, {langs}, {span} ({p['undated']} undated)")
            if p["narratives"]:
                out.append("    narratives: " + ", ".join(f"{n['label']} ({n['articles']})" for n in p["narratives"]))
            if p["actors"]:
                out.append("    actors: " + ", ".join(f"{n['name']} ({n['articles']})" for n in p["actors"]))
        return out

    _emit(fmt, result, rows, table)


@main.command()
@db_option
@click.option("--topic", default="negotiations", show_default=True, help="Stance topic (lexicon).")
@click.option("--actor", help="Only this actor (entity id or part of a name).")
@_format_option
@pass_ctx
def stances(ctx: Context, db: str | None, topic: str, actor: str | None, fmt: str) -> None:
    """Per actor: what they said about a topic over time (readiness, conditions, refusals, blame)."""
    from ..corpus import stances as build

    result = build(read_store(ctx.settings(db)), topic, actor)

    def rows() -> Rows:
        return [
            {"actor": s["actor"]["name"], "actor_id": s["actor"]["id"], "summary": "; ".join(s["summary"]), **q}
            for s in result
            for q in s["quotes"]
        ]

    def table() -> list[str]:
        out = []
        for s in result:
            out.append(f"{s['actor']['name']}: {'; '.join(s['summary']) or 'no clear stance'}")
            out.extend(
                f"    {q['date'] or 'undated'}{'~' if q['estimated'] else ''}  {','.join(q['labels'])}"
                + "".join(f" [{c['about']}: {c['label']}]" for c in q.get("claims", []))
                + f"  “{_short(q['text'], 80)}”"
                for q in s["quotes"]
            )
        return out

    _emit(fmt, result, rows, table)
