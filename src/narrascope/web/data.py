"""The view models behind both an API endpoint and its page (``/api/actors`` and ``/actors``...),
built once here so the JSON twin and the page always show the same data."""

from __future__ import annotations

from fastapi import Request

from ..component_settings import TechniquesSettings
from ..document import Article
from ..framing.confidence import UncertainBelow
from ..store import Store
from .corpus_views import actor_view, actors_list, cached_overview, duplicates_of, key_events, travelled_quotes
from .deps import cache_of, gazetteer_of, jobs_of, store_of
from .views import JSON, article_view


def overview_data(request: Request) -> JSON:
    """Corpus overview: counts, narratives × outlets, articles per month, top actors, events, quotes."""
    store = store_of(request)
    cache = cache_of(request)
    return {
        **cached_overview(cache, store, gazetteer_of(request)),
        "events": key_events(cache, store),
        "travelled_quotes": travelled_quotes(cache, store),
    }


def articles_data(request: Request, q: str | None, source: str | None, limit: int, offset: int) -> JSON:
    """Stored articles ordered by publication date, or full-text matches when ``q`` is given."""
    store = store_of(request)
    if q and q.strip():
        return {"query": q, "items": store.search(q, limit, offset), "limit": limit, "offset": offset}
    items = store.list_articles(limit=limit, offset=offset, source=source)
    return {"query": None, "source": source, "total": store.count(), "items": items, "limit": limit, "offset": offset}


def article_data(request: Request, art: Article) -> JSON:
    """The article view model, with its near-duplicates; technique spans under
    ``[components.techniques] hide_below`` are flagged ``low``."""
    settings = request.app.state.settings
    hide_below = settings.options(TechniquesSettings).hide_below
    return article_view(art, _duplicates(request, art.id), UncertainBelow.from_settings(settings), hide_below)


def _duplicates(request: Request, article_id: str) -> list[JSON] | None:
    """Near-duplicates of an article, or None when the analysis failed (logged by the cache)."""
    store = store_of(request)
    data = cache_of(request).optional(store, "duplicates")
    if data is None:
        return None
    ids = duplicates_of(data, article_id)
    if not ids:
        return []
    return [{k: r[k] for k in ("id", "title", "source", "published")} for r in _summaries(store, ids)]


def _summaries(store: Store, ids: list[str]) -> list[JSON]:
    return [
        {"id": a.id, "title": a.meta.get("title"), "source": a.meta.get("source"), "published": a.meta.get("published")}
        for a in store.iter_articles(ids=ids)
    ]


def actors_data(request: Request, limit: int) -> JSON:
    """Every actor with mention and article counts and roles, most mentioned first (at most ``limit``),
    as ``narrascope actors`` lists them."""
    store, gazetteer = store_of(request), gazetteer_of(request)
    items = cache_of(request).get(store, "actors", lambda: actors_list(store, gazetteer))
    return {"items": items[:limit], "total": len(items)}


def actor_data(request: Request, entity_id: str) -> JSON:
    """One actor: mentions in context, quotes, roles over time and stances."""
    below = UncertainBelow.from_settings(request.app.state.settings).roles
    return actor_view(store_of(request), entity_id, cache=cache_of(request), uncertain_below=below)


def jobs_data(request: Request) -> JSON:
    """The most recent analysis jobs."""
    return {"items": [j.to_dict() for j in jobs_of(request).recent()]}
