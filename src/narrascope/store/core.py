"""The article store: SQLite by default, PostgreSQL with the same code (SQLAlchemy Core).

Each article is written in one transaction with all its annotations, so a crash mid-run
never leaves a half-written article; saving the same clean text twice stores it once.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy import Connection, Engine, and_, create_engine, delete, event, func, or_, select, update
from sqlalchemy.exc import SQLAlchemyError

from ..document import Annotation, Article, OffsetMap, roles_on_annotations
from ..errors import NotFoundError, QueryError, StoreError
from . import jobs, schema, search
from .migrations import applied_versions, migrate

SaveResult = Literal["stored", "duplicate", "replaced"]
# Paging bounds for listings and search: offsets past any real corpus are refused before SQL
# sees them (an offset over 2**63 - 1 overflows the database's integer).
MAX_OFFSET = 1_000_000_000
MAX_LIMIT = 5000
_CANDIDATES = 5  # ids named when a prefix is ambiguous
_ANALYSIS_KEYS = ("entities", "narratives", "roles", "explanation", "results")


class Store:
    """A connection to one narrascope database."""

    def __init__(self, url: str) -> None:
        self.url = url
        try:
            self.engine: Engine = _engine(url)
            with self.write() as conn:
                migrate(conn)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot open database {_safe(url)}: {exc.__class__.__name__}: {exc.args[0]}") from exc

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A write transaction. On SQLite it starts with ``BEGIN IMMEDIATE``, so it waits for
        another writer (the web worker vs. a request) instead of failing with "database is locked"
        when a read inside it would have to upgrade to a write."""
        with self.engine.connect() as conn:
            conn.execution_options(narrascope_write=True)
            with conn.begin():
                yield conn

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def migrations(self) -> list[int]:
        with self.engine.connect() as conn:
            return applied_versions(conn)

    def close(self) -> None:
        self.engine.dispose()

    # -- writing ---------------------------------------------------------------------------

    def has(self, article_id: str) -> bool:
        with self.engine.connect() as conn:
            return (
                conn.execute(select(schema.articles.c.id).where(schema.articles.c.id == article_id)).first() is not None
            )

    def stored_pipeline(self, article_id: str) -> str | None:
        """The pipeline signature an article was analysed with, or None when it is not stored."""
        with self.engine.connect() as conn:
            row = conn.execute(select(schema.articles.c.pipeline).where(schema.articles.c.id == article_id)).first()
        return None if row is None else str(row[0] or "")

    def save(self, article: Article, replace: bool = False) -> SaveResult:
        """Store an article and its annotations atomically.

        An article already stored is left untouched (``"duplicate"``) unless ``replace``
        is true, in which case its analysis is swapped in the same transaction.
        """
        try:
            with self.write() as conn:
                exists = conn.execute(select(schema.articles.c.id).where(schema.articles.c.id == article.id)).first()
                if exists and not replace:
                    return "duplicate"
                row = _article_row(article)
                if exists:
                    conn.execute(delete(schema.annotations).where(schema.annotations.c.article_id == article.id))
                    row.pop("created_at")
                    conn.execute(update(schema.articles).where(schema.articles.c.id == article.id).values(**row))
                else:
                    conn.execute(schema.articles.insert().values(**row))
                _insert_annotations(conn, article)
                search.index_article(conn, article)
                return "replaced" if exists else "stored"
        except SQLAlchemyError as exc:
            raise StoreError(f"could not store article {article.id}: {exc.__class__.__name__}: {exc.args[0]}") from exc

    def delete(self, article_id: str) -> None:
        with self.write() as conn:
            conn.execute(delete(schema.annotations).where(schema.annotations.c.article_id == article_id))
            search.unindex_article(conn, article_id)
            res = conn.execute(delete(schema.articles).where(schema.articles.c.id == article_id))
            if res.rowcount == 0:
                raise NotFoundError(f"no article {article_id!r} in {_safe(self.url)}")

    # -- reading ---------------------------------------------------------------------------

    def resolve_id(self, prefix: str) -> str:
        """The full id of the one article whose id starts with ``prefix`` (any length that is unique).

        An ambiguous prefix raises NotFoundError naming a few of the ids it matches.
        """
        if not prefix:
            raise NotFoundError("no article id given; list ids with `narrascope list`")
        col = schema.articles.c.id
        # substr, not LIKE: no wildcards to escape, and case-sensitive on SQLite as on PostgreSQL
        query = select(col).where(func.substr(col, 1, len(prefix)) == prefix).order_by(col).limit(_CANDIDATES + 1)
        with self.engine.connect() as conn:
            ids = [str(r[0]) for r in conn.execute(query)]
        if len(ids) == 1:
            return ids[0]
        if not ids:
            raise NotFoundError(f"no article with id {prefix!r}; list ids with `narrascope list`")
        shown = ", ".join(ids[:_CANDIDATES]) + (", …" if len(ids) > _CANDIDATES else "")
        raise NotFoundError(f"id prefix {prefix!r} is ambiguous (matches {shown}); give more characters")

    def get(self, article_id: str) -> Article:
        """One article with all its annotations; accepts a unique id prefix."""
        full = article_id if len(article_id) == 16 and self.has(article_id) else self.resolve_id(article_id)
        found = list(self.iter_articles(ids=[full]))
        if not found:
            raise NotFoundError(f"no article {article_id!r}")
        return found[0]

    def iter_articles(
        self, ids: Iterable[str] | None = None, source: str | None = None, batch: int = 200
    ) -> Iterator[Article]:
        """Stream stored articles (with annotations), ordered by publication date then id."""
        a = schema.articles
        query = select(a).order_by(a.c.published.nulls_first(), a.c.id)
        if ids is not None:
            query = query.where(a.c.id.in_(list(ids)))
        if source is not None:
            query = query.where(a.c.source == source)
        page = query
        while True:
            with self.engine.connect() as conn:
                rows = conn.execute(page.limit(batch)).mappings().all()
                if not rows:
                    return
                anns = _annotations_for(conn, [r["id"] for r in rows])
            for row in rows:
                yield _row_article(row, anns.get(row["id"], []))
            page = query.where(_after(rows[-1]["published"], rows[-1]["id"]))

    def list_articles(self, limit: int = 50, offset: int = 0, source: str | None = None) -> list[dict[str, Any]]:
        """Summary rows (no text) for listings."""
        check_page(limit, offset)
        a = schema.articles
        cols = [a.c.id, a.c.title, a.c.source, a.c.published, a.c.language, a.c.path]
        query = select(*cols).order_by(a.c.published.nulls_first(), a.c.id).limit(limit).offset(offset)
        if source:
            query = query.where(a.c.source == source)
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(query).mappings()]

    def iter_annotations(
        self, layer: str, label: str | None = None, batch: int = 5000
    ) -> Iterator[tuple[str, dict[str, Any], Annotation]]:
        """Every annotation of one layer across the corpus, with its article's metadata."""
        n, a = schema.annotations, schema.articles
        query = (
            select(n, a.c.title, a.c.source, a.c.published, a.c.language)
            .join(a, a.c.id == n.c.article_id)
            .where(n.c.layer == layer)
            .order_by(a.c.published.nulls_first(), n.c.article_id, n.c.start_char)
        )
        if label is not None:
            query = query.where(n.c.label == label)
        with self.engine.connect() as conn:
            result = conn.execution_options(stream_results=True, yield_per=batch).execute(query).mappings()
            for row in result:
                meta = {k: row[k] for k in ("title", "source", "published", "language")}
                yield row["article_id"], meta, _row_annotation(row)

    def search(self, query: str, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
        """Full-text search over titles and texts (words and "quoted phrases", all required), best first."""
        check_page(limit, offset)
        with self.engine.connect() as conn:
            return search.search(conn, query, limit, offset)

    def count(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(schema.articles)).scalar_one())

    def stats(self) -> dict[str, Any]:
        """Counts of articles, per outlet, and of annotations per layer."""
        a, n = schema.articles, schema.annotations
        with self.engine.connect() as conn:
            outlets = {str(k): int(v) for k, v in conn.execute(select(a.c.source, func.count()).group_by(a.c.source))}
            layers = {str(k): int(v) for k, v in conn.execute(select(n.c.layer, func.count()).group_by(n.c.layer))}
        return {"articles": sum(outlets.values()), "outlets": outlets, "layers": layers}

    # -- web analysis jobs (store/jobs.py) -------------------------------------------------

    def save_job(self, record: dict[str, Any]) -> None:
        """Insert or update a web analysis job's status and outcomes; a database failure is a StoreError."""
        try:
            with self.write() as conn:
                jobs.save_job(conn, record)
        except SQLAlchemyError as exc:
            why = f"{exc.__class__.__name__}: {exc.args[0]}"
            raise StoreError(f"could not store job {record.get('id')}: {why}") from exc

    def job(self, job_id: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            return jobs.load_job(conn, job_id)

    def recent_jobs(self, n: int = 20) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return jobs.recent_jobs(conn, n)

    def interrupt_jobs(self) -> int:
        """Mark jobs left queued or running by a stopped server as failed; returns how many."""
        with self.write() as conn:
            return jobs.interrupt_unfinished(conn, _now())


def check_page(limit: int, offset: int) -> None:
    """Raise QueryError unless ``1 <= limit <= MAX_LIMIT`` and ``0 <= offset <= MAX_OFFSET``."""
    for name, value, low, high in (("limit", limit, 1, MAX_LIMIT), ("offset", offset, 0, MAX_OFFSET)):
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise QueryError(f"{name} must be a whole number from {low} to {high}, got {value!r}")


def _after(published: str | None, article_id: str) -> Any:
    """Keyset condition for the rows after ``(published, id)`` in (published NULLS FIRST, id) order."""
    a = schema.articles
    if published is None:
        return or_(a.c.published.is_not(None), and_(a.c.published.is_(None), a.c.id > article_id))
    return or_(a.c.published > published, and_(a.c.published == published, a.c.id > article_id))


def open_store(url_or_settings: Any) -> Store:
    """Open (and migrate) the store named by a URL or by ``settings.store.url``."""
    url = url_or_settings if isinstance(url_or_settings, str) else url_or_settings.store.url
    return Store(url)


def _engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.isolation_level = None  # let SQLAlchemy emit BEGIN so DDL is transactional too
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        @event.listens_for(engine, "begin")
        def _begin(conn: Any) -> None:
            immediate = conn.get_execution_options().get("narrascope_write")
            conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return create_engine(url, pool_pre_ping=True)


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        return f"{scheme}://***@{rest.split('@', 1)[1]}"
    return url


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _analysis(article: Article, data: dict[str, Any]) -> dict[str, Any]:
    """The article-level results stored beside the annotations. Roles are stored once: when the
    mention records equal what the annotations' attrs carry (what the ``roles`` component writes),
    they are left out and rebuilt on read; records that differ (an article built by hand) are kept."""
    out = {k: data[k] for k in _ANALYSIS_KEYS}
    if json.loads(json.dumps(article.roles, default=str)) == roles_on_annotations(article.annotations):
        del out["roles"]
    return out


def _article_row(article: Article) -> dict[str, Any]:
    meta = article.meta
    data = article.to_dict()
    return {
        "id": article.id,
        "title": meta.get("title"),
        "source": meta.get("source"),
        "published": meta.get("published"),
        "language": meta.get("language"),
        "path": meta.get("path"),
        "url": meta.get("url"),
        "text": article.text,
        "raw_text": article.raw_text,
        "offset_map": json.dumps(article.offsets.to_list() if article.offsets else []),
        "meta": json.dumps(meta, ensure_ascii=False, default=str),
        "analysis": json.dumps(_analysis(article, data), ensure_ascii=False, default=str),
        "pipeline": str(article.results.get("pipeline", "")),
        "schema_version": data["schema_version"],
        "created_at": _now(),
        "updated_at": _now(),
    }


def _insert_annotations(conn: Connection, article: Article) -> None:
    rows = [
        {
            "article_id": article.id,
            "ann_id": a.id,
            "layer": a.layer,
            "start_char": a.start,
            "end_char": a.end,
            "label": a.label,
            "attrs": json.dumps(a.attrs, ensure_ascii=False, default=str),
        }
        for a in article.annotations
    ]
    if rows:
        conn.execute(schema.annotations.insert(), rows)


def _annotations_for(conn: Connection, ids: list[str]) -> dict[str, list[Annotation]]:
    n = schema.annotations
    out: dict[str, list[Annotation]] = {}
    query = select(n).where(n.c.article_id.in_(ids)).order_by(n.c.article_id, n.c.start_char, n.c.end_char)
    for row in conn.execute(query).mappings():
        out.setdefault(row["article_id"], []).append(_row_annotation(row))
    return out


def _row_annotation(row: Any) -> Annotation:
    return Annotation(
        row["layer"], row["start_char"], row["end_char"], row["label"], json.loads(row["attrs"]), row["ann_id"]
    )


def _row_article(row: Any, anns: list[Annotation]) -> Article:
    analysis = json.loads(row["analysis"])
    return Article(
        text=row["text"],
        raw_text=row["raw_text"],
        offsets=OffsetMap.from_list(json.loads(row["offset_map"])),
        meta=json.loads(row["meta"]),
        annotations=anns,
        entities=analysis.get("entities") or [],
        narratives=analysis.get("narratives") or [],
        roles=analysis["roles"] if "roles" in analysis else roles_on_annotations(anns),
        explanation=analysis.get("explanation"),
        results=analysis.get("results") or {},
    )
