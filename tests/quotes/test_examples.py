"""End to end on the bundled examples/: who said what, as `quotes --speaker` and `summary` show it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from narrascope.cli import main

pytestmark = pytest.mark.slow

# (file prefix, start of the quote, speaker), hand-checked against the example texts
EXPECTED = [
    ("01", "The delegation is in place", "Dmitry Peskov"),
    ("01", "After that, the responsibility", "Dmitry Peskov"),
    ("01", "that aircraft, helicopters and missiles", "Alexander Lukashenko"),
    ("01", "We are ready to talk, but not in a country", "Volodymyr Zelensky"),
    ("03", "Nobody should confuse a gesture", "Vladimir Medinsky"),
    ("04", "We welcome the fact that Kyiv has finally", "Sergei Lavrov"),  # and its second part
    ("04", "Nothing has been closed", "Mykhailo Podolyak"),
    ("04", "They want this to drag on", "Sergei Lavrov"),
    ("05", "Russia still behaves as if", "Mykhailo Podolyak"),
    ("05", "Ukraine will return to the table", "Mykhailo Podolyak"),
    ("06", "We will not sit down", "Volodymyr Zelensky"),
    ("07", "The door to negotiations was not closed", "Vladimir Putin"),
    ("08", "Ukraine was preparing a peace formula", "Dmytro Kuleba"),
    ("09", "We will not sit down", "Volodymyr Zelensky"),
    ("09", "that his airspace would stay quiet", "Alexander Lukashenko"),
    ("09", "that diplomacy would return", "Josep Borrell"),  # "said at the time that …"
    ("01", "A Russian delegation has arrived", "Kremlin"),  # reported clause, speaker after it
    ("05", "Negotiations between Ukraine and Russia have been put on hold", "Mykhailo Podolyak"),
    ("08", "allies had seen no change", "Jens Stoltenberg"),
    ("02", "Washington would judge Moscow", "A senior U.S. defence official"),  # and 10, its rewrite
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    root = Path(__file__).resolve().parents[2] / "examples"
    path = str(tmp_path_factory.mktemp("examples") / "q.db")
    args = ["analyze", str(root), "--db", path, "-q", "--components", "sentences,dates,entities,quotes"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return path


def rows(db: str, *extra: str) -> list[dict[str, object]]:
    result = CliRunner().invoke(main, ["quotes", "--db", db, "--format", "json", *extra])
    assert result.exit_code == 0, result.output
    return list(json.loads(result.output))


def test_each_hand_checked_quote_has_its_speaker(db: str) -> None:
    found: dict[str, set[object]] = {}
    for r in rows(db):
        for _, start, _ in EXPECTED:
            if str(r["quote"]).startswith(start):
                found.setdefault(start, set()).add(r["speaker"])
    # 06 and 09 carry the same Zelensky sentence: one key, one speaker
    assert found == {start: {speaker} for _, start, speaker in EXPECTED}


def test_speaker_filter_returns_only_that_speakers_words(db: str) -> None:
    putin = [str(r["quote"]) for r in rows(db, "--speaker", "Putin")]
    assert not [q for q in putin if q.startswith("We will not sit down")]
    assert "The door to negotiations was not closed by us" in putin


def test_no_pseudo_quotes_of_two_words_or_fewer(db: str) -> None:
    assert [r["quote"] for r in rows(db) if len(str(r["quote"]).split()) <= 2] == []


def test_summary_quotes_name_who_said_them(db: str) -> None:
    result = CliRunner().invoke(main, ["summary", "--db", db])
    assert result.exit_code == 0, result.output
    lines = result.output.split("Some quotes:")[1].strip().splitlines()
    checked = 0
    for line in lines:
        speaker, _, text = line.strip().partition(" (")
        text = text.split("“", 1)[1]
        for _, start, want in EXPECTED:
            if text.startswith(start):
                assert speaker == want, line
                checked += 1
    assert "Ukrainian officials" not in {
        line.strip().partition(" (")[0] for line in lines if "meeting of leaders" in line
    }
    assert checked >= 1
