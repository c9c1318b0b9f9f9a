"""Merging the same event reported by several articles into one timeline entry."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from narrascope.corpus.dating import estimate_window, redate
from narrascope.corpus.events import annotate
from narrascope.corpus.index import on_saved
from narrascope.corpus.timeline import timeline
from narrascope.document import Article
from narrascope.store import Store

MEDINSKY = ("Vladimir Medinsky", "vladimir-medinsky", "PERSON", "RU")
ISTANBUL = ("Istanbul", "istanbul", "GPE", "TR")
TURKEY = ("Turkey", "turkey", "GPE", "TR")
BLINKEN = ("Antony Blinken", "antony-blinken", "PERSON", "US")


@pytest.fixture
def corpus(make_article: Callable[..., Article]) -> list[Article]:
    arts = [
        make_article(
            "Vladimir Medinsky met the Ukrainian delegation in Istanbul on March 29.",
            "2022-03-29",
            "Outlet A",
            dates=("March 29",),
            entities=(MEDINSKY, ISTANBUL),
        ),
        make_article(
            "Delegations met in Istanbul on Tuesday, the Kremlin said.",
            "2022-03-30",
            "Outlet B",
            dates=("Tuesday",),
            entities=(ISTANBUL,),
        ),
        # Undated, but "the war entered its second month on Thursday" (2022-03-24) dates it to 03-24..03-30.
        make_article(
            "The war entered its second month on Thursday. Talks were held in Turkey this week.",
            None,
            "Outlet C",
            entities=(TURKEY,),
        ),
        make_article(
            "Antony Blinken ruled out negotiations with Moscow on Thursday.",
            "2023-02-16",
            "Outlet D",
            dates=("Thursday",),
            entities=(BLINKEN,),
        ),
        # Same type and day as the Istanbul round but nothing shared: a different event.
        make_article(
            "Officials held talks in Geneva on March 29.",
            "2022-03-29",
            "Outlet E",
            dates=("March 29",),
            entities=(("Geneva", "geneva", "GPE", "CH"),),
        ),
    ]
    for art in arts:
        annotate(art, redate(art))
    return arts


def test_same_event_merged_with_all_sources(corpus: list[Article]) -> None:
    entries = timeline(corpus)
    summary = [
        (e["type"], e["date_from"], e["date_to"], e["estimated"], sorted(s["source"] for s in e["sources"]))
        for e in entries
    ]
    assert summary == [
        ("talks_held", "2022-03-29", "2022-03-29", False, ["Outlet A", "Outlet B", "Outlet C"]),
        ("talks_held", "2022-03-29", "2022-03-29", False, ["Outlet E"]),
        ("talks_ruled_out", "2023-02-16", "2023-02-16", False, ["Outlet D"]),
    ]
    first = entries[0]
    assert first["participants"] == [{"id": "vladimir-medinsky", "name": "Vladimir Medinsky"}]
    assert first["places"] == ["istanbul", "turkey"]
    estimated = [s for s in first["sources"] if s["source"] == "Outlet C"]
    assert estimated[0]["estimated"] is True and estimated[0]["date_range"] == ["2022-03-24", "2022-03-30"]


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"actor": "blinken"}, [("talks_ruled_out", 1)]),
        ({"actor": "vladimir-medinsky"}, [("talks_held", 3)]),
        ({"date_from": "2023-01-01"}, [("talks_ruled_out", 1)]),
        ({"date_to": "2022-12-31", "min_sources": 2}, [("talks_held", 3)]),
        ({"types": ["talks_ruled_out"]}, [("talks_ruled_out", 1)]),
    ],
)
def test_filters(corpus: list[Article], kwargs: dict[str, object], expected: list[tuple[str, int]]) -> None:
    assert [(e["type"], e["n_sources"]) for e in timeline(corpus, **kwargs)] == expected  # type: ignore[arg-type]


def test_store_and_articles_agree(corpus: list[Article], tmp_path: object) -> None:
    from narrascope.store import Store

    store = Store(f"sqlite:///{tmp_path}/t.db")
    for art in corpus:
        store.save(art)

    def strip(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{**e, "sources": [{k: v for k, v in s.items() if k != "title"} for s in e["sources"]]} for e in entries]

    assert strip(timeline(store)) == strip(timeline(corpus))


def test_undated_near_duplicate_takes_its_originals_date(make_article: Callable[..., Article], tmp_path: Path) -> None:
    body = (
        "Vladimir Medinsky met the Ukrainian delegation in Istanbul on Tuesday for three hours. "
        "The two teams discussed security guarantees, the status of the occupied regions, humanitarian "
        "corridors and an exchange of prisoners, and agreed to meet again after consultations in their capitals. "
        "Observers said the mood in the room was calmer than at the earlier rounds held in Belarus."
    )
    original = make_article(body, "2022-03-29", "Outlet A", dates=("Tuesday",), entities=(MEDINSKY, ISTANBUL))
    copy = make_article(
        body.replace("calmer", "quieter").replace("three hours", "four hours"),
        None,
        "Outlet B",
        entities=(MEDINSKY, ISTANBUL),
    )
    store = Store(f"sqlite:///{tmp_path}/nd.db")
    for art in (original, copy):
        annotate(art, redate(art))
        store.save(art)
        on_saved(store, art)
    (entry,) = [e for e in timeline(store) if e["type"] == "talks_held"]
    assert [(s["source"], s["estimated"]) for s in entry["sources"]] == [("Outlet A", False), ("Outlet B", True)]
    assert entry["sources"][1]["date_range"] == ["2022-03-29", "2022-04-05"]
    assert estimate_window(copy) is None  # the text alone gives no date: the copy's window comes from its original


@pytest.mark.parametrize(
    ("lo", "hi", "label"),
    [
        ("2022-02-27", "2022-02-27", "2022-02-27"),
        ("2022-02-24", "2022-03-02", "2022-02-24..2022-03-02"),
        ("2022-03-01", "2022-03-31", "2022-03-01..2022-03-31"),
        ("2022-01-01", "2023-01-31", "2022-01..2023-01"),
        ("2022-03-01", "2022-08-28", "2022-03..2022-08"),
        (None, None, "undated"),
    ],
)
def test_when_label(lo: str | None, hi: str | None, label: str) -> None:
    from narrascope.corpus.timeline import when_label

    assert when_label(lo, hi) == label


def test_modal_events_are_left_out_unless_asked(make_article: Callable[..., Article]) -> None:
    arts = [
        make_article("Missiles struck the port on Sunday.", "2031-03-04", "Outlet A", dates=("Sunday",)),
        make_article("The port could be attacked again, the mayor said.", "2031-03-04", "Outlet B"),
    ]
    for art in arts:
        annotate(art)
    assert [(e["type"], e["modality"], e["when"]) for e in timeline(arts)] == [("attack", "asserted", "2031-03-02")]
    both = timeline(arts, modalities=["asserted", "hypothetical"])
    assert [(e["modality"], e["when"]) for e in both] == [("asserted", "2031-03-02"), ("hypothetical", "2031-03-04")]
    with pytest.raises(ValueError, match="unknown modality"):
        timeline(arts, modalities=["maybe"])


def test_video_rounds_merge_across_articles(make_article: Callable[..., Article]) -> None:
    arts = [
        make_article(
            "The delegations held a round of talks by video link on Monday.",
            "2031-03-04",
            "Outlet A",
            dates=("Monday",),
        ),
        make_article(
            "Negotiators met by videoconference for talks on Monday.", "2031-03-05", "Outlet B", dates=("Monday",)
        ),
    ]
    for art in arts:
        annotate(art)
    (entry,) = timeline(arts)
    assert (entry["type"], entry["when"], entry["outlets"], entry["dated_by"]) == (
        "talks_held",
        "2031-03-03",
        ["Outlet A", "Outlet B"],
        ["weekday"],
    )


def test_store_timeline_only_reads(corpus: list[Article], tmp_path: Path) -> None:
    from sqlalchemy import func, inspect, select

    from narrascope.store.schema import corpus_state as state

    store = Store(f"sqlite:///{tmp_path}/ro.db")
    for art in corpus:
        store.save(art)
    assert len(timeline(store)) == 3
    with store.engine.connect() as conn:
        count = conn.execute(select(func.count()).select_from(state)).scalar_one()
        tables = set(inspect(conn).get_table_names())
    assert (count, "corpus_events" in tables) == (0, False)  # events live once, as the event layer


def test_undated_copy_indexed_with_its_original_in_one_run(
    make_article: Callable[..., Article], tmp_path: Path
) -> None:
    from narrascope.corpus.index import index_articles

    body = (
        "Vladimir Medinsky met the Ukrainian delegation in Istanbul on Tuesday for three hours. "
        "The two teams discussed security guarantees, the status of the occupied regions, humanitarian "
        "corridors and an exchange of prisoners, and agreed to meet again after consultations in their capitals."
    )
    original = make_article(body, "2022-03-29", "Outlet A", dates=("Tuesday",), entities=(MEDINSKY, ISTANBUL))
    copy = make_article(body.replace("three hours", "four hours"), None, "Outlet B", entities=(MEDINSKY, ISTANBUL))
    store = Store(f"sqlite:///{tmp_path}/one.db")
    for art in (original, copy):
        annotate(art, redate(art))
        store.save(art)
    index_articles(store, [copy.id, original.id])  # the undated copy listed first
    (entry,) = [e for e in timeline(store) if e["type"] == "talks_held"]
    assert [(s["source"], s["date_range"]) for s in entry["sources"]] == [
        ("Outlet A", ["2022-03-29", "2022-03-29"]),
        ("Outlet B", ["2022-03-29", "2022-04-05"]),
    ]
