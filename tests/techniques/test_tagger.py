"""Token features and span selection of the localisation tagger."""

from __future__ import annotations

import numpy as np
import pytest

from narrascope.techniques.tagger import TokenHasher, best_spans, token_features, tokenize

TEXT = "The Kiev regime, they said, is failing."


def test_tokenize_offsets() -> None:
    toks = tokenize(TEXT)
    assert [(TEXT[s:e], w) for s, e, w in toks][:4] == [
        ("The", "The"),
        ("Kiev", "Kiev"),
        ("regime", "regime"),
        (",", ","),
    ]
    assert tokenize("Western-sponsored President's", 0) == [(0, 17, "Western-sponsored"), (18, 29, "President's")]
    assert tokenize(TEXT, 4, 15) == [(4, 8, "Kiev"), (9, 15, "regime")]


def test_token_features_see_the_neighbours() -> None:
    feats = token_features(tokenize("Kiev regime"))
    assert "w=kiev" in feats[0] and "n=regime" in feats[0] and "p=<s>" in feats[0]
    assert "pw=kiev|regime" in feats[1] and "n=</s>" in feats[1]


def test_token_hasher_is_stateless() -> None:
    feats = token_features(tokenize(TEXT))
    a = TokenHasher(1024).transform(feats)
    b = TokenHasher(1024).transform(feats)
    assert a.shape == (len(feats), 1024) and (a != b).nnz == 0


# probabilities for: The Kiev regime , they said , is failing .
@pytest.mark.parametrize(
    ("probs", "expected"),
    [
        ([0.1, 0.9, 0.8, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1], ["Kiev regime"]),
        ([0.1, 0.9, 0.2, 0.9, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1], ["Kiev regime"]),  # one-token gap bridged, "," dropped
        ([0.9, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.9, 0.1], ["failing"]),  # a lone "The" is dropped
        ([0.1, 0.2, 0.3, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1], ["Kiev regime"]),  # none passes: best word and neighbours
        ([0.9] * 10, ["The Kiev regime, they said, is failing"]),
        ([0.9, 0.1, 0.3, 0.1, 0.1, 0.1, 0.1, 0.9, 0.1, 0.1], ["regime"]),  # only "The", "is": best content word
    ],
)
def test_best_spans(probs: list[float], expected: list[str]) -> None:
    toks = tokenize(TEXT)
    spans = best_spans(toks, np.array(probs), threshold=0.5, max_gap=1, keep=0.0)
    assert [TEXT[s:e] for s, e, _ in spans] == expected


def test_best_spans_of_nothing() -> None:
    assert best_spans([], np.zeros(0)) == []


@pytest.mark.parametrize(
    ("text", "probs", "expected"),
    [
        # a run ending on a determiner takes in the word it governs
        ("They swallow our land now", [0.1, 0.9, 0.8, 0.1, 0.1], ["swallow our land"]),
        # edge function words are trimmed off both ends; a leading determiner stays
        ("reduction of military activity near Kiev", [0.1, 0.9, 0.9, 0.9, 0.9, 0.1], ["military activity"]),
        ("so the Kiev regime is", [0.1, 0.9, 0.9, 0.9, 0.9], ["the Kiev regime"]),
        # a quoted word keeps its quote marks
        ("a so-called “peacekeeping” mission", [0.1, 0.1, 0.1, 0.9, 0.1, 0.1], ["“peacekeeping”"]),
        ("a so-called “peacekeeping” mission", [0.1, 0.1, 0.1, 0.9, 0.9, 0.9], ["“peacekeeping” mission"]),
    ],
)
def test_spans_start_and_end_on_content_words(text: str, probs: list[float], expected: list[str]) -> None:
    toks = tokenize(text)
    assert len(toks) == len(probs)
    assert [text[s:e] for s, e, _ in best_spans(toks, np.array(probs))] == expected


def test_keep_drops_weak_fragments() -> None:
    text = "troops withdrawn , prisoners swapped , our defenders home"
    probs = np.array([0.1, 0.6, 0.1, 0.1, 0.55, 0.1, 0.1, 0.95, 0.1])
    toks = tokenize(text)
    spans = best_spans(toks, probs, max_gap=1, keep=0.0)
    assert [text[s:e] for s, e, _ in spans] == ["withdrawn", "swapped", "defenders"]
    assert [text[s:e] for s, e, _ in best_spans(toks, probs, max_gap=1)] == ["defenders"]  # keep=0.7
    merged = best_spans(toks, probs, max_gap=4)
    assert [text[s:e] for s, e, _ in merged] == ["withdrawn , prisoners swapped , our defenders"]
