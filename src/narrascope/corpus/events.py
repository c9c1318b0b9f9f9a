"""Newsworthy events from a trigger lexicon over sentences: talks held/frozen/ruled out, decrees, aid.

A sentence yields one event per family of types (talks, decree, proposal, aid, sanctions,
attack) whose patterns all match it, in :data:`TRIGGERS` order, when their trigger words do
not overlap; ``statement`` only when nothing else matched. Each event carries its
``modality`` (:mod:`.modality`: asserted, hypothetical, conditional, denied, planned,
mentioned). Its date is the sentence's date nearest to its trigger (resolved, or resolved
within the article's estimated window), else the article's window, and ``dated_by`` says
which (``text``, ``weekday``, ``relative``, ``published``, ``estimated``); participants are
the actors (``entity`` layer, quote speakers) mentioned in the sentence, the place the first
location after "in/to/at/near".
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ..dates import parse_published
from ..document import Annotation, Article
from .dating import Window, article_window, period_bounds
from .modality import ASSERTED, modality

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
    modality: str = ASSERTED
    dated_by: str | None = None
    anchor: str | None = None

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
            "modality": self.modality,
            "dated_by": self.dated_by if w else None,
            "anchor": self.anchor if w else None,
        }


_NEGATED = re.compile(r"\b(?:not|never|no|n't|nobody|neither)\W+(?:\w+\W+){0,2}$", re.I)
_NEGATABLE = {"talks_ruled_out", "talks_frozen", "attack"}
#: Types of one family share a sentence's event: the first that matches wins within a family.
FAMILY = {t: "talks" for t, _ in TRIGGERS if t.startswith("talks_") or t == "statement"}


@dataclass(frozen=True)
class Found:
    """One event type found in a sentence: its trigger words, their offsets in the sentence, its modality."""

    type: str
    trigger: str
    start: int
    end: int
    modality: str


def detect(sentence: str) -> list[Found]:
    """Every event a sentence reports (see the module docstring), in :data:`TRIGGERS` order.

    A refusal, freeze or attack under negation ("has never refused talks", "did not attack")
    does not count; a denied one counts with ``modality: denied``.
    """
    found: list[Found] = []
    families: set[str] = set()
    for etype, patterns in _COMPILED:
        family = FAMILY.get(etype, etype)
        if family in families or (etype == "statement" and found):
            continue
        matches = [p.search(sentence) for p in patterns]
        first = matches[0]
        if first is None or not all(matches):
            continue
        if etype in _NEGATABLE and _NEGATED.search(sentence[: first.start()].replace("\u2019", "'")):
            continue
        if any(first.start() < f.end and f.start < first.end() for f in found):
            continue
        trigger = first.group(0).lower()
        found.append(
            Found(etype, trigger, first.start(), first.end(), modality(sentence, etype, first.start(), trigger))
        )
        families.add(family)
    return found


def classify(sentence: str) -> tuple[str, str] | None:
    """The first event type of a sentence and the trigger words that decided it, or None."""
    found = detect(sentence)
    return (found[0].type, found[0].trigger) if found else None


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
_BOUND = re.compile(r"\b(?:since|until|till|by|before|after)\s+$", re.I)
_ANCHORS = {"published": "published", "estimated_published": "estimated", "text": "text"}
_BREAK = re.compile(r"[,;\u2013\u2014]")
_NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "ten": 10}
_AFTER = re.compile(
    r"\b(a|one|two|three|four|five|six|seven|ten|\d{1,2})\s+(days?|weeks?)\s+(after|before)\b[^,;.]*$", re.I
)
Dating = tuple[Window | None, bool, str | None, str | None]


def _nearest(article: Article, dates: list[Annotation], at: tuple[int, int]) -> list[Annotation]:
    """The sentence's dates nearest to the trigger span first, in characters between them.

    A clause break (comma, semicolon, dash) in between counts 30 more, "since/until X" 15 more.
    """

    def distance(d: Annotation) -> int:
        lo, hi = (d.end, at[0]) if d.end <= at[0] else (at[1], d.start)
        between = article.text[lo:hi] if hi > lo else ""
        bound = 15 if _BOUND.search(article.text[max(0, d.start - 8) : d.start]) else 0
        return len(between) + 30 * len(_BREAK.findall(between)) + bound

    return sorted(dates, key=distance)


def _offset(article: Article, d: Annotation, at: tuple[int, int]) -> int:
    """Days to add to a date for "on Sunday, three days after troops crossed": -3 for the crossing."""
    if d.end > at[0]:
        return 0
    m = _AFTER.search(article.text[d.end : at[0]])
    if not m:
        return 0
    n = int(m.group(1)) if m.group(1).isdigit() else _NUMBERS.get(m.group(1).lower(), 0)
    days = n * (7 if m.group(2).lower().startswith("week") else 1)
    return -days if m.group(3).lower() == "after" else days


def _event_window(
    article: Article, dates: list[Annotation], fallback: Window | None, at: tuple[int, int] | None = None
) -> Dating:
    """The event's window, whether it is precise, how it was dated and on what anchor.

    The sentence's date nearest to the trigger (``at``, absolute offsets) wins, else the
    article's window (its publication date, or the estimated range).
    """
    published = parse_published(article.meta.get("published"))
    for d in _nearest(article, dates, at) if at else dates:
        if d.attrs.get("kind") == "duration":
            continue
        resolved, rng = d.attrs.get("resolved"), d.attrs.get("range")
        how = _how(d, article.text[d.start : d.end])
        anchor = _ANCHORS.get(str(d.attrs.get("anchor"))) if how != "text" else None
        wd = _WEEKDAY_ONLY.match(article.text[d.start : d.end].strip())
        if resolved and len(str(resolved)) == 4:
            continue  # a bare year ("in 2014") is background, not the event's date
        if wd and published and published.strftime("%A").lower() == wd.group(1).lower():
            lo, hi, how, anchor = published, published, "weekday", "published"  # "said on Tuesday" that Tuesday
        elif rng and (not resolved or d.attrs.get("weekday") or d.attrs.get("granularity") == "range"):
            lo, hi = date.fromisoformat(rng[0]), date.fromisoformat(rng[1])
        elif resolved:
            lo, hi = period_bounds(str(resolved), d.attrs.get("qualifier"))
        else:
            continue
        shift = timedelta(days=_offset(article, d, at) if at else 0)
        return Window(lo + shift, hi + shift, bool(d.attrs.get("estimated"))), (hi - lo).days <= 31, how, anchor
    if fallback is None:
        return None, False, None, None
    how = "estimated" if fallback.estimated else "published"
    return fallback, (fallback.end - fallback.start).days <= 31, how, how


_CALENDAR = re.compile(r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.I)


def _how(d: Annotation, surface: str) -> str:
    """How a date annotation was dated: ``text`` (a calendar date), ``weekday`` or ``relative`` (to an anchor)."""
    if d.attrs.get("weekday") or _WEEKDAY_ONLY.match(surface.strip()):
        return "weekday"
    if d.attrs.get("dated_by") == "text" or not d.attrs.get("relative") or _CALENDAR.search(surface):
        return "text"
    return "relative"


def extract_events(article: Article, window: Window | None = None) -> list[Event]:
    """Events of one article (needs the ``sentence`` and ``date`` layers; uses ``entity``, ``quote``)."""
    window = window if window is not None else article_window(article)
    info = _entity_info(article)
    entities = article.layer("entity")
    dates = article.layer("date")
    quotes = article.layer("quote")
    out = []
    # layers come sorted by start: each sentence bisects to its own spans (linear in the text, not S x N)
    entity_starts, date_starts = [e.start for e in entities], [d.start for d in dates]
    quote_starts = [q.start for q in quotes]
    longest_quote = max((q.end - q.start for q in quotes), default=0)
    for sent in article.layer("sentence"):
        text = article.text[sent.start : sent.end]
        found = detect(text)
        if not found:
            continue
        in_sent = entities[bisect_left(entity_starts, sent.start) : bisect_left(entity_starts, sent.end)]
        place, place_keys = _place(article, sent.start, in_sent, info)
        near = quotes[bisect_left(quote_starts, sent.start - longest_quote) : bisect_left(quote_starts, sent.end)]
        participants, parties = _actors(
            in_sent, place, [q for q in near if q.start < sent.end and sent.start < q.end]
        )
        names = tuple(str(info.get(p, {}).get("canonical") or p) for p in participants)
        party_names = tuple(str(info.get(p, {}).get("canonical") or p) for p in parties)
        sent_dates = dates[bisect_left(date_starts, sent.start) : bisect_left(date_starts, sent.end)]
        for f in found:
            at = (sent.start + f.start, sent.start + f.end)
            win, precise, how, anchor = _event_window(article, sent_dates, window, at)
            out.append(
                Event(
                    sent.start,
                    sent.end,
                    f.type,
                    f.trigger,
                    win,
                    precise,
                    participants,
                    names,
                    party_names,
                    place,
                    place_keys,
                    text[:MAX_TEXT],
                    f.modality,
                    how,
                    anchor,
                )
            )
    return out


def _actors(
    in_sent: list[Annotation], place: str | None, quotes: list[Annotation]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Participant ids (people, organisations, quote speakers) and parties (countries) of a sentence."""
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
        if spk and str(spk) not in participants:
            participants.append(str(spk))
    return tuple(participants), tuple(parties)


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
