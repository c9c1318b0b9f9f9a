"""Cross-lingual propagation: quotes that say the same thing in different languages, linked by embedding.

Every quote of at least ``min_words`` words is embedded with a multilingual encoder (the
:class:`~narrascope.models.embeddings.Embedder` protocol, ``use`` by default); two quotes in
different languages and articles whose cosine similarity reaches ``threshold`` are linked,
and linked quotes form a group, first appearance first. Same-language reuse stays with
:func:`~narrascope.corpus.propagation.propagation`. Pairs are compared block by block, so
memory stays flat, but the work grows with the square of the number of quotes.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, NamedTuple

import numpy as np

from ..models.embeddings import Embedder
from .sources import Corpus, iter_articles, source_info
from .unionfind import UnionFind

DEFAULT_THRESHOLD = 0.6
MIN_WORDS = 5
BLOCK = 2048


class _Quote(NamedTuple):
    article_id: str
    meta: dict[str, Any]
    language: str
    start: int
    end: int
    text: str


def _quotes(corpus: Corpus, min_words: int) -> list[_Quote]:
    out = []
    for art in iter_articles(corpus):
        lang = str(art.meta.get("language") or "unknown")
        for q in art.layer("quote"):
            text = " ".join(art.surface(q).split())
            if len(text.split()) >= min_words:
                out.append(_Quote(art.id, dict(art.meta), lang, q.start, q.end, text))
    return out


def _links(vecs: np.ndarray, langs: list[str], arts: list[str], threshold: float) -> dict[tuple[int, int], float]:
    """Pairs (i < j) in different languages and articles with similarity >= threshold."""
    found: dict[tuple[int, int], float] = {}
    lang_ids = np.array([hash(x) for x in langs])
    art_ids = np.array([hash(x) for x in arts])
    for lo in range(0, len(vecs), BLOCK):
        sims = vecs[lo : lo + BLOCK] @ vecs.T
        rows, cols = np.nonzero(sims >= threshold)
        for r, c in zip(rows.tolist(), cols.tolist(), strict=True):
            i = lo + r
            if i < c and lang_ids[i] != lang_ids[c] and art_ids[i] != art_ids[c]:
                found[(i, c)] = float(sims[r, c])
    return found


def _groups(n: int, links: dict[tuple[int, int], float]) -> list[list[int]]:
    uf = UnionFind(range(n))
    for i, j in links:
        uf.union(i, j)
    return list(uf.groups({k for pair in links for k in pair}).values())


def _once_per_passage(idx: list[int], quotes: list[_Quote]) -> list[int]:
    """Of overlapping quotes in one article (a quote and one nested in it) the longest stays."""
    kept: list[int] = []
    for i in sorted(idx, key=lambda i: (quotes[i].start - quotes[i].end, i)):
        q = quotes[i]
        if not any(
            quotes[k].article_id == q.article_id and quotes[k].start < q.end and q.start < quotes[k].end for k in kept
        ):
            kept.append(i)
    return kept


def crosslingual(
    corpus: Corpus,
    embedder: Embedder | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    min_words: int = MIN_WORDS,
    limit: int | None = 100,
) -> list[dict[str, Any]]:
    """Groups of quotes linked across languages, the most widely carried first.

    Each group has ``languages``, ``n_articles``, ``outlets``, ``score`` (its weakest link) and
    the ``chain`` of its quotes in date order, each with ``similarity`` (its best link) and the
    article's own wording (a quote nested in a longer one of the same article shows once).
    """
    quotes = _quotes(corpus, min_words)
    if len({q.language for q in quotes}) < 2:
        return []
    if embedder is None:
        from ..models.embeddings import get_embedder

        embedder = get_embedder("use")
    vecs = np.asarray(embedder.embed([q.text for q in quotes]), dtype=np.float32)
    links = _links(vecs, [q.language for q in quotes], [q.article_id for q in quotes], threshold)
    best: dict[int, float] = defaultdict(float)
    for (i, j), s in links.items():
        best[i], best[j] = max(best[i], s), max(best[j], s)
    out = []
    for idx in _groups(len(quotes), links):
        members = sorted(
            _once_per_passage(idx, quotes),
            key=lambda i: (str(quotes[i].meta.get("published") or "9999"), quotes[i].article_id),
        )
        inside = set(idx)
        scores = [s for (i, _), s in links.items() if i in inside]
        chain = [
            {
                **source_info(quotes[i].article_id, quotes[i].meta),
                "language": quotes[i].language,
                "start": quotes[i].start,
                "end": quotes[i].end,
                "text": quotes[i].text[:300],
                "similarity": round(best[i], 3),
            }
            for i in members
        ]
        out.append(
            {
                "text": chain[0]["text"],
                "languages": sorted({c["language"] for c in chain}),
                "n_articles": len({c["article_id"] for c in chain}),
                "outlets": sorted({str(c["source"]) for c in chain if c["source"]}),
                "score": round(min(scores), 3),
                "first": chain[0],
                "chain": chain,
            }
        )
    out.sort(key=lambda g: (-len(g["languages"]), -g["n_articles"], -g["score"], g["first"]["article_id"]))
    return out[:limit] if limit is not None else out
