"""The corpus index's persistence: its three tables (``schema.corpus_*``, created by migrations 3
and 4) and every query the corpus analyses run against the store.

:mod:`narrascope.corpus` computes the keys, windows and clusters; it reads and writes them only
through these functions, never through the engine.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy import Connection, delete, func, select, update

from . import schema

if TYPE_CHECKING:
    from .core import Store

state, keys = schema.corpus_state, schema.corpus_keys
SHARED = {"p": "P", "q": "Q", "qf": "QF"}  # upper case: the key also occurs in another article/variant
_CHUNK = 500


class KeyRow(Protocol):
    """One passage (``p``), quote (``q``) or quote-fingerprint (``qf``) key of an article."""

    @property
    def kind(self) -> str: ...
    @property
    def key(self) -> int: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def data(self) -> dict[str, Any] | None: ...


def _chunks(values: Sequence[Any], size: int = _CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(values), size):
        yield values[i : i + size]


# -- writing -------------------------------------------------------------------------------


class IndexWriter:
    """One write transaction over the index tables (see :func:`writer`)."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def stamps(self, ids: Sequence[str]) -> dict[str, str]:
        """Each stored article's ``updated_at``."""
        a = schema.articles
        return {str(k): str(v) for k, v in self._conn.execute(select(a.c.id, a.c.updated_at).where(a.c.id.in_(ids)))}

    def window_start(self, article_id: str) -> str | None:
        """The first day of an indexed article's date window, if it has one."""
        row = self._conn.execute(select(state.c.date_from).where(state.c.article_id == article_id)).first()
        return str(row[0]) if row is not None and row[0] else None

    def replace(
        self,
        article_id: str,
        entry: dict[str, Any],
        rows: Sequence[KeyRow],
    ) -> None:
        """Swap in one article's index entry: its ``corpus_state`` row (``entry``) and keys."""
        conn = self._conn
        conn.execute(delete(keys).where(keys.c.article_id == article_id))
        conn.execute(delete(state).where(state.c.article_id == article_id))
        conn.execute(state.insert().values(article_id=article_id, **entry))
        self._write_keys(article_id, rows)

    def _existing(self, kinds: tuple[str, ...], found: Iterable[int], article_id: str | None = None) -> set[int]:
        """Which of ``found`` keys already occur under ``kinds`` (in another article when given)."""
        out: set[int] = set()
        for chunk in _chunks(sorted(set(found))):
            query = select(keys.c.key).where(keys.c.kind.in_(kinds), keys.c.key.in_(chunk))
            if article_id is not None:
                query = query.where(keys.c.article_id != article_id)
            out.update(int(r[0]) for r in self._conn.execute(query.distinct()))
        return out

    def _write_keys(self, aid: str, key_rows: Sequence[KeyRow]) -> None:
        """Insert an article's keys, flagging (upper-case kind) those it shares with earlier articles.

        Quote fingerprints are stored once per distinct quote text (``data`` = its exact key): a
        verbatim copy adds only its ``q`` row. Queries then read just the flagged, shared rows.
        """
        variants = {r.key for r in key_rows if r.kind == "q"}
        reused = self._existing(("q", "Q"), variants, aid)
        node_variant = {(r.start, r.end): r.key for r in key_rows if r.kind == "q"}
        fps: list[tuple[int, int, int, int]] = []  # fingerprint, start, end, variant
        seen: set[tuple[int, int]] = set()
        for r in key_rows:
            if r.kind == "qf":
                v = node_variant[(r.start, r.end)]
                if v not in reused and (r.key, v) not in seen:
                    seen.add((r.key, v))
                    fps.append((r.key, r.start, r.end, v))
        shared_fp = self._existing(("qf", "QF"), [f[0] for f in fps])
        passages = [r for r in key_rows if r.kind == "p"]
        shared_p = self._existing(("p", "P"), [r.key for r in passages], aid)
        rows: list[dict[str, Any]] = []
        for r in key_rows:
            if r.kind == "q":
                kind = "Q" if r.key in reused else "q"
                rows.append(_row(aid, kind, r.key, r.start, r.end, json.dumps(r.data, ensure_ascii=False)))
            elif r.kind == "p":
                rows.append(_row(aid, "P" if r.key in shared_p else "p", r.key, r.start, r.end, None))
        rows.extend(_row(aid, "QF" if f in shared_fp else "qf", f, s, e, str(v)) for f, s, e, v in fps)
        if rows:
            self._conn.execute(keys.insert(), rows)
        for low, found in (("q", reused), ("qf", shared_fp), ("p", shared_p)):
            for chunk in _chunks(sorted(found)):
                self._conn.execute(
                    update(keys).where(keys.c.kind == low, keys.c.key.in_(chunk)).values(kind=SHARED[low])
                )


