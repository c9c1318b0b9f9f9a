"""``actors`` (every actor across the stored corpus) and ``eval entities`` (gold F1, SemEval coverage)."""

from __future__ import annotations

import csv
import io
import json
import time
from typing import Any

import click

from .main import Context, db_option, eval_group, main, pass_ctx, read_store


@main.command("actors")
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--type", "etype", metavar="TYPE", help="Only this type (PERSON, ORG, GPE, LOC, NORP, GROUP...).")
@click.option("--limit", type=int, default=None, help="Only the N most mentioned actors.")
@pass_ctx
def actors_cmd(ctx: Context, db: str | None, fmt: str, etype: str | None, limit: int | None) -> None:
    """Actors across the stored corpus: mentions, articles, outlets, first and last dates, affiliation, roles."""
    from ..actors.corpus import list_actors, settings_gazetteer

    settings = ctx.settings(db)
    gaz = settings_gazetteer(settings)
    store = read_store(settings)
    try:
        rows = [r.to_dict() for r in list_actors(store.iter_articles(), gaz, etype)]
    finally:
        store.close()
    click.echo(render_actors(rows[:limit] if limit else rows, fmt))


def render_actors(rows: list[dict[str, Any]], fmt: str) -> str:
    """Actor rows as an aligned table, JSON or CSV."""
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2)
    if fmt == "csv":
        buf = io.StringIO()
        cols = ["id", "canonical", "type", "affiliation", "wikidata", "mentions", "articles", "outlets"]
        cols += ["first", "last"]
        writer = csv.DictWriter(buf, fieldnames=cols, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for r in rows:
            writer.writerow({**r, "outlets": ";".join(r["outlets"])})
        return buf.getvalue().rstrip("\n")
    if not rows:
        return "no actors stored yet: analyse articles with the entities component first"
    head = f"{'actor':32} {'type':6} {'aff':5} {'ment':>5} {'arts':>4}  {'first':10}  {'last':10}  outlets"
    lines = [head, "-" * len(head)]
    for r in rows:
        lines.append(
            f"{r['canonical'][:32]:32} {r['type'][:6]:6} {(r['affiliation'] or '-')[:5]:5} {r['mentions']:>5} "
            f"{r['articles']:>4}  {r['first'] or '-':10}  {r['last'] or '-':10}  {', '.join(r['outlets'][:4])}"
        )
    return "\n".join(lines)


@eval_group.command("entities")
@click.option("--data", type=click.Path(exists=True, file_okay=False), help="SemEval-2025 Task 10 folder (coverage).")
@click.option("--lang", default="EN", show_default=True, help="SemEval language folder.")
@click.option("--gold", type=click.Path(exists=True, dir_okay=False), help="Gold JSONL (mention F1) for --examples.")
@click.option("--examples", type=click.Path(exists=True, file_okay=False), help="Folder of articles the gold covers.")
@click.option("--limit", type=int, default=None, help="Only the first N SemEval documents.")
@click.option("--errors", is_flag=True, help="Print the gold errors / most missed mentions.")
@pass_ctx
def eval_entities_cmd(
    ctx: Context, data: str | None, lang: str, gold: str | None, examples: str | None, limit: int | None, errors: bool
) -> None:
    """Entity-layer quality: SemEval mention coverage (--data) and/or mention F1 on a gold file (--gold).

    Coverage is the fraction of SemEval subtask-1 gold entity mentions that some `entity`
    annotation overlaps; F1 needs the same span and actor id (NORP ignored).
    """
    from ..actors.evaluate import coverage, read_gold, score_gold, semeval_documents
    from ..document import Article
    from ..pipeline import Pipeline

    if not data and not gold:
        raise click.UsageError("give --data (SemEval coverage) and/or --gold with --examples (F1)")
    settings = ctx.settings()
    pipeline = Pipeline(settings, ["sentences", "entities"])
    if data:
        docs = list(semeval_documents(data, lang))[:limit]
        language = "en" if lang.upper() == "EN" else lang.lower()
        arts = [Article(text=text, meta={"language": language}) for _, text, _ in docs]
        t0 = time.perf_counter()
        failed = sum(1 for _art, err in pipeline.pipe(arts) if err is not None)
        elapsed = time.perf_counter() - t0
        cov = coverage((name, art, ms) for (name, _, ms), art in zip(docs, arts, strict=True))
        result = {"semeval": {"lang": lang, "documents": len(docs), "failed": failed, **cov.to_dict(),
                              "ms_per_document_sentences_entities": round(1000 * elapsed / max(1, len(docs)), 1)}}
        if not errors:
            result["semeval"].pop("most_missed")
        click.echo(json.dumps(result, ensure_ascii=False))
    if gold:
        if not examples:
            raise click.UsageError("--gold needs --examples (the folder the gold file's offsets refer to)")
        from ..ingest import read_inputs

        items = [a for a in read_inputs([examples], settings.ingest) if isinstance(a, Article)]
        pipeline.run_batch(items)
        scores = score_gold(read_gold(gold), {str(a.meta.get("path") or "").split("/")[-1]: a for a in items})
        out: dict[str, Any] = {"gold": scores.to_dict()}
        if errors:
            out["errors"] = scores.errors
        click.echo(json.dumps(out, ensure_ascii=False))
