"""End to end on ../shared samples plus the examples: the issue's done criteria.

Runs the real pipeline (spaCy, entities, quotes) once per session, so it is marked slow; it
skips when ../shared or the entity/quote components are absent.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from narrascope.corpus import propagation, stances, timeline
from narrascope.corpus.index import update_index
from narrascope.document import Article
from narrascope.ingest import read_inputs
from narrascope.pipeline import Pipeline
from narrascope.settings import Settings
from narrascope.store import Store

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT.parent / "shared" / "samples" / "peace-talks"
COMPONENTS = ["sentences", "dates", "entities", "quotes", "events"]

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not SAMPLES.is_dir(), reason="../shared is absent")]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    settings = Settings.load(None, {})
    arts = [a for a in read_inputs([str(ROOT / "examples"), str(SAMPLES)], settings.ingest) if isinstance(a, Article)]
    Pipeline(settings, COMPONENTS).run_batch(arts)
    db = Store(f"sqlite:///{tmp_path_factory.mktemp('e2e')}/e2e.db")
    for art in arts:
        db.save(art)
    update_index(db)  # saved directly, not through the runner: index them explicitly
    return db


def _sample(entry: dict[str, Any]) -> set[str]:
    return {s["article_id"] for s in entry["sources"]}


def _find(entries: list[dict[str, Any]], etype: str, start: str, end: str, who: str) -> dict[str, Any]:
    for e in entries:
        names = " ".join(p["name"] for p in e["participants"]) + " " + " ".join(e["places"])
        if e["type"] == etype and start <= (e["date_from"] or "") <= end and who in names.lower():
            return e
    raise AssertionError(f"no {etype} entry for {who} between {start} and {end}")


def test_timeline_done_criteria(store: Store) -> None:
    entries = timeline(store, min_sources=2)
    belarus = _find(entries, "talks_proposed", "2022-02-20", "2022-03-02", "minsk")
    istanbul = _find(entries, "talks_held", "2022-03-20", "2022-03-31", "istanbul")
    frozen = _find(entries, "talks_frozen", "2022-05-01", "2022-05-31", "podolyak")
    blinken = _find(entries, "talks_ruled_out", "2023-02-01", "2023-02-28", "blinken")
    outlets = {
        name: set(e["outlets"])
        for name, e in [("belarus", belarus), ("istanbul", istanbul), ("frozen", frozen), ("blinken", blinken)]
    }
    assert {"Harbor Wire", "Sputnik"} <= outlets["belarus"]
    assert {"Eastern Ledger", "Northern Meridian", "Continental Daily"} <= outlets["istanbul"]
    assert "Continental Daily" in outlets["frozen"] and any(s["estimated"] for s in frozen["sources"])
    assert {"Eastern Ledger", "Press TV"} <= outlets["blinken"]


def test_repeated_lavrov_paragraph_in_sample_004(store: Store) -> None:
    repeats = propagation(store)["repeats"]
    assert [(r["source"], r["words"] >= 15, "Lavrov" in r["text"]) for r in repeats] == [("Sputnik", True, True)]


def test_stances_done_criteria(store: Store) -> None:
    summary = {s["actor"]["id"]: s["summary"] for s in stances(store, "negotiations")}
    for actor in ("vladimir-medinsky", "sergei-lavrov", "dmitry-peskov"):
        assert "ready to talk, with conditions" in summary[actor], actor
    for actor in ("mykhailo-podolyak", "andriy-yermak"):
        assert "refuses territorial concessions" in summary[actor], actor
