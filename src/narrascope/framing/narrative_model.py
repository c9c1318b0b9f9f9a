"""Article-level narrative classifier: linear heads over document features, decoded into a
consistent two-level label set, with per-sentence evidence scores.

Consistency rules: a sub-narrative implies its narrative; every predicted narrative gets at
least one sub-narrative (its best child, possibly ``"<narrative>: Other"``); ``Other``
excludes every other label; labels of the article's other domain (war vs climate) are dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .features import HASH_DIM, LANG_CODES, doc_embedding, hasher, tfidf_sparse
from .lexical import LexicalHeads
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


@dataclass(frozen=True)
class DenseBlock:
    """One block of the dense features: ``use`` (mean ++ lead of the sentence vectors) or ``e5``
    (one document vector), scaled, and filled only for articles in ``langs`` (zeros elsewhere, so
    an encoder is run only where it reads the language); ``langs=None`` means every language."""

    name: str
    dim: int
    scale: float = 1.0
    langs: tuple[str, ...] | None = None

    def applies(self, lang: str | None) -> bool:
        return self.langs is None or (lang or "").lower()[:2] in self.langs

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "dim": self.dim, "scale": self.scale,
                "langs": list(self.langs) if self.langs is not None else None}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> DenseBlock:
        langs = d.get("langs")
        return cls(str(d["name"]), int(d["dim"]), float(d.get("scale", 1.0)),
                   tuple(str(x) for x in langs) if langs is not None else None)



#: Computes an ``e5``-style document vector for a text when a block needs one.
DocVector = Callable[[str], np.ndarray]


def default_doc_vector(text: str) -> np.ndarray:
    """The ``e5`` document vector of a text (its first 1,500 characters), computed on demand."""
    from ..models.embeddings import get_embedder

    return np.asarray(get_embedder("e5").embed([text])[0], dtype=np.float32)


def dense_features(blocks: tuple[DenseBlock, ...], lang: str | None, sent_vecs: np.ndarray | None,
                   doc_vec: np.ndarray | None, lang_bias: float = 0.0) -> np.ndarray:
    """The dense feature row of one article under ``blocks`` (see :class:`DenseBlock`), plus a
    scaled one-hot of its language when ``lang_bias`` is set (per-language label priors)."""
    parts = []
    for block in blocks:
        vec = np.zeros(block.dim, dtype=np.float32)
        if block.applies(lang):
            if block.name == "use" and sent_vecs is not None and len(sent_vecs):
                vec = doc_embedding(sent_vecs)
            elif block.name == "e5" and doc_vec is not None:
                vec = np.asarray(doc_vec, np.float32)
        parts.append(vec * block.scale)
    if lang_bias:
        onehot = np.zeros(len(LANG_CODES), dtype=np.float32)
        code = (lang or "").lower()[:2]
        if code in LANG_CODES:
            onehot[LANG_CODES.index(code)] = lang_bias
        parts.append(onehot)
    return np.asarray(np.concatenate(parts) if parts else np.zeros(0), dtype=np.float32)


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
                 domain_head: LinearHead | None = None, meta: dict[str, Any] | None = None,
                 lang_thresholds: dict[str, Thresholds] | None = None, lexical: LexicalHeads | None = None) -> None:
        self.taxonomy = taxonomy
        #: per-language lexical heads blended into the pooled probabilities (None: pooled alone)
        self.lexical = lexical
        self.head = head
        self.idf = idf
        self.thresholds = thresholds
        self.lang_thresholds = dict(lang_thresholds or {})
        self.domain_head = domain_head
        self.meta = dict(meta or {})
        self.hash_kind = str(self.meta.get("hash_kind", "word"))
        self.hash_dim = int(self.meta.get("hash_dim", HASH_DIM))
        blocks = self.meta.get("blocks")
        # models trained before dense blocks existed: USE mean ++ lead for every language
        self.blocks = (tuple(DenseBlock.from_dict(b) for b in blocks) if blocks
                       else (DenseBlock("use", int(head.w_dense.shape[1])),))
        self.lang_bias = float(self.meta.get("lang_bias", 0.0))
        self.doc_vector: DocVector = default_doc_vector
        self._hasher = hasher(self.hash_dim, self.hash_kind)
        self._index = {lab: i for i, lab in enumerate(head.labels)}

    # ---------------------------------------------------------------- features
    def hashed(self, texts: list[str]) -> Any:
        return tfidf_sparse(self._hasher.transform(texts), self.idf)

    def needs_doc_vector(self, lang: str | None) -> bool:
        """Whether scoring an article in ``lang`` runs the (slow) document encoder."""
        return any(b.name == "e5" and b.applies(lang) for b in self.blocks)

    def features(self, text: str, sent_vecs: np.ndarray, lang: str | None = None,
                 doc_vec: np.ndarray | None = None) -> tuple[np.ndarray, Any]:
        if doc_vec is None and self.needs_doc_vector(lang):
            doc_vec = self.doc_vector(text)
        return dense_features(self.blocks, lang, sent_vecs, doc_vec, self.lang_bias), self.hashed([text])

    def thresholds_for(self, lang: str | None) -> Thresholds:
        """The article language's tuned thresholds (the pooled ones for other languages)."""
        return self.lang_thresholds.get((lang or "").lower()[:2], self.thresholds)

    # ---------------------------------------------------------------- scoring
    def scores(self, text: str, sent_vecs: np.ndarray, lang: str | None = None,
               doc_vec: np.ndarray | None = None) -> tuple[np.ndarray, str | None]:
        """Per-label probabilities and the predicted domain of one article."""
        dense, hashed = self.features(text, sent_vecs, lang, doc_vec)
        probs = sigmoid(self.head.logits(dense, hashed))[0]
        domain = None
        if self.domain_head is not None:
            dom = softmax(self.domain_head.logits(dense, hashed))[0]
            domain = self.domain_head.labels[int(dom.argmax())]
        if self.lexical is not None:
            probs, domain = self.lexical.blend(probs, domain, text, lang)
        return probs, domain

    def predict(self, text: str, sent_vecs: np.ndarray, lang: str | None = None,
                doc_vec: np.ndarray | None = None) -> Prediction:
        probs, domain = self.scores(text, sent_vecs, lang, doc_vec)
        return self.decode(probs, domain, self.thresholds_for(lang))

    def decode(self, probs: np.ndarray, domain: str | None = None, thresholds: Thresholds | None = None) -> Prediction:
        """Turn label probabilities into a consistent label set (see module doc)."""
        return decode(self.taxonomy, self.head.labels, probs, domain, thresholds or self.thresholds)

    def rank(self, probs: np.ndarray, domain: str | None = None) -> Ranked:
        """The threshold-independent half of :meth:`decode` (see :func:`rank`)."""
        return rank(self.taxonomy, self.head.labels, probs, domain)

    def sentence_scores(self, sentences: list[str], sent_vecs: np.ndarray, labels: list[str],
                        lang: str | None = None) -> np.ndarray:
        """(sentences × labels) scores: each sentence run through the heads as if it were the article
        (a document-vector block stays zero: it would shift every sentence alike)."""
        if not sentences or not labels:
            return np.zeros((len(sentences), len(labels)), dtype=np.float32)
        rows = [self._index[lab] for lab in labels]
        dense = np.vstack([dense_features(self.blocks, lang, sent_vecs[i : i + 1], None, self.lang_bias)
                           for i in range(len(sentences))])
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
            "lang_thresholds": {k: v.to_dict() for k, v in self.lang_thresholds.items()},
            **self.meta,
            "blocks": [b.to_dict() for b in self.blocks],
            "lang_bias": self.lang_bias,
            **(extra or {}),
        }
        tensors = {**self.head.tensors("labels"), "idf": self.idf.astype(np.float32)}
        if self.domain_head is not None:
            tensors.update(self.domain_head.tensors("domain"))
        if self.lexical is not None:
            config["lexical"] = self.lexical.config()
            tensors.update(self.lexical.tensors())
        save_bundle(path, config, tensors)

    @classmethod
    def load(cls, path: str | Path) -> NarrativeModel:
        config, tensors = load_bundle(path)
        taxonomy = Taxonomy.from_dict(config["taxonomy"])
        head = LinearHead.from_tensors(list(config["labels"]), tensors, "labels")
        domain = LinearHead.from_tensors(list(config["domains"]), tensors, "domain") if config.get("domains") else None
        th = Thresholds(**config.get("thresholds", {}))
        per_lang = {k: Thresholds(**v) for k, v in config.get("lang_thresholds", {}).items()}
        keys = ("embedder", "hash_dim", "hash_kind", "dense_scale", "blocks", "lang_bias")
        meta: dict[str, Any] = {k: config[k] for k in keys if k in config}
        lexical = LexicalHeads.from_tensors(config["lexical"], tensors) if config.get("lexical") else None
        return cls(taxonomy, head, tensors["idf"].astype(np.float32), th, domain, meta, per_lang, lexical)


