"""Sentences with spaCy: long texts parsed piecewise and joined, sentence spans trimmed and split at lines.

Long texts are parsed in pieces of at most ``CHUNK_CHARS`` characters cut at paragraph
breaks (else after a sentence end, else at white space), and the pieces' Docs are joined
back into one Doc over the whole text, so offsets are unchanged, spaCy's ``max_length``
(1,000,000 characters) never applies, and time and memory grow linearly with the length.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from ..component_settings import SentencesSettings
from ..document import Article
from ..settings import Settings
from .spacy_models import load_spacy

_LINE = re.compile(r"[^\n]+")
CHUNK_CHARS = 50_000  # a parse piece: big enough for any normal article, small enough to stay fast
_CUTS = (re.compile(r"\n+"), re.compile(r"[.!?…][\"'”’»)]*\s+"), re.compile(r"\s+"))


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


def chunk_bounds(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """Consecutive ``[start, end)`` pieces covering ``text``, each at most ``size`` characters, cut
    after the last paragraph break in the window (else sentence end, else white space, else hard)."""
    bounds = []
    start = 0
    while len(text) - start > size:
        end = start + size
        cut = None
        for pattern in _CUTS:
            for m in pattern.finditer(text, start + size // 2, end):
                cut = m.end()  # the break stays with the piece before it
            if cut is not None:
                break
        bounds.append((start, cut or end))
        start = cut or end
    bounds.append((start, len(text)))
    return bounds


def parse(nlp: Any, texts: Sequence[str], size: int = CHUNK_CHARS) -> Iterator[Any]:
    """One spaCy Doc per text, long texts parsed piecewise and joined (same text, same offsets)."""
    from spacy.tokens import Doc

    pieces: list[str] = []
    counts: list[int] = []
    for text in texts:
        bounds = chunk_bounds(text, size)
        pieces.extend(text[start:end] for start, end in bounds)
        counts.append(len(bounds))
    docs = iter(nlp.pipe(pieces))
    for n in counts:
        parts = [next(docs) for _ in range(n)]
        yield parts[0] if n == 1 else Doc.from_docs(parts, ensure_whitespace=False)


def split_sentences(articles: list[Article], model_name: str) -> None:
    """Parse each article (English with ``model_name``, others with a sentencizer), keep the Doc in
    ``runtime["spacy"]`` and add its ``sentence`` layer."""
    english = [a for a in articles if (a.meta.get("language") or "en") == "en"]
    other = [a for a in articles if (a.meta.get("language") or "en") != "en"]
    for group, nlp in ((english, load_spacy(model_name)), (other, load_spacy("blank:xx"))):
        if not group:
            continue
        for art, doc in zip(group, parse(nlp, [a.text for a in group]), strict=True):
            art.runtime["spacy"] = doc
            for start, end in sentence_spans(art.text, [(s.start_char, s.end_char) for s in doc.sents]):
                art.add("sentence", start, end, "sentence")


def sentence_model(settings: Settings) -> str:
    """The spaCy model the ``sentences`` component uses for English: ``[components.sentences] model``,
    else ``[models] spacy``."""
    return settings.options(SentencesSettings).model or settings.models.spacy
