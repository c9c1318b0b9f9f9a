"""Dates in text: expressions resolved against an anchor day, weekdays and relative phrases.

Pure functions over strings and days; the ``dates`` component (``components/dates.py``) and
the corpus dating (``corpus/dating.py``) both build on them.
"""

from __future__ import annotations

from .relative import RELATIVE_PHRASE, Span, local_tense, relative_span, span_attrs
from .resolve import candidates, parse_published, resolve

__all__ = [
    "RELATIVE_PHRASE",
    "Span",
    "candidates",
    "local_tense",
    "parse_published",
    "relative_span",
    "resolve",
    "span_attrs",
]
