"""Where a cue candidate's content begins and ends, as annotators draw it: a clause the parse
coordinated with the cue, prepositional arguments after an object, the whole clause of a raising
cue ("X seems to …"), and a second report the parse hung on the first verb."""

from __future__ import annotations

from .lexicon import SPEECH_VERBS
from .source import Token

JOINERS = frozenset({"and", "but", "nor", "yet", "so"})
ARG_PREPS = frozenset({"for", "with", "as", "against", "into", "to", "from", "over", "about", "of"})


def raised_subject(tok: Token) -> Token | None:
    """The subject of a raising cue ("X seems to …", "X is expected to …"): what is reported on, not
    who reports; the annotators' content is the whole clause."""
    passive = any(c.dep_ == "auxpass" for c in tok.children)
    if tok.lemma_.lower() in ("seem", "appear") or (passive and tok.lemma_.lower() in ("expect", "set", "poise")):
        return next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i), None)
    return None


def argument_preps(tok: Token, obj: Token) -> list[Token]:
    """'endorsed Cruz for president', 'conflated X with Y': prepositional arguments of the cue right
    after its object belong to the content (time, place and means adjuncts do not)."""
    out: list[Token] = []
    if sum(1 for t in obj.subtree if t.is_alpha) < 3:
        return out  # "proposed Gomel for the meeting" stays a bare object, never a quote
    end = obj.right_edge.i
    for c in tok.children:
        if c.dep_ != "prep" or c.i <= end:
            continue
        if c.i != end + 1 or c.lower_ not in ARG_PREPS or any(t.ent_type_ in ("DATE", "TIME") for t in c.subtree):
            break
        out += list(c.subtree)
        end = c.right_edge.i
    return out


def second_report(clause: Token, clauses: list[Token]) -> bool:
    """'X said A, and Y said B': the parse hung the second report on the first verb as another
    complement; it is Y's own report (its verb is a candidate of its own), not part of X's."""
    own = any(g.dep_ in ("nsubj", "nsubjpass") for g in clause.children)
    return own and clause.lemma_.lower() in SPEECH_VERBS and any(o.i < clause.i for o in clauses)


def coordinated_clause(tok: Token, clause: Token) -> Token | None:
    """'told them that A, but a judge refused …': a clause the parse coordinated with the cue instead
    of with its complement (its own subject, not a speech verb) is part of what was reported."""
    if clause.i < tok.i:
        return None
    for c in tok.children:
        if c.dep_ == "conj" and c.i > clause.i and c.lemma_.lower() not in SPEECH_VERBS:
            cc = next((g for g in tok.children if g.dep_ == "cc" and clause.i < g.i < c.i), None)
            own_subject = any(g.dep_ in ("nsubj", "nsubjpass", "expl") for g in c.children)
            if own_subject and (cc is None or cc.lower_ in JOINERS):
                return c
    return None
