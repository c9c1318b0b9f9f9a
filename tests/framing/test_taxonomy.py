"""Taxonomy loading: the SemEval lists (when ../shared is there) and user YAML files."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrascope.errors import ConfigError
from narrascope.framing.taxonomy import (
    FINE_ROLES,
    FINE_TO_MAIN,
    ROLE_TAXONOMY,
    Taxonomy,
    load_semeval_taxonomy,
    load_yaml_taxonomy,
    parent_of,
)


def test_role_taxonomy_has_22_fine_roles_each_under_one_main_role() -> None:
    assert len(FINE_ROLES) == len(set(FINE_ROLES)) == 22
    assert {m: len(r) for m, r in ROLE_TAXONOMY.items()} == {"Protagonist": 6, "Antagonist": 12, "Innocent": 4}
    assert FINE_TO_MAIN["Scapegoat"] == "Innocent"


@pytest.mark.parametrize(
    ("sub", "expected"),
    [
        ("URW: Discrediting the West, Diplomacy: The West is weak", "URW: Discrediting the West, Diplomacy"),
        ("URW: Discrediting the West: Other", "URW: Discrediting the West"),
        ("CC: Unknown: Other", None),
    ],
)
def test_parent_of_takes_the_longest_matching_narrative(sub: str, expected: str | None) -> None:
    narratives = ["URW: Discrediting the West", "URW: Discrediting the West, Diplomacy"]
    assert parent_of(sub, narratives) == expected


def test_yaml_taxonomy_list_form(tmp_path: Path) -> None:
    path = tmp_path / "tax.yaml"
    path.write_text(
        "name: energy\nother: None of these\nlabels:\n"
        "  - label: Energy blackmail\n    description: Gas used as a weapon\n"
        "  - label: 'Energy blackmail: Gas cut-offs'\n    parent: Energy blackmail\n"
        "  - Sanctions backfire\n",
        encoding="utf-8",
    )
    tax = load_yaml_taxonomy(path)
    assert tax == Taxonomy(
        narratives=("Energy blackmail", "Sanctions backfire"),
        subnarratives=("Energy blackmail: Gas cut-offs",),
        parents={"Energy blackmail: Gas cut-offs": "Energy blackmail"},
        descriptions={
            "Energy blackmail": "Gas used as a weapon",
            "Energy blackmail: Gas cut-offs": "Energy blackmail: Gas cut-offs",
            "Sanctions backfire": "Sanctions backfire",
        },
        other="None of these",
        name="energy",
    )
    assert tax.children("Energy blackmail") == ["Energy blackmail: Gas cut-offs"]
    assert tax.short("Energy blackmail: Gas cut-offs") == "Gas cut-offs"


def test_yaml_taxonomy_mapping_form_and_missing_parent(tmp_path: Path) -> None:
    ok = tmp_path / "ok.yaml"
    ok.write_text("labels:\n  A: {description: first}\n  'A: x': {parent: A}\n", encoding="utf-8")
    tax = load_yaml_taxonomy(ok)
    assert (tax.narratives, tax.subnarratives, tax.other) == (("A",), ("A: x",), None)
    bad = tmp_path / "bad.yaml"
    bad.write_text("labels:\n  - {label: 'B: y', parent: B}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="parent"):
        load_yaml_taxonomy(bad)
    with pytest.raises(ConfigError, match="labels"):
        (tmp_path / "empty.yaml").write_text("name: x\n", encoding="utf-8")
        load_yaml_taxonomy(tmp_path / "empty.yaml")


def test_semeval_taxonomy_from_shared(shared: Path) -> None:
    tax = load_semeval_taxonomy(shared / "data/semeval2025-t10/taxonomy")
    assert len(tax.narratives) == 22 and "Other" in tax.narratives
    assert len(tax.subnarratives) == 90
    assert all(s.startswith(tax.parents[s] + ": ") for s in tax.subnarratives)
    assert "URW: Praise of Russia: Other" in tax.children("URW: Praise of Russia")
    assert tax.domain("CC: Downplaying climate change") == "CC" and tax.domain("Other") is None