@dataclass
class Ranked:
    """The threshold-independent part of decoding one article: the narratives its domain allows,
    best first, with their evidence (own head or best child), each one's children best first, and
    the Other score. Threshold tuning ranks each article once and decodes it under every grid point."""

    narratives: list[tuple[str, float]]
    children: dict[str, list[tuple[str, float]]]
    other_p: float
    other: str | None
    domain: str | None


def rank(tax: Taxonomy, labels: list[str], probs: np.ndarray, domain: str | None) -> Ranked:
    """Scores of one article's labels in the order :func:`finish` needs them."""
    score = dict(zip(labels, np.asarray(probs, dtype=np.float64).tolist(), strict=False))

    def allowed(lab: str) -> bool:
        if domain is None:
            return True
        dom = tax.domain(lab)
        return dom is None or dom == domain

    # a narrative's evidence is its own head or its best sub-narrative head
    nars: list[tuple[str, float]] = []
    kids: dict[str, list[tuple[str, float]]] = {}
    for nar in tax.narratives:
        if nar == tax.other or nar not in score or not allowed(nar):
            continue
        mine = [(c, score[c]) for c in tax.children(nar) if c in score]
        nars.append((nar, max([score[nar], *(p for _, p in mine)])))
        kids[nar] = sorted(mine, key=lambda cp: -cp[1])
    nars.sort(key=lambda np_: -np_[1])  # stable: ties keep taxonomy order
    other_p = score.get(tax.other, 0.0) if tax.other else 0.0
    return Ranked(nars, kids, other_p, tax.other, domain)


def finish(r: Ranked, th: Thresholds) -> Prediction:
    """Apply thresholds and the consistency rules to a ranked article."""
    chosen = [(n, p) for n, p in r.narratives if p >= th.narrative]
    if not chosen and r.narratives and (r.other is None or r.narratives[0][1] > r.other_p + th.other_margin):
        chosen = [r.narratives[0]]
    if not chosen and r.other:
        return Prediction([r.other], [r.other], {r.other: r.other_p}, r.domain)
    subs: list[tuple[str, float]] = []
    for nar, _ in chosen:
        kids = r.children.get(nar, [])
        if not kids:
            continue
        picked = [cp for cp in kids if cp[1] >= th.subnarrative] or kids[:1]
        subs.extend(picked)
    out_scores = dict(chosen)
    out_scores.update(dict(subs))
    return Prediction([n for n, _ in chosen], [s for s, _ in subs], out_scores, r.domain)


def decode(tax: Taxonomy, labels: list[str], probs: np.ndarray, domain: str | None, th: Thresholds) -> Prediction:
    """Apply thresholds and the consistency rules to one article's label probabilities."""
    return finish(rank(tax, labels, probs, domain), th)
