"""Shared-task output: run the shipped models over a folder of raw documents and write the
``subtask-1/2/3-predictions.txt`` files (``narrascope predict semeval2025``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from ..document import Annotation, Article
from .annotate import annotate_narratives, annotate_roles
from .features import DocVectorCache, EmbeddingCache
from .narrative_model import NarrativeModel
from .role_model import RoleModel
from .semeval import (
    Mention,
    format_subtask1,
    format_subtask2,
    format_subtask3,
    read_docs,
    read_subtask1,
    read_subtask3,
    write_lines,
)

Log = Callable[[str], None]


def _dominant_label(narrative: str, sub: str) -> str:
    """The finest usable dominant label of a subtask-3 line (``none``/empty sub-narratives fall back)."""
    sub = sub.strip()
    if sub and sub.lower() not in ("none", "other") and not sub.endswith(": Other"):
        return sub
    return narrative.strip()


def predict_semeval(docs_dir: str | Path, out_dir: str | Path, narratives: NarrativeModel, roles: RoleModel | None,
                    mentions_file: str | Path | None = None, dominant_file: str | Path | None = None,
                    cache_dir: str | Path | None = None, log: Log | None = None) -> dict[str, int]:
    """Write the prediction files; returns how many lines each got."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    docs = read_docs(docs_dir)
    cache = EmbeddingCache(cache_dir, str(narratives.meta.get("embedder", "use")))
    if cache_dir:
        narratives.doc_vector = DocVectorCache(Path(cache_dir).parent / "e5doc").get
    mentions: dict[str, list[Mention]] = defaultdict(list)
    order: list[Mention] = []
    if mentions_file:
        order = read_subtask1(mentions_file, with_roles=False)
        for m in order:
            mentions[m.article_id].append(m)
    dominant = {aid: _dominant_label(n, s) for aid, (n, s, _e) in read_subtask3(dominant_file).items()} \
        if dominant_file else {}
    st2, st3 = [], []
    roles_of: dict[tuple[str, int, int, str], Mention] = {}
    for k, doc in enumerate(docs):
        art = Article(text=doc.text)
        sc = cache.get(doc.text)
        for a, b in sc.spans:
            art.add("sentence", a, b, "sentence")
        pred = annotate_narratives(art, narratives, sc.vectors, 2, dominant.get(doc.article_id))
        st2.append(format_subtask2(doc.article_id, pred.narratives, pred.subnarratives))
        if doc.article_id in dominant:
            st3.append(format_subtask3(doc.article_id, (art.explanation or {}).get("text", "") or "-"))
        ms = mentions.get(doc.article_id, [])
        if ms and roles is not None:
            anns = [Annotation("entity", m.start, max(m.end, m.start + 1), "MENTION", {}, f"m{i}")
                    for i, m in enumerate(ms)]
            for m, rec in zip(ms, annotate_roles(art, roles, sc.vectors, anns), strict=True):
                roles_of[(m.article_id, m.start, m.end, m.text)] = Mention(
                    m.article_id, m.text, m.start, m.end, str(rec["main_role"]), list(rec["fine_roles"]))  # type: ignore[call-overload]
        if log and (k + 1) % 50 == 0:
            log(f"{k + 1}/{len(docs)} documents")
    write_lines(out / "subtask-2-predictions.txt", st2)
    counts = {"subtask-2": len(st2)}
    if dominant_file:
        write_lines(out / "subtask-3-predictions.txt", st3)
        counts["subtask-3"] = len(st3)
    if mentions_file:
        lines = []
        for m in order:
            got = roles_of.get((m.article_id, m.start, m.end, m.text))
            lines.append(format_subtask1(m.article_id, got or Mention(m.article_id, m.text, m.start, m.end,
                                                                       "Antagonist", ["Conspirator"])))
        write_lines(out / "subtask-1-predictions.txt", lines)
        counts["subtask-1"] = len(lines)
    return counts