def _row(aid: str, kind: str, key: int, start: int, end: int, data: str | None) -> dict[str, Any]:
    return {"article_id": aid, "kind": kind, "key": key, "start_char": start, "end_char": end, "data": data}


@contextmanager
def writer(store: Store) -> Iterator[IndexWriter]:
    """A write transaction for (re)indexing a batch of articles."""
    with store.write() as conn:
        yield IndexWriter(conn)


# -- reading -------------------------------------------------------------------------------


def stale_ids(store: Store) -> list[str]:
    """Articles not indexed yet, or re-analysed since they were."""
    a = schema.articles
    query = (
        select(a.c.id)
        .select_from(a.outerjoin(state, state.c.article_id == a.c.id))
        .where((state.c.article_id.is_(None)) | (state.c.updated_at != a.c.updated_at))
    )
    with store.engine.connect() as conn:
        return [str(r[0]) for r in conn.execute(query)]


def signatures(store: Store) -> list[tuple[str, str | None, bytes]]:
    """``(article id, cluster, MinHash signature)`` of every indexed article."""
    with store.engine.connect() as conn:
        rows = conn.execute(select(state.c.article_id, state.c.cluster, state.c.minhash)).all()
    return [(str(a), None if c is None else str(c), bytes(s)) for a, c, s in rows]


def dated_ids(store: Store, ids: Sequence[str]) -> set[str]:
    """Those of ``ids`` with a publication date."""
    a = schema.articles
    out: set[str] = set()
    with store.engine.connect() as conn:
        for chunk in _chunks(list(ids)):
            query = select(a.c.id).where(a.c.id.in_(chunk), a.c.published.is_not(None))
            out.update(str(r[0]) for r in conn.execute(query))
    return out


def clusters_of(store: Store, ids: Iterable[str]) -> dict[str, str]:
    """The near-duplicate cluster id of each given indexed article (its own id when alone)."""
    out: dict[str, str] = {}
    with store.engine.connect() as conn:
        for chunk in _chunks(list(set(ids))):
            q = select(state.c.article_id, state.c.cluster).where(state.c.article_id.in_(chunk))
            out.update({str(a): str(c) for a, c in conn.execute(q)})
    return out


