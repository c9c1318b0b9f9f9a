"""Date expressions resolved against an anchor day (usually the publication date).

Weekdays and common relative phrases are resolved by :mod:`.relative` (a weekday names one
day: the latest on or before the anchor in the past tense, the next one in the future tense);
other expressions by dateparser. A date without a year, or a relative one, is resolved only
when there is an anchor; otherwise ``resolved`` is None. ``dated_by`` says how: ``text``
(absolute date) or ``published``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from .relative import RELATIVE_PHRASE, relative_span, span_attrs

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_QUALIFIER = re.compile(
    r"^(?:(?:on|in|since|by|until|from|of)\s+)?(?:the\s+)?"
    r"(late|early|mid|end of|start of|beginning of)[\s-]+(?:in\s+)?",
    re.I,
)
_DURATION = re.compile(
    r"^(?:for\s+)?(?:several|many|a few|a number of|recent|the past|the last|\d+"
    r"|two|three|four|five|six|seven|eight|nine|ten)\s+(?:\w+\s+)?(?:years?|months?|weeks?|days?|hours?|decades?)$",
    re.I,
)
_RELATIVE = re.compile(
    r"\b(today|yesterday|tomorrow|ago|last|next|this|earlier|later|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    re.I,
)
_LEAD = re.compile(r"^(?:on|in|since|by|until|from|at|during)\s+", re.I)


def parse_published(value: str | None) -> date | None:
    """The article's publication date as a date, or None when absent or unreadable."""
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def resolve(expr: str, base: date | None, tense: str = "past") -> dict[str, Any]:
    """Resolve one date expression; returns attrs with ``resolved`` (ISO string or None)."""
    return dict(_resolve(expr.strip(), base.isoformat() if base else None, tense))


@lru_cache(maxsize=20000)
def _resolve(expr: str, base_iso: str | None, tense: str) -> tuple[tuple[str, Any], ...]:
    attrs: dict[str, Any] = {"resolved": None, "granularity": None, "relative": False, "kind": "point"}
    text = _LEAD.sub("", expr)
    m = _QUALIFIER.match(text)
    if m:
        attrs["qualifier"] = m.group(1).lower()
        text = text[m.end() :]
    if _DURATION.match(text):
        attrs["kind"] = "duration"
        return tuple(attrs.items())
    has_year = bool(_YEAR.search(text))
    relative = not has_year
    attrs["relative"] = relative
    if not relative:
        attrs["dated_by"] = "text"
    if relative and base_iso is None:
        return tuple(attrs.items())
    base = datetime.fromisoformat(base_iso) if base_iso else datetime(2000, 1, 1)
    if relative:
        span = relative_span(text, base.date(), tense)
        if span is not None:
            attrs.update(span_attrs(span), anchor="published", dated_by="published")
            return tuple(attrs.items())
    parsed = _dateparse(text, base, tense)
    if parsed is None:
        return tuple(attrs.items())
    when, period = parsed
    if relative and not _RELATIVE.search(text):
        # "February 24" or "late March": pick the year that puts it on the right side of the base.
        when = when.replace(year=base.year)
        if tense == "past" and when > base:
            when = when.replace(year=base.year - 1)
        elif tense == "future" and when < base:
            when = when.replace(year=base.year + 1)
    attrs["granularity"] = period
    attrs["resolved"] = _iso(when, period)
    if relative:
        attrs["anchor"] = "published"
        attrs["dated_by"] = "published"
    return tuple(attrs.items())


def _dateparse(text: str, base: datetime, tense: str) -> tuple[datetime, str] | None:
    parser = _parser(base.isoformat(), tense)
    data = parser.get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    period = data.period or "day"
    if period in ("time", "week"):
        period = "day"
    if period == "day" and not re.search(r"\d|day|yesterday|today|tomorrow", text, re.I):
        period = "month" if re.search(r"[a-z]", text, re.I) and not _RELATIVE.search(text) else period
    return data.date_obj.replace(tzinfo=None), period


@lru_cache(maxsize=64)
def _parser(base_iso: str, tense: str) -> Any:
    from dateparser.date import DateDataParser

    settings = {
        "RELATIVE_BASE": datetime.fromisoformat(base_iso),
        "PREFER_DATES_FROM": tense,
        "RETURN_AS_TIMEZONE_AWARE": False,
        "PREFER_DAY_OF_MONTH": "first",
    }
    return DateDataParser(languages=["en"], settings=settings)


def _iso(when: datetime, period: str) -> str:
    if period == "year":
        return f"{when.year:04d}"
    if period == "month":
        return f"{when.year:04d}-{when.month:02d}"
    return when.date().isoformat()


def candidates(text: str, ents: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Date spans: spaCy's DATE entities plus weekday/relative phrases none of them covers, in text order."""
    spans = list(ents)
    by_start = sorted(ents)
    starts = [s for s, _ in by_start]
    longest = max((e - s for s, e in ents), default=0)
    for m in RELATIVE_PHRASE.finditer(text):
        near = by_start[bisect_left(starts, m.start() - longest) : bisect_left(starts, m.end())]
        if not any(s < m.end() and m.start() < e for s, e in near):
            spans.append((m.start(), m.end()))
    return sorted(spans)
