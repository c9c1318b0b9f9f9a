"""The store-side reuse index: per-article keys in two tables, kept in step with the articles.

``corpus_state`` holds one row per indexed article (its ``updated_at`` when indexed, date
window, MinHash signature, repeated passages, near-duplicate cluster); ``corpus_keys`` holds
its passage and quote fingerprints, indexed by ``(kind, key)`` so reuse queries are SQL
group-bys. :func:`update_index` indexes whatever is new or re-analysed; queries call it first.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

import numpy as np
from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    delete,
    inspect,
    select,
    update,
)

from ..document import Article
from ..store import Store
from ..store import schema as store_schema
from .dating import Window, article_window
from .keys import ArticleKeys, article_keys

DEFAULT_THRESHOLD = 0.6

state = Table(
    "corpus_state",
    store_schema.metadata,
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("updated_at", String(40), nullable=False),
    Column("date_from", String(10)),
    Column("date_to", String(10)),
    Column("estimated", Integer, nullable=False, default=0),
    Column("minhash", LargeBinary, nullable=False),
    Column("repeats", Text, nullable=False),
    Column("cluster", String(32)),
)

keys = Table(
    "corpus_keys",
    store_schema.metadata,
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(4), nullable=False),
    Column("key", BigInteger, nullable=False),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Column("data", Text),
    Index("ix_corpus_keys_kind_key", "kind", "key"),
    Index("ix_corpus_keys_article", "article_id"),
)


events = Table(
    "corpus_events",
    store_schema.metadata,
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Column("type", String(40), nullable=False),
    Column("date_from", String(10)),
    Column("date_to", String(10)),
    Column("precise", Integer, nullable=False),
    Column("estimated", Integer, nullable=False),
    Column("participants", Text, nullable=False),
    Column("actors", Text, nullable=False),
    Column("parties", Text, nullable=False),
    Column("place", Text),
    Column("place_keys", Text, nullable=False),
    Column("text", Text),
    Index("ix_corpus_events_article", "article_id"),
)
SEP = "\x1f"  # joins list values in corpus_events (never inside a name)


def create_tables(conn: Connection) -> None:
    """Migration 3 body: create the two reuse-index tables (and their indexes)."""
    state.create(conn, checkfirst=True)
    keys.create(conn, checkfirst=True)


def create_event_table(conn: Connection) -> None:
    """Migration 4 body: the flat copy of the event layer the timeline reads."""
    events.create(conn, checkfirst=True)


def _event_rows(art: Article, fallback: Window | None = None) -> list[dict[str, Any]]:
    rows = []
    for ev in art.layer("event"):
        at = ev.attrs
        rng = at.get("date_range") or [None, None]
        if rng[0] is None and fallback is not None:
            rng = [fallback.start.isoformat(), fallback.end.isoformat()]
            at = dict(at, estimated=True, precise=(fallback.end - fallback.start).days <= 31)
        rows.append(
            {
                "article_id": art.id,
                "start_char": ev.start,
                "end_char": ev.end,
                "type": ev.label,
                "date_from": rng[0],
                "date_to": rng[1],
                "precise": int(bool(at.get("precise"))),
                "estimated": int(bool(at.get("estimated"))),
                "participants": SEP.join(str(x) for x in at.get("participants") or ()),
                "actors": SEP.join(str(x) for x in at.get("actors") or ()),
                "parties": SEP.join(str(x) for x in at.get("parties") or ()),
                "place": at.get("place"),
                "place_keys": SEP.join(str(x) for x in at.get("place_keys") or ()),
                "text": at.get("text"),
            }
        )
    return rows


def _ensure(store: Store) -> None:
    """Create the tables on a database whose migrations predate them (idempotent)."""
    with store.write() as conn:
        if not inspect(conn).has_table("corpus_state"):
            create_tables(conn)
        if not inspect(conn).has_table("corpus_events"):
            create_event_table(conn)


def stale_ids(store: Store) -> list[str]:
    """Articles not indexed yet, or re-analysed since they were."""
    a = store_schema.articles
    query = (
        select(a.c.id)
        .select_from(a.outerjoin(state, state.c.article_id == a.c.id))
        .where((state.c.article_id.is_(None)) | (state.c.updated_at != a.c.updated_at))
    )
    with store.engine.connect() as conn:
        return [str(r[0]) for r in conn.execute(query)]


def _lsh(conn: Connection, threshold: float) -> tuple[Any, dict[str, str]]:
    """A MinHashLSH over every indexed signature, and each article's cluster."""
    from .duplicates import LSHIndex

    lsh = LSHIndex(threshold)
    clusters: dict[str, str] = {}
    for aid, cluster, sig in conn.execute(select(state.c.article_id, state.c.cluster, state.c.minhash)):
        lsh.add(str(aid), np.frombuffer(sig, dtype=np.uint32))
        clusters[str(aid)] = str(cluster or aid)
    return lsh, clusters


