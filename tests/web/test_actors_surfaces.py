"""One corpus, one actor list: `narrascope actors`, `/api/actors`, the actors page and the
overview's top actors agree on ids, names, types, counts and roles (issue 15)."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from urllib.parse import unquote

from click.testing import CliRunner

from narrascope.cli import main
from narrascope.document import Article
from narrascope.settings import Settings
from narrascope.store import open_store

from .conftest import client_for

ROW = re.compile(
    r'<tr><td><a href="/actors/([^"]+)">([^<]*)</a></td><td>([^<]*)</td>\s*<td>([^<]*)</td>'
    r'<td>(\d+)</td><td>(\d+)</td><td class="roles">([^<]*)</td></tr>'
)


def _with_records(text: str, source: str, day: str, *records: tuple[str, str, str, int, str, str | None]) -> Article:
    """An article with ``entities`` records (as the entities component stores them) and their roles."""
    art = Article(text=text, meta={"source": source, "published": day})
    for eid, canonical, etype, n, src, role in records:
        ids = [art.add("entity", 0, 4, etype, entity_id=eid, canonical=canonical).id for _ in range(n)]
        art.entities.append({"id": eid, "canonical": canonical, "type": etype, "affiliation": None,
                             "wikidata": None, "mentions": ids, "titles": [], "source": src})
        if role:
            art.roles.append({"mention": ids[0], "entity_id": eid, "main_role": role, "fine_roles": [], "score": 0.9})
    return art


def _spans_only() -> Article:
    """An article with entity spans and roles but no ``entities`` records (the CLI used to skip it)."""
    art = Article(text="Peskov spoke. Peskov left.", meta={"source": "RT", "published": "2022-05-01"})
    first = art.add("entity", 0, 6, "PERSON", entity_id="peskov", canonical="Dmitry Peskov", affiliation="RU")
    art.add("entity", 14, 20, "PERSON", entity_id="peskov", canonical="Dmitry Peskov", affiliation="RU")
    art.roles = [
        {"mention": first.id, "entity_id": "peskov", "main_role": "Antagonist", "fine_roles": [], "score": 0.8}
    ]
    return art


def _store_corpus(settings: Settings) -> None:
    store = open_store(settings)
    try:
        store.save(_with_records("Kiev one", "RT", "2022-03-01", ("kyiv", "Kyiv", "GPE", 2, "gazetteer", "Victim"),
                                 ("ner:person:ivan-petrenko", "Ivan Petrenko", "PERSON", 1, "ner", "Antagonist")))
        store.save(_with_records("Kyiv two", "TASS", "2022-04-01", ("kyiv", "Kyiv", "GPE", 1, "gazetteer", None),
                                 ("ner:person:iwan-petrenko", "Iwan Petrenko", "PERSON", 1, "ner", "Protagonist")))
        store.save(_spans_only())
    finally:
        store.close()


def test_cli_api_and_page_list_the_same_actors(settings: Settings, tmp_path: Path) -> None:
    _store_corpus(settings)
    expected = {
        # id: (canonical, type, affiliation, articles, mentions, roles)
        "kyiv": ("Kyiv", "GPE", "UA", 2, 3, {"Victim": 1}),
        # a span-only actor is listed too, and joins the gazetteer actor its name matches
        "dmitry-peskov": ("Dmitry Peskov", "PERSON", "RU", 1, 2, {"Antagonist": 1}),
        # the near-identical NER-only spellings merge (the dashboard used to list them apart)
        "ner:person:ivan-petrenko": ("Ivan Petrenko", "PERSON", None, 2, 2, {"Antagonist": 1, "Protagonist": 1}),
    }

    result = CliRunner().invoke(main, ["actors", "--db", str(tmp_path / "web.db"), "--format", "json"])
    assert result.exit_code == 0, result.output
    cli = {r["id"]: (r["canonical"], r["type"], r["affiliation"], r["articles"], r["mentions"], r["roles"])
           for r in json.loads(result.output)}
    assert cli == expected

    with client_for(settings) as client:
        body = client.get("/api/actors").json()
        api = {r["entity_id"]: (r["canonical"], r["type"], r["affiliation"], r["articles"], r["mention_count"],
                                r["roles"]) for r in body["items"]}
        assert api == expected and body["total"] == 3
        assert [r["entity_id"] for r in body["items"]] == [r["id"] for r in json.loads(result.output)]

        page = client.get("/actors")
        assert page.status_code == 200
        rows = ROW.findall(page.text)
        assert len(rows) == 3
        shown = {}
        for href, name, etype, aff, mentions, articles, roles in rows:
            parsed = dict((r.rsplit(" ", 1)[0], int(r.rsplit(" ", 1)[1])) for r in roles.split(", ") if r)
            shown[unquote(href)] = (html.unescape(name), etype, aff or None, int(articles), int(mentions), parsed)
        assert shown == expected

        top = client.get("/api/overview").json()["top_actors"]
        assert [a["entity_id"] for a in top] == [r["entity_id"] for r in body["items"]]
