"""A cache of corpus-wide results, article views and rendered pages, valid while the store (and its
corpus index) is unchanged, and the corpus analyses the API serves by name."""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from ..corpus import near_duplicates, outlets, propagation, stances, timeline
from ..store import Store
from ..store.corpus import state_key

log = logging.getLogger("narrascope.web")

# The corpus analyses the API exposes, by endpoint name (``/api/corpus/{name}``).
CORPUS_FUNCTIONS: dict[str, Callable[[Store], Any]] = {
    "timeline": timeline,
    "propagation": propagation,
    "duplicates": near_duplicates,
    "outlets": outlets,
    "stances": stances,
}


def preload() -> None:
    """Import the libraries the corpus views load lazily (datasketch pulls in scipy, ~0.8 s) at
    startup: imported by the first request instead, they held the import lock while every other
    request in flight waited behind it."""
    import datasketch  # noqa: F401
    import dateparser  # noqa: F401
    import rapidfuzz  # noqa: F401


def corpus_function(name: str) -> Callable[[Store], Any]:
    """The ``narrascope.corpus`` function behind an endpoint (``name`` is a key of :data:`CORPUS_FUNCTIONS`)."""
    return CORPUS_FUNCTIONS[name]


def corpus_result(store: Store, name: str) -> Any:
    return corpus_function(name)(store)


class StateCache:
    """Remembers results (corpus analyses, article views, rendered pages) until an article is
    added, replaced or deleted; the least recently used entries go beyond ``size``."""

    def __init__(self, size: int = 1024, ttl: float = 1.0) -> None:
        self._lock = threading.Lock()
        self._ttl = ttl  # how long a read of the store's state is trusted (writes elsewhere show up after it)
        self._state: tuple[float, tuple[Any, ...]] | None = None
        self._generation = 0  # bumped by invalidate(): entries cached before a write never match again
        self._values: OrderedDict[str, tuple[tuple[Any, ...], Any]] = OrderedDict()
        self._size = size
        self._flights: dict[str, threading.Lock] = {}

    def get(self, store: Store, name: str, compute: Callable[[], Any]) -> Any:
        """The cached value for ``name`` if the store has not changed since, else ``compute()``.

        Callers must not mutate what they get back: it is shared between requests.
        """
        key = self._state_of(store)
        hit = self._lookup(name, key)
        if hit is not None:
            return hit[0]
        with self._lock:
            flight = self._flights.setdefault(name, threading.Lock())
        with flight:  # one request computes; concurrent ones for the same name wait and reuse it
            hit = self._lookup(name, key)
            if hit is not None:
                return hit[0]
            value = compute()
            with self._lock:
                self._values[name] = (key, value)
                self._values.move_to_end(name)
                while len(self._values) > self._size:
                    dropped, _ = self._values.popitem(last=False)
                    self._flights.pop(dropped, None)
        return value

    def peek(self, name: str) -> tuple[Any] | None:
        """``(value,)`` when it is cached and the store's state was read less than ``ttl`` ago; no I/O."""
        with self._lock:
            if self._state is None or time.monotonic() - self._state[0] >= self._ttl:
                return None
            key = self._state[1]
        return self._lookup(name, key)

    def invalidate(self) -> None:
        """Forget the store's state, so the next request re-reads it (after this app's own writes)."""
        with self._lock:
            self._generation += 1
            self._state = None

    def _state_of(self, store: Store) -> tuple[Any, ...]:
        now = time.monotonic()
        with self._lock:
            if self._state is not None and now - self._state[0] < self._ttl:
                return self._state[1]
            generation = self._generation
        key = (generation, *state_key(store))
        with self._lock:
            if self._generation == generation:  # no write finished while we were reading
                self._state = (now, key)
        return key

    def _lookup(self, name: str, key: tuple[Any, ...]) -> tuple[Any] | None:
        with self._lock:
            hit = self._values.get(name)
            if hit is not None and hit[0] == key:
                self._values.move_to_end(name)
                return (hit[1],)
        return None

    def corpus(self, store: Store, name: str) -> Any:
        """The named corpus analysis of the store, computed once per store state."""
        return self.get(store, f"corpus:{name}", lambda: corpus_result(store, name))

    def optional(self, store: Store, name: str) -> Any:
        """A corpus result for a page panel: None when it fails (logged), never an error page."""
        try:
            return self.corpus(store, name)
        except Exception:  # a panel must not take its page down
            log.exception("corpus analysis %r failed", name)
            return None
