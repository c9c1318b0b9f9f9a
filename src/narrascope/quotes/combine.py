"""Combining extracted attributions: the ``Quote`` record, one quote per utterance (split parts
merged), coordinated cues given back to their speaker, duplicates dropped, nested ones flagged."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field, replace
from typing import Any

from .reported import Candidate
from .speakers import Speaker

Span = tuple[int, int]
#: The kind of an attitude or intention ("rejected the proposal of the West"): kept in the layer, left
#: out of who-said-what views (quotes, summary, stances), which show what was said.
ATTITUDE = "attitude"
_FINITE = frozenset({"VBZ", "VBD", "VBP", "MD"})


def is_attitude(attrs: dict[str, Any]) -> bool:
    """Whether a quote annotation's attrs mark an attitude rather than speech."""
    return attrs.get("kind") == ATTITUDE


def speakers_of(attrs: dict[str, Any]) -> list[tuple[str, str]]:
    """(key, name) of every speaker of a quote annotation: the resolved speaker (key: its actor id,
    else its name), then the co-speakers of a joint statement ("Russia and China said …")."""
    out = []
    for eid, name in [(attrs.get("speaker_entity"), attrs.get("speaker")),
                      *((c.get("entity"), c.get("name")) for c in attrs.get("co_speakers") or ())]:
        if eid or name:
            out.append((str(eid or name), str(name or eid)))
    return out


@dataclass
class Quote:
    """One attribution: content span, kind, cue and speaker."""

    start: int
    end: int
    kind: str
    cue: str | None = None
    cue_span: Span | None = None
    source_token: int | None = None
    speaker: Speaker | None = None
    attrs: dict[str, Any] = field(default_factory=dict)


MAX_GAP = 200  # characters of narration between two parts of one utterance


def merge_parts(quotes: list[Quote]) -> list[Quote]:
    """One quote per utterance: the parts of a quote split around its attribution ("“A,” X said.
    “B.”") become one quote spanning them, with ``attrs.parts`` the quoted pieces (PolNeAR's
    content is the whole; :meth:`Article.surface` joins the pieces)."""
    groups: dict[object, list[Quote]] = {}
    for n, q in enumerate(quotes):
        split = q.kind == "direct" and q.cue_span and (q.attrs.get("part") or q.attrs.get("continues"))
        key: object = (q.cue_span, q.source_token) if split else n
        group = groups.get(key)
        if group is not None and q.start - group[-1].end > MAX_GAP:
            key = (key, n)  # too far from the last part: a new utterance by the same speaker
            group = None
        groups.setdefault(key, []).append(q)
    out = []
    for parts in groups.values():
        if len(parts) == 1:
            out.append(parts[0])
            continue
        first = parts[0]
        attrs = {k: v for k, v in first.attrs.items() if k not in ("part", "continues", "short")}
        attrs["parts"] = [[q.start, q.end] for q in parts]
        out.append(replace(first, end=max(q.end for q in parts), attrs=attrs))
    out.sort(key=lambda q: (q.start, q.end))
    return out


def _finite(tok: Any) -> str:
    aux = next((c for c in tok.children if c.dep_ in ("aux", "auxpass") and c.tag_ in _FINITE), None)
    return str(aux.tag_ if aux is not None else tok.tag_)


def reattach_coordinated(doc: Any, cands: list[Candidate]) -> list[Candidate]:
    """'X insists Y was unprovoked and has denied Z': a cue coordinated inside another cue's content
    but in the outer cue's tense (not its head's) belongs to the outer speaker (a parse slip)."""
    out = []
    for c in cands:
        tok = doc[c.cue_head]
        own = any(k.dep_ in ("nsubj", "nsubjpass") for k in tok.children)
        if tok.dep_ == "conj" and not own:
            outer = next(
                (
                    o
                    for o in cands
                    if o is not c
                    and o.content[0] <= tok.idx < o.content[1]
                    and o.source is not None
                    and o.cue_head != tok.head.i
                ),
                None,
            )
            if outer is not None and _finite(tok) == _finite(doc[outer.cue_head]) != _finite(tok.head):
                c = replace(c, source=outer.source)
        out.append(c)
    return out


def dedupe(doc: Any, quotes: list[Quote]) -> list[Quote]:
    """One quote per content span: a named source beats a pronoun, an earlier cue a later one."""
    best: dict[tuple[int, int], Quote] = {}
    for q in quotes:
        key = (q.start, q.end)
        old = best.get(key)
        if old is None or (_is_pronoun(doc, old) and not _is_pronoun(doc, q)):
            best[key] = q
    return list(best.values())


def mark_nested(quotes: list[Quote]) -> list[Quote]:
    """Flag attributions inside another's content ("X said Y demands Z": Y's gets ``nested``)."""
    # another quote holds both q and its cue when it starts at or before both and ends at or after
    # both: a prefix maximum of ends over quotes sorted by start answers that in log time per quote
    order = sorted(range(len(quotes)), key=lambda i: quotes[i].start)
    starts = [quotes[i].start for i in order]
    best: list[tuple[int, int]] = []  # per prefix: (largest end, its index), and the runner-up's end
    runner_up: list[int] = []
    top, second = (-1, -1), -1
    for i in order:
        end = quotes[i].end
        if end > top[0]:
            top, second = (end, i), top[0]
        elif end > second:
            second = end
        best.append(top)
        runner_up.append(second)
    for k, q in enumerate(quotes):
        cue = q.cue_span
        if cue is None:
            continue
        p = bisect.bisect_right(starts, min(cue[0], q.start))
        if p == 0:
            continue
        top_end, top_i = best[p - 1]
        reach = runner_up[p - 1] if top_i == k else top_end
        if reach >= max(cue[1], q.end):
            q.attrs["nested"] = True
    return quotes


def _is_pronoun(doc: Any, q: Quote) -> bool:
    return q.source_token is None or doc[q.source_token].pos_ == "PRON"
