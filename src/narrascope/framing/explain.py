"""Evidence selection and extractive explanations grounded in the article's own sentences."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

MAX_WORDS = 80


def top_sentences(scores: np.ndarray, k: int = 3, floor: float = 0.0) -> list[int]:
    """Indices of the ``k`` best-scoring sentences (score ≥ ``floor``), in text order."""
    if scores.size == 0:
        return []
    order = [int(i) for i in np.argsort(-scores, kind="stable")[:k] if scores[int(i)] >= floor]
    return sorted(order or [int(np.argmax(scores))])


def trim_words(text: str, limit: int) -> str:
    words = text.split()
    return " ".join(words) if len(words) <= limit else " ".join(words[:limit]).rstrip(",;:") + "…"


def explanation(label_text: str, sentences: Sequence[str], max_words: int = MAX_WORDS) -> tuple[str, int]:
    """``Advances "<label>": "<s1>" "<s2>"`` cut to ``max_words`` words; returns the text and how
    many of the sentences it quotes (whole or cut)."""
    lead = f'Advances the narrative "{label_text}", e.g.'
    budget = max_words - len(lead.split())
    quoted: list[str] = []
    for sent in sentences:
        if budget <= 3:
            break
        clean = " ".join(sent.split())
        cut = trim_words(clean, budget)
        quoted.append(f'"{cut}"')
        budget -= len(cut.split())
    return " ".join([lead, *quoted]), len(quoted)
