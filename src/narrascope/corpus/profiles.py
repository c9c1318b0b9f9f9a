"""Outlet profiles: articles over time, top narratives and techniques, most quoted actors."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from typing import Any

from sqlalchemy import select

from ..store import Store
from ..store import schema as store_schema
from .sources import Corpus, iter_layer

UNKNOWN = "(unknown outlet)"


class _Profile:
    def __init__(self) -> None:
        self.articles = 0
        self.months: Counter[str] = Counter()
        self.estimated_months: Counter[str] = Counter()
        self.undated = 0
        self.narratives: Counter[str] = Counter()
        self.techniques: Counter[str] = Counter()
        self.speakers: Counter[str] = Counter()
        self.names: dict[str, str] = {}

    def add_article(self, published: str | None, estimated_from: str | None, narratives: list[dict[str, Any]]) -> None:
        self.articles += 1
        if published:
            self.months[published[:7]] += 1
        elif estimated_from:
            self.estimated_months[estimated_from[:7]] += 1
        else:
            self.undated += 1
        self.narratives.update({str(n.get("label")) for n in narratives if n.get("label")})

    def to_dict(self, outlet: str, top: int) -> dict[str, Any]:
        return {
            "outlet": outlet,
            "articles": self.articles,
            "by_month": dict(sorted(self.months.items())),
            "by_month_estimated": dict(sorted(self.estimated_months.items())),
            "undated": self.undated,
            "narratives": [{"label": k, "articles": v} for k, v in self.narratives.most_common(top)],
            "techniques": [{"label": k, "count": v} for k, v in self.techniques.most_common(top)],
            "quoted_actors": [
                {"id": k, "name": self.names.get(k, k), "quotes": v} for k, v in self.speakers.most_common(top)
            ],
        }


def _articles_from_store(store: Store, profiles: dict[str, _Profile]) -> None:
    from .index import state, update_index

    update_index(store)
    a = store_schema.articles
    query = select(a.c.source, a.c.published, a.c.analysis, state.c.date_from, state.c.estimated).select_from(
        a.outerjoin(state, state.c.article_id == a.c.id)
    )
    with store.engine.connect() as conn:
        for source, published, analysis, date_from, estimated in conn.execute(query):
            narratives = (json.loads(analysis or "{}") or {}).get("narratives") or []
            profiles[source or UNKNOWN].add_article(published, date_from if estimated else None, narratives)


def profiles(corpus: Corpus, top: int = 10, outlet: str | None = None) -> list[dict[str, Any]]:
    """One profile per outlet, largest first (``outlet`` keeps only that one)."""
    from .dating import article_window

    found: dict[str, _Profile] = defaultdict(_Profile)
    if isinstance(corpus, Store):
        _articles_from_store(corpus, found)
        layers: Any = corpus
    else:
        arts = list(corpus)
        for art in arts:
            window = None if art.meta.get("published") else article_window(art)
            found[art.meta.get("source") or UNKNOWN].add_article(
                art.meta.get("published"), window.start.isoformat() if window else None, art.narratives
            )
        layers = arts
    for rec in iter_layer(layers, "technique"):
        found[rec.meta.get("source") or UNKNOWN].techniques[rec.label] += 1
    for rec in iter_layer(layers, "quote"):
        key = rec.attrs.get("speaker_entity") or rec.attrs.get("speaker")
        if not key:
            continue
        prof = found[rec.meta.get("source") or UNKNOWN]
        prof.speakers[str(key)] += 1
        prof.names.setdefault(str(key), str(rec.attrs.get("speaker") or key))
    out = [p.to_dict(name, top) for name, p in found.items() if outlet is None or name == outlet]
    out.sort(key=lambda p: (-p["articles"], p["outlet"]))
    return out
