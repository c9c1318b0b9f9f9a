"""SemEval-2023 persuasion techniques as tight spans: a sentence classifier says *whether*,
a token tagger says *where* inside the sentence.

Reads the shipped model (``data/models/techniques``) unless ``[components.techniques] model``
names another folder; shares the run's multilingual sentence embeddings with other components.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np

from ..component_settings import TechniquesSettings
from ..document import Article
from ..models.embeddings import embed_batch_sentences, sentence_vectors
from ..registry import BatchFn, register
from ..settings import Settings
from ..techniques.model import TechniqueModel, default_model_dir, load_model


@lru_cache(maxsize=4)
def cached_model(path: str) -> TechniqueModel:
    """One loaded model per folder in this process."""
    return load_model(Path(path))


def annotate(
    article: Article, model: TechniqueModel, vectors: np.ndarray | None, localise: bool = True, offset: float = 0.0
) -> None:
    """Add ``technique`` spans to one article whose ``sentence`` layer is set.

    Each span's ``confidence`` is the sentence classifier's probability that its sentence uses the
    technique (a hand-written cue sets at least the lexicon weight); ``span_score`` is the tagger's
    mean probability that these words carry it. Displays hide spans under ``hide_below``."""
    sentences = article.layer("sentence")
    scores = model.sentence_scores(article.text, [(s.start, s.end) for s in sentences], vectors)
    thresholds = model.threshold(article.meta.get("language") or "en") + offset
    counts: dict[str, int] = {}
    for i, j in zip(*np.nonzero(scores >= thresholds), strict=True):
        sent, label, score = sentences[int(i)], model.labels[int(j)], float(scores[i, j])
        spans = model.localise(article.text, sent.start, sent.end, int(j)) if localise else []
        if not spans:
            spans = [(sent.start, sent.end, 1.0)]
        for start, end, where in spans:
            article.add(
                "technique",
                start,
                end,
                label,
                score=round(score, 3),
                confidence=round(min(1.0, score), 3),
                span_score=round(where, 3),
                sentence=sent.id,
            )
        counts[label] = counts.get(label, 0) + 1
    article.results["techniques"] = dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


@register("techniques", needs=("sentence",), produces=("technique",))
def make_techniques(settings: Settings) -> BatchFn:
    """SemEval-2023 persuasion techniques (23 labels) as tight spans with a confidence score."""
    opts = settings.options(TechniquesSettings)
    model = cached_model(opts.model or str(default_model_dir()))
    localise = opts.localise
    offset = opts.threshold_offset
    embedder = model.embedder if model.embed_dim else None

    def run(articles: list[Article]) -> None:
        if embedder:
            embed_batch_sentences(articles, embedder)
        for art in articles:
            vectors = sentence_vectors(art, embedder) if embedder else None
            annotate(art, model, vectors, localise, offset)

    return run
