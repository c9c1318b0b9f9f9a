"""Per-language lexical narrative heads: hashed word n-gram TF-IDF and one-vs-rest logistic
regression trained on each language's own articles.

Why: a head trained on one language reads that language's vocabulary and label priors, which the
pooled model (one head over all languages) blurs; averaged with the pooled model's probabilities
it adds what a strong per-language TF-IDF reference gets. Stored as safetensors + JSON like the
other heads; inference is a sparse product per article, numpy only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .features import fit_idf, hasher, tfidf_sparse
from .linear import LinearHead, sigmoid

#: Pseudo-labels of the domain columns appended to every lexical head (war vs climate).
DOMAIN_COLS = ("CC", "URW")


@dataclass
class LexicalConfig:
    """Hyper-parameters of the per-language heads (chosen by cross-validation on train)."""

    c: float = 10.0
    balanced: bool = True
    hash_dim: int = 2**14
    hash_kind: str = "char"

    def to_dict(self) -> dict[str, Any]:
        return {"c": self.c, "balanced": self.balanced, "hash_dim": self.hash_dim, "hash_kind": self.hash_kind}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> LexicalConfig:
        return cls(float(d.get("c", 10.0)), bool(d.get("balanced", True)), int(d.get("hash_dim", 2**14)),
                   str(d.get("hash_kind", "char")))


@dataclass
class LexicalHead:
    """One language's head: IDF over the hashed n-grams, and label weights. Only labels seen at
    least twice in that language are stored (``rows`` indexes them in the full label list); the
    others score a constant ``floor`` probability."""

    idf: np.ndarray
    rows: np.ndarray
    head: LinearHead


class LexicalHeads:
    """The per-language heads of a model, scoring the full label list (narratives, sub-narratives,
    then the two domain columns)."""

    def __init__(self, labels: list[str], heads: dict[str, LexicalHead], cfg: LexicalConfig,
                 weights: dict[str, float] | None = None) -> None:
        self.labels = list(labels)
        self.heads = dict(heads)
        self.cfg = cfg
        #: per-language weight of these heads in the average with the pooled model
        self.weights = dict(weights or {})

    def counts(self, texts: list[str]) -> Any:
        return lexical_counts(self.cfg, texts)

    def covers(self, lang: str | None) -> bool:
        return (lang or "").lower()[:2] in self.heads

    def probs_from_counts(self, counts: Any, lang: str | None) -> np.ndarray:
        """(rows × labels) probabilities of articles in ``lang`` from their hashed counts."""
        lex = self.heads[(lang or "").lower()[:2]]
        n = counts.shape[0]
        out = np.full((n, len(self.labels)), sigmoid(np.array([-8.0], np.float32))[0], dtype=np.float32)
        x = tfidf_sparse(counts, lex.idf)
        out[:, lex.rows] = sigmoid(lex.head.logits(np.zeros((n, 0), np.float32), x))
        return out

    def probs(self, text: str, lang: str | None) -> np.ndarray:
        """The full label row (narratives, sub-narratives, domain columns) of one article."""
        return np.asarray(self.probs_from_counts(self.counts([text]), lang)[0])

    def weight(self, lang: str | None) -> float:
        """This language's weight in the blend (0 where it has no head)."""
        code = (lang or "").lower()[:2]
        return self.weights.get(code, 0.0) if code in self.heads else 0.0

    def blend(self, pooled: np.ndarray, pooled_domain: str | None, text: str,
              lang: str | None) -> tuple[np.ndarray, str | None]:
        """One article's pooled probabilities blended with its language's head, and its domain: the
        head's where it has domain columns (it reads the language's own words: 0.99 on Hindi under CV,
        against 0.90 for the pooled domain head), else the pooled one."""
        if not self.covers(lang):
            return pooled, pooled_domain
        lex = self.probs(text, lang)
        w = self.weight(lang)
        return (pooled if w <= 0 else blended(pooled, lex, w)), domains_from(lex[None, :])[0] or pooled_domain

    def tensors(self) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        for lang, lex in self.heads.items():
            out[f"lexical.{lang}.idf"] = lex.idf.astype(np.float32)
            out[f"lexical.{lang}.rows"] = lex.rows.astype(np.int32)
            out[f"lexical.{lang}.w_hash"] = lex.head.w_hash.astype(np.float16)
            out[f"lexical.{lang}.bias"] = lex.head.bias.astype(np.float32)
        return out

    def config(self) -> dict[str, Any]:
        return {**self.cfg.to_dict(), "labels": self.labels, "languages": sorted(self.heads), "weights": self.weights}

    @classmethod
    def from_tensors(cls, config: dict[str, Any], tensors: dict[str, np.ndarray]) -> LexicalHeads:
        labels = [str(x) for x in config["labels"]]
        heads = {}
        for lang in config.get("languages", []):
            rows = tensors[f"lexical.{lang}.rows"].astype(np.int64)
            w_hash = np.ascontiguousarray(tensors[f"lexical.{lang}.w_hash"], dtype=np.float32)
            head = LinearHead([labels[int(r)] for r in rows], np.zeros((len(rows), 0), np.float32), w_hash,
                              np.ascontiguousarray(tensors[f"lexical.{lang}.bias"], dtype=np.float32))
            heads[lang] = LexicalHead(tensors[f"lexical.{lang}.idf"].astype(np.float32), rows, head)
        weights = {str(k): float(v) for k, v in config.get("weights", {}).items()}
        return cls(labels, heads, LexicalConfig.from_dict(config), weights)


