"""Numbered schema migrations, applied in order and recorded in ``schema_migrations``; the only
place a table of the store (``schema.py``) is created.

Add a migration by appending a function to :data:`MIGRATIONS`; never edit one that shipped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, inspect, select, text

from . import schema, search


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    apply: Callable[[Connection], None]


def _m001_initial(conn: Connection) -> None:
    schema.articles.create(conn)
    schema.annotations.create(conn)  # also creates the indexes declared in schema


def _m003_corpus_index(conn: Connection) -> None:
    schema.corpus_state.create(conn, checkfirst=True)
    schema.corpus_keys.create(conn, checkfirst=True)  # with its indexes


def _m004_corpus_events(conn: Connection) -> None:
    schema.corpus_events.create(conn, checkfirst=True)


def _m005_published_index(conn: Connection) -> None:
    # Plain DDL: an Index object would attach itself to the shared Table and be created twice.
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_articles_published_id ON articles (published, id)"))


def _m006_jobs(conn: Connection) -> None:
    schema.jobs.create(conn)


def _m007_collected(conn: Connection) -> None:
    schema.collected.create(conn)  # with its indexes


def _m008_claims(conn: Connection) -> None:
    schema.claims.create(conn)


def _m009_drop_corpus_events(conn: Connection) -> None:
    # Written by every index update, read by nothing: the event layer is the one copy of events.
    conn.execute(text("DROP TABLE IF EXISTS corpus_events"))  # its index goes with it


MIGRATIONS: list[Migration] = [
    Migration(1, "initial: articles and annotations", _m001_initial),
    Migration(2, "full-text search (SQLite FTS5, PostgreSQL tsvector)", search.create_index),
    Migration(3, "corpus reuse index: per-article keys and near-duplicate clusters", _m003_corpus_index),
    Migration(4, "corpus events: flat copy of the event layer for the timeline", _m004_corpus_events),
    Migration(5, "index on articles (published, id) for keyset paging", _m005_published_index),
    Migration(6, "web analysis jobs: status and outcomes kept across restarts", _m006_jobs),
    Migration(7, "collect ledger: every web address tried, so each page is fetched once", _m007_collected),
    Migration(8, "article claims: two runs over the same input do not both analyse an article", _m008_claims),
    Migration(9, "drop corpus_events: events are stored once, as the event layer", _m009_drop_corpus_events),
]


def applied_versions(conn: Connection) -> list[int]:
    """Versions already applied to this database (empty for a new one)."""
    if not inspect(conn).has_table("schema_migrations"):
        return []
    rows = conn.execute(select(schema.migrations_table.c.version).order_by(schema.migrations_table.c.version))
    return [int(r[0]) for r in rows]


def migrate(conn: Connection) -> list[int]:
    """Apply every pending migration inside the caller's transaction; returns the versions applied."""
    if not inspect(conn).has_table("schema_migrations"):
        schema.migrations_table.create(conn)
    done = set(applied_versions(conn))
    applied = []
    for mig in MIGRATIONS:
        if mig.version in done:
            continue
        mig.apply(conn)
        conn.execute(
            schema.migrations_table.insert().values(
                version=mig.version, name=mig.name, applied_at=datetime.now(UTC).isoformat(timespec="seconds")
            )
        )
        applied.append(mig.version)
    return applied


def latest_version() -> int:
    return MIGRATIONS[-1].version
