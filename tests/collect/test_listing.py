"""Listings: feed entries with their dates, sitemap locations, sitemap indexes, home pages."""

from __future__ import annotations

import gzip

import pytest

from narrascope.collect.fetch import Page
from narrascope.collect.listing import Entry, Listing, read_listing
from narrascope.errors import FetchError

BASE = "http://news.example"


def _page(body: str, url: str = f"{BASE}/feed", ctype: str = "application/xml") -> Page:
    return Page(url, url, 200, body.encode("utf-8"), ctype, (), "2026-01-01T00:00:00+00:00")


ATOM = (
    '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>W</title>'
    "<entry><title>One</title><link href='/a/one'/><published>2025-02-01T10:00:00Z</published>"
    "<updated>2025-02-03T10:00:00Z</updated></entry>"
    "<entry><title>Two</title><link href='http://news.example/a/two'/><updated>2025-02-04T10:00:00Z</updated></entry>"
    "</feed>"
)
RSS = (
    '<rss version="2.0"><channel><title>W</title><item><title>Three</title><link>http://news.example/a/3</link>'
    "<pubDate>Sat, 01 Mar 2025 23:30:00 GMT</pubDate></item><item><title>No link</title></item></channel></rss>"
)
SITEMAP = (
    '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
    'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
    "<url><loc>http://news.example/a/4</loc><lastmod>2025-03-02T08:00:00+00:00</lastmod></url>"
    "<url><loc>http://news.example/a/5</loc><news:news><news:publication_date>2025-03-01T07:00:00Z"
    "</news:publication_date><news:title>Five</news:title></news:news></url>"
    "<url><lastmod>2025-03-02</lastmod></url></urlset>"
)
INDEX = (
    '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    "<sitemap><loc>http://news.example/sm-1.xml</loc><lastmod>2025-01-01</lastmod></sitemap>"
    "<sitemap><loc>http://news.example/sm-2.xml</loc></sitemap></sitemapindex>"
)
HOME = ('<html><head><link rel="alternate" type="application/rss+xml" href="/rss/all.xml"></head>'
        "<body><h1>Front page</h1></body></html>")


@pytest.mark.parametrize(("body", "kind", "expected"), [
    (ATOM, "auto", Listing("feed", [Entry(f"{BASE}/a/one", "2025-02-01", "2025-02-03", "One"),
                                    Entry(f"{BASE}/a/two", None, "2025-02-04", "Two")])),
    (RSS, "feed", Listing("feed", [Entry(f"{BASE}/a/3", "2025-03-01", None, "Three")])),
    (SITEMAP, "auto", Listing("sitemap", [Entry(f"{BASE}/a/4", None, "2025-03-02", None),
                                          Entry(f"{BASE}/a/5", "2025-03-01", None, "Five")])),
    (INDEX, "sitemap", Listing("sitemapindex", [Entry(f"{BASE}/sm-1.xml", None, "2025-01-01"),
                                                Entry(f"{BASE}/sm-2.xml")],
                               sitemaps=[f"{BASE}/sm-1.xml", f"{BASE}/sm-2.xml"])),
])
def test_listings(body: str, kind: str, expected: Listing) -> None:
    assert read_listing(_page(body), kind) == expected


def test_a_gzipped_sitemap_is_read() -> None:
    page = Page(f"{BASE}/sitemap.xml.gz", f"{BASE}/sitemap.xml.gz", 200, gzip.compress(SITEMAP.encode()),
                "application/gzip", (), "2026-01-01T00:00:00+00:00")
    assert [e.url for e in read_listing(page, "auto").entries] == [f"{BASE}/a/4", f"{BASE}/a/5"]


def test_home_page_gives_its_feeds_else_the_robots_sitemaps() -> None:
    assert read_listing(_page(HOME, f"{BASE}/", "text/html"), "auto") == Listing("home", feeds=[f"{BASE}/rss/all.xml"])
    bare = _page("<html><body><h1>Front page</h1></body></html>", f"{BASE}/", "text/html")
    robots = f"User-agent: *\nDisallow: /search\nSitemap: {BASE}/news-sitemap.xml\n"
    assert read_listing(bare, "auto", robots) == Listing("home", sitemaps=[f"{BASE}/news-sitemap.xml"])
    with pytest.raises(FetchError, match=r"home page advertises no feed and robots\.txt names no sitemap"):
        read_listing(bare, "auto", "")


def test_a_page_below_the_root_is_an_article_unless_told_otherwise() -> None:
    page = _page("<html><body><p>Text</p></body></html>", f"{BASE}/2025/03/story", "text/html")
    assert read_listing(page, "auto") == Listing("article", [Entry(f"{BASE}/2025/03/story")])
    with pytest.raises(FetchError, match=r"not a sitemap \(no <urlset> or <sitemapindex>\)"):
        read_listing(page, "sitemap")
    with pytest.raises(FetchError, match="not an RSS/Atom feed"):
        read_listing(_page("just words"), "feed")
