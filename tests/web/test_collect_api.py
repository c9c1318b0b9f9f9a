"""POST /api/collect: a collect job against the invented site, analysed by the server's worker."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from fakesite import Site, serve
from narrascope.settings import Settings

from .conftest import client_for, wait_job


@pytest.fixture
def site() -> Iterator[Site]:
    with serve(Site()) as running:
        yield running


def _settings(tmp_path: Path, private: bool = True) -> Settings:
    return Settings.load(None, {
        "store.url": f"sqlite:///{tmp_path / 'web.db'}", "pipeline.components": ["webtest"],
        "collect.delay": 0.05, "collect.timeout": 1.5, "collect.backoff": 0.01, "collect.retries": 1,
        "collect.web_private_hosts": private,  # the test site is on 127.0.0.1
    })


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/feed.xml", "http://localhost/feed.xml",
                                 "http://10.1.2.3/x", "http://[::1]/x", "http://169.254.169.254/latest/"])
def test_collect_refuses_local_and_private_hosts_by_default(url: str, tmp_path: Path) -> None:
    with client_for(_settings(tmp_path, private=False)) as client:
        resp = client.post("/api/collect", json={"url": url})
        jobs = client.get("/api/jobs").json()
    assert resp.status_code == 422 and "local or private address" in resp.json()["detail"]
    assert jobs == {"items": []}  # nothing queued


def test_collect_job_stores_the_feed_articles_and_lists_every_outcome(site: Site, tmp_path: Path) -> None:
    with client_for(_settings(tmp_path)) as client:
        resp = client.post("/api/collect", json={"url": f"{site.base}/feed.xml", "outlet": "Test Wire",
                                                 "since": "2025-01-01"})
        assert resp.status_code == 202, resp.text
        job = wait_job(client, resp.json()["id"])
        listed = client.get("/api/articles").json()
        page = client.get("/submit").text
    b = site.base
    assert job["status"] == "done" and job["name"] == f"collect {b}/feed.xml"
    assert sorted((o["name"].removeprefix(b), o["status"]) for o in job["outcomes"]) == [
        ("/news/busy.html", "analysed"), ("/news/menu.html", "rejected"), ("/news/missing.html", "failed"),
        ("/news/old-report.html", "skipped"), ("/news/slow.html", "failed"), ("/news/talks-copy.html", "duplicate"),
        ("/news/talks-edited.html", "analysed"), ("/news/talks.html", "analysed"), ("/old/aid", "analysed"),
        ("/private/leak.html", "rejected"),
    ]
    assert len(job["article_ids"]) == 5  # four new articles, and the copy's id (the article it duplicates)
    assert sorted(a["source"] for a in listed["items"]) == ["Test Wire"] * 4
    assert 'id="collect-form"' in page and f"collect {b}/feed.xml" in page


@pytest.mark.parametrize(("body", "message"), [
    ({"url": "ftp://x.example/feed"}, "'url' must be an http(s) address"),
    ({"url": "https://x.example/", "kind": "rss"}, "kind must be one of auto, feed, sitemap, home, article"),
    ({"url": "https://x.example/", "since": "soon"}, "cannot read the date 'soon'"),
])
def test_bad_collect_requests_are_refused_with_the_reason(body: dict[str, str], message: str, tmp_path: Path) -> None:
    with client_for(_settings(tmp_path)) as client:
        resp = client.post("/api/collect", json=body)
    assert resp.status_code == 422 and message in resp.text