def article_meta(store: Store, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Title, outlet, publication date and (estimated) date window of the given articles."""
    a = schema.articles
    out: dict[str, dict[str, Any]] = {}
    with store.engine.connect() as conn:
        for chunk in _chunks(list(set(ids))):
            q = (
                select(
                    a.c.id, a.c.title, a.c.source, a.c.published, state.c.date_from, state.c.date_to, state.c.estimated
                )
                .select_from(a.outerjoin(state, state.c.article_id == a.c.id))
                .where(a.c.id.in_(chunk))
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
    a = schema.articles
    with store.engine.connect() as conn:
        val = conn.execute(
            select(func.substr(a.c.text, start + 1, min(end - start, limit))).where(a.c.id == article_id)
        ).scalar()
    return str(val or "")


def texts(store: Store, ids: Sequence[str]) -> dict[str, str]:
    """The clean text of each given article."""
    a = schema.articles
    out: dict[str, str] = {}
    with store.engine.connect() as conn:
        for chunk in _chunks(list(ids), 200):
            out.update({str(k): str(v) for k, v in conn.execute(select(a.c.id, a.c.text).where(a.c.id.in_(chunk)))})
    return out


def analyses(store: Store) -> list[tuple[str, str | None, str | None, str | None, str | None]]:
    """``(id, source, published, language, analysis JSON)`` of every stored article (no texts)."""
    a = schema.articles
    with store.engine.connect() as conn:
        rows = conn.execute(select(a.c.id, a.c.source, a.c.published, a.c.language, a.c.analysis)).all()
    return [(str(i), s, p, lang, an) for i, s, p, lang, an in rows]


def shared_keys(store: Store, kind: str) -> list[tuple[str, int, int, int]]:
    """``(article id, key, start, end)`` of the rows of one flagged (shared) kind."""
    query = select(keys.c.article_id, keys.c.key, keys.c.start_char, keys.c.end_char).where(keys.c.kind == kind)
    with store.engine.connect() as conn:
        return [(str(a), int(key), int(s), int(e)) for a, key, s, e in conn.execute(query).all()]


def quote_prints(store: Store) -> tuple[list[tuple[int, int]], set[int]]:
    """Shared quote fingerprints as ``(fingerprint, variant)``, and the variants quoted verbatim twice or more."""
    with store.engine.connect() as conn:
        rows = conn.execute(select(keys.c.key, keys.c.data).where(keys.c.kind == "QF")).all()
        prints = [(int(f), int(v)) for f, v in rows]
        reused = {int(r[0]) for r in conn.execute(select(keys.c.key).where(keys.c.kind == "Q").distinct())}
    return prints, reused


def _variant_rows(store: Store, cols: list[Any], variants: set[int], group: bool = False) -> list[Any]:
    out: list[Any] = []
    with store.engine.connect() as conn:
        for chunk in _chunks(sorted(variants)):
            query = select(*cols).where(keys.c.kind.in_(("q", "Q")), keys.c.key.in_(chunk))
            out.extend(conn.execute(query.group_by(keys.c.key) if group else query).all())
    return out


def variant_texts(store: Store, variants: set[int]) -> dict[int, str]:
    """The quote text of each variant key."""
    rows = _variant_rows(store, [keys.c.key, func.min(keys.c.data)], variants, group=True)
    return {int(v): str(json.loads(d or "{}").get("text") or "") for v, d in rows}


def variant_occurrences(store: Store, variants: set[int]) -> list[tuple[int, tuple[str, int, int], str]]:
    """Every occurrence ``(variant, (article id, start, end), data JSON)`` of the given variant keys."""
    rows = _variant_rows(
        store, [keys.c.key, keys.c.article_id, keys.c.start_char, keys.c.end_char, keys.c.data], variants
    )
    return [(int(v), (str(a), int(s), int(e)), str(d or "{}")) for v, a, s, e, d in rows]


def repeats(store: Store) -> list[tuple[str, list[dict[str, Any]]]]:
    """Each indexed article's passages repeated inside it, for those that have any."""
    with store.engine.connect() as conn:
        rows = conn.execute(select(state.c.article_id, state.c.repeats).where(state.c.repeats != "[]")).all()
    return [(str(a), json.loads(r)) for a, r in rows]


def window_starts(store: Store, ids: Sequence[str]) -> dict[str, str]:
    """The index's window start for the given articles, where it has one."""
    out: dict[str, str] = {}
    with store.engine.connect() as conn:
        for chunk in _chunks(list(ids)):
            q = select(state.c.article_id, state.c.date_from).where(state.c.article_id.in_(chunk))
            out.update({str(a): str(d) for a, d in conn.execute(q) if d})
    return out


def estimated_windows(store: Store) -> dict[str, tuple[str, str]]:
    """Estimated windows the index recorded (an undated copy takes its original's)."""
    query = select(state.c.article_id, state.c.date_from, state.c.date_to).where(
        state.c.estimated == 1, state.c.date_from.is_not(None)
    )
    with store.engine.connect() as conn:
        return {str(a): (str(lo), str(hi)) for a, lo, hi in conn.execute(query)}


def state_key(store: Store) -> tuple[Any, ...]:
    """What changes whenever an article or its index entry is written: counts and latest stamps."""
    a = schema.articles
    with store.engine.connect() as conn:
        n, last = conn.execute(select(func.count(), func.max(a.c.updated_at))).one()
        indexed, indexed_last = conn.execute(select(func.count(), func.max(state.c.updated_at))).one()
    return (int(n), last, int(indexed), indexed_last)
