"""The timeline, propagation and outlet pages and their JSON twins (``/timeline`` ↔ ``/api/timeline``,
``/propagation`` ↔ ``/api/propagation``, ``/outlets`` ↔ ``/api/corpus/outlets``, ``/outlets/{name}`` ↔
``/api/outlets/{name}``).

View models are plain functions over the store; results are cached until the store changes.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from ..component_settings import TechniquesSettings
from ..corpus import outlet_profile, outlets, propagation_report, timeline
from ..corpus.crosslingual import DEFAULT_THRESHOLD
from ..corpus.dating import parse_day
from ..corpus.events import TRIGGERS
from ..corpus.modality import ASSERTED, MODALITIES
from ..corpus.technique_profiles import technique_profiles
from ..errors import ConfigError, ModelError
from ..store import Store
from .deps import render
from .views import JSON

router = APIRouter()
EVENT_TYPES = tuple(t for t, _ in TRIGGERS)


def _bound(value: str | None, name: str, end: bool) -> str | None:
    """An ISO day from a date filter, or a 400 that says how to write one."""
    if not value:
        return None
    try:
        return parse_day(value, end=end).isoformat()
    except ConfigError as exc:
        raise HTTPException(400, f"{name}: {exc}") from exc


def timeline_view(
    store: Store,
    actor: str | None = None,
    types: list[str] | None = None,
    outlet: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    modalities: list[str] | None = None,
    min_sources: int = 1,
) -> JSON:
    """Filtered timeline entries, events per month and type for the chart, and the filter choices."""
    lo, hi = _bound(date_from, "from", False), _bound(date_to, "to", True)
    bad = [m for m in modalities or () if m not in MODALITIES]
    if bad:
        raise HTTPException(400, f"unknown modality {bad}; use one of {', '.join(MODALITIES)}")
    entries = timeline(store, actor or None, lo, hi, types or None, min_sources, modalities or None, outlet or None)
    per_month: dict[str, Counter[str]] = defaultdict(Counter)
    for e in entries:
        if e["date_from"] and not e["period"]:
            per_month[e["date_from"][:7]][e["type"]] += 1
    return {
        "filters": {
            "actor": actor,
            "type": types or [],
            "outlet": outlet,
            "from": lo,
            "to": hi,
            "modality": modalities or [ASSERTED],
            "min_sources": min_sources,
        },
        "choices": {"types": list(EVENT_TYPES), "modalities": list(MODALITIES), "outlets": _outlet_names(store)},
        "total": len(entries),
        "undated": sum(1 for e in entries if not e["date_from"]),
        "periods": sum(1 for e in entries if e["period"]),
        "by_month": {m: dict(c) for m, c in sorted(per_month.items())},
        "entries": entries,
    }


def _outlet_names(store: Store) -> list[str]:
    return sorted(str(k) for k in store.stats()["outlets"] if k and k != "None")


def _cached(request: Request, name: str, compute: Any) -> Any:
    return request.app.state.cache.get(request.app.state.store, name, compute)


Actor = Annotated[str | None, Query(max_length=200, description="Entity id or part of a name")]
Types = Annotated[list[str] | None, Query(description="Event types (repeatable)")]
Outlet = Annotated[str | None, Query(max_length=200)]
From = Annotated[str | None, Query(alias="from", max_length=100, description="YYYY-MM-DD, 'March 2022', ...")]
To = Annotated[str | None, Query(alias="to", max_length=100, description="as from")]
Modalities = Annotated[list[str] | None, Query(description="Modalities kept (repeatable; default asserted)")]
MinSources = Annotated[int, Query(ge=1, le=100)]


def _clean(values: list[str] | None) -> list[str] | None:
    """Repeatable form values without the empty choice ("all")."""
    kept = [v for v in values or () if v]
    return kept or None


@router.get("/api/timeline", tags=["api"])
def api_timeline(
    request: Request,
    actor: Actor = None,
    type: Types = None,
    outlet: Outlet = None,
    date_from: From = None,
    date_to: To = None,
    modality: Modalities = None,
    min_sources: MinSources = 1,
) -> JSON:
    """Timeline entries with the filters of the /timeline page; each source links to its highlighted event."""
    types, modalities = _clean(type), _clean(modality)
    key = f"timeline:{actor}|{types}|{outlet}|{date_from}|{date_to}|{modalities}|{min_sources}"
    store = request.app.state.store
    view: JSON = _cached(
        request,
        key,
        lambda: timeline_view(store, actor, types, outlet or None, date_from, date_to, modalities, min_sources),
    )
    return view


def _hide_below(request: Request) -> float:
    return float(request.app.state.settings.options(TechniquesSettings).hide_below)


@router.get("/api/outlets/{name}", tags=["api"])
def api_outlet(request: Request, name: str) -> JSON:
    """One outlet: articles per month, languages, narratives (over time), techniques (and the quoted
    speakers whose quotes hold them; spans under ``[components.techniques] hide_below`` not counted),
    actors, quoted actors."""
    store = request.app.state.store
    floor = _hide_below(request)
    profile: JSON = _cached(request, f"outlet:{name}", lambda: outlet_profile(store, name, min_confidence=floor))
    return profile


MinConfidence = Annotated[float | None, Query(ge=0, le=1, description="default: [components.techniques] hide_below")]


@router.get("/api/techniques", tags=["api"])
def api_techniques(request: Request, min_confidence: MinConfidence = None, top: int = Query(10, ge=1, le=100)) -> JSON:
    """Technique profiles: per outlet (most technique spans first) and per quoted speaker, the
    techniques used, how many spans lie inside attributed quotes and whose (as ``narrascope profiles``)."""
    store = request.app.state.store
    floor = _hide_below(request) if min_confidence is None else min_confidence
    result: JSON = _cached(request, f"techniques:{floor}|{top}", lambda: technique_profiles(store, floor, top))
    return result


def _query(request: Request) -> str:
    return f"?{request.url.query}" if request.url.query else ""


@router.get("/timeline", response_class=HTMLResponse, include_in_schema=False)
def timeline_page(
    request: Request,
    actor: Actor = None,
    type: Types = None,
    outlet: Outlet = None,
    date_from: From = None,
    date_to: To = None,
    modality: Modalities = None,
    min_sources: MinSources = 1,
) -> HTMLResponse:
    data = api_timeline(request, actor, type, outlet, date_from, date_to, modality, min_sources)
    return render(request, "timeline.html", data=data, json_url=f"/api/timeline{_query(request)}")


@router.get("/outlets", response_class=HTMLResponse, include_in_schema=False)
def outlets_page(request: Request) -> HTMLResponse:
    store = request.app.state.store
    data = _cached(request, "outlets-page", lambda: outlets(store))
    return render(request, "outlets.html", data=data, json_url="/api/corpus/outlets")


@router.get("/outlets/{name}", response_class=HTMLResponse, include_in_schema=False)
def outlet_page(request: Request, name: str) -> HTMLResponse:
    from urllib.parse import quote

    data = api_outlet(request, name)
    return render(request, "outlet.html", data=data, json_url=f"/api/outlets/{quote(name, safe='')}")


def propagation_view(
    store: Store, cross_lingual: bool = False, similarity: float = DEFAULT_THRESHOLD, min_articles: int = 2,
    limit: int = 100,
) -> JSON:
    """:func:`narrascope.corpus.propagation_report` with the page's filters; when the multilingual
    encoder cannot load, the same-language results stay and ``cross_lingual_error`` says why."""
    try:
        result = propagation_report(store, min_articles, limit, cross_lingual, similarity)
        error = None
    except ModelError as exc:
        result, error = propagation_report(store, min_articles, limit), str(exc)
    return {
        "filters": {"cross_lingual": cross_lingual, "similarity": similarity, "min_articles": min_articles,
                    "limit": limit},
        **result,
        "cross_lingual": result.get("cross_lingual") if cross_lingual else None,
        "cross_lingual_error": error,
    }


CrossLingual = Annotated[bool, Query(description="Also link quotes across languages (multilingual encoder)")]
Similarity = Annotated[float, Query(ge=0.0, le=1.0, description="Cosine similarity linking two languages")]
MinArticles = Annotated[int, Query(ge=2, le=1000)]
Limit = Annotated[int, Query(ge=1, le=1000)]


@router.get("/api/propagation", tags=["api"])
def api_propagation(
    request: Request,
    cross_lingual: CrossLingual = False,
    similarity: Similarity = DEFAULT_THRESHOLD,
    min_articles: MinArticles = 2,
    limit: Limit = 100,
) -> JSON:
    """Quotes and passages reused across articles (chain in date order, each article's own wording),
    passages repeated inside one article and, with ``cross_lingual=1``, quotes linked across languages."""
    store = request.app.state.store
    view: JSON = _cached(
        request,
        f"propagation:{cross_lingual}|{similarity}|{min_articles}|{limit}",
        lambda: propagation_view(store, cross_lingual, similarity, min_articles, limit),
    )
    return view


@router.get("/propagation", response_class=HTMLResponse, include_in_schema=False)
def propagation_page(
    request: Request,
    cross_lingual: CrossLingual = False,
    similarity: Similarity = DEFAULT_THRESHOLD,
    min_articles: MinArticles = 2,
    limit: Limit = 100,
) -> HTMLResponse:
    data = api_propagation(request, cross_lingual, similarity, min_articles, limit)
    return render(request, "propagation.html", data=data, json_url=f"/api/propagation{_query(request)}")
