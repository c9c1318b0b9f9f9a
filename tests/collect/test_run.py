"""collect against the invented local site: what is stored, skipped and reported, on two runs."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

import test_pipeline  # noqa: F401  (registers the test_words component)
from fakesite import Site
from narrascope.collect.run import collect
from narrascope.collect.sources import Source
from narrascope.pipeline import Pipeline
from narrascope.settings import Settings
from narrascope.store import ledger, open_store

DELAY = 0.2


def _settings(tmp_path: Path) -> Settings:
    return Settings.load().with_overrides({
        "store.url": f"sqlite:///{tmp_path / 'c.db'}",
        "collect.delay": DELAY, "collect.timeout": 1.5, "collect.backoff": 0.05, "collect.retries": 2,
    })


def _sources(base: str) -> list[Source]:
    return [
        Source(f"{base}/", outlet="Test Wire", language="en", since="2025-01-01"),
        Source(f"{base}/sitemap.xml", kind="sitemap", outlet="Test Wire", language="en"),
        Source("http://no-such-host.invalid/feed.xml", outlet="Nowhere"),
    ]


def test_collect_stores_each_allowed_article_once_and_reports_the_rest(site: Site, tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    store = open_store(settings)
    base = site.base
    seen: list[str] = []
    report = collect(_sources(base), settings, store, Pipeline(settings, ["test_words"]),
                     on_outcome=lambda o: seen.append(o.url))

    stored = {a.meta["path"].removeprefix(base): a for a in store.iter_articles()}
    assert {path: (a.meta["source"], a.meta["title"], a.meta["published"], a.meta["date_from"], a.meta["url"])
            for path, a in stored.items()} == {
        "/news/talks.html": ("Test Wire", "Talks resume in Istanbul", "2025-03-01", "page", f"{base}/news/talks.html"),
        "/news/talks-edited.html":
            ("Test Wire", "Talks resume in Istanbul", "2025-03-01", "page", f"{base}/news/talks-edited.html"),
        "/old/aid": ("Test Wire", "New aid package", "2025-03-03", "listing", f"{base}/news/aid.html"),
        "/news/busy.html": ("Test Wire", "Grain exports rise", "2025-03-04", "page", f"{base}/news/busy.html"),
        "/news/mapped.html": ("Test Wire", "Street renamed", "2025-03-05", "listing", f"{base}/news/mapped.html"),
    }
    texts = site.texts
    assert stored["/news/talks.html"].text == "\n".join(["Talks resume in Istanbul", *texts["talks"]])
    assert stored["/old/aid"].meta["redirects"] == [f"{base}/old/aid"]
    assert all(a.meta["fetched"] > "2026" and a.layer("word") for a in stored.values())

    problems = {(o.url.removeprefix(base), o.status, o.reason) for o in report.outcomes
                if o.status not in ("stored", "known")}
    assert problems == {
        ("/news/talks-copy.html", "duplicate", "same text as an earlier input of this run"),
        ("/news/missing.html", "failed", "HTTP 404 Not Found"),
        ("/news/slow.html", "failed", "timed out after 1.5 s"),
        ("/news/menu.html", "not_article", "not an article: 1 words of main text (collect.min_words is 25)"),
        ("/private/leak.html", "forbidden", "forbidden by robots.txt"),
        ("/news/old-report.html", "old", "listed as published before 2025-01-01"),
        ("http://no-such-host.invalid/feed.xml", "failed", "DNS lookup failed for no-such-host.invalid"),
    }
    assert report.counts() == {"stored": 5, "duplicate": 1, "failed": 3, "not_article": 1, "forbidden": 1, "old": 1}
    assert report.listings == 3 and len(seen) == len(report.outcomes)
    talks, edited = stored["/news/talks.html"].id, stored["/news/talks-edited.html"].id
    assert report.near_duplicates == {edited: talks}

    log = site.log
    assert "/private/leak.html" not in site.paths() and "/news/old-report.html" not in site.paths()
    assert site.paths().count("/news/busy.html") == 2  # 429, then the retry
    assert all(ua.startswith("narrascope/") for _, _, ua in log)
    gaps = [later[0] - earlier[0] for earlier, later in itertools.pairwise(log)]
    assert min(gaps) >= DELAY * 0.95, gaps

    rows = {r["url"].removeprefix(base): (r["status"], r["final_url"]) for r in ledger.rows(store)}
    assert rows["/old/aid"] == ("stored", f"{base}/news/aid.html")
    assert rows["/news/missing.html"] == ("http_error", None) and rows["/news/slow.html"] == ("failed", None)


def test_second_run_stores_nothing_and_fetches_only_the_transient_failure_again(site: Site, tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    store = open_store(settings)
    base = site.base
    pipeline = Pipeline(settings, ["test_words"])
    collect(_sources(base), settings, store, pipeline)
    count = store.count()
    site.log.clear()

    again = collect(_sources(base), settings, store, pipeline)
    assert store.count() == count == 5
    assert again.counts() == {"known": 8, "failed": 2, "forbidden": 1, "old": 1}
    assert site.paths() == ["/robots.txt", "/", "/feed.xml", "/sitemap.xml", "/news/slow.html"]


def test_limit_and_an_article_source(site: Site, tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    store = open_store(settings)
    base = site.base
    sources = [Source(f"{base}/feed.xml", outlet="Test Wire", limit=2), Source(f"{base}/news/mapped.html")]
    report = collect(sources, settings, store, Pipeline(settings, []))
    assert sorted((o.url.removeprefix(base), o.status) for o in report.outcomes if o.status != "over_limit") == [
        ("/news/mapped.html", "stored"), ("/news/talks.html", "stored"), ("/old/aid", "stored"),
    ]
    assert report.counts() == {"stored": 3, "over_limit": 8}
    assert site.paths().count("/news/mapped.html") == 1  # the source page itself
    mapped = next(a for a in store.iter_articles() if a.meta["path"].endswith("/news/mapped.html"))
    # no outlet given: the site's host; no date on the page nor in a listing: none, not the crawl time
    assert (mapped.meta["source"], mapped.meta["published"]) == (base.removeprefix("http://"), None)


def test_an_interrupted_run_resumes_without_fetching_what_it_had_settled(site: Site, tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    store = open_store(settings)
    base = site.base
    sources = [Source(f"{base}/feed.xml", outlet="Test Wire", since="2025-01-01")]

    def stop_after_the_first_stored(outcome: object) -> None:
        if getattr(outcome, "status", "") == "stored":
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        collect(sources, settings, store, Pipeline(settings, []), on_outcome=stop_after_the_first_stored)
    first = [r["url"].removeprefix(base) for r in ledger.rows(store) if r["status"] == "stored"]
    assert first == ["/news/talks.html"] and store.count() == 1
    site.log.clear()
    again = collect(sources, settings, store, Pipeline(settings, []))
    assert "/news/talks.html" not in site.paths()
    # settled before the stop: the stored article, its copy, and the pages that failed for good
    assert sorted(o.url.removeprefix(base) for o in again.outcomes if o.status == "known") == [
        "/news/menu.html", "/news/missing.html", "/news/talks-copy.html", "/news/talks.html"]
    assert store.count() == 4
