"""The document model: an article's text, its offset map and its annotations.

Every annotation is a validated ``(start, end, layer, label, attrs)`` span over the
article's *clean* text, so each claim the tool makes points back to its evidence.
The JSON form produced by :meth:`Article.to_dict` is versioned by ``SCHEMA_VERSION``.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .errors import AnnotationError

SCHEMA_VERSION = 1

JSON = dict[str, Any]


# C0 controls but tab, newline and carriage return; DEL; C1 controls (U+009B is a terminal's CSI).
CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
SURROGATES = re.compile("[\ud800-\udfff]")


def is_control(ch: str) -> bool:
    """Whether ``ch`` is a control character that must never reach a terminal or a page."""
    return CONTROL_CHARS.match(ch) is not None


def replace_surrogates(text: str) -> tuple[str, int]:
    """Lone surrogates (``"\\ud800"`` in JSON) replaced by U+FFFD, so the text can be encoded; returns the count."""
    return SURROGATES.subn("\ufffd", text)


def escape_controls(text: str, json_escapes: bool = False) -> str:
    """Control characters shown as visible ``\\x1b`` escapes (``\\u001b`` inside JSON), for terminal output."""
    form = "\\u{:04x}" if json_escapes else "\\x{:02x}"
    return CONTROL_CHARS.sub(lambda m: form.format(ord(m.group())), text)


def text_id(clean_text: str) -> str:
    """Article id: the first 16 hex digits of the SHA-256 of the clean text."""
    return hashlib.sha256(clean_text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Annotation:
    """One labelled span ``text[start:end]`` on one layer, with free-form JSON attrs."""

    layer: str
    start: int
    end: int
    label: str
    attrs: JSON = field(default_factory=dict)
    id: str = ""

    def to_dict(self) -> JSON:
        return {
            "id": self.id,
            "layer": self.layer,
            "start": self.start,
            "end": self.end,
            "label": self.label,
            "attrs": self.attrs,
        }

    @classmethod
    def from_dict(cls, data: JSON) -> Annotation:
        return cls(
            layer=data["layer"],
            start=int(data["start"]),
            end=int(data["end"]),
            label=data["label"],
            attrs=dict(data.get("attrs") or {}),
            id=data.get("id", ""),
        )


@dataclass(frozen=True)
class OffsetMap:
    """Maps clean-text offsets to raw-text offsets.

    Cleaning only *drops* characters, so the clean text is a sequence of segments
    copied verbatim from the raw text. Each segment is ``(clean_start, raw_start, length)``.
    """

    segments: tuple[tuple[int, int, int], ...]

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        return cls(((0, 0, length),) if length else ())

    def _segment(self, clean_pos: int) -> tuple[int, int, int]:
        starts = [s[0] for s in self.segments]
        i = bisect.bisect_right(starts, clean_pos) - 1
        if i < 0:
            raise AnnotationError(f"offset {clean_pos} is outside the mapped text")
        seg = self.segments[i]
        if clean_pos >= seg[0] + seg[2]:
            raise AnnotationError(f"offset {clean_pos} is outside the mapped text")
        return seg

    def to_raw(self, clean_pos: int) -> int:
        """Raw offset of the clean character at ``clean_pos``."""
        c0, r0, _ = self._segment(clean_pos)
        return r0 + clean_pos - c0

    def span_to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Raw ``[start, end)`` covering the clean span ``[start, end)`` (end exclusive)."""
        if end <= start:
            raise AnnotationError(f"empty span [{start}, {end})")
        return self.to_raw(start), self.to_raw(end - 1) + 1

    def to_list(self) -> list[list[int]]:
        return [list(s) for s in self.segments]

    @classmethod
    def from_list(cls, data: Iterable[Iterable[int]]) -> OffsetMap:
        segs = []
        for seg in data:
            a, b, c = seg
            segs.append((int(a), int(b), int(c)))
        return cls(tuple(segs))


