"""CLI: exit codes, summaries, show/list/export over a real SQLite store."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from narrascope import __version__
from narrascope.cli import main
from narrascope.store import open_store

BODY = "Kremlin spokesman Dmitry Peskov said on Sunday that talks in Minsk would resume.\nSource: Harbor Wire\n"
FAST = ["--components", "sentences,dates"]


def _invoke(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(BODY, encoding="utf-8")
    (folder / "latin.txt").write_bytes(
        "Le négociateur a déclaré à Genève que les pourparlers reprendront.".encode("latin-1")
    )
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blob.bin").write_bytes(bytes(range(256)) * 8)
    return folder


def test_version_and_help() -> None:
    assert _invoke("--version")[1].strip() == f"narrascope, version {__version__}"
    code, out, _ = _invoke("analyze", "--help")
    assert code == 0 and "--published" in out and "Exit code 0" in out


@pytest.mark.slow
def test_mixed_directory_exit_code_1_and_summary(corpus: Path, tmp_path: Path) -> None:
    db, out = tmp_path / "x.db", tmp_path / "x.jsonl"
    code, _, err = _invoke("analyze", str(corpus), "--db", str(db), "--out", str(out), *FAST)
    assert code == 1
    assert f"rejected: {corpus / 'empty.txt'}: empty file" in err
    assert f"rejected: {corpus / 'blob.bin'}: binary file" in err
    assert "2 analysed, 2 rejected" in err
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(Path(a["meta"]["path"]).name for a in lines) == ["good.txt", "latin.txt"]
    good = next(a for a in lines if a["meta"]["path"].endswith("good.txt"))
    assert good["meta"]["source"] == "Harbor Wire" and "Source:" not in good["text"]
    for a in lines:
        for ann in a["annotations"]:
            assert a["text"][ann["start"] : ann["end"]].strip()
    # Same inputs again: nothing new stored, the good ones reported as duplicates.
    code, _, err = _invoke("analyze", str(corpus / "good.txt"), "--db", str(db), *FAST)
    assert code == 0 and "1 duplicate" in err


@pytest.mark.slow
def test_show_list_export(tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    assert _invoke("analyze", "-", "--db", db, "--published", "2022-05-23", *FAST, stdin=BODY)[0] == 0
    code, listing, _ = _invoke("list", "--db", db)
    art_id = listing.split()[0]
    assert code == 0 and "2022-05-23" in listing and "Harbor Wire" in listing
    code, shown, _ = _invoke("show", art_id[:6], "--db", db)
    assert code == 0 and "“Sunday”" in shown and "resolved=2022-05-22" in shown
    assert json.loads(_invoke("show", art_id, "--db", db, "--format", "json")[1])["id"] == art_id
    code, text, _ = _invoke("export", "--db", db, "--format", "csv", "--layer", "date")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert code == 0 and [(r["layer"], r["text"]) for r in rows] == [("date", "Sunday")]
    for cmd in (["export", "--format", "csv"], ["show", art_id]):
        code, _, err = _invoke(*cmd, "--db", db, "--layer", "dtae")
        assert code == 2 and "unknown layer 'dtae'; known: " in err and "date" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show", "zzzz"], "no article with id 'zzzz'"),
        (["analyze", "x.txt", "--components", "nope"], "unknown component 'nope'"),
        (["analyze", "x.txt", "--published", "someday"], "YYYY-MM-DD"),
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    open_store(f"sqlite:///{tmp_path / 'e.db'}").close()
    code, _, err = _invoke(*args, "--db", str(tmp_path / "e.db"))
    assert code == 2 and message in err


def test_a_date_error_names_the_option_once(tmp_path: Path) -> None:
    code, _, err = _invoke("analyze", "x.txt", "--published", "someday", "--db", str(tmp_path / "e.db"))
    assert code == 2 and err.count("--published") == 1, err


def test_bad_config_exits_2(tmp_path: Path) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text("[nope]\n", encoding="utf-8")
    code, _, err = _invoke("--config", str(cfg), "list", "--db", str(tmp_path / "e.db"))
    assert code == 2 and "unknown settings section" in err


def test_surrogate_line_is_one_error_line_and_the_rest_is_stored(tmp_path: Path) -> None:
    path, db = tmp_path / "s.jsonl", str(tmp_path / "s.db")
    path.write_text(
        '{"text": "Kyiv said the talks had stalled."}\n'
        '{"text": "Bad \\ud800 line."}\n'
        '{"text": "Moscow said the talks would resume."}\n',
        encoding="utf-8",
    )
    code, _, err = _invoke("ingest", str(path), "--db", db)
    assert code == 1
    assert [line for line in err.splitlines() if line.startswith(("rejected", "failed"))] == [
        f"rejected: {path}:2: invalid Unicode: lone surrogate U+D800 in field 'text' at character 4 "
        "(\\ud800-\\udfff escapes must come in valid pairs); fix the record"
    ]
    assert "2 analysed, 1 rejected" in err
    assert len(_invoke("list", "--db", db)[1].splitlines()) == 2


def test_an_ambiguous_encoding_is_one_warning_line(tmp_path: Path) -> None:
    path, db = tmp_path / "short.txt", str(tmp_path / "w.db")
    path.write_bytes("à tout".encode("latin-1"))
    code, _, err = _invoke("ingest", str(path), "--db", db)
    assert code == 0
    assert f"warning: {path}: ambiguous encoding: iso-8859-1 and cp1250 fit about equally; stored as iso-8859-1" in err


def test_show_and_list_never_print_raw_control_characters(tmp_path: Path) -> None:
    from narrascope.document import Article
    from narrascope.store import open_store

    db = tmp_path / "c.db"
    art = Article("Red \x1b[31malert\x1b[0m and a CSI \x9b2J.", meta={"title": "T\x1b]0;pwned\x07"})
    open_store(f"sqlite:///{db}").save(art)  # as stored before cleaning dropped controls
    for args in (["show", art.id, "--full-text"], ["show", art.id, "--format", "json"], ["list"]):
        code, out, _ = _invoke(*args, "--db", str(db))
        assert code == 0 and not any(ch in out for ch in "\x1b\x9b\x07"), args
    shown = _invoke("show", art.id, "--full-text", "--db", str(db))[1]
    assert "Red \\x1b[31malert\\x1b[0m and a CSI \\x9b2J." in shown
    assert json.loads(_invoke("show", art.id, "--format", "json", "--db", str(db))[1])["text"] == art.text


@pytest.mark.parametrize(
    "cmd", [["list"], ["summary"], ["export"], ["show", "abcd"], ["quotes"], ["actors"], ["timeline"]]
)
def test_a_read_command_refuses_a_database_that_does_not_exist(tmp_path: Path, cmd: list[str]) -> None:
    missing = tmp_path / "typo.db"
    code, _, err = _invoke(*cmd, "--db", str(missing))
    assert (code, f"no database at {missing}" in err, missing.exists()) == (2, True, False)


def test_show_takes_a_two_character_prefix_and_refuses_an_ambiguous_one(tmp_path: Path) -> None:
    from narrascope.document import Article

    db = tmp_path / "p.db"
    store = open_store(f"sqlite:///{db}")
    arts = [Article(f"Report number {i} from the front.") for i in range(20)]
    for art in arts:
        store.save(art)
    ids = sorted(a.id for a in arts)
    unique = next(i[:2] for i in ids if sum(o.startswith(i[:2]) for o in ids) == 1)
    code, shown, _ = _invoke("show", unique, "--db", str(db), "--format", "json")
    assert (code, json.loads(shown)["id"]) == (0, next(i for i in ids if i.startswith(unique)))
    shared = next(i[:1] for i in ids if sum(o.startswith(i[:1]) for o in ids) == 2)
    code, out, err = _invoke("show", shared, "--db", str(db))
    pair = ", ".join(i for i in ids if i.startswith(shared))
    message = f"error: id prefix {shared!r} is ambiguous (matches {pair}); give more characters\n"
    assert (code, out, err) == (2, "", message)


def test_encoding_forces_the_decoding_and_is_recorded(tmp_path: Path) -> None:
    text = "Президент заявил, что переговоры в Стамбуле зашли в тупик."
    path, db = tmp_path / "ru.txt", str(tmp_path / "e.db")
    path.write_bytes(text.encode("cp1251"))
    code, _, err = _invoke("ingest", str(path), "--db", db, "--encoding", "koi8-r", "--language", "ru")
    assert (code, err) == (0, f"1 analysed → sqlite:///{db}\n")
    (art,) = open_store(f"sqlite:///{db}").iter_articles()
    assert (art.text, art.meta["encoding"], art.meta["encoding_forced"]) == (
        text.encode("cp1251").decode("koi8-r"), "koi8-r", True
    )


@pytest.mark.parametrize("cmd", ["analyze", "ingest"])
def test_an_unknown_encoding_is_refused_before_reading(tmp_path: Path, cmd: str) -> None:
    path, db = tmp_path / "a.txt", tmp_path / "e.db"
    path.write_text(BODY, encoding="utf-8")
    code, out, err = _invoke(cmd, str(path), "--db", str(db), "--encoding", "latin-9x")
    assert (code, out, err, db.exists()) == (
        2, "", "error: unknown encoding 'latin-9x' (--encoding / ingest.encoding); use a Python codec name such as "
        "utf-8, cp1252, iso-8859-1, cp1251, koi8-r or utf-16\n", False,
    )


def test_a_doubtful_encoding_is_rejected_by_setting(tmp_path: Path) -> None:
    path, db, config = tmp_path / "short.txt", str(tmp_path / "w.db"), tmp_path / "c.toml"
    path.write_bytes("à tout".encode("latin-1"))
    config.write_text('[ingest]\ndoubtful_encoding = "reject"\n', encoding="utf-8")
    code, _, err = _invoke("--config", str(config), "ingest", str(path), "--db", db, "-q")
    assert (code, err) == (1, f"rejected: {path}: ambiguous encoding: iso-8859-1 and cp1250 fit about equally "
                              "(best guess iso-8859-1, confidence 0.00); rejected by "
                              "ingest.doubtful_encoding = reject: give --encoding NAME\n")
    config.write_text('[ingest]\ndoubtful_encoding = "drop"\n', encoding="utf-8")
    code, _, err = _invoke("--config", str(config), "ingest", str(path), "--db", db)
    assert (code, err) == (2, "error: ingest.doubtful_encoding must be \"warn\" or \"reject\", got 'drop'\n")


def test_progress_for_jsonl_input_has_a_total(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import narrascope.cli.core as core

    seen: dict[str, object] = {"advanced": 0}

    class Bar:
        def __enter__(self) -> Bar:
            return self

        def __exit__(self, *exc: object) -> None:
            return None

        def add_task(self, description: str, total: int | None) -> int:
            seen["total"] = total
            return 0

        def advance(self, task: int) -> None:
            seen["advanced"] = int(str(seen["advanced"])) + 1

    monkeypatch.setattr(core, "_show_progress", lambda quiet: True)
    monkeypatch.setattr(core, "_progress", Bar)
    path = tmp_path / "in.jsonl"
    lines = [json.dumps({"text": f"Report {i} from Kyiv."}) for i in range(4)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, _, _ = _invoke("ingest", str(path), "--db", str(tmp_path / "p.db"), "--language", "en")
    assert (code, seen) == (0, {"total": 4, "advanced": 4})


def test_serve_refuses_an_unknown_configured_encoding_before_starting(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text('[ingest]\nencoding = "latin-9x"\n', encoding="utf-8")
    code, _, err = _invoke("--config", str(config), "serve", "--db", str(tmp_path / "s.db"), "--port", "1")
    assert (code, err.splitlines()) == (2, [
        "error: unknown encoding 'latin-9x' (--encoding / ingest.encoding); use a Python codec name such as "
        "utf-8, cp1252, iso-8859-1, cp1251, koi8-r or utf-16"
    ])
def test_show_hides_low_confidence_techniques_unless_asked(tmp_path: Path) -> None:
    from narrascope.document import Article
    from narrascope.settings import Settings

    db = f"sqlite:///{tmp_path / 't.db'}"
    art = Article("The Kiev regime lied. Baseless claims, they said.", meta={"title": "T"})
    art.add("technique", 4, 15, "Name_Calling-Labeling", score=0.6, confidence=0.6)
    art.add("technique", 22, 37, "Doubt", score=0.1, confidence=0.1)
    open_store(Settings.load(None, {"store.url": db})).save(art)
    code, shown, _ = _invoke("show", art.id, "--db", db)
    assert code == 0 and "technique (1 of 2):" in shown and "“Kiev regime”" in shown
    assert "“Baseless claims”" not in shown and "1 low-confidence spans under 0.25 hidden" in shown
    assert "Technique legend:" in shown and "  Doubt (1): " in shown
    code, everything, _ = _invoke("show", art.id, "--db", db, "--all-techniques")
    assert code == 0 and "technique (2):" in everything and "“Baseless claims”" in everything
