"""CLI: `collect` and `watch` against the invented site on 127.0.0.1, with a sources.yaml."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from fakesite import Site, serve
from narrascope.cli import main
from narrascope.store import open_store


@pytest.fixture
def site() -> Iterator[Site]:
    with serve(Site()) as running:
        yield running


def _files(tmp_path: Path, base: str) -> tuple[str, str]:
    config = tmp_path / "fast.toml"
    config.write_text("[collect]\ndelay = 0.05\ntimeout = 1.5\nbackoff = 0.01\nretries = 1\n", encoding="utf-8")
    sources = tmp_path / "sources.yaml"
    sources.write_text(
        "defaults:\n  language: en\nsources:\n"
        f"  - url: {base}/feed.xml\n    outlet: Test Wire\n    kind: feed\n    since: 2025-01-01\n"
        f"  - url: {base}/sitemap.xml\n    outlet: Test Wire\n",
        encoding="utf-8",
    )
    return str(config), str(sources)


def _invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stderr


def test_collect_reports_each_problem_and_a_summary(site: Site, tmp_path: Path) -> None:
    config, sources = _files(tmp_path, site.base)
    db = str(tmp_path / "c.db")
    code, err = _invoke("--config", config, "collect", sources, "--db", db, "--no-analyze")
    b = site.base
    assert code == 1
    assert sorted(err.splitlines()) == sorted([
        f"failed: {b}/news/missing.html: HTTP 404 Not Found",
        f"failed: {b}/news/slow.html: timed out after 1.5 s",
        f"not article: {b}/news/menu.html: not an article: 1 words of main text (collect.min_words is 25)",
        f"forbidden: {b}/private/leak.html: forbidden by robots.txt",
        f"5 stored, 1 duplicate, 1 old, 2 failed, 1 not article, 1 forbidden (2 listing pages read) → sqlite:///{db}",
        "1 near-duplicate(s) of earlier articles; see `narrascope duplicates`",
    ])
    store = open_store(f"sqlite:///{db}")
    assert sorted(a.meta["published"] for a in store.iter_articles()) == [
        "2025-03-01", "2025-03-01", "2025-03-03", "2025-03-04", "2025-03-05",
    ]
    assert {a.results.get("pipeline") for a in store.iter_articles()} == {""}  # --no-analyze: nothing ran


def test_watch_runs_the_rounds_asked_for_with_a_line_each(site: Site, tmp_path: Path) -> None:
    config, sources = _files(tmp_path, site.base)
    db = str(tmp_path / "w.db")
    code, err = _invoke("--config", config, "watch", sources, "--db", db, "--no-analyze", "-q",
                        "--every", "1s", "--max-rounds", "2")
    rounds = [line for line in err.splitlines() if line.startswith("round ")]
    assert code == 0
    assert re.fullmatch(r"round 1 at \d\d:\d\d:\d\d: 5 stored, 1 duplicate, 1 old, 2 failed, 1 not article, "
                        r"1 forbidden \(2 listing pages read\); next round at \d\d:\d\d:\d\d", rounds[0])
    assert re.fullmatch(r"round 2 at \d\d:\d\d:\d\d: 8 known, 1 old, 1 failed, 1 forbidden \(2 listing pages read\)",
                        rounds[1])
    assert len(rounds) == 2 and site.paths().count("/news/talks.html") == 1


@pytest.mark.parametrize(("args", "message"), [
    (["collect", "ftp://example.org/feed"], "'ftp://example.org/feed' is neither an http(s) URL nor a sources .yaml"),
    (["collect", "http://127.0.0.1:9/feed.xml", "--since", "soon"], "cannot read the date 'soon'"),
    (["watch", "http://127.0.0.1:9/feed.xml", "--every", "often"], "cannot read the period 'often'"),
])
def test_usage_errors_say_what_to_fix(args: list[str], message: str, tmp_path: Path) -> None:
    code, err = _invoke(*args, "--db", str(tmp_path / "u.db"))
    assert code == 2 and message in err
