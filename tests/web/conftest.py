"""Web test fixtures: a temp database, a fast fake pipeline and an in-process app."""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from narrascope.document import Article
from narrascope.pipeline import register
from narrascope.settings import Settings
from narrascope.web import WebConfig, create_app

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None)
DRIVER = shutil.which("chromedriver")
#: Why the browser tests skip, or None when Debian chromium and chromedriver are installed.
NO_BROWSER = (
    None
    if CHROMIUM and DRIVER
    else "browser tests need Debian chromium and chromium-driver: run `bash scripts/system-deps.sh`"
)

QUOTE = re.compile(r"“([^”]+)”,? (\w+) said")


@register("webtest", produces=("quote", "narrative_evidence"))
def make_webtest(settings: Settings) -> Any:
    """Test-only component: quotes as “…”, X said, and one narrative evidenced by the first quote."""

    def run(articles: list[Article]) -> None:
        for art in articles:
            quotes = []
            for m in QUOTE.finditer(art.text):
                spk = m.start(2), m.end(2)
                quotes.append(
                    art.add(
                        "quote",
                        m.start(1),
                        m.end(1),
                        "quote",
                        kind="direct",
                        cue="said",
                        speaker=m.group(2),
                        speaker_entity=m.group(2).lower(),
                        speaker_span=list(spk),
                    )
                )
            if quotes:
                ev = art.add(
                    "narrative_evidence",
                    quotes[0].start,
                    quotes[0].end,
                    "Talks are futile",
                    score=0.75,
                    narrative="Talks are futile",
                )
                art.narratives = [
                    {
                        "label": "Talks are futile",
                        "parent": None,
                        "level": "narrative",
                        "score": 0.8,
                        "evidence": [ev.id],
                    }
                ]

    return run


def make_settings(tmp_path: Path) -> Settings:
    return Settings.load(None, {"store.url": f"sqlite:///{tmp_path / 'web.db'}", "pipeline.components": ["webtest"]})


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path)


def client_for(settings: Settings, **config: Any) -> TestClient:
    config.setdefault("allowed_hosts", ("testserver",))
    return TestClient(create_app(settings, WebConfig(**config)))


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with client_for(settings) as c:
        yield c


def wait_job(client: TestClient, job_id: str, timeout: float = 30.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job: dict[str, Any] = client.get(f"/api/jobs/{job_id}").json()
        if job["status"] in ("done", "failed"):
            return job
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} did not finish in {timeout}s")


def submit(client: TestClient, **body: Any) -> dict[str, Any]:
    resp = client.post("/api/articles", json=body)
    assert resp.status_code == 202, resp.text
    return wait_job(client, resp.json()["id"])
