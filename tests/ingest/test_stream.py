"""The one input reader, :func:`narrascope.ingest.read_inputs`: JSONL by line, Parquet by row group."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from narrascope.document import Article
from narrascope.errors import InputError
from narrascope.ingest import read_file, read_inputs
from narrascope.ingest.stream import input_files
from narrascope.settings import Settings


def test_read_inputs_reads_jsonl_lines_like_the_whole_file_reader(tmp_path: Path) -> None:
    records = [{"text": "Kyiv said talks would resume.", "title": "A", "published": "2022-03-01"},
               {"nope": 1},
               {"text": "Moscow said no \u2028 deal.", "source": "B"}]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records[:2]) + "\n\n"
                    + json.dumps(records[2]) + "\n", encoding="utf-8")
    settings = Settings.load(None, {"ingest.language": "en"}).ingest
    streamed = list(read_inputs([str(path)], settings))
    whole = list(read_file(path, settings))
    names = [i.path if isinstance(i, InputError) else i.meta["path"] for i in streamed]
    assert names == [f"{path}:1", f"{path}:2", f"{path}:4"]
    assert [str(i) if isinstance(i, Exception) else i.to_dict() for i in streamed] == [
        str(i) if isinstance(i, Exception) else i.to_dict() for i in whole
    ]


def test_read_inputs_reads_parquet_records(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "in.parquet"
    pq.write_table(pa.Table.from_pylist([{"text": "Kyiv said talks would resume.", "title": "A"},
                                         {"text": "", "title": "empty"}]), path)
    items = list(read_inputs([str(path)], Settings.load(None, {"ingest.language": "en"}).ingest))
    assert isinstance(items[0], Article) and items[0].meta["path"] == f"{path}:1" and items[0].meta["title"] == "A"
    assert isinstance(items[1], Exception) and f"{path}:2" in str(items[1])


@pytest.mark.parametrize(("written", "codec"), [("koi8-r", "koi8-r"), ("utf-16", "utf-16"), ("utf-8-sig", "utf-8")])
def test_read_inputs_decodes_jsonl_with_a_forced_encoding(tmp_path: Path, written: str, codec: str) -> None:
    text = "Президент заявил, что переговоры зашли в тупик."
    path = tmp_path / "in.jsonl"
    path.write_bytes((json.dumps({"text": text}, ensure_ascii=False) + "\n").encode(written))
    settings = Settings.load(None, {"ingest.language": "ru", "ingest.encoding": codec}).ingest
    (art,) = read_inputs([str(path)], settings)
    assert isinstance(art, Article)
    assert (art.text, art.meta["path"], art.meta["encoding"], art.meta["encoding_forced"]) == (
        text, f"{path}:1", codec, True
    )


def test_read_inputs_limits_each_jsonl_record_not_the_file(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    small = json.dumps({"text": "Kyiv said talks would resume."})
    path.write_text("\n".join([small] * 5 + [json.dumps({"text": "word " * 200})]) + "\n", encoding="utf-8")
    settings = Settings.load(None, {"ingest.language": "en", "ingest.max_bytes": 400}).ingest
    assert path.stat().st_size > 400
    items = list(read_inputs([str(path)], settings))
    assert [isinstance(i, Article) for i in items] == [True] * 5 + [False]
    assert isinstance(items[5], InputError) and items[5].path == f"{path}:6" and "over the 400 bytes" in items[5].reason


def test_read_inputs_reads_stdin_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Kyiv said talks would resume.\n")))
    (art,) = read_inputs(["-"], Settings.load(None, {"ingest.language": "en"}).ingest)
    assert isinstance(art, Article) and art.meta["path"] == "<stdin>"


def test_input_files_refuses_stdin_and_names_missing_paths(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Kyiv said talks would resume.", encoding="utf-8")
    got = list(input_files(["-", str(tmp_path / "nope"), str(tmp_path)]))
    assert [str(g) if isinstance(g, InputError) else g for g in got] == [
        str(InputError("-", "standard input cannot be streamed here; pass files")),
        str(InputError(str(tmp_path / "nope"), "no such file or directory")),
        (tmp_path / "a.txt", {}),
    ]
