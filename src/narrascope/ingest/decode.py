"""Bytes to text: size limit, empty and binary detection, encoding detection you can trust.

Order: a byte-order mark, then strict UTF-8, then the legacy encodings news files really
use, each decoded strictly and scored for plausible letters (accented Latin letters, whole
Cyrillic words, no symbols inside words). A guess whose runner-up gives a different text
with nearly the same score is *ambiguous*: the article is kept with a warning naming both
encodings (``meta["warnings"]``, printed as one line by ``analyze``), or refused when
``ingest.doubtful_encoding = "reject"``. ``ingest.encoding`` (``--encoding``) skips all of this:
:func:`forced` decodes with the codec named.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from ..errors import ConfigError, InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Legacy encodings tried after UTF-8, in order of preference when their scores tie.
CANDIDATES = ("cp1252", "iso-8859-1", "cp1251", "koi8-r", "cp1250", "iso-8859-2", "cp1253", "cp1254", "cp1257")
# The accented letters of the Latin-script languages news files come in; a right decoding
# uses one of these alphabets, a wrong one mixes letters no language uses together.
_LATIN_ALPHABETS = {
    lang: frozenset(letters)
    for lang, letters in {
        "fr": "àâæçéèêëîïôœùûüÿ",
        "de": "äöüß",
        "es": "áéíñóúü",
        "pt": "áâãàçéêíóôõú",
        "it": "àèéìíîòóù",
        "nl": "éèëïöü",
        "sv": "åäöé",
        "da": "æøåé",
        "pl": "ąćęłńóśźż",
        "cs": "áčďéěíňóřšťúůýž",
        "sk": "áäčďéíĺľňóôŕšťúýž",
        "hu": "áéíóöőúüű",
        "ro": "ăâîșțşţ",
        "hr": "čćđšž",
        "tr": "çğıöşü",
        "lt": "ąčęėįšųūž",
        "lv": "āčēģīķļņšūž",
    }.items()
}
_WORD = re.compile(r"\w+|[^\w\s]")
AMBIGUOUS_MARGIN = 0.15  # score difference below which two different decodings are ambiguous
MIN_CONFIDENCE = 0.5  # best score below which a guess is reported as doubtful


@dataclass(frozen=True)
class Decoded:
    """Decoded text with the encoding used, how sure the guess is (1.0 = certain) and any warning."""

    text: str
    encoding: str
    confidence: float = 1.0
    warning: str | None = None
    replaced: int = 0  # invalid byte sequences replaced by U+FFFD


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


def check_encoding(name: str) -> str:
    """The canonical name of a text codec (``"Latin-1"`` → ``"iso-8859-1"``); ConfigError when Python has none."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        raise ConfigError(
            f"unknown encoding {name!r} (--encoding / ingest.encoding); use a Python codec name such as "
            "utf-8, cp1252, iso-8859-1, cp1251, koi8-r or utf-16"
        ) from None
    if not getattr(info, "_is_text_encoding", True):
        raise ConfigError(f"{name!r} is not a text encoding (--encoding / ingest.encoding)")
    return re.sub(r"^iso8859-(\d+)$", r"iso-8859-\1", info.name)


def check_settings(encoding: str | None, doubtful: str) -> None:
    """Refuse an unknown ``ingest.encoding`` or ``ingest.doubtful_encoding`` before any input is read."""
    if encoding:
        check_encoding(encoding)
    if doubtful not in ("warn", "reject"):
        raise ConfigError(f"ingest.doubtful_encoding must be \"warn\" or \"reject\", got {doubtful!r}")


def forced(name: str, data: bytes, encoding: str) -> Decoded:
    """Decode with the codec the user named, strictly; a leading BOM character is dropped."""
    if not data.strip():
        raise InputError(name, "empty file")
    enc = check_encoding(encoding)
    try:
        text = data.decode(enc)
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        reason = f"not valid {enc} text: byte 0x{bad} at offset {exc.start} (--encoding {encoding})"
        raise InputError(name, reason) from exc
    if _mostly_control(text):
        raise InputError(name, f"binary file (control characters when read as {enc}), not text")
    return Decoded(text.removeprefix("\ufeff"), enc)


def decode(name: str, data: bytes) -> tuple[str, str]:
    """Decode bytes to text, returning ``(text, encoding)``; raises InputError for empty or binary input."""
    found = detect(name, data)
    return found.text, found.encoding


