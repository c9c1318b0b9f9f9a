"""Corpus analysis: timeline, propagation, near-duplicates, outlet profiles and stances.

Every public function takes a :class:`~narrascope.store.Store` or an iterable of
:class:`~narrascope.document.Article` and returns JSON-ready dicts and lists.
"""

from __future__ import annotations

from .dating import Window, article_window, estimate_window, redate, resolve_within
from .duplicates import near_duplicates
from .index import on_saved, update_index
from .profiles import outlet_profile, outlets, profiles
from .propagation import propagation, propagation_report
from .stances import TOPICS, stances
from .timeline import timeline

__all__ = [
    "TOPICS",
    "Window",
    "article_window",
    "estimate_window",
    "near_duplicates",
    "on_saved",
    "outlet_profile",
    "outlets",
    "profiles",
    "propagation",
    "propagation_report",
    "redate",
    "resolve_within",
    "stances",
    "timeline",
    "update_index",
]
