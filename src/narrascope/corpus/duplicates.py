"""Near-duplicate articles: MinHash signatures (word 3-grams) bucketed by datasketch's MinHashLSH.

LSH proposes candidates; a pair counts only when its estimated Jaccard similarity reaches the
threshold, and clusters are the connected components of those pairs. Exact duplicates never
reach this point: the store keys articles by the hash of their clean text.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..component_settings import NearDuplicatesSettings
from ..store import Store
from ..store import corpus as db
from .keys import _SEED, NUM_PERM, article_keys
from .sources import Corpus, source_info
from .unionfind import UnionFind

#: Estimated Jaccard similarity of word 3-grams that makes two articles near-duplicates
#: (``[components.near_duplicates] threshold``, defined in :mod:`narrascope.component_settings`).
DEFAULT_THRESHOLD = NearDuplicatesSettings.threshold


class LSHIndex:
    """A MinHashLSH over ``uint32`` signatures, with exact similarity checks of its candidates."""

    def __init__(self, threshold: float, num_perm: int = NUM_PERM) -> None:
        from datasketch import MinHashLSH

        self.threshold = threshold
        # LSH only proposes candidates (checked exactly below); above 0.9 datasketch has too few bands.
        self.lsh = MinHashLSH(threshold=min(max(threshold, 0.05), 0.9), num_perm=num_perm)
        self.sigs: dict[str, np.ndarray] = {}

    @staticmethod
    def _lean(sig: np.ndarray) -> Any:
        from datasketch import LeanMinHash

        return LeanMinHash(seed=_SEED, hashvalues=sig.astype(np.uint64), scheme="affine32")

    def add(self, key: str, sig: np.ndarray) -> None:
        if key in self.sigs:
            return
        self.sigs[key] = sig
        self.lsh.insert(key, self._lean(sig))

    def similar(self, sig: np.ndarray, skip: str | None = None) -> list[tuple[str, float]]:
        """Indexed keys at least ``threshold`` similar to ``sig``, most similar first."""
        out = []
        for key in self.lsh.query(self._lean(sig)):
            if key == skip:
                continue
            sim = float(np.mean(self.sigs[key] == sig))
            if sim >= self.threshold:
                out.append((str(key), sim))
        return sorted(out, key=lambda x: (-x[1], x[0]))


def _signatures(corpus: Corpus) -> tuple[dict[str, np.ndarray], dict[str, dict[str, Any]]]:
    if isinstance(corpus, Store):
        sigs = {aid: np.frombuffer(sig, dtype=np.uint32) for aid, _cluster, sig in db.signatures(corpus)}
        return sigs, db.article_meta(corpus, sigs)
    sigs, meta = {}, {}
    for art in corpus:
        sigs[art.id] = np.frombuffer(article_keys(art).minhash, dtype=np.uint32)
        meta[art.id] = source_info(art.id, art.meta)
    return sigs, meta


def near_duplicates(corpus: Corpus, threshold: float = DEFAULT_THRESHOLD) -> list[dict[str, Any]]:
    """Clusters of near-identical articles (two or more members), largest first.

    Each cluster lists its members oldest first with their similarity to the first member,
    and every pair above the threshold.
    """
    sigs, meta = _signatures(corpus)
    lsh = LSHIndex(threshold)
    for key, sig in sigs.items():
        lsh.add(key, sig)
    uf = UnionFind(sigs)
    pairs: list[tuple[str, str, float]] = []
    for key, sig in sigs.items():
        for other, sim in lsh.similar(sig, skip=key):
            if key < other:
                pairs.append((key, other, sim))
            uf.union(key, other)
    groups = uf.groups(sigs)
    out: list[dict[str, Any]] = []
    for members in groups.values():
        if len(members) < 2:
            continue
        members.sort(key=lambda m: (meta.get(m, {}).get("published") or meta.get(m, {}).get("date_from") or "9999", m))
        first = sigs[members[0]]
        mset = set(members)
        out.append(
            {
                "cluster": members[0],
                "size": len(members),
                "members": [
                    {**meta.get(m, {"article_id": m}), "similarity": round(float(np.mean(sigs[m] == first)), 3)}
                    for m in members
                ],
                "pairs": [{"a": a, "b": b, "similarity": round(s, 3)} for a, b, s in pairs if a in mset],
            }
        )
    out.sort(key=lambda c: (-c["size"], c["cluster"]))
    return out
