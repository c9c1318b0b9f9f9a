"""The article page and its JSON twin: a technique legend with definitions, low-confidence spans
flagged and hidden until the toggle is ticked (``[components.techniques] hide_below``)."""

from __future__ import annotations

from pathlib import Path

from narrascope.document import Article
from narrascope.store import open_store
from narrascope.techniques.definitions import DEFINITIONS

from .conftest import client_for, make_settings

TEXT = "The Kiev regime lied again. Baseless claims, officials said."


def make_article() -> Article:
    art = Article(TEXT, meta={"title": "Techniques", "source": "Invented Daily"})
    art.add("sentence", 0, 27, "sentence")
    art.add("sentence", 28, 60, "sentence")
    art.add("technique", 0, 15, "Name_Calling-Labeling", score=0.6, confidence=0.6, span_score=0.9)
    art.add("technique", 28, 43, "Doubt", score=0.1, confidence=0.1, span_score=0.8)
    return art


def test_legend_and_low_flags(tmp_path: Path) -> None:
    art = make_article()
    settings = make_settings(tmp_path)
    open_store(settings).save(art)
    with client_for(settings) as client:
        data = client.get(f"/api/articles/{art.id}").json()
        page = client.get(f"/articles/{art.id}").text
    assert data["techniques"] == [
        {
            "label": "Name_Calling-Labeling",
            "name": "Name Calling-Labeling",
            "definition": DEFINITIONS["Name_Calling-Labeling"],
            "count": 1,
            "low": 0,
        },
        {"label": "Doubt", "name": "Doubt", "definition": DEFINITIONS["Doubt"], "count": 1, "low": 1},
    ]
    assert data["technique_hide_below"] == 0.25
    assert [(a["label"], a["low"]) for a in data["annotations"] if a["layer"] == "technique"] == [
        ("Name_Calling-Labeling", False),
        ("Doubt", True),
    ]
    assert 'id="show-low-techniques"' in page and 'class="text hide-sentence hide-technique-low"' in page
    assert '<span class="a l-technique" data-a="' in page and '<span class="a l-technique-low" data-a="' in page
    assert page.count('<dt data-technique="') == 2 and "<dd>" + DEFINITIONS["Doubt"].replace("'", "&#39;") in page


def test_hide_below_comes_from_settings(tmp_path: Path) -> None:
    art = make_article()
    settings = make_settings(tmp_path).with_overrides({"components.techniques.hide_below": 0.0})
    open_store(settings).save(art)
    with client_for(settings) as client:
        data = client.get(f"/api/articles/{art.id}").json()
        page = client.get(f"/articles/{art.id}").text
    assert [t["low"] for t in data["techniques"]] == [0, 0]
    assert 'id="show-low-techniques"' not in page and "l-technique-low" not in page
