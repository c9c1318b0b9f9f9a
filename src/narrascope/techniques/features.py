"""Sentence features: hashed word and character n-grams next to multilingual sentence embeddings.

Hashing (scikit-learn's stateless ``HashingVectorizer``, MurmurHash3) needs no stored vocabulary,
so the shipped model is only weight matrices. The dense embedding block is scaled so that both
blocks weigh in comparably in a linear model.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import HashingVectorizer


@dataclass(frozen=True)
class FeatureConfig:
    """How texts become feature vectors; stored in the model's config.json."""

    n_features: int = 2**16
    word_ngrams: tuple[int, int] = (1, 2)
    char_ngrams: tuple[int, int] = (3, 5)
    use_chars: bool = True
    embed_scale: float = 1.0
    context: bool = True

    def to_dict(self) -> dict[str, object]:
        return {
            "n_features": self.n_features,
            "word_ngrams": list(self.word_ngrams),
            "char_ngrams": list(self.char_ngrams),
            "use_chars": self.use_chars,
            "embed_scale": self.embed_scale,
            "context": self.context,
        }

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> FeatureConfig:
        words = data.get("word_ngrams", [1, 2])
        chars = data.get("char_ngrams", [3, 5])
        assert isinstance(words, list) and isinstance(chars, list)
        return cls(
            n_features=int(str(data.get("n_features", 2**16))),
            word_ngrams=(int(words[0]), int(words[1])),
            char_ngrams=(int(chars[0]), int(chars[1])),
            use_chars=bool(data.get("use_chars", True)),
            embed_scale=float(str(data.get("embed_scale", 1.0))),
            context=bool(data.get("context", False)),
        )


class Featurizer:
    """Turns sentence texts (and their embeddings) into one sparse design matrix."""

    def __init__(self, config: FeatureConfig) -> None:
        self.config = config
        self._words = HashingVectorizer(
            n_features=config.n_features,
            ngram_range=config.word_ngrams,
            alternate_sign=False,
            norm="l2",
            lowercase=True,
            token_pattern=r"(?u)\b\w[\w'-]*\b",
        )
        self._chars = HashingVectorizer(
            n_features=config.n_features,
            analyzer="char_wb",
            ngram_range=config.char_ngrams,
            alternate_sign=False,
            norm="l2",
            lowercase=True,
        )

    @property
    def dim(self) -> int:
        return self.config.n_features

    def sparse(self, texts: list[str]) -> sp.csr_matrix:
        """Hashed n-gram block: words plus (optionally) characters, summed into one space."""
        mat = self._words.transform(texts)
        if self.config.use_chars:
            mat = mat + self._chars.transform(texts)
        return sp.csr_matrix(mat, dtype=np.float32)

    def transform(
        self, texts: list[str], embeddings: np.ndarray | None, context: np.ndarray | None = None
    ) -> sp.csr_matrix:
        """Hashed block, then the scaled embedding block and the context block when given."""
        blocks = [self.sparse(texts)]
        if embeddings is not None:
            blocks.append(sp.csr_matrix(np.asarray(embeddings, dtype=np.float32) * self.config.embed_scale))
        if self.config.context:
            if context is None:
                context = np.zeros((len(texts), CONTEXT_DIM), dtype=np.float32)
            blocks.append(sp.csr_matrix(np.asarray(context, dtype=np.float32)))
        if len(blocks) == 1:
            return blocks[0]
        return sp.csr_matrix(sp.hstack(blocks, format="csr", dtype=np.float32))


_WORD = re.compile(r"\w{4,}")
CONTEXT_DIM = 4


def context_features(text: str, spans: list[tuple[int, int]]) -> np.ndarray:
    """Article-level cues per sentence: title line, position, and words repeated elsewhere.

    Repetition is a technique of the whole article (a phrase hammered home), which a sentence
    alone cannot show; the share of the sentence's longer words that recur in other sentences can.
    """
    words = [[w.lower() for w in _WORD.findall(text, s, e)] for s, e in spans]
    counts: Counter[str] = Counter()
    for ws in words:
        counts.update(set(ws))
    out = np.zeros((len(spans), CONTEXT_DIM), dtype=np.float32)
    n = max(1, len(spans))
    for i, ((start, _), ws) in enumerate(zip(spans, words, strict=True)):
        kinds = set(ws)
        repeated = [w for w in kinds if counts[w] >= 3]
        out[i, 0] = 1.0 if "\n" not in text[:start] else 0.0
        out[i, 1] = i / n
        out[i, 2] = len(repeated) / max(1, len(kinds))
        out[i, 3] = min(1.0, len(repeated) / 5)
    return out
