"""The corpus timeline: the same event reported by several articles merged into one entry.

Two reports are the same event when they have the same type, overlapping date windows and
share a person/organisation participant or a place (a city and its country count as one).
Precise reports (windows up to a month) chain into entries; reports with only a wide
estimated window join the entry they overlap, so vague dates never glue entries together.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from ..store import Store
from .perf import without_gc
from .sources import Corpus, Record, iter_layer

SLACK_DAYS = 2
DEFAULT_EXCLUDE = ("statement",)
#: Place keys too broad to tell two events apart (the belligerents' own territory).
GENERIC_PLACES = frozenset({"ukraine", "russia", "ua", "ru"})


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


@lru_cache(maxsize=8192)
def _day(iso: str) -> date:
    return date.fromisoformat(iso)


def _window(rec: Record) -> tuple[date, date] | None:
    rng = rec.attrs.get("date_range")
    if not rng:
        return None
    return _day(rng[0]), _day(rng[1])


def _keys(rec: Record) -> set[tuple[str, str]]:
    """Merge keys: person/organisation ids and place keys (not the belligerents' own territory)."""
    at = rec.attrs
    keys = {("p", k) for k in at.get("place_keys") or () if k not in GENERIC_PLACES}
    keys.update(("a", pid) for pid in at.get("participants") or ())
    return keys


def _matches_actor(rec: Record, actor: str) -> bool:
    needle = actor.lower()
    ids = [str(x).lower() for x in rec.attrs.get("participants") or ()]
    names = [str(x).lower() for x in [*(rec.attrs.get("actors") or ()), *(rec.attrs.get("parties") or ())]]
    return needle in ids or any(needle in n for n in names)


def merge(records: list[Record], slack_days: int = SLACK_DAYS) -> list[list[int]]:
    """Groups of record indexes that report the same event (see the module docstring)."""
    uf = _UnionFind(len(records))
    slack = timedelta(days=slack_days)
    by_key: dict[tuple[str, tuple[str, str]], list[int]] = defaultdict(list)
    windows = [_window(r) for r in records]
    for i, rec in enumerate(records):
        if windows[i] is None:
            continue
        for key in _keys(rec):
            by_key[(rec.label, key)].append(i)
    for members in by_key.values():
        precise = sorted(
            (i for i in members if records[i].attrs.get("precise")), key=lambda i: windows[i] or (date.min,)
        )
        spans: list[tuple[date, date, int]] = []
        for i in precise:
            lo, hi = windows[i] or (date.min, date.min)
            if spans and lo <= spans[-1][1] + slack:
                uf.union(spans[-1][2], i)
                spans[-1] = (spans[-1][0], max(spans[-1][1], hi), spans[-1][2])
            else:
                spans.append((lo, hi, i))
        vague = [i for i in members if not records[i].attrs.get("precise")]
        for i in vague:
            lo, hi = windows[i] or (date.min, date.min)
            hit = next((s for s in spans if s[0] <= hi + slack and lo <= s[1] + slack), None)
            if hit is not None:
                uf.union(hit[2], i)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(records)):
        groups[uf.find(i)].append(i)
    return list(groups.values())


