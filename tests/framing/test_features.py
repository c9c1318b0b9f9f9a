"""Feature helpers: sparse and dense TF-IDF agree; language one-hot; document embedding."""

from __future__ import annotations

import numpy as np
import pytest

from narrascope.framing.features import LANG_SCALE, doc_embedding, fit_idf, hasher, lang_vector, tfidf, tfidf_sparse


def test_sparse_and_dense_tfidf_agree() -> None:
    texts = ["the west prolongs the war", "peace talks in minsk", "", "war war war"]
    counts = hasher(64).transform(texts)
    idf = fit_idf(counts)
    dense = tfidf(counts, idf)
    assert np.allclose(tfidf_sparse(counts, idf).toarray(), dense, atol=1e-6)
    assert np.allclose(np.linalg.norm(dense, axis=1), [1, 1, 0, 1], atol=1e-6)


@pytest.mark.parametrize(("lang", "hot"), [("en", 0), ("HI", 4), ("ru-RU", 3), ("de", None), (None, None)])
def test_lang_vector(lang: str | None, hot: int | None) -> None:
    vec = lang_vector(lang)
    expected = np.zeros(5, np.float32)
    if hot is not None:
        expected[hot] = LANG_SCALE
    assert vec.tolist() == expected.tolist()


def test_doc_embedding_is_mean_and_lead_each_normalised() -> None:
    vecs = np.array([[1, 0], [0, 1], [0, 1], [0, 1]], np.float32)
    emb = doc_embedding(vecs, lead=1)
    assert np.allclose(emb, [0.316228, 0.948683, 1, 0], atol=1e-5)
    assert doc_embedding(np.zeros((0, 3), np.float32)).shape == (6,)


@pytest.mark.parametrize(
    ("kind", "text", "tokens"),
    [
        ("words", "यूक्रेन के राष्ट्रपति ने वार्ता।", ["यूक्रेन", "के", "राष्ट्रपति", "ने", "वार्ता"]),
        ("word", "यूक्रेन के राष्ट्रपति ने वार्ता।", ["रपत"]),  # the old tokeniser cut Hindi apart
        ("words", "Киев и Kyiv talks", ["киев", "kyiv", "talks"]),
    ],
)
def test_word_hash_kinds_tokenise(kind: str, text: str, tokens: list[str]) -> None:
    analyse = hasher(64, kind).build_analyzer()
    assert [t for t in analyse(text) if " " not in t] == tokens
