"""Every quote across a set of analysed articles, with speaker, outlet, date and article id."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

from ..document import Article
from .combine import is_attitude

COLUMNS = (
    "article_id", "published", "outlet", "speaker", "speaker_entity", "co_speakers", "kind", "cue", "start", "end",
    "quote",
)


def _matches(want: str, attrs: dict[str, Any]) -> bool:
    """Whether the speaker, or a co-speaker of a joint statement, has ``want`` in its name or as its id."""
    people = [(attrs.get("speaker"), attrs.get("speaker_entity"))]
    people += [(c.get("name"), c.get("entity")) for c in attrs.get("co_speakers") or ()]
    return any((name and want in str(name).casefold()) or (ent and want == str(ent).casefold()) for name, ent in people)


def corpus_quotes(
    articles: Iterable[Article], speaker: str | None = None, attitudes: bool = False
) -> list[dict[str, Any]]:
    """One row per ``quote`` annotation; ``speaker`` keeps rows whose speaker name or actor id matches it.

    Attitudes ("rejected the proposal of the West": kind ``attitude``) are left out unless ``attitudes``.
    """
    want = speaker.casefold() if speaker else None
    rows = []
    for art in articles:
        for ann in art.layer("quote"):
            if not attitudes and is_attitude(ann.attrs):
                continue
            if want and not _matches(want, ann.attrs):
                continue
            rows.append(
                {
                    "article_id": art.id,
                    "published": art.meta.get("published"),
                    "outlet": art.meta.get("source"),
                    "speaker": ann.attrs.get("speaker"),
                    "speaker_entity": ann.attrs.get("speaker_entity"),
                    "co_speakers": [c.get("name") for c in ann.attrs.get("co_speakers") or ()],
                    "kind": ann.attrs.get("kind"),
                    "cue": ann.attrs.get("cue"),
                    "start": ann.start,
                    "end": ann.end,
                    "quote": art.surface(ann),
                }
            )
    return rows


def render(rows: list[dict[str, Any]], fmt: str, width: int = 70) -> str:
    """Rows as ``json`` (one array), ``csv`` or a plain-text ``table``."""
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=1)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=list(COLUMNS), lineterminator="\n")
        writer.writeheader()
        writer.writerows({**r, "co_speakers": "; ".join(map(str, r["co_speakers"]))} for r in rows)
        return buf.getvalue()
    lines = []
    for r in rows:
        text = " ".join(str(r["quote"]).split())
        text = text if len(text) <= width else text[: width - 1] + "…"
        who = " & ".join(map(str, [r["speaker"] or "?", *r["co_speakers"]]))
        lines.append(
            f"{r['article_id'][:8]}  {str(r['published'] or '-')[:10]:10}  {str(r['outlet'] or '-')[:16]:16}  "
            f"{who[:24]:24}  {r['kind']:8}  {text}"
        )
    head = f"{'article':8}  {'date':10}  {'outlet':16}  {'speaker':24}  {'kind':8}  quote"
    return "\n".join([head, *lines]) if lines else "no quotes found"
