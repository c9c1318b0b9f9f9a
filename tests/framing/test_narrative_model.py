"""Decoding rules of the narrative model, evidence scoring and the safetensors round trip."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from narrascope.framing.linear import LinearHead
from narrascope.framing.narrative_model import DenseBlock, NarrativeModel, Thresholds, decode, dense_features
from narrascope.framing.taxonomy import Taxonomy

NARS = ("URW: A", "URW: B", "CC: C", "Other")
SUBS = ("URW: A: x", "URW: A: Other", "URW: B: y", "CC: C: z")
TAX = Taxonomy(NARS, SUBS, {"URW: A: x": "URW: A", "URW: A: Other": "URW: A", "URW: B: y": "URW: B",
                            "CC: C: z": "CC: C"})
LABELS = [*NARS, *SUBS]


def probs(**given: float) -> np.ndarray:
    names = {"A": "URW: A", "B": "URW: B", "C": "CC: C", "O": "Other", "Ax": "URW: A: x", "Ao": "URW: A: Other",
             "By": "URW: B: y", "Cz": "CC: C: z"}
    out = np.full(len(LABELS), 0.05, dtype=np.float32)
    for key, value in given.items():
        out[LABELS.index(names[key])] = value
    return out


@pytest.mark.parametrize(
    ("p", "domain", "expected"),
    [
        (probs(A=0.9, Ax=0.8), None, (["URW: A"], ["URW: A: x"])),
        (probs(A=0.9, Ao=0.2, Ax=0.1), None, (["URW: A"], ["URW: A: Other"])),  # best child when none passes
        (probs(O=0.9), None, (["Other"], ["Other"])),
        (probs(O=0.1, B=0.2), None, (["URW: B"], ["URW: B: y"])),  # nothing passes; best beats Other
        (probs(By=0.7), None, (["URW: B"], ["URW: B: y"])),  # a sub-narrative implies its narrative
        (probs(A=0.6, Ax=0.5, B=0.8, By=0.9), None, (["URW: B", "URW: A"], ["URW: B: y", "URW: A: x"])),
        (probs(A=0.6, Ax=0.5, C=0.9, Cz=0.9), "URW", (["URW: A"], ["URW: A: x"])),  # other domain masked
        (probs(A=0.9, Ax=0.9, O=0.95), None, (["URW: A"], ["URW: A: x"])),  # Other never joins labels
    ],
)
def test_decode_applies_the_consistency_rules(p: np.ndarray, domain: str | None,
                                              expected: tuple[list[str], list[str]]) -> None:
    pred = decode(TAX, LABELS, p, domain, Thresholds(0.3, 0.3, 0.0))
    assert (pred.narratives, pred.subnarratives) == expected
    if pred.narratives != ["Other"]:
        assert "Other" not in pred.narratives
        assert {TAX.parents[s] for s in pred.subnarratives} == set(pred.narratives)


def tiny_model(dim: int = 8, hash_dim: int = 64, seed: int = 0) -> NarrativeModel:
    rng = np.random.default_rng(seed)
    head = LinearHead(LABELS, rng.normal(size=(len(LABELS), 2 * dim)).astype(np.float32),
                      rng.normal(size=(len(LABELS), hash_dim)).astype(np.float32), np.zeros(len(LABELS), np.float32))
    dom = LinearHead(["CC", "URW"], rng.normal(size=(2, 2 * dim)).astype(np.float32),
                     np.zeros((2, hash_dim), np.float32), np.zeros(2, np.float32))
    return NarrativeModel(TAX, head, np.ones(hash_dim, np.float32), Thresholds(0.4, 0.4, 0.0), dom,
                          {"embedder": "hashing", "hash_dim": hash_dim, "hash_kind": "word"})


def test_model_round_trips_through_safetensors(tmp_path: Path) -> None:
    model = tiny_model()
    vecs = np.eye(8, dtype=np.float32)[:3]
    before = model.predict("Kyiv and NATO talk peace.", vecs)
    model.save(tmp_path / "m")
    assert sorted(p.name for p in (tmp_path / "m").iterdir()) == ["config.json", "weights.safetensors"]
    loaded = NarrativeModel.load(tmp_path / "m")
    after = loaded.predict("Kyiv and NATO talk peace.", vecs)
    assert (after.narratives, after.subnarratives, after.domain) == (before.narratives, before.subnarratives,
                                                                     before.domain)
    assert loaded.thresholds == model.thresholds and loaded.taxonomy.parents == TAX.parents


def test_sentence_scores_shape_and_ranking() -> None:
    model = tiny_model()
    vecs = np.eye(8, dtype=np.float32)[:4]
    scores = model.sentence_scores(["a b", "c d", "e f", "g h"], vecs, ["URW: A", "URW: B: y"])
    assert scores.shape == (4, 2)
    assert np.all((scores > 0) & (scores < 1))


def blocks_model(hash_dim: int = 64) -> NarrativeModel:
    """A model whose first block (USE, 4 dims) serves EN and whose second (e5, 3 dims) serves HI."""
    rng = np.random.default_rng(1)
    n_dense = 4 + 3 + 5
    head = LinearHead(LABELS, rng.normal(size=(len(LABELS), n_dense)).astype(np.float32),
                      rng.normal(size=(len(LABELS), hash_dim)).astype(np.float32), np.zeros(len(LABELS), np.float32))
    meta = {"embedder": "hashing", "hash_dim": hash_dim, "hash_kind": "words", "lang_bias": 2.0,
            "blocks": [DenseBlock("use", 4, 1.0, ("en",)).to_dict(), DenseBlock("e5", 3, 0.5, ("hi",)).to_dict()]}
    return NarrativeModel(TAX, head, np.ones(hash_dim, np.float32), Thresholds(0.4, 0.4, 0.0), None, meta,
                          {"hi": Thresholds(0.2, 0.25, 0.1)})


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", [0.6, 0.8, 0.6, 0.8, 0, 0, 0, 2.0, 0, 0, 0, 0]),  # USE mean ++ lead; no e5; EN one-hot
        ("hi", [0, 0, 0, 0, 0.5, 0, 0, 0, 0, 0, 0, 2.0]),  # e5 only (scaled); HI one-hot
        ("de", [0] * 12),  # a language no block covers
    ],
)
def test_dense_features_fill_only_the_blocks_of_the_language(lang: str, expected: list[float]) -> None:
    model = blocks_model()
    sent_vecs = np.array([[0.6, 0.8]], np.float32)
    got = dense_features(model.blocks, lang, sent_vecs, np.array([1.0, 0, 0], np.float32), model.lang_bias)
    assert np.allclose(got, expected)


def test_doc_vector_runs_only_for_languages_of_an_e5_block() -> None:
    model = blocks_model()
    calls: list[str] = []

    def fake(text: str) -> np.ndarray:
        calls.append(text)
        return np.array([0.0, 1.0, 0.0], np.float32)

    model.doc_vector = fake
    model.predict("English text.", np.ones((1, 2), np.float32), "en")
    assert calls == []
    model.predict("हिंदी पाठ", np.ones((1, 2), np.float32), "hi")
    assert calls == ["हिंदी पाठ"]
    assert (model.needs_doc_vector("hi"), model.needs_doc_vector("en")) == (True, False)


def test_per_language_thresholds_round_trip(tmp_path: Path) -> None:
    model = blocks_model()
    model.save(tmp_path / "m")
    loaded = NarrativeModel.load(tmp_path / "m")
    assert loaded.thresholds_for("hi") == Thresholds(0.2, 0.25, 0.1)
    assert loaded.thresholds_for("en") == Thresholds(0.4, 0.4, 0.0)  # pooled for the rest
    assert loaded.blocks == model.blocks and loaded.lang_bias == 2.0 and loaded.hash_kind == "words"
