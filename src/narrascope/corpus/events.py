"""Newsworthy events from a trigger lexicon over sentences: talks held/frozen/ruled out, decrees, aid.

Each sentence yields at most one event: the first type in :data:`TRIGGERS` whose patterns all
match it. The event's date is the first point date in the sentence (resolved, or resolved
within the article's estimated window), else the article's window; participants are the
actors (``entity`` layer, quote speakers) mentioned in the sentence, the place the first
location after "in/to/at/near".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..components.dates import parse_published
from ..document import Annotation, Article
from .dating import Window, article_window, period_bounds

_TALK = (
    r"\b(?:talks|negotiat\w*|dialogue|peace process|peace deal|delegations?|round of|meeting|venue|ceasefire|"
    r"truce)\b"
)
TRIGGERS: list[tuple[str, tuple[str, ...]]] = [
    ("decree", (r"\b(?:decree|signed into law|executive order|signs? a law)\b",)),
    (
        "talks_ruled_out",
        (
            r"\b(?:rul(?:e|es|ed|ing) out|bar(?:s|red|ring)?|rejects?|rejected|refus\w+|impossib\w+|"
            r"no (?:sign|indication)|not (?:ready|prepared|interested)|will not sit down|won't sit down|no talks)\b",
            _TALK,
        ),
    ),
    (
        "talks_frozen",
        (
            r"(?:\bon hold\b|\bon pause\b|\bpaused\b|\bfr[oe]ze\b|\bfrozen\b|\bfreezing\b|\bsuspend\w*|\bstall\w*|"
            r"\bdeadlock\b|\bimpasse\b|\bstalemate\b|\bhalted\b|\bbroke down\b|\bcollapsed\b)",
            _TALK,
        ),
    ),
    (
        "talks_proposed",
        (
            r"\b(?:ready to|willing to|offer\w*|propos\w+|invit\w+|open to|prepared to|appeal\w* to|waiting for)\b",
            _TALK,
        ),
    ),
    ("talks_resumed", (r"\b(?:resum\w+|restart\w*|back to the (?:negotiating )?table)\b", _TALK)),
    (
        "talks_held",
        (
            r"\b(?:held|hold|met|meet|took place|round|face-to-face|sat down|convened|session|(?:during|after|since) "
            r"(?:the )?(?:peace )?talks)\b",
            _TALK,
        ),
    ),
    ("proposal", (r"\b(?:propos\w+|peace (?:plan|formula)|draft|initiative)\b",)),
    (
        "aid_package",
        (
            r"\b(?:aid|assistance|weapons|arms|military support|howitzers|tanks)\b",
            r"(?:\$|\bbillion\b|\bmillion\b|\bpackage\b|\bsuppl\w+|\bdeliver\w*|\bsend\w*|\bsent\b|\bship\w*|\bprovid\w+)",
        ),
    ),
    ("sanctions", (r"\bsanctions?\b", r"\b(?:impos\w+|announc\w+|new|package|introduc\w+|adopt\w+)\b")),
    (
        "attack",
        (r"\b(?:strikes?|struck|shell\w*|missiles?|attack\w*|bomb\w*|offensive|invaded|invasion|crossed into)\b",),
    ),
    ("statement", (_TALK, r"\b(?:said|says|told|stated|announced|declared|stressed|noted|warned|insisted)\b")),
]
_COMPILED = [(t, tuple(re.compile(p, re.I) for p in ps)) for t, ps in TRIGGERS]
_PLACE_CUE = re.compile(r"\b(?:in|to|at|near|from)\s+(?:the\s+)?(?:\w+\s+(?:city|capital)\s+of\s+)?$", re.I)
_PLACE_TYPES = {"GPE", "LOC", "FAC"}
_ACTOR_TYPES = {"PERSON", "ORG", "GROUP"}
_PARTY_TYPES = {"GPE", "NORP"}
MAX_TEXT = 300


@dataclass(frozen=True)
class Event:
    """One detected event, before it becomes an ``event`` annotation."""

    start: int
    end: int
    type: str
    trigger: str
    window: Window | None
    precise: bool
    participants: tuple[str, ...]
    actors: tuple[str, ...]
    parties: tuple[str, ...]
    place: str | None
    place_keys: tuple[str, ...]
    text: str

    def attrs(self) -> dict[str, Any]:
        w = self.window
        return {
            "type": self.type,
            "trigger": self.trigger,
            "date": w.start.isoformat() if w and w.start == w.end else None,
            "date_range": [w.start.isoformat(), w.end.isoformat()] if w else None,
            "estimated": bool(w and w.estimated),
            "precise": self.precise,
            "participants": list(self.participants),
            "actors": list(self.actors),
            "parties": list(self.parties),
            "place": self.place,
            "place_keys": list(self.place_keys),
            "text": self.text,
        }


_NEGATED = re.compile(r"\b(?:not|never|no|n't|nobody|neither)\W+(?:\w+\W+){0,2}$", re.I)
_DENIED = re.compile(r"\b(?:den(?:y|ies|ied|ying)|refut\w+)\W+(?:\w+\W+){0,3}$", re.I)
_NEGATABLE = {"talks_ruled_out", "talks_frozen", "attack"}


def classify(sentence: str) -> tuple[str, str] | None:
    """The event type of a sentence and the trigger words that decided it, or None.

    A refusal or freeze under negation ("has never refused talks") does not count, nor an
    attack that is negated or denied ("the army denied shelling the town").
    """
    for etype, patterns in _COMPILED:
        found = [p.search(sentence) for p in patterns]
        if all(found) and etype in _NEGATABLE:
            first = found[0]
            assert first is not None
            before = sentence[: first.start()].replace("\u2019", "'")
            if _NEGATED.search(before) or (etype == "attack" and _DENIED.search(before)):
                continue
        if all(found):
            first = found[0]
            assert first is not None
            return etype, first.group(0).lower()
    return None


def _entity_info(article: Article) -> dict[str, dict[str, Any]]:
    """Entity records by id, from ``article.entities`` and the entity annotations' attrs."""
    info: dict[str, dict[str, Any]] = {}
    for rec in article.entities:
        if rec.get("id"):
            info[str(rec["id"])] = dict(rec)
    for ann in article.layer("entity"):
        eid = ann.attrs.get("entity_id")
        if eid and str(eid) not in info:
            info[str(eid)] = {
                "id": eid,
                "canonical": ann.attrs.get("canonical") or article.surface(ann),
                "type": ann.attrs.get("type") or ann.label,
                "affiliation": ann.attrs.get("affiliation"),
            }
    return info


