"""How many outcomes a run over some inputs will report, counted cheaply before it starts (for progress).

One per file, one per non-blank JSONL line, one per Parquet row; None when that cannot be known
without reading the inputs twice (standard input, JSON and CSV record files).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..errors import InputError
from ..ingest.readers import STDIN, iter_files
from ..ingest.stream import JSONL_EXT, wide_encoding
from ..settings import IngestSettings

_UNKNOWN = (".json", ".csv", ".tsv")


def count_items(paths: Iterable[str], settings: IngestSettings) -> int | None:
    """The number of items :func:`~narrascope.ingest.read_inputs` yields for ``paths``, or None."""
    total = 0
    for entry in iter_files(paths):
        if isinstance(entry, InputError):
            total += 1
            continue
        path = entry[0]
        suffix = path.suffix.lower()
        if path == STDIN or suffix in _UNKNOWN or (suffix in JSONL_EXT and wide_encoding(settings.encoding)):
            return None
        if suffix in JSONL_EXT:
            total += _jsonl_records(path)
        elif suffix == ".parquet":
            total += _parquet_rows(path)
        else:
            total += 1
    return total


def _jsonl_records(path: Path) -> int:
    """Non-blank lines (each one record or one error); an unreadable file is one error."""
    try:
        with path.open("rb") as fh:
            return sum(1 for line in fh if line.strip())
    except OSError:
        return 1


def _parquet_rows(path: Path) -> int:
    import pyarrow.parquet as pq
    from pyarrow import ArrowException

    try:
        return int(pq.ParquetFile(str(path)).metadata.num_rows)
    except (ArrowException, OSError):
        return 1
