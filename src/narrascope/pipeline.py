"""Pipeline components: registered by name, each declaring the layers it needs and produces.

A component factory takes the :class:`~narrascope.settings.Settings` and returns a callable
that annotates a *batch* of articles in place (batches let spaCy and embedding models
work efficiently). Built-in components live in :mod:`narrascope.components` and register
themselves on import; third-party ones register through the ``narrascope.components``
entry-point group.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable, Iterator, Sequence
from importlib.metadata import entry_points
from itertools import islice

from .document import Article
from .errors import NarrascopeError, PipelineError
from .registry import REGISTRY, BatchFn, ComponentSpec, Factory, register
from .settings import Settings

__all__ = ["BatchFn", "ComponentSpec", "Factory", "Pipeline", "check_order", "register", "registered"]

_DISCOVERED = False


def _discover() -> None:
    """Import every built-in component module and plugged-in entry point (once).

    A module that fails to import raises :class:`PipelineError` naming it: a broken component
    is an error, never a component that quietly goes missing.
    """
    global _DISCOVERED
    if _DISCOVERED:
        return
    from . import components

    for mod in pkgutil.iter_modules(components.__path__):
        try:
            importlib.import_module(f"{components.__name__}.{mod.name}")
        except Exception as exc:
            raise PipelineError(
                f"could not be imported ({type(exc).__name__}: {exc}); reinstall narrascope", component=mod.name
            ) from exc
    for ep in entry_points(group="narrascope.components"):
        try:
            ep.load()
        except Exception as exc:
            why = f"{type(exc).__name__}: {exc}"
            raise PipelineError(f"plug-in could not be loaded ({why})", component=ep.name) from exc
    _DISCOVERED = True


def registered() -> dict[str, ComponentSpec]:
    """All known components, built-in and plugged in."""
    _discover()
    return dict(REGISTRY)


def unknown_layers(stored: Iterable[str], names: Iterable[str]) -> tuple[list[str], list[str]]:
    """(unknown, known) layer names: a name is known when a stored article has it or a component produces it
    (CLI and API refuse the unknown ones, since a typo would export empty annotations)."""
    known = set(stored) | {p for spec in registered().values() for p in spec.produces}
    return sorted(set(names) - known), sorted(known)


def check_order(names: Sequence[str]) -> list[ComponentSpec]:
    """Specs for ``names`` in order; raises if a component is unknown or runs before what it needs."""
    specs = registered()
    available: set[str] = set()
    out = []
    for name in names:
        if name not in specs:
            known = ", ".join(sorted(specs))
            raise PipelineError(f"unknown component {name!r}; known components: {known}")
        spec = specs[name]
        missing = [layer for layer in spec.needs if layer not in available]
        if missing:
            raise PipelineError(
                f"needs layer(s) {', '.join(missing)}, which no earlier component produces; "
                "put the producing component before it in pipeline.components",
                component=name,
            )
        available.update(spec.produces)
        out.append(spec)
    return out


class Pipeline:
    """An ordered list of built components; call it on batches of articles."""

    def __init__(self, settings: Settings, names: Sequence[str] | None = None) -> None:
        self.settings = settings
        self.specs = check_order(list(names if names is not None else settings.pipeline.components))
        self._built: list[tuple[ComponentSpec, BatchFn]] | None = None

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.specs]

    @property
    def signature(self) -> str:
        """A short string naming the components, stored with each analysed article."""
        return ",".join(self.names)

    def _components(self) -> list[tuple[ComponentSpec, BatchFn]]:
        if self._built is None:
            from .models.embeddings import set_default_device

            set_default_device(self.settings.models.device)  # embedders follow --device / models.device
            built = []
            for spec in self.specs:
                try:
                    built.append((spec, spec.factory(self.settings)))
                except NarrascopeError as exc:
                    raise PipelineError(str(exc), component=spec.name) from exc
                except Exception as exc:
                    raise PipelineError(f"could not be built: {exc}", component=spec.name) from exc
            self._built = built
        return self._built

    def run_batch(self, articles: list[Article]) -> None:
        """Run every component over the batch; raises :class:`PipelineError` naming the failing one."""
        for spec, fn in self._components():
            try:
                fn(articles)
            except PipelineError:
                raise
            except Exception as exc:
                raise PipelineError(f"failed: {type(exc).__name__}: {exc}", component=spec.name) from exc
        for art in articles:
            art.runtime.clear()
            art.results["pipeline"] = self.signature

    def __call__(self, article: Article) -> Article:
        self.run_batch([article])
        return article

    def pipe(self, articles: Iterable[Article]) -> Iterator[tuple[Article, PipelineError | None]]:
        """Analyse a stream in batches; an article whose analysis fails is yielded with its error.

        When a batch fails, its articles are retried one by one so a single bad article
        does not take the others down with it.
        """
        it = iter(articles)
        size = max(1, self.settings.pipeline.batch_size)
        while batch := list(islice(it, size)):
            try:
                self.run_batch(batch)
                for art in batch:
                    yield art, None
            except PipelineError:
                for art in batch:
                    _reset(art)
                    try:
                        self.run_batch([art])
                        yield art, None
                    except PipelineError as exc:
                        _reset(art)  # no half-analysed article leaves the pipeline
                        yield art, exc


def _reset(article: Article) -> None:
    article.annotations.clear()
    article.entities.clear()
    article.narratives.clear()
    article.roles.clear()
    article.explanation = None
    article.runtime.clear()