_WEEKDAY_ONLY = re.compile(r"^(?:on\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)$", re.I)


def _event_window(article: Article, dates: list[Annotation], fallback: Window | None) -> tuple[Window | None, bool]:
    """The event's date window: the sentence's first point date, else the article's window."""
    published = parse_published(article.meta.get("published"))
    for d in dates:
        if d.attrs.get("kind") == "duration":
            continue
        resolved, rng = d.attrs.get("resolved"), d.attrs.get("range")
        wd = _WEEKDAY_ONLY.match(article.text[d.start : d.end].strip())
        if wd and published and published.strftime("%A").lower() == wd.group(1).lower():
            return Window(published, published), True  # "said on Tuesday" in a Tuesday article: that day
        if resolved and len(str(resolved)) == 4:
            continue  # a bare year ("in 2014") is background, not the event's date
        if resolved:
            lo, hi = period_bounds(str(resolved), d.attrs.get("qualifier"))
            return Window(lo, hi, bool(d.attrs.get("estimated"))), (hi - lo).days <= 31
        if rng:
            lo, hi = date.fromisoformat(rng[0]), date.fromisoformat(rng[1])
            return Window(lo, hi, True), (hi - lo).days <= 31
    if fallback is None:
        return None, False
    return fallback, (fallback.end - fallback.start).days <= 31


def extract_events(article: Article, window: Window | None = None) -> list[Event]:
    """Events of one article (needs the ``sentence`` and ``date`` layers; uses ``entity``, ``quote``)."""
    window = window if window is not None else article_window(article)
    info = _entity_info(article)
    entities = article.layer("entity")
    dates = article.layer("date")
    quotes = article.layer("quote")
    out = []
    for sent in article.layer("sentence"):
        text = article.text[sent.start : sent.end]
        found = classify(text)
        if found is None:
            continue
        etype, trigger = found
        in_sent = [e for e in entities if sent.start <= e.start < sent.end]
        place, place_keys = _place(article, sent.start, in_sent, info)
        participants: list[str] = []
        parties: list[str] = []
        for e in in_sent:
            eid = str(e.attrs.get("entity_id") or "")
            etype_ = str(e.attrs.get("type") or e.label)
            if not eid or eid == place:
                continue
            if etype_ in _ACTOR_TYPES and eid not in participants:
                participants.append(eid)
            elif etype_ in _PARTY_TYPES and eid not in parties:
                parties.append(eid)
        for q in quotes:
            spk = q.attrs.get("speaker_entity")
            if spk and q.start < sent.end and sent.start < q.end and str(spk) not in participants:
                participants.append(str(spk))
        names = tuple(str(info.get(p, {}).get("canonical") or p) for p in participants)
        party_names = tuple(str(info.get(p, {}).get("canonical") or p) for p in parties)
        win, precise = _event_window(article, [d for d in dates if sent.start <= d.start < sent.end], window)
        out.append(
            Event(
                sent.start,
                sent.end,
                etype,
                trigger,
                win,
                precise,
                tuple(participants),
                names,
                party_names,
                place,
                place_keys,
                text[:MAX_TEXT],
            )
        )
    return out


def _place(
    article: Article, sent_start: int, in_sent: list[Annotation], info: dict[str, dict[str, Any]]
) -> tuple[str | None, tuple[str, ...]]:
    """The first location in the sentence introduced by in/to/at/near, with its merge keys."""
    for e in in_sent:
        etype = str(e.attrs.get("type") or e.label)
        if etype not in _PLACE_TYPES:
            continue
        if not _PLACE_CUE.search(article.text[max(sent_start, e.start - 40) : e.start]):
            continue
        eid = str(e.attrs.get("entity_id") or article.surface(e))
        rec = info.get(eid, {})
        keys = {eid.lower()}
        for k in ("affiliation", "code"):
            if rec.get(k) or e.attrs.get(k):
                keys.add(str(rec.get(k) or e.attrs.get(k)).lower())
        return eid, tuple(sorted(keys))
    return None, ()


def annotate(article: Article, window: Window | None = None) -> list[Annotation]:
    """Add the article's events to its ``event`` layer (replacing earlier ones)."""
    article.remove_layer("event")
    return [article.add("event", ev.start, ev.end, ev.type, **ev.attrs()) for ev in extract_events(article, window)]
