"""``narrascope reindex``: bring the corpus index up to date with the stored articles.

Runs write the index as they store articles; this command covers what they could not: a
database from before the index, articles an interrupted run stored or another tool saved.
"""

from __future__ import annotations

import click

from ..store import open_store
from .main import Context, db_option, main, pass_ctx


@main.command()
@db_option
@pass_ctx
def reindex(ctx: Context, db: str | None) -> None:
    """Index new or re-analysed articles for near-duplicates, reuse and the timeline (reads never do)."""
    from ..corpus.index import index_articles, threshold_of
    from ..store.corpus import stale_ids

    settings = ctx.settings(db)
    store = open_store(settings)
    n = index_articles(store, stale_ids(store), threshold_of(settings))
    click.echo(f"indexed {n} article(s)", err=True)
