"""Readers: every input format, sidecar metadata, and bad inputs reported one line each."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from narrascope.document import Article
from narrascope.errors import InputError
from narrascope.ingest import Item, read_inputs
from narrascope.settings import Settings

SETTINGS = Settings.load().ingest
BODY = "Kremlin spokesman Dmitry Peskov said on Sunday that the talks in Minsk would resume.\nKyiv did not comment."


def _read(*paths: Path | str, **over: object) -> list[Item]:
    settings = Settings.load().with_overrides({f"ingest.{k}": v for k, v in over.items()}).ingest
    return list(read_inputs([str(p) for p in paths], settings))


def _articles(items: list[Item]) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def test_text_file_with_footer(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Talks to resume in Minsk\n" + BODY + "\nSource: Harbor Wire\n", encoding="utf-8")
    (art,) = _articles(_read(path))
    assert art.text == "Talks to resume in Minsk\n" + BODY
    assert (art.meta["source"], art.meta["title"], art.meta["language"]) == (
        "Harbor Wire",
        "Talks to resume in Minsk",
        "en",
    )
    assert art.meta["path"] == str(path)


def test_html_drops_scripts_and_reads_metadata(tmp_path: Path) -> None:
    html = (
        "<html><head><title>Talks resume</title><meta property='og:site_name' content='Harbor Wire'>"
        "<meta name='date' content='2022-03-29'><script>var x = 'tracking code';</script>"
        "<style>p {color: red}</style></head><body><nav>Home | World</nav><article>"
        f"<h1>Talks resume</h1><p>{BODY.replace(chr(10), '</p><p>')}</p>"
        "<p>The delegations met for three hours and agreed to meet again within days, officials said.</p>"
        "</article></body></html>"
    )
    path = tmp_path / "a.html"
    path.write_text(html, encoding="utf-8")
    (art,) = _articles(_read(path))
    assert "Peskov" in art.text and "tracking code" not in art.text and "color: red" not in art.text
    assert (art.meta["title"], art.meta["published"], art.meta["format"]) == ("Talks resume", "2022-03-29", "html")


def test_jsonl_reports_malformed_line_and_keeps_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    lines = [
        json.dumps({"text": BODY, "title": "One", "published": "2022-02-27", "source": "Wire"}),
        "{not json",
        json.dumps({"body": "no text field"}),
        json.dumps({"text": BODY + " Again."}),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    items = _read(path)
    assert [type(i).__name__ for i in items] == ["Article", "InputError", "InputError", "Article"]
    errors = [i for i in items if isinstance(i, InputError)]
    assert errors[0].path == f"{path}:2" and "malformed JSON" in errors[0].reason
    assert "no text in field 'text'" in errors[1].reason
    first = _articles(items)[0]
    assert (first.meta["title"], first.meta["published"], first.meta["source"]) == ("One", "2022-02-27", "Wire")


def test_json_list_csv_and_custom_text_field(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps([{"content": BODY}, {"content": BODY + " More."}]), encoding="utf-8")
    (tmp_path / "b.csv").write_text('content,title\n"' + BODY + '",Headline\n', encoding="utf-8")
    items = _read(tmp_path / "a.json", tmp_path / "b.csv", text_field="content")
    assert len(_articles(items)) == 3
    assert _articles(items)[2].meta["title"] == "Headline"


def test_semeval_raw_documents_dir_and_sidecar(tmp_path: Path) -> None:
    raw = tmp_path / "raw-documents"
    raw.mkdir()
    (raw / "EN_UA_1.txt").write_text(BODY, encoding="utf-8")
    (raw / "EN_UA_2.txt").write_text(BODY + " Later.", encoding="utf-8")
    (raw / "README.md").write_text("# not an article", encoding="utf-8")
    (raw / "metadata.csv").write_text("file,published,source\nEN_UA_1.txt,2022-05-22,Wire\n", encoding="utf-8")
    arts = _articles(_read(raw))
    assert [Path(a.meta["path"]).name for a in arts] == ["EN_UA_1.txt", "EN_UA_2.txt"]
    assert (arts[0].meta["published"], arts[0].meta["source"]) == ("2022-05-22", "Wire")
    assert arts[1].meta["published"] is None


def test_flags_override_detection(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(BODY + "\nSource: Harbor Wire", encoding="utf-8")
    (art,) = _articles(_read(path, source="Given", published="2022-01-02"))
    assert (art.meta["source"], art.meta["published"]) == ("Given", "2022-01-02")


def test_mixed_directory(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "latin.txt").write_bytes(("Le négociateur a déclaré à Genève que " + BODY).encode("latin-1", "replace"))
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blob.bin").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "huge.txt").write_text("word " * 400, encoding="utf-8")
    items = _read(tmp_path, max_bytes=1500)
    got = {Path(i.meta["path"]).name if isinstance(i, Article) else Path(i.path).name: i for i in items}
    assert isinstance(got["good.txt"], Article) and isinstance(got["latin.txt"], Article)
    assert "déclaré" in got["latin.txt"].text  # type: ignore[union-attr]
    reasons = {k: v.reason for k, v in got.items() if isinstance(v, InputError)}
    assert reasons.keys() == {"empty.txt", "blob.bin", "huge.txt"}
    assert reasons["empty.txt"] == "empty file" and "binary" in reasons["blob.bin"] and "limit" in reasons["huge.txt"]


def test_globs_missing_paths_and_stdin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "b.txt").write_text(BODY + " B.", encoding="utf-8")
    assert len(_articles(_read(str(tmp_path / "*.txt")))) == 2
    (missing,) = _read(tmp_path / "nope")
    assert isinstance(missing, InputError) and missing.reason == "no such file or directory"
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(BODY.encode())))
    (art,) = _articles(_read("-"))
    assert art.meta["path"] == "<stdin>" and art.text == BODY


def test_hostile_html_in_plain_text_stays_text(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    text = 'Officials said <script>alert(1)</script> and <img src=x onerror="alert(2)"> appeared in the feed today.'
    path.write_text(text, encoding="utf-8")
    (art,) = _articles(_read(path))
    assert art.text == text


def test_malformed_html_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    path.write_text("<html><script>only()</script><div", encoding="utf-8")
    (err,) = _read(path)
    assert isinstance(err, InputError) and "no article text" in err.reason


def test_jsonl_keeps_unicode_line_separators_inside_strings(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    body = BODY + "\u2028Second line."
    path.write_text(json.dumps({"text": body}, ensure_ascii=False) + "\r\n", encoding="utf-8")
    (art,) = _read(path)
    assert isinstance(art, Article) and "Second line." in art.text


def test_jsonl_lone_surrogate_line_is_refused_and_the_others_kept(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    lines = [
        json.dumps({"text": BODY}),
        '{"text": "Kyiv \\ud800 said the talks stalled."}',
        '{"text": "Kyiv said the talks stalled.", "title": "T\\udc00"}',
        json.dumps({"text": BODY + " Again."}),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    items = _read(path)
    assert [type(i).__name__ for i in items] == ["Article", "InputError", "InputError", "Article"]
    assert [(i.path, i.reason) for i in items if isinstance(i, InputError)] == [
        (
            f"{path}:2",
            "invalid Unicode: lone surrogate U+D800 in field 'text' at character 5 "
            "(\\ud800-\\udfff escapes must come in valid pairs); fix the record",
        ),
        (
            f"{path}:3",
            "invalid Unicode: lone surrogate U+DC00 in field 'title' at character 1 "
            "(\\ud800-\\udfff escapes must come in valid pairs); fix the record",
        ),
    ]


def test_control_characters_leave_metadata(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"text": BODY, "title": "Red \x1b[31mtitle", "source": "Wire\x07"}), encoding="utf-8")
    (art,) = _articles(_read(path))
    assert (art.meta["title"], art.meta["source"]) == ("Red [31mtitle", "Wire")


@pytest.mark.parametrize("depth", [10, 254, 255, 400])
def test_deeply_nested_html_is_parsed(tmp_path: Path, depth: int) -> None:
    path = tmp_path / "deep.html"
    body = "<p>" + BODY.replace("\n", "</p><p>") + "</p>"
    path.write_text("<html><body>" + "<div>" * depth + body + "</div>" * depth + "</body></html>", encoding="utf-8")
    (art,) = _read(path)
    assert isinstance(art, Article) and art.text == BODY


def test_html_too_deep_even_for_the_huge_tree_parser_says_so(tmp_path: Path) -> None:
    path = tmp_path / "deeper.html"
    path.write_text("<html><body>" + "<div>" * 3000 + "<p>" + BODY + "</p></body></html>", encoding="utf-8")
    (err,) = _read(path)
    assert isinstance(err, InputError)
    assert err.reason == "HTML nested too deeply (2048+ levels); no article text could be extracted"


@pytest.mark.parametrize("codec", ["latin-1", "cp1252"])
def test_western_legacy_file_is_stored_with_its_accents(tmp_path: Path, codec: str) -> None:
    text = "Le ministre a déclaré à Zürich que son résumé, à tout prendre, était juste."
    path = tmp_path / "fr.txt"
    path.write_bytes(text.encode(codec))
    (art,) = _articles(_read(path))
    assert (art.text, art.meta["encoding"]) == (text, "iso-8859-1")
    assert "warnings" not in art.meta and "encoding_confidence" not in art.meta


def test_ambiguous_encoding_is_recorded_as_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "short.txt"
    path.write_bytes("à tout".encode("latin-1"))
    (art,) = _articles(_read(path))
    assert art.text == "à tout" and art.meta["encoding"] == "iso-8859-1"
    assert art.meta["warnings"] == ["ambiguous encoding: iso-8859-1 and cp1250 fit about equally; stored as iso-8859-1"]
    assert art.meta["encoding_confidence"] < 0.5


RUSSIAN = "Президент заявил, что переговоры в Стамбуле зашли в тупик, сообщили источники в Кремле."


@pytest.mark.parametrize(
    ("codec", "forced", "recorded"),
    [("latin-1", "latin-1", "iso-8859-1"), ("cp1252", "cp1252", "cp1252"), ("cp1251", "cp1251", "cp1251"),
     ("koi8-r", "KOI8-R", "koi8-r"), ("utf-16", "utf-16", "utf-16")],
)
def test_a_forced_encoding_is_used_and_recorded(tmp_path: Path, codec: str, forced: str, recorded: str) -> None:
    french = "Le négociateur a dit « non » à Genève." + (" — 5 €" if codec == "cp1252" else "")
    text = RUSSIAN if codec in ("cp1251", "koi8-r", "utf-16") else french
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode(codec))
    (art,) = _articles(_read(path, encoding=forced, language="xx"))
    assert (art.text, art.meta["encoding"], art.meta["encoding_forced"]) == (text, recorded, True)
    assert "warnings" not in art.meta and "encoding_confidence" not in art.meta


def test_a_forced_encoding_applies_to_records_and_is_recorded_on_each(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(f'text,title\n"{RUSSIAN}",A\n'.encode("koi8-r"))
    (art,) = _articles(_read(path, encoding="koi8-r", language="ru"))
    assert (art.text, art.meta["title"], art.meta["encoding"], art.meta["encoding_forced"]) == (
        RUSSIAN, "A", "koi8-r", True
    )
    (wrong,) = _read(path, encoding="utf-8")
    assert isinstance(wrong, InputError) and wrong.reason.startswith("not valid utf-8 text: byte 0x")


def test_a_doubtful_guess_is_rejected_when_the_setting_says_so(tmp_path: Path) -> None:
    path = tmp_path / "short.txt"
    path.write_bytes("à tout".encode("latin-1"))
    (err,) = _read(path, doubtful_encoding="reject")
    assert isinstance(err, InputError) and err.path == str(path)
    assert err.reason == (
        "ambiguous encoding: iso-8859-1 and cp1250 fit about equally (best guess iso-8859-1, confidence 0.00); "
        "rejected by ingest.doubtful_encoding = reject: give --encoding NAME"
    )
    (fine,) = _read(tmp_path / "short.txt", doubtful_encoding="reject", encoding="latin-1")
    assert isinstance(fine, Article) and fine.text == "à tout"
