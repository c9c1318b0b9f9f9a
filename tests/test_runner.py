"""The runner: rejections reported, duplicates stored once, re-analysis when the pipeline changes."""

from __future__ import annotations

import io
import json
from pathlib import Path

import test_pipeline  # noqa: F401  (registers the test_words / test_boom components)
from narrascope.document import Article
from narrascope.errors import InputError
from narrascope.pipeline import Pipeline
from narrascope.runner import run
from narrascope.settings import Settings
from narrascope.store import open_store


def _settings(tmp_path: Path) -> Settings:
    return Settings.load().with_overrides({"store.url": f"sqlite:///{tmp_path / 'r.db'}"})


def test_run_reports_each_outcome(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    store = open_store(settings)
    items = [Article("one two"), InputError("bad.bin", "binary file"), Article("one two"), Article("a boom")]
    out = io.StringIO()
    report = run(items, Pipeline(settings, ["test_words", "test_boom"]), store, out)
    assert [(o.status, o.reason) for o in report.outcomes] == [
        ("rejected", "binary file"),
        ("duplicate", "same text as an earlier input of this run"),
        ("analysed", ""),
        ("failed", "component 'test_boom': failed: ValueError: cannot handle boom"),
    ]
    assert report.counts() == {"rejected": 1, "duplicate": 1, "analysed": 1, "failed": 1} and not report.ok
    assert [json.loads(line)["text"] for line in out.getvalue().splitlines()] == ["one two"]
    assert store.count() == 1


def test_second_run_reuses_stored_analysis_until_pipeline_changes(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    store = open_store(settings)
    words = Pipeline(settings, ["test_words"])
    assert run([Article("one two")], words, store).counts() == {"analysed": 1}
    out = io.StringIO()
    again = run([Article("one two")], words, store, out)
    assert [(o.status, o.reason) for o in again.outcomes] == [("duplicate", "already stored")]
    assert len(json.loads(out.getvalue())["annotations"]) == 2
    assert run([Article("one two")], Pipeline(settings, []), store).counts() == {"reanalysed": 1}
    assert store.get(Article("one two").id).annotations == [] and store.count() == 1


def test_near_duplicates_are_indexed_at_ingest(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    store = open_store(settings)
    base = (
        "Kremlin aide Vladimir Medinsky said on Sunday that Russia is ready to resume the talks in Istanbul, "
        "adding that the initiative must come from Kyiv. Ukraine's chief negotiator rejected any concession "
        "on territory and said the talks remained on hold after the last round ended without a breakthrough."
    )
    edited = base.replace("on Sunday", "on Monday").replace("rejected", "ruled out")
    other = "Wheat exports through the Black Sea rose sharply in the autumn as new shipping routes opened up."
    pipe = Pipeline(settings, ["test_words"])
    first = run([Article(base), Article(other)], pipe, store)
    assert first.near_duplicates == {}
    second = run([Article(edited)], pipe, store)
    assert second.near_duplicates == {Article(edited).id: Article(base).id}
