"""Propagation: the same quote or passage in several articles, first appearance first.

Quotes match when they share a winnowed 4-word fingerprint and rapidfuzz's partial ratio of
their normalised texts reaches :data:`QUOTE_SIMILARITY` (so a quote cut short or lightly
reworded still matches). Passages are runs of shared 8-word fingerprints. Passages repeated
inside one article are reported too.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import func, select

from ..store import Store
from . import index
from .keys import Row, article_keys
from .perf import without_gc
from .sources import Corpus, source_info

QUOTE_SIMILARITY = 90.0
MERGE_GAP = 60
Node = tuple[str, int, int]  # article id, start, end
Fetch = Callable[[Iterable[Node]], dict[Node, dict[str, Any]]]


def _date(meta: dict[str, Any]) -> str:
    return str(meta.get("published") or meta.get("date_from") or "9999")


def _shared(rows: Iterable[Row]) -> list[Row]:
    by_key: dict[int, set[str]] = defaultdict(set)
    rows = list(rows)
    for r in rows:
        by_key[r.key].add(r.article_id)
    return [r for r in rows if len(by_key[r.key]) > 1]


def _prints(rows: list[Row]) -> list[Print]:
    """Shared quote fingerprints of in-memory rows, with their quotes' exact keys."""
    variant = {(r.article_id, r.start, r.end): r.key for r in rows if r.kind == "q"}
    return [
        (r.key, (r.article_id, r.start, r.end), variant[(r.article_id, r.start, r.end)])
        for r in _shared(r for r in rows if r.kind == "qf")
    ]


def _rows_from_store(store: Store, kind: str) -> list[Row]:
    k = index.keys
    shared = (
        select(k.c.key).where(k.c.kind == kind).group_by(k.c.key).having(func.count(func.distinct(k.c.article_id)) > 1)
    )
    query = select(k.c.article_id, k.c.key, k.c.start_char, k.c.end_char).where(k.c.kind == kind, k.c.key.in_(shared))
    with store.engine.connect() as conn:
        return [Row(str(a), kind, int(key), int(s), int(e)) for a, key, s, e in conn.execute(query).all()]


Print = tuple[int, Node, int]  # fingerprint key, quote node, variant (exact normalised text key)


def _prints_from_store(store: Store) -> list[Print]:
    """Shared quote fingerprints with the exact key of the quote they come from."""
    k = index.keys
    rows = _rows_from_store(store, "qf")
    ids = sorted({r.article_id for r in rows})
    variant: dict[Node, int] = {}
    with store.engine.connect() as conn:
        for i in range(0, len(ids), 500):
            query = select(k.c.article_id, k.c.start_char, k.c.end_char, k.c.key).where(
                k.c.article_id.in_(ids[i : i + 500]), func.coalesce(k.c.kind, "") == "q"
            )
            variant.update({(str(a), int(st), int(en)): int(v) for a, st, en, v in conn.execute(query).all()})
    return [(r.key, node, variant[node]) for r in rows if (node := (r.article_id, r.start, r.end)) in variant]


def _fetch_from_store(store: Store) -> Fetch:
    """A loader of quote data (normalised text, speaker) for given nodes, batched by article."""
    k = index.keys

    def fetch(nodes: Iterable[Node]) -> dict[Node, dict[str, Any]]:
        wanted = set(nodes)
        ids = sorted({n[0] for n in wanted})
        out: dict[Node, dict[str, Any]] = {}
        with store.engine.connect() as conn:
            for i in range(0, len(ids), 500):
                query = select(k.c.article_id, k.c.start_char, k.c.end_char, k.c.data).where(
                    func.coalesce(k.c.kind, "") == "q", k.c.article_id.in_(ids[i : i + 500])
                )
                for a, st, en, data in conn.execute(query).all():
                    node = (str(a), int(st), int(en))
                    if node in wanted:
                        out[node] = json.loads(data or "{}")
        return out

    return fetch


MAX_FANOUT = 30  # a fingerprint shared by more distinct quotes than this is a stock phrase: no evidence


