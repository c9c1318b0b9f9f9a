"""Where a cue's speaker and cue words are in the parse: the grammatical source of a speech verb
(subject, passive agent, inherited or trailing subject, "X cited Y as saying") and the character
spans of tokens, trimmed of edge punctuation."""

from __future__ import annotations

from typing import Any

Token = Any  # spacy.tokens.Token (spaCy ships no type stubs)
Span = tuple[int, int]

_EDGE = " \t\r\n,.;:—–-"
_DANGLING = frozenset({"and", "but", "or", "nor"})
_PASSIVE_SOURCES = frozenset({"quote", "hear", "overhear", "record", "film", "see"})
#: Reporting verbs that can stand after the clause they report ("X is ready …, the envoy said").
TRAILING = frozenset({"say", "tell", "add", "state", "write", "explain", "insist", "note", "stress",
                       "claim", "warn", "argue", "report", "confirm", "announce", "tweet", "post", "reply"})


def char_span(tokens: list[Token], text: str) -> Span:
    """Characters covered by a token list, without edge punctuation and white space."""
    s = min(t.idx for t in tokens)
    e = max(t.idx + len(t.text) for t in tokens)
    return trim_edges(text, s, e)


def trim_edges(text: str, s: int, e: int) -> Span:
    """Without edge white space and punctuation, nor a conjunction left dangling at the end
    ("Clinton is honest and trustworthy, and" where the parse hung the next clause elsewhere)."""
    while True:
        while s < e and text[s] in _EDGE:
            s += 1
        while e > s and text[e - 1] in _EDGE:
            e -= 1
        word = text[s:e].rsplit(None, 1)
        if len(word) < 2 or word[1].lower() not in _DANGLING:
            return s, e
        e -= len(word[1])


def subtree_span(tok: Token, text: str, exclude: set[int] | None = None) -> Span:
    """Characters of ``tok``'s subtree (contiguous range), optionally cut before excluded tokens."""
    toks = [t for t in tok.subtree if not exclude or t.i not in exclude]
    return char_span(toks, text)


def cue_span(tok: Token, text: str) -> Span:
    """The cue verb with its auxiliaries, negation and particles ("has also said", "pointed out")."""
    parts = [tok] + [c for c in tok.children if c.dep_ in ("aux", "auxpass", "neg", "prt") and abs(c.i - tok.i) <= 3]
    lo = min(p.i for p in parts)
    hi = max(p.i for p in parts)
    toks = [t for t in tok.doc[lo : hi + 1]]
    return char_span(toks, text)


def grammatical_source(tok: Token) -> int | None:
    """Token index of the grammatical source of a cue: its subject, passive agent, or inherited one."""
    if _asked(tok):
        return None
    if (trail := _trailing_subject(tok)) is not None:
        return trail
    cur = tok
    for _ in range(4):
        for c in cur.children:
            if c.dep_ == "agent" and cur.i == tok.i:  # an inherited passive's agent did not do the cue
                for g in c.children:
                    if g.dep_ == "pobj":
                        return int(g.i)
        subj = next((c for c in cur.children if c.dep_ in ("nsubj", "csubj")
                     or (c.dep_ == "nsubjpass" and c.lower_ != "it" and (cur.i != tok.i or _passive_source(tok)))),
                    None)
        if cur.i != tok.i and cur.dep_ == "ccomp" and (
            (subj is not None and _thing(subj)) or (subj is None and any(c.dep_ == "expl" for c in cur.children))
        ):
            cur = cur.head  # "X confirmed that the reserves were spent (there was no sign …) and urged …": X urged
            continue
        if subj is not None:
            return int(subj.i)
        if cur.dep_ == "relcl":
            return int(cur.head.i)
        if cur.dep_ == "acl" and cur.head.dep_ == "ROOT" and cur.head.pos_ in ("PROPN", "NOUN") and cur.i > cur.head.i:
            return int(cur.head.i)  # "X, who met Y, accused Kyiv …": the parse read the verb as X's modifier
        if cur.dep_ in ("xcomp", "conj", "advcl", "acl", "pcomp", "dep") and cur.head.i != cur.i:
            cur = cur.head
            continue
        if cur.dep_ == "advmod" and cur.pos_ == "ADV" and cur.head.pos_ in ("VERB", "AUX"):
            cur = cur.head  # "X went so far as to say": the infinitive hangs on "far"
            continue
        if cur.dep_ == "prep" and cur.head.pos_ in ("VERB", "AUX"):
            cur = cur.head  # "Moscow attacked …, after warning NATO to stop": Moscow warned
            continue
        break
    # "Trump summed up Clinton as …, denounced her record": the parse hung the subject on a clause before
    for c in cur.children:
        if c.dep_ == "advcl" and c.i < cur.i:
            subj = next((g for g in c.children if g.dep_ == "nsubj" and g.i < c.i), None)
            if subj is not None and subj.is_alpha:
                return int(subj.i)
    return None


