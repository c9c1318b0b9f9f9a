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

from ..document import span_text
from ..errors import ConfigError
from ..quotes.combine import is_attitude, speakers_of
from ..store import Store
from ..store import corpus as db
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
        r"sit down|our land|ultimatums?|political solution|door)\b",
        readiness=r"\b(?:ready|willing|open|prepared)\b(?:\W+\w+){0,3}?\W+(?:to|for)\b|\bwaiting for\b|"
        r"\b(?:continue|begin|start|resume)\w*\W+(?:the\W+)?(?:dialogue|negotiations?|talks)\b|"
        r"\breturn to the table\b|\bsit down\b|\bgiving up on\b|\bkeep\w*\W+talking\b|"
        r"\bagree\w*\W+to\W+(?:\w+\W+)?(?:talks|negotiat\w*|a meeting|dialogue)\b|"
        r"\b(?:back|support|welcome|favou?r|seek|want)\w*\W+(?:\w+\W+){0,2}?(?:talks|negotiations|dialogue|"
        r"a (?:political )?settlement)\b|\bdoors?\b(?:\W+\w+){0,3}?\W+open\b",
        condition=r"\bas soon as\b|\bonce\b(?!\W+again)|"
        r"\bonly (?:if|when|after)\b|\bif\b|\bunless\b|\bprovided\b|\bon condition\b|"
        r"\bmust (?:first|come from|begin with|understand)\b|\buntil\b|\bwhen there is\b|\bthe moment\b|"
        r"\bdemands?\b|\bball is\b(?:\W+\w+){0,2}\W+in their court|\bfor the sake of\b|\blay down\b|"
        r"\bthat makes sense\b|\bterms\b",
        refusal=r"\b(?:refus\w*|reject\w*|rul\w* out|giving up|give up)\b|"
        r"\b(?:no|never|not|won't|will not|cannot|can't)\b(?:\W+\w+){0,4}?\W+"
        r"(?:concessions?|sit down|talks|negotiat\w*|compromise|trade|accept|deal|dialogue|diplomacy|settlement|"
        r"door)\b|\btrades neither\b|"
        r"\b(?:torpedo\w*|sabotag\w*|derail\w*|scuttl\w*|boycott\w*|ultimatums?)\b|"
        r"\b(?:walk\w*|pull\w*)\W+out\b|\b(?:broke|break\w*)\W+off\b|\bno interest in\b|"
        r"\b(?:restor\w+|full withdrawal|complete withdrawal)\b(?:\W+\w+){0,6}?\W+(?:territor\w*|integrity|borders)",
        blame=r"\b(?:walked away|backtrack\w*|reneged|blam\w+|fault|blocking|initiative|responsibility|"
        r"torpedo\w*|sabotag\w*|derail\w*|scuttl\w*|walked out|ultimatums?|on orders from)\b|"
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


# Where the clause of a stance word starts: the words between it and the word are its holder.
_BOUNDARY = re.compile(r"[.;:!?,—–(]|\b(?:that|but|and|while|because|if|as|when|since|though)\b", re.I)
_FIRST_PERSON = re.compile(r"\b(?:we|i|us|our|ours|my|myself|ourselves)\b", re.I)
_THIRD_PERSON = re.compile(r"\b(?:they|them|he|she|those|their|his|her)\b", re.I)
_GROUP_NOUNS = frozenset(
    {"officials", "side", "delegation", "authorities", "government", "forces", "leadership", "negotiators", "leaders"}
)
_NOT_NAMES = frozenset({"the", "a", "an", "but", "in", "on", "for", "this", "that", "there", "it", "nobody", "no"})


def _clause_start(text: str, pos: int) -> int:
    cut = 0
    for m in _BOUNDARY.finditer(text, 0, pos):
        cut = m.end()
    return cut


def _clause_negated(text: str, pos: int) -> bool:
    """A clause under a negated report: "there was no indication that Putin was prepared …"."""
    cut = _clause_start(text, pos)
    if re.search(r"\bno (?:sign|indication|evidence)s?\b", text[cut:pos], re.I):
        return True  # "no sign Putin is ready"
    if not text[max(0, cut - 5) : cut].lower().endswith("that"):
        return False
    return bool(re.search(r"\b(?:no|not|never|little)\b(?:\W+\w+){0,3}\W+that$", text[max(0, cut - 50) : cut], re.I))


