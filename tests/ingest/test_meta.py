"""Metadata: outlet from lines, footers and URLs; dates; language; titles."""

from __future__ import annotations

import pytest

from narrascope.errors import InputError
from narrascope.ingest.meta import detect_language, normalise_date, outlet_from_lines, outlet_from_url, title_from_text


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://www.presstv.ir/Detail/2023/02/17/1", "Press TV"),
        ("https://sputniknews.com/20220225/x.html", "Sputnik"),
        ("https://news.example.org/a", "news.example.org"),
        ("www.rt.com/russia/1", "RT"),
        (None, None),
    ],
)
def test_outlet_from_url(url: str | None, outlet: str | None) -> None:
    assert outlet_from_url(url) == outlet


@pytest.mark.parametrize(
    ("lines", "dropped", "outlet"),
    [
        ({"source": "Sputnik"}, [], "Sputnik"),
        ({}, ["Harbor Wire’s website can also be accessed via these mirror links:"], "Harbor Wire"),
        ({}, ["SHARE THIS ARTICLE"], None),
    ],
)
def test_outlet_from_lines(lines: dict[str, str], dropped: list[str], outlet: str | None) -> None:
    assert outlet_from_lines(lines, dropped) == outlet


@pytest.mark.parametrize(
    ("value", "iso"),
    [("2022-03-29", "2022-03-29"), ("2022-03-29T10:00:00Z", "2022-03-29"), ("29 March 2022", "2022-03-29"), ("", None)],
)
def test_normalise_date(value: str, iso: str | None) -> None:
    assert normalise_date(value) == iso


def test_unreadable_date_is_an_input_error() -> None:
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        normalise_date("sometime soon", "meta.csv")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The foreign minister said the talks would resume in Istanbul next week.", "en"),
        ("Министр иностранных дел заявил, что переговоры возобновятся на следующей неделе.", "ru"),
        ("O ministro disse que as negociações serão retomadas na próxima semana.", "pt"),
        ("ok", None),
    ],
)
def test_detect_language(text: str, lang: str | None) -> None:
    assert detect_language(text) == lang


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "Talks stall in Istanbul\nThe delegations met on Tuesday and agreed on very little at all.",
            "Talks stall in Istanbul",
        ),
        ("The delegations met on Tuesday.\nThey agreed on very little at all, officials said later.", None),
    ],
)
def test_title_from_text(text: str, title: str | None) -> None:
    assert title_from_text(text) == title
