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
    spans = best_spans(toks, np.array(probs), threshold=0.5)
    assert [TEXT[s:e] for s, e, _ in spans] == expected


def test_best_spans_of_nothing() -> None:
    assert best_spans([], np.zeros(0)) == []
