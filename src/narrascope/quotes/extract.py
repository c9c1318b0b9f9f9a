"""Combine quote marks and parse-based cues into attributions with resolved speakers."""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from typing import Any, Literal

from .combine import ATTITUDE, Quote, dedupe, mark_nested, merge_parts, reattach_coordinated
from .direct import QuotedSpan, QuoteIndex, clause_like, covered, find_quoted, is_headline, title_case
from .lexicon import SPEECH_VERBS, CueTable, is_seed
from .reported import Candidate, find_candidates
from .source import passive_report, source_of
from .speakers import Mention, Resolver
from .speech import is_speech, partial_cue

Span = tuple[int, int]
Reading = Literal["speech", "attitudes", "broad"]
READINGS: tuple[Reading, ...] = ("speech", "attitudes", "broad")
_MIN_DIRECT_WORDS = 5
_MIN_ATTITUDE_WORDS = 3
_MIN_PARTIAL_WORDS = 3
_SENTENCE_END = (".", "!", "?", ":", "”", '"', "’", "'")
_PLACE_OR_TIME = frozenset({"GPE", "LOC", "FAC", "DATE", "TIME", "EVENT"})
_HEADLINE_COLON = re.compile(r"\s*([A-Z][\w.’'-]*(?: [\w.’'-]+){0,4}):\s+(\S.*)")


def _words(text: str) -> int:
    return len(text.split())


def _reporting_root(sent: Any) -> bool:
    """A sentence that is only a reporting clause: '“…?” Miller, a retired worker, said pleasantly.'"""
    root = sent.root
    return bool(
        root.lemma_.lower() in SPEECH_VERBS
        and root.i > sent.start
        and not any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in root.children)
    )


