"""The technique legend: one short definition per SemEval-2023 technique, in the organisers' order."""

from __future__ import annotations

from narrascope.techniques.data import technique_names
from narrascope.techniques.definitions import DEFINITIONS, definition, legend


def test_every_technique_has_a_one_line_definition() -> None:
    assert list(DEFINITIONS) == technique_names() and len(DEFINITIONS) == 23
    assert all(0 < len(text) <= 120 and "\n" not in text and text.endswith(".") for text in DEFINITIONS.values())


def test_legend_is_distinct_labels_in_the_organisers_order() -> None:
    assert legend(["Doubt", "Loaded_Language", "Doubt", "Made_Up"]) == [
        {"label": "Loaded_Language", "name": "Loaded Language", "definition": DEFINITIONS["Loaded_Language"]},
        {"label": "Doubt", "name": "Doubt", "definition": DEFINITIONS["Doubt"]},
        {
            "label": "Made_Up",
            "name": "Made Up",
            "definition": "Persuasion technique 'Made Up' (no definition on file).",
        },
    ]
    assert definition("Doubt") == DEFINITIONS["Doubt"]
