"""The document model: validated spans, ids, offset maps and the versioned JSON form."""

from __future__ import annotations

import pytest

from narrascope.document import SCHEMA_VERSION, Annotation, Article, OffsetMap, text_id
from narrascope.errors import AnnotationError

TEXT = "Peskov said talks will resume."


def test_add_validates_and_numbers_annotations() -> None:
    art = Article(TEXT)
    first = art.add("entity", 0, 6, "PERSON", canonical="Dmitry Peskov")
    second = art.add("quote", 12, 29, "quote")
    assert (first.id, second.id) == ("ent1", "quo2")
    assert art.surface(first) == "Peskov"
    assert [a.label for a in art.layer("quote")] == ["quote"]


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (-1, 3, "does not fit"),
        (5, 5, "does not fit"),
        (7, 3, "does not fit"),
        (0, 99, "does not fit"),
        (6, 7, "white space"),
    ],
)
def test_invalid_spans_are_rejected(start: int, end: int, message: str) -> None:
    with pytest.raises(AnnotationError, match=message):
        Article(TEXT).add("entity", start, end, "X")


def test_id_is_hash_of_clean_text_and_meta_defaults() -> None:
    art = Article(TEXT)
    assert art.id == text_id(TEXT) and len(art.id) == 16
    assert art.meta == {"path": None, "url": None, "title": None, "source": None, "published": None, "language": None}


def test_json_round_trip_keeps_everything() -> None:
    art = Article(TEXT, meta={"source": "Wire", "published": "2022-03-29"})
    art.add("entity", 0, 6, "PERSON", entity_id="peskov")
    art.narratives.append({"label": "URW: Blaming the war on others", "score": 0.7, "evidence": ["ent1"]})
    data = art.to_dict(include_raw=True)
    assert data["schema_version"] == SCHEMA_VERSION
    assert set(data) >= {"id", "text", "meta", "annotations", "entities", "narratives", "roles", "explanation"}
    again = Article.from_dict(data)
    assert again.to_dict(include_raw=True) == data
    assert again.add("date", 22, 28, "date").id == "dat2"


def test_from_dict_rejects_bad_offsets_and_newer_schema() -> None:
    bad = {"text": "abc", "annotations": [{"layer": "x", "start": 1, "end": 9, "label": "l"}]}
    with pytest.raises(AnnotationError):
        Article.from_dict(bad)
    with pytest.raises(AnnotationError, match="upgrade narrascope"):
        Article.from_dict({"text": "abc", "schema_version": SCHEMA_VERSION + 1})


def test_offset_map_maps_segments_back() -> None:
    raw = "ab\r\ncd  ef"
    omap = OffsetMap(((0, 0, 2), (2, 3, 3), (5, 8, 2)))  # "ab" "\ncd" "ef" -> "ab\ncd ef" minus one space
    assert [omap.to_raw(i) for i in range(7)] == [0, 1, 3, 4, 5, 8, 9]
    assert omap.span_to_raw(2, 5) == (3, 6)
    assert raw[slice(*omap.span_to_raw(5, 7))] == "ef"
    with pytest.raises(AnnotationError):
        omap.to_raw(7)
    assert OffsetMap.from_list(omap.to_list()) == omap


def test_annotation_round_trip() -> None:
    ann = Annotation("technique", 3, 9, "Doubt", {"score": 0.5}, "tec1")
    assert Annotation.from_dict(ann.to_dict()) == ann


def test_a_span_in_parts_reads_as_its_pieces() -> None:
    art = Article("“Ready,” she said. “Now.”")
    q = art.add("quote", 1, 23, "quote", parts=[[1, 6], [20, 23]])
    assert art.surface(q) == "Ready … Now"


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        ([], "non-empty list"),
        ([[1, 6, 7]], "non-empty list"),
        ([[20, 23], [1, 6]], "out of order"),
        ([[0, 6]], "outside the span"),
    ],
)
def test_bad_parts_are_rejected(parts: object, message: str) -> None:
    art = Article("“Ready,” she said. “Now.”")
    with pytest.raises(AnnotationError, match=message):
        art.add("quote", 1, 23, "quote", parts=parts)
