"""Plain-text cleaning that only ever drops characters, so every clean span maps back to raw.

Boilerplate lines (share buttons, comment prompts, alternate-address notices, navigation
crumbs, photo credits) and metadata lines ("Source: X", "Published: D") are dropped; runs
of blank lines shrink to one; the white space of a line is kept, so offsets into an already
clean file are the clean text's offsets. ``\\r``, zero-width characters and
control characters (ESC and the other C0/C1 controls but tab and newline) go, so no escape
sequence from an article reaches a terminal or a page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from ..document import OffsetMap, is_control

_META_LINE = re.compile(r"^(source|published|date|by|author|outlet)\s*:\s*(.{1,80})$", re.I)
_DROP_CHARS = {"\r", "\ufeff", "\u200b", "\u200c", "\u200d", "\u2060"}


@dataclass
class Cleaned:
    """The clean text, its map back to raw, and what was dropped (for metadata detection)."""

    text: str
    offsets: OffsetMap
    dropped: list[str] = field(default_factory=list)
    meta_lines: dict[str, str] = field(default_factory=dict)


@lru_cache(maxsize=16)
def _compile(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.I)


def clean_text(raw: str, boilerplate: Sequence[str] = ()) -> Cleaned:
    """Clean ``raw`` text; see the module docstring for what is dropped."""
    pattern = _compile(tuple(boilerplate))
    keep: list[tuple[int, int]] = []  # raw ranges kept, in order
    dropped: list[str] = []
    meta: dict[str, str] = {}
    pending_break: int | None = None  # raw index of a newline still to be emitted
    blank_run = False
    pos = 0
    for line in raw.splitlines(keepends=True):
        start, end = pos, pos + len(line)
        pos = end
        body_end = end - len(line) + len(line.rstrip("\r\n"))
        stripped = raw[start:body_end].strip()
        newline_at = body_end if body_end < end and raw[body_end] in "\r\n" else None
        if raw[body_end:end].startswith("\r\n"):
            newline_at = body_end + 1
        if not stripped:
            if keep and not blank_run and pending_break is not None:
                keep.append((pending_break, pending_break + 1))
                blank_run = True
            pending_break = newline_at if keep else None
            continue
        m = _META_LINE.match(stripped)
        if m or (pattern is not None and pattern.fullmatch(stripped)):
            dropped.append(stripped)
            if m:
                meta.setdefault(m.group(1).lower(), m.group(2).strip())
            continue
        if keep and pending_break is not None:
            keep.append((pending_break, pending_break + 1))
        blank_run = False
        keep.extend(_line_ranges(raw, start, body_end))
        pending_break = newline_at
    return _assemble(raw, keep, dropped, meta)


def _line_ranges(raw: str, start: int, end: int) -> list[tuple[int, int]]:
    """Kept ranges of one line: invisible characters dropped, white space kept as it is.

    Keeping white space means the offsets into an already clean file are the clean text's offsets."""
    out: list[tuple[int, int]] = []
    seg_start = start
    for i in range(start, end):
        ch = raw[i]
        if ch in _DROP_CHARS or is_control(ch):
            if i > seg_start:
                out.append((seg_start, i))
            seg_start = i + 1
    if end > seg_start:
        out.append((seg_start, end))
    return out


def _assemble(raw: str, keep: list[tuple[int, int]], dropped: list[str], meta: dict[str, str]) -> Cleaned:
    # A trailing blank-line separator is never kept; merge touching ranges into segments.
    segments: list[tuple[int, int, int]] = []
    parts: list[str] = []
    clean_pos = 0
    for a, b in keep:
        if b <= a:
            continue
        if segments and segments[-1][1] + segments[-1][2] == a:
            c0, r0, n = segments[-1]
            segments[-1] = (c0, r0, n + b - a)
        else:
            segments.append((clean_pos, a, b - a))
        parts.append(raw[a:b])
        clean_pos += b - a
    text = "".join(parts)
    while text and text[-1] in "\n":
        text = text[:-1]
        c0, r0, n = segments[-1]
        segments[-1] = (c0, r0, n - 1)
        if segments[-1][2] == 0:
            segments.pop()
    return Cleaned(text, OffsetMap(tuple(segments)), dropped, meta)
