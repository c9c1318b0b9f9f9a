"""Collect articles from the web (feeds, sitemaps, home pages, article URLs) into the store."""

from __future__ import annotations

from .run import CollectReport, UrlOutcome, collect
from .sources import Source, load_sources, parse_sources

__all__ = ["CollectReport", "Source", "UrlOutcome", "collect", "load_sources", "parse_sources"]