def _similar(a: str, b: str) -> bool:
    """Whether two normalised quotes match: one is (nearly) contained in the other."""
    from rapidfuzz import fuzz

    short, long_ = sorted((a, b), key=len)
    return bool(fuzz.partial_ratio(short, long_, score_cutoff=QUOTE_SIMILARITY))


def quote_groups(
    prints: list[Print],
    fetch: Fetch,
    meta: dict[str, dict[str, Any]],
    min_articles: int = 2,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Groups of matching quotes across articles (see the module docstring).

    Identical normalised quotes are one variant; two variants are compared (rapidfuzz) only when
    they share at least half the fingerprints of the shorter one. Texts are fetched only for
    the variants compared and the groups returned.
    """
    by_key: dict[int, set[int]] = defaultdict(set)
    members: dict[int, set[Node]] = defaultdict(set)
    fps: dict[int, set[int]] = defaultdict(set)
    for key, node, variant in prints:
        by_key[key].add(variant)
        members[variant].add(node)
        fps[variant].add(key)
    shared: Counter[tuple[int, int]] = Counter()
    for variants in by_key.values():
        if 1 < len(variants) <= MAX_FANOUT:
            ordered = sorted(variants)
            shared.update((a, b) for i, a in enumerate(ordered) for b in ordered[i + 1 :])
    size = {v: len(f) for v, f in fps.items()}
    candidates = []
    for (a, b), n in shared.items():
        fewest = size[a] if size[a] < size[b] else size[b]
        if (n >= 2 or fewest <= 2) and 2 * n >= fewest:
            candidates.append((a, b))
    some = {v: next(iter(members[v])) for pair in candidates for v in pair}
    data = fetch(some.values())
    text_of = {v: str(data.get(node, {}).get("text") or "") for v, node in some.items()}
    words_of = {v: frozenset(t.split()) for v, t in text_of.items()}
    parent = {v: v for v in members}

    def find(v: int) -> int:
        while parent[v] != v:
            parent[v] = parent[parent[v]]
            v = parent[v]
        return v

    for a, b in candidates:
        ra, rb = find(a), find(b)
        if ra == rb:
            continue
        wa, wb = words_of[a], words_of[b]
        if len(wa & wb) >= 0.8 * min(len(wa), len(wb)) and _similar(text_of[a], text_of[b]):
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, set[Node]] = defaultdict(set)
    for v, nodes in members.items():
        groups[find(v)].update(nodes)
    kept = []
    for nodes in groups.values():
        arts = {m[0] for m in nodes}
        if len(arts) < min_articles:
            continue
        chain = sorted(nodes, key=lambda m: (_date(meta.get(m[0], {})), m))
        outlets = {meta.get(a, {}).get("source") for a in arts} - {None}
        kept.append((-len(arts), -len(outlets), _date(meta.get(chain[0][0], {})), chain))
    kept.sort(key=lambda x: x[:3])
    kept = kept[:limit] if limit is not None else kept
    data = fetch(n for *_, chain in kept for n in chain)
    out = []
    for *_, chain in kept:
        longest = max(chain, key=lambda m: len(data.get(m, {}).get("text") or ""))
        appearances = [
            {
                **meta.get(m[0], {"article_id": m[0]}),
                "start": m[1],
                "end": m[2],
                "text": data.get(m, {}).get("text"),
                "speaker": data.get(m, {}).get("speaker"),
                "speaker_entity": data.get(m, {}).get("speaker_entity"),
            }
            for m in chain
        ]
        out.append(_entry("quote", data.get(longest, {}).get("text") or "", appearances))
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


@without_gc
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
        "quotes": quote_groups(_prints(rows), lambda nodes: {n: quotes[n] for n in nodes}, meta, min_articles, limit),
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
    prints = _prints_from_store(store)
    p = _rows_from_store(store, "p")
    ids = {n[0] for _, n, _ in prints} | {r.article_id for r in p}
    with store.engine.connect() as conn:
        reps = [
            (str(a), json.loads(r))
            for a, r in conn.execute(
                select(index.state.c.article_id, index.state.c.repeats).where(index.state.c.repeats != "[]")
            )
        ]
    meta = index.article_meta(store, ids | {a for a, _ in reps})
    result = {
        "quotes": quote_groups(prints, _fetch_from_store(store), meta, min_articles, limit),
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
