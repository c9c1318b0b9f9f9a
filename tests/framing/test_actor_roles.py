"""Per-actor roles voted from mention-level roles: main role, fine roles, confidence, support."""

from __future__ import annotations

from typing import Any

import pytest

from narrascope.document import Article
from narrascope.framing.actor_roles import ActorRole, actor_roles, normalise_mention

TEXT = (
    "Russia shelled Kharkiv. Ukraine held the line. Russia denied it. "  # 0-6, 24-31, 47-53
    "The mayor thanked Ukraine. Ukraine rebuilt; the Mayor smiled."  # 65-74, 83-90, 92-99, 109-118
)
SENTENCES = [(0, 23), (24, 46), (47, 64), (65, 91), (92, 126)]
# (start, end, entity_id, main role, fine roles, score)
MENTIONS: list[tuple[int, int, str | None, str, list[str], float]] = [
    (0, 6, "russia", "Antagonist", ["Instigator"], 0.9),
    (24, 31, "ukraine", "Protagonist", ["Guardian"], 0.6),
    (47, 53, "russia", "Antagonist", ["Instigator", "Tyrant"], 0.7),
    (65, 74, None, "Protagonist", ["Virtuous"], 0.8),
    (83, 90, "ukraine", "Antagonist", ["Instigator"], 0.7),
    (92, 99, "ukraine", "Protagonist", ["Underdog", "Victim"], 0.5),  # Victim is an Innocent role: not kept
    (109, 118, None, "Protagonist", [], 0.6),
]


def make_article() -> tuple[Article, list[str]]:
    """The article and its sentence ids."""
    art = Article(TEXT)
    sents = [art.add("sentence", a, b, "sentence") for a, b in SENTENCES]
    art.entities = [{"id": "ukraine", "canonical": "Republic of Ukraine", "type": "GPE"}]
    for start, end, ent, role, fine, score in MENTIONS:
        attrs: dict[str, Any] = {"entity_id": ent} if ent else {}
        if ent == "russia":
            attrs["canonical"] = "Russian Federation"
        ann = art.add("entity", start, end, "GPE", **attrs)
        art.roles.append({"mention": ann.id, "entity_id": ent, "start": start, "end": end, "main_role": role,
                          "fine_roles": fine, "score": score})
    return art, [s.id for s in sents]


def test_offsets_are_the_words() -> None:
    art, _ = make_article()
    assert [TEXT[a:b] for a, b, *_ in MENTIONS] == ["Russia", "Ukraine", "Russia", "The mayor", "Ukraine", "Ukraine",
                                                    "the Mayor"]
    assert TEXT[SENTENCES[3][0]:SENTENCES[3][1]] == "The mayor thanked Ukraine."
    assert len(art.layer("sentence")) == 5


def test_one_role_per_actor() -> None:
    art, sid = make_article()
    ents = [a.id for a in art.layer("entity")]
    assert actor_roles(art) == [
        ActorRole(key="russia", entity_id="russia", name="Russian Federation", main_role="Antagonist",
                  fine_roles=("Instigator",), confidence=0.8, uncertain=False, votes=(("Antagonist", 1.6),),
                  mentions=(ents[0], ents[2]), spans=((0, 6), (47, 53)), supporting=2, sentences=(sid[0], sid[2])),
        ActorRole(key="the mayor", entity_id=None, name="The mayor", main_role="Protagonist",
                  fine_roles=("Virtuous",), confidence=0.7, uncertain=False, votes=(("Protagonist", 1.4),),
                  mentions=(ents[3], ents[6]), spans=((65, 74), (109, 118)), supporting=2,
                  sentences=(sid[3], sid[4])),
        ActorRole(key="ukraine", entity_id="ukraine", name="Republic of Ukraine", main_role="Protagonist",
                  fine_roles=("Guardian", "Underdog"), confidence=0.3667, uncertain=True,
                  votes=(("Protagonist", 1.1), ("Antagonist", 0.7)), mentions=(ents[1], ents[5], ents[4]),
                  spans=((24, 31), (92, 99), (83, 90)), supporting=2, sentences=(sid[1], sid[4])),
    ]


def test_threshold_decides_uncertain() -> None:
    art, _ = make_article()
    assert [(a.key, a.uncertain) for a in actor_roles(art, uncertain_below=0.75)] == [
        ("russia", False), ("the mayor", True), ("ukraine", True)]
    assert [a.uncertain for a in actor_roles(art, uncertain_below=0.0)] == [False, False, False]


@pytest.mark.parametrize(
    ("votes", "main", "confidence"),
    [
        ([("Antagonist", 0.5), ("Protagonist", 0.5)], "Protagonist", 0.25),  # full tie: taxonomy order
        ([("Antagonist", 0.6), ("Protagonist", 0.3), ("Protagonist", 0.3)], "Protagonist", 0.2),  # more mentions
        ([("Innocent", None)], "Innocent", 1.0),  # no score: counts as a sure vote
        ([("Innocent", 0.4), ("Antagonist", 0.9)], "Antagonist", 0.45),
    ],
)
def test_vote_table(votes: list[tuple[str, float | None]], main: str, confidence: float) -> None:
    art = Article("NATO met. NATO left. NATO came back.")
    starts = [0, 10, 21]
    art.roles = [{"mention": f"m{i}", "entity_id": None, "start": starts[i], "end": starts[i] + 4, "main_role": role,
                  "fine_roles": [], "score": score} for i, (role, score) in enumerate(votes)]
    (got,) = actor_roles(art)
    assert (got.key, got.name, got.main_role, got.confidence, got.sentences) == ("nato", "NATO", main, confidence, ())


def test_to_dict_is_json_ready() -> None:
    art, _ = make_article()
    d = actor_roles(art)[2].to_dict()
    assert d == {
        "key": "ukraine", "entity_id": "ukraine", "name": "Republic of Ukraine", "main_role": "Protagonist",
        "fine_roles": ["Guardian", "Underdog"], "confidence": 0.3667, "uncertain": True,
        "votes": {"Protagonist": 1.1, "Antagonist": 0.7}, "mentions": d["mentions"],
        "spans": [[24, 31], [92, 99], [83, 90]], "supporting": 2, "sentences": d["sentences"],
    }
    assert len(d["mentions"]) == 3 and len(d["sentences"]) == 2


@pytest.mark.parametrize(("text", "key"), [("the  Mayor", "the mayor"), ("Kyiv\n", "kyiv"), ("ЗСУ", "зсу")])
def test_normalise_mention(text: str, key: str) -> None:
    assert normalise_mention(text) == key


def test_no_roles_no_actors() -> None:
    assert actor_roles(Article("Nothing here.")) == []
