"""Linear multi-label heads over ``[dense embedding ++ hashed TF-IDF]`` features, stored as
safetensors weight matrices plus a JSON config, run with numpy alone."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from safetensors.numpy import load_file, save_file

from ..errors import ModelError
from ..models.activations import sigmoid, softmax

__all__ = ["LinearHead", "load_bundle", "save_bundle", "sigmoid", "softmax"]


@dataclass
class LinearHead:
    """``scores = dense @ Wd.T + hashed @ Wh.T + b`` for a list of labels."""

    labels: list[str]
    w_dense: np.ndarray
    w_hash: np.ndarray
    bias: np.ndarray
    _w_hash_t: np.ndarray | None = field(default=None, init=False, repr=False, compare=False)

    def logits(self, dense: np.ndarray, hashed: Any) -> np.ndarray:
        """Raw scores; ``hashed`` may be a dense array or a scipy sparse matrix."""
        out = np.atleast_2d(dense) @ self.w_dense.T + self.bias
        if hashed is not None and self.w_hash.size:
            if hasattr(hashed, "tocsr"):
                # sparse @ dense needs a C-ordered right operand: scipy copied the transposed view
                # (labels x 16,384 floats) on every call, ~18 ms per article for the narrative heads
                if self._w_hash_t is None:
                    self._w_hash_t = np.ascontiguousarray(self.w_hash.T)
                extra = hashed @ self._w_hash_t
            else:
                extra = np.atleast_2d(hashed) @ self.w_hash.T
            out = out + np.asarray(extra)
        return np.asarray(out, dtype=np.float32)

    def tensors(self, prefix: str) -> dict[str, np.ndarray]:
        return {
            f"{prefix}.w_dense": self.w_dense.astype(np.float16),
            f"{prefix}.w_hash": self.w_hash.astype(np.float16),
            f"{prefix}.bias": self.bias.astype(np.float32),
        }

    @classmethod
    def from_tensors(cls, labels: list[str], tensors: dict[str, np.ndarray], prefix: str) -> LinearHead:
        try:
            return cls(
                labels,
                np.ascontiguousarray(tensors[f"{prefix}.w_dense"], dtype=np.float32),
                np.ascontiguousarray(tensors[f"{prefix}.w_hash"], dtype=np.float32),
                np.ascontiguousarray(tensors[f"{prefix}.bias"], dtype=np.float32),
            )
        except KeyError as exc:
            raise ModelError(f"model weights lack {exc}; rebuild the model with `narrascope train`") from exc

    @classmethod
    def from_sklearn(cls, labels: list[str], coef: np.ndarray, intercept: np.ndarray, n_dense: int,
                     dense_scale: float = 1.0) -> LinearHead:
        """Split a fitted coefficient matrix over ``[dense*scale ++ hashed]`` into the two blocks."""
        coef = np.atleast_2d(np.asarray(coef, dtype=np.float32))
        bias = np.asarray(intercept, np.float32).ravel()
        return cls(labels, coef[:, :n_dense] * dense_scale, coef[:, n_dense:], bias)


def save_bundle(path: str | Path, config: dict[str, Any], tensors: dict[str, np.ndarray]) -> None:
    """Write ``config.json`` and ``weights.safetensors`` into a model folder."""
    root = Path(path)
    root.mkdir(parents=True, exist_ok=True)
    (root / "config.json").write_text(json.dumps(config, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    save_file({k: np.ascontiguousarray(v) for k, v in tensors.items()}, str(root / "weights.safetensors"))


def load_bundle(path: str | Path) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    root = Path(path)
    cfg_path, w_path = root / "config.json", root / "weights.safetensors"
    if not (cfg_path.is_file() and w_path.is_file()):
        raise ModelError(
            f"no trained model in {root}; run `narrascope train narratives|roles --data ../shared/data/semeval2025-t10`"
        )
    config = json.loads(cfg_path.read_text(encoding="utf-8"))
    return config, load_file(str(w_path))
