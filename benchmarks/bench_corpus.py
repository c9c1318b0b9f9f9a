"""Corpus-query benchmark: build an N-article SQLite store, then time timeline and propagation.

The store is made from the project's example corpus (examples/, invented texts): the examples
are analysed once with the pipeline, then copied N times with variations that keep every
annotation's offsets valid: 80% of the words (3+ letters) outside a copy's kept quotes are
swapped for random words of the same length (so most passages and quotes are unique, as in a
real corpus), quotes are kept verbatim in one copy in ten (so quotes propagate), and dates,
publication days and outlets are shifted at random. Articles are inserted directly with ``Store.save``.

    python benchmarks/bench_corpus.py [--articles 10000] [--db /tmp/bench.db] [--reuse]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from narrascope.document import Article
from narrascope.ingest import read_inputs
from narrascope.pipeline import Pipeline
from narrascope.settings import Settings
from narrascope.store import Store

ROOT = Path(__file__).resolve().parents[1]
COMPONENTS = ["sentences", "dates", "entities", "quotes", "events"]
_WORD = re.compile(r"[A-Za-z]{3,}")
MUTATE = 0.8  # share of words (3+ letters, outside kept quotes) replaced in each copy


def analysed_examples() -> list[Article]:
    settings = Settings.load(None, {})
    pipeline = Pipeline(settings, COMPONENTS)
    arts = [a for a in read_inputs([str(ROOT / "examples")], settings.ingest) if isinstance(a, Article)]
    pipeline.run_batch(arts)
    return arts


def _shift(value: Any, days: int) -> Any:
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return (date.fromisoformat(value) + timedelta(days=days)).isoformat()
    if isinstance(value, list):
        return [_shift(v, days) for v in value]
    return value


def variant(base: Article, i: int, rng: random.Random, vocab: dict[int, list[str]], outlets: list[str]) -> Article:
    keep_quotes = rng.random() < 0.1
    protected = [(q.start, q.end) for q in base.layer("quote")] if keep_quotes else []
    chars = list(base.text)
    for m in _WORD.finditer(base.text):
        if any(s <= m.start() < e for s, e in protected) or rng.random() < 1 - MUTATE:
            continue
        chars[m.start() : m.end()] = rng.choice(vocab[len(m.group())])
    days = rng.randint(-30, 400)
    anns = []
    for a in base.annotations:
        attrs = {k: _shift(v, days) for k, v in a.attrs.items()} if a.layer in ("event", "date") else a.attrs
        anns.append(replace(a, attrs=attrs))
    published = base.meta.get("published") or "2022-06-01"
    meta = dict(base.meta, source=rng.choice(outlets), published=_shift(published, days), path=f"bench/{i}.txt")
    return Article(text="".join(chars), meta=meta, annotations=anns, entities=base.entities, results=base.results)


def build(db: str, n: int, seed: int = 7) -> float:
    rng = random.Random(seed)
    bases = analysed_examples()
    vocab: dict[int, list[str]] = {}
    for art in bases:
        for w in _WORD.findall(art.text):
            vocab.setdefault(len(w), []).append(w.lower())
    outlets = [f"Outlet {k:02d}" for k in range(25)]
    store = Store(f"sqlite:///{db}")
    t0 = time.perf_counter()
    for i in range(n):
        store.save(variant(bases[i % len(bases)], i, rng, vocab, outlets))
        if i % 1000 == 999:
            print(f"  stored {i + 1} articles ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    return time.perf_counter() - t0


def timed(label: str, fn: Any, *args: Any, **kwargs: Any) -> Any:
    """Run ``fn`` and print its wall-clock and CPU (this process) seconds."""
    t0, c0 = time.perf_counter(), time.process_time()
    out = fn(*args, **kwargs)
    print(f"{label:40s} {time.perf_counter() - t0:8.2f} s wall {time.process_time() - c0:8.2f} s cpu")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--db", default="/tmp/narrascope-bench.db")
    parser.add_argument("--reuse", action="store_true", help="Reuse an existing benchmark database.")
    args = parser.parse_args()
    from narrascope.corpus import near_duplicates, propagation, timeline, update_index

    if not args.reuse:
        Path(args.db).unlink(missing_ok=True)
        print(f"{'build store (Store.save)':40s} {build(args.db, args.articles):8.2f} s")
    store = Store(f"sqlite:///{args.db}")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"machine: {os.cpu_count()} CPUs, load average {load} (wall time exceeds CPU time when loaded)")
    layers = store.stats()["layers"]
    print(f"articles: {store.count()}, events: {layers.get('event', 0)}, quotes: {layers.get('quote', 0)}")
    timed("index reuse keys (one-off, incremental)", update_index, store)
    for run in (1, 2):
        entries = timed(f"timeline (run {run})", timeline, store)
        timed(f"timeline --actor medinsky (run {run})", timeline, store, actor="medinsky")
        result = timed(f"propagation (run {run})", propagation, store)
    clusters = timed("duplicates --threshold 0.6", near_duplicates, store, 0.6)
    print(
        f"timeline entries: {len(entries)}; reused quotes: {len(result['quotes'])}, passages: "
        f"{len(result['passages'])}, in-article repeats: {len(result['repeats'])}; near-duplicate clusters: "
        f"{len(clusters)}"
    )


if __name__ == "__main__":
    main()
