"""The ``sentence`` layer and the parsed spaCy Doc later components use (``runtime["spacy"]``).

The parsing itself (long texts in pieces, spans trimmed and split at line breaks) is
:mod:`narrascope.models.sentences`.
"""

from __future__ import annotations

from ..document import Article
from ..models.sentences import chunk_bounds, parse, sentence_model, sentence_spans, split_sentences
from ..registry import BatchFn, register
from ..settings import Settings

__all__ = ["chunk_bounds", "make_sentences", "parse", "sentence_model", "sentence_spans"]


@register("sentences", produces=("sentence", "spacy"))
def make_sentences(settings: Settings) -> BatchFn:
    """Split sentences with spaCy (English model; a sentencizer for other languages)."""
    model_name = sentence_model(settings)

    def run(articles: list[Article]) -> None:
        split_sentences(articles, model_name)

    return run
