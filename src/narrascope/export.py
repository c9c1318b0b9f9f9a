"""Exports of stored articles: JSON Lines (one article a line) and CSV (one annotation a row)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO

from .document import Article

CSV_COLUMNS = [
    "article_id",
    "source",
    "published",
    "title",
    "layer",
    "ann_id",
    "start",
    "end",
    "label",
    "text",
    "attrs",
]


def write_jsonl(articles: Iterable[Article], fh: IO[str], layers: list[str] | None = None) -> int:
    """One versioned article JSON per line; returns the number of lines."""
    n = 0
    for art in articles:
        data = art.to_dict()
        if layers:
            data["annotations"] = [a for a in data["annotations"] if a["layer"] in layers]
        fh.write(json.dumps(data, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(articles: Iterable[Article], fh: IO[str], layers: list[str] | None = None) -> int:
    """One row per annotation with its surface text; returns the number of rows."""
    writer = csv.writer(fh)
    writer.writerow(CSV_COLUMNS)
    n = 0
    for art in articles:
        for ann in sorted(art.annotations, key=lambda a: (a.start, a.end)):
            if layers and ann.layer not in layers:
                continue
            writer.writerow(
                [
                    art.id,
                    art.meta.get("source"),
                    art.meta.get("published"),
                    art.meta.get("title"),
                    ann.layer,
                    ann.id,
                    ann.start,
                    ann.end,
                    ann.label,
                    art.surface(ann),
                    json.dumps(ann.attrs, ensure_ascii=False),
                ]
            )
            n += 1
    return n
