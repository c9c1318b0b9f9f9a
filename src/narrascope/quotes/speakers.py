"""Speakers: the source phrase of a cue, and its resolution to an actor.

Pronouns ("he", "she") resolve to the most recent person who spoke or was mentioned before;
titles ("the Russian president", "the minister") to the most recent person carrying that title.
Actors come from the ``entity`` layer when present, otherwise from spaCy's named entities.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace
from typing import Any

from .lexicon import GROUP_PRONOUNS, PERSON_PRONOUNS, TITLE_NOUNS

Token = Any
Span = tuple[int, int]
_NP_LEFT = frozenset(
    {"compound", "amod", "det", "poss", "nmod", "nummod", "quantmod", "case", "punct", "advmod", "npadvmod"}
)
_RELATIVE = frozenset({"who", "which", "that", "whom"})


@dataclass(frozen=True)
class Mention:
    """An actor mention: character span, actor id (or None), canonical name, type and title words."""

    start: int
    end: int
    entity_id: str | None
    canonical: str
    type: str
    titles: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Speaker:
    """A resolved source: local phrase, naming mention, actor id, display name and how sure we are.

    ``name`` is None when the source is a pronoun or title no earlier actor fits (``how`` is then
    ``unresolved``); ``how`` is one of named, title, nested, pronoun, relative, phrase, unresolved.
    ``others`` are the co-speakers of a coordinated source ("Russia and China said"): (actor id, name).
    """

    source_span: Span
    naming_span: Span | None
    entity_id: str | None
    name: str | None
    confidence: float = 1.0
    how: str = "named"
    others: tuple[tuple[str | None, str], ...] = ()


_QUOTE_MARKS = frozenset({'"', "“", "”", "«", "»", "„", "''", "``"})


def np_span(tok: Token, text: str) -> Span:
    """The noun phrase headed by ``tok``: left modifiers, compounds and the head (no clauses)."""
    doc = tok.doc
    lo = tok.i
    for c in tok.lefts:
        if c.dep_ in _NP_LEFT:
            lo = min(lo, c.left_edge.i)
    hi = tok.i
    for c in tok.rights:
        if c.dep_ in ("compound", "flat", "nummod") or (c.dep_ == "prep" and c.lower_ == "of" and c.i == hi + 1):
            hi = max(hi, c.right_edge.i)
    marks = [j for j in range(lo, tok.i) if doc[j].text in _QUOTE_MARKS]
    lo = marks[-1] + 1 if marks else lo  # a name never reaches back into a quote ("…Putin” Macron)
    while lo < tok.i and (doc[lo].is_punct or doc[lo].is_space or "\n" in text[doc[lo].idx : tok.idx]):
        lo += 1
    while hi > lo and doc[hi].is_punct:
        hi -= 1
    piece = doc[lo : hi + 1].text
    if piece.count("(") > piece.count(")") and hi + 1 < len(doc) and doc[hi + 1].text == ")":
        hi += 1  # "Tom Reed (R-WI)": keep the bracket the phrase opened
    return doc[lo].idx, doc[hi].idx + len(doc[hi].text)


def mentions_from_doc(doc: Any) -> list[Mention]:
    """Fallback actor mentions from spaCy NER, with title words taken from the words before a name."""
    out = []
    for ent in doc.ents:
        if ent.label_ not in ("PERSON", "ORG", "GPE", "NORP"):
            continue
        end = ent.end_char
        name = ent.text
        if len(ent) > 1 and ent[-1].tag_ == "POS":
            end = ent[-2].idx + len(ent[-2].text)
            name = ent[:-1].text
        out.append(Mention(ent.start_char, end, None, name, ent.label_, _title_words(ent)))
    return out


def _title_words(ent: Any) -> frozenset[str]:
    doc = ent.doc
    words: set[str] = set()
    lo = max(ent.sent.start, ent.start - 6)
    for t in doc[lo : ent.start]:
        if t.is_punct and t.text not in ("’", "'"):
            words.clear()
            continue
        words.add(t.lower_)
    root = ent.root
    if root.dep_ == "appos":
        words.update(t.lower_ for t in root.head.subtree if t.i < ent.start)
    for c in root.children:
        if c.dep_ == "appos":
            words.update(t.lower_ for t in c.subtree)
    return frozenset(words)


def _overlapping(mentions: list[Mention], span: Span, head: int | None = None) -> Mention | None:
    """The mention overlapping ``span`` most (persons first); it must cover ``head`` when given."""
    best = None
    best_len = 0
    for m in mentions:
        if head is not None and not m.start <= head < m.end:
            continue
        ov = min(m.end, span[1]) - max(m.start, span[0])
        if ov > 0 and (ov > best_len or (ov == best_len and m.type == "PERSON")):
            best, best_len = m, ov
    return best


_CONFIDENCE = {"named": 0.95, "phrase": 0.9, "nested": 0.9, "title": 0.8, "relative": 0.85, "pronoun": 0.75}
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# Title heads that name the same office in other words ("the top diplomat" = the foreign minister).
_TITLE_SYNONYMS = {
    "diplomat": frozenset({"diplomat", "foreign"}),
    "negotiator": frozenset({"negotiator", "negotiating", "delegation", "negotiations", "talks"}),
    "spokesman": frozenset({"spokesman", "spokeswoman", "spokesperson", "press", "secretary"}),
    "spokeswoman": frozenset({"spokesman", "spokeswoman", "spokesperson", "press", "secretary"}),
    "spokesperson": frozenset({"spokesman", "spokeswoman", "spokesperson", "press", "secretary"}),
    "leader": frozenset({"leader", "president", "head"}),
}
_NATION = {
    "ukraine": "ukrainian",
    "kyiv": "ukrainian",
    "kiev": "ukrainian",
    "russia": "russian",
    "moscow": "russian",
    "kremlin": "russian",
    "u.s.": "american",
    "us": "american",
    "america": "american",
}
_TITLE_FILLER = frozenset(
    {"the", "a", "an", "'s", "’s", "his", "her", "its", "their", "top", "chief", "senior", "lead"}
)


class Resolver:
    """Resolves source tokens of one document to actors, remembering earlier speakers."""

    def __init__(
        self, doc: Any, mentions: list[Mention], text: str | None = None, quoted: list[Span] | None = None
    ) -> None:
        self.doc = doc
        self.text: str = doc.text if text is None else text
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.quoted = quoted or []
        self.speakers: list[tuple[int, Mention]] = []  # (char offset of the source phrase, speaker)
        self.sents: list[tuple[int, int]] = [(s.start_char, s.end_char) for s in doc.sents]
        self._starts = [m.start for m in self.mentions]
        self._longest = max((m.end - m.start for m in self.mentions), default=0)

    def _near(self, span: Span) -> list[Mention]:
        """The mentions that can overlap ``span``, in start order (a bisect, so long texts stay linear)."""
        lo = bisect.bisect_left(self._starts, span[0] - self._longest)
        return self.mentions[lo : bisect.bisect_left(self._starts, span[1])]

    def note(self, at: int, mention: Mention | None) -> None:
        """Remember a speaker (at the offset of its source phrase) so later pronouns can refer to it."""
        if mention is not None:
            self.speakers.append((at, mention))

    def resolve(self, tok: Token, outer: Mention | None = None) -> tuple[Speaker, Mention | None]:
        """Speaker record for the source token ``tok`` and the actor mention it resolved to.

        ``outer`` is the speaker of a quote whose content holds ``tok`` ("X said he …"). A coordinated
        source ("Both Moscow and Kyiv have said") keeps the first as the speaker and the rest as ``others``.
        """
        speaker, mention = self._resolve_one(tok, outer)
        if speaker.name is not None and (others := self._conjuncts(tok)):
            last = max(c.i for c in tok.conjuncts)
            end = max(speaker.source_span[1], np_span(tok.doc[last], self.text)[1])
            speaker = replace(speaker, source_span=(speaker.source_span[0], end), others=others)
        return speaker, mention

    def _conjuncts(self, tok: Token) -> tuple[tuple[str | None, str], ...]:
        """The other named actors of a coordinated source, in text order (not pronouns or things)."""
        out: list[tuple[str | None, str]] = []
        for c in sorted(tok.conjuncts, key=lambda t: t.i):
            if c.i < tok.i or c.pos_ not in ("PROPN", "NOUN"):
                continue
            span = np_span(c, self.text)
            m = _overlapping(self._near(span), span, c.idx)
            if m is not None:
                out.append((m.entity_id, m.canonical or self.text[m.start : m.end]))
            elif c.pos_ == "PROPN" and c.text[:1].isupper():
                out.append((None, self.text[span[0] : span[1]]))
        return tuple(out)

    def _resolve_one(self, tok: Token, outer: Mention | None) -> tuple[Speaker, Mention | None]:
        """:meth:`resolve` for the source token alone."""
        if tok.lower_ in _RELATIVE:
            return self._relative(tok)
        src = np_span(tok, self.text)
        low = tok.lower_
        m = _overlapping(self._near(src), src, tok.idx)
        how = "named"
        if m is None and low in TITLE_NOUNS:
            m = self._named_in_title(src)
        if m is None:
            appos = next((c for c in tok.children if c.dep_ == "appos"), None)
            if appos is not None:
                appos_span = np_span(appos, self.text)
                m = _overlapping(self._near(appos_span), appos_span, appos.idx)
        if m is None and tok.pos_ == "PRON" and low in PERSON_PRONOUNS:
            m, how = (outer, "nested") if outer is not None else (self._antecedent(src[0]), "pronoun")
        elif m is None and tok.pos_ == "PRON" and low in GROUP_PRONOUNS:
            m, how = None, "unresolved"
        elif m is None and low in TITLE_NOUNS and _definite(tok):
            m, how = self._titled(src, tok), "title"
        if m is not None:
            return Speaker(src, (m.start, m.end), m.entity_id, m.canonical, _CONFIDENCE[how], how), m
        if how in ("pronoun", "nested", "unresolved") or tok.pos_ == "PRON":
            return Speaker(src, None, None, None, 0.0, "unresolved"), None
        if tok.pos_ == "PROPN" and tok.text[:1].isupper():  # a lower-case "PROPN" is a tagging slip
            name = _proper_name(tok)
            return Speaker(src, name, None, self.text[name[0] : name[1]], _CONFIDENCE["named"], "named"), None
        sure = _CONFIDENCE["phrase"] if how == "named" else 0.5  # a title no named person carries
        return Speaker(src, src, None, self.text[src[0] : src[1]], sure, "phrase"), None

    def _named_in_title(self, src: Span) -> Mention | None:
        """'Speaker of the House Rep. Tom Reed (R-WI) said': the parse heads the phrase at the title;
        the person named at its end is the speaker (not for "the wife of X": no title head)."""
        inside = [m for m in self._near(src) if m.type == "PERSON" and src[0] <= m.start and m.end <= src[1]]
        tail = self.text[inside[-1].end : src[1]] if inside else ""
        return inside[-1] if inside and not any(c.isalpha() for c in tail.split("(")[0]) else None

    def names_place(self, at: int) -> bool:
        """Whether a place mention (and no person or organisation) covers character ``at``."""
        types = {m.type for m in self.mentions if m.start <= at < m.end}
        return bool(types & {"GPE", "LOC"}) and not types & {"PERSON", "ORG"}

    def _relative(self, tok: Token) -> tuple[Speaker, Mention | None]:
        """'who said ...': the person the relative clause hangs off, else the nearest one before."""
        head = tok.head.head if tok.head.dep_ == "relcl" else tok
        src = (tok.idx, tok.idx + len(tok.text))
        if head.i != tok.i and head.pos_ in ("NOUN", "PROPN") and head.ent_type_ not in ("DATE", "TIME"):
            speaker, named = self.resolve(head)
            return replace(speaker, source_span=src), named  # the local source stays "who"
        start = tok.sent.start_char
        prior = [x for x in self.mentions if start <= x.start and x.end <= tok.idx and x.type == "PERSON"]
        m = prior[-1] if prior else None
        if m is None:
            return Speaker(src, None, None, None, 0.0, "unresolved"), None
        return Speaker(src, (m.start, m.end), m.entity_id, m.canonical, _CONFIDENCE["relative"], "relative"), m

    def _quoted(self, m: Mention) -> bool:
        return any(o <= m.start < c for o, c in self.quoted)

    def _subject(self, m: Mention) -> bool:
        """Whether a mention is (part of) the subject of its clause ("Sergei Naryshkin, head of …, arrived")."""
        span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            return False
        cur = span.root
        for _ in range(3):
            if cur.dep_ in _SUBJECT_DEPS:
                return True
            if cur.dep_ not in ("compound", "appos", "conj", "poss") or cur.head.i == cur.i:
                return False
            cur = cur.head
        return False

    def _antecedent(self, before: int) -> Mention | None:
        """'he'/'she': the nearest sentence back (up to three) with a speaker, a person subject or a person.

        The pronoun's own sentence counts only up to the pronoun and only for speakers and subjects;
        people named inside quote marks are not antecedents ("“We met Putin,” he said").
        """
        k = next((i for i, (s, e) in enumerate(self.sents) if s <= before < e), len(self.sents) - 1)
        for back in range(4):
            if k - back < 0:
                break
            lo, hi = self.sents[k - back]
            hi = min(hi, before)
            spoke = [m for at, m in self.speakers if lo <= at < hi and m.type == "PERSON"]
            if spoke:
                return spoke[-1]
            people = [m for m in self.mentions if lo <= m.start and m.end <= hi and m.type == "PERSON"]
            people = [m for m in people if not self._quoted(m)]
            subjects = [m for m in people if self._subject(m)]
            if subjects:
                return subjects[-1]
            if back > 0 and people:
                return people[-1]
        recent = [m for at, m in self.speakers if at < before and m.type == "PERSON"]
        return recent[-1] if recent else None

    def _titled(self, src: Span, tok: Token) -> Mention | None:
        """The person carrying the title of ``src`` ("the top Russian diplomat"), the nearest before first."""
        words = {
            _NATION.get(t.lower_, t.lower_) for t in self.doc.char_span(src[0], src[1], alignment_mode="expand") or []
        }
        words -= _TITLE_FILLER
        head = _TITLE_SYNONYMS.get(tok.lower_, frozenset({tok.lower_}))
        rest = words - {tok.lower_}
        people = []
        for m in self.mentions:
            titles = {_NATION.get(w, w) for w in m.titles}
            if m.type == "PERSON" and head & titles and rest <= titles:
                people.append(m)
        if not people:
            return None
        scored = sorted(
            people, key=lambda m: (len(words & m.titles), m.end <= src[0], m.start if m.end <= src[0] else -m.start)
        )
        return scored[-1]


def _proper_name(tok: Token) -> Span:
    """The run of proper nouns around ``tok`` ("Mykhaylo Podolyak")."""
    doc = tok.doc
    lo = hi = tok.i
    while lo > 0 and doc[lo - 1].pos_ == "PROPN" and doc[lo - 1].dep_ in ("compound", "flat"):
        lo -= 1
    while hi + 1 < len(doc) and doc[hi + 1].pos_ == "PROPN" and doc[hi + 1].head.i == tok.i:
        hi += 1
    return doc[lo].idx, doc[hi].idx + len(doc[hi].text)


def _definite(tok: Token) -> bool:
    return any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an", "one", "another") for c in tok.children)


def _sentence_back(doc: Any, start_char: int, n: int) -> int:
    sents = [s for s in doc.sents if s.start_char <= start_char]
    return sents[-n].start_char if len(sents) >= n else 0


def mentions_from_layer(article: Any) -> list[Mention]:
    """Actor mentions from the article's ``entity`` layer (empty when no entity component ran)."""
    out = []
    for ann in article.layer("entity"):
        title = str(ann.attrs.get("title") or "")
        typ = str(ann.attrs.get("type") or ann.label)
        out.append(
            Mention(
                ann.start,
                ann.end,
                ann.attrs.get("entity_id"),
                str(ann.attrs.get("canonical") or article.text[ann.start : ann.end]),
                "PERSON" if typ.upper() in ("PERSON", "PER") else typ.upper(),
                frozenset(title.lower().replace("-", " ").split()),
            )
        )
    return out
