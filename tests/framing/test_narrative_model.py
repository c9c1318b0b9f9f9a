"""Decoding rules of the narrative model, evidence scoring and the safetensors round trip."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from narrascope.framing.linear import LinearHead
from narrascope.framing.narrative_model import NarrativeModel, Thresholds, decode
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
