"""Explanations: word budget, dominant narrative, cast from per-actor roles, carrying sentences."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from narrascope.document import Article
from narrascope.framing.actor_roles import ActorRole, actor_roles
from narrascope.framing.explain import (
    cast_text,
    dominant_narrative,
    explanation,
    grounded_explanation,
    short_label,
    top_sentences,
    trim_words,
)

TEXT = "Kyiv ended the talks. The West sends weapons to prolong the war. Weather was mild. Moscow offered peace again."
SENTENCES = [(0, 21), (22, 64), (65, 82), (83, 110)]
BLAME, SUB, PRAISE = "URW: Blame", "URW: Blame: West prolongs war", "URW: Praise"


def nar(label: str, score: float, parent: str | None = None) -> dict[str, Any]:
    return {"label": label, "parent": parent, "level": "subnarrative" if parent else "narrative", "score": score,
            "evidence": []}


def make_article(blame: float = 0.8, sub: float = 0.6) -> tuple[Article, list[str]]:
    """Blame > West prolongs war, evidenced by s1 (0.9), s2 (0.7) and, for Blame itself, s3 (0.5); Praise by s0."""
    art = Article(TEXT)
    sid = [art.add("sentence", a, b, "sentence").id for a, b in SENTENCES]
    for i, label, score in ((1, SUB, 0.9), (2, SUB, 0.7), (3, BLAME, 0.5), (0, PRAISE, 0.95)):
        a, b = SENTENCES[i]
        art.add("narrative_evidence", a, b, label, score=score, narrative=label.rsplit(": ", 1)[0]
                if label == SUB else label)
    art.narratives = [nar(BLAME, blame), nar(SUB, sub, BLAME), nar(PRAISE, 0.4)]
    for (a, b), ent, name, role, fine, score in (
        ((22, 30), "west", "the West", "Antagonist", ["Instigator"], 0.9),
        ((83, 89), "moscow", "Moscow", "Protagonist", ["Peacemaker"], 0.8),
        ((0, 4), "kyiv", "Kyiv", "Antagonist", [], 0.3),
    ):
        ann = art.add("entity", a, b, "GPE", entity_id=ent, canonical=name)
        art.roles.append({"mention": ann.id, "entity_id": ent, "start": a, "end": b, "main_role": role,
                          "fine_roles": fine, "score": score})
    return art, sid


@pytest.mark.parametrize(
    ("scores", "k", "floor", "expected"),
    [
        ([0.1, 0.9, 0.5, 0.7], 2, 0.0, [1, 3]),
        ([0.1, 0.9, 0.5, 0.7], 3, 0.6, [1, 3]),
        ([0.1, 0.2], 2, 0.5, [1]),  # nothing passes the floor: the best one still serves
        ([], 2, 0.0, []),
    ],
)
def test_top_sentences(scores: list[float], k: int, floor: float, expected: list[int]) -> None:
    assert top_sentences(np.array(scores, np.float32), k, floor) == expected


def test_trim_words() -> None:
    assert trim_words("a b c d", 10) == "a b c d"
    assert trim_words("a b, c d", 2) == "a b…"


def test_explanation_stays_within_the_word_budget() -> None:
    long = " ".join(f"w{i}" for i in range(100))
    text, used = explanation("The West is weak", ["Short one here.", long, "Never reached."], max_words=40)
    assert text.startswith('Pushes "The West is weak": "Short one here." "w0 w1')
    assert len(text.split()) <= 40 and used == 2 and "Never" not in text


@pytest.mark.parametrize(
    ("record", "short"),
    [
        (nar(SUB, 0.5, BLAME), "West prolongs war"),
        (nar(BLAME, 0.5), "Blame"),
        (nar("Talks are futile", 0.5), "Talks are futile"),
        (nar("Note: talks", 0.5), "Note: talks"),  # not a domain prefix
    ],
)
def test_short_label(record: dict[str, Any], short: str) -> None:
    assert short_label(record) == short


@pytest.mark.parametrize(
    ("narratives", "expected"),
    [
        ([nar(BLAME, 0.8), nar(SUB, 0.6, BLAME), nar(PRAISE, 0.4)], SUB),
        ([nar(BLAME, 0.8), nar(SUB, 0.3, BLAME)], BLAME),  # unsure sub, sure narrative: the narrative
        ([nar(BLAME, 0.4), nar(SUB, 0.3, BLAME)], SUB),  # both unsure: the finer one (flagged by the caller)
        ([nar(BLAME, 0.3), nar(PRAISE, 0.7), nar(SUB, 0.6, BLAME)], PRAISE),
        ([nar(BLAME, 0.8), nar("URW: Blame: Other", 0.7, BLAME)], BLAME),
        ([nar("Other", 0.9)], None),
        ([], None),
    ],
)
def test_dominant_narrative(narratives: list[dict[str, Any]], expected: str | None) -> None:
    got = dominant_narrative(narratives, 0.5)
    assert (got["label"] if got else None) == expected


def test_cast_text() -> None:
    art, _ = make_article()
    west, moscow, kyiv = actor_roles(art)
    assert cast_text([]) == ""
    assert cast_text([kyiv]) == "casting Kyiv as Antagonist"
    assert cast_text([west, moscow, kyiv]) == (
        "casting the West as Antagonist (Instigator), Moscow as Protagonist (Peacemaker) and Kyiv as Antagonist")


def test_grounded_explanation_names_the_cast_and_prefers_its_sentences() -> None:
    art, sid = make_article()
    assert grounded_explanation(art, actor_roles(art)) == {
        "narrative": SUB,
        "text": 'Pushes "West prolongs war", casting the West as Antagonist (Instigator) and Moscow as Protagonist'
                ' (Peacemaker): "The West sends weapons to prolong the war." "Moscow offered peace again."'
                ' "Weather was mild."',
        "sentences": [sid[1], sid[3], sid[2]],
        "score": 0.6,
        "uncertain": False,
        "cast": [
            {"key": "west", "name": "the West", "main_role": "Antagonist", "fine_roles": ["Instigator"]},
            {"key": "moscow", "name": "Moscow", "main_role": "Protagonist", "fine_roles": ["Peacemaker"]},
        ],
    }


def test_unsure_sub_falls_back_to_the_narrative_and_its_own_evidence_first() -> None:
    art, sid = make_article(sub=0.3)
    got = grounded_explanation(art, actor_roles(art))
    assert got is not None
    assert (got["narrative"], got["sentences"], got["uncertain"]) == (BLAME, [sid[3], sid[1], sid[2]], False)
    assert got["text"] == ('Pushes "Blame", casting the West as Antagonist (Instigator) and Moscow as Protagonist'
                           ' (Peacemaker): "Moscow offered peace again." "The West sends weapons to prolong the war."'
                           ' "Weather was mild."')


def test_unsure_narrative_is_worded_as_a_possibility() -> None:
    art, _ = make_article(blame=0.4, sub=0.3)
    got = grounded_explanation(art, actor_roles(art))
    assert got is not None and got["uncertain"] is True and got["score"] == 0.3
    assert got["text"].startswith('Possibly pushes "West prolongs war" (uncertain), casting the West')


def test_no_cast_without_sure_roles_and_none_without_a_narrative() -> None:
    art, sid = make_article()
    got = grounded_explanation(art, actor_roles(art, uncertain_below=0.95))
    assert got is not None and got["cast"] == [] and got["sentences"] == [sid[1], sid[2], sid[3]]
    assert got["text"] == ('Pushes "West prolongs war": "The West sends weapons to prolong the war."'
                           ' "Weather was mild." "Moscow offered peace again."')
    art.narratives = [nar("Other", 0.9)]
    assert grounded_explanation(art, actor_roles(art)) is None


def test_long_cast_is_cut_before_the_quotes() -> None:
    art, _ = make_article()
    long = "The Extraordinarily Long Named Interim Coordinating Committee Of Several Regional Administrations"
    actors = [ActorRole(key=f"k{i}", entity_id=None, name=long, main_role="Antagonist", fine_roles=("Instigator",),
                        confidence=0.9, uncertain=False, votes=(("Antagonist", 0.9),), mentions=("x",),
                        spans=((22, 30),), supporting=1, sentences=()) for i in range(3)]
    got = grounded_explanation(art, actors, max_words=60)
    assert got is not None and len(got["text"].split()) <= 60
    assert [c["key"] for c in got["cast"]] == ["k0", "k1"]
    assert got["text"].count(long) == 2 and '"The West sends weapons to prolong the war."' in got["text"]
