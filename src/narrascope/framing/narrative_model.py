"""Article-level narrative classifier: linear heads over document features, decoded into a
consistent two-level label set, with per-sentence evidence scores.

Consistency rules: a sub-narrative implies its narrative; every predicted narrative gets at
least one sub-narrative (its best child, possibly ``"<narrative>: Other"``); ``Other``
excludes every other label; labels of the article's other domain (war vs climate) are dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .features import HASH_DIM, doc_embedding, hasher, tfidf_sparse
from .linear import LinearHead, load_bundle, save_bundle, sigmoid, softmax
from .taxonomy import Taxonomy


@dataclass
class Thresholds:
    """Decision thresholds, tuned by cross-validation."""

    narrative: float = 0.3
    subnarrative: float = 0.3
    other_margin: float = 0.0

    def to_dict(self) -> dict[str, float]:
        return {"narrative": self.narrative, "subnarrative": self.subnarrative, "other_margin": self.other_margin}


@dataclass
class Prediction:
    """Decoded labels of one article with their scores."""

    narratives: list[str]
    subnarratives: list[str]
    scores: dict[str, float] = field(default_factory=dict)
    domain: str | None = None

    def ranked(self) -> list[str]:
        """Predicted labels, best first."""
        return sorted(self.narratives + self.subnarratives, key=lambda lab: -self.scores.get(lab, 0.0))


class NarrativeModel:
    """Trained narrative heads plus everything needed to featurise and decode."""

    def __init__(self, taxonomy: Taxonomy, head: LinearHead, idf: np.ndarray, thresholds: Thresholds,
                 domain_head: LinearHead | None = None, meta: dict[str, Any] | None = None) -> None:
        self.taxonomy = taxonomy
        self.head = head
        self.idf = idf
        self.thresholds = thresholds
        self.domain_head = domain_head
        self.meta = dict(meta or {})
        self.hash_kind = str(self.meta.get("hash_kind", "word"))
        self.hash_dim = int(self.meta.get("hash_dim", HASH_DIM))
        self._hasher = hasher(self.hash_dim, self.hash_kind)
        self._index = {lab: i for i, lab in enumerate(head.labels)}

    # ---------------------------------------------------------------- features
    def hashed(self, texts: list[str]) -> Any:
        return tfidf_sparse(self._hasher.transform(texts), self.idf)

    def features(self, text: str, sent_vecs: np.ndarray) -> tuple[np.ndarray, Any]:
        return doc_embedding(sent_vecs), self.hashed([text])

    # ---------------------------------------------------------------- scoring
    def scores(self, text: str, sent_vecs: np.ndarray) -> tuple[np.ndarray, str | None]:
        """Per-label probabilities and the predicted domain of one article."""
        dense, hashed = self.features(text, sent_vecs)
        probs = sigmoid(self.head.logits(dense, hashed))[0]
        domain = None
        if self.domain_head is not None:
            dom = softmax(self.domain_head.logits(dense, hashed))[0]
            domain = self.domain_head.labels[int(dom.argmax())]
        return probs, domain

    def predict(self, text: str, sent_vecs: np.ndarray) -> Prediction:
        probs, domain = self.scores(text, sent_vecs)
        return self.decode(probs, domain)

    def decode(self, probs: np.ndarray, domain: str | None = None, thresholds: Thresholds | None = None) -> Prediction:
        """Turn label probabilities into a consistent label set (see module doc)."""
        return decode(self.taxonomy, self.head.labels, probs, domain, thresholds or self.thresholds)

    def sentence_scores(self, sentences: list[str], sent_vecs: np.ndarray, labels: list[str]) -> np.ndarray:
        """(sentences × labels) scores: each sentence run through the heads as if it were the article."""
        if not sentences or not labels:
            return np.zeros((len(sentences), len(labels)), dtype=np.float32)
        rows = [self._index[lab] for lab in labels]
        dense = np.vstack([doc_embedding(sent_vecs[i : i + 1]) for i in range(len(sentences))])
        hashed = self.hashed(sentences)
        head = LinearHead([self.head.labels[r] for r in rows], self.head.w_dense[rows], self.head.w_hash[rows],
                          self.head.bias[rows])
        return sigmoid(head.logits(dense, hashed))

    # ---------------------------------------------------------------- storage
    def save(self, path: str | Path, extra: dict[str, Any] | None = None) -> None:
        config = {
            "kind": "narratives",
            "taxonomy": self.taxonomy.to_dict(),
            "labels": self.head.labels,
            "domains": self.domain_head.labels if self.domain_head else [],
            "thresholds": self.thresholds.to_dict(),
            **self.meta,
            **(extra or {}),
        }
        tensors = {**self.head.tensors("labels"), "idf": self.idf.astype(np.float32)}
        if self.domain_head is not None:
            tensors.update(self.domain_head.tensors("domain"))
        save_bundle(path, config, tensors)

    @classmethod
    def load(cls, path: str | Path) -> NarrativeModel:
        config, tensors = load_bundle(path)
        taxonomy = Taxonomy.from_dict(config["taxonomy"])
        head = LinearHead.from_tensors(list(config["labels"]), tensors, "labels")
        domain = LinearHead.from_tensors(list(config["domains"]), tensors, "domain") if config.get("domains") else None
        th = Thresholds(**config.get("thresholds", {}))
        keys = ("embedder", "hash_dim", "hash_kind", "dense_scale")
        meta: dict[str, Any] = {k: config[k] for k in keys if k in config}
        return cls(taxonomy, head, tensors["idf"].astype(np.float32), th, domain, meta)


def decode(tax: Taxonomy, labels: list[str], probs: np.ndarray, domain: str | None, th: Thresholds) -> Prediction:
    """Apply thresholds and the consistency rules to one article's label probabilities."""
    score = {lab: float(probs[i]) for i, lab in enumerate(labels)}

    def allowed(lab: str) -> bool:
        dom = tax.domain(lab)
        return domain is None or dom is None or dom == domain

    # a narrative's evidence is its own head or its best sub-narrative head
    nar_score: dict[str, float] = {}
    for nar in tax.narratives:
        if nar == tax.other or nar not in score or not allowed(nar):
            continue
        kid_scores = [score[c] for c in tax.children(nar) if c in score]
        nar_score[nar] = max([score[nar], *kid_scores])
    other_p = score.get(tax.other, 0.0) if tax.other else 0.0
    chosen = [n for n, p in nar_score.items() if p >= th.narrative]
    if not chosen:
        best = max(nar_score, key=lambda n: nar_score[n], default=None)
        if best is not None and (tax.other is None or nar_score[best] > other_p + th.other_margin):
            chosen = [best]
    if not chosen and tax.other:
        return Prediction([tax.other], [tax.other], {tax.other: other_p}, domain)
    chosen.sort(key=lambda n: -nar_score[n])
    subs: list[str] = []
    for nar in chosen:
        kids = [c for c in tax.children(nar) if c in score]
        if not kids:
            continue
        picked = [c for c in kids if score[c] >= th.subnarrative]
        if not picked:
            picked = [max(kids, key=lambda c: score[c])]
        subs.extend(sorted(picked, key=lambda c: -score[c]))
    out_scores = {n: nar_score[n] for n in chosen}
    out_scores.update({s: score[s] for s in subs})
    return Prediction(chosen, subs, out_scores, domain)
