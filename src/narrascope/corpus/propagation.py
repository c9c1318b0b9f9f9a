"""Propagation: the same quote or passage in several articles, first appearance first.

Quotes match when they share a winnowed 4-word fingerprint and rapidfuzz's partial ratio of
their normalised texts reaches :data:`QUOTE_SIMILARITY` (so a quote cut short or lightly
reworded still matches). Passages are runs of shared 8-word fingerprints. Passages repeated
inside one article are reported too.
"""

from __future__ import annotations

import itertools
import json
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import func, select

from ..store import Store
from . import index
from .keys import Row, article_keys
from .sources import Corpus, source_info
from .text import key64

QUOTE_SIMILARITY = 90.0
MERGE_GAP = 60
Node = tuple[str, int, int]  # article id, start, end


def _date(meta: dict[str, Any]) -> str:
    return str(meta.get("published") or meta.get("date_from") or "9999")


def _shared(rows: Iterable[Row]) -> list[Row]:
    by_key: dict[int, set[str]] = defaultdict(set)
    rows = list(rows)
    for r in rows:
        by_key[r.key].add(r.article_id)
    return [r for r in rows if len(by_key[r.key]) > 1]


def _rows_from_store(store: Store, kind: str) -> list[Row]:
    k = index.keys
    shared = (
        select(k.c.key).where(k.c.kind == kind).group_by(k.c.key).having(func.count(func.distinct(k.c.article_id)) > 1)
    )
    query = select(k.c.article_id, k.c.key, k.c.start_char, k.c.end_char).where(k.c.kind == kind, k.c.key.in_(shared))
    with store.engine.connect() as conn:
        return [Row(str(a), kind, int(key), int(s), int(e)) for a, key, s, e in conn.execute(query)]


def _quote_rows(store: Store, article_ids: set[str]) -> dict[Node, dict[str, Any]]:
    k = index.keys
    out: dict[Node, dict[str, Any]] = {}
    ids = sorted(article_ids)
    with store.engine.connect() as conn:
        for i in range(0, len(ids), 500):
            q = select(k.c.article_id, k.c.start_char, k.c.end_char, k.c.data).where(
                k.c.kind == "q", k.c.article_id.in_(ids[i : i + 500])
            )
            for a, s, e, data in conn.execute(q):
                out[(str(a), int(s), int(e))] = json.loads(data or "{}")
    return out


class _UF:
    def __init__(self) -> None:
        self.parent: dict[Node, Node] = {}

    def find(self, x: Node) -> Node:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: Node, b: Node) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _similar(a: str, b: str, cache: dict[tuple[int, int], bool]) -> bool:
    from rapidfuzz import fuzz

    ka, kb = key64(a), key64(b)
    if ka == kb:
        return True
    pair = (min(ka, kb), max(ka, kb))
    if pair not in cache:
        short, long_ = sorted((a, b), key=len)
        cache[pair] = fuzz.partial_ratio(short, long_) >= QUOTE_SIMILARITY
    return cache[pair]


def quote_groups(
    fingerprints: list[Row], quotes: dict[Node, dict[str, Any]], meta: dict[str, dict[str, Any]], min_articles: int = 2
) -> list[dict[str, Any]]:
    """Groups of matching quotes across articles (see the module docstring)."""
    by_key: dict[int, list[Node]] = defaultdict(list)
    for r in fingerprints:
        node = (r.article_id, r.start, r.end)
        if node in quotes and node not in by_key[r.key]:
            by_key[r.key].append(node)
    uf, cache = _UF(), {}  # type: ignore[var-annotated]
    for nodes in by_key.values():
        reps: list[Node] = []
        for n in nodes:
            text = quotes[n].get("text") or ""
            hit = next((r for r in reps if _similar(quotes[r].get("text") or "", text, cache)), None)
            if hit is None:
                reps.append(n)
            else:
                uf.union(hit, n)
        for a, b in itertools.pairwise(reps):
            if _similar(quotes[a].get("text") or "", quotes[b].get("text") or "", cache):
                uf.union(a, b)
    groups: dict[Node, list[Node]] = defaultdict(list)
    for n in {n for nodes in by_key.values() for n in nodes}:
        groups[uf.find(n)].append(n)
    out = []
    for members in groups.values():
        if len({m[0] for m in members}) < min_articles:
            continue
        chain = sorted(members, key=lambda m: (_date(meta.get(m[0], {})), m))
        longest = max(chain, key=lambda m: len(quotes[m].get("text") or ""))
        appearances = [
            {
                **meta.get(m[0], {"article_id": m[0]}),
                "start": m[1],
                "end": m[2],
                "text": quotes[m].get("text"),
                "speaker": quotes[m].get("speaker"),
                "speaker_entity": quotes[m].get("speaker_entity"),
            }
            for m in chain
        ]
        out.append(_entry("quote", quotes[longest].get("text") or "", appearances))
    return out


