"""Decoding: empty, binary, BOMs, legacy encodings guessed right (or flagged), and the size limit."""

from __future__ import annotations

import pytest

from narrascope.errors import InputError
from narrascope.ingest.decode import check_size, decode, detect


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