def detect(name: str, data: bytes) -> Decoded:
    """Decode bytes (see the module docstring); raises InputError for empty, binary or undecodable input."""
    if not data.strip():
        raise InputError(name, "empty file")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(enc), enc.replace("-sig", ""))
            except UnicodeDecodeError as exc:
                raise InputError(name, f"undecodable {enc} text ({exc.reason})") from exc
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    if b"\x00" in data[:8192]:
        raise InputError(name, "binary file (contains NUL bytes), not text")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    found = _guess(name, data)
    if _mostly_control(found.text):
        raise InputError(name, "binary file (control characters), not text")
    return found


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 text without a BOM: NUL high bytes (ASCII letters, spaces) on one side of each pair only."""
    sample = data[:4096]
    if len(sample) < 4 or len(data) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    for enc, zeros, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros > 0.1 * half and other <= 0.01 * half:
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                return None
            return None if _mostly_control(text) else Decoded(text, enc, 0.9)
    return None


def _guess(name: str, data: bytes) -> Decoded:
    """The most plausible legacy decoding, or mostly-UTF-8 with the few bad bytes replaced."""
    scored: list[tuple[float, int, str, str]] = []
    for rank, enc in enumerate(CANDIDATES):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        scored.append((plausibility(text), -rank, enc, text))
    mostly_utf8 = _mostly_utf8(data)
    if mostly_utf8 is not None:
        return mostly_utf8
    if not scored:
        raise InputError(name, "binary or undecodable file: no text encoding fits")
    scored.sort(reverse=True)
    best, _, guessed, text = scored[0]
    enc = _canonical(guessed, text)
    confidence = max(0.0, min(1.0, best))
    rivals = [s for s in scored[1:] if s[3] != text]
    warning = None
    if rivals and best - rivals[0][0] < AMBIGUOUS_MARGIN:
        warning = f"ambiguous encoding: {enc} and {rivals[0][2]} fit about equally; stored as {enc}"
        confidence = min(confidence, max(0.0, best - rivals[0][0]) / AMBIGUOUS_MARGIN / 2)
    elif best < MIN_CONFIDENCE:
        warning = f"doubtful encoding: {enc} is the best guess but few letters look right"
    return Decoded(text, enc, round(confidence, 2), warning)


def _canonical(enc: str, text: str) -> str:
    """cp1252 only when a byte 0x80–0x9F was used; otherwise the text is plain ISO-8859-1."""
    if enc == "cp1252" and all(ord(ch) <= 0xFF for ch in text):
        return "iso-8859-1"
    return enc


def _mostly_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a handful of bad bytes (a truncated file, one stray byte) beats any legacy guess."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")
    if bad and multibyte >= 4 * bad:
        warning = f"invalid UTF-8: {bad} bad byte sequence(s) replaced by U+FFFD"
        return Decoded(text, "utf-8", round(multibyte / (multibyte + bad), 2), warning, bad)
    return None


def plausibility(text: str) -> float:
    """Mean plausibility (-1..1) of the non-ASCII characters of a decoding: letters that fit their words score high."""
    tokens = [t for t in _WORD.findall(text) if not t.isascii()]
    if not tokens:
        return 1.0
    scripts = Counter(_script(c) for c in text if c.isalpha())
    dominant = scripts.most_common(1)[0][0] if scripts else "LATIN"
    accents = Counter(c.lower() for t in tokens for c in t if c.isalpha() and not c.isascii() and _script(c) == "LATIN")
    alphabet = max(_LATIN_ALPHABETS.values(), key=lambda a: sum(n for c, n in accents.items() if c in a))
    total = 0.0
    count = 0
    for token in tokens:
        for i, ch in enumerate(token):
            if not ch.isascii():
                score = _char_score(ch, token, i, dominant, alphabet)
                if score is not None:
                    count += 1
                    total += score
    return total / count if count else 1.0


def _char_score(ch: str, token: str, i: int, dominant: str, alphabet: frozenset[str]) -> float | None:
    """How well one non-ASCII character fits its word (None: neutral, like a lone quotation mark)."""
    cat = unicodedata.category(ch)
    if cat in ("Cc", "Cn", "Co"):
        return -2.0
    if not cat.startswith("L"):
        # typographic punctuation alone is fine; a symbol inside a word ("Z³rich") is mojibake
        return -1.5 if len(token) > 1 else None
    script = _script(ch)
    if any(_script(c) != script for c in token if c.isalpha()):
        return -1.5  # "coыte", "Zьrich": one word never mixes alphabets
    if script != dominant and len(token) == 1:
        return -1.0  # a lone Cyrillic "а" in Latin text was an "à"
    if not _case_fits(token, i):
        return -1.0
    shouting = ch.isupper() and len(token) > 1 and token.isupper()  # real text is mostly lower case
    if script != "LATIN":
        return 0.5 if shouting else 1.0
    if ch.lower() not in alphabet:
        return -0.5
    # Latin words carry a few accents among plain letters; "Ïðèâåò" (cp1251 read as cp1252) does not
    return 0.0 if len(token) >= 4 and not any(c.isascii() and c.isalpha() for c in token) else 1.0


def _script(ch: str) -> str:
    return "LATIN" if ch.isascii() else unicodedata.name(ch, "?").split(" ", 1)[0]


def _case_fits(token: str, i: int) -> bool:
    """A capital inside a lower-case word ("рТЙЧЕФ", KOI8-R read as cp1251) is a wrong decoding."""
    ch = token[i]
    if not ch.isupper() or i == 0:
        return True
    return not any(c.islower() for c in token[:i])


def _mostly_control(text: str) -> bool:
    sample = text[:4096]
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return bad > max(2, len(sample) // 50)
