import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from narrascope.cli import main
from narrascope.document import Article
from narrascope.store import open_store


def _article(text: str, source: str, day: str, *records: tuple[str, str, str, int, str]) -> Article:
    art = Article(text=text, meta={"source": source, "published": day})
    for eid, canonical, etype, n, src in records:
        ids = [art.add("entity", 0, 4, etype, entity_id=eid, canonical=canonical).id for _ in range(n)]
        art.entities.append({"id": eid, "canonical": canonical, "type": etype, "affiliation": None,
                             "wikidata": None, "mentions": ids, "titles": [], "source": src})
    return art


def test_actors_lists_the_stored_corpus(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    store = open_store(f"sqlite:///{db}")
    store.save(_article("Kiev one", "RT", "2022-03-01", ("kyiv", "Kyiv", "GPE", 2, "gazetteer"),
                        ("ner:person:ivan-petrenko", "Ivan Petrenko", "PERSON", 1, "ner")))
    store.save(_article("Kyiv two", "TASS", "2022-04-01", ("kyiv", "Kyiv", "GPE", 1, "gazetteer"),
                        ("ner:person:iwan-petrenko", "Iwan Petrenko", "PERSON", 1, "ner")))
    store.close()
    runner = CliRunner()
    result = runner.invoke(main, ["actors", "--db", str(db), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = {r["id"]: r for r in json.loads(result.output)}
    assert set(rows) == {"kyiv", "ner:person:ivan-petrenko"}
    assert (rows["kyiv"]["mentions"], rows["kyiv"]["outlets"], rows["kyiv"]["affiliation"]) == (3, ["RT", "TASS"], "UA")
    assert (rows["kyiv"]["first"], rows["kyiv"]["last"]) == ("2022-03-01", "2022-04-01")
    assert rows["ner:person:ivan-petrenko"]["mentions"] == 2
    table = runner.invoke(main, ["actors", "--db", str(db), "--type", "PERSON"])
    assert table.exit_code == 0 and "Ivan Petrenko" in table.output and "Kyiv" not in table.output
    csv_out = runner.invoke(main, ["actors", "--db", str(db), "--format", "csv", "--limit", "1"])
    assert csv_out.output.splitlines()[1].startswith("kyiv,Kyiv,GPE,UA,")


def test_actors_on_an_empty_store_says_what_to_do(tmp_path: Path) -> None:
    open_store(f"sqlite:///{tmp_path / 'e.db'}").close()  # an empty store, not a missing one
    result = CliRunner().invoke(main, ["actors", "--db", str(tmp_path / "e.db")])
    assert result.exit_code == 0 and "analyse articles" in result.output


@pytest.mark.slow
def test_eval_entities_reports_coverage_and_f1(shared: Path, examples: Path) -> None:
    gold = Path(__file__).resolve().parents[1] / "data" / "examples_entities_gold.jsonl"
    args = ["eval", "entities", "--data", str(shared / "data" / "semeval2025-t10"), "--lang", "EN", "--limit", "8",
            "--gold", str(gold), "--examples", str(examples)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    semeval, f1 = (json.loads(line) for line in result.output.strip().splitlines())
    assert semeval["semeval"]["documents"] == 8 and semeval["semeval"]["failed"] == 0
    assert semeval["semeval"]["covered"] <= semeval["semeval"]["mentions"]
    assert f1["gold"]["f1"] >= 0.95
