"""One export registry (issue 15): `narrascope export --format` and `GET /api/export?format=` offer the
formats of `exports.FORMATS` and write the same bytes for the same corpus."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from narrascope.cli import main
from narrascope.document import Article
from narrascope.errors import ConfigError
from narrascope.exports import FORMATS, MEDIA_TYPES, TEXT_WRITERS, export_format
from narrascope.settings import Settings
from narrascope.store import open_store
from narrascope.web.api import EXPORT_PATTERN

from .conftest import client_for

ARTICLES = [
    ("“We will not talk,” Ivanov said. Kiev answered — “Ни шагу назад”.", "a1.txt", "RT", "2022-03-01"),
    ("Talks resumed, \"quietly\", in Istanbul;\nnobody said more.", "b2.txt", "TASS", "2022-04-02"),
]


def _store_corpus(settings: Settings) -> None:
    store = open_store(settings)
    try:
        for text, path, source, day in ARTICLES:
            art = Article(text=text, meta={"path": path, "source": source, "published": day, "title": text[:12]})
            first = art.add("quote", 1, 17, "quote", kind="direct", speaker="Ivanov", parts=[[1, 17]])
            art.add("sentence", 0, len(text), "sentence")
            ev = art.add("narrative_evidence", first.start, first.end, "Talks are futile", score=0.75)
            art.narratives = [
                {"label": "Talks are futile", "parent": None, "level": "narrative", "score": 0.8, "evidence": [ev.id]},
                {"label": "Talks are futile: stalling", "parent": "Talks are futile", "level": "subnarrative",
                 "score": 0.6, "evidence": []},
            ]
            art.explanation = {"narrative": "Talks are futile", "text": "The quote says so.", "sentences": []}
            store.save(art)
    finally:
        store.close()


def _cli_choices() -> list[str]:
    command = main.get_command(click.Context(main), "export")
    assert command is not None
    (option,) = [p for p in command.params if p.name == "fmt"]
    assert isinstance(option.type, click.Choice)
    return list(option.type.choices)


def test_cli_and_api_offer_the_registry_s_formats() -> None:
    assert _cli_choices() == list(FORMATS)
    pattern = re.compile(EXPORT_PATTERN)
    assert [name for name in FORMATS if pattern.match(name)] == list(FORMATS)
    assert not pattern.match("xml") and not pattern.match("jsonlx")
    assert {name: f.media_type for name, f in FORMATS.items()} == MEDIA_TYPES
    assert set(TEXT_WRITERS) == {"labelstudio", "semeval2025-st2", "semeval2025-st3"}


def test_an_unknown_format_names_the_known_ones() -> None:
    with pytest.raises(ConfigError, match="unknown export format 'xml'; known: jsonl, csv, parquet"):
        export_format("xml")


@pytest.mark.parametrize("layers", [[], ["quote"]])
@pytest.mark.parametrize("fmt", list(FORMATS))
def test_cli_and_api_write_the_same_bytes(tmp_path: Path, fmt: str, layers: list[str]) -> None:
    db = tmp_path / "x.db"
    settings = Settings.load(None, {"store.url": f"sqlite:///{db}"})
    _store_corpus(settings)
    out = tmp_path / f"out.{FORMATS[fmt].extension}"
    flags = [arg for layer in layers for arg in ("--layer", layer)]
    result = CliRunner().invoke(main, ["export", "--db", str(db), "--format", fmt, "-o", str(out), *flags])
    assert result.exit_code == 0, result.output
    with client_for(settings) as client:
        resp = client.get("/api/export", params={"format": fmt, "layer": layers})
    assert resp.status_code == 200
    assert resp.headers["content-type"].split(";")[0] == FORMATS[fmt].media_type
    assert f'filename="narrascope-export.{FORMATS[fmt].extension}"' in resp.headers["content-disposition"]
    assert out.read_bytes() == resp.content
    assert resp.content, fmt
