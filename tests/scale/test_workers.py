"""``--workers N``: same results as one process, in input order, with bounded read-ahead."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from narrascope.cli import main
from narrascope.document import Article
from narrascope.pipeline import Pipeline
from narrascope.scale import ParallelPipeline, make_pipeline, read_parquet_table
from narrascope.settings import Settings

BLANK = {"components.sentences.model": "blank:en", "pipeline.batch_size": 2}


def _articles(n: int) -> list[Article]:
    return [Article(text=f"Talks number {i} were held. Delegation {i} left early.\nNo deal.") for i in range(n)]


def test_parallel_equals_single_process_in_order_reading_ahead_boundedly() -> None:
    settings = Settings.load(None, {**BLANK, "pipeline.workers": 2})
    single = [a.to_dict() for a, err in Pipeline(settings, ["sentences"]).pipe(_articles(12)) if err is None]
    pulled = 0

    def source() -> Iterator[Article]:
        nonlocal pulled
        for art in _articles(12):
            pulled += 1
            yield art

    par = ParallelPipeline(settings, ["sentences"])
    stream = par.pipe(source())
    got = [next(stream)]
    assert pulled <= (2 * 2 + 1) * 2  # at most 2 × workers batches in flight, plus the one being filled
    got.extend(stream)
    assert pulled == 12
    assert [err for _, err in got] == [None] * 12
    assert [a.to_dict() for a, _ in got] == single
    assert [len(a.layer("sentence")) for a, _ in got] == [3] * 12
    assert par.signature == "sentences"


def test_component_failure_comes_back_per_article_with_its_name() -> None:
    settings = Settings.load(None, {"components.sentences.model": "no_such_model", "pipeline.workers": 2})
    got = list(ParallelPipeline(settings, ["sentences"]).pipe(_articles(3)))
    assert [a.text for a, _ in got] == [a.text for a in _articles(3)]
    for art, err in got:
        assert err is not None and err.component == "sentences"
        assert "no_such_model" in str(err)
        assert art.annotations == []


@pytest.mark.parametrize(("workers", "kind"), [(1, Pipeline), (3, ParallelPipeline)])
def test_make_pipeline_picks_by_workers(workers: int, kind: type) -> None:
    pipe = make_pipeline(Settings.load(None, {**BLANK, "pipeline.workers": workers}), ["sentences"])
    assert type(pipe) is kind


def test_cli_workers_writes_parquet_like_jsonl(tmp_path: Path, examples: Path) -> None:
    cfg = tmp_path / "cfg.toml"
    cfg.write_text('[components.sentences]\nmodel = "blank:en"\n', encoding="utf-8")
    base = ["--config", str(cfg), "analyze", str(examples), "--components", "sentences", "-q"]
    one = CliRunner().invoke(main, [*base, "--db", str(tmp_path / "a.db"), "--out", str(tmp_path / "a.jsonl")])
    two = CliRunner().invoke(main, [*base, "--db", str(tmp_path / "b.db"), "--workers", "2",
                                    "--out", str(tmp_path / "b.parquet")])
    assert one.exit_code == 0, one.output
    assert two.exit_code == 0, two.output
    jsonl = [Article.from_dict(json.loads(line)) for line in (tmp_path / "a.jsonl").read_text("utf-8").splitlines()]
    rows = read_parquet_table(tmp_path / "b.parquet")
    assert len(rows) == len(jsonl) == 10
    from narrascope.scale.parquet import article_row

    assert rows == sorted((article_row(a) for a in jsonl), key=lambda r: str(r["id"]))
