"""Polite HTTP fetching (httpx): robots.txt, per-host delay and concurrency, timeouts, retries.

Every request, robots.txt and redirects included, passes its host's gate: at most
``per_host`` in flight, and a new one starts at least ``delay`` seconds (or the site's
Crawl-delay) after the previous one started and after the last one ended. 429 and 5xx
answers are retried after ``backoff``, doubling, or after the server's Retry-After when it
asks for no more than ``max_wait`` seconds. Redirects are followed by hand, so that each
hop is checked against robots.txt and recorded.
"""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from ..errors import FetchError
from ..settings import CollectSettings
from ..version import __version__

ROBOTS_TOKEN = "narrascope"


def default_user_agent() -> str:
    """The honest default; set ``collect.user_agent`` to add a contact address."""
    return f"narrascope/{__version__} (news coverage research crawler; python-httpx/{httpx.__version__})"


@dataclass(frozen=True)
class Page:
    """One fetched address: the final URL after redirects, the hops on the way, the body."""

    url: str
    final_url: str
    status: int
    content: bytes
    content_type: str
    redirects: tuple[str, ...]
    fetched_at: str


class _Gate:
    """One host's politeness: a concurrency limit and a minimum gap between request starts."""

    def __init__(self, per_host: int, delay: float) -> None:
        self.slots = threading.BoundedSemaphore(max(1, per_host))
        self.lock = threading.Lock()
        self.delay = delay
        self.next_start = 0.0

    def __enter__(self) -> None:
        self.slots.acquire()
        with self.lock:
            now = time.monotonic()
            start = max(now, self.next_start)
            self.next_start = start + self.delay
        if start > now:
            time.sleep(start - now)

    def __exit__(self, *exc: object) -> None:
        with self.lock:  # the gap also runs from the end of a request, so a slow answer still gets it
            self.next_start = max(self.next_start, time.monotonic() + self.delay)
        self.slots.release()


