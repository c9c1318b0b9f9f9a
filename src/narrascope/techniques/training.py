"""Training: sentence units from the SemEval-2023 release, the classifier, the tagger, thresholds.

Sentences come from the same ``sentences`` component the pipeline runs, so training and inference
see identical units. A sentence is labelled with every technique whose gold span overlaps it;
a paragraph's score for a technique is the maximum over its sentences.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from ..document import Article
from ..models.embeddings import get_embedder, join_vectors
from ..settings import Settings
from .data import Document
from .features import CONTEXT_DIM, FeatureConfig, Featurizer, context_features
from .tagger import TokenHasher, token_features, tokenize

Log = Callable[[str], None]


@dataclass
class Units:
    """Sentence units of a corpus: text, owning document and paragraph, gold labels."""

    texts: list[str]
    spans: list[tuple[int, int]]
    doc: np.ndarray  # index into the document list
    paragraph: np.ndarray  # 1-based paragraph (line) number
    y: np.ndarray  # (n, n_labels) bool, from overlapping gold spans
    context: np.ndarray  # (n, CONTEXT_DIM) article-level cues (see features.context_features)


def split_sentences(docs: list[Document], batch: int = 32) -> list[list[tuple[int, int]]]:
    """Sentence spans of each document, split as the pipeline's ``sentences`` component splits them."""
    from ..models.sentences import sentence_model
    from ..models.sentences import split_sentences as split

    settings = Settings.load(None, {})
    model = sentence_model(settings)
    out: list[list[tuple[int, int]]] = []
    for i in range(0, len(docs), batch):
        arts = [Article(d.text, meta={"language": d.language}) for d in docs[i : i + batch]]
        split(arts, model)
        out.extend([(a.start, a.end) for a in art.layer("sentence")] for art in arts)
    return out


def paragraph_of(doc: Document, start: int) -> int:
    """The paragraph (line number) that holds character ``start``."""
    line = doc.text.count("\n", 0, start) + 1
    return line


def build_units(docs: list[Document], sentences: list[list[tuple[int, int]]], labels: list[str]) -> Units:
    """One unit per sentence, labelled by the gold spans that overlap it."""
    index = {label: i for i, label in enumerate(labels)}
    texts, spans, doc_ids, paras, ys = [], [], [], [], []
    contexts = [np.zeros((0, CONTEXT_DIM), dtype=np.float32)]
    for di, (doc, sents) in enumerate(zip(docs, sentences, strict=True)):
        contexts.append(context_features(doc.text, sents))
        for start, end in sents:
            y = np.zeros(len(labels), dtype=bool)
            for s, e, label in doc.spans:
                if min(e, end) > max(s, start) and label in index:
                    y[index[label]] = True
            texts.append(doc.text[start:end])
            spans.append((start, end))
            doc_ids.append(di)
            paras.append(paragraph_of(doc, start))
            ys.append(y)
    y_mat = np.array(ys, dtype=bool).reshape(len(ys), len(labels))
    return Units(
        texts, spans, np.array(doc_ids, dtype=np.int64), np.array(paras, dtype=np.int64), y_mat, np.vstack(contexts)
    )


def embed_texts(texts: list[str], embedder: str, cache: Path | None = None, log: Log | None = None) -> np.ndarray:
    """Embeddings of ``texts``, read from / written to an ``.npy`` cache keyed by their content.

    A combined backend (``use+e5``) is assembled from its parts' caches, as its embedder would do."""
    if "+" in embedder:
        parts = [embed_texts(texts, part, cache, log) for part in embedder.split("+")]
        return join_vectors(parts)
    key = hashlib.sha256(f"{embedder}\x00".encode() + "\x00".join(texts).encode("utf-8")).hexdigest()[:20]
    path = cache / f"emb-{embedder}-{key}.npy" if cache else None
    if path is not None and path.is_file():
        return np.asarray(np.load(path), dtype=np.float32)
    if log:
        log(f"embedding {len(texts)} sentences with {embedder} ...")
    vecs = get_embedder(embedder).embed(texts)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.save(path, vecs)
    return vecs


