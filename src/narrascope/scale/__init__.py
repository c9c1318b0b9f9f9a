"""Speed and scale: multi-process workers, Parquet I/O and the Ray Data engine."""

from __future__ import annotations

from .parquet import ParquetSink, article_row, read_parquet_table
from .workers import ParallelPipeline, make_pipeline

__all__ = ["ParallelPipeline", "ParquetSink", "article_row", "make_pipeline", "read_parquet_table"]
