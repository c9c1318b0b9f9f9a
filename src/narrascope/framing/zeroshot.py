"""Zero-shot narratives from label definitions: sentences are compared with embedded label
descriptions, so a user's own taxonomy (YAML) works without training data."""

from __future__ import annotations

import numpy as np

from ..models.embeddings import Embedder
from .narrative_model import Prediction
from .taxonomy import Taxonomy


class ZeroShotModel:
    """Scores a label by the mean similarity of its ``top`` closest sentences to its description."""

    def __init__(self, taxonomy: Taxonomy, embedder: Embedder, threshold: float = 0.45, margin: float = 0.05,
                 top: int = 2) -> None:
        self.taxonomy = taxonomy
        self.threshold = threshold
        self.margin = margin
        self.top = top
        self.labels = [lab for lab in [*taxonomy.narratives, *taxonomy.subnarratives] if lab != taxonomy.other]
        texts = [f"{taxonomy.short(lab)}. {taxonomy.descriptions.get(lab, '')}".strip() for lab in self.labels]
        self.label_vecs = embedder.embed(texts) if self.labels else np.zeros((0, 1), np.float32)

    def sentence_scores(self, sentences: list[str], sent_vecs: np.ndarray, labels: list[str],
                        lang: str | None = None) -> np.ndarray:
        if not len(sent_vecs) or not labels:
            return np.zeros((len(sentences), len(labels)), dtype=np.float32)
        rows = [self.labels.index(lab) for lab in labels]
        return np.asarray(sent_vecs @ self.label_vecs[rows].T, dtype=np.float32)

    def predict(self, text: str, sent_vecs: np.ndarray, lang: str | None = None) -> Prediction:
        del text
        tax = self.taxonomy
        if not len(sent_vecs) or not self.labels:
            return self._other()
        sims = np.asarray(sent_vecs @ self.label_vecs.T, dtype=np.float32)
        k = min(self.top, len(sims))
        agg = np.sort(sims, axis=0)[-k:].mean(axis=0)
        score = {lab: float(agg[i]) for i, lab in enumerate(self.labels)}
        nar_score = {n: max([score[n], *(score[c] for c in tax.children(n))]) for n in tax.narratives if n in score}
        if not nar_score:
            return self._other()
        best = max(nar_score.values())
        if best < self.threshold:
            return self._other()
        chosen = sorted((n for n, s in nar_score.items() if s >= max(self.threshold, best - self.margin)),
                        key=lambda n: -nar_score[n])
        subs: list[str] = []
        for nar in chosen:
            kids = tax.children(nar)
            if kids:
                top = max(score[c] for c in kids)
                subs.extend(sorted((c for c in kids if score[c] >= top - self.margin / 2), key=lambda c: -score[c]))
        out = {n: nar_score[n] for n in chosen}
        out.update({s: score[s] for s in subs})
        return Prediction(chosen, subs, out, None)

    def _other(self) -> Prediction:
        other = self.taxonomy.other
        return Prediction([other], [other], {other: 1.0}) if other else Prediction([], [], {})
