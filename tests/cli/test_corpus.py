"""CLI: timeline, propagation, duplicates, profiles and stances over a hand-built SQLite store."""

from __future__ import annotations

import csv
import datetime
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from narrascope.cli import main
from narrascope.corpus.events import annotate
from narrascope.document import Article
from narrascope.store import Store

QUOTE = "we are ready to keep up the dialogue with Kyiv at any time and in any format"


def _article(text: str, published: str, source: str, speaker: str) -> Article:
    art = Article(text=text, meta={"published": published, "source": source, "title": text[:20]})
    art.add("sentence", 0, len(text), "sentence")
    start = text.index(QUOTE)
    art.add("quote", start, start + len(QUOTE), "quote", kind="direct", speaker=speaker, speaker_entity=speaker)
    for m in ("Peskov",):
        i = text.index(m)
        art.add("entity", i, i + len(m), "PERSON", entity_id="dmitry-peskov", canonical="Dmitry Peskov", type="PERSON")
    annotate(art)
    return art


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "c.db"
    store = Store(f"sqlite:///{path}")
    store.save(_article(f"Peskov said talks were held and “{QUOTE}.”", "2022-03-01", "Outlet A", "dmitry-peskov"))
    store.save(_article(f"Talks were held, Peskov said: “{QUOTE}”.", "2022-03-01", "Outlet B", "dmitry-peskov"))
    result = CliRunner().invoke(main, ["reindex", "--db", str(path)])  # saved directly, so index them explicitly
    assert result.exit_code == 0 and "indexed 2 article(s)" in result.stderr, result.output
    return str(path)


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout


def test_timeline_formats(db: str) -> None:
    code, out = _run("timeline", "--db", db, "--format", "json")
    assert code == 0
    (entry,) = json.loads(out)
    assert (entry["type"], entry["n_sources"], entry["outlets"]) == ("talks_proposed", 2, ["Outlet A", "Outlet B"])
    code, out = _run("timeline", "--db", db, "--format", "csv", "--actor", "peskov")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["source_source"] for r in rows] == ["Outlet A", "Outlet B"]
    code, out = _run("timeline", "--db", db, "--actor", "lavrov")
    assert (code, out) == (0, "")
    code, out = _run("timeline", "--db", db)
    assert out.startswith("2022-03-01  talks_proposed  [Dmitry Peskov]")


def test_propagation_duplicates_profiles_stances(db: str) -> None:
    code, out = _run("propagation", "--db", db, "--format", "json")
    assert code == 0 and [g["n_articles"] for g in json.loads(out)["quotes"]] == [2]
    code, out = _run("propagation", "--db", db, "--format", "csv")
    assert {r["kind"] for r in csv.DictReader(io.StringIO(out))} == {"quote", "passage"}
    code, out = _run("duplicates", "--db", db, "--threshold", "0.3")
    assert code == 0 and out.startswith("1 near-duplicate clusters at threshold 0.3")
    assert _run("duplicates", "--db", db, "--threshold", "0.99")[1].startswith("0 near-duplicate clusters")
    assert _run("duplicates", "--db", db, "--threshold", "2")[0] == 2
    code, out = _run("profiles", "--db", db, "--format", "json")
    assert [(p["outlet"], p["articles"]) for p in json.loads(out)] == [("Outlet A", 1), ("Outlet B", 1)]
    code, out = _run("stances", "--db", db, "--topic", "negotiations")
    assert out.splitlines()[0] == "dmitry-peskov: ready to talk"
    code, out = _run("stances", "--db", db, "--topic", "weather")
    assert code == 2


def _undated(tmp_path: Path) -> str:
    path = tmp_path / "u.db"
    store = Store(f"sqlite:///{path}")
    text = "Peskov said talks were held in Minsk."
    art = Article(text=text, meta={"source": "Outlet U", "title": "Undated"})
    art.add("sentence", 0, len(text), "sentence")
    annotate(art)
    store.save(art)
    return str(path)


def test_timeline_prints_undated_and_reads_dates_or_refuses_them(db: str, tmp_path: Path) -> None:
    undated = _undated(tmp_path)
    code, out = _run("timeline", "--db", undated)
    aid = Store(f"sqlite:///{undated}").list_articles()[0]["id"]
    assert (code, out.splitlines()) == (
        0,
        [
            "undated  talks_held  []",
            "    Peskov said talks were held in Minsk.",
            f"    - Outlet U undated {aid}: Peskov said talks were held in Minsk.",
        ],
    )
    # A relative bound is read (and undated entries drop out), an unreadable one is a usage error.
    result = CliRunner().invoke(main, ["timeline", "--db", undated, "--from", "yesterday"])
    assert (result.exit_code, result.stdout) == (0, "")
    yesterday = (datetime.date.today() - datetime.timedelta(days=1)).isoformat()
    assert result.stderr == f"no timeline entries dated from {yesterday} match these filters\n"
    result = CliRunner().invoke(main, ["timeline", "--db", db, "--from", "blorp"])
    assert result.exit_code == 2 and "cannot read 'blorp' as a date" in result.output
    assert _run("timeline", "--db", db, "--from", "February 2022", "--to", "March 2022")[1].startswith("2022-03-01")
    assert _run("timeline", "--db", db, "--from", "2022-03-02")[1] == ""


def test_outlets_command(db: str) -> None:
    code, out = _run("outlets", "--db", db)
    assert code == 0 and out.splitlines()[:2] == [
        "2 outlets, 2 articles",
        "Outlet A: 1 articles, unknown, 2022-03..2022-03 (0 undated)",
    ]
    code, out = _run("outlets", "--db", db, "--format", "json")
    assert [(p["outlet"], p["articles"]) for p in json.loads(out)["outlets"]] == [("Outlet A", 1), ("Outlet B", 1)]


def test_propagation_cross_lingual(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import numpy as np

    en, ru = "we are ready to keep up the dialogue with Kyiv", "мы готовы продолжить диалог с Киевом сегодня"

    class Fake:
        def embed(self, texts: list[str]) -> np.ndarray:
            return np.ones((len(texts), 2), dtype=np.float32) / np.sqrt(2)

    monkeypatch.setattr("narrascope.models.embeddings.get_embedder", lambda name, device=None: Fake())
    store = Store(f"sqlite:///{tmp_path / 'x.db'}")
    for quote, lang, day in ((en, "en", "2022-03-01"), (ru, "ru", "2022-03-02")):
        text = f"“{quote}”, Peskov said."
        art = Article(text=text, meta={"published": day, "source": f"Outlet {lang}", "language": lang})
        art.add("quote", 1, 1 + len(quote), "quote", kind="direct", speaker="Peskov", speaker_entity="dmitry-peskov")
        store.save(art)
    code, out = _run("propagation", "--db", str(tmp_path / "x.db"), "--cross-lingual", "--format", "json")
    (group,) = json.loads(out)["cross_lingual"]
    assert (code, group["languages"], [c["text"] for c in group["chain"]]) == (0, ["en", "ru"], [en, ru])
    code, out = _run("propagation", "--db", str(tmp_path / "x.db"), "--cross-lingual")
    assert "== quotes linked across languages (similarity >= 0.6): 1" in out.splitlines()