def holder(text: str, pos: int, own: frozenset[str] = frozenset(), reported: bool = False,
           joint: bool = False) -> str | None:
    """Who holds the stance word at ``pos``: None for the speaker, else the phrase naming someone else.

    The nearest subject-like words before the word in its clause decide: first person, or a
    name of the speaker's own side (``own``, lower case), is the speaker; another capitalised
    name ("Kyiv refuses talks") or a third-person pronoun is someone else. In reported speech
    ("Zelensky said he would not …") "he"/"she" is the speaker, and in a joint statement ("Russia
    and China said they …", ``joint``) so is "they".
    """
    phrase = text[_clause_start(text, pos) : pos]
    words: list[str] = re.findall(r"[\w'’.-]+", phrase)
    k = len(words) - 1
    while k >= 0:
        w = words[k]
        low = w.lower()
        if _FIRST_PERSON.fullmatch(low) or (reported and low in (("he", "she", "they") if joint else ("he", "she"))):
            return None
        if _THIRD_PERSON.fullmatch(low):
            return low
        if w[0].isupper() and low not in _NOT_NAMES:
            lo = k
            while lo > 0 and words[lo - 1][0].isupper() and words[lo - 1].lower() not in _NOT_NAMES:
                lo -= 1
            hi = k + 1 if k + 1 < len(words) and words[k + 1].lower() in _GROUP_NOUNS else k
            name = " ".join(words[lo : hi + 1])
            if any(re.search(rf"\b{re.escape(n)}\b", name.lower()) for n in own):
                return None
            return name
        k -= 1
    return None


def classify(text: str, lex: Topic, own: frozenset[str] = frozenset(), reported: bool = False,
             joint: bool = False) -> dict[str, Any] | None:
    """Stance labels of one quote for its speaker, or None when it is off topic.

    Readiness and refusal whose holder is someone else ("Kyiv refuses talks", said by the
    Kremlin) are the speaker's ``claims`` about that party, not the speaker's own stance;
    ``own`` names the speaker's side (lower case: "russia", "moscow", "kremlin" for a Russian official);
    ``joint``: the quote has several speakers (see :func:`holder`).
    """
    if not re.search(lex.about, text, re.I):
        return None
    labels: set[str] = set()
    claims: set[tuple[str, str]] = set()

    def put(label: str, pos: int) -> None:
        if _clause_negated(text, pos):
            label = {"readiness": "refusal", "refusal": "readiness"}[label]
        who = holder(text, pos, own, reported, joint)
        if who is None:
            labels.add(label)
        else:
            claims.add((who, label))

    for m in re.finditer(lex.readiness, text, re.I):
        if m.group(0).lower().startswith("giving up"):
            put("readiness" if _negated(text, m.start()) else "refusal", m.start())
        else:
            put("refusal" if _negated(text, m.start()) else "readiness", m.start())
    for m in re.finditer(lex.refusal, text, re.I):
        word = m.group(0).lower()
        if word.startswith(("refus", "reject", "rul", "giv")):
            if re.search(r"\bwho\W*$", text[max(0, m.start() - 10) : m.start()], re.I):
                continue  # "those who reject them": about others (blame), not a refusal
            land = word.startswith("giv") and re.match(r"(?:\W+\w+){0,3}?\W+" + lex.territorial, text[m.end() :], re.I)
            if land:  # "will never give up our land": refusing concessions, negated or not
                put("refusal", m.start())
                continue
            put("readiness" if _negated(text, m.start()) else "refusal", m.start())
        elif re.search(r"refus|reject|giv|rul|clos", word):
            put("readiness", m.start())  # "has never refused talks": a negated refusal
        else:
            put("refusal", m.start())  # "no concessions", "will not sit down"
    if re.search(lex.condition, text, re.I):
        labels.add("condition")
    if re.search(lex.blame, text, re.I):
        labels.add("blame")
    territorial = "refusal" in labels and bool(re.search(lex.territorial, text, re.I))
    out: dict[str, Any] = {"labels": sorted(labels), "territorial": territorial}
    if claims:
        out["claims"] = [{"about": who, "label": label} for who, label in sorted(claims)]
    return out


def summarise(counts: Counter[str], territorial: int, claims: Counter[tuple[str, str]] | None = None) -> list[str]:
    """Short stance phrases from an actor's label counts, then what it says of others."""
    out = []
    if counts["readiness"]:
        out.append("ready to talk, with conditions" if counts["condition"] else "ready to talk")
    if territorial:
        out.append("refuses territorial concessions")
    if counts["refusal"] > territorial:
        out.append("refuses talks")
    if counts["blame"]:
        out.append("blames the other side")
    for (who, label), _ in (claims or Counter()).most_common(3):
        plural = who.lower() in ("they", "we")
        ready, refuses = ("are ready to talk", "refuse talks") if plural else ("is ready to talk", "refuses talks")
        out.append(f"says {who} {ready if label == 'readiness' else refuses}")
    return out


