"""Technique profiles: which persuasion techniques each outlet uses most, and in whose quotes.

A technique span counts as *in a quote* when most of its characters lie inside a ``quote``
annotation of the same article; it is then credited to that quote's resolved speaker
(``speaker_entity``, else the ``speaker`` name) and to each co-speaker of a joint statement. Spans
outside every quote are the outlet's own voice. Spans whose confidence (see
:mod:`narrascope.techniques.display`) is under ``min_confidence`` are left out, so profiles can
count what the article pages show by default.

The outlet profile (``narrascope profiles``, ``/api/outlets/{name}``, the outlet page) and
``/api/corpus/techniques`` all read :func:`technique_profiles`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from ..quotes.combine import speakers_of
from ..techniques.display import is_low
from .sources import Corpus, iter_layer

UNKNOWN = "(unknown outlet)"
Quote = tuple[int, int, list[tuple[str, str]]]  # start, end, (key, name) of each speaker


def _speaker_quotes(corpus: Corpus) -> dict[str, list[Quote]]:
    """Quotes with a resolved speaker, per article id (a joint statement has several)."""
    out: dict[str, list[Quote]] = defaultdict(list)
    for rec in iter_layer(corpus, "quote"):
        who = speakers_of(rec.attrs)
        if who:
            out[rec.article_id].append((rec.start, rec.end, who))
    return out


def _speaker_of(start: int, end: int, quotes: list[Quote]) -> Quote | None:
    """The quote holding most of ``[start, end)``, if one holds more than half of it."""
    best, share = None, 0.5
    for q in quotes:
        inside = (min(end, q[1]) - max(start, q[0])) / max(1, end - start)
        if inside > share:
            best, share = q, inside
    return best


class _Tally:
    def __init__(self) -> None:
        self.spans: Counter[str] = Counter()
        self.in_quotes: Counter[str] = Counter()
        self.articles: dict[str, set[str]] = defaultdict(set)
        self.by_speaker: dict[str, Counter[str]] = defaultdict(Counter)
        self.outlets: Counter[str] = Counter()

    def techniques(self, top: int) -> list[dict[str, Any]]:
        return [
            {"label": k, "spans": n, "articles": len(self.articles[k]), "in_quotes": self.in_quotes[k]}
            for k, n in _ranked(self.spans, top)
        ]


def _ranked(counts: Counter[str], top: int) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top]


def _speakers(by_speaker: dict[str, Counter[str]], names: dict[str, str], top: int) -> list[dict[str, Any]]:
    rows = sorted(by_speaker.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))[:top]
    return [
        {
            "id": key,
            "name": names.get(key, key),
            "spans": sum(c.values()),
            "techniques": [{"label": k, "spans": n} for k, n in _ranked(c, top)],
        }
        for key, c in rows
    ]


def technique_profiles(corpus: Corpus, min_confidence: float = 0.0, top: int = 10) -> dict[str, Any]:
    """Per outlet (most spans first) and per quoted speaker (corpus-wide): technique span counts.

    ``outlets[i]``: ``outlet``, ``spans``, ``in_quotes`` (spans inside attributed quotes),
    ``techniques`` (``label``, ``spans``, ``articles``, ``in_quotes``) and ``speakers`` (``id``,
    ``name``, ``spans``, ``techniques``). ``speakers[i]``: the same per speaker over all outlets,
    with ``outlets`` (spans per outlet). Lists are cut to ``top``; ties go by name.
    """
    quotes = _speaker_quotes(corpus)
    per_outlet: dict[str, _Tally] = defaultdict(_Tally)
    per_speaker: dict[str, _Tally] = defaultdict(_Tally)
    names: dict[str, str] = {}
    for rec in iter_layer(corpus, "technique"):
        if is_low(rec.attrs, min_confidence):
            continue
        outlet = rec.meta.get("source") or UNKNOWN
        tally = per_outlet[outlet]
        tally.spans[rec.label] += 1
        tally.articles[rec.label].add(rec.article_id)
        quote = _speaker_of(rec.start, rec.end, quotes.get(rec.article_id, []))
        if quote is None:
            continue
        tally.in_quotes[rec.label] += 1
        for key, name in quote[2]:
            names.setdefault(key, name)
            tally.by_speaker[key][rec.label] += 1
            speaker = per_speaker[key]
            speaker.spans[rec.label] += 1
            speaker.outlets[outlet] += 1
    outlets: list[dict[str, Any]] = [
        {
            "outlet": name,
            "spans": sum(t.spans.values()),
            "in_quotes": sum(t.in_quotes.values()),
            "techniques": t.techniques(top),
            "speakers": _speakers(t.by_speaker, names, top),
        }
        for name, t in per_outlet.items()
    ]
    outlets.sort(key=lambda o: (-o["spans"], o["outlet"]))
    speakers = _speakers({k: t.spans for k, t in per_speaker.items()}, names, top)
    for row in speakers:
        row["outlets"] = dict(_ranked(per_speaker[row["id"]].outlets, top))
    return {"min_confidence": min_confidence, "outlets": outlets, "speakers": speakers}


def empty_outlet(outlet: str) -> dict[str, Any]:
    """The technique profile of an outlet with no technique spans."""
    return {"outlet": outlet, "spans": 0, "in_quotes": 0, "techniques": [], "speakers": []}
