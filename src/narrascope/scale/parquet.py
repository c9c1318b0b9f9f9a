"""Parquet in and out for the engines: one row per analysed article.

Rows use the schema of ``narrascope export --format parquet`` (:mod:`narrascope.exports.parquet`),
so the local engine, the Ray engine and the export all write the same columns.
:func:`stream_inputs` adds Parquet input and line-streamed JSONL on top of
:func:`narrascope.ingest.read_inputs`, so memory stays flat whatever the corpus size.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..document import Article
from ..errors import InputError
from ..ingest import Item, read_inputs
from ..ingest.readers import STDIN, iter_files, json_line_item, record_item
from ..settings import IngestSettings


def article_row(article: Article) -> dict[str, Any]:
    """The Parquet row of one article: the same columns as ``narrascope export --format parquet``."""
    from ..exports.parquet import _row

    return _row(article, None)


def arrow_schema() -> Any:
    from ..exports.parquet import _schema

    return _schema()


def rows_table(rows: list[dict[str, Any]]) -> Any:
    """A pyarrow Table in the export schema from article rows."""
    import pyarrow as pa

    return pa.Table.from_pylist(rows, schema=arrow_schema())


class ParquetSink:
    """An article sink for :func:`narrascope.runner.run` (:meth:`add`): each article becomes a
    Parquet row; :meth:`write` still takes article JSON lines from other writers.

    Rows are flushed every ``chunk`` articles, so memory stays flat however many are written.
    """

    def __init__(self, path: str | Path, chunk: int = 256) -> None:
        import pyarrow.parquet as pq

        self.path = Path(path)
        self._writer = pq.ParquetWriter(str(self.path), arrow_schema(), compression="zstd")
        self._rows: list[dict[str, Any]] = []
        self._chunk = chunk
        self.count = 0

    def add(self, article: Article) -> None:
        """One analysed article as a row (no JSON round trip)."""
        self._rows.append(article_row(article))
        self.count += 1
        if len(self._rows) >= self._chunk:
            self.flush()

    def write(self, line: str) -> int:
        """Article JSON lines, one row each."""
        for part in line.splitlines():
            if part.strip():
                self._rows.append(article_row(Article.from_dict(json.loads(part))))
                self.count += 1
        if len(self._rows) >= self._chunk:
            self.flush()
        return len(line)

    def flush(self) -> None:
        if self._rows:
            self._writer.write_table(rows_table(self._rows))
            self._rows = []

    def close(self) -> None:
        self.flush()
        self._writer.close()

    def __enter__(self) -> ParquetSink:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def read_parquet_table(path: str | Path) -> list[dict[str, Any]]:
    """All rows of a Parquet file or directory of files, sorted by id (for comparisons and tests)."""
    import pyarrow.parquet as pq

    table = pq.read_table(str(path), schema=arrow_schema())
    return sorted(table.to_pylist(), key=lambda r: str(r["id"]))


def parquet_records(source: str | Path, settings: IngestSettings) -> Iterator[Item]:
    """Articles from the records of a Parquet file (same fields as JSON records), one row group at a time."""
    import pyarrow.parquet as pq
    from pyarrow import ArrowException


    name = str(source)
    row = 0
    try:
        for batch in pq.ParquetFile(name).iter_batches(batch_size=256):
            for record in batch.to_pylist():
                row += 1
                where = f"{name}:{row}"
                yield record_item(where, record, settings)
    except (ArrowException, OSError) as exc:
        yield InputError(name, f"cannot read Parquet: {exc}")


def read_path(path: Path, settings: IngestSettings, extra_meta: dict[str, str] | None = None) -> Iterator[Item]:
    """One input file, streamed: JSONL a line at a time, Parquet a row group at a time, others whole."""
    from ..ingest import read_file

    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson") and not _wide(settings.encoding):
        yield from _jsonl_lines(path, settings)
    elif suffix == ".parquet":
        yield from parquet_records(path, settings)
    else:
        yield from read_file(path, settings, extra_meta)


def _wide(encoding: str | None) -> bool:
    """A forced UTF-16/UTF-32 encoding: its lines do not end at a newline byte, so the file is read whole."""
    from ..ingest.decode import check_encoding

    return encoding is not None and check_encoding(encoding).startswith(("utf-16", "utf-32"))


def input_files(paths: Iterable[str]) -> Iterator[tuple[Path, dict[str, str]] | InputError]:
    """The files named by paths, directories and globs, each with its ``metadata.csv`` sidecar fields."""
    for entry in iter_files(paths):
        if not isinstance(entry, InputError) and entry[0] == STDIN:
            yield InputError("-", "standard input cannot be streamed here; pass files")
        else:
            yield entry


def stream_inputs(paths: Iterable[str], settings: IngestSettings) -> Iterator[Item]:
    """:func:`~narrascope.ingest.read_inputs` plus Parquet, reading JSONL and Parquet as streams."""
    for spec in paths:
        if spec == "-":
            yield from read_inputs([spec], settings)
            continue
        for found in input_files([spec]):
            if isinstance(found, InputError):
                yield found
            else:
                yield from read_path(found[0], settings, found[1])


def _jsonl_lines(path: Path, settings: IngestSettings) -> Iterator[Item]:
    """One JSONL file read a line at a time, with the same record names and errors as the whole-file reader.

    Unlike the whole-file reader, ``ingest.max_bytes`` limits each record, not the file,
    so corpora of any size stream through.
    """
    from ..ingest.readers import decode_input, forced_meta

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
