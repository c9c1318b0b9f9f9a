"""narrascope: structured, evidence-linked analysis of conflict news coverage.

The public API is small: articles and annotations, settings, the pipeline, readers,
the store and the runner that ties them together.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .document import SCHEMA_VERSION, Annotation, Article
from .errors import (
    AnnotationError,
    ConfigError,
    InputError,
    ModelError,
    NarrascopeError,
    NotFoundError,
    PipelineError,
    StoreError,
)
from .settings import Settings
from .version import __version__

if TYPE_CHECKING:
    from .ingest import read_inputs
    from .pipeline import Pipeline, register
    from .runner import RunReport, run
    from .store import Store, open_store

# Loaded on first use (PEP 562), so ``import narrascope`` and ``__version__`` stay cheap:
# the store, the runner and the pipeline pull in SQLAlchemy, spaCy helpers and the readers.
_LAZY = {
    "read_inputs": ".ingest",
    "Pipeline": ".pipeline",
    "register": ".pipeline",
    "RunReport": ".runner",
    "run": ".runner",
    "Store": ".store",
    "open_store": ".store",
}


def __getattr__(name: str) -> Any:
    """Import the public names of the heavier modules when first asked for."""
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "SCHEMA_VERSION",
    "Annotation",
    "AnnotationError",
    "Article",
    "ConfigError",
    "InputError",
    "ModelError",
    "NarrascopeError",
    "NotFoundError",
    "Pipeline",
    "PipelineError",
    "RunReport",
    "Settings",
    "Store",
    "StoreError",
    "__version__",
    "open_store",
    "read_inputs",
    "register",
    "run",
]
