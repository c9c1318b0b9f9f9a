"""Label Studio round trip: tasks carry our spans as predictions; corrected annotations come back."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from narrascope.cli import main
from narrascope.document import Article
from narrascope.errors import InputError
from narrascope.exports.labelstudio import apply_corrections, labelstudio_config, read_labelstudio, write_labelstudio
from narrascope.store import Store

TEXT = "Peskov said talks stalled. Kuleba disagreed."


def _article() -> Article:
    art = Article(TEXT, meta={"title": "Talks"})
    art.add("sentence", 0, 26, "sentence")
    art.add("entity", 0, 6, "PERSON", entity_id="peskov", score=0.9)
    art.add("entity", 27, 33, "ORG")  # wrong label, to be corrected
    return art


def test_tasks_and_config() -> None:
    buf = io.StringIO()
    assert write_labelstudio([_article()], buf) == 1
    (task,) = json.loads(buf.getvalue())
    assert task["data"]["text"] == TEXT and task["data"]["article_id"] == _article().id
    assert [
        (r["from_name"], r["value"]["start"], r["value"]["end"], r["value"]["text"], r["value"]["labels"])
        for r in task["predictions"][0]["result"]
    ] == [
        ("entity", 0, 6, "Peskov", ["PERSON"]),
        ("entity", 27, 33, "Kuleba", ["ORG"]),
    ]  # sentences are left out by default
    assert task["predictions"][0]["result"][0]["score"] == 0.9
    config = labelstudio_config([_article()])
    assert '<Labels name="entity" toName="text">' in config and '<Label value="ORG"/>' in config
    assert "sentence" not in config


def _corrected_export(art: Article) -> list[dict[str, object]]:
    buf = io.StringIO()
    write_labelstudio([art], buf)
    tasks: list[dict[str, object]] = json.loads(buf.getvalue())
    result = json.loads(json.dumps(tasks[0]["predictions"][0]["result"]))  # type: ignore[index]
    result[1]["value"]["labels"] = ["PERSON"]
    tasks[0]["annotations"] = [
        {"result": result[:1], "completed_by": 7, "updated_at": "2026-01-01T00:00:00"},
        {"result": result, "completed_by": 7, "updated_at": "2026-01-02T00:00:00"},
        {"result": [], "was_cancelled": True, "updated_at": "2026-01-03T00:00:00"},
    ]
    return tasks


def test_read_and_apply_latest_submitted_annotation() -> None:
    art = _article()
    spans = read_labelstudio(_corrected_export(art))[art.id]
    assert [(s.layer, s.start, s.end, s.label) for s in spans] == [
        ("entity", 0, 6, "PERSON"),
        ("entity", 27, 33, "PERSON"),
    ]
    fixed = apply_corrections(art, spans)
    assert [(a.label, fixed.surface(a), a.attrs["annotator"]) for a in fixed.layer("entity")] == [
        ("PERSON", "Peskov", 7),
        ("PERSON", "Kuleba", 7),
    ]
    assert len(fixed.layer("sentence")) == 1  # layers not reviewed are kept


@pytest.mark.parametrize("bad", [{"not": "a list"}, [{"data": {"text": "x"}}]])
def test_foreign_exports_are_rejected(bad: object) -> None:
    with pytest.raises(InputError):
        read_labelstudio(bad)


def test_cli_round_trip(tmp_path: Path) -> None:
    db = tmp_path / "ls.db"
    store = Store(f"sqlite:///{db}")
    art = _article()
    store.save(art)
    path = tmp_path / "export.json"
    path.write_text(json.dumps(_corrected_export(art)), encoding="utf-8")
    result = CliRunner().invoke(main, ["import-labelstudio", str(path), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert [a.label for a in store.get(art.id).layer("entity")] == ["PERSON", "PERSON"]