def _passive_source(tok: Token) -> bool:
    """Whether a passive cue's subject is its source: "X was quoted as saying" yes; "X is said to have
    left", "Russia was accused of", "Kyiv was urged to" no (the subject is what is reported on)."""
    return bool(tok.lemma_.lower() in _PASSIVE_SOURCES)


def _trailing_subject(tok: Token) -> int | None:
    """'…, Minsk's chief envoy said on Monday, adding that …': a participle after a trailing reporting
    clause the parse hung elsewhere (see ``reported._trailing``) shares that clause's speaker."""
    if tok.dep_ != "advcl" or tok.tag_ != "VBG":
        return None
    for t in reversed(tok.doc[tok.sent.start : tok.i]):
        if t.lemma_.lower() in TRAILING and t.dep_ in ("conj", "relcl", "parataxis"):
            subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
            return int(subj.i) if subj is not None else None
    return None


def passive_report(tok: Token) -> bool:
    """A passive cue whose subject is not its source ("is said to", "was accused of"): nobody named."""
    raising = tok.lemma_.lower() in ("seem", "appear") and any(c.dep_ == "xcomp" for c in tok.children)
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children) and not _passive_source(tok)
    return _asked(tok) or raising or passive  # "X seems to …": the subject is reported on


def _asked(tok: Token) -> bool:
    """'Asked whether …, X replied': a bare passive participle; the question is not X's (nobody named)."""
    participle = tok.tag_ == "VBN" or (tok.tag_ == "VBD" and tok.i == tok.sent.start)  # "Asked" opening a line
    return bool(participle and tok.dep_ == "advcl"
                and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in tok.children))


def _thing(tok: Token) -> bool:
    """A common noun that names no actor ("the reserves", "the goal"): not who speaks."""
    return bool(tok.pos_ == "NOUN" and not tok.ent_type_)


def source_of(tok: Token, text: str) -> tuple[int | None, Span]:
    """Source token index and cue span of a cue verb, handling "X cited Y as saying"."""
    span = cue_span(tok, text)
    if tok.lemma_ in ("cite", "quote"):
        obj = next((c for c in tok.children if c.dep_ in ("dobj", "obj")), None)
        say = next((t for t in tok.subtree if t.lemma_ == "say" and t.i > tok.i), None)
        quoted_as = say is not None or any(c.lower_ == "as" for c in tok.children)
        if obj is not None and quoted_as:  # "citing low growth" cites a reason: its subject is the source
            end = say.idx + len(say.text) if say is not None else span[1]
            return int(obj.i), (span[0], end)
    source = grammatical_source(tok)
    if tok.lemma_ == "say" and (cited := _cited_as_saying(tok)):
        return cited[1], (tok.doc[cited[0]].idx, span[1])
    return source, span


def _cited_as_saying(tok: Token) -> tuple[int, int] | None:
    """For "X cited Y as saying": (index of 'cited', index of Y)."""
    head = tok.head
    for _ in range(3):
        if head.lemma_ in ("cite", "quote"):
            for c in head.children:
                if c.dep_ in ("dobj", "obj"):
                    return int(head.i), int(c.i)
            return None
        if head.head.i == head.i:
            return None
        head = head.head
    return None
