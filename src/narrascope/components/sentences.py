"""Sentence and token analysis with spaCy; keeps the parsed Doc for later components."""

from __future__ import annotations

import re

from ..document import Article
from ..models.spacy_models import load_spacy
from ..pipeline import BatchFn, register
from ..settings import Settings

_LINE = re.compile(r"[^\n]+")


def sentence_spans(text: str, starts_ends: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Trim white space off each span and split it at line breaks (paragraphs never share a sentence)."""
    out = []
    for start, end in starts_ends:
        for m in _LINE.finditer(text, start, end):
            s, e = m.start(), m.end()
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                out.append((s, e))
    return out


@register("sentences", produces=("sentence", "spacy"))
def make_sentences(settings: Settings) -> BatchFn:
    """Split sentences with spaCy (English model; a sentencizer for other languages)."""
    model_name = settings.component("sentences").get("model", settings.models.spacy)

    def run(articles: list[Article]) -> None:
        english = [a for a in articles if (a.meta.get("language") or "en") == "en"]
        other = [a for a in articles if (a.meta.get("language") or "en") != "en"]
        for group, nlp in ((english, load_spacy(model_name)), (other, load_spacy("blank:xx"))):
            if not group:
                continue
            for art, doc in zip(group, nlp.pipe([a.text for a in group]), strict=True):
                art.runtime["spacy"] = doc
                spans = sentence_spans(art.text, [(s.start_char, s.end_char) for s in doc.sents])
                for start, end in spans:
                    art.add("sentence", start, end, "sentence")

    return run
