"""StateCache: reuse while the store is unchanged, recompute after writes, one computation per burst."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from narrascope.document import Article
from narrascope.store import Store
from narrascope.web.cache import StateCache


class Counter:
    """A slow computation that returns how many times it has run."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> int:
        self.calls += 1
        time.sleep(0.05)
        return self.calls


def test_reuse_until_the_store_changes(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'c.db'}")
    cache = StateCache(ttl=0.0)  # always re-read the store's state
    compute = Counter()
    assert [cache.get(store, "x", compute), cache.get(store, "x", compute)] == [1, 1]
    store.save(Article("A new article arrives."))
    assert cache.get(store, "x", compute) == 2
    assert cache.peek("x") is None  # ttl 0: peeking never trusts a stale state


def test_invalidate_beats_the_ttl(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'c.db'}")
    cache = StateCache(ttl=60.0)
    compute = Counter()
    cache.get(store, "x", compute)
    assert cache.peek("x") == (1,)
    cache.invalidate()
    assert cache.peek("x") is None and cache.get(store, "x", compute) == 2


def test_one_computation_per_burst(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'c.db'}")
    cache = StateCache()
    compute = Counter()
    results: list[int] = []
    threads = [threading.Thread(target=lambda: results.append(cache.get(store, "x", compute))) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert (results, compute.calls) == ([1] * 8, 1)


def test_least_recently_used_entries_go(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'c.db'}")
    cache = StateCache(size=2, ttl=60.0)
    for name in ("a", "b", "a", "c"):
        cache.get(store, name, lambda n=name: n)
    assert [cache.peek(n) for n in ("a", "b", "c")] == [("a",), None, ("c",)]
