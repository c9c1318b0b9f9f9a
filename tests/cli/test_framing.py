"""Option parsing of the framing commands (no training here: that needs ../shared and minutes)."""

from __future__ import annotations

import pytest

from narrascope.cli.framing import _role_config
from narrascope.framing.semeval import CONTEXT_LANGS


@pytest.mark.parametrize(
    ("value", "encoder", "langs"),
    [
        ("bg,hi,ru", "e5", ("bg", "hi", "ru")),
        (" BG, ru ", "e5", ("bg", "ru")),
        ("all", "e5", ()),
        ("none", "", CONTEXT_LANGS),
    ],
)
def test_context_langs_option(value: str, encoder: str, langs: tuple[str, ...]) -> None:
    cfg = _role_config(value)
    assert (cfg.context_encoder, cfg.context_langs) == (encoder, langs)
    assert (cfg.sentence_context() is None) == (encoder == "")
