"""Sentence spans: trimmed, never crossing a line break, English and other languages."""

from __future__ import annotations

import pytest

from narrascope.components.sentences import sentence_spans
from narrascope.document import Article
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
