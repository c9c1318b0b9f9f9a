"""REST API under `/api`: submissions and jobs, articles, search, actors, corpus analyses, exports.

Every dashboard page has a JSON twin here (`/articles/{id}` ↔ `/api/articles/{id}`).
Handlers are plain functions, so FastAPI runs the blocking store calls in its thread pool.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import PurePath
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import FileResponse, JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field, model_validator
from starlette.background import BackgroundTask

from ..document import SURROGATES, Article
from ..errors import InputError
from ..framing.confidence import UncertainBelow
from ..ingest import Item, read_bytes
from ..store import Store
from ..store.core import MAX_OFFSET
from .app import cached_bytes, json_bytes
from .cache import CORPUS_FUNCTIONS
from .corpus_views import (
    actor_view,
    actors_list,
    cached_overview,
    duplicates_of,
    key_events,
    narratives_per_outlet,
    travelled_quotes,
)
from .jobs import JobQueue
from .views import JSON, article_view

router = APIRouter(prefix="/api", tags=["api"])
# The one definition of a page offset for every listing (API and pages): bounded, so a huge
# offset is a 400 naming the range, never an integer overflow in the database.
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description=f"Rows to skip (0 to {MAX_OFFSET})")]
EXPORT_PATTERN = "^(jsonl|csv|parquet|labelstudio|semeval2025-st2|semeval2025-st3)$"


class Submission(BaseModel):
    """An article to analyse: plain `text` or an `html` page, with optional metadata."""

    model_config = ConfigDict(extra="forbid")
    text: str | None = Field(None, description="Plain article text (first line is taken as the title)")
    html: str | None = Field(None, description="A whole HTML page; the article text is extracted")
    title: str | None = None
    source: str | None = Field(None, description="Outlet name")
    published: str | None = Field(None, description="Publication date, YYYY-MM-DD")
    url: str | None = None
    language: str | None = None

    @model_validator(mode="after")
    def _valid_unicode(self) -> Submission:
        """Refuse lone surrogates ("\\ud800"): such text cannot be stored, so say where it is."""
        for key, value in self.model_dump().items():
            m = SURROGATES.search(value) if isinstance(value, str) else None
            if m:
                raise ValueError(
                    f"field {key!r} has a lone surrogate U+{ord(m.group()):04X} at character {m.start()}; "
                    "send valid Unicode (\\ud800-\\udfff escapes only in pairs)"
                )
        return self


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def _jobs(request: Request) -> JobQueue:
    jobs: JobQueue = request.app.state.jobs
    return jobs


@router.get("/health")
def health(request: Request) -> JSON:
    """Liveness, version and article count."""
    from ..version import __version__

    return {"status": "ok", "version": __version__, "articles": _store(request).count()}


@router.get("/overview")
async def overview(request: Request) -> Response:
    """Corpus overview: counts, narratives × outlets, articles per month, top actors, recent quotes."""
    body = await cached_bytes(request, "api:overview", lambda: json_bytes(overview_data(request)))
    return Response(body, media_type="application/json")


def overview_data(request: Request) -> JSON:
    store = _store(request)
    cache = request.app.state.cache
    return {
        **cached_overview(cache, store),
        "events": key_events(cache, store),
        "travelled_quotes": travelled_quotes(cache, store),
    }


@router.get("/articles")
def list_articles(
    request: Request,
    q: Annotated[str | None, Query(max_length=500, description='Full-text query: words and "phrases"')] = None,
    source: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Offset = 0,
) -> JSON:
    """Stored articles ordered by publication date, or full-text matches when `q` is given."""
    store = _store(request)
    if q and q.strip():
        return {"query": q, "items": store.search(q, limit, offset), "limit": limit, "offset": offset}
    items = store.list_articles(limit=limit, offset=offset, source=source)
    return {"query": None, "source": source, "total": store.count(), "items": items, "limit": limit, "offset": offset}


@router.get("/search")
def search(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=500, description='Words and "quoted phrases"; all must match')],
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
    offset: Offset = 0,
) -> JSON:
    """Full-text search over titles and texts (SQLite FTS5 or PostgreSQL tsvector), best first."""
    return {"query": q, "items": _store(request).search(q, limit, offset), "limit": limit, "offset": offset}


@router.get("/articles/{article_id}")
async def get_article(request: Request, article_id: str) -> Response:
    """One article with every layer, its actors, quotes, narratives (with evidence) and duplicates."""
    store = _store(request)
    body = await cached_bytes(
        request, f"api:article:{article_id}", lambda: json_bytes(article_data(request, store.get(article_id)))
    )
    return Response(body, media_type="application/json")


def article_data(request: Request, art: Article) -> JSON:
    """The article view model, with near-duplicates when the corpus package provides them."""
    return article_view(art, _duplicates(request, art.id), UncertainBelow.from_settings(request.app.state.settings))


def _duplicates(request: Request, article_id: str) -> list[JSON] | None:
    """Near-duplicates of an article from the corpus package, or None when it is not available."""
    store = _store(request)
    data = request.app.state.cache.optional(store, "duplicates")
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


@router.post("/articles", status_code=202)
def submit(request: Request, body: Submission) -> JSONResponse:
    """Queue an article for analysis; poll the returned job until its status is `done`."""
    if bool(body.text) == bool(body.html):
        raise HTTPException(422, "send exactly one of 'text' or 'html'")
    name, content = ("submitted.html", body.html) if body.html else ("submitted.txt", body.text)
    meta = {k: v for k, v in body.model_dump(exclude={"text", "html"}).items() if v}
    return _queue(request, name, str(content).encode("utf-8"), meta)


@router.post("/articles/upload", status_code=202)
async def upload(
    request: Request,
    file: Annotated[UploadFile, File(description="A .txt, .html, .json, .jsonl or .csv file")],
    source: Annotated[str | None, Form()] = None,
    published: Annotated[str | None, Form()] = None,
    title: Annotated[str | None, Form()] = None,
) -> JSONResponse:
    """Upload a file (size-limited) and queue its article(s) for analysis."""
    limit: int = request.app.state.max_upload
    data = await file.read(limit + 1)
    if len(data) > limit:
        raise HTTPException(413, f"the file is larger than the upload limit of {limit} bytes")
    name = PurePath((file.filename or "upload.txt").replace("\\", "/")).name or "upload.txt"
    meta = {k: v for k, v in {"source": source, "published": published, "title": title}.items() if v}
    return _queue(request, name, data, meta)


def _queue(request: Request, name: str, data: bytes, meta: dict[str, Any]) -> JSONResponse:
    settings = request.app.state.settings
    items: list[Item] = list(read_bytes(name, data, settings.ingest, meta))
    errors = [i for i in items if isinstance(i, InputError)]
    if not items or len(errors) == len(items):
        reasons = [e.reason for e in errors] or ["no article found in the input"]
        raise HTTPException(400, {"message": "nothing to analyse", "reasons": reasons[:20]})
    job = _jobs(request).submit(name, items)
    return JSONResponse(job.to_dict(), status_code=202, headers={"Location": f"/api/jobs/{job.id}"})


@router.get("/jobs")
def list_jobs(request: Request) -> JSON:
    """The most recent analysis jobs (kept in memory)."""
    return {"items": [j.to_dict() for j in _jobs(request).recent()]}


@router.get("/jobs/{job_id}")
def get_job(request: Request, job_id: str) -> JSON:
    """One job: `queued`, `running`, `done` or `failed`, with the article ids it produced."""
    return _jobs(request).get(job_id).to_dict()


@router.get("/actors")
def list_actors(request: Request, limit: Annotated[int, Query(ge=1, le=5000)] = 500) -> JSON:
    """Every actor with mention and article counts, most mentioned first."""
    store = _store(request)
    items = request.app.state.cache.get(store, "actors", lambda: actors_list(store))
    return {"items": items[:limit], "total": len(items)}


@router.get("/actors/{entity_id}")
def get_actor(request: Request, entity_id: str) -> JSON:
    """One actor: mentions in context, quotes, roles over time (and stances when available)."""
    below = UncertainBelow.from_settings(request.app.state.settings).roles
    return actor_view(_store(request), entity_id, cache=request.app.state.cache, uncertain_below=below)


@router.get("/corpus/narratives")
def corpus_narratives(request: Request) -> JSON:
    """Narratives per outlet: how many of each outlet's articles carry each narrative."""
    store = _store(request)
    result: JSON = request.app.state.cache.get(
        store, "narratives", lambda: narratives_per_outlet(store.iter_articles())
    )
    return result


