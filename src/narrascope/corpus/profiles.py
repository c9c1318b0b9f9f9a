"""Outlet profiles: articles over time, languages, top narratives, techniques, actors and quoted actors.

Technique counts, and which quoted speakers the techniques appear in, come from
:func:`narrascope.corpus.technique_profiles.technique_profiles`.

Queries only read the store: an undated article's month comes from the estimate its
``events`` run recorded (``results["dating"]``), else from the reuse index's window, else
it is estimated from its text on the fly.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from ..document import Article
from ..errors import NotFoundError
from ..quotes.combine import speakers_of
from ..store import Store
from ..store import corpus as db
from .sources import Corpus, iter_layer
from .technique_profiles import empty_outlet, technique_profiles

UNKNOWN = "(unknown outlet)"
_ACTOR_TYPES = {"PERSON", "ORG", "GROUP"}


class _Profile:
    def __init__(self) -> None:
        self.articles = 0
        self.months: Counter[str] = Counter()
        self.estimated_months: Counter[str] = Counter()
        self.undated = 0
        self.languages: Counter[str] = Counter()
        self.narratives: Counter[str] = Counter()
        self.narratives_by_month: dict[str, Counter[str]] = defaultdict(Counter)
        self.techniques: dict[str, Any] = {}
        self.actors: Counter[str] = Counter()
        self.speakers: Counter[str] = Counter()
        self.names: dict[str, str] = {}

    def add_article(self, analysis: dict[str, Any], published: str | None, estimated_from: str | None) -> None:
        """Count one article: its month (published, else estimated), language, narratives and actors."""
        self.articles += 1
        month = (published or estimated_from or "")[:7] or None
        if published:
            self.months[published[:7]] += 1
        elif estimated_from:
            self.estimated_months[estimated_from[:7]] += 1
        else:
            self.undated += 1
        self.languages[str(analysis.get("language") or "unknown")] += 1
        labels = {str(n.get("label")) for n in analysis.get("narratives") or () if n.get("label")}
        self.narratives.update(labels)
        if month:
            self.narratives_by_month[month].update(labels)
        for ent in analysis.get("entities") or ():
            if ent.get("id") and str(ent.get("type")) in _ACTOR_TYPES:
                self.actors[str(ent["id"])] += 1
                self.names.setdefault(str(ent["id"]), str(ent.get("canonical") or ent["id"]))

    def to_dict(self, outlet: str, top: int) -> dict[str, Any]:
        dated = sorted([*self.months, *self.estimated_months])
        return {
            "outlet": outlet,
            "articles": self.articles,
            "languages": dict(self.languages.most_common()),
            "first_month": dated[0] if dated else None,
            "last_month": dated[-1] if dated else None,
            "by_month": dict(sorted(self.months.items())),
            "by_month_estimated": dict(sorted(self.estimated_months.items())),
            "undated": self.undated,
            "narratives": [{"label": k, "articles": v} for k, v in self.narratives.most_common(top)],
            "narratives_by_month": {
                m: dict(c.most_common(top)) for m, c in sorted(self.narratives_by_month.items()) if c
            },
            "techniques": [{"label": t["label"], "count": t["spans"]} for t in self.techniques.get("techniques", [])],
            "technique_profile": {k: v for k, v in (self.techniques or empty_outlet(outlet)).items() if k != "outlet"},
            "actors": [{"id": k, "name": self.names.get(k, k), "articles": v} for k, v in self.actors.most_common(top)],
            "quoted_actors": [
                {"id": k, "name": self.names.get(k, k), "quotes": v} for k, v in self.speakers.most_common(top)
            ],
        }


def _articles_from_store(store: Store, found: dict[str, _Profile]) -> None:
    from .dating import article_window

    pending: dict[str, tuple[str, dict[str, Any]]] = {}
    for aid, source, published, language, analysis in db.analyses(store):
        data = dict(json.loads(analysis or "{}") or {}, language=language)
        dating = (data.get("results") or {}).get("dating") or {}
        if published or dating.get("from"):
            found[source or UNKNOWN].add_article(data, published, None if published else dating["from"])
        else:
            pending[aid] = (source or UNKNOWN, data)
    windows = db.window_starts(store, list(pending))  # the reuse index's window start, read only
    for aid, start in windows.items():
        outlet, data = pending.pop(aid)
        found[outlet].add_article(data, None, start)
    for art in store.iter_articles(ids=list(pending)) if pending else ():
        outlet, data = pending[art.id]
        window = article_window(art)
        found[outlet].add_article(data, None, window.start.isoformat() if window else None)


def _add_layers(layers: Corpus, found: dict[str, _Profile], top: int, min_confidence: float) -> None:
    """Technique profiles and quote counts per outlet."""
    for row in technique_profiles(layers, min_confidence, top)["outlets"]:
        found[row["outlet"]].techniques = row
    for rec in iter_layer(layers, "quote"):
        prof = found[rec.meta.get("source") or UNKNOWN]
        for key, name in speakers_of(rec.attrs):  # each speaker of a joint statement
            prof.speakers[key] += 1
            prof.names.setdefault(key, name)


def _articles(arts: Iterable[Article], found: dict[str, _Profile]) -> None:
    from .dating import article_window

    for art in arts:
        window = None if art.meta.get("published") else article_window(art)
        data = {"narratives": art.narratives, "entities": art.entities, "language": art.meta.get("language")}
        found[art.meta.get("source") or UNKNOWN].add_article(
            data, art.meta.get("published"), window.start.isoformat() if window else None
        )


def profiles(
    corpus: Corpus, top: int = 10, outlet: str | None = None, min_confidence: float = 0.0
) -> list[dict[str, Any]]:
    """One profile per outlet, largest first (``outlet`` keeps only that one); technique spans
    with confidence under ``min_confidence`` are not counted."""
    found: dict[str, _Profile] = defaultdict(_Profile)
    if isinstance(corpus, Store):
        _articles_from_store(corpus, found)
        layers: Corpus = corpus
    else:
        arts = list(corpus)
        _articles(arts, found)
        layers = arts
    _add_layers(layers, found, top, min_confidence)
    out = [p.to_dict(name, top) for name, p in found.items() if outlet is None or name == outlet]
    out.sort(key=lambda p: (-p["articles"], p["outlet"]))
    return out


def outlets(corpus: Corpus, top: int = 10) -> dict[str, Any]:
    """Every outlet's profile, with corpus totals: what ``/api/corpus/outlets`` answers."""
    items = profiles(corpus, top)
    return {"outlets": items, "total": len(items), "articles": sum(p["articles"] for p in items)}


def outlet_profile(corpus: Corpus, outlet: str, top: int = 10, min_confidence: float = 0.0) -> dict[str, Any]:
    """One outlet's profile; raises :class:`NotFoundError` naming the outlets there are."""
    found = profiles(corpus, top, min_confidence=min_confidence)
    for p in found:
        if p["outlet"] == outlet:
            return p
    names = ", ".join(p["outlet"] for p in found[:20]) or "none stored yet"
    raise NotFoundError(f"no outlet {outlet!r}; stored outlets: {names}")
