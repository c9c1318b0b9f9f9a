"""Which technique spans are shown by default: confidence at or above ``hide_below``."""

from __future__ import annotations

from narrascope.document import Article
from narrascope.techniques.definitions import DEFINITIONS
from narrascope.techniques.display import confidence, is_low, technique_legend


def test_confidence_and_low() -> None:
    assert confidence({"confidence": 0.3, "score": 0.9}) == 0.3
    assert confidence({"score": 0.2}) == 0.2  # stores written before the confidence attr
    assert confidence({"score": True}) is None and confidence({}) is None
    assert is_low({"confidence": 0.2}, 0.25) and not is_low({"confidence": 0.25}, 0.25)
    assert not is_low({}, 0.25)  # nothing to judge by: shown


def test_legend_counts_spans_and_low_ones() -> None:
    art = Article("Kiev regime, baseless claims, the regime again.")
    art.add("technique", 0, 11, "Name_Calling-Labeling", confidence=0.6)
    art.add("technique", 13, 28, "Doubt", confidence=0.1)
    art.add("technique", 30, 40, "Name_Calling-Labeling", confidence=0.2)
    assert technique_legend(art.layer("technique"), 0.25) == [
        {
            "label": "Name_Calling-Labeling",
            "name": "Name Calling-Labeling",
            "definition": DEFINITIONS["Name_Calling-Labeling"],
            "count": 2,
            "low": 1,
        },
        {"label": "Doubt", "name": "Doubt", "definition": DEFINITIONS["Doubt"], "count": 1, "low": 1},
    ]
