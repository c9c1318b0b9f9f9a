"""SemEval-2025 Task 10 files from stored articles, written with the framing package's formatters.

Subtask 2 (narratives): ``article_id<TAB>narratives<TAB>sub-narratives`` from ``article.narratives``;
subtask 3 (explanations): ``article_id<TAB>explanation`` from ``article.explanation``. The article id
is the input file name (as in the shared task), else the narrascope id.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePath
from typing import IO

from ..document import Article
from ..errors import NarrascopeError


def task_id(art: Article) -> str:
    """The shared task's article id: the record id or file name the article came from."""
    doc_id = art.meta.get("doc_id")
    if doc_id:
        return str(doc_id)
    path = art.meta.get("path")
    return PurePath(str(path)).name if path else art.id


def write_semeval2025(articles: Iterable[Article], fh: IO[str], subtask: int) -> int:
    """Write subtask 2 or 3 lines for articles analysed by the narratives component; returns the line count."""
    try:
        from ..framing.semeval import format_subtask2, format_subtask3
    except ImportError as exc:  # the framing package ships with narrascope; guard for trimmed installs
        raise NarrascopeError("SemEval-2025 export needs narrascope.framing, which is not installed") from exc
    n = 0
    for art in articles:
        if subtask == 2:
            if not art.narratives:
                continue
            nars = [str(r["label"]) for r in art.narratives if r.get("level") != "subnarrative"]
            subs = [str(r["label"]) for r in art.narratives if r.get("level") == "subnarrative"]
            fh.write(format_subtask2(task_id(art), nars, subs) + "\n")
        elif subtask == 3:
            text = (art.explanation or {}).get("text")
            if not text:
                continue
            fh.write(format_subtask3(task_id(art), str(text)) + "\n")
        else:
            raise NarrascopeError(f"SemEval-2025 subtask {subtask} cannot be exported from stored articles; use 2 or 3")
        n += 1
    return n


def write_semeval2025_narratives(articles: Iterable[Article], fh: IO[str], layers: list[str] | None = None) -> int:
    return write_semeval2025(articles, fh, 2)


def write_semeval2025_explanations(articles: Iterable[Article], fh: IO[str], layers: list[str] | None = None) -> int:
    return write_semeval2025(articles, fh, 3)
