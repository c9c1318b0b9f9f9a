"""The reuse index, computed here and kept by the store (``store/corpus.py``): per-article passage
and quote keys, date window, MinHash signature and near-duplicate cluster.

It is updated on write: :func:`narrascope.runner.run` indexes the articles it stores, and
``narrascope reindex`` (:func:`update_index`) indexes whatever is new or re-analysed. Queries
only read it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

import numpy as np

from ..component_settings import NearDuplicatesSettings
from ..document import Article
from ..settings import Settings
from ..store import Store
from ..store import corpus as db
from .dating import Window, article_window
from .duplicates import DEFAULT_THRESHOLD, LSHIndex
from .keys import ArticleKeys, article_keys

COPY_DAYS = 7


def _lsh(store: Store, threshold: float) -> tuple[LSHIndex, dict[str, str]]:
    """A MinHashLSH over every indexed signature, and each article's cluster."""
    lsh = LSHIndex(threshold)
    clusters: dict[str, str] = {}
    for aid, cluster, sig in db.signatures(store):
        lsh.add(aid, np.frombuffer(sig, dtype=np.uint32))
        clusters[aid] = str(cluster or aid)
    return lsh, clusters


def _entry(k: ArticleKeys, updated_at: str, cluster: str, window: Window | None) -> dict[str, Any]:
    """The article's ``corpus_state`` row, less its id."""
    return {
        "updated_at": updated_at,
        "date_from": window.start.isoformat() if window else None,
        "date_to": window.end.isoformat() if window else None,
        "estimated": int(bool(window and window.estimated)),
        "minhash": k.minhash,
        "repeats": json.dumps(k.repeats),
        "cluster": cluster,
    }


def _copy_window(w: db.IndexWriter, original: str) -> Window | None:
    """An undated near-duplicate's estimated window: within a week after its dated original."""
    start_iso = w.window_start(original)
    if start_iso is None:
        return None
    start = date.fromisoformat(start_iso)
    return Window(start, start + timedelta(days=COPY_DAYS), True, (f"near-duplicate of {original}",))


def index_articles(store: Store, ids: Iterable[str], threshold: float = DEFAULT_THRESHOLD, batch: int = 200) -> int:
    """(Re)index the given stored articles; each joins the cluster of its nearest earlier near-duplicate."""
    todo = list(ids)
    if not todo:
        return 0
    done = 0
    lsh, clusters = _lsh(store, threshold)
    dated = db.dated_ids(store, todo)
    # Dated articles first, so an undated copy finds its dated original already indexed.
    todo = [t for t in todo if t in dated] + [t for t in todo if t not in dated]
    for i in range(0, len(todo), batch):
        chunk = todo[i : i + batch]
        with db.writer(store) as w:
            stamps = w.stamps(chunk)
            for art in sorted(store.iter_articles(ids=chunk), key=lambda x: not x.meta.get("published")):
                k = article_keys(art)
                sig = np.frombuffer(k.minhash, dtype=np.uint32)
                hits = lsh.similar(sig, skip=art.id)
                cluster = clusters.get(hits[0][0], hits[0][0]) if hits else art.id
                own = article_window(art)
                fallback = _copy_window(w, hits[0][0]) if hits and own is None else None
                entry = _entry(k, str(stamps.get(art.id, "")), cluster, own or fallback)
                w.replace(art.id, entry, k.rows)
                lsh.add(art.id, sig)
                clusters[art.id] = cluster
                done += 1
    return done


def threshold_of(settings: Settings) -> float:
    """The near-duplicate threshold of ``[components.near_duplicates]``, the one the index clusters with."""
    return settings.options(NearDuplicatesSettings).threshold


def update_index(store: Store, threshold: float = DEFAULT_THRESHOLD) -> int:
    """Index every new or re-analysed article (``narrascope reindex``); returns how many were (re)indexed."""
    return index_articles(store, db.stale_ids(store), threshold)


def on_saved(store: Store, article: Article, threshold: float = DEFAULT_THRESHOLD) -> str | None:
    """Ingest hook: index one just-saved article; returns the near-duplicate cluster it joined."""
    index_articles(store, [article.id], threshold)
    return db.clusters_of(store, [article.id]).get(article.id)
