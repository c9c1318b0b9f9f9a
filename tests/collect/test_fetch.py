"""Polite fetching against small local servers: retries, Retry-After, robots.txt, redirects, size."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from fakesite import Site, serve
from narrascope.collect.fetch import Fetcher, _retry_after
from narrascope.errors import FetchError
from narrascope.settings import CollectSettings


@dataclass
class Scripted(Site):
    """A site whose answers are given per path: (status, headers, body)."""

    routes: dict[str, tuple[int, dict[str, str], str]] = field(default_factory=dict)

    def pages(self, base: str, path: str) -> tuple[int, dict[str, str], str]:
        return self.routes.get(path, (404, {}, "missing"))


FAST = CollectSettings(delay=0.0, timeout=2.0, retries=2, backoff=0.1, max_wait=1.0)
OK = (200, {"Content-Type": "text/html"}, "<html><body>fine</body></html>")


def _gaps(site: Site, path: str) -> list[float]:
    times = [t for t, p, _ in site.log if p == path]
    return [b - a for a, b in itertools.pairwise(times)]


def test_429_is_retried_with_doubling_backoff_then_reported() -> None:
    routes = {"/robots.txt": (404, {}, ""), "/busy": (429, {}, "slow down")}
    with serve(Scripted(routes=routes)) as site, pytest.raises(FetchError) as info:
        Fetcher(FAST).get(f"{site.base}/busy")
    assert (info.value.reason, info.value.kind, info.value.transient) == ("HTTP 429 Too Many Requests", "http", True)
    gaps = _gaps(site, "/busy")
    assert len(gaps) == 2 and gaps[0] >= 0.1 * 0.95 and gaps[1] >= 0.2 * 0.95


def test_retry_after_beyond_max_wait_is_not_waited_for() -> None:
    routes = {"/robots.txt": (404, {}, ""), "/down": (503, {"Retry-After": "3600"}, "")}
    with serve(Scripted(routes=routes)) as site, pytest.raises(FetchError, match="HTTP 503 Service Unavailable"):
        Fetcher(FAST).get(f"{site.base}/down")
    assert site.paths() == ["/robots.txt", "/down"]


@pytest.mark.parametrize(("robots", "allowed", "message"), [
    ((404, {}, ""), True, ""),
    ((500, {}, "oops"), False, "robots.txt unreadable (server error or no answer): not fetched"),
    ((200, {}, "User-agent: narrascope\nDisallow: /\n\nUser-agent: *\nAllow: /\n"), False, "forbidden by robots.txt"),
    ((200, {}, "User-agent: otherbot\nDisallow: /\n"), True, ""),
])
def test_robots_txt(robots: tuple[int, dict[str, str], str], allowed: bool, message: str) -> None:
    with serve(Scripted(routes={"/robots.txt": robots, "/page": OK})) as site:
        fetcher = Fetcher(FAST)
        if allowed:
            assert fetcher.get(f"{site.base}/page").content == OK[2].encode()
        else:
            with pytest.raises(FetchError, match=re.escape(message)):
                fetcher.get(f"{site.base}/page")
    assert site.paths() == (["/robots.txt", "/page"] if allowed else ["/robots.txt"])


def test_redirects_are_followed_checked_against_robots_and_recorded() -> None:
    routes = {
        "/robots.txt": (200, {}, "User-agent: *\nDisallow: /private/\n"),
        "/a": (302, {"Location": "/b"}, ""), "/b": OK, "/to-private": (301, {"Location": "/private/x"}, ""),
        "/loop": (302, {"Location": "/loop"}, ""),
    }
    with serve(Scripted(routes=routes)) as site:
        fetcher = Fetcher(CollectSettings(delay=0.0, max_redirects=3))
        page = fetcher.get(f"{site.base}/a")
        with pytest.raises(FetchError, match=r"forbidden by robots\.txt"):
            fetcher.get(f"{site.base}/to-private")
        with pytest.raises(FetchError, match="more than 3 redirects"):
            fetcher.get(f"{site.base}/loop")
    assert (page.url, page.final_url, page.redirects) == (f"{site.base}/a", f"{site.base}/b", (f"{site.base}/a",))
    assert site.paths() == ["/robots.txt", "/a", "/b", "/to-private", "/loop", "/loop", "/loop", "/loop"]


def test_a_crawl_delay_in_robots_txt_raises_the_gap() -> None:
    routes = {"/robots.txt": (200, {}, "User-agent: *\nCrawl-delay: 1\n"), "/a": (302, {"Location": "/b"}, ""),
              "/b": OK}
    with serve(Scripted(routes=routes)) as site:
        Fetcher(CollectSettings(delay=0.0)).get(f"{site.base}/a")
    times = [t for t, _, _ in site.log]
    assert len(times) == 3 and min(b - a for a, b in itertools.pairwise(times)) >= 0.95


@dataclass
class Validating(Site):
    """A feed that answers 304 to a request carrying its ETag."""

    def pages(self, base: str, path: str) -> tuple[int, dict[str, str], str]:
        if path == "/feed":
            if self.headers.get("if-none-match") == '"v1"':
                return 304, {"ETag": '"v1"'}, ""
            return 200, {"ETag": '"v1"', "Content-Type": "application/rss+xml"}, "<rss version='2.0'></rss>"
        return 404, {}, ""


def test_a_listing_is_revalidated_and_a_304_gives_the_copy_back() -> None:
    with serve(Validating()) as site:
        fetcher = Fetcher(FAST)
        first = fetcher.get(f"{site.base}/feed", revalidate=True)
        again = fetcher.get(f"{site.base}/feed", revalidate=True)
        plain = fetcher.get(f"{site.base}/feed")
    assert (first.status, again.status, plain.status) == (200, 304, 200)
    assert again.content == first.content == plain.content == b"<rss version='2.0'></rss>"
    assert site.paths() == ["/robots.txt", "/feed", "/feed", "/feed"]


def test_a_page_over_the_size_limit_is_refused() -> None:
    routes = {"/robots.txt": (404, {}, ""), "/big": (200, {}, "x" * 5000)}
    with serve(Scripted(routes=routes)) as site, pytest.raises(FetchError, match=r"larger than 1000 bytes"):
        Fetcher(FAST, max_bytes=1000).get(f"{site.base}/big")


@pytest.mark.parametrize(("value", "seconds"), [
    ("5", 5.0), ("0", 0.0), (None, None), ("soon", None),
    (format_datetime(datetime.now(UTC) - timedelta(hours=1), usegmt=True), 0.0),
])
def test_retry_after_values(value: str | None, seconds: float | None) -> None:
    assert _retry_after(value) == seconds
