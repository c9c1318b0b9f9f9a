"""The people-facing framing view on the five ../shared peace-talks samples (real models, so slow).

Checks what must hold whatever the models predict: one record per actor, flags that match the
threshold, explanations within 80 words that quote the article's own evidence and name only sure roles.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from narrascope.document import Article
from narrascope.framing.actor_roles import actor_roles
from narrascope.framing.taxonomy import MAIN_ROLES
from narrascope.ingest import read_inputs
from narrascope.pipeline import Pipeline
from narrascope.settings import Settings

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    samples = Path(__file__).resolve().parents[2].parent / "shared" / "samples" / "peace-talks"
    if not samples.is_dir():
        pytest.skip("../shared is absent")
    settings = Settings.load(None)
    arts = [a for a in read_inputs([str(samples)], settings.ingest) if isinstance(a, Article)]
    Pipeline(settings).run_batch(arts)
    return arts


def test_one_record_per_actor(articles: list[Article]) -> None:
    assert len(articles) == 5
    for art in articles:
        actors = actor_roles(art)
        keys = {str(r.get("entity_id")) for r in art.roles if r.get("entity_id")}
        assert {a.key for a in actors if a.entity_id} == keys and len({a.key for a in actors}) == len(actors)
        assert sum(len(a.mentions) for a in actors) == len(art.roles)
        for a in actors:
            assert a.main_role in MAIN_ROLES and 0.0 <= a.confidence <= 1.0
            assert a.uncertain == (a.confidence < 0.5) and 1 <= a.supporting <= len(a.mentions)


def test_explanations_are_grounded(articles: list[Article]) -> None:
    explained = 0
    for art in articles:
        sure = {r["label"] for r in art.narratives if r["label"] != "Other"}
        exp = art.explanation
        assert (exp is not None) == bool(sure)
        if exp is None:
            continue
        explained += 1
        text = str(exp["text"])
        assert len(text.split()) <= 80 and exp["narrative"] in sure and 1 <= len(exp["sentences"]) <= 3
        sents = {s.id: art.surface(s) for s in art.layer("sentence")}
        evidence = {(e.start, e.end) for e in art.layer("narrative_evidence")}
        by_id = {s.id: s for s in art.layer("sentence")}
        for sid in exp["sentences"]:
            assert (by_id[sid].start, by_id[sid].end) in evidence
            assert " ".join(sents[sid].split()[:4]) in text
        actors = {a.key: a for a in actor_roles(art)}
        for c in exp["cast"]:
            assert not actors[c["key"]].uncertain and f'{c["name"]} as {c["main_role"]}' in text
    assert explained >= 1
