"""Feature extraction shared by training and inference: sentence spans, document
embeddings (mean of multilingual sentence vectors + the lead) and hashed n-gram TF-IDF."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import HashingVectorizer

from ..models.embeddings import Embedder, get_embedder
from ..models.sentences import sentence_spans
from ..models.spacy_models import load_spacy

#: Hashed n-gram space; small enough that a label-by-feature matrix stays a few MB.
HASH_DIM = 2**14


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans as the pipeline for non-English text makes them (rule-based sentencizer)."""
    nlp = load_spacy("blank:xx")
    doc = nlp(text)
    return sentence_spans(text, [(s.start_char, s.end_char) for s in doc.sents])


#: Word tokens for the ``words`` hash kind: ``\\w`` plus Devanagari vowel signs and viramas (which
#: Python's ``\\w`` does not match, so the ``word`` kind cut Hindi words into fragments); the
#: danda punctuation marks (U+0964, U+0965) stay separators.
WORD_TOKENS = r"[\w\u0900-\u0963\u0966-\u097f]{2,}"


def hasher(dim: int = HASH_DIM, kind: str = "word") -> HashingVectorizer:
    """A stateless hashed n-gram vectoriser (raw counts; IDF and norm are applied after).

    ``word`` is the original tokeniser (kept so models trained with it load unchanged);
    ``words`` reads Hindi whole; ``char`` is character 3-5-grams."""
    if kind == "words":
        return HashingVectorizer(n_features=dim, ngram_range=(1, 2), alternate_sign=False, norm=None,
                                 lowercase=True, token_pattern=WORD_TOKENS)
    if kind == "char":
        return HashingVectorizer(n_features=dim, analyzer="char_wb", ngram_range=(3, 5), alternate_sign=False,
                                 norm=None, lowercase=True)
    return HashingVectorizer(n_features=dim, ngram_range=(1, 2), alternate_sign=False, norm=None,
                             lowercase=True, token_pattern=r"(?u)\b\w\w+\b")


