"""``narrascope import-labelstudio``: feed analysts' corrections from Label Studio back into the store."""

from __future__ import annotations

import json

import click

from ..errors import InputError
from ..store import open_store
from .main import Context, db_option, main, pass_ctx


@main.command("import-labelstudio")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@db_option
@click.option(
    "--layer",
    "layers",
    multiple=True,
    help="Layers the analysts reviewed; they are replaced even where every span was deleted "
    "[default: the layers present in the corrections].",
)
@pass_ctx
def import_labelstudio(ctx: Context, path: str, db: str | None, layers: tuple[str, ...]) -> None:
    """Replace stored spans with the corrected ones from a Label Studio JSON export (PATH).

    Only tasks with a submitted annotation change; export tasks with
    `narrascope export --format labelstudio -o tasks.json` and import tasks.json into Label Studio.
    """
    from ..corpus.index import index_articles, threshold_of
    from ..exports.labelstudio import apply_corrections, read_labelstudio

    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except json.JSONDecodeError as exc:
        raise InputError(path, f"not JSON ({exc.msg} at line {exc.lineno})") from exc
    settings = ctx.settings(db)
    store = open_store(settings)
    corrections = read_labelstudio(data)
    saved = []
    for article_id, spans in corrections.items():
        article = apply_corrections(store.get(article_id), spans, list(layers) or None)
        article.results["corrected"] = "labelstudio"
        store.save(article, replace=True)
        saved.append(article.id)
    index_articles(store, saved, threshold_of(settings))  # the corpus index follows every write
    click.echo(f"updated {len(corrections)} article(s) from {path}", err=True)