@router.get("/corpus/{name}")
def corpus(request: Request, name: str) -> Any:
    """Corpus analyses from `narrascope.corpus`: timeline, propagation, duplicates, outlets, stances.

    Answers 501 when this installation does not provide the analysis.
    """
    if name not in CORPUS_FUNCTIONS:
        raise HTTPException(404, f"no corpus analysis {name!r}; available: narratives, {', '.join(CORPUS_FUNCTIONS)}")
    return request.app.state.cache.corpus(_store(request), name)


@router.get("/export")
def export(
    request: Request,
    format: Annotated[str, Query(pattern=EXPORT_PATTERN)] = "jsonl",
    layer: Annotated[list[str] | None, Query(description="Only these layers (repeatable)")] = None,
) -> FileResponse:
    """Download the corpus: JSONL, CSV (one annotation a row), Parquet, Label Studio tasks or SemEval-2025 files."""
    from ..export import write_csv, write_jsonl
    from ..exports import MEDIA_TYPES, TEXT_WRITERS, write_parquet

    store = _store(request)
    fd, path = tempfile.mkstemp(prefix="narrascope-export-", suffix=f".{format}")
    layers = list(layer) if layer else None
    try:
        if format == "parquet":
            with os.fdopen(fd, "wb") as bfh:
                write_parquet(store.iter_articles(), bfh, layers)
        else:
            writer = {"jsonl": write_jsonl, "csv": write_csv, **TEXT_WRITERS}[format]
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as tfh:
                writer(store.iter_articles(), tfh, layers)
    except Exception:
        os.unlink(path)
        raise
    ext = {"labelstudio": "json", "semeval2025-st2": "txt", "semeval2025-st3": "txt"}.get(format, format)
    return FileResponse(
        path,
        media_type=MEDIA_TYPES[format],
        filename=f"narrascope-export.{ext}",
        background=BackgroundTask(os.unlink, path),
    )
