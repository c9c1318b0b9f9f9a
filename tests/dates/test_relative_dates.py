"""Weekdays and relative phrases resolved against one anchor day, and the tense of their clause."""

from __future__ import annotations

from datetime import date

import pytest

from narrascope.dates import RELATIVE_PHRASE, local_tense, relative_span, span_attrs

WED = date(2022, 3, 30)  # a Wednesday


@pytest.mark.parametrize(
    ("expr", "tense", "expected"),
    [
        ("Sunday", "past", ("2022-03-27", "2022-03-27", "weekday")),
        ("on Wednesday", "past", ("2022-03-30", "2022-03-30", "weekday")),
        ("last Wednesday", "past", ("2022-03-23", "2022-03-23", "weekday")),
        ("Thursday", "past", ("2022-03-24", "2022-03-24", "weekday")),
        ("Thursday", "future", ("2022-03-31", "2022-03-31", "weekday")),
        ("next Wednesday", "past", ("2022-04-06", "2022-04-06", "weekday")),
        ("Sunday morning", "past", ("2022-03-27", "2022-03-27", "weekday")),
        ("as early as Monday", "future", ("2022-04-04", "2022-04-04", "weekday")),
        ("yesterday", "past", ("2022-03-29", "2022-03-29", "relative")),
        ("tomorrow", "future", ("2022-03-31", "2022-03-31", "relative")),
        ("earlier this week", "past", ("2022-03-28", "2022-03-30", "relative")),
        ("later this week", "future", ("2022-03-30", "2022-04-03", "relative")),
        ("last week", "past", ("2022-03-21", "2022-03-27", "relative")),
        ("next week", "future", ("2022-04-04", "2022-04-10", "relative")),
        ("earlier this month", "past", ("2022-03-01", "2022-03-30", "relative")),
        ("last month", "past", ("2022-02-01", "2022-02-28", "relative")),
        ("later this month", "future", ("2022-03-30", "2022-03-31", "relative")),
        ("last year", "past", ("2021-01-01", "2021-12-31", "relative")),
        ("two days ago", "past", ("2022-03-28", "2022-03-28", "relative")),
        ("a week ago", "past", ("2022-03-23", "2022-03-23", "relative")),
        ("March 29", "past", None),
        ("the summer", "past", None),
    ],
)
def test_relative_span(expr: str, tense: str, expected: tuple[str, str, str] | None) -> None:
    span = relative_span(expr, WED, tense)
    assert (None if span is None else (span.lo.isoformat(), span.hi.isoformat(), span.how)) == expected


@pytest.mark.parametrize(
    ("lo", "hi", "resolved", "granularity"),
    [
        (date(2022, 3, 27), date(2022, 3, 27), "2022-03-27", "day"),
        (date(2022, 2, 1), date(2022, 2, 28), "2022-02", "month"),
        (date(2022, 3, 21), date(2022, 3, 27), None, "range"),
    ],
)
def test_span_attrs(lo: date, hi: date, resolved: str | None, granularity: str) -> None:
    from narrascope.dates import Span

    attrs = span_attrs(Span(lo, hi, "relative"))
    assert (attrs["resolved"], attrs["granularity"], attrs["range"]) == (
        resolved,
        granularity,
        [lo.isoformat(), hi.isoformat()],
    )


@pytest.mark.parametrize(
    ("sentence", "expr", "tense"),
    [
        ("Blinken spoke ahead of the conference, which opens on Friday, and left.", "Friday", "future"),
        ("Talks will resume on Tuesday.", "Tuesday", "future"),
        ("The envoy said on Friday he will travel to Minsk.", "Friday", "past"),
        ("The delegations met on Monday, and they will meet again.", "Monday", "past"),
        ("A Ukrainian official said the meeting could take place as early as Monday.", "as early as Monday", "future"),
    ],
)
def test_local_tense(sentence: str, expr: str, tense: str) -> None:
    start = sentence.index(expr)
    assert local_tense(sentence, start, start + len(expr)) == tense


def test_phrases_spacy_may_miss_are_found() -> None:
    text = "He spoke on Sunday morning; talks stalled earlier this week and resumed two days ago, not in March."
    assert [m.group(0) for m in RELATIVE_PHRASE.finditer(text)] == [
        "Sunday morning",
        "earlier this week",
        "two days ago",
    ]
