"""Read what a source lists: feed entries (feedparser), sitemap locations (lxml) and, for a
home page, the feeds it advertises (trafilatura) or the sitemaps its robots.txt names.

A feed entry keeps its publication date; a sitemap location its ``news:publication_date``
and its ``lastmod`` (which only bounds ``--since``: a page last changed before a date was
published before it too). trafilatura's own sitemap reader drops both dates, and rejects
addresses whose host is an IP address, so sitemaps are read here with lxml's XML parser.
"""

from __future__ import annotations

import gzip
import io
import time
from dataclasses import dataclass, field, replace
from urllib.parse import urljoin, urlsplit

from ..errors import FetchError, InputError
from ..ingest.meta import normalise_date
from .fetch import Page

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS_NS = "{http://www.google.com/schemas/sitemap-news/0.9}"
MAX_UNZIPPED = 50_000_000  # the sitemap protocol's own limit for one file


@dataclass(frozen=True)
class Entry:
    """One article address a listing gave, with what the listing says about it."""

    url: str
    published: str | None = None
    modified: str | None = None
    title: str | None = None


@dataclass
class Listing:
    """What one fetched page turned out to be, and what it points to."""

    kind: str  # feed | sitemap | sitemapindex | home | article
    entries: list[Entry] = field(default_factory=list)
    feeds: list[str] = field(default_factory=list)  # more feeds to read (home page)
    sitemaps: list[str] = field(default_factory=list)  # more sitemaps to read (index, robots.txt)


def read_listing(page: Page, kind: str, robots_text: str = "") -> Listing:
    """Classify a fetched source page and pull its entries; raises FetchError when it lists nothing."""
    if page.content[:2] == b"\x1f\x8b":  # a gzipped sitemap (sitemap.xml.gz), not a transfer encoding
        with gzip.GzipFile(fileobj=io.BytesIO(page.content)) as fh:
            page = replace(page, content=fh.read(MAX_UNZIPPED))
    head = page.content[:2000].lstrip().lower()
    if kind in ("auto", "sitemap") and (b"<urlset" in head or b"<sitemapindex" in head):
        return _sitemap(page)
    if kind in ("auto", "feed") and (b"<rss" in head or b"<feed" in head or b"<rdf" in head or kind == "feed"):
        return _feed(page)
    if kind == "sitemap":
        raise FetchError(page.url, "not a sitemap (no <urlset> or <sitemapindex>)", "listing")
    is_home = urlsplit(page.final_url).path in ("", "/")
    if kind == "home" or (kind == "auto" and is_home):
        return _home(page, robots_text)
    return Listing("article", [Entry(page.url)])


def _feed(page: Page) -> Listing:
    import feedparser

    parsed = feedparser.parse(page.content, response_headers={"content-location": page.final_url})
    if not parsed.get("version") and not parsed.entries:
        raise FetchError(page.url, "not an RSS/Atom feed (feedparser found no feed)", "listing")
    entries = []
    for item in parsed.entries:
        link = item.get("link")
        if not link:
            continue
        # dict.get: feedparser's own get() maps a missing updated_parsed to published_parsed
        when = dict.get(item, "published_parsed") or dict.get(item, "created_parsed")
        modified = dict.get(item, "updated_parsed")
        entries.append(Entry(urljoin(page.final_url, link), _iso(when), _iso(modified), item.get("title")))
    return Listing("feed", entries)


def _iso(value: time.struct_time | None) -> str | None:
    return time.strftime("%Y-%m-%d", value) if value else None


def _sitemap(page: Page) -> Listing:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)
    root = etree.fromstring(page.content, parser)
    if root is None:
        raise FetchError(page.url, "malformed sitemap XML", "listing")
    index = etree.QName(root).localname == "sitemapindex"
    listing = Listing("sitemapindex" if index else "sitemap")
    for node in root:
        if not isinstance(node.tag, str):
            continue
        loc = _child_text(node, "loc")
        if not loc:
            continue
        url = urljoin(page.final_url, loc)
        modified = _date(_child_text(node, "lastmod"))
        if index:
            listing.sitemaps.append(url)
            listing.entries.append(Entry(url, None, modified))
        else:
            news = node.find(f"{NEWS_NS}news")
            published = _date(news.findtext(f"{NEWS_NS}publication_date")) if news is not None else None
            title = news.findtext(f"{NEWS_NS}title") if news is not None else None
            listing.entries.append(Entry(url, published, modified, title))
    return listing


def _child_text(node: object, name: str) -> str | None:
    found = node.findtext(f"{SITEMAP_NS}{name}") or node.findtext(name)  # type: ignore[attr-defined]
    return found.strip() if isinstance(found, str) and found.strip() else None


def _date(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return normalise_date(value[:10])
    except InputError:  # an unreadable date in a listing is ignored, not fatal
        return None


def _home(page: Page, robots_text: str) -> Listing:
    from trafilatura.feeds import FeedParameters, determine_feed
    from trafilatura.sitemaps import extract_robots_sitemaps

    parts = urlsplit(page.final_url)
    base = f"{parts.scheme}://{parts.netloc}"
    html = page.content.decode("utf-8", errors="replace")
    feeds = determine_feed(html, FeedParameters(base, parts.hostname or "", page.final_url))
    sitemaps = [] if feeds else extract_robots_sitemaps(robots_text, base)
    if not feeds and not sitemaps:
        raise FetchError(page.url, "home page advertises no feed and robots.txt names no sitemap", "listing")
    return Listing("home", feeds=feeds, sitemaps=sitemaps)
