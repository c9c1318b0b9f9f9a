"""Reading the SemEval-2023 Task 3 release: paragraphs, label files, span offsets."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrascope.errors import InputError
from narrascope.techniques.data import (
    Paragraph,
    _crlf_to_lf,
    load_language,
    paragraphs_of,
    read_label_file,
    read_spans,
    technique_names,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Title\n\nFirst line.\nSecond.", [Paragraph(1, 0, 5), Paragraph(3, 7, 18), Paragraph(4, 19, 26)]),
        ("  Indented \n\n\nEnd", [Paragraph(1, 2, 10), Paragraph(4, 14, 17)]),
        ("\n \nOnly\n", [Paragraph(3, 3, 7)]),
        ("", []),
    ],
)
def test_paragraphs_are_numbered_lines(text: str, expected: list[Paragraph]) -> None:
    assert paragraphs_of(text) == expected


def test_technique_names_are_the_23_official_labels() -> None:
    names = technique_names()
    assert len(names) == 23 == len(set(names))
    assert names[0] == "Appeal_to_Authority" and names[-1] == "Questioning_the_Reputation"


def test_read_label_file_fixes_the_release_typo(tmp_path: Path) -> None:
    path = tmp_path / "labels.txt"
    path.write_text("7\t1\t\n7\t3\tDoubt,Appeal_to_Fear-Prejudi-čce\n8\t2\tSlogans\n", encoding="utf-8")
    assert read_label_file(path) == {
        ("7", 1): set(),
        ("7", 3): {"Doubt", "Appeal_to_Fear-Prejudice"},
        ("8", 2): {"Slogans"},
    }


def test_read_label_file_rejects_a_bad_paragraph_number(tmp_path: Path) -> None:
    path = tmp_path / "labels.txt"
    path.write_text("7\tone\tDoubt\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 1"):
        read_label_file(path)


@pytest.mark.parametrize(("offset", "expected"), [(0, 0), (2, 2), (3, 2), (4, 3), (6, 4), (7, 5), (10, 8)])
def test_crlf_offsets_map_onto_lf_text(offset: int, expected: int) -> None:
    # "ab\n\ncdef": with CRLF breaks 'c' sits at 6, with LF at 4; the end (10) maps to 8.
    assert _crlf_to_lf("ab\n\ncdef", offset) == expected


def test_read_spans_maps_crlf_offsets(tmp_path: Path) -> None:
    text = "One two.\n\nThree four five."
    path = tmp_path / "spans.txt"
    # "four" is at 16..20 in LF text, 18..22 when line breaks count twice.
    path.write_text("9\tLoaded_Language\t18\t22\n9\tDoubt\t0\t3\n", encoding="utf-8")
    spans = read_spans(path, text, crlf=True)
    assert [(text[s:e], label) for s, e, label in spans] == [("four", "Loaded_Language"), ("One", "Doubt")]
    assert [(s, e) for s, e, _ in read_spans(path, text, crlf=False)] == [(18, 22), (0, 3)]


def test_load_language_names_the_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="--data"):
        load_language(tmp_path, "en")


def test_release_paragraphs_match_the_label_file(shared: Path) -> None:
    root = shared / "data" / "semeval2023-t3"
    docs = load_language(root, "en")
    labels = read_label_file(root / "train" / "en" / "train-labels-subtask-3.txt")
    assert {(d.doc_id, p.number) for d in docs for p in d.paragraphs} == set(labels)
    assert all(d.text[s:e].strip() for d in docs for s, e, _ in d.spans)