def fit_linear(x: sp.csr_matrix, y: np.ndarray, c: float, min_pos: int = 3) -> tuple[np.ndarray, np.ndarray]:
    """One-vs-rest logistic regression; a label with too few positives gets a never-firing bias."""
    from sklearn.linear_model import LogisticRegression

    n_labels = y.shape[1]
    w = np.zeros((x.shape[1], n_labels), dtype=np.float32)
    b = np.full(n_labels, -10.0, dtype=np.float32)
    for j in range(n_labels):
        if int(y[:, j].sum()) < min_pos or int((~y[:, j]).sum()) < min_pos:
            continue
        model = LogisticRegression(C=c, solver="liblinear", max_iter=300)
        model.fit(x, y[:, j])
        w[:, j] = model.coef_[0]
        b[j] = model.intercept_[0]
    return w, b


def classifier_matrix(units: Units, featurizer: Featurizer, embeddings: np.ndarray | None) -> sp.csr_matrix:
    """The sentence classifier's design matrix for every unit."""
    return featurizer.transform(units.texts, embeddings, units.context)


def tagger_data(
    docs: list[Document], units: Units, rows: np.ndarray, label: int, labels: list[str], hasher: TokenHasher
) -> tuple[sp.csr_matrix, np.ndarray]:
    """Token matrix and inside/outside targets for one technique, from its positive sentences."""
    feats: list[list[str]] = []
    targets: list[bool] = []
    name = labels[label]
    for r in rows:
        if not units.y[r, label]:
            continue
        doc = docs[int(units.doc[r])]
        start, end = units.spans[r]
        toks = tokenize(doc.text, start, end)
        gold = [(s, e) for s, e, lab in doc.spans if lab == name and min(e, end) > max(s, start)]
        feats.extend(token_features(toks))
        targets.extend(any(t[0] < e and t[1] > s for s, e in gold) for t in toks)
    return hasher.transform(feats), np.array(targets, dtype=bool)


def fit_tagger(
    docs: list[Document], units: Units, rows: np.ndarray, labels: list[str], n_features: int, c: float = 0.5
) -> tuple[np.ndarray, np.ndarray]:
    """Per-technique token tagger weights ``(n_features, n_labels)`` and biases."""
    from sklearn.linear_model import LogisticRegression

    hasher = TokenHasher(n_features)
    w = np.zeros((n_features, len(labels)), dtype=np.float32)
    b = np.zeros(len(labels), dtype=np.float32)  # no data: every token is "inside" (p = 0.5)
    for j in range(len(labels)):
        x, y = tagger_data(docs, units, rows, j, labels, hasher)
        if y.sum() < 3 or (~y).sum() < 3:
            continue
        model = LogisticRegression(C=c, solver="liblinear", max_iter=300)
        model.fit(x, y)
        w[:, j] = model.coef_[0]
        b[j] = model.intercept_[0]
    return w, b


def micro_f1(pred: np.ndarray, gold: np.ndarray) -> float:
    tp = int((pred & gold).sum())
    denom = int(pred.sum()) + int(gold.sum())
    return 2 * tp / denom if denom else 0.0


THRESHOLD_GRID = (0.05, 0.08, 0.1, 0.12, 0.15, 0.18, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7, 0.8, 1.01)


def tune_thresholds(scores: np.ndarray, gold: np.ndarray, rounds: int = 2) -> np.ndarray:
    """Per-label thresholds that maximise micro-F1 jointly (coordinate ascent over a grid).

    A threshold above 1 means "never predict": chosen when a label only costs precision. Ties go
    to the higher threshold, so a label without positives in the tuning rows stays silent.
    """
    n_labels = scores.shape[1]
    th = np.full(n_labels, 0.5, dtype=np.float32)
    pred = scores >= th
    for _ in range(rounds):
        for j in range(n_labels):
            best_f, best_t = -1.0, float(th[j])
            for t in THRESHOLD_GRID:
                pred[:, j] = scores[:, j] >= t
                f = micro_f1(pred, gold)
                if f > best_f + 1e-9 or (abs(f - best_f) <= 1e-9 and t > best_t):  # ties: fewer predictions
                    best_f, best_t = f, t
            th[j] = best_t
            pred[:, j] = scores[:, j] >= best_t
    return th


def feature_config(n_features: int = 2**16, embed_scale: float = 1.0) -> FeatureConfig:
    return FeatureConfig(n_features=n_features, embed_scale=embed_scale)
