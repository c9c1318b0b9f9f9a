"""The date layer: expressions resolved against the publication date, or kept unresolved."""

from __future__ import annotations

from datetime import date

import pytest

from narrascope.dates import parse_published, resolve
from narrascope.document import Article
from narrascope.pipeline import Pipeline
from narrascope.settings import Settings

MON = date(2022, 5, 23)


@pytest.mark.parametrize(
    ("expr", "base", "tense", "resolved", "granularity", "relative"),
    [
        ("Sunday", MON, "past", "2022-05-22", "day", True),
        ("Tuesday", date(2022, 5, 22), "future", "2022-05-24", "day", True),
        ("on Tuesday", date(2022, 5, 24), "past", "2022-05-24", "day", True),
        ("on May 22", date(2022, 5, 30), "past", "2022-05-22", "day", True),
        ("December 30", date(2022, 1, 5), "past", "2021-12-30", "day", True),
        ("late in March", date(2022, 5, 30), "past", "2022-03", "month", True),
        ("Last month", date(2022, 6, 15), "past", "2022-05", "month", True),
        ("yesterday", MON, "past", "2022-05-22", "day", True),
        ("in October 2022", None, "past", "2022-10", "month", False),
        ("February 24, 2022", None, "past", "2022-02-24", "day", False),
        ("2014", None, "past", "2014", "year", False),
        ("Sunday", None, "past", None, None, True),
        ("February 24", None, "past", None, None, True),
    ],
)
def test_resolve_table(
    expr: str, base: date | None, tense: str, resolved: str | None, granularity: str | None, relative: bool
) -> None:
    attrs = resolve(expr, base, tense)
    assert (attrs["resolved"], attrs["granularity"], attrs["relative"]) == (resolved, granularity, relative)


def test_durations_and_qualifiers() -> None:
    assert resolve("several years", MON)["kind"] == "duration"
    assert resolve("late February", date(2022, 5, 30))["qualifier"] == "late"
    assert parse_published("2022-05-23T10:00") == MON and parse_published("soon") is None


@pytest.mark.slow
def test_component_resolves_against_publication_date() -> None:
    text = "Lavrov spoke on Sunday. The war began on February 24, 2022. Talks will resume on Tuesday."
    art = Article(text, meta={"published": "2022-05-23", "language": "en"})
    Pipeline(Settings.load(), ["sentences", "dates"])(art)
    got = [(art.surface(a), a.attrs["resolved"]) for a in art.layer("date")]
    assert got == [("Sunday", "2022-05-22"), ("February 24, 2022", "2022-02-24"), ("Tuesday", "2022-05-24")]
    assert [art.surface(s) for s in art.layer("sentence")] == [
        "Lavrov spoke on Sunday.",
        "The war began on February 24, 2022.",
        "Talks will resume on Tuesday.",
    ]
