"""Outlet profiles from hand-written articles."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from narrascope.corpus.profiles import outlet_profile, outlets, profiles
from narrascope.document import Article
from narrascope.errors import NotFoundError
from narrascope.store import Store

from .conftest import joint_statement


def corpus(make_article: Callable[..., Article]) -> list[Article]:
    a1 = make_article(
        "“Talks are possible,” Peskov said.",
        "2022-03-01",
        "Outlet A",
        quotes=(("Talks are possible", "dmitry-peskov"),),
    )
    a1.narratives = [{"label": "URW: Blaming the war on others", "parent": None, "level": 1, "score": 0.9}]
    a1.add("technique", 0, 5, "Loaded_Language", score=0.8)
    a2 = make_article(
        "“No talks,” Peskov said. “Never,” Lavrov said.",
        "2022-04-02",
        "Outlet A",
        quotes=(("No talks", "dmitry-peskov"), ("Never", "sergei-lavrov")),
    )
    a2.narratives = [{"label": "URW: Blaming the war on others", "parent": None, "level": 1, "score": 0.7}]
    a2.add("technique", 0, 5, "Loaded_Language", score=0.8)
    a2.add("technique", 6, 10, "Doubt", score=0.6)
    a3 = make_article("The war will mark its fourth month on Tuesday.", None, None)
    return [a1, a2, a3]


EXPECTED = [
    {
        "outlet": "Outlet A",
        "articles": 2,
        "languages": {"unknown": 2},
        "first_month": "2022-03",
        "last_month": "2022-04",
        "by_month": {"2022-03": 1, "2022-04": 1},
        "by_month_estimated": {},
        "undated": 0,
        "narratives": [{"label": "URW: Blaming the war on others", "articles": 2}],
        "narratives_by_month": {
            "2022-03": {"URW: Blaming the war on others": 1},
            "2022-04": {"URW: Blaming the war on others": 1},
        },
        "techniques": [{"label": "Loaded_Language", "count": 2}, {"label": "Doubt", "count": 1}],
        "technique_profile": {  # every span here lies mostly inside one of Peskov's quotes
            "spans": 3,
            "in_quotes": 3,
            "techniques": [
                {"label": "Loaded_Language", "spans": 2, "articles": 2, "in_quotes": 2},
                {"label": "Doubt", "spans": 1, "articles": 1, "in_quotes": 1},
            ],
            "speakers": [
                {
                    "id": "dmitry-peskov",
                    "name": "dmitry-peskov",
                    "spans": 3,
                    "techniques": [{"label": "Loaded_Language", "spans": 2}, {"label": "Doubt", "spans": 1}],
                }
            ],
        },
        "actors": [],
        "quoted_actors": [
            {"id": "dmitry-peskov", "name": "dmitry-peskov", "quotes": 2},
            {"id": "sergei-lavrov", "name": "sergei-lavrov", "quotes": 1},
        ],
    },
    {
        "outlet": "(unknown outlet)",
        "articles": 1,
        "languages": {"unknown": 1},
        "first_month": "2022-05",
        "last_month": "2022-05",
        "by_month": {},
        "by_month_estimated": {"2022-05": 1},
        "undated": 0,
        "narratives": [],
        "narratives_by_month": {},
        "techniques": [],
        "technique_profile": {"spans": 0, "in_quotes": 0, "techniques": [], "speakers": []},
        "actors": [],
        "quoted_actors": [],
    },
]


def test_profiles_from_articles(make_article: Callable[..., Article]) -> None:
    assert profiles(corpus(make_article)) == EXPECTED
    assert profiles(corpus(make_article), outlet="Outlet A", top=1)[0]["techniques"] == [
        {"label": "Loaded_Language", "count": 2}
    ]


def test_profiles_from_store(make_article: Callable[..., Article], tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path}/p.db")
    for art in corpus(make_article):
        store.save(art)
    assert profiles(store) == EXPECTED


def test_store_profiles_read_without_writing(make_article: Callable[..., Article], tmp_path: Path) -> None:
    # Reads never write: a profile query indexes nothing, and still estimates the undated article.
    from sqlalchemy import func, select

    from narrascope.store.schema import corpus_state as state

    store = Store(f"sqlite:///{tmp_path}/r.db")
    for art in corpus(make_article):
        store.save(art)
    assert profiles(store)[1]["by_month_estimated"] == {"2022-05": 1}
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(state)).scalar_one() == 0


def test_outlets_and_one_outlet(make_article: Callable[..., Article]) -> None:
    peskov = ("Dmitry Peskov", "dmitry-peskov", "PERSON", "RU")
    arts = [*corpus(make_article), make_article("Dmitry Peskov spoke.", "2022-05-01", "Outlet B", entities=(peskov,))]
    arts[-1].entities = [{"id": "dmitry-peskov", "canonical": "Dmitry Peskov", "type": "PERSON"}]
    arts[-1].meta["language"] = "ru"
    result = outlets(arts)
    assert (result["total"], result["articles"]) == (3, 4)
    one = outlet_profile(arts, "Outlet B")
    assert (one["languages"], one["actors"], one["first_month"]) == (
        {"ru": 1},
        [{"id": "dmitry-peskov", "name": "Dmitry Peskov", "articles": 1}],
        "2022-05",
    )
    with pytest.raises(NotFoundError, match=r"stored outlets: Outlet A, \(unknown outlet\), Outlet B"):
        outlet_profile(arts, "Outlet Z")


def test_a_joint_statement_is_quoted_for_every_speaker() -> None:
    art = joint_statement("Russia and China said the talks must resume.", "the talks", source="Outlet C")
    assert profiles([art])[0]["quoted_actors"] == [
        {"id": "russia", "name": "Russia", "quotes": 1},
        {"id": "china", "name": "China", "quotes": 1},
    ]
