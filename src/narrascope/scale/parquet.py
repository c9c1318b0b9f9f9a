"""Parquet output for the engines: one row per analysed article.

Rows use the schema of ``narrascope export --format parquet`` (:mod:`narrascope.exports.parquet`),
so the local engine, the Ray engine and the export all write the same columns.
Parquet input (records read like JSON records) is :func:`narrascope.ingest.read_inputs`'s.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..document import Article


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
