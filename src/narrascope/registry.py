"""The component registry: ``@register`` records a factory under its name with the layers it
needs and produces. It sits below ``components/`` (which fill it) and ``pipeline`` (which reads it)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .document import Article
from .settings import Settings

BatchFn = Callable[[list[Article]], None]
Factory = Callable[[Settings], BatchFn]


@dataclass(frozen=True)
class ComponentSpec:
    """What the registry knows about a component before it is built."""

    name: str
    factory: Factory
    needs: tuple[str, ...]
    produces: tuple[str, ...]
    doc: str


REGISTRY: dict[str, ComponentSpec] = {}


def register(name: str, *, needs: Sequence[str] = (), produces: Sequence[str] = ()) -> Callable[[Factory], Factory]:
    """Decorator that registers a component factory under ``name``."""

    def deco(factory: Factory) -> Factory:
        doc = (factory.__doc__ or "").strip().splitlines()
        REGISTRY[name] = ComponentSpec(name, factory, tuple(needs), tuple(produces), doc[0] if doc else "")
        return factory

    return deco
