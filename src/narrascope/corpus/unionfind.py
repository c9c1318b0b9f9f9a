"""Disjoint sets for the corpus groupings (near-duplicates, quote propagation, cross-lingual quote
groups, timeline events): one implementation, path halving, the smallest key of a set its root."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any, Generic, Protocol, TypeVar


class _Key(Protocol):
    def __hash__(self) -> int: ...

    def __lt__(self, other: Any, /) -> bool: ...


K = TypeVar("K", bound=_Key)


class UnionFind(Generic[K]):
    """Sets of keys (strings, ints, ...); a key never seen before is a set of its own."""

    def __init__(self, keys: Iterable[K] = ()) -> None:
        self.parent: dict[K, K] = {k: k for k in keys}

    def find(self, k: K) -> K:
        """The root of ``k``'s set (adding ``k`` when it is new)."""
        parent = self.parent
        parent.setdefault(k, k)
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    def union(self, a: K, b: K) -> bool:
        """Join the sets of ``a`` and ``b`` under the smaller root; False when they were one already."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        self.parent[max(ra, rb)] = min(ra, rb)
        return True

    def __iter__(self) -> Iterator[K]:
        """Every key seen, in the order first seen."""
        return iter(list(self.parent))

    def groups(self, keys: Iterable[K] | None = None) -> dict[K, list[K]]:
        """Root -> members of ``keys`` (default: every key seen), groups and members in input order."""
        out: dict[K, list[K]] = defaultdict(list)
        for k in self if keys is None else keys:
            out[self.find(k)].append(k)
        return dict(out)
