"""The Ray engine writes the same Parquet rows as the local engine (examples, fast components)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from narrascope.cli import main
from narrascope.scale import read_parquet_table

ray = pytest.importorskip("ray", reason="Ray is not installed (pip install 'narrascope[ray]')")

pytestmark = pytest.mark.slow
COMPONENTS = "sentences,dates,entities"  # real spaCy small model; the components that need no embedder


def test_ray_parquet_equals_local_and_drops_repeated_texts(
    tmp_path: Path, examples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RAY_AUTH_MODE", "disabled")  # no token file in the user's home for a throwaway local Ray
    records = tmp_path / "corpus.jsonl"
    with records.open("w", encoding="utf-8") as fh:  # the examples as JSONL records too, to test that reader
        for path in sorted(examples.glob("*.txt"))[:4]:
            text = path.read_text("utf-8") + "\n\nA JSONL copy of this example."  # not a duplicate text
            fh.write(json.dumps({"text": text, "title": path.stem, "published": "2022-05-01"}) + "\n")
        first = sorted(examples.glob("*.txt"))[0].read_text("utf-8")  # same text as an input before it: dropped
        fh.write(json.dumps({"text": first, "title": "a copy", "published": "2022-05-02"}) + "\n")
    inputs = [str(examples), str(records)]
    local = CliRunner().invoke(main, ["analyze", *inputs, "--components", COMPONENTS, "-q", "--db",
                                      str(tmp_path / "x.db"), "--out", str(tmp_path / "local.parquet")])
    assert local.exit_code == 0, local.output
    remote = CliRunner().invoke(main, ["analyze", "--engine", "ray", "--workers", "1", *inputs, "--components",
                                       COMPONENTS, "--out", str(tmp_path / "ray")])
    assert remote.exit_code == 0, remote.output
    assert not ray.is_initialized()  # the engine shut down the Ray it started
    want, got = read_parquet_table(tmp_path / "local.parquet"), read_parquet_table(tmp_path / "ray")
    assert len(want) == 14
    assert {a["layer"] for r in want for a in r["annotations"]} == {"sentence", "date", "entity"}
    assert got == want
