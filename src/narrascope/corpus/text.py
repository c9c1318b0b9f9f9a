"""Text keys shared by propagation and near-duplicate detection: normalisation, shingles, winnowing.

Every key is a signed 64-bit integer so it fits an indexed SQL column on SQLite and PostgreSQL.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00ab": '"', "\u00bb": '"'})
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?", re.UNICODE)


def normalise(text: str) -> str:
    """Lower-cased words joined by single spaces: punctuation, quote style and spacing do not count."""
    return " ".join(w for w, _, _ in words(text))


def words(text: str) -> list[tuple[str, int, int]]:
    """Normalised words with their character offsets ``(word, start, end)`` in ``text``."""
    folded = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    if len(folded) != len(text):  # NFKC changed lengths: fall back to the raw text to keep offsets
        folded = text.translate(_QUOTES)
    return [(m.group().lower().replace("'", ""), m.start(), m.end()) for m in _WORD.finditer(folded)]


def key64(text: str) -> int:
    """A stable signed 64-bit hash of a string (BLAKE2b), the same on every machine and run."""
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def shingles(tokens: Sequence[tuple[str, int, int]], k: int) -> list[tuple[int, int, int]]:
    """Hashed word ``k``-grams with the character span they cover: ``(key, start, end)``."""
    if len(tokens) < k:
        return []
    return [
        (key64(" ".join(t[0] for t in tokens[i : i + k])), tokens[i][1], tokens[i + k - 1][2])
        for i in range(len(tokens) - k + 1)
    ]


def winnow(grams: Sequence[tuple[int, int, int]], window: int) -> list[tuple[int, int, int]]:
    """Winnowing fingerprints (Schleimer et al. 2003): the minimum key of every window of shingles.

    Any passage shared by two texts that is at least ``window + k - 1`` words long yields at
    least one common fingerprint, while only about ``2 / (window + 1)`` of the shingles are kept.
    """
    if len(grams) <= window:
        return [min(grams)] if grams else []
    out: list[tuple[int, int, int]] = []
    last = -1
    for i in range(len(grams) - window + 1):
        j = min(range(i, i + window), key=lambda x: (grams[x][0], -x))
        if j != last:
            out.append(grams[j])
            last = j
    return out