def _write(
    conn: Connection, art: Article, k: ArticleKeys, updated_at: str, cluster: str, fallback: Window | None = None
) -> None:
    window = article_window(art) or fallback
    conn.execute(delete(keys).where(keys.c.article_id == art.id))
    conn.execute(delete(events).where(events.c.article_id == art.id))
    conn.execute(delete(state).where(state.c.article_id == art.id))
    conn.execute(
        state.insert().values(
            article_id=art.id,
            updated_at=updated_at,
            date_from=window.start.isoformat() if window else None,
            date_to=window.end.isoformat() if window else None,
            estimated=int(bool(window and window.estimated)),
            minhash=k.minhash,
            repeats=json.dumps(k.repeats),
            cluster=cluster,
        )
    )
    _write_keys(conn, k)
    ev_rows = _event_rows(art, None if article_window(art) else fallback)
    if ev_rows:
        conn.execute(events.insert(), ev_rows)


SHARED = {"p": "P", "q": "Q", "qf": "QF"}  # upper case: the key also occurs in another article/variant


def _existing(
    conn: Connection, kinds: tuple[str, ...], found: Iterable[int], article_id: str | None = None
) -> set[int]:
    """Which of ``found`` keys already occur under ``kinds`` (in another article when given)."""
    wanted = sorted(set(found))
    out: set[int] = set()
    for i in range(0, len(wanted), 500):
        query = select(keys.c.key).where(keys.c.kind.in_(kinds), keys.c.key.in_(wanted[i : i + 500]))
        if article_id is not None:
            query = query.where(keys.c.article_id != article_id)
        out.update(int(r[0]) for r in conn.execute(query.distinct()))
    return out


def _write_keys(conn: Connection, k: ArticleKeys) -> None:
    """Insert an article's keys, flagging (upper-case kind) those it shares with earlier articles.

    Quote fingerprints are stored once per distinct quote text (``data`` = its exact key): a
    verbatim copy adds only its ``q`` row. Queries then read just the flagged, shared rows.
    """
    aid = k.article_id
    variants = {r.key for r in k.rows if r.kind == "q"}
    reused = _existing(conn, ("q", "Q"), variants, aid)
    node_variant = {(r.start, r.end): r.key for r in k.rows if r.kind == "q"}
    fps: list[tuple[int, int, int, int]] = []  # fingerprint, start, end, variant
    seen: set[tuple[int, int]] = set()
    for r in k.rows:
        if r.kind == "qf":
            v = node_variant[(r.start, r.end)]
            if v not in reused and (r.key, v) not in seen:
                seen.add((r.key, v))
                fps.append((r.key, r.start, r.end, v))
    shared_fp = _existing(conn, ("qf", "QF"), [f[0] for f in fps])
    passages = [r for r in k.rows if r.kind == "p"]
    shared_p = _existing(conn, ("p", "P"), [r.key for r in passages], aid)
    rows: list[dict[str, Any]] = []
    for r in k.rows:
        if r.kind == "q":
            kind = "Q" if r.key in reused else "q"
            rows.append(_row(aid, kind, r.key, r.start, r.end, json.dumps(r.data, ensure_ascii=False)))
        elif r.kind == "p":
            rows.append(_row(aid, "P" if r.key in shared_p else "p", r.key, r.start, r.end, None))
    rows.extend(_row(aid, "QF" if f in shared_fp else "qf", f, s, e, str(v)) for f, s, e, v in fps)
    if rows:
        conn.execute(keys.insert(), rows)
    for low, found in (("q", reused), ("qf", shared_fp), ("p", shared_p)):
        wanted = sorted(found)
        for i in range(0, len(wanted), 500):
            conn.execute(
                update(keys).where(keys.c.kind == low, keys.c.key.in_(wanted[i : i + 500])).values(kind=SHARED[low])
            )


def _row(aid: str, kind: str, key: int, start: int, end: int, data: str | None) -> dict[str, Any]:
    return {"article_id": aid, "kind": kind, "key": key, "start_char": start, "end_char": end, "data": data}


COPY_DAYS = 7


