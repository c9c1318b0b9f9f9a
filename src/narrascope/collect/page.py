"""A fetched web page to an :class:`Article`: main text and metadata by trafilatura.

The publication date is the page's own metadata (meta tags, JSON-LD, ``<time>``, the
address; htmldate without its full-text guessing), else the date the feed or sitemap gave,
else none: never the time of the crawl, which is kept apart in ``meta["fetched"]``.
"""

from __future__ import annotations

from typing import Any

from ..document import Article
from ..errors import FetchError, InputError
from ..ingest import build_article
from ..ingest.decode import decode
from ..settings import IngestSettings
from .fetch import Page
from .listing import Entry
from .sources import Source

_TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "")
_DATE_PARAMS = {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d"}


def page_article(page: Page, entry: Entry, source: Source, settings: IngestSettings, min_words: int = 0) -> Article:
    """Extract the article on ``page``; raises FetchError (kind ``not_article``) when there is none."""
    import trafilatura

    ctype = page.content_type.split(";")[0].strip().lower()
    if ctype not in _TEXT_TYPES:
        raise FetchError(page.url, f"not an article: content type {ctype}", "not_article")
    try:
        html, encoding = decode(page.url, page.content)
    except InputError as exc:
        raise FetchError(page.url, f"not an article: {exc.reason}", "not_article") from exc
    doc = trafilatura.bare_extraction(
        html, url=page.final_url, with_metadata=True, include_comments=False, include_tables=False,
        date_extraction_params=_DATE_PARAMS,
    )
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise FetchError(page.url, "not an article: no main text found on the page", "not_article")
    words = len(text.split())
    if words < min_words:
        raise FetchError(page.url, f"not an article: {words} words of main text (collect.min_words is {min_words})",
                         "not_article")
    page_date = getattr(doc, "date", None)
    canonical = getattr(doc, "url", None)
    meta: dict[str, Any] = {
        "path": page.url,
        "url": canonical if isinstance(canonical, str) and canonical.startswith("http") else page.final_url,
        "title": getattr(doc, "title", None) or entry.title,
        "published": page_date or entry.published,
        "date_from": "page" if page_date else "listing" if entry.published else None,
        "source": source.outlet or getattr(doc, "sitename", None),
        "language": source.language,
        "fetched": page.fetched_at,
        "final_url": page.final_url,
        "redirects": list(page.redirects),
        "encoding": encoding,
        "format": "html",
    }
    try:
        return build_article(text, {k: v for k, v in meta.items() if v not in (None, [])}, settings)
    except InputError as exc:
        raise FetchError(page.url, f"not an article: {exc.reason}", "not_article") from exc
