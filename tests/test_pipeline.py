"""The component registry and runner: order checks, failure naming, per-article isolation."""

from __future__ import annotations

import pytest

from narrascope.document import Article
from narrascope.errors import PipelineError
from narrascope.pipeline import BatchFn, Pipeline, check_order, register
from narrascope.settings import Settings


@register("test_words", produces=("word",))
def _words(settings: Settings) -> BatchFn:
    """Mark every word."""

    def run(articles: list[Article]) -> None:
        for art in articles:
            pos = 0
            for word in art.text.split():
                start = art.text.index(word, pos)
                art.add("word", start, start + len(word), "w")
                pos = start + len(word)

    return run


@register("test_boom", needs=("word",), produces=("boom",))
def _boom(settings: Settings) -> BatchFn:
    """Fail on articles that contain 'boom'."""

    def run(articles: list[Article]) -> None:
        for art in articles:
            if "boom" in art.text:
                raise ValueError("cannot handle boom")

    return run


def test_order_is_checked() -> None:
    assert [s.name for s in check_order(["test_words", "test_boom"])] == ["test_words", "test_boom"]
    with pytest.raises(PipelineError, match=r"'test_boom'.*needs layer"):
        check_order(["test_boom", "test_words"])
    with pytest.raises(PipelineError, match="unknown component 'nope'"):
        check_order(["nope"])


def test_failing_article_is_isolated_and_component_named() -> None:
    settings = Settings().with_overrides({"pipeline.batch_size": 3})
    pipe = Pipeline(settings, ["test_words", "test_boom"])
    arts = [Article("one two"), Article("a boom here"), Article("three")]
    results = list(pipe.pipe(arts))
    assert [(a.text, e is None) for a, e in results] == [("one two", True), ("a boom here", False), ("three", True)]
    error = results[1][1]
    assert error is not None and error.component == "test_boom" and "cannot handle boom" in str(error)
    assert [len(a.layer("word")) for a, _ in results] == [2, 0, 1]
    assert results[0][0].results["pipeline"] == "test_words,test_boom"


def test_builtin_components_are_registered() -> None:
    pipe = Pipeline(Settings(), ["sentences", "dates"])
    assert pipe.signature == "sentences,dates"


def test_a_component_that_fails_to_import_raises_naming_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """A broken built-in component is an error naming it, never a component quietly missing (or a skipped test)."""
    import importlib

    from narrascope import pipeline

    real = importlib.import_module

    def broken(name: str, package: str | None = None) -> object:
        if name == "narrascope.components.quotes":
            raise ImportError("No module named 'rapidfuzz'")
        return real(name, package)

    monkeypatch.setattr(pipeline, "_DISCOVERED", False)
    monkeypatch.setattr(pipeline.importlib, "import_module", broken)
    with pytest.raises(PipelineError, match=r"component 'quotes': could not be imported \(ImportError: No module"):
        pipeline.registered()
    monkeypatch.setattr(pipeline.importlib, "import_module", real)
    assert "quotes" in pipeline.registered()
