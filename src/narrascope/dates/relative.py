"""Weekdays and relative phrases ("on Sunday", "earlier this week", "last month") resolved against one anchor day.

A weekday names one day: in the past tense the latest such day on or before the anchor (the
anchor itself when it is that weekday; "last Friday" in a Friday article is a week earlier),
in the future tense the next one on or after it ("next Friday" skips the anchor's own day).
Week and month phrases give the narrowest range the words allow ("earlier this week" ends on
the anchor). dateparser resolves everything else; it turns a weekday into a day of the week
before, and knows nothing of "earlier this week".
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Any, NamedTuple

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WD = "|".join(WEEKDAYS)
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"
_NUM = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "ten": 10}

#: Phrases the date layer adds where spaCy tagged no DATE (they are often TIME or nothing).
RELATIVE_PHRASE = re.compile(
    r"\b(?:(?:last|next|this|coming)\s+)?(?:" + _WD + r")" + _PART + r"\b"
    r"|\b(?:earlier|later)\s+(?:this|that)\s+(?:week|month|year)\b"
    r"|\b(?:last|next|this)\s+(?:week|month|year)\b"
    r"|\b(?:yesterday|tomorrow)\b"
    r"|\b(?:a|an|one|two|three|four|five|six|seven|ten|\d{1,2})\s+(?:days?|weeks?)\s+ago\b",
    re.I,
)
_LEAD = re.compile(r"^(?:(?:earlier|later|early|late)\s+)?(?:on|since|by|until|from|as early as|as late as)\s+", re.I)
_WEEKDAY = re.compile(r"^(?:(last|next|this|coming)\s+)?(" + _WD + r")" + _PART + r"$", re.I)
_PERIOD = re.compile(r"^(earlier|later)?\s*(this|last|next|past|the coming)\s+(week|month|year)$", re.I)
_AGO = re.compile(r"^(a|an|one|two|three|four|five|six|seven|ten|\d{1,2})\s+(days?|weeks?)\s+ago$", re.I)
_FUTURE_CUE = re.compile(
    r"\b(?:will|shall|'ll|going to|set to|expected to|scheduled|plans? to|planned|due|next|coming|opens|begins|"
    r"starts|(?:could|would|may|might)\s+(?:take place|be held|begin|start|resume|meet))\b",
    re.I,
)
_REPORTED = re.compile(r"\b(?:said|told|announced|stated|added|wrote|reported|claimed|confirmed)\s+(?:\w+\s+)?$", re.I)


class Span(NamedTuple):
    """The days an expression can denote, and whether it was a weekday or another relative phrase."""

    lo: date
    hi: date
    how: str  # "weekday" | "relative"


def weekday_day(name: str, anchor: date, tense: str, modifier: str | None = None) -> date:
    """The one day a weekday names relative to ``anchor`` (see the module docstring)."""
    target = WEEKDAYS.index(name.lower())
    mod = (modifier or "").lower()
    if mod in ("next", "coming") or (tense == "future" and mod != "last"):
        ahead = (target - anchor.weekday()) % 7
        return anchor + timedelta(days=ahead or (7 if mod == "next" else 0))
    back = (anchor.weekday() - target) % 7
    return anchor - timedelta(days=back or (7 if mod == "last" else 0))


def _month(day: date, shift: int) -> tuple[date, date]:
    y, m = divmod(day.month - 1 + shift, 12)
    first = date(day.year + y, m + 1, 1)
    return first, date(first.year, first.month, calendar.monthrange(first.year, first.month)[1])


def _period(edge: str, which: str, unit: str, anchor: date, tense: str) -> tuple[date, date]:
    """The range of "earlier this week", "last month", "next year"... around ``anchor``."""
    if unit == "week":
        monday = anchor - timedelta(days=anchor.weekday())
        lo, hi = monday, monday + timedelta(days=6)
    elif unit == "month":
        lo, hi = _month(anchor, 0)
    else:
        lo, hi = date(anchor.year, 1, 1), date(anchor.year, 12, 31)
    shift = {"last": -1, "past": -1, "next": 1, "the coming": 1}.get(which, 0)
    if shift and unit == "week":
        lo, hi = lo + timedelta(weeks=shift), hi + timedelta(weeks=shift)
    elif shift and unit == "month":
        lo, hi = _month(anchor, shift)
    elif shift:
        lo, hi = date(anchor.year + shift, 1, 1), date(anchor.year + shift, 12, 31)
    elif edge == "earlier" or (not edge and tense == "past" and unit == "week"):
        hi = anchor
    elif edge == "later" or (not edge and tense == "future" and unit == "week"):
        lo = anchor
    return lo, hi


def relative_span(expr: str, anchor: date, tense: str = "past") -> Span | None:
    """The days a weekday or relative phrase denotes from ``anchor``, or None when it is not one of them."""
    text = " ".join(_LEAD.sub("", expr.strip()).split()).lower().replace("\u2019", "'")
    if not text:
        return None
    m = _WEEKDAY.match(text)
    if m:
        day = weekday_day(m.group(2), anchor, tense, m.group(1))
        return Span(day, day, "weekday")
    one = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0, "yesterday": -1}
    if text in one or text == "tomorrow":
        day = anchor + timedelta(days=one.get(text, 1))
        return Span(day, day, "relative")
    if text in ("overnight", "last night"):
        return Span(anchor - timedelta(days=1), anchor, "relative")
    m = _PERIOD.match(text)
    if m:
        lo, hi = _period(m.group(1) or "", m.group(2), m.group(3), anchor, tense)
        return Span(lo, hi, "relative")
    m = _AGO.match(text)
    if m:
        n = int(m.group(1)) if m.group(1).isdigit() else _NUM[m.group(1)]
        day = anchor - timedelta(days=n * (7 if m.group(2).startswith("week") else 1))
        return Span(day, day, "relative")
    return None


def span_attrs(span: Span) -> dict[str, Any]:
    """Date-layer attrs for a span: ``resolved`` only when it is one day or one whole month."""
    lo, hi = span.lo, span.hi
    month = lo.day == 1 and hi == _month(lo, 0)[1]
    resolved = lo.isoformat() if lo == hi else (f"{lo.year:04d}-{lo.month:02d}" if month else None)
    granularity = "day" if lo == hi else ("month" if month else "range")
    return {
        "resolved": resolved,
        "granularity": granularity,
        "relative": True,
        "range": [lo.isoformat(), hi.isoformat()],
        "weekday": span.how == "weekday",
    }


def local_tense(text: str, start: int, end: int) -> str:
    """ "future" when the clause around ``text[start:end]`` looks ahead ("will meet on Friday"), else "past".

    A reporting verb right before the date ("said on Friday he will...") dates the saying: past.
    """
    lo = max(text.rfind(c, 0, start) for c in ".!?\n,;") + 1
    lo = max(lo, start - 100)
    his = [i for i in (text.find(c, end) for c in ".!?\n,;") if i >= 0]
    hi = min([*his, end + 100, len(text)])
    before = re.sub(r"\s*\bon\s*$", " ", text[lo:start])
    if _REPORTED.search(before):
        return "past"
    return "future" if _FUTURE_CUE.search(text[lo:hi].replace("\u2019", "'")) else "past"
