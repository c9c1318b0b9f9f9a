"""The activations the linear heads share (framing's narrative, role and salience heads, the
technique classifier and tagger): one definition each, numpy only."""

from __future__ import annotations

import numpy as np


def sigmoid(x: np.ndarray) -> np.ndarray:
    """Element-wise logistic function as float32; inputs are clipped to ±30 so ``exp`` never overflows."""
    return np.asarray(1.0 / (1.0 + np.exp(-np.clip(x, -30, 30))), dtype=np.float32)


def softmax(x: np.ndarray) -> np.ndarray:
    """Softmax over the last axis as float32 (shifted by the row maximum for stability)."""
    z = x - x.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return np.asarray(e / e.sum(axis=-1, keepdims=True), dtype=np.float32)
