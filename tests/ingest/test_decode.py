"""Decoding: empty, binary, BOMs, legacy encodings guessed right (or flagged), and the size limit."""

from __future__ import annotations

import codecs

import pytest

from narrascope.errors import ConfigError, InputError
from narrascope.ingest.decode import Decoded, check_encoding, check_size, decode, detect, forced


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        (b"Kyiv talks", "Kyiv talks", "utf-8"),
        ("\ufeffKyiv".encode(), "Kyiv", "utf-8"),
        ("Kyiv".encode("utf-16"), "Kyiv", "utf-16"),
    ],
)
def test_decodes(data: bytes, text: str, encoding: str) -> None:
    assert decode("f", data) == (text, encoding)


def test_latin1_is_detected() -> None:
    data = "Le ministre a déclaré que la négociation était à l'arrêt, précisément à Genève.".encode("latin-1")
    text, enc = decode("f.txt", data)
    assert "déclaré" in text and "négociation" in text
    assert enc != "utf-8"


@pytest.mark.parametrize(
    ("data", "reason"),
    [(b"", "empty file"), (b"  \n\t ", "empty file"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary")],
)
def test_rejects(data: bytes, reason: str) -> None:
    with pytest.raises(InputError, match=reason) as info:
        decode("bad.bin", data)
    assert info.value.path == "bad.bin"


def test_size_limit_names_the_setting() -> None:
    check_size("ok", 10, 10)
    with pytest.raises(InputError, match=r"file is 11 bytes, over the 10 bytes limit \(raise ingest.max_bytes"):
        check_size("big.txt", 11, 10)
    with pytest.raises(InputError, match=r"6\.2 MB, over the 5\.0 MB"):
        check_size("big.txt", 6_200_000, 5_000_000)


FRENCH = "Le ministre a déclaré à Zürich que la négociation était à l'arrêt; son résumé à tout le monde."
RUSSIAN = "Президент заявил, что переговоры в Стамбуле зашли в тупик."


@pytest.mark.parametrize(
    ("text", "codec", "recorded"),
    [
        (FRENCH, "latin-1", "iso-8859-1"),
        (FRENCH, "cp1252", "iso-8859-1"),  # no byte 0x80-0x9F: the two encodings give the same text
        ("Der Außenminister sagte in München, die Gespräche seien gescheitert.", "latin-1", "iso-8859-1"),
        ("Zürich", "latin-1", "iso-8859-1"),
        ("résumé", "latin-1", "iso-8859-1"),
        ("Il a dit «à tout prix» – l’accord coûte 5 €, a précisé le négociateur à Genève.", "cp1252", "cp1252"),
        (RUSSIAN, "cp1251", "cp1251"),
        (RUSSIAN, "koi8-r", "koi8-r"),
        (
            "Prezydent powiedział, że rozmowy w Stambule utknęły w martwym punkcie; źródła mówią inaczej.",
            "cp1250",
            "cp1250",
        ),
        ("Cumhurbaşkanı, müzakerelerin İstanbul'da çıkmaza girdiğini söyledi.", "cp1254", "cp1254"),
        ("Ο πρόεδρος δήλωσε ότι οι συνομιλίες απέτυχαν.", "cp1253", "cp1253"),
        ("Kyiv said the talks had stalled.", "utf-16-le", "utf-16-le"),
        (RUSSIAN, "utf-16-be", "utf-16-be"),
    ],
)
def test_legacy_encodings_keep_the_original_characters(text: str, codec: str, recorded: str) -> None:
    found = detect("f.txt", text.encode(codec))
    assert (found.text, found.encoding, found.warning) == (text, recorded, None)


def test_an_ambiguous_guess_is_kept_with_a_warning_naming_both() -> None:
    # "à tout" alone is French in Latin-1 and Slovak ("ŕ tout") in cp1250: say so, prefer Western
    found = detect("short.txt", "à tout".encode("latin-1"))
    assert (found.text, found.encoding) == ("à tout", "iso-8859-1")
    assert found.warning == "ambiguous encoding: iso-8859-1 and cp1250 fit about equally; stored as iso-8859-1"
    assert found.confidence < 0.5


def test_mostly_utf8_with_a_stray_byte_stays_utf8_and_counts_it() -> None:
    data = "Переговоры в Стамбуле: «тупик»".encode() + b" \xff"
    found = detect("f.txt", data)
    assert (found.text, found.encoding, found.replaced) == ("Переговоры в Стамбуле: «тупик» \ufffd", "utf-8", 1)
    assert found.warning == "invalid UTF-8: 1 bad byte sequence(s) replaced by U+FFFD"


@pytest.mark.parametrize(
    ("data", "encoding", "text", "recorded"),
    [
        (FRENCH.encode("latin-1"), "Latin-1", FRENCH, "iso-8859-1"),
        ("l’accord coûte 5 €".encode("cp1252"), "cp1252", "l’accord coûte 5 €", "cp1252"),
        (RUSSIAN.encode("cp1251"), "cp1251", RUSSIAN, "cp1251"),
        (RUSSIAN.encode("koi8-r"), "KOI8-R", RUSSIAN, "koi8-r"),
        (RUSSIAN.encode("utf-16"), "utf-16", RUSSIAN, "utf-16"),
        (RUSSIAN.encode("utf-16-le"), "utf_16_le", RUSSIAN, "utf-16-le"),
        ("à tout".encode("latin-1"), "cp1250", "ŕ tout", "cp1250"),  # overrides the detector's iso-8859-1
        ("Zürich".encode(), "latin-1", "ZÃ¼rich", "iso-8859-1"),  # overrides strict UTF-8
        (RUSSIAN.encode("cp1251"), "koi8-r", RUSSIAN.encode("cp1251").decode("koi8-r"), "koi8-r"),
        (codecs.BOM_UTF8 + b"Kyiv", "utf-8", "Kyiv", "utf-8"),  # a BOM character is not text
    ],
)
def test_a_forced_encoding_decodes_as_told(data: bytes, encoding: str, text: str, recorded: str) -> None:
    assert forced("f.txt", data, encoding) == Decoded(text, recorded)


def test_a_forced_encoding_that_does_not_fit_names_the_byte() -> None:
    with pytest.raises(InputError) as info:
        forced("f.txt", b"caf\xe9 noir", "utf-8")
    reason = "not valid utf-8 text: byte 0xe9 at offset 3 (--encoding utf-8)"
    assert (info.value.path, info.value.reason) == ("f.txt", reason)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("latin-9x", "unknown encoding 'latin-9x' (--encoding / ingest.encoding); use a Python codec name such as "
         "utf-8, cp1252, iso-8859-1, cp1251, koi8-r or utf-16"),
        ("rot13", "'rot13' is not a text encoding (--encoding / ingest.encoding)"),
    ],
)
def test_an_unknown_codec_is_a_config_error(name: str, message: str) -> None:
    with pytest.raises(ConfigError) as info:
        check_encoding(name)
    assert str(info.value) == message
    assert check_encoding("Latin-1") == "iso-8859-1" and check_encoding("UTF8") == "utf-8"
