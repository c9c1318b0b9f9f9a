"""Decoding: empty, binary, BOMs, Latin-1 and the size limit."""

from __future__ import annotations

import pytest

from narrascope.errors import InputError
from narrascope.ingest.decode import check_size, decode


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
