"""Terminal views: ``show`` lists one role per actor and marks uncertain narratives and roles."""

from __future__ import annotations

from narrascope.document import Article
from narrascope.framing.confidence import UncertainBelow
from narrascope.render import render_article

TEXT = "Kyiv asked for talks. Moscow shelled Kyiv again. Kyiv held."


def make_article() -> Article:
    art = Article(TEXT, meta={"title": "Talks", "source": "Invented Daily", "language": "en"})
    for a, b in ((0, 21), (22, 48), (49, 59)):
        art.add("sentence", a, b, "sentence")
    art.narratives = [
        {"label": "URW: Blame", "parent": None, "level": "narrative", "score": 0.7, "evidence": []},
        {"label": "URW: Praise", "parent": None, "level": "narrative", "score": 0.35, "evidence": []},
    ]
    for (a, b), ent, role, fine, score in (((0, 4), "kyiv", "Protagonist", ["Peacemaker"], 0.6),
                                           ((22, 28), "moscow", "Antagonist", ["Instigator"], 0.8),
                                           ((37, 41), "kyiv", "Innocent", ["Victim"], 0.7),
                                           ((49, 53), "kyiv", "Protagonist", [], 0.5)):
        ann = art.add("entity", a, b, "GPE", entity_id=ent, canonical=TEXT[a:b])
        art.roles.append({"mention": ann.id, "entity_id": ent, "start": a, "end": b,
                          "main_role": role, "fine_roles": fine, "score": score})
    return art


def test_roles_and_narratives_sections() -> None:
    art = make_article()
    assert [art.surface(a) for a in art.layer("entity")] == ["Kyiv", "Moscow", "Kyiv", "Kyiv"]
    lines = render_article(art, layers=["none"]).split("\n")
    assert lines[4:] == [
        "Narratives:",
        "  URW: Blame  (0.70)",
        "  URW: Praise  (0.35)  uncertain",
        "",
        "Roles (2 actors, from 4 mentions):",
        "  Kyiv: Protagonist (Peacemaker)  0.37 · 2/3 mentions · 2 sentences  uncertain",
        "  Moscow: Antagonist (Instigator)  0.80 · 1/1 mention · 1 sentence",
    ]


def test_thresholds_are_passed_in() -> None:
    out = render_article(make_article(), layers=["none"], uncertain=UncertainBelow(narratives=0.3, roles=0.9))
    assert "uncertain" not in out.split("Roles")[0]
    assert out.count("  uncertain") == 2
