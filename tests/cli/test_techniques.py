"""``predict semeval2023`` and ``eval semeval2023`` from the command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from narrascope.cli import main


@pytest.mark.slow
def test_predict_semeval2023_writes_the_submission(tmp_path: Path) -> None:
    from tests.components.test_techniques import tiny_model

    model_dir = tmp_path / "model"
    tiny_model().save(model_dir)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "article11.txt").write_text("A title\n\nHe allegedly left.\n", encoding="utf-8")
    template = tmp_path / "template.txt"
    template.write_text("11\t1\tA title\n11\t3\tHe allegedly left.\n", encoding="utf-8")
    out = tmp_path / "pred.txt"
    args = ["predict", "semeval2023", "--docs", str(docs), "--template", str(template), "--out", str(out)]
    result = CliRunner().invoke(main, [*args, "--model", str(model_dir)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == "11\t1\t\n11\t3\tDoubt\n"


def test_eval_semeval2023_names_a_missing_release(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["eval", "semeval2023", "--data", str(tmp_path)])
    assert result.exit_code == 2
    assert "--data" in result.output


def test_predict_semeval2023_without_a_model_says_how_to_train(tmp_path: Path) -> None:
    template = tmp_path / "t.txt"
    template.write_text("1\t1\n", encoding="utf-8")
    args = ["predict", "semeval2023", "--docs", str(tmp_path), "--template", str(template)]
    result = CliRunner().invoke(main, [*args, "--out", str(tmp_path / "o.txt"), "--model", str(tmp_path / "none")])
    assert result.exit_code == 2
    assert "narrascope train techniques" in result.output


def test_eval_semeval2023_needs_the_shared_scorer(tmp_path: Path) -> None:
    release = tmp_path / "data" / "semeval2023-t3"
    (release / "train" / "en").mkdir(parents=True)
    (release / "train" / "en" / "train-labels-subtask-3.txt").write_text("1\t1\t\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", "semeval2023", "--data", str(release)])
    assert result.exit_code == 2
    assert f"no shared scorer at {tmp_path.resolve() / 'scorers' / 'score_semeval2023_t3.py'}" in result.output
