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

from ..document import span_text
from ..models.embeddings import Embedder
from ..store import Store
from ..store import corpus as db
from .crosslingual import DEFAULT_THRESHOLD, crosslingual
from .keys import Row, article_keys
from .perf import without_gc
from .sources import Corpus, source_info
from .unionfind import UnionFind

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
    """Rows of one flagged (shared) kind; the group-by happened at indexing time."""
    return [Row(a, kind, key, s, e) for a, key, s, e in db.shared_keys(store, kind)]


class QuoteSource:
    """Where quote groups get their data: the store's flagged rows or in-memory article keys.

    ``prints`` are (fingerprint, variant) pairs of fingerprints shared by two or more distinct
    quote texts (variants); ``reused`` the variants quoted verbatim in two or more articles.
    """

    def __init__(self, prints: list[tuple[int, int]], reused: set[int]) -> None:
        self.prints, self.reused = prints, reused

    def texts(self, variants: set[int]) -> dict[int, str]:
        raise NotImplementedError

    def occurrences(self, variants: set[int]) -> list[tuple[int, Node, str | dict[str, Any]]]:
        raise NotImplementedError

    def original(self, node: Node, parts: list[list[int]] | None = None) -> str:
        """The quote as the article wrote it (case and punctuation kept); a quote in ``parts`` (split
        by a reporting clause) is its pieces joined by " … ", as :meth:`Article.surface` shows it."""
        raise NotImplementedError


class _MemoryQuotes(QuoteSource):
    def __init__(self, rows: list[Row], texts: dict[str, str] | None = None) -> None:
        self.article_texts = texts or {}
        self.by_variant: dict[int, list[Row]] = defaultdict(list)
        node_variant = {}
        for r in rows:
            if r.kind == "q":
                self.by_variant[r.key].append(r)
                node_variant[(r.article_id, r.start, r.end)] = r.key
        variants_of: dict[int, set[int]] = defaultdict(set)
        for r in rows:
            if r.kind == "qf":
                variants_of[r.key].add(node_variant[(r.article_id, r.start, r.end)])
        prints = [(f, v) for f, vs in variants_of.items() if len(vs) > 1 for v in vs]
        reused = {v for v, rs in self.by_variant.items() if len({r.article_id for r in rs}) > 1}
        super().__init__(prints, reused)

    def texts(self, variants: set[int]) -> dict[int, str]:
        return {v: str((self.by_variant[v][0].data or {}).get("text") or "") for v in variants}

    def occurrences(self, variants: set[int]) -> list[tuple[int, Node, str | dict[str, Any]]]:
        return [(v, (r.article_id, r.start, r.end), r.data or {}) for v in variants for r in self.by_variant[v]]

    def original(self, node: Node, parts: list[list[int]] | None = None) -> str:
        text = self.article_texts.get(node[0], "")
        return span_text(text, node[1], node[2], {"parts": parts} if parts else {})[:600]


class _StoreQuotes(QuoteSource):
    def __init__(self, store: Store) -> None:
        self.store = store
        prints, reused = db.quote_prints(store)
        super().__init__(prints, reused)

    def texts(self, variants: set[int]) -> dict[int, str]:
        return db.variant_texts(self.store, variants)

    def occurrences(self, variants: set[int]) -> list[tuple[int, Node, str | dict[str, Any]]]:
        return list(db.variant_occurrences(self.store, variants))

    def original(self, node: Node, parts: list[list[int]] | None = None) -> str:
        if parts:
            return " … ".join(db.excerpt(self.store, node[0], s, e, limit=600) for s, e in parts)[:600]
        return db.excerpt(self.store, node[0], node[1], node[2], limit=600)


MAX_FANOUT = 10  # a fingerprint shared by more distinct quotes than this is a stock phrase: no evidence


def _similar(a: str, b: str) -> bool:
    """Whether two normalised quotes match: one is (nearly) contained in the other."""
    from rapidfuzz import fuzz

    short, long_ = sorted((a, b), key=len)
    return bool(fuzz.partial_ratio(short, long_, score_cutoff=QUOTE_SIMILARITY))


