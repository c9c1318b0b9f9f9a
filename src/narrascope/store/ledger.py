"""The collect ledger: one row per web address tried, so every page is fetched once (table
``collected``, migration 7). The collect package decides what to fetch; this module keeps the record.

A row is keyed by the address as listed (normalised); the final address after redirects and
the page's canonical address are kept too, and an address matching any of the three is
known. Statuses: stored, duplicate, old, not_article, forbidden (a redirect into a path
robots.txt forbids), http_error (a lasting 4xx such as 404), and failed: a transient
failure (timeout, 429, 5xx, DNS, pipeline error), the one status tried again next run.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from sqlalchemy import or_, select, update

from . import schema

if TYPE_CHECKING:
    from .core import Store

collected = schema.collected

RETRY = "failed"  # the one status tried again on the next run


def known(store: Store, urls: Iterable[str]) -> set[str]:
    """Those of ``urls`` already settled (any status but failed) as listed, final or canonical address."""
    wanted = list(dict.fromkeys(urls))
    found: set[str] = set()
    c = collected
    with store.engine.connect() as conn:
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            query = select(c.c.url, c.c.final_url, c.c.canonical_url).where(
                c.c.status != RETRY,
                or_(c.c.url.in_(chunk), c.c.final_url.in_(chunk), c.c.canonical_url.in_(chunk)),
            )
            for row in conn.execute(query):
                found.update(u for u in row if u in chunk)
    return found


def record(store: Store, row: dict[str, Any]) -> None:
    """Insert or update one address's row (``redirects`` a list of addresses)."""
    values = {**row, "redirects": json.dumps(list(row.get("redirects", ())), ensure_ascii=False)}
    values.setdefault("reason", "")
    with store.write() as conn:
        exists = conn.execute(select(collected.c.url).where(collected.c.url == row["url"])).first()
        if exists:
            conn.execute(update(collected).where(collected.c.url == row["url"]).values(**values))
        else:
            conn.execute(collected.insert().values(**values))


def rows(store: Store) -> list[dict[str, Any]]:
    """Every row, ordered by address (for ``collect --status`` style listings and tests)."""
    with store.engine.connect() as conn:
        result = conn.execute(select(collected).order_by(collected.c.url)).mappings().all()
    return [{**dict(r), "redirects": json.loads(r["redirects"])} for r in result]
