"""Shared-task file formats (round trips, inclusive ends, newline='') and the official metrics."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrascope.framing.semeval import (
    Doc,
    Mention,
    format_subtask1,
    format_subtask2,
    format_subtask3,
    load_split,
    read_subtask1,
    read_subtask2,
    role_scores,
    sample_f1,
    split_labels,
    write_lines,
)


@pytest.mark.parametrize(
    ("gold", "pred", "expected"),
    [
        ([{"A"}, {"A", "B"}, {"Other"}], [{"A"}, {"B", "C"}, {"A"}], (1 + 0.5 + 0) / 3),
        ([{"A", "B"}], [{"A", "B"}], 1.0),
        ([{"A"}], [set()], 0.0),
        ([set()], [set()], 1.0),
        ([{"A", "B", "C"}, {"X"}], [{"A"}, {"X", "Y"}], (2 * 1 / 4 + 2 * 1 / 3) / 2),
    ],
)
def test_sample_f1_matches_hand_computed_values(gold: list[set[str]], pred: list[set[str]], expected: float) -> None:
    assert sample_f1(gold, pred) == pytest.approx(expected)


def test_sample_f1_rejects_misaligned_inputs() -> None:
    with pytest.raises(ValueError):
        sample_f1([{"A"}], [])


def test_role_scores_on_a_hand_computed_table() -> None:
    gold = [
        Mention("a", "x", 0, 1, "Antagonist", ["Tyrant"]),
        Mention("a", "y", 2, 3, "Protagonist", ["Guardian", "Virtuous"]),
        Mention("a", "z", 4, 5, "Innocent", ["Victim"]),
    ]
    pred = [
        Mention("a", "x", 0, 1, "Antagonist", ["Tyrant"]),
        Mention("a", "y", 2, 3, "Protagonist", ["Guardian"]),
        Mention("a", "z", 4, 5, "Antagonist", ["Victim"]),
    ]
    got = role_scores(gold, pred)
    assert got == pytest.approx(
        {"emr": 2 / 3, "main_accuracy": 2 / 3, "fine_precision": 1.0, "fine_recall": 0.75, "fine_micro_f1": 6 / 7}
    )


def test_split_labels_drops_blanks_and_repeats() -> None:
    assert split_labels("B; A;;B ;") == ["B", "A"]


def test_subtask_files_round_trip(tmp_path: Path) -> None:
    m = Mention("EN_1.txt", "Kyiv", 10, 14, "Innocent", ["Victim", "Forgotten"])
    write_lines(tmp_path / "st1.txt", [format_subtask1("EN_1.txt", m)])
    assert (tmp_path / "st1.txt").read_text() == "EN_1.txt\tKyiv\t10\t13\tInnocent\tVictim\tForgotten\n"
    assert read_subtask1(tmp_path / "st1.txt") == [m]
    nars, subs = ["URW: Praise of Russia", "URW: Russia is the Victim"], ["URW: Praise of Russia: Other"]
    write_lines(tmp_path / "st2.txt", [format_subtask2("EN_1.txt", nars, subs)])
    assert read_subtask2(tmp_path / "st2.txt") == {"EN_1.txt": (nars, subs)}
    write_lines(tmp_path / "st3.txt", [format_subtask3("EN_1.txt", "Says\tthis\n and that")])
    assert (tmp_path / "st3.txt").read_text() == "EN_1.txt\tSays this and that\n"


def test_mentions_only_file_reads_four_columns(tmp_path: Path) -> None:
    (tmp_path / "m.txt").write_text("EN_1.txt\tNATO\t0\t3\n", encoding="utf-8")
    assert read_subtask1(tmp_path / "m.txt", with_roles=False) == [Mention("EN_1.txt", "NATO", 0, 4)]


def test_load_split_keeps_carriage_returns_and_drops_bad_offsets(tmp_path: Path) -> None:
    root = tmp_path / "EN"
    (root / "raw-documents").mkdir(parents=True)
    text = "Title\r\n\r\nNATO and Kyiv met.\r\n"
    (root / "raw-documents" / "EN_UA_1.txt").write_bytes(text.encode())
    start = text.index("Kyiv")
    (root / "subtask-1-annotations.txt").write_text(
        f"EN_UA_1.txt\tKyiv\t{start}\t{start + 3}\tInnocent\tVictim\nEN_UA_1.txt\tNATO\t0\t3\tAntagonist\tInstigator\n",
        encoding="utf-8",
    )
    (root / "subtask-2-annotations.txt").write_text("EN_UA_1.txt\tOther\tOther\n", encoding="utf-8")
    (root / "subtask-3-annotations.txt").write_text("EN_UA_1.txt\tOther\tnone\tBecause.\n", encoding="utf-8")
    [doc] = load_split(tmp_path, "EN")
    assert doc.text == text
    assert [(m.text, m.start, m.end) for m in doc.mentions] == [("Kyiv", start, start + 4)]
    assert (doc.narratives, doc.subnarratives, doc.dominant) == (["Other"], ["Other"], ("Other", "none", "Because."))
    assert doc.domain == "URW"


def test_duplicates_share_a_group() -> None:
    assert Doc("EN_UA_300050.txt", "").group == Doc("EN_UA_104569.txt", "").group


@pytest.mark.parametrize(
    ("article_id", "narratives", "domain"),
    [
        ("EN_CC_1.txt", ["Other"], "CC"),
        ("A7_URW_BG_1.txt", ["Other"], "URW"),
        ("RU-URW-1001.txt", [], "URW"),
        ("HI_1.txt", ["URW: Blaming the war on others", "URW: Praise of Russia"], "URW"),  # from the labels
        ("PT_01.txt", ["CC: Criticism of institutions and authorities"], "CC"),
        ("HI_2.txt", ["Other"], None),
        ("HI_3.txt", ["URW: Praise of Russia", "CC: Amplifying Climate Fears"], None),  # labels disagree
    ],
)
def test_domain_from_file_name_then_labels(article_id: str, narratives: list[str], domain: str | None) -> None:
    assert Doc(article_id, "", narratives=narratives).domain == domain
