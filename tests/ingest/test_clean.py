"""Cleaning: boilerplate and metadata lines go, and every clean span maps back to raw."""

from __future__ import annotations

from itertools import accumulate

import pytest
from hypothesis import given
from hypothesis import strategies as st

from narrascope.document import CONTROL_CHARS
from narrascope.ingest.clean import clean_text
from narrascope.settings import Settings

BOILERPLATE = Settings().with_overrides({}).ingest.boilerplate or Settings.load().ingest.boilerplate


@pytest.mark.parametrize(
    ("raw", "clean", "dropped"),
    [
        ("Talks resumed.\nLeave a Comment\n", "Talks resumed.", ["Leave a Comment"]),
        (
            "News \u00a0 /  Europe  /  Diplomacy\n\nHeadline here\nBody.",
            "Headline here\nBody.",
            ["News \u00a0 /  Europe  /  Diplomacy"],
        ),
        ("Body.\n\n\n\nMore.\r\n", "Body.\n\nMore.", []),
        ("A  lot   of\tspace.", "A  lot   of\tspace.", []),
        (
            "Body.\nWire’s site can be accessed via these mirror domains:\n"
            "www.wire.example\nSHARE THIS ARTICLE",
            "Body.",
            [
                "Wire’s site can be accessed via these mirror domains:",
                "www.wire.example",
                "SHARE THIS ARTICLE",
            ],
        ),
        (
            "Body.\nHarbor Wire's website can also be found at the following alternative addresses\nMore.",
            "Body.\nMore.",
            ["Harbor Wire's website can also be found at the following alternative addresses"],
        ),
        ("Minister (Photo by AFP)\nBody.", "Body.", ["Minister (Photo by AFP)"]),
    ],
)
def test_cleaning_table(raw: str, clean: str, dropped: list[str]) -> None:
    result = clean_text(raw, BOILERPLATE)
    assert (result.text, result.dropped) == (clean, dropped)


def test_metadata_lines_are_read_and_dropped() -> None:
    result = clean_text("Body text.\nPublished: 2022-03-29\nSource: Harbor Wire\n", BOILERPLATE)
    assert result.text == "Body text."
    assert result.meta_lines == {"published": "2022-03-29", "source": "Harbor Wire"}


_ALPHABET = st.sampled_from(
    [*"ab .,“”\u00a0\t\r\n", "SHARE THIS ARTICLE", "Leave a Comment", "\ufeff", "Source: X"]
)


@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_every_clean_character_maps_to_the_same_raw_character(raw: str) -> None:
    result = clean_text(raw, BOILERPLATE)
    omap = result.offsets
    for i, ch in enumerate(result.text):
        assert raw[omap.to_raw(i)] == ch
    for c0, r0, n in omap.segments:
        assert raw[r0 : r0 + n] == result.text[c0 : c0 + n]
    raw_positions = [omap.to_raw(i) for i in range(len(result.text))]
    assert raw_positions == sorted(set(raw_positions))


@given(st.text(max_size=80), st.data())
def test_spans_inside_a_segment_map_back_exactly(raw: str, data: st.DataObject) -> None:
    result = clean_text(raw, BOILERPLATE)
    for c0, _r0, n in result.offsets.segments:
        start = data.draw(st.integers(c0, c0 + n - 1))
        end = data.draw(st.integers(start + 1, c0 + n))
        rs, re_ = result.offsets.span_to_raw(start, end)
        assert raw[rs:re_] == result.text[start:end]


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Red \x1b[31malert\x1b[0m here.", "Red [31malert[0m here."),
        ("a \x1b b", "a  b"),
        ("bell\x07 and NUL\x00.", "bell and NUL."),
        ("C1 \x9b2J and DEL\x7f.", "C1 2J and DEL."),
        ("\x1b\nBody.", "Body."),
        ("tab\tkept", "tab\tkept"),
    ],
)
def test_control_characters_are_dropped(raw: str, clean: str) -> None:
    result = clean_text(raw)
    assert result.text == clean
    for c0, r0, n in result.offsets.segments:
        assert raw[r0 : r0 + n] == result.text[c0 : c0 + n]


@given(st.text(max_size=120))
def test_no_control_character_survives_and_the_map_round_trips(raw: str) -> None:
    result = clean_text(raw, BOILERPLATE)
    assert not CONTROL_CHARS.search(result.text)
    rebuilt = "".join(raw[r0 : r0 + n] for _c0, r0, n in result.offsets.segments)
    assert rebuilt == result.text
    lengths = [n for _c0, _r0, n in result.offsets.segments]
    assert [c0 for c0, _r0, _n in result.offsets.segments] == [0, *accumulate(lengths)][: len(lengths)]
