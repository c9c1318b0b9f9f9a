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


def test_low_confidence_techniques_are_hidden_and_the_legend_defines_them() -> None:
    from narrascope.techniques.definitions import DEFINITIONS

    art = Article("The Kiev regime lied. Baseless claims, they said.", meta={"title": "T"})
    art.add("technique", 4, 15, "Name_Calling-Labeling", score=0.6, confidence=0.6)
    art.add("technique", 22, 37, "Doubt", score=0.1, confidence=0.1)
    lines = render_article(art, layers=["technique"], technique_hide_below=0.25).split("\n")
    assert lines[4:] == [
        "technique (1 of 2):",
        "  [4:15] Name_Calling-Labeling: “Kiev regime”  (confidence=0.6 score=0.60)",
        "  (1 low-confidence spans under 0.25 hidden; --all-techniques shows them)",
        "",
        "Technique legend:",
        f"  Name_Calling-Labeling (1): {DEFINITIONS['Name_Calling-Labeling']}",
        f"  Doubt (1): {DEFINITIONS['Doubt']}",
    ]
    everything = render_article(art, layers=["technique"]).split("\n")
    assert everything[4:7] == [
        "technique (2):",
        "  [4:15] Name_Calling-Labeling: “Kiev regime”  (confidence=0.6 score=0.60)",
        "  [22:37] Doubt: “Baseless claims”  (confidence=0.1 score=0.10)",
    ]
