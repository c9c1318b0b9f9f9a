"""Publication-date windows: the real date when known, else a range estimated from the text.

An undated article still dates itself: past-tense explicit dates are lower bounds ("in
October 2022"), anchors tied to the war's start pin it down ("the war will mark its fourth
month on Tuesday"), and year-less dates take the year nearest to that evidence. Relative
dates ("on Friday", "last week") then resolve *within* the window, and are marked estimated.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

from ..dates import local_tense, parse_published, relative_span, resolve
from ..document import Annotation, Article
from ..errors import ConfigError

#: The default reference for year-less dates and war anchors: the full-scale invasion.
WAR_START = date(2022, 2, 24)
HORIZON_DAYS = 180
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_ORDINALS = {
    w: i + 1
    for i, w in enumerate(
        [
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
        ]
    )
}
_FUTURE = re.compile(r"\b(will|shall|is set to|are set to|going to|next|coming|plans? to|scheduled)\b", re.I)
_WD = "|".join(WEEKDAYS)
_ENTER = re.compile(
    r"\b(?:war|conflict|operation|invasion|offensive|fighting)\b[^.\n]{0,60}?\b(will\s+)?"
    r"(?:enter|enters|entered|mark|marks|marked)\s+its\s+(" + "|".join(_ORDINALS) + r")\s+(month|year|week)"
    r"(?:\s+on\s+(" + _WD + r"))?",
    re.I,
)
_LAUNCH = re.compile(r"\b(?:operation|invasion|offensive|invade[ds]?|troops|forces)\b", re.I)
_LAUNCH_VERB = re.compile(r"\b(?:launch|launched|began|begun|started|ordered|crossed|invaded)\b", re.I)
_ON_WEEKDAY = re.compile(r"\b(?:on|since|last)\s+(" + _WD + r")\b", re.I)
_HAS_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_MONTH = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\b", re.I)


@dataclass(frozen=True)
class Window:
    """A date range ``[start, end]``; ``estimated`` when it was inferred rather than published."""

    start: date
    end: date
    estimated: bool = False
    evidence: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "estimated": self.estimated,
            "evidence": list(self.evidence),
        }

    def overlaps(self, other: Window, slack_days: int = 0) -> bool:
        slack = timedelta(days=slack_days)
        return self.start <= other.end + slack and other.start <= self.end + slack


def period_bounds(iso: str, qualifier: str | None = None) -> tuple[date, date]:
    """First and last day of an ISO day, month or year, narrowed by early/mid/late qualifiers."""
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 3:
        day = date(parts[0], parts[1], parts[2])
        return day, day
    if len(parts) == 2:
        last = calendar.monthrange(parts[0], parts[1])[1]
        lo, hi = date(parts[0], parts[1], 1), date(parts[0], parts[1], last)
        spans = {
            "early": (1, 10),
            "start of": (1, 10),
            "beginning of": (1, 10),
            "mid": (11, 20),
            "late": (21, last),
            "end of": (21, last),
        }
        if qualifier in spans:
            a, b = spans[qualifier]
            lo, hi = date(parts[0], parts[1], a), date(parts[0], parts[1], b)
        return lo, hi
    lo, hi = date(parts[0], 1, 1), date(parts[0], 12, 31)
    if qualifier in ("early", "start of", "beginning of"):
        hi = date(parts[0], 4, 30)
    elif qualifier in ("late", "end of"):
        lo = date(parts[0], 9, 1)
    return lo, hi


def _add_months(day: date, months: int) -> date:
    y, m = divmod(day.month - 1 + months, 12)
    return date(day.year + y, m + 1, min(day.day, calendar.monthrange(day.year + y, m + 1)[1]))


def _tense(sentence: str) -> str:
    return "future" if _FUTURE.search(sentence) else "past"


def _is_weekday_relative(expr: str) -> bool:
    return bool(
        re.search(
            r"\b(today|yesterday|tomorrow|ago|last|next|this|earlier|later|recent|past|" + _WD + r")\b", expr, re.I
        )
    )


def _sentence_of(article: Article, ann: Annotation, sentences: list[Annotation] | None = None) -> str:
    """The sentence holding ``ann`` (else its line); pass ``sentences`` (the sorted layer) when calling in a loop."""
    sents = article.layer("sentence") if sentences is None else sentences
    i = bisect_right(sents, ann.start, key=lambda s: s.start)  # sentences never overlap: only one can hold it
    for s in sents[max(0, i - 1) : i]:
        if s.start <= ann.start < s.end:
            return article.text[s.start : s.end]
    lo = article.text.rfind("\n", 0, ann.start) + 1
    hi = article.text.find("\n", ann.end)
    return article.text[lo : hi if hi >= 0 else len(article.text)]


def first_after(expr: str, ref: date) -> dict[str, Any] | None:
    """Resolve a year-less date ("May 22", "late March") to its first occurrence ending on or after ``ref``.

    Taking the earliest year the evidence allows keeps lower bounds conservative.
    """
    for year in (ref.year, ref.year + 1):
        attrs = resolve(expr, date(year, 12, 31), "past")
        if attrs.get("resolved") and period_bounds(str(attrs["resolved"]), attrs.get("qualifier"))[1] >= ref:
            return attrs
    return None


def _anchor_bounds(article: Article, reference: date) -> tuple[list[tuple[date, str]], list[tuple[date, str]]]:
    """Lower and upper bounds from war anchors ("enter its fourth month on Tuesday", "ordered on Thursday")."""
    lows: list[tuple[date, str]] = []
    highs: list[tuple[date, str]] = []
    text = article.text
    for m in _ENTER.finditer(text):
        n, unit, weekday = _ORDINALS[m.group(2).lower()], m.group(3).lower(), m.group(4)
        if unit == "month":
            day = _add_months(reference, n - 1)
        elif unit == "year":
            day = _add_months(reference, 12 * (n - 1))
        else:
            day = reference + timedelta(weeks=n - 1)
        future = bool(m.group(1))
        if weekday and WEEKDAYS[day.weekday()] != weekday.lower():
            continue  # the anchor does not fit the reference: ignore it rather than guess
        ev = m.group(0)
        if future:
            lows.append((day - timedelta(days=6 if weekday else 31), ev))
            highs.append((day - timedelta(days=1) if weekday else day, ev))
        else:
            lows.append((day, ev))
            highs.append((day + timedelta(days=6 if weekday else 31), ev))
    sentences = [text[s.start : s.end] for s in article.layer("sentence")] or text.split("\n")
    for i, sent in enumerate(sentences):
        wd = _ON_WEEKDAY.search(sent)
        if not wd or not _LAUNCH_VERB.search(sent):
            continue
        context = sent if i == 0 else sentences[i - 1] + " " + sent
        if not _LAUNCH.search(context) or wd.group(1).lower() != WEEKDAYS[reference.weekday()]:
            continue
        lows.append((reference, wd.group(0)))
        highs.append((reference + timedelta(days=6), wd.group(0)))
    return lows, highs


def estimate_window(article: Article, reference: date = WAR_START, horizon_days: int = HORIZON_DAYS) -> Window | None:
    """Estimated publication range of an undated article, or None when the text gives no evidence."""
    lows, highs = _anchor_bounds(article, reference)
    yearless: list[tuple[Annotation, date | None]] = []
    context: date | None = None  # the last year-bearing date mentioned so far, in text order
    sentences = article.layer("sentence")
    for ann in article.layer("date"):
        expr = article.text[ann.start : ann.end]
        if ann.attrs.get("kind") == "duration":
            continue
        tense = _tense(_sentence_of(article, ann, sentences))
        if _HAS_YEAR.search(expr) and ann.attrs.get("resolved"):
            lo, hi = period_bounds(str(ann.attrs["resolved"]), ann.attrs.get("qualifier"))
            (highs if tense == "future" else lows).append((hi if tense == "future" else lo, expr))
            context = lo if lo.year >= reference.year else context
        elif tense == "past" and _MONTH.search(expr) and not _is_weekday_relative(expr):
            yearless.append((ann, context))
    for ann, ctx in yearless:
        expr = article.text[ann.start : ann.end]
        attrs = (
            resolve(expr, date(ctx.year, 12, 31), "past") if ctx else first_after(expr, reference - timedelta(days=31))
        )
        if not attrs or not attrs.get("resolved"):
            continue
        lows.append((period_bounds(str(attrs["resolved"]), attrs.get("qualifier"))[0], expr))
    if not lows and not highs:
        return None
    start = max(lows)[0] if lows else min(highs)[0] - timedelta(days=horizon_days)
    end = min(highs)[0] if highs else start + timedelta(days=horizon_days)
    end = max(end, start)
    evidence = sorted({e for _, e in lows + highs})
    return Window(start, end, True, tuple(evidence))


def article_window(article: Article, reference: date = WAR_START, horizon_days: int = HORIZON_DAYS) -> Window | None:
    """The publication date as a one-day window, else the estimated range (cached in results)."""
    published = parse_published(article.meta.get("published"))
    if published is not None:
        return Window(published, published)
    cached = article.results.get("dating")
    if isinstance(cached, dict) and cached.get("from"):
        return Window(
            date.fromisoformat(cached["from"]),
            date.fromisoformat(cached["to"]),
            True,
            tuple(cached.get("evidence") or ()),
        )
    return estimate_window(article, reference, horizon_days)


def resolve_within(expr: str, window: Window, tense: str = "past") -> tuple[date, date] | None:
    """The range a relative date expression can denote for any publication date inside ``window``.

    A weekday in a window of up to a week names one day: the one inside the window when there
    is one (past tense), else the latest before it; in the future tense the first on or after
    its start. In a wider window it keeps the range of the days it can be.
    """
    weekday = _WEEKDAY_EXPR.fullmatch(expr.strip())
    if weekday and not weekday.group(1):
        return _weekday_within(weekday.group(2).lower(), window, tense)
    points: list[date] = []
    for base in (window.start, window.end):
        span = relative_span(expr, base, tense)
        if span is not None:
            points.extend((span.lo, span.hi))
            continue
        attrs = resolve(expr, base, tense)
        if not attrs.get("resolved"):
            return None
        points.extend(period_bounds(str(attrs["resolved"]), attrs.get("qualifier")))
    return min(points), max(points)


_WEEKDAY_EXPR = re.compile(
    r"(?:(?:earlier|later|early|late)\s+)?(?:on\s+)?(?:(last|next|this|coming)\s+)?(" + _WD + r")"
    r"(?:\s+(?:morning|afternoon|evening|night))?",
    re.I,
)


def _weekday_within(name: str, window: Window, tense: str) -> tuple[date, date]:
    """The day(s) a bare weekday can name for a publication date in ``window`` (see resolve_within)."""
    target = WEEKDAYS.index(name)
    first = window.start + timedelta(days=(target - window.start.weekday()) % 7)  # first such day >= start
    if (window.end - window.start).days <= 6:
        if tense == "future" or first <= window.end:
            return first, first
        return first - timedelta(days=7), first - timedelta(days=7)
    if tense == "future":
        return first, window.end + timedelta(days=(target - window.end.weekday()) % 7)
    last = window.end - timedelta(days=(window.end.weekday() - target) % 7)
    return first - timedelta(days=7), last


def redate(article: Article, reference: date = WAR_START, horizon_days: int = HORIZON_DAYS) -> Window | None:
    """Estimate an undated article's window, record it and resolve its relative dates within it.

    Writes ``article.results["dating"]`` and gives unresolved ``date`` annotations
    ``resolved`` (when the whole window agrees), ``range`` and ``estimated: true``.
    """
    if parse_published(article.meta.get("published")) is not None:
        return article_window(article)
    window = estimate_window(article, reference, horizon_days)
    if window is None:
        anchor_on_text(article)
        return None
    article.results["dating"] = window.to_dict()
    updated = []
    for ann in article.annotations:
        if ann.layer == "date" and not ann.attrs.get("resolved") and ann.attrs.get("kind") != "duration":
            expr = article.text[ann.start : ann.end]
            tense = local_tense(article.text, ann.start, ann.end)
            span = resolve_within(expr, window, tense)
            if span is None and not _is_weekday_relative(expr):
                attrs = first_after(expr, window.start - timedelta(days=366))
                span = period_bounds(str(attrs["resolved"]), attrs.get("qualifier")) if attrs else None
            if span is not None:
                new = dict(
                    ann.attrs,
                    estimated=True,
                    range=[span[0].isoformat(), span[1].isoformat()],
                    anchor="estimated_published",
                    dated_by="estimated",
                )
                if span[0] == span[1]:
                    new["resolved"] = span[0].isoformat()
                ann = replace(ann, attrs=new)
        updated.append(ann)
    article.annotations = updated
    return window


def _text_anchor(article: Article, ann: Annotation) -> date | None:
    """The day-precise absolute date nearest to ``ann`` in the text (an earlier one wins a tie)."""
    best: tuple[int, date] | None = None
    for d in article.layer("date"):
        resolved = str(d.attrs.get("resolved") or "")
        if d.attrs.get("relative") or len(resolved) != 10 or d.attrs.get("kind") == "duration":
            continue
        gap = ann.start - d.end if d.end <= ann.start else (d.start - ann.end) + 1
        if best is None or gap < best[0]:
            best = (gap, date.fromisoformat(resolved))
    return best[1] if best else None


def anchor_on_text(article: Article) -> int:
    """Resolve an undated, unestimated article's relative dates against the nearest absolute date in its text.

    Returns how many were resolved; they get ``dated_by: text_anchor`` and ``estimated: true``.
    """
    done = 0
    updated = []
    for ann in article.annotations:
        if ann.layer == "date" and ann.attrs.get("relative") and not ann.attrs.get("resolved"):
            anchor = _text_anchor(article, ann)
            expr = article.text[ann.start : ann.end]
            tense = local_tense(article.text, ann.start, ann.end)
            span = relative_span(expr, anchor, tense) if anchor else None
            if span is not None:
                new = dict(ann.attrs, estimated=True, range=[span.lo.isoformat(), span.hi.isoformat()])
                new.update(anchor="text", dated_by="text_anchor", weekday=span.how == "weekday")
                if span.lo == span.hi:
                    new["resolved"] = span.lo.isoformat()
                ann = replace(ann, attrs=new)
                done += 1
        updated.append(ann)
    article.annotations = updated
    return done


def parse_day(value: str, end: bool = False, today: date | None = None) -> date:
    """A date filter bound: ISO ``YYYY-MM-DD``, else whatever dateparser reads ("yesterday", "1 March 2022").

    ``end`` makes a month or year ("2022-03", "March 2022") stand for its last day. Raises
    :class:`ConfigError` for text that is no date, so a filter never silently matches nothing.
    """
    text = value.strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    from dateparser.date import DateDataParser

    base = today or date.today()
    settings = {
        "RELATIVE_BASE": datetime(base.year, base.month, base.day),
        "PREFER_DATES_FROM": "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "PREFER_DAY_OF_MONTH": "last" if end else "first",
    }
    data = DateDataParser(languages=["en"], settings=settings).get_date_data(text) if text else None
    if data is None or data.date_obj is None:
        raise ConfigError(f"cannot read {value!r} as a date: give YYYY-MM-DD, or e.g. 'yesterday', '1 March 2022'")
    day: date = data.date_obj.date()
    if end and data.period == "year":
        return date(day.year, 12, 31)
    if not end and data.period == "year":
        return date(day.year, 1, 1)
    return day
