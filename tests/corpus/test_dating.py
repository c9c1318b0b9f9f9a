"""Publication-date estimation for undated articles, with hand-computed expectations."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from narrascope.corpus.dating import Window, article_window, estimate_window, period_bounds, redate, resolve_within
from narrascope.document import Article


@pytest.mark.parametrize(
    ("iso", "qualifier", "expected"),
    [
        ("2022-03-29", None, (date(2022, 3, 29), date(2022, 3, 29))),
        ("2022-03", None, (date(2022, 3, 1), date(2022, 3, 31))),
        ("2022-03", "late", (date(2022, 3, 21), date(2022, 3, 31))),
        ("2022-02", "early", (date(2022, 2, 1), date(2022, 2, 10))),
        ("2022", None, (date(2022, 1, 1), date(2022, 12, 31))),
    ],
)
def test_period_bounds(iso: str, qualifier: str | None, expected: tuple[date, date]) -> None:
    assert period_bounds(iso, qualifier) == expected


CASES = [
    # The war (2022-02-24) enters its fourth month on Tuesday 2022-05-24: published 05-18..05-23;
    # "on May 22" (past) raises the lower bound to 05-22.
    (
        "Moscow said on Sunday it was ready. The war will mark its fourth month on Tuesday. Talks stalled on May 22.",
        ("Sunday", "May 22"),
        (date(2022, 5, 22), date(2022, 5, 23)),
    ),
    # The invasion was launched on Thursday (2022-02-24, a Thursday): published within the week after.
    (
        "Talks may begin in Minsk. The special operation was launched on Thursday by the Kremlin.",
        ("Thursday",),
        (date(2022, 2, 24), date(2022, 3, 2)),
    ),
    # A year-bearing past date is the lower bound; "January" takes the year of the last year
    # mentioned before it (2022), so it does not raise the bound; no upper bound: +180 days.
    (
        "A decree was signed in October 2022. Aid figures were published in January.",
        ("October 2022", "January"),
        (date(2022, 10, 1), date(2023, 3, 30)),
    ),
    # Year-less months with no year in sight take their first occurrence after the war began.
    (
        "The delegations met in Istanbul in late March. Contacts resumed in May.",
        ("late March", "May"),
        (date(2022, 5, 1), date(2022, 10, 28)),
    ),
]


@pytest.mark.parametrize(("text", "dates", "expected"), CASES)
def test_estimate_window(
    make_article: Callable[..., Article], text: str, dates: tuple[str, ...], expected: tuple[date, date]
) -> None:
    window = estimate_window(make_article(text, dates=dates))
    assert window is not None
    assert (window.start, window.end, window.estimated) == (*expected, True)


def test_no_evidence_gives_no_window(make_article: Callable[..., Article]) -> None:
    assert estimate_window(make_article("Officials met on Friday.", dates=("Friday",))) is None


def test_anchor_that_does_not_fit_is_ignored(make_article: Callable[..., Article]) -> None:
    # The fourth month starts on a Tuesday, not a Friday: the anchor is dropped, not bent.
    art = make_article("The war will enter its fourth month on Friday.")
    assert estimate_window(art) is None


def test_published_article_has_exact_window(make_article: Callable[..., Article]) -> None:
    art = make_article("Talks stalled on May 22.", published="2022-06-01", dates=("May 22",))
    assert article_window(art) == Window(date(2022, 6, 1), date(2022, 6, 1))
    assert redate(art) == Window(date(2022, 6, 1), date(2022, 6, 1))
    assert "dating" not in art.results


@pytest.mark.parametrize(
    ("expr", "window", "tense", "expected"),
    [
        # A window of a week: a bare weekday names the one such day inside it (Fri 2022-02-25).
        ("on Friday", (date(2022, 2, 24), date(2022, 3, 2)), "past", (date(2022, 2, 25), date(2022, 2, 25))),
        # A two-day window (Sun-Mon) holds no Friday: the latest one before it.
        ("Friday", (date(2022, 5, 22), date(2022, 5, 23)), "past", (date(2022, 5, 20), date(2022, 5, 20))),
        ("Sunday", (date(2022, 5, 22), date(2022, 5, 23)), "past", (date(2022, 5, 22), date(2022, 5, 22))),
        # Future tense: the first Tuesday on or after the window's start.
        ("Tuesday", (date(2022, 5, 22), date(2022, 5, 23)), "future", (date(2022, 5, 24), date(2022, 5, 24))),
        # A wide window keeps every Friday it can be: from the last one before it to the last inside.
        ("Friday", (date(2022, 3, 1), date(2022, 3, 31)), "past", (date(2022, 2, 25), date(2022, 3, 25))),
        ("yesterday", (date(2022, 5, 22), date(2022, 5, 23)), "past", (date(2022, 5, 21), date(2022, 5, 22))),
        # "last week" of Sunday 2022-05-22 is Mon 05-09 .. Sun 05-15.
        ("last week", (date(2022, 5, 22), date(2022, 5, 22)), "past", (date(2022, 5, 9), date(2022, 5, 15))),
        ("earlier this week", (date(2022, 5, 18), date(2022, 5, 19)), "past", (date(2022, 5, 16), date(2022, 5, 19))),
        ("last month", (date(2022, 5, 22), date(2022, 6, 2)), "past", (date(2022, 4, 1), date(2022, 5, 31))),
    ],
)
def test_resolve_within(expr: str, window: tuple[date, date], tense: str, expected: tuple[date, date]) -> None:
    assert resolve_within(expr, Window(*window, True), tense) == expected


def test_undated_article_without_window_anchors_on_a_date_in_its_text(make_article: Callable[..., Article]) -> None:
    # No year-bearing date is a lower bound here... but one absolute date is: the window uses it,
    # so take an article whose only absolute date is in the future tense (an upper bound only).
    text = "Talks were held on Monday. The summit will open on March 3, 2031."
    art = make_article(text, dates=("Monday", "March 3, 2031"))
    art.annotations = [a for a in art.annotations if a.layer != "date" or art.surface(a) == "Monday"]
    start = text.index("March 3, 2031")
    art.add("date", start, start + 13, "date", resolved="2031-03-03", relative=False, kind="point", dated_by="text")
    from narrascope.corpus.dating import anchor_on_text

    assert anchor_on_text(art) == 1
    monday = next(a for a in art.layer("date") if art.surface(a) == "Monday")
    # 2031-03-03 is a Monday; "were held on Monday" (past) is that day itself.
    assert (monday.attrs["resolved"], monday.attrs["dated_by"], monday.attrs["anchor"]) == (
        "2031-03-03",
        "text_anchor",
        "text",
    )


def test_redate_resolves_relative_dates_inside_the_window(make_article: Callable[..., Article]) -> None:
    art = make_article(CASES[0][0], dates=CASES[0][1])
    window = redate(art)
    assert window is not None
    assert art.results["dating"]["from"] == "2022-05-22" and art.results["dating"]["to"] == "2022-05-23"
    sunday = next(a for a in art.layer("date") if art.surface(a) == "Sunday")
    assert sunday.attrs["resolved"] == "2022-05-22"
    assert sunday.attrs["estimated"] is True and sunday.attrs["range"] == ["2022-05-22", "2022-05-22"]
    assert article_window(art) == Window(date(2022, 5, 22), date(2022, 5, 23), True, window.evidence)
