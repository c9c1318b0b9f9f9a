"""ParquetSink takes the runner's articles directly (no JSON round trip) and writes the same rows."""

from __future__ import annotations

from pathlib import Path

from narrascope.document import Article
from narrascope.pipeline import Pipeline
from narrascope.runner import ArticleSink, run
from narrascope.scale import ParquetSink, read_parquet_table
from narrascope.settings import Settings


def _article(i: int) -> Article:
    art = Article(text=f"Article {i} says “hello”.", meta={"source": "RT", "published": "2022-03-01"})
    art.add("quote", 15, 20, "quote", kind="direct", parts=[[15, 20]])
    art.add("sentence", 0, len(art.text), "sentence")
    return art


def test_add_and_write_give_the_same_rows(tmp_path: Path) -> None:
    arts = [_article(i) for i in range(5)]
    with ParquetSink(tmp_path / "a.parquet", chunk=2) as direct, ParquetSink(tmp_path / "b.parquet", chunk=2) as text:
        assert isinstance(direct, ArticleSink)
        for art in arts:
            direct.add(art)
            text.write(art.to_json() + "\n")
    assert direct.count == text.count == 5
    assert read_parquet_table(tmp_path / "a.parquet") == read_parquet_table(tmp_path / "b.parquet")


def test_the_runner_hands_articles_to_the_sink(tmp_path: Path) -> None:
    settings = Settings.load(None, {"store.url": f"sqlite:///{tmp_path / 'x.db'}"})
    seen: list[Article] = []

    class Sink:
        def add(self, article: Article) -> None:
            seen.append(article)

        def write(self, line: str) -> int:
            raise AssertionError("the runner must not serialise articles for an article sink")

    arts = [_article(i) for i in range(3)]
    report = run(arts, Pipeline(settings, []), None, Sink())
    assert report.ok and [a.id for a in seen] == [a.id for a in arts]
