"""The corpus timeline: the same event reported by several articles merged into one entry.

Two reports are the same event when they have the same type and modality, overlapping date
windows and share a person/organisation participant or a place (a city and its country
count as one; a round "by video link" has the venue ``video``). Precise reports (windows up
to a month) chain into entries; reports with only a wide estimated window join the entry
they overlap, so vague dates never glue entries together. Only asserted events are kept by
default (``modalities`` widens that); an entry wider than a month is labelled as a period.

Queries only read: events come from the stored ``event`` layer, and an undated copy of a
dated article takes the window the reuse index recorded for it at ingest time.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from ..store import Store
from ..store import corpus as db
from .modality import ASSERTED, MODALITIES
from .perf import without_gc
from .sources import Corpus, Record, iter_layer
from .unionfind import UnionFind

SLACK_DAYS = 2
DEFAULT_EXCLUDE = ("statement",)
PERIOD_DAYS = 31
_VIDEO = re.compile(r"\b(?:video ?link|videoconferenc\w*|video format|by video|online round)\b", re.I)
#: Place keys too broad to tell two events apart (the belligerents' own territory).
GENERIC_PLACES = frozenset({"ukraine", "russia", "ua", "ru"})


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
    if rec.label.startswith("talks_") and _VIDEO.search(str(at.get("text") or "")):
        keys.add(("p", "video"))
    return keys


def modality_of(rec: Record) -> str:
    """A report's modality; events stored before modality existed count as asserted."""
    return str(rec.attrs.get("modality") or ASSERTED)


def when_label(date_from: str | None, date_to: str | None) -> str:
    """How an entry's window reads: a day, a range of up to a month, else a period of months; or "undated"."""
    if not date_from or not date_to:
        return "undated"
    if date_from == date_to:
        return date_from
    if (_day(date_to) - _day(date_from)).days <= PERIOD_DAYS:
        return f"{date_from}..{date_to}"
    lo, hi = date_from[:7], date_to[:7]
    return lo if lo == hi else f"{lo}..{hi}"


def _matches_actor(rec: Record, actor: str) -> bool:
    needle = actor.lower()
    ids = [str(x).lower() for x in rec.attrs.get("participants") or ()]
    names = [str(x).lower() for x in [*(rec.attrs.get("actors") or ()), *(rec.attrs.get("parties") or ())]]
    return needle in ids or any(needle in n for n in names)


def merge(records: list[Record], slack_days: int = SLACK_DAYS) -> list[list[int]]:
    """Groups of record indexes that report the same event (see the module docstring)."""
    uf = UnionFind(range(len(records)))
    slack = timedelta(days=slack_days)
    by_key: dict[tuple[str, tuple[str, str]], list[int]] = defaultdict(list)
    windows = [_window(r) for r in records]
    for i, rec in enumerate(records):
        if windows[i] is None:
            continue
        for key in _keys(rec):
            by_key[(f"{rec.label}/{modality_of(rec)}", key)].append(i)
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
                "annotation_id": r.id,
                "title": meta.get("title"),
                "source": meta.get("source"),
                "published": meta.get("published"),
                "start": r.start,
                "end": r.end,
                "text": at.get("text"),
                "date_range": at.get("date_range"),
                "estimated": bool(at.get("estimated")),
                "dated_by": at.get("dated_by") if at.get("date_range") else None,
                "modality": modality_of(r),
            }
        )
    if len(sources) > 1:
        sources.sort(key=lambda s: (s["published"] or "9999", s["article_id"], s["start"]))
    lead = min(precise, key=lambda r: (not r.attrs.get("date"), r.meta.get("published") or "9999"))
    date_from, date_to = (lo.isoformat() if lo else None), (hi.isoformat() if hi else None)
    return {
        "type": recs[0].label,
        "modality": modality_of(recs[0]),
        "date_from": date_from,
        "date_to": date_to,
        "when": when_label(date_from, date_to),
        "period": bool(lo and hi and (hi - lo).days > PERIOD_DAYS),
        "dated_by": sorted({str(s["dated_by"]) for s in sources if s["dated_by"]}),
        "estimated": all(bool(r.attrs.get("estimated")) for r in precise),
        "participants": [{"id": k, "name": v} for k, v in participants.items()],
        "places": sorted(places),
        "summary": lead.attrs.get("text"),
        "n_sources": len(sources),
        "outlets": sorted(outlets),
        "sources": sources,
    }


def _records(corpus: Corpus) -> list[Record]:
    """Every event report; from a store, undated ones take the index's window for their article."""
    if not isinstance(corpus, Store):
        return list(iter_layer(corpus, "event"))
    windows = db.estimated_windows(corpus)  # recorded at ingest (an undated copy takes its original's)
    out = []
    for rec in iter_layer(corpus, "event"):
        win = None if rec.attrs.get("date_range") else windows.get(rec.article_id)
        if win is not None:
            precise = (_day(win[1]) - _day(win[0])).days <= PERIOD_DAYS
            attrs = dict(rec.attrs, date_range=list(win), estimated=True, precise=precise, dated_by="near_duplicate")
            rec = rec._replace(attrs=attrs)
        out.append(rec)
    return out


@without_gc
def timeline(
    corpus: Corpus,
    actor: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    types: Iterable[str] | None = None,
    min_sources: int = 1,
    modalities: Iterable[str] | None = None,
    outlet: str | None = None,
) -> list[dict[str, Any]]:
    """Merged event entries in date order; ``actor`` is an entity id or part of a name.

    ``types`` limits the event types (default: all but ``statement``); ``date_from``/``date_to``
    (ISO dates) keep dated entries whose window overlaps them (undated ones then drop out);
    ``modalities`` the modalities kept (default: asserted; see :data:`MODALITIES`); ``outlet``
    keeps entries with a source from that outlet.
    """
    wanted = set(types) if types is not None else None
    kept = set(modalities) if modalities is not None else {ASSERTED}
    unknown = kept - set(MODALITIES)
    if unknown:
        raise ValueError(f"unknown modality {sorted(unknown)}; use one of {', '.join(MODALITIES)}")
    records = [
        r
        for r in _records(corpus)
        if (r.label in wanted if wanted is not None else r.label not in DEFAULT_EXCLUDE) and modality_of(r) in kept
    ]
    entries = []
    for idx in merge(records):
        if actor and not any(_matches_actor(records[i], actor) for i in idx):
            continue
        if outlet and not any(records[i].meta.get("source") == outlet for i in idx):
            continue
        entry = _entry(records, idx)
        if entry["n_sources"] < min_sources:
            continue
        if (date_from or date_to) and entry["date_from"] is None:
            continue
        if date_from and entry["date_to"] < date_from:
            continue
        if date_to and entry["date_from"] > date_to:
            continue
        entries.append(entry)
    entries.sort(key=lambda e: (e["date_from"] or "9999", e["date_to"] or "9999", e["type"]))
    for n, entry in enumerate(entries, 1):
        entry["id"] = n
    return entries
