"""narrascope: structured, evidence-linked analysis of conflict news coverage.

The public API is small: articles and annotations, settings, the pipeline, readers,
the store and the runner that ties them together.
"""

from __future__ import annotations

__version__ = "0.1.0"

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
from .ingest import read_inputs
from .pipeline import Pipeline, register
from .runner import RunReport, run
from .settings import Settings
from .store import Store, open_store

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
