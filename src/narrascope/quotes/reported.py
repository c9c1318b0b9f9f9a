"""Cue candidates over the dependency parse: speech verbs with clausal, infinitival or object
complements, "according to X", report nouns with a that-clause ("X's claim that ..."), and
passive reports ("it was reported that ...")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .boundaries import argument_preps, coordinated_clause, raised_subject, second_report
from .lexicon import OBJECT_CUES, REPORT_NOUNS, SPEECH_VERBS, CueTable
from .source import (
    TRAILING,
    Span,
    Token,
    char_span,
    cue_span,
    grammatical_source,
    source_of,
    subtree_span,
)

_XCOMP_CUES = frozenset({"urge", "promise", "vow", "threaten", "call", "ask", "pledge", "claim", "tell", "warn"})
_CONTENT_DEPS = ("ccomp", "parataxis")
_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "NUM", "ADJ", "AUX"})
_PREP_ONLY = frozenset({"call", "warn"})
_PHRASAL = {"make": frozenset({"clear", "plain", "known"})}
#: Times and occasions a that-clause can follow ("said at the time that …", "told X in a phone call that …").
_TIME_NOUNS = frozenset({"time", "moment", "day", "week", "month", "year", "meeting", "conference", "briefing",
                         "summit", "session", "press", "call", "conversation", "interview", "address", "speech"})
#: Speech nouns whose prepositional object is what was said: "his call for a ceasefire".
_NOUN_PREP = {
    "call": ("for",), "demand": ("for",), "appeal": ("for",), "plea": ("for",), "request": ("for",),
    "proposal": ("for",), "warning": ("of", "about", "against"), "accusation": ("of", "against"),
    "allegation": ("of",), "criticism": ("of",), "condemnation": ("of",), "denial": ("of",),
    "pledge": ("of",), "offer": ("of",),
}
#: Verbs whose subject produced the speech noun they govern ("X renewed his call for …").
_PRODUCER_VERBS = frozenset({"issue", "make", "repeat", "renew", "voice", "express", "reiterate", "echo",
                             "launch", "lodge", "deliver", "send", "sound", "level", "step", "intensify"})
#: Report nouns a speech verb can speak "in" ("said in a statement that …").
_REPORT_IN_NOUNS = REPORT_NOUNS | {"interview", "speech", "address", "letter", "post", "video", "briefing", "tweet"}
_ANONYMITY = re.compile(r"(?i)(?:not )?to be (?:named|identified|quoted)(?: by name)?$|anonymity$")
_NOT_SOURCES = frozenset(
    {"plan", "plans", "schedule", "law", "rule", "agreement", "term", "tradition", "script", "custom"}
)


@dataclass(frozen=True)
class Candidate:
    """A cue with its content span and grammatical source (token index), before filtering."""

    cue: Span
    cue_head: int
    lemma: str
    frame: str  # ccomp | xcomp | obj | prep-<p> | according | noun | noun-<p>
    content: Span
    source: int | None



def _verb_candidates(tok: Token, text: str) -> list[Candidate]:
    lemma = tok.lemma_.lower()
    kids = list(tok.children)
    out = []
    clauses = [c for c in kids if c.dep_ in _CONTENT_DEPS]
    source, cspan = source_of(tok, text)
    if source is None and (inverted := _inverted_speaker(tok, clauses)) is not None:
        clause, source = inverted
        clauses = [c for c in clauses if c.i != clause.i]
    if source is None:
        source = _inverted_object(tok, clauses)
    for c in clauses:
        excl = {source} if source is not None else set()
        if sum(1 for t in c.subtree if t.is_alpha) < 2 or second_report(c, clauses):
            continue
        span = subtree_span(c, text, excl)
        if (more := coordinated_clause(tok, c)) is not None and source is not None and more.i > source:
            span = (span[0], subtree_span(more, text)[1])
        out.append(Candidate(cspan, tok.i, lemma, "ccomp", span, source))
    if clauses:
        return out
    if (par := _parenthetical(tok, text, source, cspan)) is not None:
        return [par]
    if (trail := _trailing(tok, text, source, cspan)) is not None:
        return [trail]
    if (timed := _that_after_time(tok, text, source, cspan)) is not None:
        return [timed]
    xcomps = [c for c in kids if c.dep_ == "xcomp"]
    if xcomps:
        objs = [c for c in kids if c.dep_ in ("dobj", "obj") and c.i < xcomps[0].i]
        first = objs[0] if objs else xcomps[0]
        span_toks = list(first.subtree) + list(xcomps[0].subtree)
        if (subj := raised_subject(tok)) is not None:  # "Trump is expected to win": nobody named says so
            span_toks, source = [*subj.subtree, tok, *span_toks], None
        out.append(Candidate(cspan, tok.i, lemma, "xcomp", char_span(span_toks, text), source))
        return out
    prep = OBJECT_CUES.get(lemma, "")
    objs = [c for c in kids if c.dep_ in ("dobj", "obj")]
    preps = [c for c in kids if c.dep_ == "prep" and c.lower_ == prep] if prep else []
    toks: list[Token] = []
    if lemma in ("cite", "quote") and any(c.dep_ == "prep" and c.lower_ == "as" for c in kids):
        return out  # "cited X as saying": the quote, not X, is the content
    if objs and lemma not in _PREP_ONLY:
        toks += list(objs[0].subtree) + argument_preps(tok, objs[0])
    for p in preps[:1]:
        toks += [t for t in p.subtree if t.i != p.i]
    if toks:
        out.append(Candidate(cspan, tok.i, lemma, "obj", char_span(toks, text), source))
    elif not objs:
        pp = next(
            (
                c
                for c in kids
                if c.dep_ == "prep" and c.i > tok.i and any(g.dep_ in ("pobj", "pcomp") for g in c.children)
            ),
            None,
        )
        if pp is not None and not _report_in(pp):
            body = [t for t in pp.subtree if t.i != pp.i]
            span = cue_span(tok, text)
            cspan = (span[0], pp.idx + len(pp.text))
            out.append(Candidate(cspan, tok.i, lemma, f"prep-{pp.lower_}", char_span(body, text), source))
    return out


def _inverted_speaker(tok: Token, clauses: list[Token]) -> tuple[Token, int] | None:
    """'“…,” said Tom Reed, who served … and endorsed …': the parse read the speaker's clause as a
    second complement of the cue; its subject, opening right after the cue, is the speaker."""
    if not any(c.i < tok.i for c in clauses):
        return None  # no quote before the cue: not an inverted attribution
    for c in clauses:
        subj = next((g for g in c.children if g.dep_ == "nsubj"), None)
        if c.i > tok.i and subj is not None and subj.left_edge.i == tok.i + 1 and subj.pos_ in ("PROPN", "NOUN"):
            return c, int(subj.i)
    return None


def _inverted_object(tok: Token, clauses: list[Token]) -> int | None:
    """'“…,” added a Danish official.': the parse read the speaker after the cue as its object."""
    if tok.lemma_.lower() not in TRAILING - {"tell"} or not any(c.i < tok.i for c in clauses):
        return None
    obj = next((c for c in tok.children if c.dep_ in ("dobj", "obj") and c.left_edge.i == tok.i + 1), None)
    return int(obj.i) if obj is not None and obj.pos_ in ("NOUN", "PROPN") else None


def _parenthetical(tok: Token, text: str, source: int | None, cspan: Span) -> Candidate | None:
    """'Mr. Obama, officials said, has become …': a reporting clause set off inside the sentence it
    reports; the content is that whole sentence (PolNeAR's content runs across the clause)."""
    if tok.dep_ != "parataxis" or source is None or tok.head.i == tok.i or tok.head.pos_ not in ("VERB", "AUX"):
        return None
    if any(c.dep_ in ("dobj", "obj", "xcomp", "ccomp", "prep") for c in tok.children):
        return None
    inner = {t.i for t in tok.subtree}
    if tok.left_edge.text not in (",", "—", "–") or tok.left_edge.i <= tok.head.left_edge.i:
        return None  # not set off, or opening the sentence
    rest = [t for t in tok.head.subtree if t.i not in inner]
    if sum(1 for t in rest if t.is_alpha) < 3:
        return None
    return Candidate(cspan, tok.i, tok.lemma_.lower(), "ccomp", char_span(rest, text), source)


def _trailing(tok: Token, text: str, source: int | None, cspan: Span) -> Candidate | None:
    """'The government is ready to resume talks, Moscow's chief negotiator said on Sunday': a reporting
    clause after the clause it reports, which the parse hung on that clause (conj, relcl) instead of
    taking the clause as its complement; the content is the sentence before the comma."""
    if tok.lemma_.lower() not in TRAILING or source is None or tok.dep_ not in ("conj", "relcl", "parataxis", "advcl"):
        return None
    if any(c.dep_ in ("dobj", "obj", "xcomp", "ccomp", "attr", "acomp") for c in tok.children):
        return None
    doc = tok.doc
    left = min(doc[source].left_edge.i, tok.i)
    sent = tok.sent
    if left - 1 <= sent.start or doc[left - 1].text not in (",", "—", "–"):
        return None
    rest = [t for t in doc[sent.start : left - 1]]
    if sum(1 for t in rest if t.is_alpha) < 3 or not any(t.pos_ in ("VERB", "AUX") for t in rest):
        return None
    return Candidate(cspan, tok.i, tok.lemma_.lower(), "ccomp", char_span(rest, text), source)


def _that_after_time(tok: Token, text: str, source: int | None, cspan: Span) -> Candidate | None:
    """'Borrell said at the time that diplomacy would return': the parse read the that-clause as a
    relative clause of the time noun; it is the content of the speech verb."""
    if tok.lemma_.lower() not in SPEECH_VERBS:
        return None
    for prep in (c for c in tok.children if c.dep_ == "prep" and c.i > tok.i):
        pobj = next((g for g in prep.children if g.dep_ == "pobj" and g.lemma_.lower() in _TIME_NOUNS), None)
        if pobj is None:
            continue
        rel = next((g for g in pobj.children if g.dep_ == "relcl"), None)
        if rel is None or rel.left_edge.lower_ != "that" or rel.left_edge.i != pobj.i + 1:
            continue
        if rel.left_edge.dep_ in ("nsubj", "nsubjpass") or not any(g.dep_ == "nsubj" for g in rel.children):
            continue  # "at the time that was agreed": a real relative clause
        end = max(t.i for t in tok.subtree)
        return Candidate(cspan, tok.i, tok.lemma_.lower(), "ccomp",
                         char_span(list(tok.doc[rel.left_edge.i : end + 1]), text), source)
    return None


def _according(tok: Token, text: str) -> Candidate | None:
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    if to is None:
        return None
    obj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if obj is None:
        return None
    if obj.lemma_.lower() in _NOT_SOURCES:
        return None
    pp = {t.i for t in tok.subtree}
    sent = tok.sent
    words = [t for t in sent if not t.is_punct]
    at_edge = bool(words) and (words[0].i in pp or words[-1].i in pp)
    head = tok.head
    if at_edge or head.i == tok.i or head.pos_ not in ("VERB", "AUX"):
        scope = [t for t in sent if t.i not in pp]
    else:
        scope = [t for t in head.subtree if t.i not in pp]
    # keep the side of the clause that excludes the PP: a contiguous run
    before = [t for t in scope if t.i < tok.i]
    after = [t for t in scope if t.i > max(pp)]
    side = after if len(after) >= len(before) else before
    if not any(t.is_alpha for t in side):
        return None
    cue = char_span([tok, to], text)
    return Candidate(cue, tok.i, "according", "according", char_span(side, text), obj.i)


def _that_clause(noun: Token) -> Token | None:
    """The that-clause a report noun carries ("the claim that …", "a statement that …")."""
    return next(
        (
            c
            for c in noun.children
            if c.dep_ in ("acl", "ccomp", "appos") and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
        ),
        None,
    )


def _noun(tok: Token, text: str) -> Candidate | None:
    clause = _that_clause(tok)
    if clause is None:
        return None
    source = next((c.i for c in tok.children if c.dep_ == "poss"), None)
    if source is None:
        by = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("by", "from")), None)
        pobj = next((g for g in by.children if g.dep_ == "pobj"), None) if by is not None else None
        source = pobj.i if pobj is not None else None
    cue = char_span([tok], text)
    if tok.dep_ == "pobj" and _report_in(tok.head):
        verb = tok.head.head  # "X said in a statement that …": X's, and the cue is the whole phrase
        source = grammatical_source(verb) if source is None else source
        cue = (cue_span(verb, text)[0], cue[1])
    return Candidate(cue, tok.i, tok.lemma_.lower(), "noun", subtree_span(clause, text), source)


