"""What every web router shares: the app's store and job queue, the response cache helpers,
the page offset type and the template renderer. Routers import this, never each other."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, urlsplit

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.concurrency import run_in_threadpool

from ..actors.corpus import settings_gazetteer
from ..actors.gazetteer import Gazetteer
from ..store import Store
from ..store.core import MAX_OFFSET
from ..techniques.definitions import definition
from .cache import StateCache, preload
from .jobs import JobQueue
from .views import layer_title

HERE = Path(__file__).parent
# The one definition of a page offset for every listing (API and pages): bounded, so a huge
# offset is a 400 naming the range, never an integer overflow in the database.
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description=f"Rows to skip (0 to {MAX_OFFSET})")]


def store_of(request: Request) -> Store:
    """The store the app serves."""
    store: Store = request.app.state.store
    return store


def gazetteer_of(request: Request) -> Gazetteer:
    """The gazetteer the app's ``entities`` settings name, loaded once per app."""
    gaz: Gazetteer | None = getattr(request.app.state, "gazetteer", None)
    if gaz is None:
        gaz = request.app.state.gazetteer = settings_gazetteer(request.app.state.settings)
    return gaz


def warm_up(app: FastAPI) -> None:
    """What the first requests would otherwise load one after another while the rest queue behind
    them: the lazily imported corpus libraries, the gazetteer (~0.2 s) and the compiled templates."""
    preload()
    if getattr(app.state, "gazetteer", None) is None:
        app.state.gazetteer = settings_gazetteer(app.state.settings)
    for name in env.list_templates(filter_func=lambda n: n.endswith(".html")):
        env.get_template(name)


def jobs_of(request: Request) -> JobQueue:
    """The app's analysis job queue."""
    jobs: JobQueue = request.app.state.jobs
    return jobs


def cache_of(request: Request) -> StateCache:
    """The app's result cache (valid while the store is unchanged)."""
    cache: StateCache = request.app.state.cache
    return cache


async def cached_bytes(request: Request, name: str, make: Callable[[], bytes]) -> bytes:
    """A response body from the cache without leaving the event loop when possible, else built in a thread."""
    cache = cache_of(request)
    hit = cache.peek(name)
    if hit is not None:
        body: bytes = hit[0]
        return body
    result: bytes = await run_in_threadpool(cache.get, request.app.state.store, name, make)
    return result


def json_bytes(data: object) -> bytes:
    """``data`` as UTF-8 JSON, as every JSON response body is written."""
    return json.dumps(data, ensure_ascii=False, default=str).encode("utf-8")


def _safe_url(value: Any) -> str | None:
    """A link target only for http(s) URLs: article metadata is untrusted."""
    if isinstance(value, str) and urlsplit(value).scheme in ("http", "https"):
        return value
    return None


env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True))
env.filters["urlpart"] = lambda v: quote(str(v), safe="")
env.filters["safe_url"] = _safe_url
env.filters["definition"] = definition  # a technique's one-line definition (techniques/definitions.py)
env.globals["layer_title"] = layer_title


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A dashboard page: the template rendered with autoescaping, plus whether writes need the token."""
    page = env.get_template(template).render(
        request=request, token_required=bool(request.app.state.config.token), **context
    )
    return HTMLResponse(page, status_code=status)


def error_page(request: Request, status: int, message: str) -> Response:
    """The HTML error page (the API answers the same errors as JSON)."""
    return render(request, "error.html", status=status, status_code=status, message=message)
