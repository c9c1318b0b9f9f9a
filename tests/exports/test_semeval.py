"""SemEval-2025 Task 10 subtask 2/3 lines from stored articles."""

from __future__ import annotations

import io

from narrascope.document import Article
from narrascope.exports.semeval import task_id, write_semeval2025


def _article(path: str | None, narratives: list[dict[str, object]], explanation: str | None) -> Article:
    art = Article("Some text about talks.", meta={"path": path})
    art.narratives = narratives
    art.explanation = {"narrative": "x", "text": explanation, "sentences": []} if explanation else None
    return art


ARTS = [
    _article(
        "data/EN_UA_1.txt",
        [
            {
                "label": "URW: Blaming the war on others",
                "parent": None,
                "level": "narrative",
                "score": 0.9,
                "evidence": [],
            },
            {
                "label": "URW: Blaming the war on others: The West are the aggressors",
                "parent": "URW: Blaming the war on others",
                "level": "subnarrative",
                "score": 0.7,
                "evidence": [],
            },
        ],
        "The text  blames\nthe West.",
    ),
    _article(None, [], None),
]


def test_subtask2_and_3() -> None:
    st2, st3 = io.StringIO(), io.StringIO()
    assert write_semeval2025(ARTS, st2, 2) == 1 and write_semeval2025(ARTS, st3, 3) == 1
    assert st2.getvalue() == (
        "EN_UA_1.txt\tURW: Blaming the war on others\tURW: Blaming the war on others: The West are the aggressors\n"
    )
    assert st3.getvalue() == "EN_UA_1.txt\tThe text blames the West.\n"


def test_task_id_falls_back_to_the_narrascope_id() -> None:
    assert task_id(ARTS[1]) == ARTS[1].id
