"""Transliteration-aware name keys: spelling variants of one name map to the same key.

"Zelensky"/"Zelenskyy"/"Zelenskiy", "Borrel"/"Borrell", "Mykhaylo"/"Mykhailo" and
"Kharkiv"/"Harkiv" each share a key, so the gazetteer needs no list of every spelling.
Pairs that rules cannot bridge ("Kiev"/"Kyiv", "Lugansk"/"Luhansk") are explicit aliases.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'", "‐": "-", "–": "-", "—": "-"})
_POSSESSIVE = re.compile(r"'s$")
_NON_WORD = re.compile(r"[^a-z0-9 ]+")
_LATIN = re.compile(r"[a-z0-9]")
_NON_LETTER = re.compile(r"[^\w\u0900-\u0963\u0966-\u097f]+|_")  # Devanagari vowel signs are letters here
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
#: Russian case endings and Bulgarian definite articles, longest first: a Cyrillic word's key drops
#: one of them (keeping at least three letters), so "Путина", "Путину", "Путиным" key like "Путин",
#: "России"/"Россию"/"Россией" like "Россия", "Украйната" like "Украйна" and "Кремълът" like "Кремъл".
#: Compared after :func:`fold` (which turns "й" into "и"), see :func:`_cyrillic_stem`.
_CYRILLIC_SUFFIXES = tuple(sorted((
    "ията", "ата", "ята", "ият", "ите", "ией", "ием", "ами", "ями", "ого", "его", "ому", "ему", "ыми", "ими",
    "ой", "ий", "ый", "ом", "ем", "ым", "им", "ах", "ях", "ам", "ям", "ию", "ия", "ии", "ие", "ьи", "ья", "ью",
    "ът", "ят", "а", "я", "у", "ю", "е", "и", "ы", "о", "й", "ь"
), key=len, reverse=True))
_DOUBLE = re.compile(r"([a-z])\1+")
_SPACES = re.compile(r"\s+")
# British/American and gendered spellings of title words share a key.
_SYNONYMS = {
    "defence": "defense",
    "spokeswoman": "spokesman",
    "spokesperson": "spokesman",
    "advisor": "adviser",
    "organisation": "organization",
    "programme": "program",
    "secretarygeneral": "secretary general",
}
# Ordered rewrites: Cyrillic romanisation systems disagree on these letters.
_RULES: tuple[tuple[str, str], ...] = (
    ("kh", "h"),
    ("shch", "sch"),
    ("yi", "i"),
    ("iy", "i"),
    ("yy", "i"),
    ("ij", "i"),
    ("y", "i"),
    ("j", "i"),
    ("ii", "i"),
    ("ck", "k"),
    ("w", "v"),
    ("ph", "f"),
)


def fold(text: str) -> str:
    """ASCII-fold: strip accents and unify apostrophes and dashes ("Erdoğan" -> "Erdogan")."""
    text = text.translate(_APOSTROPHES)
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_CYRILLIC_ENDINGS = tuple(dict.fromkeys(fold(e) for e in _CYRILLIC_SUFFIXES))


@lru_cache(maxsize=65536)
def word_key(word: str) -> str:
    """Key of one word: folded, lower-cased, possessive and punctuation dropped, spelling rules applied."""
    w = fold(word).lower()
    w = _POSSESSIVE.sub("", w)
    if not _LATIN.search(w):  # non-Latin script: keep its letters so names stay distinct
        w = _NON_LETTER.sub("", w)
        return _cyrillic_stem(w) if _CYRILLIC.search(w) else w
    w = _NON_WORD.sub("", w.replace("-", " "))
    w = _SYNONYMS.get(w, w)
    for old, new in _RULES:
        w = w.replace(old, new)
    return _DOUBLE.sub(r"\1", w).strip()


def _cyrillic_stem(word: str) -> str:
    for ending in _CYRILLIC_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def name_key(name: str) -> str:
    """Key of a whole name: word keys joined by single spaces ("Mykhaylo Podolyak" -> "mihailo podoliak")."""
    words = (word_key(w) for w in _SPACES.split(name.replace("-", " ").strip()))
    return " ".join(w for w in words if w)


def slugify(name: str) -> str:
    """A readable id from a name: ASCII, lower case, hyphens ("Josep Borrell" -> "josep-borrell")."""
    s = _NON_WORD.sub(" ", fold(name).lower().replace("'", ""))
    return "-".join(s.split()) or "-".join(_NON_LETTER.sub(" ", name.lower()).split()) or "x"