def _report_in(prep: Token) -> bool:
    """'said in a statement that …': a preposition after a speech verb whose object is a report noun
    with its own that-clause (the noun carries the content; the verb's source is its source)."""
    if prep.dep_ != "prep" or prep.lower_ not in ("in", "at", "during", "on"):
        return False
    noun = next((g for g in prep.children if g.dep_ == "pobj"), None)
    return (
        prep.head.lemma_.lower() in SPEECH_VERBS
        and noun is not None
        and noun.lower_ in _REPORT_IN_NOUNS
        and _that_clause(noun) is not None
    )


def _noun_prep(tok: Token, text: str) -> Candidate | None:
    """'calls from X for an immediate ceasefire', 'the UN appeal for a pause', 'X renewed his call for …':
    a speech noun whose prepositional object is the content (frame ``noun-<prep>``)."""
    preps = _NOUN_PREP.get(tok.lemma_.lower(), ())
    pp = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in preps and c.i > tok.i), None)
    body = [t for t in pp.subtree if t.i != pp.i] if pp is not None else []
    if pp is None or not any(g.dep_ in ("pobj", "pcomp") for g in pp.children):
        return None
    source: int | None = next((c.i for c in tok.children if c.dep_ == "poss"), None)
    if source is None:
        by = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("from", "by")), None)
        pobj = next((g for g in by.children if g.dep_ == "pobj"), None) if by is not None else None
        source = pobj.i if pobj is not None else None
    if source is None:
        source = next((c.i for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN"), None)
    own = source is not None and tok.doc[source].pos_ == "PRON"  # "his call": whose is the clause's subject
    if (source is None or own) and tok.dep_ in ("dobj", "obj") and tok.head.lemma_.lower() in _PRODUCER_VERBS:
        source = next((c.i for c in tok.head.children if c.dep_ == "nsubj"), source)
    return Candidate(char_span([tok], text), tok.i, tok.lemma_.lower(), f"noun-{pp.lower_}",
                     char_span(body, text), source)


def _phrasal(tok: Token, text: str) -> Candidate | None:
    """'made (it) clear that …': a light verb with an adjective whose that-clause is the content."""
    adj = next((c for c in tok.children if c.lower_ in _PHRASAL.get(tok.lemma_.lower(), ())), None)
    if adj is None:
        return None
    clause = next(
        (t for t in adj.subtree if t.i > adj.i and any(g.dep_ == "mark" and g.lower_ == "that" for g in t.children)),
        None,
    )
    if clause is None:
        return None
    lemma = f"{tok.lemma_.lower()}_{adj.lower_}"
    cue = char_span(list(tok.doc[tok.i : adj.i + 1]), text)
    return Candidate(cue, tok.i, lemma, "ccomp", subtree_span(clause, text), grammatical_source(tok))


def _has_content(doc: Any, span: Span) -> bool:
    """Whether a content span holds at least one content word (not just "that" or "it"), and is not
    the anonymity formula ("who asked not to be named")."""
    piece = doc.char_span(span[0], span[1], alignment_mode="expand")
    if piece is None or _ANONYMITY.match(piece.text):
        return False
    return any(t.pos_ in _CONTENT_POS for t in piece)


def find_candidates(doc: Any, text: str, table: CueTable) -> list[Candidate]:
    """All cue candidates of a parsed document that the cue table accepts."""
    out: list[Candidate] = []
    lemmas = table.verb_lemmas()
    for tok in doc:
        if tok.lower_ == "according" and tok.dep_ in ("prep", "advmod", "case"):
            cand = _according(tok, text)
        elif tok.lemma_.lower() in _PHRASAL and (cand := _phrasal(tok, text)) is not None:
            pass
        elif tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
            if lemmas is not None and tok.lemma_.lower() not in lemmas:
                continue
            for c in _verb_candidates(tok, text):
                if c.content[1] > c.content[0] and _has_content(doc, c.content) and table.accepts_candidate(
                    doc, text, c
                ):
                    out.append(c)
            continue
        elif tok.pos_ == "NOUN" and (tok.lower_ in REPORT_NOUNS or tok.lemma_.lower() in _NOUN_PREP):
            cand = _noun(tok, text) if tok.lower_ in REPORT_NOUNS else None
            if cand is None and tok.lemma_.lower() in _NOUN_PREP:
                cand = _noun_prep(tok, text)
        else:
            continue
        if cand is not None and cand.content[1] > cand.content[0] and table.accepts_candidate(doc, text, cand):
            out.append(cand)
    return out


def all_candidates(doc: Any, text: str) -> list[Candidate]:
    """Every candidate, unfiltered (for training the cue table)."""
    return find_candidates(doc, text, _ACCEPT_ALL)


class _AcceptAll(CueTable):
    def accepts(self, lemma: str, frame: str) -> bool:
        return True

    def accepts_candidate(self, doc: Any, text: str, cand: Any) -> bool:
        return True

    def verb_lemmas(self) -> frozenset[str] | None:
        return None


_ACCEPT_ALL = _AcceptAll()
_ = SPEECH_VERBS  # re-exported for callers that filter direct-quote cues
