"""``narrascope profiles``: technique lines per outlet (and whose quotes), ``--speakers``, ``--min-confidence``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from narrascope.cli import main
from narrascope.document import Article
from narrascope.store import Store

TEXT = "The Kiev regime stalls. “Only a puppet would sign,” Peskov said."


@pytest.fixture
def db(tmp_path: Path) -> str:
    art = Article(TEXT, meta={"title": "T", "source": "Outlet A", "published": "2022-03-01"})
    art.add("quote", 25, 49, "quote", kind="direct", speaker="Dmitry Peskov", speaker_entity="dmitry-peskov")
    art.add("technique", 4, 15, "Name_Calling-Labeling", confidence=0.6)
    art.add("technique", 32, 38, "Name_Calling-Labeling", confidence=0.5)
    art.add("technique", 24, 31, "Loaded_Language", confidence=0.1)  # under hide_below 0.25
    path = tmp_path / "p.db"
    Store(f"sqlite:///{path}").save(art)
    return str(path)


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout


def test_profiles_table_counts_what_pages_show(db: str) -> None:
    code, out = _run("profiles", "--db", db)
    assert code == 0
    assert out.splitlines() == [
        "Outlet A: 1 articles (2022-03:1; 0 undated)",
        "    narratives: ",
        "    techniques (confidence >= 0.25; 1 of 2 in quotes): Name_Calling-Labeling (2)",
        "    techniques in quotes of: Dmitry Peskov (1: Name_Calling-Labeling (1))",
        "    quoted: Dmitry Peskov (1)",
    ]
    code, out = _run("profiles", "--db", db, "--min-confidence", "0")
    assert out.splitlines()[2] == (
        "    techniques (confidence >= 0; 2 of 3 in quotes): Name_Calling-Labeling (2), Loaded_Language (1)"
    )


def test_profiles_by_speaker(db: str) -> None:
    code, out = _run("profiles", "--db", db, "--speakers", "--min-confidence", "0")
    assert code == 0 and out.splitlines() == [
        "Dmitry Peskov: 2 technique spans in quotes (Outlet A)",
        "    Loaded_Language (1), Name_Calling-Labeling (1)",
    ]
    code, out = _run("profiles", "--db", db, "--speakers", "--format", "json")
    assert json.loads(out) == [
        {
            "id": "dmitry-peskov",
            "name": "Dmitry Peskov",
            "spans": 1,
            "techniques": [{"label": "Name_Calling-Labeling", "spans": 1}],
            "outlets": {"Outlet A": 1},
        }
    ]
    assert _run("profiles", "--db", db, "--min-confidence", "1.5")[0] == 2