def _copy_window(conn: Connection, original: str) -> Window | None:
    """An undated near-duplicate's estimated window: within a week after its dated original."""
    row = conn.execute(select(state.c.date_from).where(state.c.article_id == original)).first()
    if row is None or not row[0]:
        return None
    start = date.fromisoformat(str(row[0]))
    return Window(start, start + timedelta(days=COPY_DAYS), True, (f"near-duplicate of {original}",))


def index_articles(store: Store, ids: Iterable[str], threshold: float = DEFAULT_THRESHOLD, batch: int = 200) -> int:
    """(Re)index the given stored articles; each joins the cluster of its nearest earlier near-duplicate."""
    _ensure(store)
    todo = list(ids)
    if not todo:
        return 0
    a = store_schema.articles
    done = 0
    with store.engine.connect() as conn:
        lsh, clusters = _lsh(conn, threshold)
        dated: set[str] = set()
        for i in range(0, len(todo), 500):
            q = select(a.c.id).where(a.c.id.in_(todo[i : i + 500]), a.c.published.is_not(None))
            dated.update(str(r[0]) for r in conn.execute(q))
    # Dated articles first, so an undated copy finds its dated original already indexed.
    todo = [t for t in todo if t in dated] + [t for t in todo if t not in dated]
    for i in range(0, len(todo), batch):
        chunk = todo[i : i + batch]
        with store.write() as conn:
            stamps = dict(conn.execute(select(a.c.id, a.c.updated_at).where(a.c.id.in_(chunk))).all())
            for art in sorted(store.iter_articles(ids=chunk), key=lambda x: not x.meta.get("published")):
                k = article_keys(art)
                sig = np.frombuffer(k.minhash, dtype=np.uint32)
                hits = lsh.similar(sig, skip=art.id)
                cluster = clusters.get(hits[0][0], hits[0][0]) if hits else art.id
                fallback = _copy_window(conn, hits[0][0]) if hits and article_window(art) is None else None
                _write(conn, art, k, str(stamps.get(art.id, "")), cluster, fallback)
                lsh.add(art.id, sig)
                clusters[art.id] = cluster
                done += 1
    return done


def update_index(store: Store, threshold: float = DEFAULT_THRESHOLD) -> int:
    """Index every new or re-analysed article; returns how many were (re)indexed."""
    _ensure(store)
    return index_articles(store, stale_ids(store), threshold)


def on_saved(store: Store, article: Article, threshold: float = DEFAULT_THRESHOLD) -> str | None:
    """Ingest hook: index one just-saved article; returns the near-duplicate cluster it joined."""
    index_articles(store, [article.id], threshold)
    with store.engine.connect() as conn:
        row = conn.execute(select(state.c.cluster).where(state.c.article_id == article.id)).first()
    return None if row is None else str(row[0])


def clusters_of(store: Store, ids: Iterable[str]) -> dict[str, str]:
    """The near-duplicate cluster id of each given indexed article (its own id when alone)."""
    wanted = list(set(ids))
    out: dict[str, str] = {}
    with store.engine.connect() as conn:
        for i in range(0, len(wanted), 500):
            q = select(state.c.article_id, state.c.cluster).where(state.c.article_id.in_(wanted[i : i + 500]))
            out.update({str(a): str(c) for a, c in conn.execute(q)})
    return out


def article_meta(store: Store, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Title, outlet, publication date and (estimated) date window of the given articles."""
    a = store_schema.articles
    wanted = list(set(ids))
    out: dict[str, dict[str, Any]] = {}
    with store.engine.connect() as conn:
        for i in range(0, len(wanted), 500):
            q = (
                select(
                    a.c.id, a.c.title, a.c.source, a.c.published, state.c.date_from, state.c.date_to, state.c.estimated
                )
                .select_from(a.outerjoin(state, state.c.article_id == a.c.id))
                .where(a.c.id.in_(wanted[i : i + 500]))
            )
            for r in conn.execute(q).mappings():
                out[str(r["id"])] = {
                    "article_id": r["id"],
                    "title": r["title"],
                    "source": r["source"],
                    "published": r["published"],
                    "date_from": r["date_from"],
                    "date_to": r["date_to"],
                    "estimated": bool(r["estimated"]),
                }
    return out


def excerpt(store: Store, article_id: str, start: int, end: int, limit: int = 300) -> str:
    """``text[start:end]`` of a stored article (at most ``limit`` characters), without loading the rest."""
    from sqlalchemy import func

    a = store_schema.articles
    with store.engine.connect() as conn:
        val = conn.execute(
            select(func.substr(a.c.text, start + 1, min(end - start, limit))).where(a.c.id == article_id)
        ).scalar()
    return str(val or "")
