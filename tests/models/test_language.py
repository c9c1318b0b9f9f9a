import pytest

from narrascope.ingest import meta
from narrascope.models.language import detect_language


def test_ingest_uses_the_shared_function() -> None:
    assert meta.detect_language is detect_language


@pytest.mark.parametrize(
    ("text", "sample", "lang"),
    [
        ("The foreign minister said the talks would resume.", 3000, "en"),
        ("ok", 3000, None),
        ("Министр заявил, что переговоры возобновятся. " + "x" * 5000, 40, "ru"),
    ],
)
def test_detect_language(text: str, sample: int, lang: str | None) -> None:
    assert detect_language(text, sample=sample) == lang


def test_min_words_zero_always_answers() -> None:
    assert isinstance(detect_language("ok", min_words=0), str)
