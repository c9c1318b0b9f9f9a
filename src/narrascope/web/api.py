"""REST API under `/api`: submissions and jobs, articles, search, actors, corpus analyses, exports.

Every dashboard page has a JSON twin here (`/articles/{id}` ↔ `/api/articles/{id}`).
Handlers are plain functions, so FastAPI runs the blocking store calls in its thread pool.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import PurePath
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import FileResponse, JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field, model_validator
from starlette.background import BackgroundTask

from ..document import SURROGATES
from ..errors import InputError
from ..exports.formats import FORMATS
from ..ingest import Item, read_bytes
from .cache import CORPUS_FUNCTIONS
from .corpus_views import narratives_per_outlet
from .data import actor_data, actors_data, article_data, articles_data, jobs_data, overview_data
from .deps import Offset, cached_bytes, jobs_of, json_bytes, store_of
from .views import JSON

router = APIRouter(prefix="/api", tags=["api"])
EXPORT_PATTERN = "^(" + "|".join(map(re.escape, FORMATS)) + ")$"


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


@router.get("/health")
def health(request: Request) -> JSON:
    """Liveness, version and article count."""
    from ..version import __version__

    return {"status": "ok", "version": __version__, "articles": store_of(request).count()}


@router.get("/overview")
async def overview(request: Request) -> Response:
    """Corpus overview: counts, narratives × outlets, articles per month, top actors, recent quotes."""
    body = await cached_bytes(request, "api:overview", lambda: json_bytes(overview_data(request)))
    return Response(body, media_type="application/json")


@router.get("/articles")
def list_articles(
    request: Request,
    q: Annotated[str | None, Query(max_length=500, description='Full-text query: words and "phrases"')] = None,
    source: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Offset = 0,
) -> JSON:
    """Stored articles ordered by publication date, or full-text matches when `q` is given."""
    return articles_data(request, q, source, limit, offset)


@router.get("/search")
def search(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=500, description='Words and "quoted phrases"; all must match')],
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
    offset: Offset = 0,
) -> JSON:
    """Full-text search over titles and texts (SQLite FTS5 or PostgreSQL tsvector), best first."""
    return {"query": q, "items": store_of(request).search(q, limit, offset), "limit": limit, "offset": offset}


@router.get("/articles/{article_id}")
async def get_article(request: Request, article_id: str) -> Response:
    """One article with every layer, its actors, quotes, narratives (with evidence) and duplicates."""
    store = store_of(request)
    body = await cached_bytes(
        request, f"api:article:{article_id}", lambda: json_bytes(article_data(request, store.get(article_id)))
    )
    return Response(body, media_type="application/json")


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
    job = jobs_of(request).submit(name, items)
    return JSONResponse(job.to_dict(), status_code=202, headers={"Location": f"/api/jobs/{job.id}"})


@router.get("/jobs")
def list_jobs(request: Request) -> JSON:
    """The most recent analysis jobs (kept in the store, so they survive a restart)."""
    return jobs_data(request)


@router.get("/jobs/{job_id}")
def get_job(request: Request, job_id: str) -> JSON:
    """One job: `queued`, `running`, `done` or `failed`, with the article ids it produced."""
    return jobs_of(request).get(job_id).to_dict()


@router.get("/actors")
def list_actors(request: Request, limit: Annotated[int, Query(ge=1, le=5000)] = 500) -> JSON:
    """Every actor with mention and article counts, most mentioned first."""
    return actors_data(request, limit)


@router.get("/actors/{entity_id}")
def get_actor(request: Request, entity_id: str) -> JSON:
    """One actor: mentions in context, quotes, roles over time (and stances when available)."""
    return actor_data(request, entity_id)


@router.get("/corpus/narratives")
def corpus_narratives(request: Request) -> JSON:
    """Narratives per outlet: how many of each outlet's articles carry each narrative."""
    store = store_of(request)
    result: JSON = request.app.state.cache.get(
        store, "narratives", lambda: narratives_per_outlet(store.iter_articles())
    )
    return result


@router.get("/corpus/{name}")
def corpus(request: Request, name: str) -> Any:
    """Corpus analyses from `narrascope.corpus`: timeline, propagation, duplicates, outlets, stances."""
    if name not in CORPUS_FUNCTIONS:
        raise HTTPException(404, f"no corpus analysis {name!r}; available: narratives, {', '.join(CORPUS_FUNCTIONS)}")
    return request.app.state.cache.corpus(store_of(request), name)


@router.get("/export")
def export(
    request: Request,
    format: Annotated[str, Query(pattern=EXPORT_PATTERN)] = "jsonl",
    layer: Annotated[list[str] | None, Query(description="Only these layers (repeatable)")] = None,
) -> FileResponse:
    """Download the corpus: JSONL, CSV (one annotation a row), Parquet, Label Studio tasks or SemEval-2025 files."""
    from ..pipeline import unknown_layers

    spec = FORMATS[format]
    store = store_of(request)
    layers = list(layer) if layer else None
    unknown, known = unknown_layers(store.stats()["layers"], layers or ())
    if unknown:
        raise HTTPException(422, f"unknown layer {', '.join(map(repr, unknown))}; known: {', '.join(known)}")
    fd, path = tempfile.mkstemp(prefix="narrascope-export-", suffix=f".{format}")
    try:
        with spec.open(fd) as fh:
            spec.write(store.iter_articles(), fh, layers)
    except Exception:
        os.unlink(path)
        raise
    return FileResponse(
        path,
        media_type=spec.media_type,
        filename=f"narrascope-export.{spec.extension}",
        background=BackgroundTask(os.unlink, path),
    )
