"""Further export formats (Parquet, Label Studio, shared-task files) next to :mod:`narrascope.export`."""

from __future__ import annotations

from .labelstudio import labelstudio_config, read_labelstudio, write_labelstudio
from .parquet import write_parquet

__all__ = ["labelstudio_config", "read_labelstudio", "write_labelstudio", "write_parquet"]

BINARY_FORMATS = {"parquet"}
MEDIA_TYPES = {
    "jsonl": "application/x-ndjson",
    "csv": "text/csv",
    "parquet": "application/vnd.apache.parquet",
    "labelstudio": "application/json",
}
