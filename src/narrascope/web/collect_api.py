"""REST API for collecting from the web: ``POST /api/collect`` queues a collect job.

The job runs :func:`narrascope.collect.collect` in the analysis worker, so the new articles
are analysed with the server's pipeline and appear as they are stored. Collect statuses are
shown in the job's outcomes as the runner's: stored → analysed, duplicate and known →
duplicate, old and over_limit → skipped, not_article and forbidden → rejected, failed.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from ..errors import ConfigError, InputError
from ..pipeline import Pipeline
from ..runner import Outcome
from .jobs import JobQueue

router = APIRouter(prefix="/api", tags=["api"])

STATUS = {"stored": "analysed", "known": "duplicate", "old": "skipped", "over_limit": "skipped",
          "not_article": "rejected", "forbidden": "rejected"}


class CollectRequest(BaseModel):
    """A feed, sitemap, home page or article address to collect from, with its options."""

    model_config = ConfigDict(extra="forbid")
    url: str = Field(description="http(s) address of a feed, sitemap, home page or article")
    kind: str = Field("auto", description="auto, feed, sitemap, home or article")
    outlet: str | None = Field(None, description="Outlet name for the articles")
    language: str | None = Field(None, description="Language code (skips detection)")
    limit: int | None = Field(None, ge=0, description="At most this many new articles")
    since: str | None = Field(None, description="Skip articles published before this date, YYYY-MM-DD")


def _refuse_private(url: str) -> None:
    """422 when the address's host is (or resolves to) a loopback, private, link-local or reserved
    address: a client of the server must not make it reach the machine's own services."""
    host = urlsplit(url).hostname or ""
    try:
        addrs = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except OSError:
        return  # unresolvable: the fetch reports the DNS failure as for any other address
    for addr in addrs:
        ip = ipaddress.ip_address(str(addr).split("%")[0])
        if ip.is_loopback or ip.is_private or ip.is_link_local or ip.is_reserved or ip.is_unspecified:
            raise HTTPException(422, f"{url}: {host} is a local or private address ({ip}); the server only "
                                     "collects from public hosts (set collect.web_private_hosts = true to allow)")


@router.post("/collect", status_code=202)
def collect_job(request: Request, body: CollectRequest) -> JSONResponse:
    """Queue collection from one source; poll the returned job until its status is `done`."""
    from ..collect import collect
    from ..collect.sources import load_source

    try:
        source = load_source(body.model_dump(exclude_none=True), "request")
    except (ConfigError, InputError) as exc:
        raise HTTPException(422, str(exc)) from exc
    settings, store = request.app.state.settings, request.app.state.store
    if not settings.collect.web_private_hosts:
        _refuse_private(source.url)

    def work(pipeline: Pipeline, note: Callable[[Outcome], None]) -> Any:
        return collect([source], settings, store, pipeline, on_outcome=lambda o: note(
            Outcome(o.url, STATUS.get(o.status, o.status), o.article_id, o.reason)))

    jobs: JobQueue = request.app.state.jobs
    job = jobs.submit(f"collect {source.url}", [], work)
    return JSONResponse(job.to_dict(), status_code=202, headers={"Location": f"/api/jobs/{job.id}"})
