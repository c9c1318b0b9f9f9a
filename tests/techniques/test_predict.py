"""The shared-task submission writer: template rows in, one line of techniques per row out."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrascope.errors import InputError
from narrascope.techniques.predict import find_article, predict_template, read_template


def test_read_template_keeps_order_and_ignores_the_text_column(tmp_path: Path) -> None:
    path = tmp_path / "dev.template"
    path.write_text("5\t1\tTitle here\n5\t3\tBody\n\n6\t1\n", encoding="utf-8")
    assert read_template(path) == [("5", 1), ("5", 3), ("6", 1)]


def test_find_article_accepts_both_namings(tmp_path: Path) -> None:
    (tmp_path / "article5.txt").write_text("a", encoding="utf-8")
    (tmp_path / "6.txt").write_text("b", encoding="utf-8")
    assert find_article(tmp_path, "5").name == "article5.txt"
    assert find_article(tmp_path, "6").name == "6.txt"
    with pytest.raises(InputError, match=r"article7\.txt"):
        find_article(tmp_path, "7")


@pytest.mark.slow
def test_predict_template_writes_one_line_per_row(tmp_path: Path) -> None:
    from tests.components.test_techniques import tiny_model

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "article5.txt").write_text("The Kiev regime talks.\n\nNothing else happened here.\n", encoding="utf-8")
    template = tmp_path / "t.txt"
    template.write_text("5\t1\tx\n5\t3\tx\n5\t9\tx\n", encoding="utf-8")
    lines = predict_template(tiny_model(), docs, template)
    assert lines == ["5\t1\tName_Calling-Labeling", "5\t3\t", "5\t9\t"]
