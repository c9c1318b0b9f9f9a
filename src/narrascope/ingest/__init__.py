"""Ingestion: read files, directories, globs, records and stdin into clean, traceable articles."""

from __future__ import annotations

from .build import build_article
from .clean import clean_text
from .readers import Item, read_bytes, read_file
from .stream import read_inputs

__all__ = ["Item", "build_article", "clean_text", "read_bytes", "read_file", "read_inputs"]