def lexical_counts(cfg: LexicalConfig, texts: list[str]) -> Any:
    """Hashed n-gram counts of ``texts`` under ``cfg.hash_kind`` (``words+char``: both, side by side)."""
    import scipy.sparse as sp

    kinds = cfg.hash_kind.split("+")
    return sp.hstack([hasher(cfg.hash_dim, kind).transform(texts) for kind in kinds], format="csr")


def blended(pooled: np.ndarray, lexical: np.ndarray, weight: float) -> np.ndarray:
    """``(1 - weight) * pooled + weight * lexical`` over the label columns both score."""
    n = pooled.shape[-1]
    return np.asarray((1.0 - weight) * pooled + weight * lexical[..., :n], dtype=np.float32)


def fit_lexical_head(counts: Any, y: np.ndarray, labels: list[str], cfg: LexicalConfig) -> LexicalHead:
    """Fit one language's head on its articles' hashed counts and label matrix ``y``."""
    from .fit import fit_ovr  # training-time only (scikit-learn)

    idf = fit_idf(counts)
    seen = y.sum(axis=0)
    if tuple(labels[-len(DOMAIN_COLS):]) == DOMAIN_COLS and min(seen[-len(DOMAIN_COLS):]) < 2:
        seen[-len(DOMAIN_COLS):] = 0  # a language with one domain only (or none) predicts none
    rows = np.flatnonzero(seen >= 2)
    x = tfidf_sparse(counts, idf).tocsr()
    head = fit_ovr(x, y[:, rows], [labels[int(r)] for r in rows], 0, 1.0, cfg.c, cfg.balanced)
    return LexicalHead(idf, rows, head)


def fit_lexical(counts: Any, y: np.ndarray, langs: np.ndarray, labels: list[str], cfg: LexicalConfig,
                rows: np.ndarray | None = None) -> LexicalHeads:
    """One head per language among ``rows`` (all articles when None)."""
    rows = np.arange(len(langs)) if rows is None else np.asarray(rows)
    heads = {}
    for lang in sorted(set(langs[rows].tolist())):
        mine = rows[langs[rows] == lang]
        heads[str(lang).lower()] = fit_lexical_head(counts[mine], y[mine], labels, cfg)
    return LexicalHeads(labels, heads, cfg)


def cross_validate_lexical(counts: Any, y: np.ndarray, langs: np.ndarray, labels: list[str], cfg: LexicalConfig,
                           fold: np.ndarray) -> np.ndarray:
    """Out-of-fold probabilities of every article from heads trained on its language's other folds."""
    out = np.zeros(y.shape, dtype=np.float32)
    for k in sorted(set(fold.tolist())):
        train, test = np.flatnonzero(fold != k), np.flatnonzero(fold == k)
        heads = fit_lexical(counts, y, langs, labels, cfg, train)
        for lang in sorted(set(langs[test].tolist())):
            mine = test[langs[test] == lang]
            if heads.covers(lang):
                out[mine] = heads.probs_from_counts(counts[mine], lang)
    return out


def domain_columns(docs_domains: list[str | None]) -> np.ndarray:
    """(articles × 2) 0/1 matrix of the CC / URW domain pseudo-labels."""
    return np.array([[int(d == c) for c in DOMAIN_COLS] for d in docs_domains], dtype=np.int8)


def domains_from(probs: np.ndarray) -> list[str | None]:
    """The domain whose pseudo-label column scores higher, per row (columns are the last two);
    None where neither was trained (a language whose training articles carry no domain)."""
    cols = probs[:, -2:]
    return [DOMAIN_COLS[int(row.argmax())] if row.max() > 0.01 else None for row in cols]
