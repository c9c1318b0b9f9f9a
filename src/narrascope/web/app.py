"""The FastAPI application: ``create_app(settings)`` wires the store, the job queue, the API and pages.

Safety defaults: loopback only, writes need ``NARRASCOPE_TOKEN`` when one is set (and are
refused beyond loopback without one), request bodies are size-limited, cross-site writes
are refused, and a strict Content-Security-Policy forbids inline scripts, so article text
can never run as code even if a template forgot to escape it.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import InputError, NarrascopeError, NotFoundError, QueryError, QueueFull
from ..pipeline import Pipeline
from ..settings import Settings
from ..store import Store, open_store
from ..version import __version__
from . import api, collect_api, corpus_pages, pages
from .cache import StateCache
from .deps import HERE, error_page, warm_up
from .guard import Guard, error_response, write_refusal
from .jobs import JobQueue


@dataclass(frozen=True)
class WebConfig:
    """How the server runs: where it listens, the write token, limits, the analysis pipeline."""

    host: str = "127.0.0.1"
    port: int = 8000
    token: str | None = None
    max_upload_bytes: int | None = None  # default: settings.ingest.max_bytes
    components: tuple[str, ...] | None = None  # default: settings.pipeline.components
    allowed_hosts: tuple[str, ...] | None = None  # Host headers accepted; default derived from host
    max_pending_jobs: int = 100
    extra: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_env(cls, host: str = "127.0.0.1", port: int = 8000, **kw: object) -> WebConfig:
        token = os.environ.get("NARRASCOPE_TOKEN") or None
        return cls(host=host, port=port, token=token, **kw)  # type: ignore[arg-type]

    @property
    def loopback(self) -> bool:
        return is_loopback(self.host)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def create_app(settings: Settings, config: WebConfig | None = None, store: Store | None = None) -> FastAPI:
    """Build the app over the store named by ``settings.store.url``."""
    config = config or WebConfig.from_env()
    store = store or open_store(settings)
    names = config.components if config.components is not None else settings.pipeline.components
    cache = StateCache()
    jobs = JobQueue(
        store, lambda: Pipeline(settings, list(names)), max_pending=config.max_pending_jobs, on_saved=cache.invalidate
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        warm_up(_app)
        jobs.start()
        yield
        jobs.stop()

    app = FastAPI(
        title="narrascope",
        version=__version__,
        description="Who says what, and how it is framed: articles with evidence-linked quotes, actors, "
        "narratives and techniques. Every dashboard page has a JSON twin under /api.",
        lifespan=lifespan,
        docs_url=None,  # Swagger UI would load scripts from a CDN; /docs is our own page
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.config = config
    app.state.store = store
    app.state.jobs = jobs
    app.state.cache = cache
    app.state.max_upload = config.max_upload_bytes or settings.ingest.max_bytes
    _install_guards(app, config)
    _install_errors(app)
    app.include_router(api.router)
    app.include_router(collect_api.router)
    app.include_router(pages.router)
    app.include_router(corpus_pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    return app


def _install_guards(app: FastAPI, config: WebConfig) -> None:
    allowed = set(config.allowed_hosts or ())
    if not allowed and config.loopback:
        allowed = {"127.0.0.1", "localhost", "[::1]", "::1"}
    app.add_middleware(
        Guard,
        allowed=frozenset(allowed),
        refuse_write=lambda request: write_refusal(request, config.token, config.loopback, app.state.max_upload),
    )


_CODES = {400: "bad_request", 404: "not_found", 405: "method_not_allowed", 413: "too_large", 422: "invalid_request"}


def _install_errors(app: FastAPI) -> None:
    def wants_html(request: Request) -> bool:
        return not request.url.path.startswith("/api") and "text/html" in request.headers.get("accept", "")

    async def on_not_found(request: Request, exc: Exception) -> Response:
        return error_page(request, 404, str(exc)) if wants_html(request) else error_response(404, "not_found", str(exc))

    async def on_input(request: Request, exc: Exception) -> Response:
        return error_response(400, "bad_input", str(exc))

    async def on_query(request: Request, exc: Exception) -> Response:
        if wants_html(request):
            return error_page(request, 400, str(exc))
        return error_response(400, "bad_request", str(exc))

    async def on_full(request: Request, exc: Exception) -> Response:
        return error_response(429, "busy", str(exc))

    async def on_library(request: Request, exc: Exception) -> Response:
        return error_response(500, "server_error", str(exc))

    async def on_unexpected(request: Request, exc: Exception) -> Response:
        message = f"unexpected {type(exc).__name__}; the server log has the details"
        if wants_html(request):
            return error_page(request, 500, message)
        return error_response(500, "server_error", message)

    async def on_validation(request: Request, exc: Exception) -> Response:
        errors = exc.errors() if isinstance(exc, RequestValidationError) else []
        detail = [{"where": ".".join(str(p) for p in e.get("loc", ())), "problem": e.get("msg")} for e in errors]
        # a bad query or path parameter is a bad request (400); a body that does not fit its model is 422
        bad_params = bool(errors) and all(e.get("loc", ("",))[0] in ("query", "path") for e in errors)
        status, code = (400, "bad_request") if bad_params else (422, "invalid_request")
        if wants_html(request):
            return error_page(request, status, "; ".join(f"{d['where']}: {d['problem']}" for d in detail))
        return error_response(status, code, detail)

    async def on_http(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, StarletteHTTPException) else 500
        detail = exc.detail if isinstance(exc, StarletteHTTPException) else str(exc)
        if wants_html(request):
            return error_page(request, status, str(detail))
        code = _CODES.get(status, "http_error")
        return error_response(status, code, detail)

    app.add_exception_handler(NotFoundError, on_not_found)
    app.add_exception_handler(InputError, on_input)
    app.add_exception_handler(QueryError, on_query)
    app.add_exception_handler(QueueFull, on_full)
    app.add_exception_handler(NarrascopeError, on_library)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(Exception, on_unexpected)  # never a plain-text 500
