"""PolNeAR reader and attribution scorer (brat ``.ann`` files with Source/Cue/Content spans).

Offsets in brat files count characters of the text read with ``newline=''`` (``\\r`` kept).
Scores (see :func:`score`) are those of the held-out scorer ``../shared/scorers/score_quotes_polnear.py``,
so cross-validated and held-out figures mean the same thing:

- *content exact*: a prediction equals a gold content (the hull of its fragments) after trimming
  white space, quote marks and edge punctuation;
- *content overlap*: the two spans share at least half of the shorter one; precision counts
  predictions matching some gold content, recall gold contents matched by some prediction;
- *attribution*: the content overlaps AND the predicted local source span touches the gold
  Source span (precision over all predictions, recall over all gold attributions).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError

Span = tuple[int, int]
_TRIM = " \t\r\n\"'“”‘’«».,;:"


@dataclass(frozen=True)
class GoldAttribution:
    """One gold attribution: content fragments, and the cue and source fragments when present."""

    content: tuple[Span, ...]
    cue: tuple[Span, ...] = ()
    source: tuple[Span, ...] = ()


@dataclass
class GoldDoc:
    """A PolNeAR text with its gold attributions."""

    name: str
    text: str
    attributions: list[GoldAttribution] = field(default_factory=list)


def _spans(offsets: str) -> tuple[Span, ...]:
    out = []
    for frag in offsets.split(";"):
        a, b = frag.split()
        out.append((int(a), int(b)))
    return tuple(out)


def parse_ann(lines: Iterable[str]) -> list[GoldAttribution]:
    """Attributions (``E`` lines with a Content role) from the lines of one brat file."""
    spans: dict[str, tuple[str, tuple[Span, ...]]] = {}
    events: list[dict[str, str]] = []
    for line in lines:
        parts = line.rstrip("\r\n").split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            label, _, offsets = parts[1].partition(" ")
            spans[parts[0]] = (label, _spans(offsets))
        elif parts[0].startswith("E"):
            args = [a.split(":", 1) for a in parts[1].split()[1:] if ":" in a]
            events.append({role: ref for role, ref in args})
    out = []
    for ev in events:
        if "Content" not in ev or ev["Content"] not in spans:
            continue

        def get(role: str, ev: dict[str, str] = ev) -> tuple[Span, ...]:
            ref = ev.get(role)
            return spans[ref][1] if ref in spans else ()

        out.append(GoldAttribution(get("Content"), get("Cue"), get("Source")))
    return out


def read_polnear(root: str | Path, limit: int | None = None) -> list[GoldDoc]:
    """Read ``root`` (a PolNeAR split with ``text/`` and ``attributions/``, or its parent holding ``train/``).

    Texts annotated by several annotators keep only the first annotation file (sorted by name).
    """
    base = Path(root)
    if not (base / "attributions").is_dir() and (base / "train" / "attributions").is_dir():
        base = base / "train"
    ann_dir, text_dir = base / "attributions", base / "text"
    if not ann_dir.is_dir() or not text_dir.is_dir():
        raise InputError(str(root), "not a PolNeAR split: expected attributions/ and text/ folders")
    docs: list[GoldDoc] = []
    seen: set[str] = set()
    for ann in sorted(ann_dir.glob("*.ann")):
        name = ann.stem.rsplit("_", 1)[0]
        txt = text_dir / f"{name}.txt"
        if name in seen or not txt.is_file():
            continue
        seen.add(name)
        with txt.open(encoding="utf-8", newline="") as fh:
            text = fh.read()
        with ann.open(encoding="utf-8", newline="") as fh:
            docs.append(GoldDoc(name, text, parse_ann(fh)))
        if limit is not None and len(docs) >= limit:
            break
    return docs


def trim(text: str, span: Span) -> Span:
    """``span`` without surrounding white space, quote marks and edge punctuation (the held-out scorer's set)."""
    s, e = span
    while s < e and text[s] in _TRIM:
        s += 1
    while e > s and text[e - 1] in _TRIM:
        e -= 1
    return (s, e)


def _hull(spans: Sequence[Span]) -> Span:
    return (min(s for s, _ in spans), max(e for _, e in spans))


def _overlap(a: Span, b: Span) -> bool:
    """The held-out scorer's content match: the spans share at least half of the shorter one."""
    inter = min(a[1], b[1]) - max(a[0], b[0])
    short = min(a[1] - a[0], b[1] - b[0])
    return short > 0 and inter >= 0.5 * short


def _touches(a: Span | None, b: Span | None) -> bool:
    return a is not None and b is not None and min(a[1], b[1]) > max(a[0], b[0])


@dataclass(frozen=True)
class Predicted:
    """One predicted attribution in scorer terms: the quote annotation's span and its local source span."""

    content: Span
    speaker: Span | None = None


@dataclass
class Counts:
    """Match counts for the three scores; add them up across documents."""

    pred: int = 0
    gold: int = 0
    exact: int = 0
    overlap_p: int = 0
    overlap_r: int = 0
    attr_p: int = 0
    attr_r: int = 0

    def __iadd__(self, other: Counts) -> Counts:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self

    def metrics(self) -> dict[str, dict[str, float]]:
        """Precision, recall and F1 for content exact, content overlap and attribution."""
        return {
            "content_exact": _prf(self.exact, self.pred, self.exact, self.gold),
            "content_overlap": _prf(self.overlap_p, self.pred, self.overlap_r, self.gold),
            "attribution": _prf(self.attr_p, self.pred, self.attr_r, self.gold),
        }


def _prf(tp_p: int, n_pred: int, tp_r: int, n_gold: int) -> dict[str, float]:
    p = tp_p / n_pred if n_pred else 0.0
    r = tp_r / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def score(text: str, gold: Sequence[GoldAttribution], pred: Sequence[Predicted]) -> Counts:
    """Count matches of one document exactly as ``../shared/scorers/score_quotes_polnear.py`` does.

    Gold content and source are the hulls of their fragments; every quote annotation is one prediction.
    """
    G = [(trim(text, _hull(g.content)), _hull(g.source) if g.source else None) for g in gold]
    P = [(trim(text, p.content), p.speaker) for p in pred]
    c = Counts(pred=len(P), gold=len(G))
    c.exact = sum(any(pc == gc for gc, _ in G) for pc, _ in P)
    c.overlap_p = sum(any(_overlap(pc, gc) for gc, _ in G) for pc, _ in P)
    c.overlap_r = sum(any(_overlap(pc, gc) for pc, _ in P) for gc, _ in G)
    c.attr_p = sum(any(_overlap(pc, gc) and _touches(ps, gs) for gc, gs in G) for pc, ps in P)
    c.attr_r = sum(any(_overlap(pc, gc) and _touches(ps, gs) for pc, ps in P) for gc, gs in G)
    return c


def iter_sources(docs: Iterable[GoldDoc]) -> Iterator[str]:
    """Texts of the documents, in order (for batch parsing)."""
    for d in docs:
        yield d.text
