"""Runs killed mid-way and runs side by side: the store stays whole and every article is analysed once.

The runs are real ``narrascope analyze`` processes over ~30 tiny generated articles with a slow
fake component (``test_slow``: marks each word, then sleeps), so a kill lands mid-run.
"""

from __future__ import annotations

import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import narrascope
from narrascope.document import Article
from narrascope.ingest import read_inputs
from narrascope.pipeline import BatchFn, Pipeline, register
from narrascope.runner import run
from narrascope.settings import Settings
from narrascope.store import claims, open_store
from test_runner import BASE, EDITED

SLOW = '''
import sys, time
from narrascope.pipeline import register

@register("test_slow", produces=("word",))
def _slow(settings):
    def run(articles):
        for art in articles:
            pos = 0
            for word in art.text.split():
                start = art.text.index(word, pos)
                art.add("word", start, start + len(word), "w")
                pos = start + len(word)
            time.sleep(float(sys.argv[1]))
    return run

from narrascope.cli import main
main(sys.argv[2:], prog_name="narrascope")
'''
N = 30
WORDS = [
    "ceasefire", "shelling", "convoy", "border", "talks", "envoy", "drone", "grain", "port", "river", "bridge",
    "village", "council", "minister", "spokesman", "refugees", "pipeline", "sanctions", "harvest", "winter",
]


@register("test_slow", produces=("word",))
def _slow(settings: Settings) -> BatchFn:
    """The same marks as the subprocess's component, without the sleep."""

    def mark(articles: list[Article]) -> None:
        for art in articles:
            pos = 0
            for word in art.text.split():
                start = art.text.index(word, pos)
                art.add("word", start, start + len(word), "w")
                pos = start + len(word)

    return mark


def _corpus(folder: Path) -> list[str]:
    """N tiny articles, two of them near-duplicates; returns their texts."""
    folder.mkdir()
    rng = random.Random(16)
    texts = [" ".join(rng.choice(WORDS) for _ in range(14)).capitalize() + "." for _ in range(N - 2)]
    texts += [BASE, EDITED]
    for i, text in enumerate(texts):
        (folder / f"a{i:02}.txt").write_text(text, encoding="utf-8")
    return texts


def _start(tmp_path: Path, folder: Path, db: Path, sleep: float) -> subprocess.Popen[str]:
    script = tmp_path / "slow_run.py"
    script.write_text(SLOW, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(narrascope.__file__).parents[1]),
                                                        os.environ.get("PYTHONPATH", "")])}
    args = [sys.executable, str(script), str(sleep), "analyze", str(folder), "--db", str(db),
            "--components", "test_slow", "--batch-size", "1", "--language", "en"]
    return subprocess.Popen(args, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)


def _stored(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:  # not created yet
        return 0


def _settings(db: Path) -> Settings:
    return Settings.load(None, {"store.url": f"sqlite:///{db}", "ingest.language": "en"})


def test_a_killed_run_leaves_a_whole_store_and_the_rerun_completes_it(tmp_path: Path) -> None:
    folder, db = tmp_path / "in", tmp_path / "k.db"
    texts = _corpus(folder)
    proc = _start(tmp_path, folder, db, 0.15)
    deadline = time.monotonic() + 60
    while _stored(db) < 3 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()  # reaped, so its claims are seen as a dead run's
    assert proc.returncode == -signal.SIGKILL
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    store = open_store(f"sqlite:///{db}")
    before = {a.id: a for a in store.iter_articles()}
    assert 3 <= len(before) < N
    # no half-stored article: each one has all its annotations
    assert {a.id: len(a.annotations) for a in before.values()} == {a.id: len(a.text.split()) for a in before.values()}

    settings = _settings(db)
    report = run(read_inputs([str(folder)], settings.ingest), Pipeline(settings, ["test_slow"]), store)
    assert report.counts() == {"duplicate": len(before), "analysed": N - len(before)}
    assert {o.reason for o in report.outcomes if o.status == "duplicate"} == {"already stored"}
    assert store.count() == N and sorted(a.text for a in store.iter_articles()) == sorted(texts)
    pair = {Article(BASE).id, Article(EDITED).id}
    assert [set(kv) for kv in report.near_duplicates.items()] == [pair]  # the report is complete
    assert claims.held(store) == {}


def test_two_runs_at_once_analyse_each_article_once(tmp_path: Path) -> None:
    folder, db = tmp_path / "in", tmp_path / "two.db"
    _corpus(folder)
    open_store(f"sqlite:///{db}").close()  # both runs find the schema in place
    procs = [_start(tmp_path, folder, db, 0.05) for _ in range(2)]
    errs = [p.communicate(timeout=60)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], errs
    counts = [{k: int(n) for n, k in re.findall(r"(\d+) (\w+)", e.splitlines()[0])} for e in errs]
    assert sum(c.get("analysed", 0) for c in counts) == N, errs  # each article analysed by one run only
    assert [sum(c.get(k, 0) for k in ("analysed", "duplicate")) for c in counts] == [N, N], errs
    assert open_store(f"sqlite:///{db}").count() == N
