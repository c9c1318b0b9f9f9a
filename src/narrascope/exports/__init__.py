"""Export formats: Parquet, Label Studio, shared-task files next to :mod:`narrascope.export` (JSONL, CSV), and
:data:`FORMATS`, the one registry of them all that the CLI and the REST API dispatch on."""

from __future__ import annotations

from .formats import FORMATS, ExportFormat, export_format
from .labelstudio import labelstudio_config, read_labelstudio, write_labelstudio
from .parquet import write_parquet
from .semeval import write_semeval2025_explanations, write_semeval2025_narratives

__all__ = [
    "FORMATS",
    "ExportFormat",
    "export_format",
    "labelstudio_config",
    "read_labelstudio",
    "write_labelstudio",
    "write_parquet",
    "write_semeval2025_explanations",
    "write_semeval2025_narratives",
]

#: Views of :data:`FORMATS` (the registry in :mod:`.formats`) kept for older callers.
BINARY_FORMATS = {name for name, f in FORMATS.items() if f.binary}
MEDIA_TYPES = {name: f.media_type for name, f in FORMATS.items()}
TEXT_WRITERS = {name: f.writer for name, f in FORMATS.items() if name not in ("jsonl", "csv") and not f.binary}
