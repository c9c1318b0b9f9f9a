"""Technique profiles from tiny hand-built articles: per outlet, and per quoted speaker."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from narrascope.corpus.technique_profiles import technique_profiles
from narrascope.document import Article
from narrascope.store import Store

from .conftest import joint_statement


def _span(art: Article, surface: str, label: str, confidence: float) -> None:
    start = art.text.index(surface)
    art.add("technique", start, start + len(surface), label, score=confidence, confidence=confidence)


def corpus(make_article: Callable[..., Article]) -> list[Article]:
    a1 = make_article(
        "The Kiev regime stalls. “Only a puppet would sign,” Peskov said.",
        "2022-03-01",
        "Outlet A",
        quotes=(("Only a puppet would sign", "dmitry-peskov"),),
    )
    _span(a1, "Kiev regime", "Name_Calling-Labeling", 0.6)  # the outlet's own voice
    _span(a1, "puppet", "Name_Calling-Labeling", 0.5)  # inside Peskov's quote
    _span(a1, "“Only a", "Loaded_Language", 0.1)  # low: left out at min_confidence 0.25
    a2 = make_article(
        "“Baseless claims,” Lavrov said of the report. “A puppet show,” Peskov added.",
        "2022-04-02",
        "Outlet A",
        quotes=(("Baseless claims", "sergei-lavrov"), ("A puppet show", "dmitry-peskov")),
    )
    _span(a2, "Baseless claims", "Doubt", 0.7)
    _span(a2, "puppet show", "Name_Calling-Labeling", 0.4)
    a3 = make_article("Baseless claims again, the daily wrote.", None, "Outlet B")
    _span(a3, "Baseless claims", "Doubt", 0.3)
    _span(a3, "claims again, the daily wrote", "Repetition", 0.9)  # no quotes in this article
    return [a1, a2, a3]


PESKOV = {
    "id": "dmitry-peskov",
    "name": "dmitry-peskov",
    "spans": 2,
    "techniques": [{"label": "Name_Calling-Labeling", "spans": 2}],
}
LAVROV = {"id": "sergei-lavrov", "name": "sergei-lavrov", "spans": 1, "techniques": [{"label": "Doubt", "spans": 1}]}
EXPECTED = {
    "min_confidence": 0.25,
    "outlets": [
        {
            "outlet": "Outlet A",
            "spans": 4,
            "in_quotes": 3,
            "techniques": [
                {"label": "Name_Calling-Labeling", "spans": 3, "articles": 2, "in_quotes": 2},
                {"label": "Doubt", "spans": 1, "articles": 1, "in_quotes": 1},
            ],
            "speakers": [PESKOV, LAVROV],
        },
        {
            "outlet": "Outlet B",
            "spans": 2,
            "in_quotes": 0,
            "techniques": [
                {"label": "Doubt", "spans": 1, "articles": 1, "in_quotes": 0},
                {"label": "Repetition", "spans": 1, "articles": 1, "in_quotes": 0},
            ],
            "speakers": [],
        },
    ],
    "speakers": [{**PESKOV, "outlets": {"Outlet A": 2}}, {**LAVROV, "outlets": {"Outlet A": 1}}],
}


def test_profiles_by_outlet_and_speaker(make_article: Callable[..., Article]) -> None:
    assert technique_profiles(corpus(make_article), min_confidence=0.25) == EXPECTED


def test_same_result_from_the_store(make_article: Callable[..., Article], tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path}/t.db")
    for art in corpus(make_article):
        store.save(art)
    assert technique_profiles(store, min_confidence=0.25) == EXPECTED


def test_low_spans_count_at_zero_and_top_cuts(make_article: Callable[..., Article]) -> None:
    result = technique_profiles(corpus(make_article), min_confidence=0.0, top=1)
    assert result["outlets"][0] == {
        "outlet": "Outlet A",
        "spans": 5,
        "in_quotes": 4,  # “Only a: 6 of its 7 characters are inside Peskov's quote
        "techniques": [{"label": "Name_Calling-Labeling", "spans": 3, "articles": 2, "in_quotes": 2}],
        "speakers": [{**PESKOV, "spans": 3, "techniques": [{"label": "Name_Calling-Labeling", "spans": 2}]}],
    }
    assert [s["id"] for s in result["speakers"]] == ["dmitry-peskov"]


def test_a_span_mostly_outside_a_quote_is_the_outlets_own() -> None:
    art = Article("He said “no” and meant never again.", meta={"source": "X"})
    art.add("quote", 9, 11, "quote", speaker="Petrov", speaker_entity="petrov")
    art.add("technique", 9, 35, "Loaded_Language", confidence=0.9)
    assert technique_profiles([art])["outlets"][0]["in_quotes"] == 0


def test_a_joint_statement_credits_every_speaker() -> None:
    """A span in "Russia and China said …" counts once for the outlet and once for each speaker."""
    art = joint_statement("Russia and China said the sanctions were “economic terrorism”.", "the sanctions",
                          source="Outlet C")
    _span(art, "economic terrorism", "Name_Calling-Labeling", 0.8)
    result = technique_profiles([art])
    assert [(o["outlet"], o["spans"], o["in_quotes"], [s["id"] for s in o["speakers"]]) for o in result["outlets"]] == [
        ("Outlet C", 1, 1, ["china", "russia"])
    ]
    assert [(s["id"], s["name"], s["spans"]) for s in result["speakers"]] == [
        ("china", "China", 1),
        ("russia", "Russia", 1),
    ]
