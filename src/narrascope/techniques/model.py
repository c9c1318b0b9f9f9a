"""The trained technique model: sentence classifier + token tagger, stored as safetensors + JSON.

Inference is numpy/scipy only: hashed features times weight matrices, a sigmoid, per-technique
thresholds (tuned by cross-validation, per language), then the tagger localises each hit.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

from ..errors import ModelError
from ..models.activations import sigmoid
from .features import CONTEXT_DIM, FeatureConfig, Featurizer, context_features
from .lexicon import boost, matches
from .tagger import TokenHasher, best_spans, token_features, tokenize

WEIGHTS = "weights.safetensors"
CONFIG = "config.json"


def default_model_dir() -> Path:
    """Where the shipped model lives inside the installed package."""
    return Path(str(resources.files("narrascope").joinpath("data/models/techniques")))


@dataclass
class TechniqueModel:
    """Weights and settings of one trained model (see :func:`load_model`)."""

    labels: list[str]
    features: FeatureConfig
    clf_w: np.ndarray  # (n_features [+ embedding dim], n_labels)
    clf_b: np.ndarray  # (n_labels,)
    tag_w: np.ndarray  # (tag_features, n_labels)
    tag_b: np.ndarray  # (n_labels,)
    thresholds: dict[str, list[float]]  # language -> per-label threshold
    embedder: str | None = "use"
    tag_threshold: float = 0.5
    lexicon_weight: float = 0.0  # > 0: hand-written cues (lexicon.py) raise scores to this and are the highlights
    meta: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._featurizer = Featurizer(self.features)
        self._hasher = TokenHasher(self.tag_w.shape[0])

    @property
    def embed_dim(self) -> int:
        extra = CONTEXT_DIM if self.features.context else 0
        return int(self.clf_w.shape[0] - self.features.n_features - extra)

    def threshold(self, language: str | None) -> np.ndarray:
        """Per-label thresholds for a language (English ones when the language has none)."""
        key = language if language in self.thresholds else "en"
        return np.asarray(self.thresholds[key], dtype=np.float32)

    def sentence_scores(self, text: str, spans: list[tuple[int, int]], embeddings: np.ndarray | None) -> np.ndarray:
        """``(n_sentences, n_labels)`` probabilities for the sentences ``text[start:end]`` of one article."""
        if not spans:
            return np.zeros((0, len(self.labels)), dtype=np.float32)
        if self.embed_dim and embeddings is None:
            raise ModelError("this technique model needs sentence embeddings; pass them or retrain without")
        context = context_features(text, spans) if self.features.context else None
        texts = [text[s:e] for s, e in spans]
        x = self._featurizer.transform(texts, embeddings if self.embed_dim else None, context)
        scores = sigmoid(np.asarray(sp.csr_matrix(x) @ self.clf_w + self.clf_b))
        if self.lexicon_weight > 0:
            scores = boost(scores, text, spans, self.labels, self.lexicon_weight)
        return scores

    def token_scores(
        self, text: str, start: int, end: int, label: int
    ) -> tuple[list[tuple[int, int, str]], np.ndarray]:
        """Tokens of ``text[start:end]`` and their probability of lying inside a span of ``label``."""
        toks = tokenize(text, start, end)
        if not toks:
            return toks, np.zeros(0, dtype=np.float32)
        x = self._hasher.transform(token_features(toks))
        logits = x @ self.tag_w[:, label].astype(np.float32) + self.tag_b[label]
        return toks, sigmoid(np.asarray(logits).ravel())

    def localise(self, text: str, start: int, end: int, label: int) -> list[tuple[int, int, float]]:
        """Tight character spans for ``label`` inside the sentence ``text[start:end]``: cues first, else the tagger."""
        if self.lexicon_weight > 0:
            cues = matches(text, start, end, self.labels[label])
            if cues:
                return [(s, e, 1.0) for s, e in cues]
        toks, probs = self.token_scores(text, start, end, label)
        return best_spans(toks, probs, self.tag_threshold)

    def save(self, directory: Path) -> None:
        """Write ``weights.safetensors`` (float16 matrices) and ``config.json``."""
        from safetensors.numpy import save_file

        directory.mkdir(parents=True, exist_ok=True)
        save_file(
            {
                "clf_w": self.clf_w.astype(np.float16),
                "clf_b": self.clf_b.astype(np.float32),
                "tag_w": self.tag_w.astype(np.float16),
                "tag_b": self.tag_b.astype(np.float32),
            },
            str(directory / WEIGHTS),
        )
        config = {
            "labels": self.labels,
            "features": self.features.to_dict(),
            "embedder": self.embedder,
            "thresholds": self.thresholds,
            "tag_threshold": self.tag_threshold,
            "lexicon_weight": self.lexicon_weight,
            "meta": self.meta,
        }
        (directory / CONFIG).write_text(json.dumps(config, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def load_model(directory: Path | None = None) -> TechniqueModel:
    """Load a model directory (default: the shipped one); raises :class:`ModelError` with the fix."""
    directory = directory or default_model_dir()
    if not (directory / WEIGHTS).is_file() or not (directory / CONFIG).is_file():
        raise ModelError(
            f"no technique model in {directory}: run `narrascope train techniques --data ../shared/data/semeval2023-t3`"
        )
    from safetensors.numpy import load_file

    tensors = load_file(str(directory / WEIGHTS))
    config = json.loads((directory / CONFIG).read_text(encoding="utf-8"))
    return TechniqueModel(
        labels=list(config["labels"]),
        features=FeatureConfig.from_dict(config["features"]),
        clf_w=tensors["clf_w"].astype(np.float32),
        clf_b=tensors["clf_b"],
        tag_w=tensors["tag_w"].astype(np.float32),
        tag_b=tensors["tag_b"],
        thresholds={k: list(v) for k, v in config["thresholds"].items()},
        embedder=config.get("embedder"),
        tag_threshold=float(config.get("tag_threshold", 0.5)),
        lexicon_weight=float(config.get("lexicon_weight", 0.0)),
        meta=dict(config.get("meta") or {}),
    )
