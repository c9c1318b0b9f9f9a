"""SemEval-2025 narratives and sub-narratives per article, with evidence sentences and a
short extractive explanation of the dominant narrative.

Default mode runs the shipped linear heads over multilingual sentence embeddings; setting
``taxonomy`` (a YAML file, or the SemEval ``taxonomy/`` folder) switches to zero-shot
scoring against the label descriptions, so a user's own taxonomy needs no training data.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..component_settings import NarrativesSettings
from ..document import Article
from ..framing.annotate import NarrativeScorer, annotate_narratives
from ..framing.narrative_model import NarrativeModel
from ..framing.taxonomy import load_semeval_taxonomy, load_yaml_taxonomy
from ..framing.zeroshot import ZeroShotModel
from ..models.embeddings import embed_batch_sentences, get_embedder, sentence_vectors
from ..models.shipped import shipped_model_dir
from ..registry import BatchFn, register
from ..settings import Settings

__all__ = ["build_scorer", "load_narrative_model", "make_narratives", "shipped_model_dir"]


@lru_cache(maxsize=4)
def load_narrative_model(path: str) -> NarrativeModel:
    return NarrativeModel.load(path)


def build_scorer(opts: NarrativesSettings) -> tuple[NarrativeScorer, str]:
    """The trained model, or a zero-shot one when ``taxonomy`` is set; returns it and its embedder name."""
    if opts.taxonomy:
        path = Path(opts.taxonomy)
        tax = load_semeval_taxonomy(path) if path.is_dir() else load_yaml_taxonomy(path)
        name = opts.embedder or "use"
        zs = ZeroShotModel(tax, get_embedder(name), opts.zero_shot_threshold, opts.zero_shot_margin)
        return zs, name
    model = load_narrative_model(opts.model or str(shipped_model_dir("narratives")))
    return model, str(opts.embedder or model.meta.get("embedder", "use"))


@register("narratives", needs=("sentence",), produces=("narrative_evidence",))
def make_narratives(settings: Settings) -> BatchFn:
    """SemEval-2025 narratives/sub-narratives with evidence sentences and an explanation."""
    opts = settings.options(NarrativesSettings)
    scorer, embedder = build_scorer(opts)
    evidence = opts.evidence

    def run(articles: list[Article]) -> None:
        embed_batch_sentences(articles, embedder)
        for art in articles:
            annotate_narratives(art, scorer, sentence_vectors(art, embedder), evidence)

    return run
