"""Full-text search: query parsing, ranking, index kept in sync on save/replace/delete, migration backfill."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from narrascope.document import Article
from narrascope.store import Store, latest_version
from narrascope.store.search import snippet_parts, terms


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("talks Istanbul", ["talks", "Istanbul"]),
        ('"peace talks" Kyiv', ["peace talks", "Kyiv"]),
        ("NEAR( a* -b", ["NEAR", "a", "b"]),
        ('"', []),
        ("'; DROP TABLE x; --", ["DROP", "TABLE", "x"]),
        ("Київ переговори", ["Київ", "переговори"]),
    ],
)
def test_terms(query: str, expected: list[str]) -> None:
    assert terms(query) == expected


def test_snippet_parts() -> None:
    assert snippet_parts("a \ue000hit\ue001 b") == [["a ", False], ["hit", True], [" b", False]]


def test_search_follows_save_replace_delete(store_url: str) -> None:
    store = Store(store_url)
    a = Article("Grain ships leave Odesa\nThe grain corridor reopened.", meta={"title": "Grain ships leave Odesa"})
    b = Article("Talks in Istanbul\nNegotiators discussed grain briefly.", meta={"title": "Talks in Istanbul"})
    store.save(a)
    store.save(b)
    assert [h["id"] for h in store.search("grain")] == [a.id, b.id]  # title hits rank first
    assert [h["id"] for h in store.search("negotiator")] == [b.id]  # stemmed
    b.meta["title"] = "Renamed"
    store.save(b, replace=True)
    assert [h["title"] for h in store.search("renamed")] == ["Renamed"]
    assert store.search("Istanbul")[0]["id"] == b.id  # still indexed once, by its text
    assert [h["title"] for h in store.search('"talks in Istanbul"')] == ["Renamed"]
    assert store.search('"Istanbul talks"') == []
    store.delete(b.id)
    assert store.search("negotiators") == []
    if store.dialect == "sqlite":
        with store.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM articles_fts")).scalar_one() == 1


def test_migration_backfills_existing_articles(store_url: str) -> None:
    store = Store(store_url)
    store.save(Article("Ceasefire talk\nA ceasefire was discussed.", meta={"title": "Ceasefire talk"}))
    undo = "DROP TABLE articles_fts" if store.dialect == "sqlite" else "ALTER TABLE articles DROP COLUMN search_tsv"
    with store.engine.begin() as conn:  # pretend the database predates migration 2
        conn.execute(text(undo))
        conn.execute(text("DELETE FROM schema_migrations WHERE version = 2"))
    store.close()
    reopened = Store(store_url)
    assert reopened.migrations() == list(range(1, latest_version() + 1))
    assert [h["title"] for h in reopened.search("ceasefire")] == ["Ceasefire talk"]
