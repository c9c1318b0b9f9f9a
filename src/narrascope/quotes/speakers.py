"""Speakers: the source phrase of a cue, and its resolution to an actor.

Pronouns ("he", "she") resolve to the most recent person who spoke or was mentioned before;
titles ("the Russian president", "the minister") to the most recent person carrying that title.
Actors come from the ``entity`` layer when present, otherwise from spaCy's named entities.
"""

from __future__ import annotations

from dataclasses import dataclass
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
    """A resolved source: local phrase, naming mention, actor id and display name."""

    source_span: Span
    naming_span: Span
    entity_id: str | None
    name: str


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
    while lo < tok.i and (doc[lo].is_punct or doc[lo].is_space or "\n" in text[doc[lo].idx : tok.idx]):
        lo += 1
    while hi > lo and doc[hi].is_punct:
        hi -= 1
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


class Resolver:
    """Resolves source tokens of one document to actors, remembering earlier speakers."""

    def __init__(self, doc: Any, mentions: list[Mention], text: str | None = None) -> None:
        self.doc = doc
        self.text: str = doc.text if text is None else text
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.speakers: list[tuple[int, Mention]] = []  # (char offset of the quote, speaker)

    def note(self, at: int, mention: Mention | None) -> None:
        """Remember a speaker so later pronouns can refer to it."""
        if mention is not None:
            self.speakers.append((at, mention))

    def resolve(self, tok: Token) -> tuple[Speaker, Mention | None]:
        """Speaker record for the source token ``tok`` and the actor mention it resolved to."""
        if tok.lower_ in _RELATIVE:
            return self._relative(tok)
        src = np_span(tok, self.text)
        text = self.text
        low = tok.lower_
        m = _overlapping(self.mentions, src, tok.idx)
        if m is None:
            appos = next((c for c in tok.children if c.dep_ == "appos"), None)
            if appos is not None:
                m = _overlapping(self.mentions, np_span(appos, self.text), appos.idx)
        if m is None and tok.pos_ == "PRON" and low in PERSON_PRONOUNS:
            m = self._antecedent(src[0], person=True)
        elif m is None and tok.pos_ == "PRON" and low in GROUP_PRONOUNS:
            m = None
        elif m is None and low in TITLE_NOUNS and _definite(tok):
            m = self._titled(src, tok)
        if m is not None:
            return Speaker(src, (m.start, m.end), m.entity_id, m.canonical), m
        if tok.pos_ == "PROPN":
            name = _proper_name(tok)
            return Speaker(src, name, None, text[name[0] : name[1]]), None
        return Speaker(src, src, None, text[src[0] : src[1]]), None

    def _relative(self, tok: Token) -> tuple[Speaker, Mention | None]:
        """'who said ...': the person the relative clause hangs off, else the nearest one before."""
        head = tok.head.head if tok.head.dep_ == "relcl" else tok
        if head.i != tok.i and head.pos_ in ("NOUN", "PROPN") and head.ent_type_ not in ("DATE", "TIME"):
            return self.resolve(head)
        start = tok.sent.start_char
        prior = [x for x in self.mentions if start <= x.start and x.end <= tok.idx and x.type == "PERSON"]
        m = prior[-1] if prior else None
        src = (tok.idx, tok.idx + len(tok.text))
        if m is None:
            return Speaker(src, src, None, tok.text), None
        return Speaker(src, (m.start, m.end), m.entity_id, m.canonical), m

    def _antecedent(self, before: int, person: bool) -> Mention | None:
        sent_start = self.doc.char_span(before, before + 1, alignment_mode="expand")
        window = sent_start.sent.start_char if sent_start is not None else before
        recent = [(at, m) for at, m in self.speakers if at < before and m.type == "PERSON"]
        prior = [m for m in self.mentions if m.end <= before and (m.type == "PERSON" or not person)]
        # a speaker quoted in the last few sentences wins over a passing mention
        if recent and (not prior or recent[-1][0] >= _sentence_back(self.doc, window, 3)):
            return recent[-1][1]
        return prior[-1] if prior else None

    def _titled(self, src: Span, tok: Token) -> Mention | None:
        words = {t.lower_ for t in self.doc.char_span(src[0], src[1], alignment_mode="expand") or []}
        words -= {"the", "a", "an", "'s", "’s", "his", "her", "its", "their"}
        people = [m for m in self.mentions if m.type == "PERSON" and words <= m.titles]
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
