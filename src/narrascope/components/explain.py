"""Grounded explanations: after ``roles``, rewrite ``article.explanation`` to name the dominant
narrative, who the article casts how (per-actor roles) and the evidence sentences that carry it."""

from __future__ import annotations

from ..document import Article
from ..framing.actor_roles import actor_roles
from ..framing.confidence import UncertainBelow
from ..framing.explain import grounded_explanation
from ..registry import BatchFn, register
from ..settings import Settings


@register("explain", needs=("narrative_evidence",))
def make_explain(settings: Settings) -> BatchFn:
    """Explanation of the dominant narrative: its cast (per-actor roles) and carrying sentences."""
    below = UncertainBelow.from_settings(settings)

    def run(articles: list[Article]) -> None:
        for art in articles:
            art.explanation = grounded_explanation(art, actor_roles(art, below.roles), below.narratives)

    return run
