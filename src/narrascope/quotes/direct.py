"""Quotation-mark pairing: straight, curly and guillemet marks, multi-paragraph quotes.

Works on characters only (no parse), so it is fast and language-independent. A quote that is
still open at the end of a paragraph runs to that paragraph's end; when the next paragraph opens
with a quote mark, the two are chained (the typographic convention for multi-paragraph quotes).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any

OPENERS = frozenset("“„«‹")
CLOSERS = frozenset("”»›")
AMBIGUOUS = frozenset('"')
_INNER_TRIM = " \t\r\n,"
_MARK = re.compile("``|''|[\"“”„«»‹›]")
Span = tuple[int, int]


@dataclass(frozen=True)
class QuotedSpan:
    """Characters between one pair of marks: ``open`` and ``close`` are the mark offsets.

    ``close`` is ``None`` when the quote runs to the end of its paragraph unclosed;
    ``chain`` groups the paragraphs of one multi-paragraph quote (index of its first part).
    """

    open: int
    close: int | None
    start: int
    end: int
    chain: int


def _is_opening_context(text: str, i: int, width: int) -> bool:
    before = text[i - 1] if i > 0 else "\n"
    after = text[i + width] if i + width < len(text) else "\n"
    return (before.isspace() or before in "([—–-:") and not after.isspace()


def _mark_at(text: str, i: int) -> tuple[str, int] | None:
    """The kind of quote mark at ``i`` ('open', 'close', 'either') and its width, if any."""
    ch = text[i]
    if text.startswith("``", i):
        return ("open", 2)
    if text.startswith("''", i):
        return ("close" if not _is_opening_context(text, i, 2) else "either", 2)
    if ch in OPENERS:
        return ("open", 1)
    if ch in CLOSERS:
        return ("close", 1)
    if ch in AMBIGUOUS:
        return ("either", 1)
    return None


def _paragraph_quotes(text: str, p0: int, p1: int) -> list[tuple[int, int | None, int, int]]:
    """(open, close, start, end) quote spans inside one paragraph ``text[p0:p1]``."""
    out: list[tuple[int, int | None, int, int]] = []
    open_at: int | None = None
    open_w = 0
    skip_to = p0
    for hit in _MARK.finditer(text, p0, p1):
        i = hit.start()
        if i < skip_to:
            continue
        mark = _mark_at(text, i)
        if mark is None:
            continue
        kind, width = mark
        if open_at is None:
            opening = kind == "open" or _is_opening_context(text, i, width)
            if opening:
                open_at, open_w = i, width
        elif kind == "open" and _is_opening_context(text, i, width) and not _closes_here(text, i, width):
            # a new opening mark while one is open: the earlier one was never closed
            open_at, open_w = i, width
        else:
            out.append((open_at, i, open_at + open_w, i))
            open_at = None
        skip_to = i + width
    if open_at is not None:
        out.append((open_at, None, open_at + open_w, p1))
    return out


def _closes_here(text: str, i: int, width: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    return not before.isspace()


def find_quoted(text: str) -> list[QuotedSpan]:
    """All quoted spans of ``text`` in order, with edge white space and trailing commas trimmed."""
    spans: list[QuotedSpan] = []
    pos = 0
    prev_open_ended = False
    for para in text.split("\n"):
        p0, p1 = pos, pos + len(para)
        pos = p1 + 1
        found = _paragraph_quotes(text, p0, p1)
        leading = bool(found) and not text[p0 : found[0][0]].strip()
        for k, (o, c, s, e) in enumerate(found):
            s2, e2 = _trim(text, s, e)
            if e2 <= s2:
                continue
            chain = len(spans)
            if k == 0 and leading and prev_open_ended and spans:
                chain = spans[-1].chain
            spans.append(QuotedSpan(o, c, s2, e2, chain))
        if para.strip():
            prev_open_ended = bool(found) and found[-1][1] is None
    return spans


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in _INNER_TRIM:
        s += 1
    while e > s and text[e - 1] in _INNER_TRIM:
        e -= 1
    return s, e


class QuoteIndex:
    """The quoted spans of one text, searchable by position in logarithmic time (long texts hold
    thousands of quotes, and every cue candidate and speech verb asks about them)."""

    def __init__(self, quoted: list[QuotedSpan]) -> None:
        self.quoted = quoted
        self._order = sorted(range(len(quoted)), key=lambda k: quoted[k].open)
        self._opens = [quoted[k].open for k in self._order]
        self._longest = max((self.limit(q) - q.open for q in quoted), default=0)
        self._chains: dict[int, list[int]] = {}
        for k, q in enumerate(quoted):
            self._chains.setdefault(q.chain, []).append(k)

    @staticmethod
    def limit(q: QuotedSpan) -> int:
        """Where the quote ends: its closing mark, or its end when it runs on unclosed."""
        return q.close if q.close is not None else q.end

    def near(self, lo: int, hi: int) -> list[int]:
        """Indices of quotes whose marks span [lo, hi) could overlap, in text order."""
        i0 = bisect.bisect_left(self._opens, lo - self._longest - 1)
        i1 = bisect.bisect_right(self._opens, hi)
        return sorted(self._order[i0:i1])

    def inside(self, char: int) -> bool:
        """Whether ``char`` lies between a quote's marks."""
        return any(self.quoted[k].open <= char < self.limit(self.quoted[k]) for k in self.near(char, char))

    def chain(self, chain: int) -> list[int]:
        """Indices of the quotes of one chain (one quote over several paragraphs)."""
        return self._chains.get(chain, [])


def covered(span: Span, q: QuotedSpan) -> int:
    """Characters of ``span`` inside the quoted span ``q``."""
    return max(0, min(span[1], q.end) - max(span[0], q.start))


def clause_like(doc: Any, q: QuotedSpan) -> bool:
    """Whether the quoted words hold a verb (a clause, not a term or title)."""
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    return span is not None and any(t.pos_ in ("VERB", "AUX") for t in span)


def title_case(piece: str) -> bool:
    """A book, film or article title: most longer words capitalised and no final full stop."""
    words = [w for w in piece.split() if len(w) > 3 and w[0].isalpha()]
    if not words or piece.rstrip().endswith((".", "!", "?")):
        return False
    return sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def is_headline(text: str, q: QuotedSpan) -> bool:
    """Whether ``q`` sits in a title line: the first line, short, without final punctuation."""
    line_start = text.rfind("\n", 0, q.start) + 1
    line_end = text.find("\n", q.end)
    if line_start != 0 or line_end < 0 or not text[line_end:].strip():
        return False
    line = text[:line_end].strip().rstrip("\"'”’»")
    return len(line.split()) <= 20 and not line.endswith((".", "!", "?"))