def own_sides(settings_files: list[str] | None = None) -> dict[str, frozenset[str]]:
    """Per actor id, the lower-case names of its own side (its country, capital bodies, compatriots)."""
    from ..actors.gazetteer import load_gazetteer

    gaz = load_gazetteer(settings_files or [])
    by_side: dict[str, set[str]] = defaultdict(set)
    for a in gaz.actors.values():
        side = a.affiliation or a.code
        if side:
            by_side[side].update(n.lower() for n in (*a.names(), *a.short, *a.adjectives))
    return {a.id: frozenset(by_side[a.affiliation or a.code or ""]) for a in gaz.actors.values()}


def _quotes(corpus: Corpus) -> list[tuple[Record, str]]:
    """Every quote with its original text (texts read only for articles that have quotes)."""
    if not isinstance(corpus, Store):
        out = []
        for art in iter_articles(corpus):
            meta = {k: art.meta.get(k) for k in ("title", "source", "published", "language")}
            meta["dating"] = art.results.get("dating")
            for q in art.layer("quote"):
                if is_attitude(q.attrs):
                    continue
                out.append((Record(art.id, meta, q.start, q.end, q.label, q.attrs), art.surface(q)))
        return out
    records = [
        Record(aid, meta, a.start, a.end, a.label, a.attrs)
        for aid, meta, a in corpus.iter_annotations("quote")
        if not is_attitude(a.attrs)  # stances come from what was said
    ]
    ids = sorted({r.article_id for r in records})
    texts = db.texts(corpus, ids)
    windows = db.article_meta(corpus, ids) if ids else {}
    out = []
    for r in records:
        w = windows.get(r.article_id, {})
        meta = dict(r.meta, dating={"from": w.get("date_from"), "to": w.get("date_to")} if w.get("estimated") else None)
        out.append(
            (
                Record(r.article_id, meta, r.start, r.end, r.label, r.attrs),
                span_text(texts.get(r.article_id, ""), r.start, r.end, r.attrs),
            )
        )
    return out


def _evidence(rec: Record, text: str, found: dict[str, Any], joint_with: list[str]) -> dict[str, Any]:
    """One evidence quote of a stance: where it was said, when, its text and what it says."""
    dating = rec.meta.get("dating") or {}
    return {
        **source_info(rec.article_id, rec.meta),
        "date": rec.meta.get("published") or dating.get("from"),
        "estimated": not rec.meta.get("published") and bool(dating),
        "start": rec.start,
        "end": rec.end,
        "text": text,
        "kind": rec.attrs.get("kind"),
        "joint_with": joint_with,
        **found,
    }


def stances(corpus: Corpus, topic_name: str = "negotiations", actor: str | None = None) -> list[dict[str, Any]]:
    """Per actor: stance summary, label counts and the evidence quotes in date order."""
    lex = topic(topic_name)
    by_actor: dict[str, list[dict[str, Any]]] = defaultdict(list)
    names: dict[str, str] = {}
    sides = own_sides()
    for rec, text in _quotes(corpus):
        if rec.attrs.get("nested"):
            continue  # a nested attribution is the outer speaker's report of someone else
        speakers = speakers_of(rec.attrs)  # a joint statement is each speaker's stance
        for who in speakers:
            if actor and actor.lower() != who[0].lower() and actor.lower() not in who[1].lower():
                continue
            own = sides.get(who[0], frozenset()) | {who[1].lower()}
            found = classify(text, lex, own, reported=rec.attrs.get("kind") != "direct", joint=len(speakers) > 1)
            if found is None or not (found["labels"] or found.get("claims")):
                continue
            names.setdefault(who[0], who[1])
            by_actor[who[0]].append(_evidence(rec, text, found, [n for k, n in speakers if k != who[0]]))
    out: list[dict[str, Any]] = []
    for key, quotes in by_actor.items():
        quotes.sort(key=lambda q: (q["date"] or "9999", q["article_id"], q["start"]))
        counts: Counter[str] = Counter(label for q in quotes for label in q["labels"])
        territorial = sum(1 for q in quotes if q["territorial"])
        claims: Counter[tuple[str, str]] = Counter(
            (c["about"], c["label"]) for q in quotes for c in q.get("claims", [])
        )
        out.append(
            {
                "actor": {"id": key, "name": names[key]},
                "topic": lex.name,
                "summary": summarise(counts, territorial, claims),
                "counts": {k: counts[k] for k in LABELS},
                "quotes": quotes,
            }
        )
    out.sort(key=lambda s: (-len(s["quotes"]), s["actor"]["name"]))
    return out
