"""Dashboard pages: server-rendered Jinja2 templates over the same view models as the API.

Jinja2 autoescaping is on for every template, and page data reaches the scripts only as
``application/json`` blocks (``tojson`` escapes ``<``, ``>`` and ``&``), never as inline code.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, Response

from ..document import Annotation, Article
from ..techniques.display import is_low
from .data import actor_data, actors_data, article_data, articles_data, jobs_data, overview_data
from .deps import HERE, Offset, cached_bytes, render
from .views import JSON, annotation_view, segments

router = APIRouter(include_in_schema=False)

async def cached_page(request: Request, name: str, make: Callable[[], HTMLResponse]) -> HTMLResponse:
    """A rendered page, reused until the store changes (pages only depend on the store and config)."""
    return HTMLResponse(await cached_bytes(request, f"page:{name}", lambda: bytes(make().body)))


@router.get("/", response_class=HTMLResponse)
async def overview_page(request: Request) -> HTMLResponse:
    def make() -> HTMLResponse:
        data = overview_data(request)
        return render(request, "overview.html", data=data, heat=heat_classes(data["heatmap"]), json_url="/api/overview")

    return await cached_page(request, "/", make)


def heat_classes(heatmap: JSON) -> dict[str, dict[str, int]]:
    """A colour step 0–5 for each narrative × outlet cell, relative to the largest count."""
    counts: dict[str, dict[str, int]] = heatmap["counts"]
    top = max((v for row in counts.values() for v in row.values()), default=0)
    return {
        n: {o: math.ceil(5 * row.get(o, 0) / top) if top else 0 for o in heatmap["outlets"]}
        for n, row in counts.items()
    }


@router.get("/articles", response_class=HTMLResponse)
def articles_page(
    request: Request,
    q: str | None = Query(None, max_length=500),
    source: str | None = None,
    limit: int = Query(50, ge=1, le=500),
    offset: Offset = 0,
) -> HTMLResponse:
    data = articles_data(request, q, source, limit, offset)
    json_url = "/api/articles" + (f"?q={quote(q)}" if q else "")
    return render(request, "articles.html", data=data, q=q or "", json_url=json_url)


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q: str | None = Query(None, max_length=500)) -> HTMLResponse:
    data = articles_data(request, q, None, 50, 0) if q else {"query": None, "items": []}
    json_url = f"/api/search?q={quote(q)}" if q else "/api/search?q="
    return render(request, "articles.html", data=data, q=q or "", json_url=json_url, search_only=True)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
async def article_page(request: Request, article_id: str) -> HTMLResponse:
    def make() -> HTMLResponse:
        art = request.app.state.store.get(article_id)
        data = article_data(request, art)
        extra = speaker_spans(art)
        data = {**data, "annotations": data["annotations"] + [annotation_view(art, a) for a in extra]}
        segs = html_segments(art, extra, data["technique_hide_below"])
        return render(request, "article.html", data=data, segs=segs, json_url=f"/api/articles/{art.id}")

    return await cached_page(request, f"/articles/{article_id}", make)


def speaker_spans(art: Article) -> list[Annotation]:
    """Virtual ``speaker``/``cue`` spans from quote attrs, so pages mark who speaks and the verb."""
    out = []
    for q in art.layer("quote"):
        for key, layer in (("speaker_span", "speaker"), ("cue_span", "cue")):
            span = q.attrs.get(key)
            if isinstance(span, (list, tuple)) and len(span) == 2 and all(isinstance(x, int) for x in span):
                s, e = int(span[0]), int(span[1])
                if 0 <= s < e <= len(art.text) and art.text[s:e].strip():
                    label = (
                        str(q.attrs.get("speaker") or art.text[s:e])
                        if layer == "speaker"
                        else str(q.attrs.get("cue") or "cue")
                    )
                    out.append(
                        Annotation(layer, s, e, label, {"quote": q.id, "kind": q.attrs.get("kind")}, f"{q.id}-{layer}")
                    )
    return out


def css_name(layer: str) -> str:
    return re.sub(r"[^a-z0-9_-]", "-", layer.lower())


def html_segments(art: Article, extra: list[Annotation], hide_below: float = 0.0) -> list[tuple[str, str, str]]:
    """``(text, css classes, annotation ids)`` pieces; pieces with no annotation have empty classes.

    Technique spans under ``hide_below`` get the class ``l-technique-low`` (hidden until toggled)."""
    view = Article(text=art.text, annotations=art.annotations + extra)
    out = []
    for piece, anns in segments(view):
        layers = sorted({_css_class(a, hide_below) for a in anns})
        out.append((piece, " ".join(f"l-{x}" for x in layers), " ".join(a.id for a in anns)))
    return out


def _css_class(ann: Annotation, hide_below: float) -> str:
    if ann.layer == "technique" and is_low(ann.attrs, hide_below):
        return "technique-low"
    return css_name(ann.layer)


@router.get("/actors", response_class=HTMLResponse)
def actors_page(request: Request) -> HTMLResponse:
    data = actors_data(request, 5000)
    return render(request, "actors.html", data=data, json_url="/api/actors")


@router.get("/actors/{entity_id}", response_class=HTMLResponse)
def actor_page(request: Request, entity_id: str) -> HTMLResponse:
    data = actor_data(request, entity_id)
    return render(request, "actor.html", data=data, json_url=f"/api/actors/{quote(entity_id, safe='')}")


@router.get("/favicon.ico")
def favicon() -> Response:
    return FileResponse(HERE / "static" / "favicon.svg", media_type="image/svg+xml")


@router.get("/docs", response_class=HTMLResponse)
def docs_page(request: Request) -> HTMLResponse:
    """The REST API's endpoints, read from the OpenAPI schema (no CDN-hosted Swagger UI)."""
    schema = request.app.openapi()
    endpoints = [
        {
            "method": method.upper(),
            "path": path,
            "summary": op.get("summary") or "",
            "doc": op.get("description") or "",
            "params": [p["name"] for p in op.get("parameters", [])],
        }
        for path, ops in schema["paths"].items()
        for method, op in ops.items()
    ]
    return render(request, "docs.html", endpoints=endpoints, json_url="/openapi.json")


@router.get("/submit", response_class=HTMLResponse)
def submit_page(request: Request) -> HTMLResponse:
    data = jobs_data(request)
    return render(request, "submit.html", data=data, json_url="/api/jobs", max_upload=request.app.state.max_upload)
