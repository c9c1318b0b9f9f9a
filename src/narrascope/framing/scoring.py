"""Per-article narrative F1 exactly as the held-out scorer computes it.

When ``../shared/scorers/score_semeval2025.py`` is present (found from the data folder), its own
``f1_samples`` and the official label lists are used, so cross-validated and held-out figures mean
the same thing; otherwise a mirror of the same rule is used (an article scores ``2|G∩P|/(|G|+|P|)``
over labels of the official lists, 0 when nothing matches)."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

F1Fn = Callable[[Sequence[Iterable[str]], Sequence[Iterable[str]], set[str]], float]


def _mirror_f1(gold: Sequence[Iterable[str]], pred: Sequence[Iterable[str]], classes: set[str]) -> float:
    scores = []
    for g_raw, p_raw in zip(gold, pred, strict=True):
        g = {x for x in g_raw if x in classes}
        p = {x for x in p_raw if x in classes}
        tp = len(g & p)
        scores.append(0.0 if tp == 0 else 2 * tp / (len(g) + len(p)))
    return sum(scores) / len(scores) if scores else 0.0


def find_scorer(data_dir: str | Path | None) -> Path | None:
    """``scorers/score_semeval2025.py`` beside the data (``shared/data/semeval2025-t10`` → ``shared/scorers``)."""
    if data_dir is None:
        return None
    root = Path(data_dir).resolve()
    for up in (root, *root.parents[:3]):
        cand = up / "scorers" / "score_semeval2025.py"
        if cand.is_file():
            return cand
    return None


def _load_f1(path: Path) -> F1Fn:
    spec = importlib.util.spec_from_file_location("narrascope_shared_scorer", path)
    if spec is None or spec.loader is None:  # pragma: no cover - unreadable file
        raise ImportError(f"cannot load the scorer {path}")
    module: Any = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    fn: F1Fn = module.f1_samples
    return fn


@dataclass
class NarrativeF1:
    """Coarse and fine per-article F1 over the official label lists."""

    coarse: set[str]
    fine: set[str]
    f1: F1Fn = _mirror_f1
    source: str = "mirror"

    @classmethod
    def for_data(cls, taxonomy_dir: str | Path, data_dir: str | Path | None = None,
                 labels: tuple[Iterable[str], Iterable[str]] | None = None) -> NarrativeF1:
        """Label lists from ``taxonomy_dir`` (or ``labels``), the shared scorer when it can be found."""
        tdir = Path(taxonomy_dir)
        if labels is not None:
            coarse, fine = set(labels[0]), set(labels[1])
        else:
            coarse = set((tdir / "subtask2_narratives.txt").read_text(encoding="utf-8").splitlines())
            fine = set((tdir / "subtask2_subnarratives.txt").read_text(encoding="utf-8").splitlines())
        path = find_scorer(data_dir)
        if path is None:
            return cls(coarse, fine)
        return cls(coarse, fine, _load_f1(path), str(path))

    def per_article(self, gold: Sequence[tuple[Sequence[str], Sequence[str]]],
                    pred: Sequence[tuple[Sequence[str], Sequence[str]]]) -> list[tuple[float, float]]:
        """(coarse, fine) F1 of each article."""
        return [(self.f1([g[0]], [p[0]], self.coarse), self.f1([g[1]], [p[1]], self.fine))
                for g, p in zip(gold, pred, strict=True)]

    def score(self, gold: Sequence[tuple[Sequence[str], Sequence[str]]],
              pred: Sequence[tuple[Sequence[str], Sequence[str]]]) -> dict[str, float]:
        """Mean coarse and fine F1 (``coarse_f1``, ``fine_f1``, ``n``)."""
        gold, pred = list(gold), list(pred)
        return {"coarse_f1": self.f1([g[0] for g in gold], [p[0] for p in pred], self.coarse),
                "fine_f1": self.f1([g[1] for g in gold], [p[1] for p in pred], self.fine), "n": len(gold)}
