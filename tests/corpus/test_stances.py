"""Stance classification of attributed quotes, and per-actor summaries."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from narrascope.corpus.stances import TOPICS, classify, stances
from narrascope.document import Article
from narrascope.errors import ConfigError
from narrascope.store import Store

from .conftest import joint_statement

NEG = TOPICS["negotiations"]


RU = frozenset({"russia", "moscow", "kremlin", "russian"})
UA = frozenset({"ukraine", "kyiv", "ukrainian"})


@pytest.mark.parametrize(
    ("quote", "own", "labels", "territorial"),
    [
        ("On our side, we are ready to keep up the dialogue with them", RU, ["readiness"], False),
        ("We do not reject the negotiations; we are not giving up on a settlement", RU, ["readiness"], False),
        ("Moscow has never refused to talk", RU, ["readiness"], False),
        (
            "Moscow will start negotiations at once as soon as the other side lays down its weapons",
            RU,
            ["condition", "readiness"],
            False,
        ),
        (
            "Suspending the talks was their decision alone, and the ball is in their court",
            RU,
            ["blame", "condition"],
            False,
        ),
        (
            "No concession is a path to peace. Ukraine will not trade its sovereignty or its territories",
            UA,
            ["refusal"],
            True,
        ),
        ("We will not sit down with a man who signs papers to swallow our land", UA, ["refusal"], True),
        ("We are not ready to talk to them", UA, ["refusal"], False),
        ("This war can only end with the full restoration of our territorial integrity", UA, ["refusal"], True),
        (
            "Those who reject the negotiations must understand that time is not on their side",
            RU,
            ["blame", "condition"],
            False,
        ),
        ("The harvest was good this year", RU, None, False),
    ],
)
def test_classify(quote: str, own: frozenset[str], labels: list[str] | None, territorial: bool) -> None:
    found = classify(quote, NEG, own)
    if labels is None:
        assert found is None
    else:
        assert found == {"labels": labels, "territorial": territorial}


@pytest.mark.parametrize(
    ("quote", "own", "claims"),
    [
        ("Kyiv refuses talks", RU, [{"about": "Kyiv", "label": "refusal"}]),
        (
            "there was no indication that Vladimir Putin was prepared for meaningful negotiations",
            frozenset({"united states", "washington"}),
            [{"about": "Vladimir Putin", "label": "refusal"}],
        ),
        ("they are not ready to talk", RU, [{"about": "they", "label": "refusal"}]),
    ],
)
def test_a_stance_held_by_someone_else_is_a_claim(quote: str, own: frozenset[str], claims: list[Any]) -> None:
    """What the speaker says of a third party is the speaker's claim, not the speaker's stance."""
    assert classify(quote, NEG, own) == {"labels": [], "territorial": False, "claims": claims}


@pytest.fixture
def corpus(make_article: Callable[..., Article]) -> list[Article]:
    q1 = "we are ready to keep up the dialogue at any time"
    q2 = "talks depend on Kyiv: the first step must come from them, the ball is in their court"
    q3 = "Ukraine will not trade its sovereignty or its territories"
    return [
        make_article(f"“{q2},” Medinsky said later.", "2022-05-23", "A", quotes=((q2, "vladimir-medinsky"),)),
        make_article(f"“{q1},” Medinsky said.", "2022-05-22", "A", quotes=((q1, "vladimir-medinsky"),)),
        make_article(f"“{q3},” Podolyak said.", "2022-05-24", "B", quotes=((q3, "mykhailo-podolyak"),)),
        make_article(
            "“The harvest was good,” Podolyak said.",
            "2022-05-25",
            "B",
            quotes=(("The harvest was good", "mykhailo-podolyak"),),
        ),
    ]


def test_stances_per_actor(corpus: list[Article]) -> None:
    result = stances(corpus, "negotiations")
    assert [(s["actor"]["id"], s["summary"], [q["date"] for q in s["quotes"]]) for s in result] == [
        (
            "vladimir-medinsky",
            ["ready to talk, with conditions", "blames the other side"],
            ["2022-05-22", "2022-05-23"],
        ),
        ("mykhailo-podolyak", ["refuses territorial concessions"], ["2022-05-24"]),
    ]
    assert result[0]["counts"] == {"readiness": 1, "condition": 1, "refusal": 0, "blame": 1}


def test_actor_filter_and_store(corpus: list[Article], tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path}/s.db")
    for art in corpus:
        store.save(art)
    from_store = stances(store, actor="podolyak")
    assert [(s["actor"]["id"], [q["text"] for q in s["quotes"]]) for s in from_store] == [
        ("mykhailo-podolyak", ["Ukraine will not trade its sovereignty or its territories"])
    ]


def test_unknown_topic() -> None:
    with pytest.raises(ConfigError, match="known topics: negotiations"):
        stances([], "weather")


def test_a_joint_statement_is_every_speakers_stance() -> None:
    """"Russia and China said …": the stance is Russia's and China's, each naming the other."""
    art = joint_statement("Russia and China said they were ready to resume talks at any time.", "they",
                          published="2022-05-22", source="A")
    result = stances([art])
    assert [(s["actor"]["id"], s["summary"], [q["joint_with"] for q in s["quotes"]]) for s in result] == [
        ("china", ["ready to talk"], [["Russia"]]),
        ("russia", ["ready to talk"], [["China"]]),
    ]
    assert [s["actor"]["id"] for s in stances([art], actor="china")] == ["china"]
