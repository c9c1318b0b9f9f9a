"""Bytes to text: size limit, empty and binary detection, encoding detection."""

from __future__ import annotations

import codecs

from ..errors import InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def check_size(name: str, size: int, max_bytes: int) -> None:
    """Reject inputs over the configured limit before reading them whole."""
    if size > max_bytes:
        raise InputError(
            name, f"file is {_human(size)}, over the {_human(max_bytes)} limit (raise ingest.max_bytes or --max-bytes)"
        )


def _human(n: int) -> str:
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} bytes"


def decode(name: str, data: bytes) -> tuple[str, str]:
    """Decode bytes to text, returning ``(text, encoding)``; raises InputError for empty or binary input."""
    if not data.strip():
        raise InputError(name, "empty file")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc.replace("-sig", "")
            except UnicodeDecodeError as exc:
                raise InputError(name, f"undecodable {enc} text ({exc.reason})") from exc
    if b"\x00" in data[:8192]:
        raise InputError(name, "binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(name, "binary or undecodable file: no text encoding fits")
    text = str(best)
    if _mostly_control(text):
        raise InputError(name, "binary file (control characters), not text")
    return text, best.encoding


def _mostly_control(text: str) -> bool:
    sample = text[:4096]
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return bad > max(2, len(sample) // 50)
