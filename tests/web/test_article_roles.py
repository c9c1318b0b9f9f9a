"""The article page and its JSON twin: one role per actor, uncertain labels flagged and greyed."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from narrascope.document import Article
from narrascope.settings import Settings
from narrascope.store import open_store

from .conftest import client_for

TEXT = "Kyiv asked for talks. Moscow shelled Kyiv again. Kyiv held."
SENTENCES = ((0, 21), (22, 48), (49, 59))


def make_article() -> Article:
    art = Article(TEXT)
    for a, b in SENTENCES:
        art.add("sentence", a, b, "sentence")
    ev = art.add("narrative_evidence", 22, 48, "URW: Blame", score=0.8, narrative="URW: Blame")
    art.narratives = [
        {"label": "URW: Blame", "parent": None, "level": "narrative", "score": 0.7, "evidence": [ev.id]},
        {"label": "URW: Praise", "parent": None, "level": "narrative", "score": 0.35, "evidence": []},
    ]
    art.entities = [{"id": "kyiv", "canonical": "Kyiv", "type": "GPE", "mentions": []},
                    {"id": "moscow", "canonical": "Moscow", "type": "GPE", "mentions": []}]
    for (a, b), ent, role, fine, score in (((0, 4), "kyiv", "Protagonist", ["Peacemaker"], 0.6),
                                           ((22, 28), "moscow", "Antagonist", ["Instigator"], 0.8),
                                           ((37, 41), "kyiv", "Innocent", ["Victim"], 0.7),
                                           ((49, 53), "kyiv", "Protagonist", [], 0.5)):
        ann = art.add("entity", a, b, "GPE", entity_id=ent, canonical=TEXT[a:b])
        art.roles.append({"mention": ann.id, "entity_id": ent, "start": a, "end": b, "main_role": role,
                          "fine_roles": fine, "score": score})
    return art


def test_offsets() -> None:
    assert [TEXT[a:b] for a, b in SENTENCES] == ["Kyiv asked for talks.", "Moscow shelled Kyiv again.", "Kyiv held."]
    assert [TEXT[a:b] for a, b in ((0, 4), (22, 28), (37, 41), (49, 53))] == ["Kyiv", "Moscow", "Kyiv", "Kyiv"]


def _serve(tmp_path: Path, **overrides: Any) -> tuple[Any, Article]:
    settings = Settings.load(None, {"store.url": f"sqlite:///{tmp_path / 'roles.db'}",
                                    "pipeline.components": ["sentences"], **overrides})
    art = make_article()
    open_store(settings).save(art)
    return client_for(settings), art


def test_json_twin_has_one_role_per_actor_and_flags(tmp_path: Path) -> None:
    client, art = _serve(tmp_path)
    ents = [a.id for a in art.layer("entity")]
    sents = [a.id for a in art.layer("sentence")]
    data = client.get(f"/api/articles/{art.id}").json()
    assert data["actor_roles"] == [
        {"key": "kyiv", "entity_id": "kyiv", "name": "Kyiv", "main_role": "Protagonist", "fine_roles": ["Peacemaker"],
         "confidence": 0.3667, "uncertain": True, "votes": {"Protagonist": 1.1, "Innocent": 0.7},
         "mentions": [ents[0], ents[3], ents[2]], "spans": [[0, 4], [49, 53], [37, 41]], "supporting": 2,
         "sentences": [sents[0], sents[2]]},
        {"key": "moscow", "entity_id": "moscow", "name": "Moscow", "main_role": "Antagonist",
         "fine_roles": ["Instigator"], "confidence": 0.8, "uncertain": False, "votes": {"Antagonist": 0.8},
         "mentions": [ents[1]], "spans": [[22, 28]], "supporting": 1, "sentences": [sents[1]]},
    ]
    assert [(n["label"], n["uncertain"]) for n in data["narratives"]] == [("URW: Blame", False),
                                                                           ("URW: Praise", True)]
    assert len(data["roles"]) == 4  # the mention-level records stay as they were


def test_page_greys_uncertain_labels(tmp_path: Path) -> None:
    client, art = _serve(tmp_path)
    html = client.get(f"/articles/{art.id}").text
    roles = _panel(html, "panel-roles")
    assert re.findall(r'<li( class="uncertain")?><a href="/actors/(\w+)">', roles) == [(' class="uncertain"', "kyiv"),
                                                                                    ("", "moscow")]
    assert roles.count('<span class="flag">uncertain</span>') == 1 and "2/3 mentions" in roles
    narratives = _panel(html, "panel-narratives")
    assert re.findall(r'<li( class="uncertain")?[^>]*><div><strong>([^<]+)</strong>', narratives) == [
        ("", "URW: Blame"), (' class="uncertain"', "URW: Praise")]
    tags = re.findall(r'<span class="tag( uncertain)?"[^>]*>(\w+)</span>', _panel(html, "panel-actors"))
    assert sorted(tags) == [("", "Antagonist"), (" uncertain", "Protagonist")]  # one tag per actor


@pytest.mark.parametrize(("below", "flags"), [(0.3, [False, False]), (0.9, [True, True])])
def test_threshold_comes_from_settings(tmp_path: Path, below: float, flags: list[bool]) -> None:
    client, art = _serve(tmp_path, **{"components.roles.uncertain_below": below,
                                      "components.narratives.uncertain_below": below})
    data = client.get(f"/api/articles/{art.id}").json()
    assert [a["uncertain"] for a in data["actor_roles"]] == flags
    assert [n["uncertain"] for n in data["narratives"]] == [below > 0.7, below > 0.35]
    html = _panel(client.get(f"/articles/{art.id}").text, "panel-roles")
    assert html.count('<li class="uncertain">') == sum(flags)


def _panel(html: str, panel_id: str) -> str:
    start = html.index(f'id="{panel_id}"')
    return html[start: html.index("</section>", start)]


@pytest.mark.parametrize(("below", "kyiv", "moscow"), [(0.5, {"uncertain": 1}, {"Antagonist": 1}),
                                                         (0.3, {"Protagonist": 1}, {"Antagonist": 1}),
                                                         (0.9, {"uncertain": 1}, {"uncertain": 1})])
def test_actor_page_counts_articles_by_voted_role(tmp_path: Path, below: float, kyiv: dict[str, int],
                                                  moscow: dict[str, int]) -> None:
    client, _art = _serve(tmp_path, **{"components.roles.uncertain_below": below})
    assert client.get("/api/actors/kyiv").json()["roles_over_time"] == {"undated": kyiv}
    assert client.get("/api/actors/moscow").json()["roles_over_time"] == {"undated": moscow}
