"""An invented news site served on 127.0.0.1 for the collect tests (stdlib http.server in a thread).

Every page is made up here. The site has a home page advertising a feed, an RSS feed, a
news sitemap, a robots.txt forbidding /private/, article pages wrapped in boilerplate,
a redirect, an exact copy, a near copy, a 404, a page answering 429 once, a slow page
and a page with no article text. Each request is logged with its time and user agent.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TALKS = [
    "Delegations from both sides met in Istanbul on Saturday for a first round of talks since the spring.",
    "The mediator said the parties agreed to exchange prisoners and to meet again within a month.",
    "Neither side published a statement on territory, and the talks ended without a joint declaration.",
]
TALKS_EDITED = [p.replace("on Saturday", "on Sunday").replace("within a month", "within weeks") for p in TALKS]
AID = [
    "The European Commission announced a new aid package worth two billion euros for air defence.",
    "Officials said the first deliveries would arrive before the winter and would include spare parts.",
    "Critics in several capitals argued that the package came too late to change the situation on the ground.",
]
BUSY = [
    "Grain exports through the southern ports rose for the third month in a row, traders said on Monday.",
    "Insurers lowered their premiums after a quiet month at sea, and shipping firms added new routes.",
    "Port officials warned that the figures could fall again if attacks on the terminals resumed.",
]
MAPPED = [
    "A city council in the north voted on Thursday to rename a street after a local volunteer medic.",
    "The medic ran an evacuation service for elderly residents during the first months of the war.",
    "Residents collected more than three thousand signatures in support of the proposal last year.",
]
OLD = [
    "Officials reviewed last year's energy plans in a long meeting that ended late in the evening.",
    "They agreed to publish a report on the state of the grid before the start of the heating season.",
]


def article_html(title: str, paragraphs: list[str], published: str | None = None, canonical: str | None = None) -> str:
    """An article page with a navigation bar, share buttons and a footer around the text."""
    head = f"<title>{title}</title>"
    if published:
        head += f'<meta property="article:published_time" content="{published}T08:30:00Z">'
    if canonical:
        head += f'<link rel="canonical" href="{canonical}">'
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'>{head}</head><body>"
        "<nav><ul><li><a href='/'>Home</a></li><li><a href='/world'>World</a></li></ul></nav>"
        f"<article><h1>{title}</h1>{body}<div class='share'>Share this article</div></article>"
        "<footer><p>© 2025 Test Wire. All rights reserved.</p></footer></body></html>"
    )


def _feed(base: str) -> str:
    items = [
        ("/news/talks.html", "Talks resume in Istanbul", "Sun, 02 Mar 2025 10:00:00 GMT"),
        ("/old/aid", "New aid package", "Mon, 03 Mar 2025 09:00:00 GMT"),
        ("/news/talks-copy.html", "Talks resume (copy)", "Sun, 02 Mar 2025 11:00:00 GMT"),
        ("/news/talks-edited.html", "Talks resume (edited)", "Sun, 02 Mar 2025 12:00:00 GMT"),
        ("/news/missing.html", "Gone", "Sun, 02 Mar 2025 13:00:00 GMT"),
        ("/news/busy.html", "Grain exports rise", "Tue, 04 Mar 2025 09:00:00 GMT"),
        ("/news/slow.html", "Slow page", "Tue, 04 Mar 2025 10:00:00 GMT"),
        ("/private/leak.html", "Forbidden", "Tue, 04 Mar 2025 11:00:00 GMT"),
        ("/news/menu.html", "Section index", "Tue, 04 Mar 2025 12:00:00 GMT"),
        ("/news/old-report.html", "Energy plans", "Sun, 01 Dec 2024 12:00:00 GMT"),
    ]
    entries = "".join(
        f"<item><title>{t}</title><link>{base}{p}</link><pubDate>{d}</pubDate></item>" for p, t, d in items
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test Wire</title>{entries}</channel></rss>'


def _sitemap(base: str) -> str:
    def url(path: str, published: str) -> str:
        return (f"<url><loc>{base}{path}</loc><news:news><news:publication_date>{published}"
                "</news:publication_date></news:news></url>")

    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
        f"{url('/news/mapped.html', '2025-03-05')}{url('/news/talks.html', '2025-03-01')}</urlset>"
    )


@dataclass
class Site:
    """The running site: its base address and the log of (monotonic time, path, user agent)."""

    base: str = ""
    log: list[tuple[float, str, str]] = field(default_factory=list)
    hits: dict[str, int] = field(default_factory=dict)
    slow_seconds: float = 4.0  # well over the tests' timeouts, even on a loaded machine
    headers: dict[str, str] = field(default_factory=dict)  # of the latest request
    texts: dict[str, list[str]] = field(default_factory=lambda: {
        "talks": TALKS, "talks_edited": TALKS_EDITED, "aid": AID, "busy": BUSY, "mapped": MAPPED, "old": OLD})

    def paths(self) -> list[str]:
        return [p for _, p, _ in self.log]

    def pages(self, base: str, path: str) -> tuple[int, dict[str, str], str]:
        """Status, headers and body for one path."""
        html = {"Content-Type": "text/html; charset=utf-8"}
        xml = {"Content-Type": "application/xml"}
        n = self.hits.get(path, 0)
        if path == "/robots.txt":
            return 200, {"Content-Type": "text/plain"}, "User-agent: *\nDisallow: /private/\n"
        if path == "/":
            link = '<link rel="alternate" type="application/rss+xml" href="/feed.xml">'
            return 200, html, f"<html><head>{link}<title>Test Wire</title></head><body><h1>Test Wire</h1></body></html>"
        if path == "/feed.xml":
            return 200, {"Content-Type": "application/rss+xml"}, _feed(base)
        if path == "/sitemap.xml":
            return 200, xml, _sitemap(base)
        if path == "/old/aid":
            return 301, {"Location": "/news/aid.html"}, ""
        if path == "/news/busy.html" and n == 1:
            return 429, {"Retry-After": "0", **html}, "slow down"
        if path == "/news/slow.html":
            time.sleep(self.slow_seconds)
        pages = {
            "/news/talks.html": article_html("Talks resume in Istanbul", TALKS, "2025-03-01"),
            "/news/talks-copy.html": article_html("Talks resume in Istanbul", TALKS, "2025-03-01"),
            "/news/talks-edited.html": article_html("Talks resume in Istanbul", TALKS_EDITED, "2025-03-01"),
            "/news/aid.html": article_html("New aid package", AID, None, f"{base}/news/aid.html"),
            "/news/busy.html": article_html("Grain exports rise", BUSY, "2025-03-04"),
            "/news/slow.html": article_html("Slow page", BUSY, "2025-03-04"),
            "/news/mapped.html": article_html("Street renamed", MAPPED),
            "/news/old-report.html": article_html("Energy plans", OLD, "2024-12-01"),
            "/news/menu.html": "<html><head><title>Sections</title></head><body><nav><a href='/'>Home</a>"
            "</nav></body></html>",
        }
        if path in pages:
            return 200, html, pages[path]
        return 404, html, "<html><body>Not found</body></html>"


@contextmanager
def serve(site: Site) -> Iterator[Site]:
    """Run ``site`` on a free port of 127.0.0.1 until the block ends."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            site.log.append((time.monotonic(), path, self.headers.get("User-Agent", "")))
            site.hits[path] = site.hits.get(path, 0) + 1
            site.headers = {k.lower(): v for k, v in self.headers.items()}
            status, headers, body = site.pages(site.base, path)
            data = body.encode("utf-8")
            try:
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout test)
                pass

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
