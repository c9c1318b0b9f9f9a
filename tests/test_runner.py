"""The runner: rejections reported, duplicates stored once, re-analysis when the pipeline changes."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

import test_pipeline  # noqa: F401  (registers the test_words / test_boom components)
from narrascope.document import Article
from narrascope.errors import InputError, PipelineError, StoreError
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
        "adding that Kyiv has to make the first move. Ukraine's chief negotiator rejected any concession "
        "on territory and said the talks remained on hold after the last round ended without a breakthrough."
    )
    edited = base.replace("on Sunday", "on Monday").replace("rejected", "ruled out")
    other = "Wheat exports through the Black Sea rose sharply in the autumn as new shipping routes opened up."
    pipe = Pipeline(settings, ["test_words"])
    first = run([Article(base), Article(other)], pipe, store)
    assert first.near_duplicates == {}
    second = run([Article(edited)], pipe, store)
    assert second.near_duplicates == {Article(edited).id: Article(base).id}


BASE = (
    "Kremlin aide Vladimir Medinsky said on Sunday that Russia is ready to resume the talks in Istanbul, "
    "adding that Kyiv has to make the first move. Ukraine's chief negotiator rejected any concession "
    "on territory and said the talks remained on hold after the last round ended without a breakthrough."
)
EDITED = BASE.replace("on Sunday", "on Monday").replace("rejected", "ruled out")


def test_one_bad_record_fails_alone_and_the_run_goes_on(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    store = open_store(settings)
    items = [
        Article("one two", meta={"path": "a:1"}),
        Article("bad \ud800 x", meta={"path": "a:2"}),
        Article("three four", meta={"path": "a:3"}),
    ]
    report = run(items, Pipeline(settings, ["test_words"]), store)
    assert [(o.name, o.status, o.reason) for o in report.outcomes] == [
        (
            "a:2",
            "failed",
            "UnicodeEncodeError: 'utf-8' codec can't encode character '\\ud800' in position 4: surrogates not allowed",
        ),
        ("a:1", "analysed", ""),
        ("a:3", "analysed", ""),
    ]
    assert store.count() == 2


def test_a_broken_input_stream_ends_reading_but_not_the_run(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    store = open_store(settings)

    def items() -> Iterator[Article]:
        yield Article("one two", meta={"path": "a:1"})
        raise OSError("disk went away")

    report = run(items(), Pipeline(settings, ["test_words"]), store)
    assert [(o.name, o.status, o.reason) for o in report.outcomes] == [
        ("<inputs>", "failed", "reading stopped: OSError: disk went away"),
        ("a:1", "analysed", ""),
    ]
    assert store.count() == 1 and not report.ok


def test_a_failing_save_is_that_record_s_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = _settings(tmp_path)
    store = open_store(settings)
    real_save = store.save

    def save(article: Article, replace: bool = False) -> str:
        if "bad" in article.text:
            raise StoreError(f"could not store article {article.id}: disk full")
        return real_save(article, replace)

    monkeypatch.setattr(store, "save", save)
    report = run([Article("bad one"), Article("good one")], Pipeline(settings, ["test_words"]), store)
    assert [(o.status, o.reason) for o in report.outcomes] == [
        ("failed", f"could not store article {Article('bad one').id}: disk full"),
        ("analysed", ""),
    ]


def test_warnings_of_an_analysed_input_are_its_reason(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    art = Article("à tout", meta={"path": "f.txt", "warnings": ["ambiguous encoding: a and b"]})
    report = run([art], Pipeline(settings, ["test_words"]), open_store(settings))
    assert [(o.status, o.reason) for o in report.outcomes] == [("analysed", "ambiguous encoding: a and b")]


def test_rerun_indexes_articles_an_interrupted_run_stored(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    store = open_store(settings)
    pipe = Pipeline(settings, ["test_words"])
    for text in (BASE, EDITED):  # what a killed run leaves: stored and analysed, never indexed
        art = pipe(Article(text))
        store.save(art)
    report = run([Article(BASE), Article(EDITED)], pipe, store)
    assert report.counts() == {"duplicate": 2}
    assert report.near_duplicates == {Article(EDITED).id: Article(BASE).id}
    assert run([Article(BASE), Article(EDITED)], pipe, store).near_duplicates == {}  # indexed once


def test_an_article_stored_meanwhile_by_another_run_is_not_overwritten(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    store = open_store(settings)
    pipe = Pipeline(settings, ["test_words"])
    other_run = pipe(Article("one two"))
    other_run.meta["title"] = "theirs"
    real_pipe = pipe.pipe

    def pipe_then_other_run_saves(articles: Iterable[Article]) -> Iterator[tuple[Article, PipelineError | None]]:
        for art, error in real_pipe(articles):
            store.save(other_run)
            yield art, error

    pipe.pipe = pipe_then_other_run_saves  # type: ignore[method-assign]
    report = run([Article("one two")], pipe, store)
    assert [(o.status, o.reason) for o in report.outcomes] == [("duplicate", "stored meanwhile by another run")]
    assert store.get(other_run.id).meta["title"] == "theirs"


def test_an_article_another_live_run_holds_is_not_analysed_and_claims_are_released(tmp_path: Path) -> None:
    from narrascope.store import claims

    settings = _settings(tmp_path)
    store = open_store(settings)
    other = claims.new_owner()  # a run of this live process: its claims are live
    held = Article("two three")
    assert claims.claim(store, held.id, other)
    analysed: list[str] = []
    pipe = Pipeline(settings, ["test_words"])
    real_pipe = pipe.pipe

    def recording(articles: Iterable[Article]) -> Iterator[tuple[Article, PipelineError | None]]:
        for art, error in real_pipe(articles):
            analysed.append(art.text)
            yield art, error

    pipe.pipe = recording  # type: ignore[method-assign]
    report = run([Article("one two"), Article("two three"), Article("a boom")], pipe, store)
    assert [(o.status, o.article_id, o.reason) for o in report.outcomes] == [
        ("duplicate", held.id, "being analysed by another run"),
        ("analysed", Article("one two").id, ""),
        ("analysed", Article("a boom").id, ""),
    ]
    assert analysed == ["one two", "a boom"]
    assert claims.held(store) == {held.id: other}  # this run's claims released, the other's kept
    claims.release(store, other)
    assert run([Article("two three")], Pipeline(settings, ["test_words"]), store).counts() == {"analysed": 1}
