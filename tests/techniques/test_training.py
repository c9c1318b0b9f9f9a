"""Training helpers: combined encoders are built from their parts' caches."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from narrascope.models.embeddings import HashingEmbedder
from narrascope.techniques.training import embed_texts


def test_a_combined_embedder_reuses_and_joins_its_parts(tmp_path: Path) -> None:
    texts = ["talks in Istanbul", "the regime"]
    part = embed_texts(texts, "hashing", tmp_path)
    assert len(list(tmp_path.glob("emb-hashing-*.npy"))) == 1
    both = embed_texts(texts, "hashing+hashing", tmp_path)
    np.testing.assert_allclose(both, np.hstack([part, part]) / np.sqrt(2), atol=1e-6)
    np.testing.assert_allclose(part, HashingEmbedder().embed(texts), atol=1e-6)
    assert len(list(tmp_path.glob("emb-*.npy"))) == 1  # the parts' cache only
