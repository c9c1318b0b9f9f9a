"""Builders for tiny hand-written articles with hand-placed annotations."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from narrascope.dates import parse_published, resolve
from narrascope.document import Article

_SENT = re.compile(r"[^.!?\n]+[.!?]?")


def build_article(
    text: str,
    published: str | None = None,
    source: str | None = None,
    dates: tuple[str, ...] = (),
    entities: tuple[tuple[str, str, str, str | None], ...] = (),
    quotes: tuple[tuple[str, str | None], ...] = (),
    title: str | None = None,
) -> Article:
    """An article with sentences, and date/entity/quote annotations on the given substrings.

    ``entities`` are ``(surface, entity_id, type, affiliation)``; ``quotes`` ``(surface, speaker_id)``.
    Date attrs come from the dates component's own resolver, as the pipeline would set them.
    """
    art = Article(text=text, meta={"published": published, "source": source, "title": title})
    for m in _SENT.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        if e > s:
            art.add("sentence", s, e, "sentence")
    for expr in dates:
        start = text.index(expr)
        art.add("date", start, start + len(expr), "date", **resolve(expr, parse_published(published)))
    for surface, eid, etype, aff in entities:
        for m in re.finditer(re.escape(surface), text):
            art.add("entity", m.start(), m.end(), etype, entity_id=eid, canonical=surface, type=etype, affiliation=aff)
    for surface, speaker in quotes:
        start = text.index(surface)
        art.add("quote", start, start + len(surface), "quote", kind="direct", speaker=speaker, speaker_entity=speaker)
    return art


def joint_statement(text: str, content: str, **meta: Any) -> Article:
    """``text`` with one reported quote from ``content`` to the final stop, said by Russia and China."""
    art = Article(text=text, meta=meta)
    art.add("quote", text.index(content), len(text) - 1, "quote", kind="indirect", speaker="Russia",
            speaker_entity="russia", co_speakers=[{"entity": "china", "name": "China"}])
    return art


@pytest.fixture
def make_article() -> Callable[..., Article]:
    return build_article


def attrs_of(art: Article, layer: str) -> list[dict[str, Any]]:
    return [a.attrs for a in art.layer(layer)]
