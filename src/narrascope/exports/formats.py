"""The one export registry: format name → writer, content type, file extension, text or binary.

``narrascope export --format`` (its choices) and ``GET /api/export?format=`` (its pattern and
its download headers) both read :data:`FORMATS`, so a format added here is offered, and writes
the same bytes, in both.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import IO, Any

from ..document import Article
from ..errors import ConfigError
from ..export import write_csv, write_jsonl
from .labelstudio import write_labelstudio
from .parquet import write_parquet
from .semeval import write_semeval2025_explanations, write_semeval2025_narratives

#: ``(articles, fh, layers) -> rows written``; ``fh`` is a text file, or a binary one for a binary format.
Writer = Callable[[Iterable[Article], Any, "list[str] | None"], int]


@dataclass(frozen=True)
class ExportFormat:
    """One export format and how to serve it."""

    name: str
    title: str
    writer: Writer
    media_type: str
    extension: str
    binary: bool = False

    def open(self, target: str | int) -> IO[Any]:
        """``target`` (a path or a file descriptor) opened for this format: bytes, or UTF-8 text
        without newline translation."""
        if self.binary:
            return open(target, "wb")
        return open(target, "w", encoding="utf-8", newline="")

    def write(self, articles: Iterable[Article], fh: IO[Any], layers: list[str] | None = None) -> int:
        """Write ``articles`` (only ``layers`` when given) to ``fh``; returns the rows written."""
        return self.writer(articles, fh, layers)


FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("jsonl", "JSON Lines", write_jsonl, "application/x-ndjson", "jsonl"),
        ExportFormat("csv", "CSV", write_csv, "text/csv", "csv"),
        ExportFormat("parquet", "Parquet", write_parquet, "application/vnd.apache.parquet", "parquet", binary=True),
        ExportFormat("labelstudio", "Label Studio", write_labelstudio, "application/json", "json"),
        ExportFormat("semeval2025-st2", "SemEval-2025 subtask 2", write_semeval2025_narratives,
                     "text/tab-separated-values", "txt"),
        ExportFormat("semeval2025-st3", "SemEval-2025 subtask 3", write_semeval2025_explanations,
                     "text/tab-separated-values", "txt"),
    )
}


def export_format(name: str) -> ExportFormat:
    """The format called ``name``; raises :class:`ConfigError` naming the known ones."""
    try:
        return FORMATS[name]
    except KeyError:
        raise ConfigError(f"format: unknown export format {name!r}; known: {', '.join(FORMATS)}") from None
