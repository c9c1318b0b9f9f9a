"""Corpus analysis: timeline, propagation, near-duplicates, outlet profiles and stances.

Every public function takes a :class:`~narrascope.store.Store` or an iterable of
:class:`~narrascope.document.Article` and returns JSON-ready dicts and lists.
"""

from __future__ import annotations

from .dating import Window, article_window, estimate_window, redate, resolve_within
from .duplicates import near_duplicates
from .index import on_saved, update_index
from .propagation import propagation
from .timeline import timeline

__all__ = [
    "Window",
    "article_window",
    "estimate_window",
    "near_duplicates",
    "on_saved",
    "propagation",
    "redate",
    "resolve_within",
    "timeline",
    "update_index",
]
