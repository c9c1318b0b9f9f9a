"""The one input reader: :func:`read_inputs` streams JSONL a line at a time and Parquet a row group
at a time, and reads every other input whole with :mod:`narrascope.ingest.readers`, so memory stays
flat whatever the corpus size.

For JSONL, ``ingest.max_bytes`` limits each record, not the file (a forced UTF-16/UTF-32
``ingest.encoding`` is the exception: such a file is read whole). pyarrow is imported only when a
Parquet file is read.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from ..settings import IngestSettings
from .decode import check_encoding
from .readers import (
    STDIN,
    Item,
    decode_input,
    forced_meta,
    iter_files,
    json_line_item,
    read_file,
    read_stdin,
    record_item,
)

JSONL_EXT = (".jsonl", ".ndjson")
PARQUET_BATCH = 256  # Parquet rows decoded at a time


def read_inputs(paths: Iterable[str], settings: IngestSettings) -> Iterator[Item]:
    """Expand paths, directories (recursive) and globs, then read each file; ``-`` reads stdin.

    JSONL is read a line at a time and Parquet a row group at a time; other files whole.
    """
    for entry in iter_files(paths):
        if isinstance(entry, InputError):
            yield entry
        elif entry[0] == STDIN:
            yield from read_stdin(settings)
        else:
            yield from read_path(entry[0], settings, entry[1])


def input_files(paths: Iterable[str]) -> Iterator[tuple[Path, dict[str, str]] | InputError]:
    """The files named by paths, directories and globs, each with its ``metadata.csv`` sidecar fields;
    ``-`` is an InputError (for readers that need files, such as the Ray engine's)."""
    for entry in iter_files(paths):
        if not isinstance(entry, InputError) and entry[0] == STDIN:
            yield InputError("-", "standard input cannot be streamed here; pass files")
        else:
            yield entry


def read_path(path: Path, settings: IngestSettings, extra_meta: dict[str, str] | None = None) -> Iterator[Item]:
    """One input file, streamed: JSONL a line at a time, Parquet a row group at a time, others whole."""
    suffix = path.suffix.lower()
    if suffix in JSONL_EXT and not wide_encoding(settings.encoding):
        yield from _jsonl_lines(path, settings)
    elif suffix == ".parquet":
        yield from parquet_records(path, settings)
    else:
        yield from read_file(path, settings, extra_meta)


def wide_encoding(encoding: str | None) -> bool:
    """A forced UTF-16/UTF-32 encoding: its lines do not end at a newline byte, so the file is read whole."""
    return encoding is not None and check_encoding(encoding).startswith(("utf-16", "utf-32"))


def parquet_records(source: str | Path, settings: IngestSettings) -> Iterator[Item]:
    """Articles from the records of a Parquet file (same fields as JSON records), one row group at a time."""
    import pyarrow.parquet as pq
    from pyarrow import ArrowException

    name = str(source)
    row = 0
    try:
        for batch in pq.ParquetFile(name).iter_batches(batch_size=PARQUET_BATCH):
            for record in batch.to_pylist():
                row += 1
                where = f"{name}:{row}"
                yield record_item(where, record, settings)
    except (ArrowException, OSError) as exc:
        yield InputError(name, f"cannot read Parquet: {exc}")


def _jsonl_lines(path: Path, settings: IngestSettings) -> Iterator[Item]:
    """One JSONL file read a line at a time, with the same record names and errors as the whole-file reader.

    Unlike the whole-file reader, ``ingest.max_bytes`` limits each record, not the file,
    so corpora of any size stream through.
    """
    name = str(path)
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield InputError(name, f"cannot read: {exc.strerror}")
        return
    with fh:
        for lineno, raw in enumerate(fh, 1):
            where = f"{name}:{lineno}"
            if len(raw) > settings.max_bytes:
                yield InputError(where, f"record is {len(raw)} bytes, over the {settings.max_bytes} bytes limit")
                continue
            try:
                line = raw.decode(settings.encoding or "utf-8")
                line = line.removeprefix("\ufeff") if lineno == 1 else line  # a byte-order mark is not text
            except UnicodeDecodeError:
                try:
                    line = decode_input(where, raw, settings).text
                except InputError as exc:
                    yield exc
                    continue
            item = json_line_item(where, line, settings)
            if item is not None:
                yield forced_meta(item, settings)
