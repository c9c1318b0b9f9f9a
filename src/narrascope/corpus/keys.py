"""Per-article reuse keys: passage and quote fingerprints, a MinHash signature, repeated passages.

Computed once per article (at indexing time) so corpus queries never re-read full texts.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np

from ..document import Article
from .text import key64, normalise, shingles, winnow, words

PASSAGE_K = 8
PASSAGE_WINDOW = 8
QUOTE_K = 4
QUOTE_WINDOW = 4
MIN_QUOTE_WORDS = 5
MIN_REPEAT_WORDS = 10
MINHASH_K = 3
NUM_PERM = 128
_SEED = 1


@dataclass(frozen=True)
class Row:
    """One key of one article: ``kind`` p (passage), q (quote), qf (quote fingerprint)."""

    article_id: str
    kind: str
    key: int
    start: int
    end: int
    data: dict[str, Any] | None = None


@dataclass
class ArticleKeys:
    """Everything the corpus queries need from one article's text."""

    article_id: str
    rows: list[Row] = field(default_factory=list)
    minhash: bytes = b""
    repeats: list[dict[str, Any]] = field(default_factory=list)


@lru_cache(maxsize=4)
def _permutations(num_perm: int) -> Any:
    """The permutation parameters, generated once (datasketch would redo it per signature)."""
    from datasketch import MinHash

    return MinHash(num_perm=num_perm, seed=_SEED, scheme="affine32").permutations


def minhash(tokens: list[str], num_perm: int = NUM_PERM) -> np.ndarray:
    """MinHash (datasketch) of the word ``MINHASH_K``-grams, as ``uint32`` values."""
    from datasketch import MinHash

    mh = MinHash(num_perm=num_perm, seed=_SEED, permutations=_permutations(num_perm), scheme="affine32")
    grams = {" ".join(tokens[i : i + MINHASH_K]) for i in range(max(1, len(tokens) - MINHASH_K + 1))}
    mh.update_batch([g.encode("utf-8") for g in grams if g])
    return np.asarray(mh.hashvalues, dtype=np.uint32)


def repeated_passages(tokens: list[tuple[str, int, int]], min_words: int = MIN_REPEAT_WORDS) -> list[dict[str, Any]]:
    """Passages of at least ``min_words`` words that occur twice or more inside one text."""
    seen: dict[int, list[int]] = defaultdict(list)
    grams = shingles(tokens, PASSAGE_K)
    for i, (key, _, _) in enumerate(grams):
        seen[key].append(i)
    pairs = sorted({(a, b) for pos in seen.values() for a in pos for b in pos if b - a >= PASSAGE_K})
    runs: list[list[int]] = []  # [first_start_idx, first_end_idx, second_start_idx, second_end_idx]
    for a, b in pairs:
        if runs and a - runs[-1][1] <= 1 and b - runs[-1][3] <= 1 and b - a == runs[-1][2] - runs[-1][0]:
            runs[-1][1], runs[-1][3] = a, b
        else:
            runs.append([a, a, b, b])
    out = []
    for a0, a1, b0, b1 in runs:
        n = a1 - a0 + PASSAGE_K
        if n < min_words:
            continue
        out.append(
            {
                "words": n,
                "spans": [[grams[a0][1], grams[a1][2]], [grams[b0][1], grams[b1][2]]],
            }
        )
    return out


def article_keys(article: Article) -> ArticleKeys:
    """Fingerprints, quote keys, MinHash and within-article repeats of one article."""
    aid = article.id
    tokens = words(article.text)
    keys = ArticleKeys(aid)
    for key, s, e in winnow(shingles(tokens, PASSAGE_K), PASSAGE_WINDOW):
        keys.rows.append(Row(aid, "p", key, s, e))
    for q in article.layer("quote"):
        qtokens = words(article.surface(q))
        if len(qtokens) < MIN_QUOTE_WORDS:
            continue
        norm = " ".join(t[0] for t in qtokens)
        data = {
            "text": norm[:600],
            "speaker": q.attrs.get("speaker"),
            "speaker_entity": q.attrs.get("speaker_entity"),
            "kind": q.attrs.get("kind"),
        }
        if q.attrs.get("parts"):
            data["parts"] = q.attrs["parts"]  # a quote in pieces: propagation shows its surface, not the hull
        keys.rows.append(Row(aid, "q", key64(norm), q.start, q.end, data))
        for key, _, _ in winnow(shingles(qtokens, QUOTE_K), QUOTE_WINDOW):
            keys.rows.append(Row(aid, "qf", key, q.start, q.end))
    keys.minhash = minhash([t[0] for t in tokens]).tobytes()
    keys.repeats = repeated_passages(tokens)
    return keys


def jaccard(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two stored MinHash signatures."""
    x, y = np.frombuffer(a, dtype=np.uint32), np.frombuffer(b, dtype=np.uint32)
    return float(np.mean(x == y)) if len(x) == len(y) and len(x) else 0.0


__all__ = ["ArticleKeys", "Row", "article_keys", "jaccard", "minhash", "normalise", "repeated_passages"]
