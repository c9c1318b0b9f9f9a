from pathlib import Path

import pytest

from narrascope.actors.gazetteer import build_gazetteer, load_gazetteer, shipped_files
from narrascope.actors.normalise import name_key
from narrascope.errors import ConfigError


@pytest.fixture(scope="module")
def shipped():
    return load_gazetteer()


def test_shipped_gazetteer_is_large_and_consistent(shipped) -> None:
    assert len(shipped) >= 400
    codes = {a.code for a in shipped.actors.values() if a.code}
    assert {"RU", "UA", "US", "EU", "NATO", "UN", "BY"} <= codes
    people = [a for a in shipped.actors.values() if a.type == "PERSON"]
    assert len(people) >= 200
    assert all(a.affiliation for a in people)
    assert all(a.wikidata is None or a.wikidata.startswith("Q") for a in shipped.actors.values())


def test_shipped_ids_are_unique_across_files() -> None:
    import yaml

    entries = [e for f in shipped_files() for e in yaml.safe_load(f.read_text("utf-8"))]
    ids = [e.get("id") for e in entries if "extend" not in e]
    assert len(ids) == len(set(ids))
    assert {e["extend"] for e in entries if "extend" in e} <= set(ids)


def test_extend_adds_names_in_other_scripts(tmp_path: Path) -> None:
    f = tmp_path / "names.yaml"
    f.write_text("- {id: kyiv, canonical: Kyiv, type: GPE, affiliation: UA, aliases: [Kiev]}\n"
                 "- {extend: kyiv, aliases: [Киев, कीव]}\n", encoding="utf-8")
    gaz = load_gazetteer([f], shipped=False)
    assert gaz.actors["kyiv"].aliases == ("Kiev", "Киев", "कीव")
    assert gaz.actors["kyiv"].affiliation == "UA"
    assert {e.actor_id for e in gaz.names[name_key("Киева")]} == {"kyiv"}


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ([{"extend": "nobody", "aliases": ["X"]}], "names no actor defined before it"),
        ([{"canonical": "X", "type": "ORG"}, {"extend": "x", "type": "GPE"}], "unknown key.*allowed: adjectives"),
    ],
)
def test_bad_extend_entries_say_what_to_fix(entries: list[dict[str, object]], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        build_gazetteer([(f"t.yaml#{i + 1}", e) for i, e in enumerate(entries)])


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("russian president", {"vladimir-putin", "dmitry-medvedev"}),
        ("kremlin spokesman", {"dmitry-peskov"}),
        ("top us diplomat", {"antony-blinken", "mike-pompeo", "marco-rubio"}),
        ("eu top diplomat", {"josep-borrell", "kaja-kallas"}),
        ("nato secretary general", {"jens-stoltenberg", "mark-rutte"}),
    ],
)
def test_role_phrases_are_indexed(shipped, phrase: str, expected: set[str]) -> None:
    assert {e.actor_id for e in shipped.roles[name_key(phrase)]} == expected


def test_user_file_extends_and_replaces(tmp_path: Path) -> None:
    f = tmp_path / "mine.yaml"
    f.write_text(
        "- {id: jane-doe, canonical: Jane Doe, type: PERSON, affiliation: UA, aliases: [Jana Doe]}\n"
        "- {id: kyiv, canonical: Kyiv, type: GPE, affiliation: UA, aliases: [Kiev, Kyjiw]}\n",
        encoding="utf-8",
    )
    gaz = load_gazetteer([f])
    assert gaz.actors["jane-doe"].short == ("Doe",)
    assert {e.actor_id for e in gaz.names[name_key("Kyjiw")]} == {"kyiv"}
    assert gaz.actors["kyiv"].aliases == ("Kiev", "Kyjiw")


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"canonical": "X"}, "type must be one of"),
        ({"canonical": "", "type": "PERSON"}, "'canonical' must be"),
        ({"canonical": "X", "type": "ORG", "colour": "red"}, "unknown key"),
        ({"canonical": "X", "type": "ORG", "roles": [{"title": "chief", "from": "May 2020"}]}, "not an ISO date"),
        ({"canonical": "X", "type": "ORG", "aliases": "Y"}, None),
        ({"canonical": "X", "type": "ORG", "aliases": [1]}, "list of strings"),
    ],
)
def test_invalid_entries_are_rejected_with_a_reason(entry: dict, message: str | None) -> None:
    if message is None:
        assert build_gazetteer([("t.yaml#1", entry)]).actors["x"].aliases == ("Y",)
        return
    with pytest.raises(ConfigError, match=message):
        build_gazetteer([("t.yaml#1", entry)])


def test_bad_file_says_what_to_fix(tmp_path: Path) -> None:
    f = tmp_path / "bad.yaml"
    f.write_text("canonical: X\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="expected a list"):
        load_gazetteer([f], shipped=False)
    with pytest.raises(ConfigError, match="cannot read"):
        load_gazetteer([tmp_path / "missing.yaml"], shipped=False)


def test_the_gazetteer_is_built_once_per_state_of_its_files(tmp_path: Path) -> None:
    f = tmp_path / "mine.yaml"
    f.write_text("- {id: jane-doe, canonical: Jane Doe, type: PERSON, affiliation: UA}\n", encoding="utf-8")
    first = load_gazetteer([f], shipped=False)
    assert load_gazetteer([f], shipped=False) is first
    f.write_text("- {id: jane-doe, canonical: Jane Doe, type: PERSON, affiliation: UA, aliases: [Jana Doe]}\n",
                 encoding="utf-8")
    again = load_gazetteer([f], shipped=False)
    assert again is not first and again.actors["jane-doe"].aliases == ("Jana Doe",)
