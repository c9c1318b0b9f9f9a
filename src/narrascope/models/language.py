"""Language identification (py3langid), shared by ingest (an article's ``meta.language``) and the
framing heads (the language of an article that has none)."""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+")


def detect_language(text: str, sample: int = 3000, min_words: int = 3) -> str | None:
    """Lower-case ISO 639-1 code of the language of ``text[:sample]``, or None when that sample
    has fewer than ``min_words`` words (``min_words=0`` always answers)."""
    head = text[:sample]
    if min_words and len(_WORD.findall(head)) < min_words:
        return None
    import py3langid

    code, _score = py3langid.classify(head)
    return str(code)
