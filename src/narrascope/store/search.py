"""Full-text search over article titles and texts: SQLite FTS5, PostgreSQL tsvector + GIN.

SQLite keeps a separate FTS5 table that :meth:`Store.save` updates in the article's own
transaction; PostgreSQL uses a generated ``tsvector`` column, so it never goes stale.
User queries are reduced to words and quoted phrases, so no query syntax can break the SQL.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Connection, text

from ..document import Article

HIT_START, HIT_END = "\ue000", "\ue001"  # private-use marks around matched words in snippets
_TOKEN = re.compile(r'"([^"]+)"|([^\s"]+)')
_WORD = re.compile(r"\w+", re.UNICODE)


def create_index(conn: Connection) -> None:
    """Migration 2: the full-text index, filled from the articles already stored."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(
            "CREATE VIRTUAL TABLE articles_fts USING fts5("
            "article_id UNINDEXED, title, body, tokenize = 'porter unicode61 remove_diacritics 2')"
        )
        conn.exec_driver_sql(
            "INSERT INTO articles_fts (article_id, title, body) SELECT id, coalesce(title, ''), text FROM articles"
        )
    elif conn.dialect.name == "postgresql":
        conn.exec_driver_sql(
            "ALTER TABLE articles ADD COLUMN search_tsv tsvector GENERATED ALWAYS AS ("
            "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
            "setweight(to_tsvector('english', text), 'B')) STORED"
        )
        conn.exec_driver_sql("CREATE INDEX ix_articles_search_tsv ON articles USING GIN (search_tsv)")


def index_article(conn: Connection, article: Article) -> None:
    """(Re)index one article inside the caller's transaction (SQLite only; PostgreSQL is automatic)."""
    if conn.dialect.name != "sqlite":
        return
    unindex_article(conn, article.id)
    conn.execute(
        text("INSERT INTO articles_fts (article_id, title, body) VALUES (:id, :title, :body)"),
        {"id": article.id, "title": article.meta.get("title") or "", "body": article.text},
    )


def unindex_article(conn: Connection, article_id: str) -> None:
    if conn.dialect.name == "sqlite":
        conn.execute(text("DELETE FROM articles_fts WHERE article_id = :id"), {"id": article_id})


def terms(query: str) -> list[str]:
    """The words and quoted phrases of a user query, each normalised to plain words."""
    out = []
    for phrase, word in _TOKEN.findall(query):
        words = _WORD.findall(phrase or word)
        if words:
            out.append(" ".join(words))
    return out


def search(conn: Connection, query: str, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
    """Articles matching every term of ``query``, best first, each with a snippet around the hits."""
    found = terms(query)
    if not found:
        return []
    if conn.dialect.name == "sqlite":
        match = " AND ".join('"' + t.replace('"', "") + '"' for t in found)
        sql = text(
            "SELECT a.id, a.title, a.source, a.published, a.language, "
            f"snippet(articles_fts, 2, '{HIT_START}', '{HIT_END}', ' … ', 24) AS snippet, "
            "bm25(articles_fts, 0.0, 5.0, 1.0) AS rank "
            "FROM articles_fts JOIN articles a ON a.id = articles_fts.article_id "
            "WHERE articles_fts MATCH :match ORDER BY rank, a.published, a.id LIMIT :limit OFFSET :offset"
        )
        rows = conn.execute(sql, {"match": match, "limit": limit, "offset": offset}).mappings().all()
        return [_row(r, -float(r["rank"])) for r in rows]
    tsquery = " & ".join("(" + " <-> ".join(t.split()) + ")" for t in found)
    sql = text(
        "SELECT a.id, a.title, a.source, a.published, a.language, "
        "ts_headline('english', a.text, q, :opts) AS snippet, ts_rank(a.search_tsv, q) AS rank "
        "FROM articles a, to_tsquery('english', :q) q WHERE a.search_tsv @@ q "
        "ORDER BY rank DESC, a.published, a.id LIMIT :limit OFFSET :offset"
    )
    opts = f"StartSel={HIT_START}, StopSel={HIT_END}, MaxWords=30, MinWords=10, MaxFragments=2"
    params = {"q": _pg_quote(tsquery), "opts": opts, "limit": limit, "offset": offset}
    return [_row(r, float(r["rank"])) for r in conn.execute(sql, params).mappings().all()]


def _pg_quote(tsquery: str) -> str:
    """Quote each lexeme so to_tsquery treats words literally."""
    return re.sub(r"\w+", lambda m: "'" + m.group(0) + "'", tsquery)


def _row(row: Any, score: float) -> dict[str, Any]:
    snippet = str(row["snippet"] or "")
    return {
        "id": row["id"],
        "title": row["title"],
        "source": row["source"],
        "published": row["published"],
        "language": row["language"],
        "score": round(score, 4),
        "snippet": snippet.replace(HIT_START, "").replace(HIT_END, ""),
        "snippet_parts": snippet_parts(snippet),
    }


def snippet_parts(snippet: str) -> list[list[Any]]:
    """``[[text, is_hit], ...]`` so callers can highlight hits without trusting any markup."""
    parts: list[list[Any]] = []
    for i, chunk in enumerate(re.split(f"[{HIT_START}{HIT_END}]", snippet)):
        if chunk:
            parts.append([chunk, i % 2 == 1])
    return parts
