"""Parquet export: one row per article, its annotations as a nested list column.

Free-form JSON (annotation attrs, actors, narratives, roles) is stored as JSON strings so
the schema stays fixed whatever the layers carry.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any

from ..document import Article

_ANN = [
    ("id", "string"),
    ("layer", "string"),
    ("start", "int32"),
    ("end", "int32"),
    ("label", "string"),
    ("text", "string"),
    ("attrs", "string"),
]


def _schema() -> Any:
    import pyarrow as pa

    ann = pa.struct([(name, getattr(pa, kind)()) for name, kind in _ANN])
    cols = [
        ("id", pa.string()),
        ("title", pa.string()),
        ("source", pa.string()),
        ("published", pa.string()),
        ("language", pa.string()),
        ("url", pa.string()),
        ("text", pa.string()),
        ("pipeline", pa.string()),
        ("annotations", pa.list_(ann)),
        ("entities", pa.string()),
        ("narratives", pa.string()),
        ("roles", pa.string()),
        ("explanation", pa.string()),
    ]
    return pa.schema(cols)


def _row(art: Article, layers: list[str] | None) -> dict[str, Any]:
    ordered = sorted(art.annotations, key=lambda a: (a.start, a.end, a.layer))
    anns = [a for a in ordered if not layers or a.layer in layers]
    meta = art.meta
    return {
        "id": art.id,
        "title": meta.get("title"),
        "source": meta.get("source"),
        "published": meta.get("published"),
        "language": meta.get("language"),
        "url": meta.get("url"),
        "text": art.text,
        "pipeline": str(art.results.get("pipeline") or ""),
        "annotations": [
            {
                "id": a.id,
                "layer": a.layer,
                "start": a.start,
                "end": a.end,
                "label": a.label,
                "text": art.surface(a),
                "attrs": json.dumps(a.attrs, ensure_ascii=False),
            }
            for a in anns
        ],
        "entities": json.dumps(art.entities, ensure_ascii=False),
        "narratives": json.dumps(art.narratives, ensure_ascii=False),
        "roles": json.dumps(art.roles, ensure_ascii=False),
        "explanation": json.dumps(art.explanation, ensure_ascii=False) if art.explanation else None,
    }


def write_parquet(articles: Iterable[Article], fh: IO[bytes], layers: list[str] | None = None, batch: int = 500) -> int:
    """Write articles to a Parquet file object in row groups of ``batch``; returns the row count."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _schema()
    n = 0
    with pq.ParquetWriter(fh, schema, compression="zstd") as writer:
        rows: list[dict[str, Any]] = []
        for art in articles:
            rows.append(_row(art, layers))
            if len(rows) >= batch:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                n, rows = n + len(rows), []
        if rows or n == 0:
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            n += len(rows)
    return n
