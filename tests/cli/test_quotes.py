"""``narrascope quotes`` over a real SQLite store, and ``eval quotes`` on a tiny brat split."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from narrascope.cli import main
from narrascope.document import Article
from narrascope.store import open_store

TEXT = "“We are ready to talk,” Anna Berg said. Tom Reed said the convoy was late."


def _article() -> Article:
    art = Article(TEXT, meta={"source": "Harbor Wire", "published": "2022-05-23", "title": "Talks"})
    art.add("quote", 1, 21, "quote", kind="direct", cue="said", speaker="Anna Berg", speaker_entity="Q1")
    art.add("quote", 54, 73, "quote", kind="reported", cue="said", speaker="Tom Reed", speaker_entity=None)
    return art


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "q.db"
    store = open_store(f"sqlite:///{path}")
    store.save(_article())
    store.close()
    return str(path)


def _invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout


def test_quotes_json_filtered_by_speaker(db: str) -> None:
    code, out = _invoke("quotes", "--db", db, "--speaker", "berg", "--format", "json")
    assert code == 0
    assert json.loads(out) == [
        {
            "article_id": _article().id,
            "published": "2022-05-23",
            "outlet": "Harbor Wire",
            "speaker": "Anna Berg",
            "speaker_entity": "Q1",
            "co_speakers": [],
            "kind": "direct",
            "cue": "said",
            "start": 1,
            "end": 21,
            "quote": "We are ready to talk",
        }
    ]


def test_quotes_csv_and_table(db: str) -> None:
    code, out = _invoke("quotes", "--db", db, "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["speaker"], r["kind"], r["quote"]) for r in rows] == [
        ("Anna Berg", "direct", "We are ready to talk"),
        ("Tom Reed", "reported", "the convoy was late"),
    ]
    code, out = _invoke("quotes", "--db", db, "--speaker", "Q1")
    assert code == 0
    lines = out.strip().splitlines()
    assert len(lines) == 2 and "Anna Berg" in lines[1] and "We are ready to talk" in lines[1]


def test_a_joint_statement_is_found_under_each_speaker(tmp_path: Path) -> None:
    text = "Russia and China said they opposed any expansion of the alliance."
    art = Article(text, meta={"source": "Harbor Wire"})
    co = [{"entity": "china", "name": "China"}]
    art.add("quote", 22, 64, "quote", kind="reported", speaker="Russia", speaker_entity="russia", co_speakers=co)
    path = tmp_path / "j.db"
    store = open_store(f"sqlite:///{path}")
    store.save(art)
    store.close()
    for who in ("china", "Russia"):
        code, out = _invoke("quotes", "--db", str(path), "--speaker", who, "--format", "csv")
        rows = list(csv.DictReader(io.StringIO(out)))
        assert code == 0 and [(r["speaker"], r["co_speakers"], r["quote"]) for r in rows] == [
            ("Russia", "China", "they opposed any expansion of the alliance")
        ]
    code, out = _invoke("quotes", "--db", str(path), "--speaker", "china")
    assert code == 0 and "Russia & China" in out.splitlines()[1]


def test_quotes_nothing_found(db: str) -> None:
    assert _invoke("quotes", "--db", db, "--speaker", "nobody")[1].strip() == "no quotes found"


@pytest.mark.slow
def test_eval_quotes_on_a_tiny_split(tmp_path: Path) -> None:
    text = "Ann Lee said the vote was close.\nBob Kerr spoke later.\n"
    root = tmp_path / "pn" / "train"
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    (root / "text" / "d.txt").write_text(text, encoding="utf-8")
    (root / "attributions" / "d_a1.ann").write_text(
        "T1\tSource 0 7\tAnn Lee\nT2\tCue 8 12\tsaid\nT3\tContent 13 31\tthe vote was close\n"
        "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3\n",
        encoding="utf-8",
    )
    code, out = _invoke("eval", "quotes", "--polnear", str(tmp_path / "pn"), "--folds", "1")
    assert code == 0
    res = json.loads(out)
    assert res["documents"] == 1
    assert res["rules_only"]["content_exact"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert res["rules_only"]["attribution"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
