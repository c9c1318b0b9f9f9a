"""Sentence spans: trimmed, never crossing a line break, English and other languages."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import pytest

from narrascope.components.sentences import chunk_bounds, parse, sentence_spans
from narrascope.document import Article
from narrascope.models.spacy_models import load_spacy
from narrascope.pipeline import Pipeline
from narrascope.settings import Settings


@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        ("Hi there. ", [(0, 10)], [(0, 9)]),
        ("Headline\nBody one.", [(0, 18)], [(0, 8), (9, 18)]),
        ("  \n", [(0, 3)], []),
    ],
)
def test_sentence_spans(text: str, spans: list[tuple[int, int]], expected: list[tuple[int, int]]) -> None:
    assert sentence_spans(text, spans) == expected


@pytest.mark.slow
def test_non_english_articles_get_sentences_without_the_english_model() -> None:
    art = Article("Переговоры продолжатся. Стороны встретятся в Стамбуле.", meta={"language": "ru"})
    Pipeline(Settings.load(), ["sentences"])(art)
    assert [art.surface(s) for s in art.layer("sentence")] == [
        "Переговоры продолжатся.",
        "Стороны встретятся в Стамбуле.",
    ]


@pytest.mark.parametrize(
    ("text", "size", "pieces"),
    [
        ("One. Two.", 100, ["One. Two."]),
        ("Para one here.\nPara two here.\nPara three.", 20, ["Para one here.\n", "Para two here.\n", "Para three."]),
        ("First sentence. Second one. Third.", 20, ["First sentence. ", "Second one. Third."]),
        ("alpha beta gamma delta", 12, ["alpha beta ", "gamma delta"]),
        ("abcdefghij", 4, ["abcd", "efgh", "ij"]),
    ],
)
def test_chunk_bounds_cut_at_the_best_break(text: str, size: int, pieces: list[str]) -> None:
    bounds = chunk_bounds(text, size)
    assert [text[s:e] for s, e in bounds] == pieces
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in pairwise(bounds))


def test_a_text_longer_than_spacy_max_length_is_parsed_in_pieces_with_the_same_offsets() -> None:
    nlp = load_spacy("blank:en")
    para = "Kyiv said the talks had stalled. Moscow said they would resume soon!\n"
    text = para * 400  # 28,000 characters
    whole = nlp(text)
    old_max = nlp.max_length
    nlp.max_length = 10_000  # what a 1M-character limit is to a 5 MB text
    try:
        with pytest.raises(ValueError, match="E088"):
            nlp(text)
        (doc,) = parse(nlp, [text], size=5_000)
    finally:
        nlp.max_length = old_max
    assert doc.text == text
    assert [(t.idx, t.text) for t in doc] == [(t.idx, t.text) for t in whole]
    def spans(d: Any) -> list[tuple[int, int]]:
        return sentence_spans(text, [(s.start_char, s.end_char) for s in d.sents])

    assert spans(doc) == spans(whole) and len(spans(doc)) == 800


def test_short_texts_are_parsed_whole_in_order() -> None:
    nlp = load_spacy("blank:en")
    docs = list(parse(nlp, ["One. Two.", "x " * 30, "Three."], size=20))
    assert [d.text for d in docs] == ["One. Two.", "x " * 30, "Three."]
