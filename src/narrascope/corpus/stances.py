"""Stances: what each actor said about a topic over time, from their attributed quotes.

A topic lexicon decides which quotes are on topic and tags each with readiness, condition,
refusal and blame cues; a negation flips readiness into refusal ("not ready to talk") and
refusal into readiness ("we don't reject the negotiations"). Per actor, the tags add up to
a short summary ("ready to talk, with conditions", "refuses territorial concessions") with
the quotes as evidence, in date order.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from ..errors import ConfigError
from ..store import Store
from ..store import schema as store_schema
from .sources import Corpus, Record, iter_articles, source_info

_NEG = r"(?:not|never|no|n't|nobody|neither|nor|without)"


@dataclass(frozen=True)
class Topic:
    """The cue lexicon of one topic (regular expressions, case-insensitive)."""

    name: str
    about: str
    readiness: str
    condition: str
    refusal: str
    blame: str
    territorial: str


TOPICS: dict[str, Topic] = {
    "negotiations": Topic(
        name="negotiations",
        about=r"\b(?:negotiat\w*|talks?|dialogue|peace|ceasefire|truce|concessions?|compromise|table|meeting|"
        r"delegation|agreement|settlement|diplomac\w*|territor\w*|sovereignty|integrity|war must end|contacts|"
        r"sit down|our land)\b",
        readiness=r"\b(?:ready|willing|open|prepared)\b(?:\W+\w+){0,3}?\W+(?:to|for)\b|\bwaiting for\b|"
        r"\b(?:continue|begin|start|resume)\w*\W+(?:the\W+)?(?:dialogue|negotiations?|talks)\b|"
        r"\breturn to the table\b|\bsit down\b|\bgiving up on\b",
        condition=r"\bas soon as\b|\bonly (?:if|when|after)\b|\bif\b|\bunless\b|\bprovided\b|\bon condition\b|"
        r"\bmust (?:first|come from|begin with|understand)\b|\buntil\b|\bwhen there is\b|\bthe moment\b|"
        r"\bdemands?\b|\bball is\b(?:\W+\w+){0,2}\W+in their court|\bfor the sake of\b|\blay down\b|"
        r"\bthat makes sense\b|\bterms\b",
        refusal=r"\b(?:refus\w*|reject\w*|rul\w* out|giving up|give up)\b|"
        r"\b(?:no|never|not|won't|will not|cannot|can't)\b(?:\W+\w+){0,4}?\W+"
        r"(?:concessions?|sit down|talks|negotiat\w*|compromise|trade|accept|deal)\b|\btrades neither\b|"
        r"\b(?:restor\w+|full withdrawal|complete withdrawal)\b(?:\W+\w+){0,6}?\W+(?:territor\w*|integrity|borders)",
        blame=r"\b(?:walked away|backtrack\w*|reneged|blam\w+|fault|blocking|initiative|responsibility)\b|"
        r"\bthose who (?:reject|refuse)\b|in their court",
        territorial=r"\b(?:territor\w*|land|sovereignty|integrity|concessions?|borders)\b",
    ),
}
LABELS = ("readiness", "condition", "refusal", "blame")


def topic(name: str) -> Topic:
    """A topic lexicon by name; raises :class:`ConfigError` naming the known ones."""
    if name not in TOPICS:
        raise ConfigError(f"unknown stance topic {name!r}; known topics: {', '.join(sorted(TOPICS))}")
    return TOPICS[name]


def _negated(text: str, pos: int) -> bool:
    before = text[max(0, pos - 40) : pos].replace("\u2019", "'")
    return bool(re.search(_NEG + r"(?:\W+\w+){0,2}\W*$", before, re.I))


def classify(text: str, lex: Topic) -> dict[str, Any] | None:
    """Stance labels of one quote, or None when it is off topic."""
    if not re.search(lex.about, text, re.I):
        return None
    labels: set[str] = set()
    for m in re.finditer(lex.readiness, text, re.I):
        if m.group(0).lower().startswith("giving up"):
            labels.add("readiness" if _negated(text, m.start()) else "refusal")
        else:
            labels.add("refusal" if _negated(text, m.start()) else "readiness")
    for m in re.finditer(lex.refusal, text, re.I):
        word = m.group(0).lower()
        if word.startswith(("refus", "reject", "rul", "giv")):
            if re.search(r"\bwho\W*$", text[max(0, m.start() - 10) : m.start()], re.I):
                continue  # "those who reject them": about others (blame), not a refusal
            labels.add("readiness" if _negated(text, m.start()) else "refusal")
        elif re.search(r"refus|reject|giv|rul|clos", word):
            labels.add("readiness")  # "has never refused talks": a negated refusal
        else:
            labels.add("refusal")  # "no concessions", "will not sit down"
    if re.search(lex.condition, text, re.I):
        labels.add("condition")
    if re.search(lex.blame, text, re.I):
        labels.add("blame")
    territorial = "refusal" in labels and bool(re.search(lex.territorial, text, re.I))
    return {"labels": sorted(labels), "territorial": territorial}


def summarise(counts: Counter[str], territorial: int) -> list[str]:
    """Short stance phrases from an actor's label counts."""
    out = []
    if counts["readiness"]:
        out.append("ready to talk, with conditions" if counts["condition"] else "ready to talk")
    if territorial:
        out.append("refuses territorial concessions")
    if counts["refusal"] > territorial:
        out.append("refuses talks")
    if counts["blame"]:
        out.append("blames the other side")
    return out


