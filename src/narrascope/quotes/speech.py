"""Reported speech only where there is speech: which cue candidates carry something said or thought.

A candidate is speech when its cue is a speech or cognition word and its content is a clause
("said that …", "urged Kyiv to …"), or a noun phrase that is itself a claim with its content
("rejected the allegation that …", "accused Moscow of stalling"). The plain object of a verb
("rejected Vienna", "condemning the strikes", "announced their independence", "responding to
his statement") is not: it names what the speech was about, not what was said. PolNeAR also
counts attitudes and intentions ("expressed optimism", "refused talks", "seeks escalation");
the ``attitudes`` reading keeps those of three words or more as kind ``attitude``
(``narrascope eval quotes --reading``).
"""

from __future__ import annotations

from typing import Any

from .lexicon import CLAIM_NOUNS, COGNITION_VERBS, EVALUATIVE_VERBS, OBJECT_CUES, SPEECH_VERBS
from .reported import Candidate

Token = Any

# Verbs whose infinitive or gerund complement is what was said ("vowed to fight", "denied shelling").
XCOMP_SPEECH = frozenset(
    {
        "urge",
        "promise",
        "vow",
        "threaten",
        "call",
        "ask",
        "pledge",
        "claim",
        "tell",
        "warn",
        "deny",
        "agree",
        "offer",
        "say",
        "report",
        "demand",
        "insist",
        "appeal",
        "order",
    }
)
# Verbs whose object names the target and whose preposition gives the content ("accused X of Y").
_TARGET_AND_CONTENT = frozenset({"accuse", "blame", "criticize", "criticise", "praise"})
# Prepositional frames that carry content: "called for a ceasefire", "warned of/against an escalation".
_PREP_SPEECH = frozenset(
    {
        ("accuse", "of"),
        ("blame", "for"),
        ("criticize", "for"),
        ("criticise", "for"),
        ("call", "for"),
        ("warn", "of"),
        ("warn", "against"),
        ("caution", "against"),
        ("praise", "for"),
    }
)
_CONTENT_DEPS = frozenset({"acl", "ccomp", "appos", "relcl"})
# Verbs that quote a phrase of the speaker's inside the reporter's sentence ("touted it as “…”").
PARTIAL_VERBS = SPEECH_VERBS | COGNITION_VERBS | EVALUATIVE_VERBS | frozenset(OBJECT_CUES)


def speech_lemma(lemma: str) -> bool:
    """Whether ``lemma`` is a speech or cognition cue."""
    return lemma in SPEECH_VERBS or lemma in COGNITION_VERBS


def _claim_with_content(noun: Token) -> bool:
    """A claim noun that states its content: "the allegation that …", "claims it was …", "the warning of …"."""
    if noun.lemma_.lower() not in CLAIM_NOUNS and noun.lower_ not in CLAIM_NOUNS:
        return False
    for c in noun.children:
        if c.dep_ in _CONTENT_DEPS and c.i > noun.i:
            return True
        if (
            c.dep_ == "prep"
            and c.lower_ in ("of", "about", "on", "over")
            and any(g.dep_ in ("pobj", "pcomp") for g in c.children)
        ):
            return True
    return False


_DIRECTIVES = frozenset({"demand", "insist", "urge", "ask", "propose", "recommend", "require", "request"})


def _demanded(verb: Token) -> bool:
    """A base-form verb in the that-clause of a demand ("demanded that Kyiv declare …"): a subjunctive."""
    return (
        verb.dep_ == "ccomp"
        and verb.tag_ in ("VB", "VBP")
        and verb.head.lemma_.lower() in _DIRECTIVES
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    )


def is_speech(cand: Candidate, doc: Any) -> bool:
    """Whether a cue candidate reports speech or thought rather than a plain object of a verb."""
    lemma, frame = cand.lemma, cand.frame
    if frame in ("according", "noun", "colon"):
        return True
    head = doc[cand.cue_head]
    if head.dep_ == "acl" and any(c.dep_ == "auxpass" for c in head.children):
        return False  # "the equipment to be announced would include …": a modifier, not a report
    if _demanded(head):
        return False  # "demanded that Kyiv declare itself neutral": wanted of Kyiv, not said by it
    if frame == "ccomp":
        return speech_lemma(lemma)
    if frame == "xcomp":
        return lemma in XCOMP_SPEECH
    head = doc[cand.cue_head]
    if frame.startswith("prep-"):
        return (lemma, frame[5:]) in _PREP_SPEECH
    if frame != "obj" or not (speech_lemma(lemma) or lemma in OBJECT_CUES):
        return False
    obj = next((c for c in head.children if c.dep_ in ("dobj", "obj")), None)
    if obj is None:
        return False
    if _claim_with_content(obj):
        return True
    prep = OBJECT_CUES.get(lemma, "")
    return (
        lemma in _TARGET_AND_CONTENT
        and bool(prep)
        and any(
            c.dep_ == "prep" and c.lower_ == prep and any(g.dep_ in ("pobj", "pcomp") for g in c.children)
            for c in (*head.children, *obj.subtree)
        )
    )


def partial_cue(span: Any) -> Token | None:
    """The speech or evaluation verb a quoted phrase (a spaCy span) hangs off, if any."""
    inside = {t.i for t in span}
    tops = [t for t in span if not t.is_punct and (t.head.i not in inside or t.head.i == t.i)]
    for top in tops[:1]:
        cur = top
        for _ in range(4):
            if cur.head.i == cur.i:
                break
            cur = cur.head
            if cur.pos_ == "VERB" and cur.lemma_.lower() in PARTIAL_VERBS:
                return cur
    return None
