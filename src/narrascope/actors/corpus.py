"""Corpus-level actors: merge unknown (NER-only) actors across articles and list every actor.

Merging is conservative: identical spelling keys merge; otherwise two unknown actors of
the same type merge only when their keys are near-identical (rapidfuzz ratio at or above
``threshold``, same number of words, same initial). A surname-only unknown person joins a
full name only when exactly one full name in the corpus ends with it. Gazetteer actors
keep their ids, so a merge never joins two gazetteer actors.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from ..document import Article
from .gazetteer import Gazetteer
from .normalise import name_key

DEFAULT_THRESHOLD = 92.0


@dataclass
class ActorRow:
    """One actor across the corpus."""

    id: str
    canonical: str
    type: str
    affiliation: str | None
    wikidata: str | None
    source: str
    mentions: int = 0
    articles: int = 0
    outlets: Counter[str] = field(default_factory=Counter)
    first: str | None = None
    last: str | None = None
    names: Counter[str] = field(default_factory=Counter)
    titles: Counter[str] = field(default_factory=Counter)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "canonical": self.canonical,
            "type": self.type,
            "affiliation": self.affiliation,
            "wikidata": self.wikidata,
            "source": self.source,
            "mentions": self.mentions,
            "articles": self.articles,
            "outlets": [o for o, _ in self.outlets.most_common()],
            "first": self.first,
            "last": self.last,
            "titles": [t for t, _ in self.titles.most_common(5)],
        }

    def absorb(self, other: ActorRow) -> None:
        """Add another row's counts to this one (used when merging)."""
        self.mentions += other.mentions
        self.articles += other.articles
        self.outlets.update(other.outlets)
        self.names.update(other.names)
        self.titles.update(other.titles)
        self.affiliation = self.affiliation or other.affiliation
        self.first = _min(self.first, other.first)
        self.last = _max(self.last, other.last)


def _min(a: str | None, b: str | None) -> str | None:
    return min(x for x in (a, b) if x) if (a or b) else None


def _max(a: str | None, b: str | None) -> str | None:
    return max(x for x in (a, b) if x) if (a or b) else None


def collect(articles: Iterable[Article]) -> dict[str, ActorRow]:
    """Per-actor counts from the articles' ``entities`` records (before any merge)."""
    rows: dict[str, ActorRow] = {}
    for art in articles:
        day = str(art.meta.get("published") or "")[:10] or None
        outlet = art.meta.get("source")
        for rec in art.entities:
            row = rows.get(rec["id"])
            if row is None:
                row = rows[rec["id"]] = ActorRow(
                    rec["id"], rec["canonical"], rec["type"], rec.get("affiliation"), rec.get("wikidata"),
                    rec.get("source", "ner"),
                )
            row.mentions += len(rec.get("mentions") or [])
            row.articles += 1
            row.names[rec["canonical"]] += 1
            row.titles.update(rec.get("titles") or [])
            row.affiliation = row.affiliation or rec.get("affiliation")
            if outlet:
                row.outlets[str(outlet)] += 1
            row.first, row.last = _min(row.first, day), _max(row.last, day)
    return rows


def merge_map(
    rows: dict[str, ActorRow], gazetteer: Gazetteer | None = None, threshold: float = DEFAULT_THRESHOLD
) -> dict[str, str]:
    """Map each unknown actor id to the id it merges into (identity for the rest)."""
    out = {rid: rid for rid in rows}
    unknown = sorted((r for r in rows.values() if r.source != "gazetteer"), key=lambda r: (-r.mentions, r.id))
    reps: dict[str, list[tuple[str, str]]] = defaultdict(list)  # type -> [(key, representative id)]
    for row in unknown:
        key = name_key(row.canonical)
        target = _gazetteer_match(key, row.type, gazetteer) or _fuzzy(key, reps[row.type], threshold)
        if target is None:
            reps[row.type].append((key, row.id))
        else:
            out[row.id] = target
    for row in unknown:  # surname-only people join the one full name ending with them
        key = name_key(row.canonical)
        if row.type != "PERSON" or " " in key or out[row.id] != row.id:
            continue
        fulls = {out[rid] for k, rid in reps["PERSON"] if " " in k and k.split()[-1] == key}
        if len(fulls) == 1:
            out[row.id] = fulls.pop()
    return out


def _gazetteer_match(key: str, etype: str, gazetteer: Gazetteer | None) -> str | None:
    if gazetteer is None:
        return None
    ids = {e.actor_id for e in gazetteer.names.get(key, []) if e.kind == "full"}
    if len(ids) == 1:
        aid = ids.pop()
        if gazetteer.actors[aid].type == etype or etype in ("ORG", "GPE", "LOC", "FAC"):
            return aid
    return None


def _fuzzy(key: str, reps: list[tuple[str, str]], threshold: float) -> str | None:
    words = key.split()
    for other, rid in reps:
        if other == key:
            return rid
        o_words = other.split()
        if len(o_words) != len(words) or other[:1] != key[:1] or min(len(key), len(other)) < 5:
            continue
        if fuzz.ratio(key, other) >= threshold and all(a[:1] == b[:1] for a, b in zip(words, o_words, strict=True)):
            return rid
    return None


def list_actors(
    articles: Iterable[Article],
    gazetteer: Gazetteer | None = None,
    etype: str | None = None,
    threshold: float = DEFAULT_THRESHOLD,
) -> list[ActorRow]:
    """Every actor in the corpus with mention counts, outlets and first/last dates, most mentioned first."""
    rows = collect(articles)
    mapping = merge_map(rows, gazetteer, threshold)
    merged: dict[str, ActorRow] = {}
    for rid in sorted(rows, key=lambda r: (mapping[r] != r, r)):
        row, target = rows[rid], mapping[rid]
        if target == rid:
            merged[rid] = row
        elif target in merged:
            merged[target].absorb(row)
        else:
            base = _from_gazetteer(target, gazetteer) or ActorRow(target, row.canonical, row.type, None, None, "ner")
            base.absorb(row)
            merged[target] = base
    for row in merged.values():
        known = _from_gazetteer(row.id, gazetteer)
        if known is not None:  # the current gazetteer names the actor (stored records may be older)
            row.canonical, row.type, row.wikidata = known.canonical, known.type, known.wikidata
            row.affiliation, row.source = known.affiliation or row.affiliation, "gazetteer"
        elif row.source != "gazetteer" and row.names:
            own = row.canonical
            row.canonical = max(sorted(row.names), key=lambda n: (len(n.split()), row.names[n], n == own))
    out = [r for r in merged.values() if etype is None or r.type == etype.upper()]
    return sorted(out, key=lambda r: (-r.mentions, r.canonical))


def _from_gazetteer(actor_id: str, gazetteer: Gazetteer | None) -> ActorRow | None:
    if gazetteer is None or actor_id not in gazetteer.actors:
        return None
    a = gazetteer.actors[actor_id]
    return ActorRow(a.id, a.canonical, a.type, a.affiliation or a.code, a.wikidata, "gazetteer")
