"""One role per actor per article, voted from the mention-level ``article.roles`` (which stay
unchanged for the shared-task output), so people read one finding per actor instead of one per mention."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from ..document import Annotation, Article
from .confidence import DEFAULT_UNCERTAIN_BELOW
from .taxonomy import FINE_TO_MAIN, MAIN_ROLES

# A fine role is kept when its weight reaches this share of the best fine role's weight.
FINE_SHARE = 0.5


@dataclass(frozen=True)
class ActorRole:
    """An actor's role in one article, with the mentions and sentences that support it.

    ``confidence`` is the winning role's summed mention score divided by the number of
    role-bearing mentions: the mean probability given to that role, a dissenting mention
    counting 0. It drops both when the model is unsure and when the mentions disagree.
    """

    key: str  # entity_id, else the normalised mention text
    entity_id: str | None
    name: str
    main_role: str
    fine_roles: tuple[str, ...]
    confidence: float
    uncertain: bool
    votes: tuple[tuple[str, float], ...]  # (main role, summed score), best first
    mentions: tuple[str, ...]  # annotation ids of the role-bearing mentions (the supporting ones first)
    spans: tuple[tuple[int, int], ...]  # their (start, end), same order
    supporting: int  # how many of the mentions voted for main_role
    sentences: tuple[str, ...]  # ids of the sentences holding the supporting mentions, text order

    def to_dict(self) -> dict[str, Any]:
        """JSON form for the API and ``show --format json``."""
        return {
            "key": self.key,
            "entity_id": self.entity_id,
            "name": self.name,
            "main_role": self.main_role,
            "fine_roles": list(self.fine_roles),
            "confidence": self.confidence,
            "uncertain": self.uncertain,
            "votes": dict(self.votes),
            "mentions": list(self.mentions),
            "spans": [list(s) for s in self.spans],
            "supporting": self.supporting,
            "sentences": list(self.sentences),
        }


def normalise_mention(text: str) -> str:
    """The grouping key of a mention without an entity id: case-folded, single-spaced."""
    return " ".join(text.split()).casefold()


def actor_roles(article: Article, uncertain_below: float = DEFAULT_UNCERTAIN_BELOW) -> list[ActorRole]:
    """Aggregate ``article.roles`` per actor; most supported actors first."""
    by_id = {a.id: a for a in article.annotations}
    names = {str(e.get("id")): str(e.get("canonical")) for e in article.entities if e.get("id") and e.get("canonical")}
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    labels: dict[str, tuple[str | None, str]] = {}
    for rec in article.roles:
        if not rec.get("main_role"):
            continue
        ann = by_id.get(str(rec.get("mention")))
        surface = _surface(article, rec, ann)
        entity_id = str(rec["entity_id"]) if rec.get("entity_id") else None
        key = entity_id or normalise_mention(surface)
        groups[key].append(rec)
        if key not in labels:
            canonical = ann.attrs.get("canonical") if ann is not None else None
            labels[key] = (entity_id, str(canonical or names.get(entity_id or "") or surface))
    sents = article.layer("sentence")
    out = [_aggregate(key, *labels[key], recs, sents, uncertain_below) for key, recs in groups.items()]
    return sorted(out, key=lambda a: (-a.supporting, -a.confidence, a.name.casefold()))


def _surface(article: Article, rec: dict[str, Any], ann: Annotation | None) -> str:
    if ann is not None:
        return article.surface(ann)
    start, end = int(rec.get("start") or 0), int(rec.get("end") or 0)
    return article.text[start:end] or str(rec.get("mention") or "?")


def _aggregate(key: str, entity_id: str | None, name: str, recs: list[dict[str, Any]], sents: list[Annotation],
               uncertain_below: float) -> ActorRole:
    """Score-weighted vote of one actor's mentions: main role, fine roles, confidence, support."""
    votes: dict[str, float] = defaultdict(float)
    counts: dict[str, int] = defaultdict(int)
    for rec in recs:
        votes[str(rec["main_role"])] += _score(rec)
        counts[str(rec["main_role"])] += 1
    main = max(votes, key=lambda r: (votes[r], counts[r], -_rank(r)))
    backing = [r for r in recs if r["main_role"] == main]
    fine: dict[str, float] = defaultdict(float)
    for rec in backing:
        for role in rec.get("fine_roles") or []:
            if FINE_TO_MAIN.get(str(role), main) == main:
                fine[str(role)] += _score(rec)
    top = max(fine.values(), default=0.0)
    fine_roles = tuple(sorted((r for r, w in fine.items() if w >= FINE_SHARE * top), key=lambda r: (-fine[r], r)))
    confidence = round(votes[main] / len(recs), 4)
    ordered = backing + [r for r in recs if r["main_role"] != main]
    starts = [s.start for s in sents]
    held = {_sentence_of(sents, starts, int(r.get("start") or 0)) for r in backing}
    return ActorRole(
        key=key,
        entity_id=entity_id,
        name=name,
        main_role=main,
        fine_roles=fine_roles,
        confidence=confidence,
        uncertain=confidence < uncertain_below,
        votes=tuple(sorted(((r, round(v, 4)) for r, v in votes.items()), key=lambda rv: (-rv[1], _rank(rv[0])))),
        mentions=tuple(str(r.get("mention")) for r in ordered),
        spans=tuple((int(r.get("start") or 0), int(r.get("end") or 0)) for r in ordered),
        supporting=len(backing),
        sentences=tuple(s.id for s in sents if s.id in held),
    )


def _score(rec: dict[str, Any]) -> float:
    value = rec.get("score")
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 1.0


def _rank(role: str) -> int:
    return MAIN_ROLES.index(role) if role in MAIN_ROLES else len(MAIN_ROLES)


def _sentence_of(sents: list[Annotation], starts: list[int], pos: int) -> str | None:
    i = bisect_right(starts, pos) - 1
    return sents[i].id if i >= 0 and sents[i].start <= pos < sents[i].end else None
