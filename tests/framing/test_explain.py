"""Extractive explanations: word budget, quoting, evidence ranking."""

from __future__ import annotations

import numpy as np
import pytest

from narrascope.framing.explain import explanation, top_sentences, trim_words


@pytest.mark.parametrize(
    ("scores", "k", "floor", "expected"),
    [
        ([0.1, 0.9, 0.5, 0.7], 2, 0.0, [1, 3]),
        ([0.1, 0.9, 0.5, 0.7], 3, 0.6, [1, 3]),
        ([0.1, 0.2], 2, 0.5, [1]),  # nothing passes the floor: the best one still serves
        ([], 2, 0.0, []),
    ],
)
def test_top_sentences(scores: list[float], k: int, floor: float, expected: list[int]) -> None:
    assert top_sentences(np.array(scores, np.float32), k, floor) == expected


def test_trim_words() -> None:
    assert trim_words("a b c d", 10) == "a b c d"
    assert trim_words("a b, c d", 2) == "a b…"


def test_explanation_stays_within_the_word_budget() -> None:
    long = " ".join(f"w{i}" for i in range(100))
    text, used = explanation("The West is weak", ["Short one here.", long, "Never reached."], max_words=40)
    assert text.startswith('Advances the narrative "The West is weak", e.g. "Short one here."')
    assert len(text.split()) <= 40 and used == 2 and "Never" not in text
