"""Further export formats (Parquet, Label Studio, shared-task files) next to :mod:`narrascope.export`."""

from __future__ import annotations

from .labelstudio import labelstudio_config, read_labelstudio, write_labelstudio
from .parquet import write_parquet
from .semeval import write_semeval2025_explanations, write_semeval2025_narratives

__all__ = [
    "labelstudio_config",
    "read_labelstudio",
    "write_labelstudio",
    "write_parquet",
    "write_semeval2025_explanations",
    "write_semeval2025_narratives",
]

BINARY_FORMATS = {"parquet"}
MEDIA_TYPES = {
    "jsonl": "application/x-ndjson",
    "csv": "text/csv",
    "parquet": "application/vnd.apache.parquet",
    "labelstudio": "application/json",
    "semeval2025-st2": "text/tab-separated-values",
    "semeval2025-st3": "text/tab-separated-values",
}
TEXT_WRITERS = {
    "labelstudio": write_labelstudio,
    "semeval2025-st2": write_semeval2025_narratives,
    "semeval2025-st3": write_semeval2025_explanations,
}
