"""The hand-written cue lexicon: exact matches in invented sentences, and the score boost."""

from __future__ import annotations

import numpy as np
import pytest

from narrascope.techniques.lexicon import boost, matches

NAME, DOUBT, LOADED, FEAR = "Name_Calling-Labeling", "Doubt", "Loaded_Language", "Appeal_to_Fear-Prejudice"


@pytest.mark.parametrize(
    ("text", "label", "expected"),
    [
        ("Aid flows to the Kiev regime again.", NAME, ["Kiev regime"]),
        ("The regime fell and the sanctions regime stays.", NAME, []),
        ("The Western-backed government resigned.", NAME, ["Western-backed government"]),
        ("A NATO-installed puppet leader spoke.", NAME, ["NATO-installed puppet leader"]),
        ("They called it a puppet state.", NAME, ["puppet state"]),
        ("She dismissed the baseless allegations.", DOUBT, ["baseless allegations"]),
        (
            "The so-called experts disagree, and unfounded claims spread.",
            DOUBT,
            ["so-called experts", "unfounded claims"],
        ),
        ("Fanning the flames of war, the minister left.", LOADED, ["Fanning the flames of war"]),
        ("They keep pouring fuel on the fire.", LOADED, ["pouring fuel on the fire"]),
        ("He warned of a third world war.", FEAR, ["third world war"]),
        ("The talks were calm and polite.", LOADED, []),
        ("Aid flows to the Kiev regime again.", "Slogans", []),
    ],
)
def test_matches(text: str, label: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in matches(text, 0, len(text), label)] == expected


def test_matches_stay_inside_the_window() -> None:
    text = "The Kiev regime. Calm words."
    assert matches(text, 17, len(text), NAME) == []
    assert matches(text, 0, 16, NAME) == [(4, 15)]


def test_boost_raises_only_sentences_with_a_cue() -> None:
    text = "The Kiev regime spoke. Calm words."
    spans = [(0, 22), (23, 34)]
    labels = [NAME, DOUBT]
    scores = np.array([[0.1, 0.2], [0.05, 0.9]], dtype=np.float32)
    out = boost(scores, text, spans, labels, 0.5)
    np.testing.assert_allclose(out, [[0.5, 0.2], [0.05, 0.9]])
    np.testing.assert_allclose(scores, [[0.1, 0.2], [0.05, 0.9]])  # input untouched