def tfidf(counts: Any, idf: np.ndarray) -> np.ndarray:
    """Dense sublinear-TF × IDF rows, L2-normalised."""
    mat = counts.astype(np.float32).toarray() if hasattr(counts, "toarray") else np.asarray(counts, np.float32)
    mat = np.where(mat > 0, 1.0 + np.log(np.maximum(mat, 1e-9)), 0.0) * idf[None, :]
    norms = np.linalg.norm(mat, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return np.asarray(mat / norms, dtype=np.float32)


def tfidf_sparse(counts: Any, idf: np.ndarray) -> Any:
    """Sparse sublinear-TF × IDF rows, L2-normalised (same values as :func:`tfidf`, for inference)."""
    import scipy.sparse as sp

    mat = sp.csr_matrix(counts, dtype=np.float32, copy=True)
    mat.data = 1.0 + np.log(np.maximum(mat.data, 1e-9))
    mat = mat.multiply(idf[None, :]).tocsr()
    norms = np.sqrt(np.asarray(mat.multiply(mat).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.diags((1.0 / norms).astype(np.float32)) @ mat


def fit_idf(counts: Any) -> np.ndarray:
    """Smoothed IDF from a (docs × features) count matrix."""
    n = counts.shape[0]
    df = np.asarray((counts > 0).sum(axis=0)).ravel()
    return np.asarray(np.log((1 + n) / (1 + df)) + 1.0, dtype=np.float32)


LANG_CODES = ("en", "bg", "pt", "ru", "hi")
LANG_SCALE = 3.0


def lang_vector(lang: str | None) -> np.ndarray:
    """Scaled one-hot of the five shared-task languages (zeros for any other), so a head can
    learn per-language role priors (Hindi articles favour protagonists, English antagonists)."""
    out = np.zeros(len(LANG_CODES), dtype=np.float32)
    code = (lang or "").lower()[:2]
    if code in LANG_CODES:
        out[LANG_CODES.index(code)] = LANG_SCALE
    return out


def doc_embedding(sent_vecs: np.ndarray, lead: int = 3) -> np.ndarray:
    """Mean of all sentence vectors ++ mean of the first ``lead`` (title and lead), each L2-normalised."""
    dim = sent_vecs.shape[1] if sent_vecs.ndim == 2 and sent_vecs.shape[1] else 512
    if len(sent_vecs) == 0:
        return np.zeros(2 * dim, dtype=np.float32)
    parts = [sent_vecs.mean(axis=0), sent_vecs[:lead].mean(axis=0)]
    return np.asarray(np.concatenate([p / (np.linalg.norm(p) or 1.0) for p in parts]), dtype=np.float32)


class DocVectorCache:
    """Disk cache of one whole-text vector per article from a document encoder (``e5``), keyed by
    encoder, character budget and text hash (``.npy`` files, never pickle)."""

    def __init__(self, cache_dir: str | Path | None, embedder_name: str = "e5", max_chars: int = 1500) -> None:
        self.dir = Path(cache_dir) if cache_dir else None
        self.embedder_name = embedder_name
        self.max_chars = max_chars
        if self.dir:
            self.dir.mkdir(parents=True, exist_ok=True)

    def _path(self, text: str) -> Path | None:
        if not self.dir:
            return None
        key = hashlib.sha256(f"{self.embedder_name}doc{self.max_chars}\0{text}".encode()).hexdigest()[:24]
        return self.dir / f"{key}.npy"

    def get(self, text: str) -> np.ndarray:
        return np.asarray(self.get_many([text])[0], dtype=np.float32)

    def get_many(self, texts: list[str], batch: int = 32) -> np.ndarray:
        """Vectors of ``texts`` (rows in order): those on disk read, the others embedded in batches."""
        rows: dict[int, np.ndarray] = {}
        missing = []
        for i, text in enumerate(texts):
            path = self._path(text)
            if path is not None and path.is_file():
                rows[i] = np.asarray(np.load(path), dtype=np.float32)
            else:
                missing.append(i)
        embedder = get_embedder(self.embedder_name)
        for k in range(0, len(missing), batch):
            chunk = missing[k : k + batch]
            vecs = embedder.embed([texts[i][: self.max_chars] for i in chunk])
            for i, vec in zip(chunk, vecs, strict=True):
                rows[i] = np.asarray(vec, dtype=np.float32)
                path = self._path(texts[i])
                if path is not None:
                    np.save(path, rows[i])
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        return np.vstack([rows[i] for i in range(len(texts))])


@dataclass
class SentCache:
    """Sentence spans and vectors of one text (what training needs from the encoder)."""

    spans: list[tuple[int, int]]
    vectors: np.ndarray


class EmbeddingCache:
    """Disk cache of sentence spans + vectors keyed by text hash, so CV and training runs
    embed each shared-task article once (``.npz`` files, never pickle)."""

    def __init__(self, cache_dir: str | Path | None, embedder_name: str = "use") -> None:
        self.dir = Path(cache_dir) if cache_dir else None
        self.embedder_name = embedder_name
        if self.dir:
            self.dir.mkdir(parents=True, exist_ok=True)

    @property
    def embedder(self) -> Embedder:
        return get_embedder(self.embedder_name)

    def _path(self, text: str) -> Path | None:
        if not self.dir:
            return None
        key = hashlib.sha256(f"{self.embedder_name}\0{text}".encode()).hexdigest()[:24]
        return self.dir / f"{key}.npz"

    def get(self, text: str) -> SentCache:
        path = self._path(text)
        if path is not None and path.is_file():
            with np.load(path) as data:
                spans = [(int(a), int(b)) for a, b in data["spans"]]
                return SentCache(spans, data["vectors"].astype(np.float32))
        spans = split_sentences(text)
        vecs = self.embedder.embed([text[a:b] for a, b in spans])
        if path is not None:
            np.savez(path, spans=np.asarray(spans, dtype=np.int64).reshape(-1, 2), vectors=vecs.astype(np.float16))
        return SentCache(spans, vecs)