def quote_groups(
    source: QuoteSource,
    meta_of: Callable[[set[str]], dict[str, dict[str, Any]]],
    min_articles: int = 2,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Groups of matching quotes across articles (see the module docstring).

    Identical normalised quotes are one variant; two variants are compared (word overlap, then
    rapidfuzz) only when they share two fingerprints that at most :data:`MAX_FANOUT` variants share.
    """
    by_fp: dict[int, set[int]] = defaultdict(set)
    for f, v in source.prints:
        by_fp[f].add(v)
    shared: Counter[tuple[int, int]] = Counter()
    for variants in by_fp.values():
        if 1 < len(variants) <= MAX_FANOUT:
            ordered = sorted(variants)
            shared.update((a, b) for i, a in enumerate(ordered) for b in ordered[i + 1 :])
    candidates = [pair for pair, n in shared.items() if n >= 2]
    text_of = source.texts({v for pair in candidates for v in pair})
    words_of = {v: frozenset(t.split()) for v, t in text_of.items()}
    uf: UnionFind[int] = UnionFind()
    for a, b in candidates:
        ra, rb = uf.find(a), uf.find(b)
        if ra == rb:
            continue
        wa, wb = words_of.get(a, frozenset()), words_of.get(b, frozenset())
        if len(wa & wb) >= 0.8 * min(len(wa), len(wb)) and _similar(text_of[a], text_of[b]):
            uf.union(ra, rb)
    size = Counter(uf.find(v) for v in uf)
    linked = {v for v in uf if size[uf.find(v)] > 1}
    wanted = linked | set(source.reused)
    occurrences = source.occurrences(wanted)
    groups: dict[int, list[tuple[Node, str | dict[str, Any]]]] = defaultdict(list)
    for v, node, data in occurrences:
        groups[uf.find(v)].append((node, data))
    meta = meta_of({node[0] for _, node, _ in occurrences})
    kept = []
    for members in groups.values():
        arts = {node[0] for node, _ in members}
        if len(arts) < min_articles:
            continue
        members.sort(key=lambda m: (_date(meta.get(m[0][0], {})), m[0]))
        outlets = {meta.get(a, {}).get("source") for a in arts} - {None}
        kept.append((-len(arts), -len(outlets), _date(meta.get(members[0][0][0], {})), members))
    kept.sort(key=lambda x: x[:3])
    out = []
    for *_, members in kept[:limit] if limit is not None else kept:
        appearances = []
        for node, raw in _once_per_passage(members):
            data = json.loads(raw) if isinstance(raw, str) else raw
            text = source.original(node, data.get("parts")) or str(data.get("text") or "")
            appearances.append(
                {
                    **meta.get(node[0], {"article_id": node[0]}),
                    "start": node[1],
                    "end": node[2],
                    "text": text,
                    "speaker": data.get("speaker"),
                    "speaker_entity": data.get("speaker_entity"),
                }
            )
        out.append(_entry("quote", appearances[0]["text"], appearances))  # as the first article wrote it
    return out


def _once_per_passage(members: list[tuple[Node, str | dict[str, Any]]]) -> list[tuple[Node, str | dict[str, Any]]]:
    """One appearance per passage of an article: of overlapping quote spans (a quote and one nested
    in it, or its parts) the longest stays; the date order of ``members`` is kept."""
    kept: set[int] = set()
    for i in sorted(range(len(members)), key=lambda i: -(members[i][0][2] - members[i][0][1])):
        node = members[i][0]
        if not any(
            members[k][0][0] == node[0] and members[k][0][1] < node[2] and node[1] < members[k][0][2] for k in kept
        ):
            kept.add(i)
    return [m for i, m in enumerate(members) if i in kept]


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
    meta: dict[str, dict[str, Any]] = {}
    texts: dict[str, str] = {}
    repeats: list[dict[str, Any]] = []
    for art in corpus:
        k = article_keys(art)
        meta[art.id] = source_info(art.id, art.meta)
        texts[art.id] = art.text
        rows.extend(k.rows)
        repeats.extend(_repeat_entry(meta[art.id], rep, art.text) for rep in k.repeats)
    result = {
        "quotes": quote_groups(_MemoryQuotes(rows, texts), lambda ids: meta, min_articles, limit),
        "passages": passage_groups(_shared(r for r in rows if r.kind == "p"), meta, min_articles),
        "repeats": repeats,
    }
    result = _finish(result, limit)
    for p in result["passages"]:
        s, e = p["first"]["spans"][0]
        p["text"] = texts[p["first"]["article_id"]][s:e][:300]
    return result


def propagation_report(
    corpus: Store | list[Any],
    min_articles: int = 2,
    limit: int | None = 100,
    cross_lingual: bool = False,
    similarity: float = DEFAULT_THRESHOLD,
    embedder: Embedder | None = None,
) -> dict[str, Any]:
    """:func:`propagation`, plus with ``cross_lingual`` the :func:`~narrascope.corpus.crosslingual.crosslingual`
    groups at ``similarity`` under ``"cross_lingual"``: what ``narrascope propagation [--cross-lingual]``,
    ``/api/propagation`` and the ``/propagation`` page show. ``corpus`` is read twice, so a store or a list.
    """
    result: dict[str, Any] = dict(propagation(corpus, min_articles, limit))
    if cross_lingual:
        result["cross_lingual"] = crosslingual(corpus, embedder, threshold=similarity, limit=limit)
    return result


def _repeat_entry(meta: dict[str, Any], rep: dict[str, Any], text: str | None) -> dict[str, Any]:
    s, e = rep["spans"][0]
    return {**meta, "words": rep["words"], "spans": rep["spans"], "text": text[s:e][:300] if text is not None else None}


def _from_store(store: Store, min_articles: int, limit: int | None) -> dict[str, list[dict[str, Any]]]:
    p = _rows_from_store(store, "P")
    reps = db.repeats(store)
    meta = db.article_meta(store, {r.article_id for r in p} | {a for a, _ in reps})
    result = {
        "quotes": quote_groups(_StoreQuotes(store), lambda ids: db.article_meta(store, ids), min_articles, limit),
        "passages": passage_groups(p, meta, min_articles),
        "repeats": [],
    }
    result = _finish(result, limit)
    for entry in result["passages"]:
        s, e = entry["first"]["spans"][0]
        entry["text"] = db.excerpt(store, entry["first"]["article_id"], s, e)
    for aid, items in reps[: limit if limit is not None else None]:
        for rep in items:
            s, e = rep["spans"][0]
            result["repeats"].append(
                {
                    **_repeat_entry(meta.get(aid, {"article_id": aid}), rep, None),
                    "text": db.excerpt(store, aid, s, e),
                }
            )
    return result
