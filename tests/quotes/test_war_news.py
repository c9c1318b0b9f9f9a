"""Who said what in 79 invented war-news paragraphs (tests/data/war_news_speakers.jsonl): titles,
datelines, appositions, colons, pronouns, nested and partial quotes, joint statements. Every quote
annotation of each text, its kind, the start of its content and its resolved speaker(s), hand-checked."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from narrascope.cli import main

pytestmark = pytest.mark.slow

DATA = Path(__file__).resolve().parents[1] / "data" / "war_news_speakers.jsonl"
CASES = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]


def _who(attrs: dict[str, Any]) -> Any:
    """The speaker, joined with the co-speakers of a joint statement ("Russia & China")."""
    others = [str(c["name"]) for c in attrs.get("co_speakers") or ()]
    return " & ".join([str(attrs["speaker"]), *others]) if others else attrs.get("speaker")


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[list[object]]]:
    root = tmp_path_factory.mktemp("war-news")
    for case in CASES:
        (root / "in").mkdir(exist_ok=True)
        (root / "in" / f"{case['id']}.txt").write_text(case["text"], encoding="utf-8")
    out = root / "out.jsonl"
    args = ["analyze", str(root / "in"), "--db", str(root / "w.db"), "-q", "-o", str(out)]
    result = CliRunner().invoke(main, [*args, "--components", "sentences,dates,entities,quotes"])
    assert result.exit_code == 0, result.output
    got = {}
    for line in out.read_text(encoding="utf-8").splitlines():
        art = json.loads(line)
        text = art["text"]
        quotes = sorted((a for a in art["annotations"] if a["layer"] == "quote"), key=lambda a: a["start"])
        got[Path(art["meta"]["path"]).stem] = [
            [q["attrs"]["kind"], text[q["start"] : q["end"]][:40], _who(q["attrs"])] for q in quotes
        ]
    return got


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_each_quote_has_its_speaker(found: dict[str, list[list[object]]], case: dict[str, object]) -> None:
    assert found[str(case["id"])] == case["quotes"]
