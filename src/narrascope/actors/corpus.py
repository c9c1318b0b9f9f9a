"""Corpus-level actors: the one actor aggregation behind ``narrascope actors``, ``/api/actors``,
the actors page and the overview's top actors. Merge unknown (NER-only) actors across articles
and list every actor with its article and mention counts and its roles per main role.

An article's actors are its ``entities`` records when present, else its ``entity`` spans grouped
by :func:`entity_key`; a record's mentions are its ``mentions`` ids, else the spans linked to it,
else its ``count``. Roles count the article's mention-level ``roles`` per ``main_role``.

Merging is conservative: identical spelling keys merge; otherwise two unknown actors of
the same type merge only when their keys are near-identical (rapidfuzz ratio at or above
``threshold``, same number of words, same initial). A surname-only unknown person joins a
full name only when exactly one full name in the corpus ends with it. Gazetteer actors
keep their ids, so a merge never joins two gazetteer actors.
"""

from __future__ import annotations

import copy
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from ..component_settings import EntitiesSettings
from ..document import Annotation, Article
from ..settings import Settings
from .gazetteer import Gazetteer, configured_gazetteer
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
    roles: Counter[str] = field(default_factory=Counter)  # main role -> role-bearing mentions

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
            "roles": self.role_counts(),
        }

    def role_counts(self) -> dict[str, int]:
        """Role-bearing mentions per main role, most frequent first."""
        return dict(sorted(self.roles.items(), key=lambda kv: (-kv[1], kv[0])))

    def absorb(self, other: ActorRow) -> None:
        """Add another row's counts to this one (used when merging)."""
        self.mentions += other.mentions
        self.articles += other.articles
        self.outlets.update(other.outlets)
        self.names.update(other.names)
        self.titles.update(other.titles)
        self.roles.update(other.roles)
        self.affiliation = self.affiliation or other.affiliation
        self.first = _min(self.first, other.first)
        self.last = _max(self.last, other.last)


def _min(a: str | None, b: str | None) -> str | None:
    return min(x for x in (a, b) if x) if (a or b) else None


def _max(a: str | None, b: str | None) -> str | None:
    return max(x for x in (a, b) if x) if (a or b) else None


def entity_key(ann: Annotation) -> str:
    """The id an entity span links to: ``entity_id``, else its canonical name, else its label."""
    return str(ann.attrs.get("entity_id") or ann.attrs.get("canonical") or ann.label)


def record_key(rec: dict[str, Any]) -> str:
    """The id of an ``article.entities`` record (``entity_id``, ``id``, else its canonical name)."""
    return str(rec.get("entity_id") or rec.get("id") or rec.get("canonical") or "")


def article_actors(art: Article) -> list[tuple[str, dict[str, Any], list[str]]]:
    """``(key, record, mention ids)`` per actor of one article: its ``entities`` records, else its
    ``entity`` spans grouped by key (a record with a ``count`` and no ids gets that many ``""`` ids)."""
    spans: dict[str, list[Annotation]] = defaultdict(list)
    for ann in art.layer("entity"):
        spans[entity_key(ann)].append(ann)
    out: list[tuple[str, dict[str, Any], list[str]]] = []
    if art.entities:
        for rec in art.entities:
            key, ids = record_key(rec), rec.get("mentions")
            listed = isinstance(ids, list) and all(isinstance(m, str) for m in ids)
            mention_ids = [str(m) for m in ids] if listed and isinstance(ids, list) else []
            mention_ids = mention_ids or [a.id for a in spans.get(key, [])] or [""] * int(rec.get("count") or 0)
            out.append((key, rec, mention_ids))
        return out
    for key, anns in spans.items():
        first = anns[0]
        rec = {**first.attrs, "type": first.attrs.get("type") or first.label,
               "canonical": first.attrs.get("canonical") or art.surface(first)}
        out.append((key, rec, [a.id for a in anns]))
    return out


def article_roles(art: Article) -> dict[str, Counter[str]]:
    """Mention-level roles of one article per actor key: main role -> role-bearing mentions."""
    roles: dict[str, Counter[str]] = defaultdict(Counter)
    for role in art.roles:
        if role.get("main_role"):
            roles[str(role.get("entity_id"))][str(role["main_role"])] += 1
    return roles


class ActorTally:
    """Per-actor counts, one article at a time (so a corpus is streamed, never held in memory)."""

    def __init__(self) -> None:
        self.rows: dict[str, ActorRow] = {}

    def add(self, art: Article) -> None:
        day = str(art.meta.get("published") or "")[:10] or None
        outlet = art.meta.get("source")
        roles = article_roles(art)
        for key, rec, mention_ids in article_actors(art):
            row = self.rows.get(key)
            canonical = str(rec.get("canonical") or key)
            if row is None:
                row = self.rows[key] = ActorRow(
                    key, canonical, str(rec.get("type") or ""), rec.get("affiliation"), rec.get("wikidata"),
                    str(rec.get("source") or "ner"),
                )
            row.mentions += len(mention_ids)
            row.articles += 1
            row.names[canonical] += 1
            titles = rec.get("titles")
            row.titles.update(titles if isinstance(titles, list) else [rec["title"]] if rec.get("title") else [])
            row.roles.update(roles.get(key, Counter()))
            row.affiliation = row.affiliation or rec.get("affiliation")
            if outlet:
                row.outlets[str(outlet)] += 1
            row.first, row.last = _min(row.first, day), _max(row.last, day)

    def actors(
        self, gazetteer: Gazetteer | None = None, etype: str | None = None, threshold: float = DEFAULT_THRESHOLD
    ) -> list[ActorRow]:
        """The merged rows, most mentioned first (see :func:`list_actors`); the tally stays as it was."""
        return _merged(copy.deepcopy(self.rows), gazetteer, etype, threshold)


def collect(articles: Iterable[Article]) -> dict[str, ActorRow]:
    """Per-actor counts from the articles' actors (before any merge)."""
    tally = ActorTally()
    for art in articles:
        tally.add(art)
    return tally.rows


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
    """Every actor in the corpus with mention counts, outlets, first/last dates and roles, most
    mentioned first: the one aggregation the CLI, the API and the pages share."""
    return _merged(collect(articles), gazetteer, etype, threshold)


def _merged(
    rows: dict[str, ActorRow], gazetteer: Gazetteer | None, etype: str | None, threshold: float
) -> list[ActorRow]:
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


def settings_gazetteer(settings: Settings) -> Gazetteer:
    """The gazetteer the ``entities`` component is configured with (shipped plus the user's files)."""
    return configured_gazetteer(settings.options(EntitiesSettings))