@dataclass
class Article:
    """One news article: raw text, clean text, offset map, metadata and analysis results.

    Article-level results (``entities``, ``narratives``, ``roles``, ``explanation``)
    are JSON-ready lists/dicts that later pipeline components fill in.
    """

    text: str
    raw_text: str = ""
    offsets: OffsetMap | None = None
    meta: JSON = field(default_factory=dict)
    annotations: list[Annotation] = field(default_factory=list)
    entities: list[JSON] = field(default_factory=list)
    narratives: list[JSON] = field(default_factory=list)
    roles: list[JSON] = field(default_factory=list)
    explanation: JSON | None = None
    results: JSON = field(default_factory=dict)
    runtime: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.raw_text:
            self.raw_text = self.text
        if self.offsets is None:
            self.offsets = OffsetMap.identity(len(self.text))
        for key in ("path", "url", "title", "source", "published", "language"):
            self.meta.setdefault(key, None)
        self._counter = _max_counter(self.annotations)

    @property
    def id(self) -> str:
        return text_id(self.text)

    def add(self, layer: str, start: int, end: int, label: str, **attrs: Any) -> Annotation:
        """Create, validate and attach an annotation; returns it with its id set."""
        ann = self.make_annotation(layer, start, end, label, attrs)
        self.annotations.append(ann)
        return ann

    def make_annotation(self, layer: str, start: int, end: int, label: str, attrs: JSON | None = None) -> Annotation:
        """Validate a span against this article's text and give it a fresh id."""
        validate_span(self.text, layer, start, end, label)
        if attrs and "parts" in attrs:
            validate_parts(layer, start, end, attrs["parts"])
        self._counter += 1
        return Annotation(layer, start, end, label, dict(attrs or {}), f"{layer[:3]}{self._counter}")

    def layer(self, name: str) -> list[Annotation]:
        """Annotations of one layer, in text order."""
        return sorted((a for a in self.annotations if a.layer == name), key=lambda a: (a.start, a.end))

    def remove_layer(self, name: str) -> None:
        self.annotations = [a for a in self.annotations if a.layer != name]

    def surface(self, ann: Annotation) -> str:
        """The annotated text; a span in pieces (``attrs.parts``, a split quote) is its pieces joined by " … "."""
        return span_text(self.text, ann.start, ann.end, ann.attrs)

    def layers(self) -> list[str]:
        return sorted({a.layer for a in self.annotations})

    def to_dict(self, include_raw: bool = False) -> JSON:
        """The versioned JSON form (see README, "Output format")."""
        data: JSON = {
            "id": self.id,
            "text": self.text,
            "meta": dict(self.meta),
            "annotations": [a.to_dict() for a in sorted(self.annotations, key=_order)],
            "entities": self.entities,
            "narratives": self.narratives,
            "roles": self.roles,
            "explanation": self.explanation,
            "results": self.results,
            "schema_version": SCHEMA_VERSION,
        }
        if include_raw:
            data["raw_text"] = self.raw_text
            data["offset_map"] = self.offsets.to_list() if self.offsets else []
        return data

    def to_json(self, include_raw: bool = False) -> str:
        return json.dumps(self.to_dict(include_raw), ensure_ascii=False)

    @classmethod
    def from_dict(cls, data: JSON) -> Article:
        """Rebuild an article from its JSON form, validating every annotation."""
        version = data.get("schema_version", SCHEMA_VERSION)
        if version > SCHEMA_VERSION:
            raise AnnotationError(
                f"article JSON has schema_version {version}; this narrascope reads up to "
                f"{SCHEMA_VERSION}: upgrade narrascope"
            )
        text = data["text"]
        offsets = data.get("offset_map")
        art = cls(
            text=text,
            raw_text=data.get("raw_text") or text,
            offsets=OffsetMap.from_list(offsets) if offsets else None,
            meta=dict(data.get("meta") or {}),
            entities=list(data.get("entities") or []),
            narratives=list(data.get("narratives") or []),
            roles=list(data.get("roles") or []),
            explanation=data.get("explanation"),
            results=dict(data.get("results") or {}),
        )
        for raw in data.get("annotations") or []:
            ann = Annotation.from_dict(raw)
            validate_span(text, ann.layer, ann.start, ann.end, ann.label)
            art.annotations.append(ann)
        art._counter = _max_counter(art.annotations)
        return art

    def iter_sentences(self) -> Iterator[Annotation]:
        return iter(self.layer("sentence"))


def roles_on_annotations(annotations: Iterable[Annotation]) -> list[JSON]:
    """The mention-level role records (``Article.roles``) as the ``roles`` component also writes them
    onto the mentions' attrs (``main_role``, ``fine_roles``, ``role_score``), in annotation order:
    the store keeps roles once, on the annotations, and rebuilds the records from them on read."""
    return [
        {
            "mention": a.id,
            "entity_id": a.attrs.get("entity_id"),
            "start": a.start,
            "end": a.end,
            "main_role": a.attrs["main_role"],
            "fine_roles": list(a.attrs.get("fine_roles") or []),
            "score": a.attrs.get("role_score"),
        }
        for a in annotations
        if "main_role" in a.attrs
    ]


def validate_span(text: str, layer: str, start: int, end: int, label: str) -> None:
    """Raise :class:`AnnotationError` unless ``0 <= start < end <= len(text)`` and the slice has content."""
    if not layer:
        raise AnnotationError("annotation layer must be a non-empty string")
    if not isinstance(label, str):
        raise AnnotationError(f"{layer}: label must be a string, got {type(label).__name__}")
    if not (isinstance(start, int) and isinstance(end, int)):
        raise AnnotationError(f"{layer}: offsets must be integers, got {start!r}, {end!r}")
    if not 0 <= start < end <= len(text):
        raise AnnotationError(f"{layer} {label!r}: span [{start}, {end}) does not fit a text of {len(text)} characters")
    if not text[start:end].strip():
        raise AnnotationError(f"{layer} {label!r}: span [{start}, {end}) covers only white space")


def span_text(text: str, start: int, end: int, attrs: JSON) -> str:
    """The text of a span; a span in pieces (``attrs.parts``, a split quote) is its pieces joined by " … "."""
    parts = attrs.get("parts")
    if parts:
        return " … ".join(text[s:e] for s, e in parts)
    return text[start:end]


def validate_parts(layer: str, start: int, end: int, parts: Any) -> None:
    """Raise :class:`AnnotationError` unless ``parts`` lists ordered ``[s, e]`` pieces inside ``[start, end)``."""
    ok = isinstance(parts, list) and all(
        isinstance(p, list | tuple) and len(p) == 2 and all(isinstance(x, int) for x in p) for p in parts
    )
    if not ok or not parts:
        raise AnnotationError(f"{layer}: attrs.parts must be a non-empty list of [start, end] pairs, got {parts!r}")
    prev = start
    for s, e in parts:
        if not prev <= s < e <= end:
            raise AnnotationError(f"{layer}: part [{s}, {e}) is out of order or outside the span [{start}, {end})")
        prev = e


def _order(a: Annotation) -> tuple[int, int, str]:
    return (a.start, a.end, a.layer)


def _max_counter(anns: list[Annotation]) -> int:
    best = len(anns)
    for a in anns:
        digits = "".join(ch for ch in a.id if ch.isdigit())
        if digits:
            best = max(best, int(digits))
    return best
