"""brat reading and attribution scoring on a hand-written two-attribution document."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from narrascope.errors import InputError
from narrascope.quotes.polnear import GoldAttribution, Predicted, parse_ann, read_polnear, score

TEXT = "Ann Lee said the vote was close.\r\nBob Kerr added: “We lost.”\n"
# offsets count the \r: "Bob" starts at 34
ANN = (
    "T1\tSource 0 7\tAnn Lee\n"
    "T2\tCue 8 12\tsaid\n"
    "T3\tContent 13 31\tthe vote was close\n"
    "T4\tAttribution 8 12\tsaid\n"
    "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n"
    "T5\tSource 34 42\tBob Kerr\n"
    "T6\tCue 43 48\tadded\n"
    "T7\tContent 50 58;58 59\t“We lost.”\n"
    "T8\tAttribution 43 48\tadded\n"
    "E2\tAttribution:T8 Source:T5 Cue:T6 Content:T7\n"
    "#1\tAnnotatorNotes T1\ta note\n"
)


def write_split(root: Path) -> None:
    (root / "train" / "text").mkdir(parents=True)
    (root / "train" / "attributions").mkdir()
    (root / "train" / "text" / "doc-a.txt").write_bytes(TEXT.encode("utf-8"))
    (root / "train" / "attributions" / "doc-a_x1.ann").write_text(ANN, encoding="utf-8")
    # a second annotator's file for the same text is ignored
    (root / "train" / "attributions" / "doc-a_x2.ann").write_text("", encoding="utf-8")


def test_parse_ann_keeps_fragments() -> None:
    gold = parse_ann(ANN.splitlines(keepends=True))
    assert gold == [
        GoldAttribution(((13, 31),), ((8, 12),), ((0, 7),)),
        GoldAttribution(((50, 58), (58, 59)), ((43, 48),), ((34, 42),)),
    ]


def test_read_polnear_keeps_carriage_returns(tmp_path: Path) -> None:
    write_split(tmp_path)
    (doc,) = read_polnear(tmp_path)
    assert doc.name == "doc-a"
    assert doc.text[34:42] == "Bob Kerr"
    assert len(doc.attributions) == 2


def test_read_polnear_rejects_other_folders(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not a PolNeAR split"):
        read_polnear(tmp_path)


def test_score_counts_exact_overlap_and_attribution() -> None:
    gold = parse_ann(ANN.splitlines())
    pred = [
        Predicted((13, 31), (0, 7)),  # exact content, right source
        Predicted((51, 58), (13, 16)),  # content without the marks (exact after trimming), wrong source
        Predicted((0, 3), None),  # no gold content there
    ]
    m = score(TEXT, gold, pred).metrics()
    assert m["content_exact"] == {"precision": 0.6667, "recall": 1.0, "f1": 0.8}
    assert m["content_overlap"] == {"precision": 0.6667, "recall": 1.0, "f1": 0.8}
    # as the held-out scorer counts: over all predictions and all gold attributions
    assert m["attribution"] == {"precision": 0.3333, "recall": 0.5, "f1": 0.4}


def test_split_quote_fragments_score_as_one_attribution() -> None:
    text = "“We lost,” Bob said. “Badly.”"
    gold = [GoldAttribution(((0, 10), (21, 29)), ((15, 19),), ((11, 14),))]
    pred = [Predicted((1, 28), (11, 14))]  # one quote spanning its two parts
    m = score(text, gold, pred).metrics()
    assert m["content_exact"]["f1"] == 1.0
    assert m["attribution"]["f1"] == 1.0


def test_score_is_the_held_out_scorers(tmp_path: Path) -> None:
    """The same predictions scored by ``../shared/scorers/score_quotes_polnear.py`` give the same figures."""
    scorer = Path(__file__).resolve().parents[3] / "shared" / "scorers" / "score_quotes_polnear.py"
    if not scorer.is_file():
        pytest.skip("../shared/scorers is not here")
    write_split(tmp_path)
    pred = [Predicted((13, 31), (0, 7)), Predicted((51, 58), (34, 37)), Predicted((0, 3), None)]
    line = {
        "meta": {"path": "doc-a.txt"},
        "annotations": [
            {"layer": "quote", "start": p.content[0], "end": p.content[1], "attrs": {"source_span": p.speaker}}
            for p in pred
        ],
    }
    (tmp_path / "pred.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(scorer), "--polnear", str(tmp_path / "train"), "--pred", str(tmp_path / "pred.jsonl")],
        capture_output=True,
        text=True,
        check=True,
    )
    theirs = json.loads(out.stdout)
    ours = score(TEXT.replace("\r", ""), parse_ann(ANN.splitlines()), pred).metrics()
    assert (theirs["content_exact_f1"], theirs["content_overlap_f1"], theirs["attribution_f1"]) == (
        ours["content_exact"]["f1"],
        ours["content_overlap"]["f1"],
        ours["attribution"]["f1"],
    )