def _quotes(corpus: Corpus) -> list[tuple[Record, str]]:
    """Every quote with its original text (texts read only for articles that have quotes)."""
    if not isinstance(corpus, Store):
        out = []
        for art in iter_articles(corpus):
            meta = {k: art.meta.get(k) for k in ("title", "source", "published", "language")}
            meta["dating"] = art.results.get("dating")
            for q in art.layer("quote"):
                out.append((Record(art.id, meta, q.start, q.end, q.label, q.attrs), art.text[q.start : q.end]))
        return out
    records = [Record(aid, meta, a.start, a.end, a.label, a.attrs) for aid, meta, a in corpus.iter_annotations("quote")]
    ids = sorted({r.article_id for r in records})
    a = store_schema.articles
    texts: dict[str, str] = {}
    with corpus.engine.connect() as conn:
        for i in range(0, len(ids), 200):
            texts.update(
                {str(k): str(v) for k, v in conn.execute(select(a.c.id, a.c.text).where(a.c.id.in_(ids[i : i + 200])))}
            )
    from .index import article_meta

    windows = article_meta(corpus, ids) if ids else {}
    out = []
    for r in records:
        w = windows.get(r.article_id, {})
        meta = dict(r.meta, dating={"from": w.get("date_from"), "to": w.get("date_to")} if w.get("estimated") else None)
        out.append(
            (Record(r.article_id, meta, r.start, r.end, r.label, r.attrs), texts.get(r.article_id, "")[r.start : r.end])
        )
    return out


def _speaker(rec: Record) -> tuple[str, str] | None:
    name = rec.attrs.get("speaker")
    eid = rec.attrs.get("speaker_entity")
    if not eid and not name:
        return None
    return str(eid or name), str(name or eid)


def stances(corpus: Corpus, topic_name: str = "negotiations", actor: str | None = None) -> list[dict[str, Any]]:
    """Per actor: stance summary, label counts and the evidence quotes in date order."""
    lex = topic(topic_name)
    if isinstance(corpus, Store):
        from .index import update_index

        update_index(corpus)
    by_actor: dict[str, list[dict[str, Any]]] = defaultdict(list)
    names: dict[str, str] = {}
    for rec, text in _quotes(corpus):
        who = _speaker(rec)
        if who is None:
            continue
        if actor and actor.lower() != who[0].lower() and actor.lower() not in who[1].lower():
            continue
        found = classify(text, lex)
        if found is None or not found["labels"]:
            continue
        names.setdefault(who[0], who[1])
        dating = rec.meta.get("dating") or {}
        by_actor[who[0]].append(
            {
                **source_info(rec.article_id, rec.meta),
                "date": rec.meta.get("published") or dating.get("from"),
                "estimated": not rec.meta.get("published") and bool(dating),
                "start": rec.start,
                "end": rec.end,
                "text": text,
                "kind": rec.attrs.get("kind"),
                **found,
            }
        )
    out: list[dict[str, Any]] = []
    for key, quotes in by_actor.items():
        quotes.sort(key=lambda q: (q["date"] or "9999", q["article_id"], q["start"]))
        counts: Counter[str] = Counter(label for q in quotes for label in q["labels"])
        territorial = sum(1 for q in quotes if q["territorial"])
        out.append(
            {
                "actor": {"id": key, "name": names[key]},
                "topic": lex.name,
                "summary": summarise(counts, territorial),
                "counts": {k: counts[k] for k in LABELS},
                "quotes": quotes,
            }
        )
    out.sort(key=lambda s: (-len(s["quotes"]), s["actor"]["name"]))
    return out