class _Extractor:
    def __init__(self, doc: Any, text: str, table: CueTable, mentions: list[Mention], reading: Reading) -> None:
        self.doc, self.text, self.table, self.reading = doc, text, table, reading
        self.quoted = find_quoted(text)
        self.index = QuoteIndex(self.quoted)
        self.resolver = Resolver(doc, mentions, text, [(q.open, q.close or q.end) for q in self.quoted])
        self.starts = [t.idx for t in doc]

    def token_at(self, char: int) -> Any:
        i = max(0, bisect.bisect_right(self.starts, char) - 1)
        return self.doc[i]

    def inside_quote(self, char: int) -> bool:
        return self.index.inside(char)

    def run(self) -> list[Quote]:
        claimed: set[int] = set()
        quotes: list[Quote] = []
        found = [c for c in find_candidates(self.doc, self.text, self.table) if not self.inside_quote(c.cue[0])]
        speech = [is_speech(c, self.doc) for c in found]
        kept = [(c, sp) for c, sp in zip(found, speech, strict=True) if sp or self._attitude(c)]
        cands = reattach_coordinated(self.doc, [c for c, _ in kept])
        for cand, (_, sp) in zip(cands, kept, strict=True):
            quotes.extend(self._from_candidate(cand, claimed, sp))
        quotes = mark_nested(dedupe(self.doc, quotes))
        quotes.extend(self._direct(claimed, quotes))
        quotes.extend(self._headline_colon(quotes))
        quotes.sort(key=lambda q: (q.start, q.end))
        return [q for q in merge_parts(self._resolve(quotes)) if not q.attrs.get("short")]

    def _attitude(self, cand: Candidate) -> bool:
        """Whether a non-speech candidate is kept: always when broad; with enough words for attitudes.

        An attitude or intention ("rejected the proposal of the West", "plans to move the judges")
        is what PolNeAR annotates beside speech; a bare object ("rejected Vienna") is never kept.
        """
        if self.reading == "broad":
            return True
        words = _words(self.text[cand.content[0] : cand.content[1]])
        return self.reading == "attitudes" and words >= _MIN_ATTITUDE_WORDS

    def _from_candidate(self, cand: Candidate, claimed: set[int], speech: bool = True) -> list[Quote]:
        p0 = self.text.rfind("\n", 0, cand.cue[0]) + 1
        p1 = self.text.find("\n", cand.cue[1])
        p1 = len(self.text) if p1 < 0 else p1
        s, e = max(cand.content[0], p0), min(cand.content[1], p1)
        if e - s < 2 or not self.text[s:e].strip():
            return []
        if not speech and not self._attitude(replace(cand, content=(s, e))):
            return []  # the attitude shrank below three words at the paragraph edge
        source = cand.source
        if source is not None and not p0 <= self.doc[source].idx < p1:
            source = None
        if source is None and not passive_report(self.doc[cand.cue_head]):
            source = self._subject_before(cand.cue[0], p0)
        if source is not None and s < self.doc[source].idx < e:
            # “…” Macron, who is campaigning, said: the parse took the speaker into the quote's clause
            s, e = self._before_source(s, e, self.doc[source].idx)
        cand = Candidate(cand.cue, cand.cue_head, cand.lemma, cand.frame, (s, e), source)
        inside = [(k, self.quoted[k]) for k in self.index.near(*cand.content) if covered(cand.content, self.quoted[k])]
        base: dict[str, Any] = {
            "frame": cand.frame,
            "cue_type": "lexicon" if is_seed(cand.lemma, cand.frame) else "learned",
        }
        if not inside:
            return [
                Quote(
                    *cand.content,
                    "reported" if speech else ATTITUDE,
                    self.text[cand.cue[0] : cand.cue[1]],
                    cand.cue,
                    cand.source,
                    attrs=base,
                )
            ]
        quoted_chars = sum(covered(cand.content, q) for _, q in inside)
        size = cand.content[1] - cand.content[0]
        for k, _ in inside:
            claimed.add(k)
        cue = self.text[cand.cue[0] : cand.cue[1]]
        if quoted_chars >= 0.8 * size:
            # a direct quote whose parse hangs off the cue; keep each quoted part as it stands
            members = sorted({k for _, q in inside for k in self.index.chain(q.chain)})
            claimed.update(members)
            first = self.quoted[members[0]]
            lead = self.text[cand.content[0] : first.open].strip()
            if len(members) == 1 and lead and _words(lead) <= 4 and lead[-1].isalnum():
                # "said that “…”", "says Kasich “has …”": the whole complement, as annotators mark it
                end = first.close + 1 if first.close is not None else first.end
                return [Quote(cand.content[0], end, "mixed", cue, cand.cue, cand.source, attrs=base)]
            return [
                Quote(q.start, q.end, "direct", cue, cand.cue, cand.source, attrs={**base, "part": n + 1})
                for n, q in enumerate(self.quoted[k] for k in members)
            ]
        start = min(cand.content[0], *(q.start for _, q in inside))
        end = max(cand.content[1], *(q.end for _, q in inside))
        return [Quote(start, end, "mixed", cue, cand.cue, cand.source, attrs=base)]

    def _headline_colon(self, found: list[Quote]) -> list[Quote]:
        """'Lavrov: Moscow ready for talks' as a title line: the name before the colon said the rest."""
        end = self.text.find("\n")
        if end < 0 or not self.text[end:].strip():
            return []
        m = _HEADLINE_COLON.match(self.text, 0, end)
        if m is None or any(q.start < end for q in found):
            return []
        s, e = m.start(2), len(self.text[:end].rstrip())
        speaker_end = m.end(1)
        if _words(self.text[s:e]) < 2:
            return []
        source = self.token_at(speaker_end - 1)
        if source.ent_type_ in _PLACE_OR_TIME or self.resolver.names_place(source.idx):
            return []  # "Munich: a year of failed talks" is a place and a topic, not a speaker
        colon = self.text.index(":", speaker_end)
        return [
            Quote(s, e, "reported", ":", (colon, colon + 1), int(source.i), attrs={"frame": "colon", "headline": True})
        ]

    def _subject_before(self, cue_start: int, p0: int) -> int | None:
        """A noun right before the cue in the same paragraph, for parses that lost the subject; after
        a quote closing in the cue's sentence, the first name between the quote and the cue."""
        tok = self.token_at(cue_start)
        if tok.i == 0:
            return None
        near = (self.quoted[k] for k in self.index.near(tok.sent.start_char, cue_start))
        closed = [q.close for q in near if q.close is not None and tok.sent.start_char <= q.close < cue_start]
        if closed:
            between = [t for t in self.doc[self.token_at(max(closed)).i + 1 : tok.i] if t.idx >= p0]
            name = next((t for t in between if t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG")), None)
            if name is not None:
                return int(name.i)
        prev = self.doc[tok.i - 1]
        if prev.idx >= p0 and prev.pos_ in ("NOUN", "PROPN", "PRON") and prev.lower_ not in ("it", "that", "which"):
            return int(prev.i)
        return None

    def _before_source(self, s: int, e: int, at: int) -> Span:
        """The content cut at the last quote mark closing before the source at ``at`` (else as it was)."""
        near = (self.quoted[k] for k in self.index.near(s, at))
        closes = [q.close + 1 for q in near if q.close is not None and s < q.close < at]
        return (s, max(closes)) if closes else (s, e)

    def _direct(self, claimed: set[int], found: list[Quote]) -> list[Quote]:
        """Quotes no clausal cue took: attach a nearby speech verb, a colon, or the previous speaker."""
        out: list[Quote] = []
        last: Quote | None = max(found, key=lambda q: q.start, default=None)
        for k, q in enumerate(self.quoted):
            if k in claimed:
                continue
            clause = clause_like(self.doc, q)
            headline = is_headline(self.text, q)
            quote = self._attach(q)
            if quote is None and clause:
                prev = self._previous_direct(q, found + out) or self._reported_before(q, found + out)
                if prev is not None:
                    quote = Quote(
                        q.start, q.end, "direct", prev.cue, prev.cue_span, prev.source_token, attrs={"continues": True}
                    )
            if quote is None:
                quote = self._partial(q)
            if quote is None and headline and clause and _words(self.text[q.start : q.end]) >= 3:
                quote = Quote(q.start, q.end, "direct", None, None, None, attrs={"headline": True})
            if quote is None:
                piece = self.text[q.start : q.end]
                if not clause or _words(piece) < _MIN_DIRECT_WORDS or title_case(piece):
                    continue  # scare quote, title or term
                quote = Quote(q.start, q.end, "direct")
            elif not clause and _words(self.text[q.start : q.end]) < 3 and not headline:
                if not quote.attrs.get("part"):
                    continue
                quote.attrs["short"] = True  # “No,” he said: kept only if a follow-on quote joins it
            out.append(quote)
            last = quote
        _ = last
        self._lead_ins(out, found)
        return out

    def _lead_ins(self, direct: list[Quote], found: list[Quote]) -> None:
        """A quote paragraph with no cue right before an attributed quote paragraph is the same
        speaker's opening ("“A.”" then "“B,” X notes."): it joins that quote as its first part."""
        heads = [q for q in found + direct if q.kind == "direct" and q.cue_span and q.source_token is not None]
        attributed = sorted(heads, key=lambda q: q.start)
        for q in direct:
            nxt = next((a for a in attributed if a.start >= q.end), None)
            if nxt is None or q.attrs.get("headline"):
                continue
            key = (nxt.cue_span, nxt.source_token)
            same = q.attrs.get("frame") == "partial" and (q.cue_span, q.source_token) == key
            if q.cue_span is not None and not same:
                continue  # attributed on its own (a quote the same cue took as a partial is joined)
            gap = self.text[q.end : nxt.start]
            if "\n" not in gap or gap.count("\n") > 2 or gap.strip(" \t\r\n\"'“”‘’«».,;:"):
                continue
            q.cue, q.cue_span, q.source_token = nxt.cue, nxt.cue_span, nxt.source_token
            q.attrs = {**{k: v for k, v in nxt.attrs.items() if k not in ("part", "parts")}, "continues": True}

    def _attach(self, q: QuotedSpan) -> Quote | None:
        """A speech verb outside the marks in the quote's sentence(s), or a colon right before it."""
        first = self.token_at(q.start).sent
        close = q.close if q.close is not None else q.end - 1
        last = self.token_at(close).sent
        lo, hi = first.start, last.end
        # "..." he said. -> a following short sentence that is mostly a cue
        if hi < len(self.doc) and not self.text[close + 1 : self.doc[hi].idx].strip():
            nxt = self.doc[hi].sent
            if len(nxt) <= 10 or (len(nxt) <= 25 and _reporting_root(nxt)):
                hi = nxt.end
        p0 = self.text.rfind("\n", 0, q.open) + 1
        p1 = self.text.find("\n", close)
        p1 = len(self.text) if p1 < 0 else p1
        best = None
        for tok in self.doc[lo:hi]:
            if (
                not p0 <= tok.idx < p1
                or self.inside_quote(tok.idx)
                or tok.lemma_.lower() not in SPEECH_VERBS
                or tok.pos_ not in ("VERB",)
                or any(c.dep_ == "neg" and not self.inside_quote(c.idx) for c in tok.children)  # "did not comment"
            ):
                continue
            if any(c.dep_ in ("ccomp",) and not self.inside_quote(c.idx) for c in tok.children):
                continue  # that verb reports something else
            dist = tok.idx - close if tok.idx > close else (q.open - tok.idx) + 1000
            if best is None or dist < best[0]:
                best = (dist, tok)
        if best is not None:
            tok = best[1]
            source, span = source_of(tok, self.text)
            # part 1 of what the verb introduces: "“A,” he said, “B.”" and follow-on quotes join it
            return Quote(q.start, q.end, "direct", self.text[span[0] : span[1]], span, source, attrs={"part": 1})
        before = self.text[: q.open].rstrip()
        gap = self.text[len(before) : q.open]
        if before.endswith(":") and ("\n" not in gap or gap.count("\n") <= 2):
            # "X said:" then the quote, on the same line or opening the next paragraph
            colon = len(before) - 1
            return Quote(
                q.start, q.end, "direct", ":", (colon, colon + 1), self._colon_source(colon), attrs={"frame": "colon"}
            )
        return None

    def _partial(self, q: QuotedSpan) -> Quote | None:
        """A quoted phrase inside a sentence ('touted it as “a much-needed venue”'): the verb it hangs off."""
        if _words(self.text[q.start : q.end]) < _MIN_PARTIAL_WORDS:
            return None  # a quoted term ("genocide", “unrealistic”) is a scare quote, not an attribution
        span = self.doc.char_span(q.start, q.end, alignment_mode="expand")
        verb = partial_cue(span) if span is not None else None
        if verb is None:
            return None
        source, cue = source_of(verb, self.text)
        if source is None or self.inside_quote(self.doc[source].idx):
            return None  # no speaker named: a bare scare quote
        return Quote(q.start, q.end, "direct", self.text[cue[0] : cue[1]], cue, source, attrs={"frame": "partial"})

    def _colon_source(self, colon: int) -> int | None:
        """Source of "X: '...'" (a name before the colon) or of "X told them: '...'" (its subject)."""
        tok = self.token_at(colon)
        if tok.i == 0:
            return None
        prev = self.doc[tok.i - 1]
        if prev.pos_ in ("PROPN", "NOUN") and prev.dep_ not in ("dobj", "pobj"):
            return int(prev.i)
        # the nearest clause's subject first: "NYT made the claim, and Breitbart responded:" is Breitbart's
        for cand in (prev, *prev.ancestors):
            subj = next((c for c in cand.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i), None)
            if subj is not None:
                return int(subj.i)
        return None

    def _previous_direct(self, q: QuotedSpan, found: list[Quote]) -> Quote | None:
        """The attributed direct quote right before ``q`` (split or follow-on quotes)."""
        prior = [p for p in found if p.end <= q.start and p.kind == "direct" and p.source_token is not None]
        if not prior:
            return None
        prev = max(prior, key=lambda p: p.end)
        gap = self.text[prev.end : q.open]
        if gap.count("\n") > 2:
            return None
        between = [c for c in gap if c.isalpha()]
        if len(between) > 60:
            return None
        later = [p for p in found if prev.end <= p.start < q.start and p is not prev]
        return None if later else prev

    def _reported_before(self, q: QuotedSpan, found: list[Quote]) -> Quote | None:
        """The attribution whose cue is in the sentence right before ``q`` ("X told the forum on
        Friday that …" then a quote paragraph of its own: X's, as news writing goes on)."""
        before = self.text[: q.open].rstrip()
        if not before or self.text[len(before) : q.open].count("\n") > 2 or not before.endswith(_SENTENCE_END):
            return None  # the quote must stand as a sentence of its own
        if _words(self.text[q.start : q.end]) < _MIN_PARTIAL_WORDS:
            return None
        sent = self.token_at(len(before) - 1).sent
        prior = [
            p
            for p in found
            if p.kind != ATTITUDE
            and p.source_token is not None
            and p.cue_span is not None
            and sent.start_char <= p.cue_span[0] < min(sent.end_char, q.open)
        ]
        if not prior or any(sent.end_char <= p.start < q.start for p in found):
            return None
        return max(prior, key=lambda p: p.cue_span[0] if p.cue_span else 0)

    def _resolve(self, quotes: list[Quote]) -> list[Quote]:
        """Speakers in text order; 'X said he …' gives the inner "he" X's identity."""
        done: list[tuple[Quote, Mention]] = []  # in quote start order
        longest = 0
        for q in quotes:
            if q.source_token is None:
                continue
            tok = self.doc[q.source_token]
            outer = None
            for o, m in reversed(done):
                if o.start < tok.idx - longest:
                    break  # no earlier quote is long enough to hold the source (keeps long texts linear)
                if o.start <= tok.idx < o.end and m.type == "PERSON":
                    outer = m
                    break
            speaker, mention = self.resolver.resolve(tok, outer)
            q.speaker = speaker
            self.resolver.note(tok.idx, mention)
            if mention is not None:
                done.append((q, mention))
                longest = max(longest, q.end - q.start)
        return quotes


def extract(
    doc: Any, text: str, table: CueTable, mentions: list[Mention], reading: Reading = "attitudes"
) -> list[Quote]:
    """All attributions in a parsed text (``doc`` must be spaCy's parse of exactly ``text``).

    ``reading`` "speech" keeps speech only (see :mod:`.speech`); "attitudes" (the default) also
    keeps attitudes and intentions of three words or more as kind ``attitude``; "broad" keeps every
    candidate the cue table accepts, bare objects included, as PolNeAR annotates them.
    """
    if len(doc) == 0 or not text.strip():
        return []
    return _Extractor(doc, text, table, mentions, reading).run()
