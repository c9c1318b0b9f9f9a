"""Which actors of an article play a role: the entity-salience head in front of the role heads.

SemEval-2025 annotates roles on a few actors per article (EN train: 1.7 mentions per article),
while the entity layer finds dozens of people, places and organisations. Giving every one of
them a role buries the real protagonists and antagonists under "Antagonist: Istanbul". This
head scores each *entity of an article* (all its mentions together) from hashed tokens: its
type, identity and affiliation (with the language), how often and how early it is mentioned,
whether the title names it, and the words next to its mentions. Entities scoring below the
threshold (picked by cross-validation) get no role.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..document import Annotation, Article
from .features import hasher, tfidf_sparse
from .linear import LinearHead, sigmoid
from .mention_tokens import identity_tokens

HASH_DIM = 2**14
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class EntityGroup:
    """The mentions of one entity in one article (grouped by ``entity_id``, else by surface form)."""

    key: str
    mentions: list[Annotation]


def entity_groups(article: Article, mentions: Sequence[Annotation]) -> list[EntityGroup]:
    """Mentions grouped per entity, groups in order of first mention."""
    groups: dict[str, list[Annotation]] = {}
    for m in sorted(mentions, key=lambda a: a.start):
        key = str(m.attrs.get("entity_id") or article.surface(m).lower())
        groups.setdefault(key, []).append(m)
    return [EntityGroup(k, v) for k, v in groups.items()]


def _bucket(value: float, edges: Sequence[float]) -> int:
    return sum(value >= e for e in edges)


def salience_tokens(article: Article, group: EntityGroup, lang: str | None) -> str:
    """The hashed-feature text of one entity in one article."""
    text = article.text
    first = group.mentions[0]
    title_end = text.find("\n")
    title_end = len(text) if title_end < 0 else title_end
    code = (lang or "xx").lower()[:2]
    count = _bucket(len(group.mentions), (2, 3, 5, 9))
    pos = _bucket(first.start / max(1, len(text)), (0.05, 0.15, 0.35, 0.6))
    kind = str(first.attrs.get("type") or first.label)
    toks = [f"type_{kind}", f"typel_{code}_{kind}", f"count_{count}", f"countt_{count}_{kind}", f"pos_{pos}",
            f"src_{first.attrs.get('source', 'ner')}", f"lang_{code}"]
    if first.start < title_end:
        toks.append("in_title")
    toks.append(identity_tokens(article.surface(first), lang))
    for m in group.mentions[:5]:
        left = _WORD.findall(text[max(0, m.start - 60) : m.start])[-3:]
        right = _WORD.findall(text[m.end : m.end + 60])[:3]
        toks += [f"l_{w.lower()}" for w in left] + [f"r_{w.lower()}" for w in right]
    return " ".join(toks)


class SalienceHead:
    """Logistic head over hashed entity tokens, with its IDF and decision threshold."""

    def __init__(self, head: LinearHead, idf: np.ndarray, threshold: float) -> None:
        self.head, self.idf, self.threshold = head, idf, threshold
        self._hasher = hasher(len(idf), "word")

    def scores(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros(0, np.float32)
        hashed = tfidf_sparse(self._hasher.transform(texts), self.idf)
        dense = np.zeros((len(texts), 0), np.float32)
        return np.asarray(sigmoid(self.head.logits(dense, hashed))[:, 0], dtype=np.float32)

    def select(self, article: Article, mentions: Sequence[Annotation], lang: str | None) -> list[Annotation]:
        """The mentions of the entities that score at or above the threshold, in text order."""
        groups = entity_groups(article, mentions)
        keep = self.scores([salience_tokens(article, g, lang) for g in groups]) >= self.threshold
        return sorted((m for g, k in zip(groups, keep, strict=True) if k for m in g.mentions), key=lambda a: a.start)

    def tensors(self) -> dict[str, np.ndarray]:
        return {**self.head.tensors("sal"), "sal.idf": self.idf.astype(np.float32)}

    @classmethod
    def from_tensors(cls, tensors: dict[str, np.ndarray], threshold: float) -> SalienceHead:
        head = LinearHead.from_tensors(["role"], tensors, "sal")
        return cls(head, tensors["sal.idf"].astype(np.float32), threshold)
