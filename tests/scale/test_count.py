"""Counting a run's items up front: the progress bar's total is exactly the number of outcomes."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from narrascope.ingest import read_inputs
from narrascope.pipeline import Pipeline
from narrascope.runner import run
from narrascope.scale.count import count_items
from narrascope.settings import Settings


def test_count_matches_the_outcomes_of_the_run(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    lines = [json.dumps({"text": f"Report {i}: Kyiv said the talks would resume."}) for i in range(5)]
    (folder / "a.jsonl").write_text("\n".join(lines[:3]) + "\n\n  \n{broken\n" + "\n".join(lines[3:]), encoding="utf-8")
    (folder / "b.txt").write_text("Moscow said there would be no deal this week.", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "README.md").write_text("not an article", encoding="utf-8")
    pq.write_table(pa.table({"text": ["Minsk talks ended.", "Ankara hosted a round."]}), folder / "c.parquet")
    settings = Settings.load(None, {"ingest.language": "en", "store.url": f"sqlite:///{tmp_path / 'c.db'}"})
    paths = [str(folder), str(tmp_path / "missing.txt")]
    report = run(read_inputs(paths, settings.ingest), Pipeline(settings, []))
    assert report.counts() == {"analysed": 8, "rejected": 3}
    assert count_items(paths, settings.ingest) == len(report.outcomes) == 11


def test_count_is_unknown_for_stdin_json_and_csv(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("text\nKyiv said so.\n", encoding="utf-8")
    (tmp_path / "b.json").write_text('[{"text": "Kyiv said so."}]', encoding="utf-8")
    ingest = Settings.load().ingest
    assert [count_items(p, ingest) for p in (["-"], [str(tmp_path / "a.csv")], [str(tmp_path / "b.json")])] == [
        None, None, None
    ]
