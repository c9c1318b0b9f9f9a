"""The techniques component: a hand-built tiny model whose classifier fires on chosen words and
whose tagger marks chosen words, so expected spans are known exactly."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from narrascope.components.techniques import annotate, make_techniques
from narrascope.document import Article
from narrascope.errors import ModelError
from narrascope.settings import Settings
from narrascope.techniques.data import technique_names
from narrascope.techniques.features import FeatureConfig, Featurizer
from narrascope.techniques.model import TechniqueModel, load_model
from narrascope.techniques.tagger import TokenHasher

LABELS = technique_names()
NAME = LABELS.index("Name_Calling-Labeling")
DOUBT = LABELS.index("Doubt")
N, TAG_N = 2**16, 2**14


def _word_index(word: str) -> int:
    row = Featurizer(FeatureConfig(n_features=N, use_chars=False, context=False)).sparse([word])
    return int(row.indices[0])


def _tag_index(feature: str) -> int:
    return int(TokenHasher(TAG_N).transform([[feature]]).indices[0])


def tiny_model() -> TechniqueModel:
    """Name calling when "regime" or "puppet" occurs; doubt when "allegedly" does.

    The tagger puts "regime"/"puppet" and the word before them inside a name-calling span,
    and only "allegedly" inside a doubt span.
    """
    labels = len(LABELS)
    clf_w = np.zeros((N, labels), dtype=np.float32)
    clf_b = np.full(labels, -6.0, dtype=np.float32)
    clf_w[_word_index("regime"), NAME] = clf_w[_word_index("puppet"), NAME] = 40.0
    clf_w[_word_index("allegedly"), DOUBT] = 40.0
    tag_w = np.zeros((TAG_N, labels), dtype=np.float32)
    tag_b = np.full(labels, -4.0, dtype=np.float32)
    for feature in ("w=regime", "n=regime", "w=puppet", "n=puppet"):
        tag_w[_tag_index(feature), NAME] += 8.0
    tag_w[_tag_index("w=allegedly"), DOUBT] = 8.0
    return TechniqueModel(
        labels=LABELS,
        features=FeatureConfig(n_features=N, use_chars=False, context=False),
        clf_w=clf_w,
        clf_b=clf_b,
        tag_w=tag_w,
        tag_b=tag_b,
        thresholds={"en": [0.5] * labels},
        embedder=None,
    )


def _article(sentences: list[str]) -> Article:
    art = Article(" ".join(sentences))
    pos = 0
    for sent in sentences:
        art.add("sentence", pos, pos + len(sent), "sentence")
        pos += len(sent) + 1
    return art


CASES = [
    (["The Kiev regime refused."], [("Kiev regime", "Name_Calling-Labeling")]),
    (
        ["Talks went on.", "He allegedly met the puppet government."],
        [("allegedly", "Doubt"), ("the puppet", "Name_Calling-Labeling")],
    ),
    (["Nothing to see here."], []),
]


@pytest.mark.parametrize(("sentences", "expected"), CASES)
def test_annotate_gives_tight_spans(sentences: list[str], expected: list[tuple[str, str]]) -> None:
    art = _article(sentences)
    annotate(art, tiny_model(), None)
    got = [(art.surface(a), a.label) for a in art.layer("technique")]
    assert got == expected
    assert all(a.attrs["score"] > 0.99 and a.attrs["confidence"] > 0.99 for a in art.layer("technique"))


def test_spans_carry_confidence_span_score_and_sentence() -> None:
    art = _article(["Talks went on.", "The Kiev regime refused."])
    model = tiny_model()
    model.clf_b[NAME] = 0.4 - 40.0 / 7**0.5  # "regime" is 1 of 7 l2-normed 1-2-grams: logit 0.4, p = 0.599
    annotate(art, model, None)
    (span,) = art.layer("technique")
    sentence = art.layer("sentence")[1].id
    assert span.attrs == {"score": 0.599, "confidence": 0.599, "span_score": 0.982, "sentence": sentence}


def test_without_localisation_the_sentence_is_the_span() -> None:
    art = _article(["Talks went on.", "The Kiev regime refused."])
    annotate(art, tiny_model(), None, localise=False)
    assert [(art.surface(a), a.label) for a in art.layer("technique")] == [
        ("The Kiev regime refused.", "Name_Calling-Labeling")
    ]
    assert art.results["techniques"] == {"Name_Calling-Labeling": 1}


def test_threshold_offset_silences_the_model() -> None:
    art = _article(["The Kiev regime refused."])
    annotate(art, tiny_model(), None, offset=1.0)
    assert art.layer("technique") == [] and art.results["techniques"] == {}


def test_model_round_trips_through_safetensors(tmp_path: Path) -> None:
    model = tiny_model()
    model.save(tmp_path)
    loaded = load_model(tmp_path)
    text = "The Kiev regime refused. Nothing here."
    spans = [(0, 24), (25, 38)]
    assert loaded.labels == LABELS and loaded.embed_dim == 0
    got, want = loaded.sentence_scores(text, spans, None), model.sentence_scores(text, spans, None)
    np.testing.assert_allclose(got, want, atol=1e-3)
    assert got[0, NAME] > 0.99 and got[1, NAME] < 0.01


def test_a_missing_model_says_how_to_build_it(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="narrascope train techniques"):
        load_model(tmp_path)


def test_component_reads_the_model_folder_from_settings(tmp_path: Path) -> None:
    tiny_model().save(tmp_path)
    run = make_techniques(Settings.load(None, {}).with_overrides({"components.techniques.model": str(tmp_path)}))
    art = _article(["Critics allegedly lied."])
    run([art])
    assert [(art.surface(a), a.label) for a in art.layer("technique")] == [("allegedly", "Doubt")]


@pytest.mark.slow
def test_shipped_model_labels_name_calling() -> None:
    from narrascope.models.embeddings import sentence_vectors

    model = load_model()
    art = _article(["Officials said the Kiev regime and its Western-sponsored president want more weapons."])
    annotate(art, model, sentence_vectors(art, model.embedder or "use") if model.embed_dim else None)
    spans = {(art.surface(a), a.label) for a in art.layer("technique")}
    assert any(label == "Name_Calling-Labeling" and ("regime" in text or "sponsored" in text) for text, label in spans)


def test_cue_lexicon_adds_spans_the_classifier_misses() -> None:
    model = tiny_model()
    model.lexicon_weight = 0.5
    art = _article(["Fanning the flames of war, the Western-sponsored president spoke.", "The Kiev regime refused."])
    annotate(art, model, None)
    got = [(art.surface(a), a.label, a.attrs["score"]) for a in art.layer("technique")]
    assert got == [
        ("Fanning the flames of war", "Loaded_Language", 0.5),
        ("Western-sponsored president", "Name_Calling-Labeling", 0.5),
        ("Kiev regime", "Name_Calling-Labeling", 1.0),
    ]