def _entry(kind: str, text: str, appearances: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "kind": kind,
        "text": text,
        "n_articles": len({a["article_id"] for a in appearances}),
        "outlets": sorted({str(a.get("source")) for a in appearances if a.get("source")}),
        "first": appearances[0],
        "chain": appearances,
    }


def passage_groups(rows: list[Row], meta: dict[str, dict[str, Any]], min_articles: int = 2) -> list[dict[str, Any]]:
    """Shared passages: fingerprints grouped by the set of articles sharing them, spans merged per article."""
    by_key: dict[int, list[Row]] = defaultdict(list)
    for r in rows:
        by_key[r.key].append(r)
    by_set: dict[frozenset[str], dict[str, list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
    for key_rows in by_key.values():
        arts = frozenset(r.article_id for r in key_rows)
        if len(arts) < min_articles:
            continue
        for r in key_rows:
            by_set[arts][r.article_id].append((r.start, r.end))
    out = []
    for spans_by_article in by_set.values():
        appearances = []
        for aid, spans in spans_by_article.items():
            merged: list[list[int]] = []
            for s, e in sorted(spans):
                if merged and s <= merged[-1][1] + MERGE_GAP:
                    merged[-1][1] = max(merged[-1][1], e)
                else:
                    merged.append([s, e])
            appearances.append({**meta.get(aid, {"article_id": aid}), "spans": merged})
        appearances.sort(key=lambda a: (_date(a), a["article_id"]))
        entry = _entry("passage", "", appearances)
        entry["chars"] = sum(e - s for s, e in appearances[0]["spans"])
        out.append(entry)
    return out


def _finish(result: dict[str, list[dict[str, Any]]], limit: int | None) -> dict[str, list[dict[str, Any]]]:
    for name in ("quotes", "passages"):
        result[name].sort(key=lambda g: (-g["n_articles"], -len(g["outlets"]), _date(g["first"])))
        if limit is not None:
            result[name] = result[name][:limit]
    return result


def propagation(corpus: Corpus, min_articles: int = 2, limit: int | None = 100) -> dict[str, list[dict[str, Any]]]:
    """Reused quotes and passages across articles, and passages repeated inside one article.

    Returns ``{"quotes": [...], "passages": [...], "repeats": [...]}``; each quote/passage entry
    has its ``first`` appearance and the ``chain`` of appearances in date order.
    """
    if isinstance(corpus, Store):
        return _from_store(corpus, min_articles, limit)
    rows: list[Row] = []
    quotes: dict[Node, dict[str, Any]] = {}
    meta: dict[str, dict[str, Any]] = {}
    texts: dict[str, str] = {}
    repeats: list[dict[str, Any]] = []
    for art in corpus:
        k = article_keys(art)
        meta[art.id] = source_info(art.id, art.meta)
        texts[art.id] = art.text
        rows.extend(k.rows)
        quotes.update({(r.article_id, r.start, r.end): r.data or {} for r in k.rows if r.kind == "q"})
        repeats.extend(_repeat_entry(meta[art.id], rep, art.text) for rep in k.repeats)
    result = {
        "quotes": quote_groups(_shared(r for r in rows if r.kind == "qf"), quotes, meta, min_articles),
        "passages": passage_groups(_shared(r for r in rows if r.kind == "p"), meta, min_articles),
        "repeats": repeats,
    }
    result = _finish(result, limit)
    for p in result["passages"]:
        s, e = p["first"]["spans"][0]
        p["text"] = texts[p["first"]["article_id"]][s:e][:300]
    return result


def _repeat_entry(meta: dict[str, Any], rep: dict[str, Any], text: str | None) -> dict[str, Any]:
    s, e = rep["spans"][0]
    return {**meta, "words": rep["words"], "spans": rep["spans"], "text": text[s:e][:300] if text is not None else None}


def _from_store(store: Store, min_articles: int, limit: int | None) -> dict[str, list[dict[str, Any]]]:
    index.update_index(store)
    qf = _rows_from_store(store, "qf")
    p = _rows_from_store(store, "p")
    ids = {r.article_id for r in qf} | {r.article_id for r in p}
    with store.engine.connect() as conn:
        reps = [
            (str(a), json.loads(r))
            for a, r in conn.execute(
                select(index.state.c.article_id, index.state.c.repeats).where(index.state.c.repeats != "[]")
            )
        ]
    meta = index.article_meta(store, ids | {a for a, _ in reps})
    quotes = _quote_rows(store, {r.article_id for r in qf})
    result = {
        "quotes": quote_groups(qf, quotes, meta, min_articles),
        "passages": passage_groups(p, meta, min_articles),
        "repeats": [],
    }
    result = _finish(result, limit)
    for entry in result["passages"]:
        s, e = entry["first"]["spans"][0]
        entry["text"] = index.excerpt(store, entry["first"]["article_id"], s, e)
    for aid, items in reps[: limit if limit is not None else None]:
        for rep in items:
            s, e = rep["spans"][0]
            result["repeats"].append(
                {
                    **_repeat_entry(meta.get(aid, {"article_id": aid}), rep, None),
                    "text": index.excerpt(store, aid, s, e),
                }
            )
    return result