class Fetcher:
    """A shared HTTP client that honours robots.txt and each host's gate; thread-safe."""

    def __init__(self, settings: CollectSettings, max_bytes: int = 5_000_000,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.settings = settings
        self.max_bytes = max_bytes
        self.user_agent = settings.user_agent or default_user_agent()
        self.client = httpx.Client(
            headers={"User-Agent": self.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=settings.timeout, follow_redirects=False, transport=transport,
        )
        self._gates: dict[str, _Gate] = {}
        self._robots: dict[str, RobotFileParser | None] = {}
        self._robots_text: dict[str, str] = {}
        self._robot_locks: dict[str, threading.Lock] = {}
        self._listings: dict[str, tuple[dict[str, str], Page]] = {}  # validators and page, for revalidation
        self._lock = threading.Lock()

    def close(self) -> None:
        self.client.close()

    def forget_robots(self) -> None:
        """Read each site's robots.txt afresh on the next request (a new round of ``watch``)."""
        with self._lock:
            self._robots.clear()
            self._robots_text.clear()

    def get(self, url: str, revalidate: bool = False) -> Page:
        """Fetch ``url`` politely, following redirects; raises FetchError with a one-line reason.

        With ``revalidate`` (feeds, sitemaps: read again every round of ``watch``) the request
        carries the ETag / Last-Modified of this fetcher's previous copy, and a 304 answer
        gives that copy back.
        """
        hops: list[str] = []
        current = url
        with self._lock:
            validators, cached = self._listings.get(url, ({}, None)) if revalidate else ({}, None)
        for _ in range(self.settings.max_redirects + 1):
            self.check_allowed(current)
            resp = self._with_retries(current, headers=validators if current == url else {})
            if resp.status_code == 304 and cached is not None:
                return replace(cached, status=304, fetched_at=_now())
            if resp.is_redirect and "location" in resp.headers:
                hops.append(current)
                current = urljoin(current, resp.headers["location"])
                continue
            if resp.status_code >= 400:
                transient = resp.status_code in (408, 429) or resp.status_code >= 500
                raise FetchError(url, f"HTTP {resp.status_code} {resp.reason_phrase}".strip(), "http", transient)
            page = Page(url, current, resp.status_code, resp.content, resp.headers.get("content-type", ""),
                        tuple(hops), _now())
            if revalidate:
                self._remember(url, resp, page)
            return page
        raise FetchError(url, f"more than {self.settings.max_redirects} redirects", "redirects")

    def _remember(self, url: str, resp: httpx.Response, page: Page) -> None:
        sent = {"If-None-Match": resp.headers.get("etag"), "If-Modified-Since": resp.headers.get("last-modified")}
        validators = {k: v for k, v in sent.items() if v}
        if validators:
            with self._lock:
                self._listings[url] = (validators, page)

    def robots_text(self, url: str) -> str:
        """The robots.txt of ``url``'s site as read this run ('' when it has none)."""
        self.check_allowed(url, quiet=True)
        return self._robots_text.get(_site(url), "")

    def check_allowed(self, url: str, quiet: bool = False) -> None:
        """Raise FetchError when robots.txt forbids ``url`` for narrascope (read once per site)."""
        site = _site(url)
        with self._lock:
            lock = self._robot_locks.setdefault(site, threading.Lock())
        with lock:
            if site not in self._robots:
                try:
                    self._robots[site] = self._read_robots(site)
                except FetchError as exc:  # the site's host name does not resolve
                    raise FetchError(url, exc.reason, exc.kind, exc.transient) from exc
        parser = self._robots[site]
        if quiet:
            return
        if parser is None:
            raise FetchError(url, "robots.txt unreadable (server error or no answer): not fetched", "robots", True)
        if not parser.can_fetch(ROBOTS_TOKEN, url):
            raise FetchError(url, "forbidden by robots.txt", "robots")

    def _read_robots(self, site: str) -> RobotFileParser | None:
        """RFC 9309: a missing robots.txt (4xx) allows everything; a server error forbids everything."""
        parser = RobotFileParser(site + "/robots.txt")
        try:
            resp = self._with_retries(site + "/robots.txt", retries=0)
        except FetchError as exc:
            if exc.kind == "dns":
                raise
            return None
        if resp.status_code >= 500:
            return None
        text = resp.text if resp.status_code < 300 else ""
        parser.parse(text.splitlines())
        self._robots_text[site] = text
        crawl_delay = parser.crawl_delay(ROBOTS_TOKEN)
        if crawl_delay:
            gate = self._gate(site)
            with gate.lock:
                gate.delay = max(gate.delay, float(crawl_delay))
                gate.next_start = max(gate.next_start, time.monotonic() + gate.delay)
        return parser

    def _gate(self, site: str) -> _Gate:
        with self._lock:
            if site not in self._gates:
                self._gates[site] = _Gate(self.settings.per_host, self.settings.delay)
            return self._gates[site]

    def _with_retries(self, url: str, retries: int | None = None,
                      headers: dict[str, str] | None = None) -> httpx.Response:
        tries = self.settings.retries if retries is None else retries
        wait = self.settings.backoff
        for attempt in range(tries + 1):
            resp = self._once(url, headers or {})
            if not (resp.status_code == 429 or resp.status_code >= 500) or attempt == tries:
                return resp
            asked = _retry_after(resp.headers.get("retry-after"))
            if asked is not None and asked > self.settings.max_wait:
                return resp  # the server wants a longer break than we are willing to wait
            time.sleep(asked if asked is not None else wait)
            wait *= 2
        raise AssertionError("unreachable")

    def _once(self, url: str, headers: dict[str, str]) -> httpx.Response:
        with self._gate(_site(url)):
            try:
                with self.client.stream("GET", url, headers=headers) as resp:
                    body = bytearray()
                    for chunk in resp.iter_bytes():
                        body.extend(chunk)
                        if len(body) > self.max_bytes:
                            raise FetchError(url, f"larger than {self.max_bytes} bytes (ingest.max_bytes)", "size")
                    return httpx.Response(resp.status_code, headers=resp.headers, content=bytes(body),
                                          request=resp.request)
            except httpx.TimeoutException as exc:
                raise FetchError(url, f"timed out after {self.settings.timeout:g} s", "timeout", True) from exc
            except httpx.ConnectError as exc:
                if _caused_by_dns(exc):
                    host = urlsplit(url).hostname
                    raise FetchError(url, f"DNS lookup failed for {host}", "dns", True) from exc
                raise FetchError(url, f"cannot connect: {exc}", "connect", True) from exc
            except httpx.HTTPError as exc:
                raise FetchError(url, f"network error: {exc.__class__.__name__}: {exc}", "network", True) from exc


def _caused_by_dns(exc: BaseException) -> bool:
    """Whether a connection error comes from a failed host-name lookup (socket.gaierror inside)."""
    seen: BaseException | None = exc
    for _ in range(6):
        if seen is None:
            return False
        if isinstance(seen, socket.gaierror) or any(isinstance(a, socket.gaierror) for a in seen.args):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _site(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _retry_after(value: str | None) -> float | None:
    """Seconds asked for by a Retry-After header (a number or an HTTP date)."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, (parsedate_to_datetime(value) - datetime.now(UTC)).total_seconds())
    except (TypeError, ValueError):
        return None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
