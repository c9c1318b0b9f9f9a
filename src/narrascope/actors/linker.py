"""Within-article linking: gazetteer hits, NER spans, surnames and titles become one actor each.

Order of evidence: full gazetteer names first (they name the article's actors), then
surname-only hits (linked when the article names the full actor, or the surname is
unambiguous), then NER spans the gazetteer does not cover (surnames clustered with the
article's own full names), then title phrases (appositions or role holders on the date).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .gazetteer import Actor, Gazetteer
from .matcher import Match, Matcher, Token, tokenize
from .normalise import name_key, slugify, word_key
from .titles import TITLE_WORDS, resolve_role, title_before

PERSON_LIKE = frozenset({"PERSON"})


@dataclass(frozen=True)
class NerSpan:
    """A named-entity span from a statistical model, already trimmed of "the" and possessives."""

    start: int
    end: int
    label: str


@dataclass
class Mention:
    """One entity mention with the actor it refers to; ``form`` is "name", "surname" or "title"."""

    start: int
    end: int
    type: str
    entity_id: str
    canonical: str
    affiliation: str | None
    source: str
    form: str = "name"
    wikidata: str | None = None
    title: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def attrs(self) -> dict[str, Any]:
        """The annotation attrs this mention carries."""
        return {
            "entity_id": self.entity_id,
            "canonical": self.canonical,
            "affiliation": self.affiliation,
            "type": self.type,
            "title": self.title,
            "form": self.form,
            "source": self.source,
        }


def ner_entity_id(label: str, name: str) -> str:
    """Stable id for an actor the gazetteer does not know: type plus name slug ("ner:person:john-smith")."""
    return f"ner:{label.lower()}:{slugify(name)}"


class Linker:
    """Links one article's mentions to actors; build once (indexes), call per article."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self.names = Matcher(gazetteer.names)
        self.roles = Matcher(gazetteer.roles)

    def link(self, text: str, ner: Sequence[NerSpan] = (), published: date | None = None) -> list[Mention]:
        """All entity mentions of ``text``, each linked to an actor, in text order."""
        tokens = tokenize(text)
        hits = self._name_hits(text, tokens)
        roles = self.roles.find(text, tokens)
        in_article = {aid for _, aid, _ in hits}
        ner = [
            s
            for s in ner
            if text[s.start : s.end].lower() not in TITLE_WORDS
            and not any(r.start <= s.start and s.end <= r.end for r in roles)
        ]
        kept_ner, hits = _merge_ner(text, ner, hits, self.gaz)
        mentions = [self._gaz_mention(text, m, aid, form) for m, aid, form in hits]
        mentions += self._ner_mentions(text, kept_ner)
        mentions.sort(key=lambda m: (m.start, m.end))
        self._coordinated_regions(text, mentions)
        self._titles(text, tokens, roles, mentions, published, in_article)
        mentions.sort(key=lambda m: (m.start, m.end))
        _share_affiliation(mentions)
        return mentions

    # --- gazetteer hits
    def _name_hits(self, text: str, tokens: Sequence[Token]) -> list[tuple[Match, str, str]]:
        found = self.names.find(text, tokens)
        out: list[tuple[Match, str, str]] = []
        full_ids: set[str] = set()
        pending: list[Match] = []
        for m in found:
            fulls = [e for e in m.entries if e.kind == "full"]
            if fulls:
                out.append((m, fulls[0].actor_id, "name"))
                full_ids.add(fulls[0].actor_id)
            else:
                pending.append(m)
        for m in pending:
            cands = list(dict.fromkeys(e.actor_id for e in m.entries))
            named = [c for c in cands if c in full_ids]
            if named:
                out.append((m, named[0], "surname"))
            elif len(cands) == 1 and not self.gaz.actors[cands[0]].ambiguous:
                out.append((m, cands[0], "surname"))
        out.sort(key=lambda h: h[0].start)
        return out

    def _gaz_mention(self, text: str, m: Match, actor_id: str, form: str) -> Mention:
        a = self.gaz.actors[actor_id]
        start, end = trim_span(text, m.start, m.end)
        return Mention(start, end, a.type, a.id, a.canonical, _affiliation(a), "gazetteer", form, a.wikidata)

    # --- NER spans the gazetteer does not cover
    def _ner_mentions(self, text: str, spans: Sequence[NerSpan]) -> list[Mention]:
        out = []
        spans = [
            NerSpan(s.start, s.end, "NORP") if word_key(text[s.start : s.end]) in self.gaz.adjectives else s
            for s in spans
        ]
        persons = sorted((s for s in spans if s.label in PERSON_LIKE), key=lambda s: -(s.end - s.start))
        clusters: list[tuple[list[str], str]] = []  # (word keys of the fullest name, its surface)
        for s in persons:
            surface = text[s.start : s.end]
            keys = name_key(surface).split() or [surface.lower()]
            home = next((c for c in clusters if keys and keys[-1] == c[0][-1] and set(keys) <= set(c[0])), None)
            if home is None:
                home = (keys, surface)
                clusters.append(home)
            form = "name" if len(keys) == len(home[0]) else "surname"
            out.append(Mention(s.start, s.end, "PERSON", ner_entity_id("PERSON", home[1]), home[1], None, "ner", form))
        for s in spans:
            if s.label in PERSON_LIKE:
                continue
            surface = text[s.start : s.end]
            canonical, affiliation, label = surface, self._affiliation_of(surface), s.label
            if word_key(surface) in self.gaz.adjectives:  # "Moldovan" is never a person or a place
                label = "NORP"
            elif label == "NORP" and surface.endswith("s") and word_key(surface[:-1]) in self.gaz.adjectives:
                canonical = surface[:-1]
            out.append(Mention(s.start, s.end, label, ner_entity_id(label, canonical), canonical, affiliation, "ner"))
        return out

    def _affiliation_of(self, phrase: str) -> str | None:
        """Affiliation implied by a phrase's country words ("Polish President" -> PL, "Kremlin aide" -> RU)."""
        tokens = tokenize(phrase)
        for m in self.names.find(phrase, tokens):
            for e in m.entries:
                a = self.gaz.actors[e.actor_id]
                if e.kind == "full" and a.type in ("GPE", "ORG", "GROUP") and _affiliation(a):
                    return _affiliation(a)
        for t in reversed(tokens):
            key = t.key[:-1] if t.key.endswith("s") and t.key[:-1] in self.gaz.adjectives else t.key
            if key in self.gaz.adjectives:
                return self.gaz.adjectives[key]
        return None

    def _coordinated_regions(self, text: str, mentions: list[Mention]) -> None:
        """ "the Donetsk and Luhansk regions" names oblasts, "... people's republics" the self-proclaimed republics."""
        places = [m for m in mentions if m.type == "GPE" and m.source == "gazetteer"]
        for i, m in enumerate(places):
            tail = _PLURAL_REGION.match(text, m.end)
            if tail is None:
                continue
            suffix = "-oblast" if tail.group(1).lower() in ("regions", "oblasts") else "-peoples-republic"
            group = [m]
            for prev in reversed(places[:i]):
                if not _LIST_GAP.fullmatch(text, prev.end, group[-1].start):
                    break
                group.append(prev)
            for g in group if len(group) > 1 else ():
                target = self.gaz.actors.get(g.entity_id + suffix)
                if target is not None:
                    g.entity_id, g.canonical, g.wikidata = target.id, target.canonical, target.wikidata
                    g.affiliation = _affiliation(target)

    # --- titles: appositions and title-only mentions
    def _titles(
        self,
        text: str,
        tokens: Sequence[Token],
        roles: Sequence[Match],
        mentions: list[Mention],
        day: date | None,
        in_article: set[str],
    ) -> None:
        by_start = {m.start: m for m in mentions if m.type == "PERSON"}
        by_end = {m.end: m for m in mentions if m.type == "PERSON"}
        tok_at = {t.start: i for i, t in enumerate(tokens)}
        for r in roles:
            surface = text[r.start : r.end]
            after = _next_person(text, r.end, by_start)
            before = _prev_person(text, r.start, by_end)
            holder = resolve_role(r.entries, day, in_article, self.gaz)
            if after is not None:
                after.title = after.title or surface
                self._relink(after, holder)
            elif before is not None:
                before.title = before.title or surface
                self._relink(before, holder)
            elif holder is not None:
                a = self.gaz.actors[holder]
                start, end = trim_span(text, r.start, r.end)
                mentions.append(
                    Mention(start, end, a.type, a.id, a.canonical, _affiliation(a), "gazetteer", "title",
                            a.wikidata, surface)
                )
        for m in mentions:
            if m.type != "PERSON" or m.form == "title":
                continue
            if m.title is None and m.start in tok_at:
                span = title_before(text, tokens, tok_at[m.start])
                if span is not None:
                    m.title = text[span[0] : span[1]]
            if m.title and m.affiliation is None:
                m.affiliation = self._affiliation_of(m.title)
            if m.title and m.affiliation:
                self._orgs_in_title(text, m, mentions)

    def _orgs_in_title(self, text: str, person: Mention, mentions: Sequence[Mention]) -> None:
        """ "Foreign Ministry spokeswoman Maria Zakharova": the bare ministry is her country's ("Russian ...")."""
        start = text.rfind(person.title or "", max(0, person.start - 200), person.start)
        country = self.gaz.country(person.affiliation)
        if start < 0 or country is None:
            return
        for m in mentions:
            if m.source != "ner" or m.type not in ("ORG", "FAC") or not start <= m.start < person.start:
                continue
            for adj in country.adjectives:
                entries = self.gaz.names.get(name_key(f"{adj} {m.canonical}"), [])
                full = [e for e in entries if e.kind == "full"]
                if full:
                    a = self.gaz.actors[full[0].actor_id]
                    m.entity_id, m.canonical, m.affiliation = a.id, a.canonical, _affiliation(a)
                    m.wikidata, m.source = a.wikidata, "gazetteer"
                    break

    def _relink(self, m: Mention, holder: str | None) -> None:
        """A NER-only person introduced by a gazetteer title becomes the holder when the surnames agree."""
        if holder is None or m.source != "ner":
            return
        a = self.gaz.actors[holder]
        if name_key(a.canonical).split()[-1] == name_key(m.canonical).split()[-1]:
            m.entity_id, m.canonical, m.affiliation = a.id, a.canonical, _affiliation(a)
            m.wikidata, m.source = a.wikidata, "gazetteer"


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "the" and a trailing possessive "'s": spans cover the name only."""
    if text[start : start + 4].lower() == "the " and end - start > 4:
        start += 4
    if text[end - 2 : end] in ("'s", "’s") and end - start > 2:
        end -= 2
    return start, end


def _share_affiliation(mentions: Sequence[Mention]) -> None:
    """Every mention of one actor carries the affiliation any of them established."""
    known: dict[str, str] = {}
    for m in mentions:
        if m.affiliation and m.entity_id not in known:
            known[m.entity_id] = m.affiliation
    for m in mentions:
        m.affiliation = m.affiliation or known.get(m.entity_id)


def _affiliation(a: Actor) -> str | None:
    return a.affiliation or a.code


_PLURAL_REGION = re.compile(r"\s+(regions|oblasts|people['’]s republics)\b", re.I)
_LIST_GAP = re.compile(r"\s*(?:,\s*and|,|and)\s+|,\s*")

# Between a title and its name: spaces, a comma, or a rank ("... Spokesman Major-General Igor Konashenkov").
_TITLE_GAP = re.compile(r"(?:,?[ \t\u00a0]+)(?:(?:[A-Z][a-z]{0,11}\.?)(?:[ \t\u00a0-]+|$)){0,3}")


def _next_person(text: str, end: int, by_start: dict[int, Mention]) -> Mention | None:
    m = _TITLE_GAP.match(text, end)
    limit = m.end() if m else end
    starts = [s for s in range(end, limit + 1) if s in by_start]
    for s in starts:
        if _TITLE_GAP.fullmatch(text, end, s) or s == end:
            return by_start[s]
    return None


def _prev_person(text: str, start: int, by_end: dict[int, Mention]) -> Mention | None:
    for lead in (", the ", ", "):
        if text[max(0, start - len(lead)) : start] == lead:
            return by_end.get(start - len(lead))
    return None


def _merge_ner(
    text: str, ner: Sequence[NerSpan], hits: list[tuple[Match, str, str]], gaz: Gazetteer
) -> tuple[list[NerSpan], list[tuple[Match, str, str]]]:
    """NER spans not covered by a gazetteer hit; a longer NER name can override a place or surname hit."""
    dropped_hits: set[int] = set()
    kept: list[NerSpan] = []
    # hits by start, so each NER span looks only at hits that can reach it (linear, not NER x hits)
    order = sorted(range(len(hits)), key=lambda i: hits[i][0].start)
    starts = [hits[i][0].start for i in order]
    longest = max((m.end - m.start for m, _, _ in hits), default=0)
    for span in ner:
        near = order[bisect.bisect_left(starts, span.start - longest) : bisect.bisect_left(starts, span.end)]
        inside = sorted(i for i in near if hits[i][0].start < span.end and span.start < hits[i][0].end)
        if not inside:
            kept.append(span)
            continue
        if len(inside) == 1 and _ner_overrides(text, span, hits[inside[0]], gaz):
            dropped_hits.add(inside[0])
            kept.append(span)
    return kept, [h for i, h in enumerate(hits) if i not in dropped_hits]


def _ner_overrides(text: str, span: NerSpan, hit: tuple[Match, str, str], gaz: Gazetteer) -> bool:
    """True for "Moscow State University" over "Moscow" and "Melania Trump" over the surname "Trump"."""
    m, actor_id, form = hit
    if not (span.start <= m.start and m.end <= span.end and (span.end - span.start) > (m.end - m.start)):
        return False
    extra = (text[span.start : m.start] + " " + text[m.end : span.end]).split()
    if not extra or not all(w[:1].isupper() for w in extra):
        return False
    actor_type = gaz.actors[actor_id].type
    if span.label in ("ORG", "FAC") and actor_type in ("GPE", "LOC") and m.start == span.start:
        return True
    return span.label == "PERSON" and form == "surname" and m.end == span.end