def _entry(records: list[Record], idx: list[int]) -> dict[str, Any]:
    recs = [records[i] for i in idx]
    precise = [r for r in recs if r.attrs.get("precise") and r.attrs.get("date_range")]
    wins = [w for w in map(_window, precise or recs) if w]
    days = [w for w in wins if w[0] == w[1]]
    wins = days or wins  # day-precise reports date the entry better than month-wide ones
    lo = min(w[0] for w in wins) if wins else None
    hi = max(w[1] for w in wins) if wins else None
    if not precise and wins:  # only vague reports: the range they all allow, when they agree
        c0, c1 = max(w[0] for w in wins), min(w[1] for w in wins)
        if c0 <= c1:
            lo, hi = c0, c1
    precise = precise or recs
    participants: dict[str, str] = {}
    places: set[str] = set()
    sources = []
    outlets: set[str] = set()
    for r in recs:
        at, meta = r.attrs, r.meta
        for pid, name in zip(at.get("participants") or (), at.get("actors") or (), strict=False):
            participants.setdefault(str(pid), str(name))
        if at.get("place"):
            places.add(str(at["place"]))
        if meta.get("source"):
            outlets.add(str(meta["source"]))
        sources.append(
            {
                "article_id": r.article_id,
                "title": meta.get("title"),
                "source": meta.get("source"),
                "published": meta.get("published"),
                "start": r.start,
                "end": r.end,
                "text": at.get("text"),
                "date_range": at.get("date_range"),
                "estimated": bool(at.get("estimated")),
            }
        )
    if len(sources) > 1:
        sources.sort(key=lambda s: (s["published"] or "9999", s["article_id"], s["start"]))
    lead = min(precise, key=lambda r: (not r.attrs.get("date"), r.meta.get("published") or "9999"))
    return {
        "type": recs[0].label,
        "date_from": lo.isoformat() if lo else None,
        "date_to": hi.isoformat() if hi else None,
        "estimated": all(bool(r.attrs.get("estimated")) for r in precise),
        "participants": [{"id": k, "name": v} for k, v in participants.items()],
        "places": sorted(places),
        "summary": lead.attrs.get("text"),
        "n_sources": len(sources),
        "outlets": sorted(outlets),
        "sources": sources,
    }


def _store_records(store: Store, types: set[str] | None = None, exclude: Iterable[str] = ()) -> list[Record]:
    """Event records from the index's flat event table (no JSON to decode), type filter in SQL."""
    from sqlalchemy import select

    from ..store import schema
    from .index import SEP, events, update_index

    update_index(store)
    a, e = schema.articles, events
    query = select(
        e.c.article_id,
        e.c.start_char,
        e.c.end_char,
        e.c.type,
        e.c.date_from,
        e.c.date_to,
        e.c.precise,
        e.c.estimated,
        e.c.participants,
        e.c.actors,
        e.c.parties,
        e.c.place,
        e.c.place_keys,
        e.c.text,
        a.c.title,
        a.c.source,
        a.c.published,
    ).join(a, a.c.id == e.c.article_id)
    if types is not None:
        query = query.where(e.c.type.in_(sorted(types)))
    elif exclude:
        query = query.where(e.c.type.not_in(list(exclude)))
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
    metas: dict[str, dict[str, Any]] = {}
    out = []
    for aid, s, en, typ, d0, d1, precise, est, parts, actors, parties, place, pkeys, text, title, src, pub in rows:
        meta = metas.setdefault(aid, {"title": title, "source": src, "published": pub})
        attrs = {
            "date_range": [d0, d1] if d0 else None,
            "date": d0 if d0 and d0 == d1 else None,
            "precise": bool(precise),
            "estimated": bool(est),
            "participants": parts.split(SEP) if parts else [],
            "actors": actors.split(SEP) if actors else [],
            "parties": parties.split(SEP) if parties else [],
            "place": place,
            "place_keys": pkeys.split(SEP) if pkeys else [],
            "text": text,
        }
        out.append(Record(aid, meta, s, en, typ, attrs))
    return out


@without_gc
def timeline(
    corpus: Corpus,
    actor: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    types: Iterable[str] | None = None,
    min_sources: int = 1,
) -> list[dict[str, Any]]:
    """Merged event entries in date order; ``actor`` is an entity id or part of a name.

    ``types`` limits the event types (default: all but ``statement``); ``date_from``/``date_to``
    (ISO dates) keep entries whose window overlaps them.
    """
    wanted = set(types) if types is not None else None
    source = (
        _store_records(corpus, wanted, DEFAULT_EXCLUDE) if isinstance(corpus, Store) else iter_layer(corpus, "event")
    )
    records = [r for r in source if (r.label in wanted if wanted is not None else r.label not in DEFAULT_EXCLUDE)]
    entries = []
    for idx in merge(records):
        if actor and not any(_matches_actor(records[i], actor) for i in idx):
            continue
        entry = _entry(records, idx)
        if entry["n_sources"] < min_sources:
            continue
        if date_from and (entry["date_to"] or "9999") < date_from:
            continue
        if date_to and (entry["date_from"] or "0000") > date_to:
            continue
        entries.append(entry)
    entries.sort(key=lambda e: (e["date_from"] or "9999", e["date_to"] or "9999", e["type"]))
    for n, entry in enumerate(entries, 1):
        entry["id"] = n
    return entries
