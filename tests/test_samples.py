"""End to end on the five real samples in ../shared (skipped when absent)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from narrascope.cli import main

pytestmark = [pytest.mark.shared, pytest.mark.slow]


def test_analyze_samples_with_the_default_pipeline(shared: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.jsonl"
    result = CliRunner().invoke(
        main,
        ["analyze", str(shared / "samples" / "peace-talks"), "--out", str(out), "--db", str(tmp_path / "s.db"), "-q"],
    )
    assert result.exit_code == 0, result.stderr
    articles = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(articles) == 5
    by_file = {Path(a["meta"]["path"]).name[:3]: a for a in articles}
    assert by_file["004"]["meta"]["source"] == "Sputnik"
    assert by_file["003"]["meta"]["source"] == "Press TV"
    for a in articles:
        raw = (shared / "samples" / "peace-talks" / Path(a["meta"]["path"]).name).read_text(encoding="utf-8")
        assert a["meta"]["language"] == "en" and a["meta"]["published"] is None
        for bad in ("Leave a Comment", "SHARE THIS ARTICLE", "alternate addresses", "News Roku", "Source: Sputnik"):
            assert bad not in a["text"]
        assert len(a["text"]) > 0.8 * len(raw.strip()) - 400
        for ann in a["annotations"]:
            surface = a["text"][ann["start"] : ann["end"]]
            assert surface.strip(), ann
        layers = {ann["layer"] for ann in a["annotations"]}
        assert {"sentence", "date"} <= layers
