"""A second encoder's vector of each role mention's sentence (multilingual-e5 by default), for the
languages whose role features gain from it: USE does not read Bulgarian or Hindi (docs/FRAMING.md)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from ..models.embeddings import get_embedder

Embed = Callable[[list[str]], np.ndarray]


def _codes(langs: Sequence[str]) -> tuple[str, ...]:
    return tuple(sorted({str(lang).lower()[:2] for lang in langs}))


@dataclass(frozen=True)
class SentenceContext:
    """Which encoder embeds a mention's sentence, for which languages (lower-case codes; empty:
    every language), its width and the factor its unit vectors are scaled by (against the USE
    features); ``embed`` replaces the encoder (training's disk cache, tests)."""

    encoder: str
    langs: tuple[str, ...]
    dim: int
    scale: float = 1.0
    embed: Embed | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "langs", _codes(self.langs))

    def applies(self, lang: str | None) -> bool:
        return not self.langs or (lang or "").lower()[:2] in self.langs

    def vectors(self, sentences: Sequence[str], langs: Sequence[str | None]) -> np.ndarray:
        """One row per sentence: its vector where its language gets one, zeros elsewhere; each
        distinct sentence is embedded once."""
        out = np.zeros((len(sentences), self.dim), dtype=np.float32)
        todo = sorted({s for s, lang in zip(sentences, langs, strict=True) if self.applies(lang)})
        if not todo:
            return out
        embed = self.embed or get_embedder(self.encoder).embed
        vecs = np.asarray(embed(todo), dtype=np.float32)
        row = {s: i for i, s in enumerate(todo)}
        for i, (s, lang) in enumerate(zip(sentences, langs, strict=True)):
            if self.applies(lang):
                out[i] = self.scale * vecs[row[s]]
        return out

    def meta(self) -> dict[str, object]:
        """What a role model records so that inference embeds as training did."""
        return {"context_encoder": self.encoder, "context_langs": list(self.langs), "context_dim": self.dim,
                "context_scale": self.scale}

    @classmethod
    def from_meta(cls, meta: dict[str, object]) -> SentenceContext | None:
        """The context a model was trained with; None for models without one (they load unchanged)."""
        encoder = meta.get("context_encoder")
        if not encoder:
            return None
        langs = meta.get("context_langs") or []
        dim, scale = meta.get("context_dim", 384), meta.get("context_scale", 1.0)
        return cls(str(encoder), tuple(str(x) for x in langs) if isinstance(langs, list) else (),
                   int(dim) if isinstance(dim, int | float | str) else 384,
                   float(scale) if isinstance(scale, int | float | str) else 1.0)


__all__ = ["Embed", "SentenceContext"]
