"""The ``explain`` component: rewrites ``article.explanation`` from the narratives and per-actor roles."""

from __future__ import annotations

import pytest

from narrascope.document import Article
from narrascope.errors import PipelineError
from narrascope.pipeline import check_order, registered
from narrascope.settings import Settings

TEXT = "Envoys met in Minsk. NATO keeps arming Kyiv to drag the war on."
#       0         1         2         3         4         5         6
#       0123456789012345678901234567890123456789012345678901234567890123


def make_article() -> Article:
    art = Article(TEXT)
    art.add("sentence", 0, 20, "sentence")
    sent = art.add("sentence", 21, 63, "sentence")
    ev = art.add("narrative_evidence", 21, 63, "URW: Blame", score=0.8, narrative="URW: Blame")
    art.narratives = [{"label": "URW: Blame", "parent": None, "level": "narrative", "score": 0.7, "evidence": [ev.id]}]
    nato = art.add("entity", 21, 25, "ORG", entity_id="nato", canonical="NATO")
    art.roles = [{"mention": nato.id, "entity_id": "nato", "start": 21, "end": 25, "main_role": "Antagonist",
                  "fine_roles": ["Instigator"], "score": 0.8}]
    art.explanation = {"narrative": "URW: Blame", "text": "old", "sentences": [sent.id]}
    return art


def test_registered_after_the_narrative_evidence() -> None:
    assert registered()["explain"].needs == ("narrative_evidence",)
    assert "explain" in Settings.load(None).pipeline.components
    with pytest.raises(PipelineError, match="needs layer"):
        check_order(["explain"])


@pytest.mark.parametrize(
    ("roles_below", "text"),
    [
        (0.5, 'Pushes "Blame", casting NATO as Antagonist (Instigator): "NATO keeps arming Kyiv to drag the war on."'),
        (0.9, 'Pushes "Blame": "NATO keeps arming Kyiv to drag the war on."'),  # NATO's role is uncertain: not cast
    ],
)
def test_explanation_is_rewritten(roles_below: float, text: str) -> None:
    art = make_article()
    settings = Settings.load(None, {"components.roles.uncertain_below": roles_below})
    registered()["explain"].factory(settings)([art])
    sent = art.layer("sentence")[1]
    assert art.explanation is not None
    assert (art.explanation["text"], art.explanation["sentences"], art.explanation["uncertain"]) == (
        text, [sent.id], False)
    assert TEXT[21:25] == "NATO" and TEXT[21:63].endswith("war on.")
