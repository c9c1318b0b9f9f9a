"""Typed `[components.NAME]` tables: defaults defined once (and equal to defaults.toml), checked at load."""

from __future__ import annotations

import tomllib
from dataclasses import asdict, fields
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from narrascope.component_settings import (
    COMPONENT_SETTINGS,
    EntitiesSettings,
    EventsSettings,
    NarrativesSettings,
    NearDuplicatesSettings,
    RolesSettings,
    SentencesSettings,
    TechniquesSettings,
)
from narrascope.errors import ConfigError
from narrascope.settings import Settings

DEFAULTS = tomllib.loads(resources.files("narrascope").joinpath("defaults.toml").read_text("utf-8"))


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


@pytest.mark.parametrize("name", sorted(COMPONENT_SETTINGS))
def test_defaults_toml_documents_the_in_code_defaults(name: str) -> None:
    """Every key defaults.toml sets for a known component has the dataclass's default value."""
    table = DEFAULTS["components"].get(name, {})
    defaults = {k: _plain(v) for k, v in asdict(COMPONENT_SETTINGS[name]()).items()}
    assert set(table) <= set(defaults), f"[components.{name}] keys without a field: {set(table) - set(defaults)}"
    assert {k: defaults[k] for k in table} == table


def test_every_table_of_defaults_toml_is_typed() -> None:
    assert set(DEFAULTS["components"]) <= set(COMPONENT_SETTINGS)


def test_defaults_and_conversions() -> None:
    s = Settings.load(None, {"components.roles.types": ["PERSON"], "components.narratives.uncertain_below": "0.3",
                             "components.events.horizon_days": "90"})
    assert s.options(RolesSettings).types == ("PERSON",)
    assert s.options(NarrativesSettings) == NarrativesSettings(uncertain_below=0.3)
    assert s.options(EventsSettings).horizon_days == 90
    assert s.options(TechniquesSettings) == TechniquesSettings()
    assert s.options(EntitiesSettings).ner_labels == ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC")
    assert s.options(SentencesSettings).model == ""
    assert s.component("roles")["types"] == ["PERSON"]  # the table as written


def test_the_near_duplicate_threshold_is_defined_once() -> None:
    from narrascope.cli import main
    from narrascope.corpus import duplicates, index

    cmd = main.commands["duplicates"]
    (option,) = [p for p in cmd.params if p.name == "threshold"]
    assert option.default == duplicates.DEFAULT_THRESHOLD == NearDuplicatesSettings.threshold
    assert DEFAULTS["components"]["near_duplicates"]["threshold"] == NearDuplicatesSettings.threshold
    s = Settings.load(None, {"components.near_duplicates.threshold": 0.8})
    assert index.threshold_of(s) == 0.8


def test_other_components_keep_free_tables() -> None:
    assert Settings.load(None, {"components.mine.anything": [1, "x"]}).component("mine") == {"anything": [1, "x"]}


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"components.techniques.threshold_offest": 0.1},
         r"unknown key\(s\) in \[components\.techniques\]: threshold_offest"),
        ({"components.roles.typez": ["PERSON"]}, r"unknown key\(s\) in \[components\.roles\]: typez; known: model"),
        ({"components.near_duplicates.treshold": 0.7}, r"\[components\.near_duplicates\]: treshold"),
        ({"components.techniques.localise": "false"}, r"components\.techniques\.localise must be true or false"),
        ({"components.roles.salient_only": 1}, r"components\.roles\.salient_only must be true or false"),
        ({"components.dates.keep_unresolved": "yes"}, r"components\.dates\.keep_unresolved must be true or false"),
        ({"components.narratives.evidence": "two"}, r"components\.narratives\.evidence must be a whole number"),
        ({"components.narratives.evidence": True}, r"components\.narratives\.evidence must be a number"),
        ({"components.near_duplicates.threshold": "high"}, r"components\.near_duplicates\.threshold must be a number"),
        ({"components.roles.uncertain_below": 2}, r"components\.roles\.uncertain_below must be in \[0, 1\], got 2"),
        ({"components.narratives.uncertain_below": -0.1},
         r"components\.narratives\.uncertain_below must be in \[0, 1\]"),
        ({"components.roles.types": "PERSON"}, r"components\.roles\.types must be a list of strings"),
        ({"components.entities.ner_labels": ["PERSON", 3]},
         r"components\.entities\.ner_labels must be a list of strings"),
        ({"components.entities.gazetteer_files": "mine.yaml"}, r"components\.entities\.gazetteer_files must be a list"),
        ({"components.techniques.model": 3}, r"components\.techniques\.model must be a string, got 3"),
        ({"components.sentences.model": ["x"]}, r"components\.sentences\.model must be a string"),
        ({"components.events.reference_date": 20220224}, r"components\.events\.reference_date must be a string"),
        ({"components.quotes.cue_tabel": "x.json"}, r"unknown key\(s\) in \[components\.quotes\]: cue_tabel"),
    ],
)
def test_bad_component_settings_name_the_key_and_the_component(overrides: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Settings.load(None, overrides)


def test_bad_component_settings_in_a_user_file(tmp_path: Path) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text("[components.entities]\nner_label = ['PERSON']\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"unknown key\(s\) in \[components\.entities\]: ner_label"):
        Settings.load(cfg)
    cfg.write_text("[components]\nroles = 3\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[components\.roles\] must be a table"):
        Settings.load(cfg)


def test_options_check_settings_built_by_hand() -> None:
    with pytest.raises(ConfigError, match=r"\[components\.roles\]: nope"):
        Settings(components={"roles": {"nope": 1}}).options(RolesSettings)


def test_every_field_has_a_plain_type() -> None:
    for cls in COMPONENT_SETTINGS.values():
        for f in fields(cls):
            assert f.type in ("str", "bool", "int", "float", "tuple[str, ...]"), (cls.__name__, f.name, f.type)
