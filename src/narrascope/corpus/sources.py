"""One way to read annotations from either a :class:`Store` or an iterable of Articles."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

from ..document import Article
from ..store import Store

Corpus = Store | Iterable[Article]


class Record(NamedTuple):
    """One annotation with its article's id and metadata (title, source, published)."""

    article_id: str
    meta: dict[str, Any]
    start: int
    end: int
    label: str
    attrs: dict[str, Any]
    id: str | None = None  # the annotation's id (article pages jump to it: /articles/{article_id}#{id})


def iter_layer(corpus: Corpus, layer: str) -> Iterator[Record]:
    """Every annotation of ``layer``; streams from the store without loading article texts."""
    if isinstance(corpus, Store):
        for aid, meta, ann in corpus.iter_annotations(layer):
            yield Record(aid, meta, ann.start, ann.end, ann.label, ann.attrs, ann.id)
        return
    for art in corpus:
        meta = {k: art.meta.get(k) for k in ("title", "source", "published", "language")}
        for ann in art.layer(layer):
            yield Record(art.id, meta, ann.start, ann.end, ann.label, ann.attrs, ann.id)


def iter_articles(corpus: Corpus) -> Iterator[Article]:
    """Every article (with its annotations) of a store or an iterable."""
    yield from (corpus.iter_articles() if isinstance(corpus, Store) else corpus)


def source_info(article_id: str, meta: dict[str, Any]) -> dict[str, Any]:
    """The short description of an article used in every corpus result."""
    return {
        "article_id": article_id,
        "title": meta.get("title"),
        "source": meta.get("source"),
        "published": meta.get("published"),
    }
