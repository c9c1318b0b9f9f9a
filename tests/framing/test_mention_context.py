"""The second encoder's sentence vector of a role mention: which languages get it, once per
sentence, recorded in the model so inference embeds as training did (a fake encoder throughout)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from narrascope.document import Annotation, Article
from narrascope.framing.annotate import annotate_roles
from narrascope.framing.features import EmbeddingCache
from narrascope.framing.linear import LinearHead
from narrascope.framing.mention_context import SentenceContext
from narrascope.framing.role_model import RoleModel
from narrascope.framing.semeval import Doc, Mention
from narrascope.framing.taxonomy import FINE_ROLES, MAIN_ROLES
from narrascope.framing.train_roles import RoleConfig, featurise_mentions


class CountingEmbed:
    """A fake encoder: the vector of a text is [its length, 1, 0]; remembers what it was asked."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def __call__(self, texts: list[str]) -> np.ndarray:
        self.calls.append(list(texts))
        return np.array([[len(t), 1.0, 0.0] for t in texts], dtype=np.float32)


def test_vectors_only_for_the_listed_languages_and_once_per_sentence() -> None:
    embed = CountingEmbed()
    ctx = SentenceContext("fake", ("BG", "hi"), 3, 2.0, embed)
    got = ctx.vectors(["Да.", "Yes.", "Да.", "Нет!"], ["bg", "EN", "BG", None])
    assert ctx.langs == ("bg", "hi")
    assert embed.calls == [["Да."]]
    assert got.tolist() == [[6, 2, 0], [0, 0, 0], [6, 2, 0], [0, 0, 0]]


def test_no_languages_listed_means_every_language() -> None:
    ctx = SentenceContext("fake", (), 3, embed=CountingEmbed())
    assert ctx.applies("pt") and ctx.applies(None)


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ({"context_encoder": "e5", "context_langs": ["bg", "ru"], "context_dim": 384, "context_scale": 2},
         SentenceContext("e5", ("bg", "ru"), 384, 2.0)),
        ({"embedder": "use"}, None),  # a model trained without one loads unchanged
        ({"context_encoder": ""}, None),
    ],
)
def test_from_meta(meta: dict[str, object], expected: SentenceContext | None) -> None:
    assert SentenceContext.from_meta(meta) == expected


def _model(n_dense: int, meta: dict[str, Any]) -> RoleModel:
    rng = np.random.default_rng(0)
    main = LinearHead(list(MAIN_ROLES), rng.normal(size=(3, n_dense)).astype(np.float32),
                      np.zeros((3, 8), np.float32), np.zeros(3, np.float32))
    fine = LinearHead(list(FINE_ROLES), rng.normal(size=(22, n_dense)).astype(np.float32),
                      np.zeros((22, 8), np.float32), np.zeros(22, np.float32))
    return RoleModel(main, fine, np.ones(8, np.float32), 0.5, {"hash_dim": 8, **meta})


def test_a_role_model_keeps_its_context_through_save_and_load(tmp_path: Path) -> None:
    meta = SentenceContext("hashing", ("bg",), 256).meta()
    _model(4, meta).save(tmp_path)
    assert RoleModel.load(tmp_path).sentence_context == SentenceContext("hashing", ("bg",), 256)


class Recording(RoleModel):
    """Keeps the dense rows it was asked to classify."""

    seen: np.ndarray

    def predict(self, dense: np.ndarray, contexts: list[str]) -> Any:
        self.seen = dense
        return super().predict(dense, contexts)


@pytest.mark.parametrize(("lang", "gets_context"), [("bg", True), ("en", False)])
def test_annotate_roles_appends_the_sentence_vector_where_the_language_gets_one(lang: str, gets_context: bool) -> None:
    text = "Putin spoke. Zelensky answered Putin."
    art = Article(text=text, meta={"language": lang})
    art.add("sentence", 0, 12, "sentence")
    art.add("sentence", 13, len(text), "sentence")
    mentions = [Annotation("entity", 0, 5, "PERSON", {}, "e1"), Annotation("entity", 31, 36, "PERSON", {}, "e2")]
    art.annotations += mentions
    sent_vecs = np.eye(2, 4, dtype=np.float32)
    model = _model(4 + 4 + 5 + 3, {})
    embed = CountingEmbed()
    model.__class__ = Recording
    model.sentence_context = SentenceContext("fake", ("bg",), 3, embed=embed)
    annotate_roles(art, model, sent_vecs, mentions)
    tail = model.seen[:, -3:].tolist()  # type: ignore[attr-defined]
    if gets_context:
        assert embed.calls == [["Putin spoke.", "Zelensky answered Putin."]]
        assert tail == [[12, 1, 0], [24, 1, 0]]
    else:
        assert embed.calls == [] and tail == [[0, 0, 0], [0, 0, 0]]


def test_training_features_carry_the_context_columns() -> None:
    docs = [Doc("a", "Putin spoke. Then Biden.", "BG", mentions=[Mention("a", "Putin", 0, 5, "Antagonist")]),
            Doc("b", "Biden spoke.", "EN", mentions=[Mention("b", "Biden", 0, 5, "Protagonist")])]
    ctx = RoleConfig(context_encoder="hashing", context_langs=("bg",)).sentence_context()
    plain = featurise_mentions(docs, EmbeddingCache(None, "hashing"))
    feats = featurise_mentions(docs, EmbeddingCache(None, "hashing"), context=ctx)
    assert feats.dense.shape == (2, plain.dense.shape[1] + 256)
    np.testing.assert_array_equal(feats.dense[:, : plain.dense.shape[1]], plain.dense)
    assert np.count_nonzero(feats.dense[0, plain.dense.shape[1]:]) > 0
    assert np.count_nonzero(feats.dense[1, plain.dense.shape[1]:]) == 0
