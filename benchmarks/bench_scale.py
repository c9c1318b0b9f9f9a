"""How time and memory grow with corpus size: 1k and 10k streamed articles, default pipeline.

The corpus is the example corpus (plus ../shared/samples/peace-talks when present) multiplied
with variations (see bench_pipeline.variants), written as one JSONL file. A child process then
runs exactly what ``narrascope analyze corpus.jsonl --db x.db --out x.jsonl`` runs (streamed
JSONL reader, runner, SQLite store, JSONL output) single-threaded, and reports elapsed time,
peak RSS (``getrusage``) and current RSS at checkpoints. The first ``k`` articles of the run are
the same articles in the same order as a separate ``k``-article run, so the checkpoint at 1,000
is the 1k figure and the last one the 10k figure.

    python benchmarks/bench_scale.py [--sizes 1000,10000] [--workers 1] [--components a,b] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_pipeline import THREAD_VARS, source_records, variants


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def child(corpus: str, workdir: str, checkpoints: list[int], workers: int, components: str | None) -> None:
    """Run the analyze path over ``corpus``, printing one JSON line per checkpoint."""
    import torch

    torch.set_num_threads(1)
    from narrascope.ingest import read_inputs
    from narrascope.runner import Outcome, run
    from narrascope.scale import make_pipeline
    from narrascope.settings import Settings
    from narrascope.store import Store

    settings = Settings.load(None, {"store.url": f"sqlite:///{workdir}/bench.db", "pipeline.workers": workers})
    names = components.split(",") if components else None
    pipeline = make_pipeline(settings, names)
    store = Store(settings.store.url)
    start = time.perf_counter()
    done = 0
    marks = set(checkpoints)

    def on_outcome(outcome: Outcome) -> None:
        nonlocal done
        done += 1
        if done in marks:
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            print(json.dumps({"articles": done, "seconds": round(time.perf_counter() - start, 1),
                              "peak_rss_mb": round(peak, 1), "rss_mb": round(_rss_mb(), 1),
                              "worker_peak_rss_mb": round(kids, 1), "status": outcome.status}), flush=True)

    with open(f"{workdir}/out.jsonl", "w", encoding="utf-8") as out:
        report = run(read_inputs([corpus], settings.ingest), pipeline, store, out, on_outcome=on_outcome)
    print(json.dumps({"counts": report.counts(), "components": pipeline.names}), flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000", help="Comma-separated checkpoints; the largest is the run size.")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--components", help="Comma-separated components [default: the default pipeline].")
    ap.add_argument("--json", metavar="FILE", help="Also write the figures as JSON.")
    ap.add_argument("--child", nargs=2, metavar=("CORPUS", "WORKDIR"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    if args.child:
        child(args.child[0], args.child[1], sizes, args.workers, args.components)
        return
    with tempfile.TemporaryDirectory(prefix="narrascope-bench-") as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        with corpus.open("w", encoding="utf-8") as fh:
            for rec in variants(source_records(), sizes[-1]):
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        size_mb = corpus.stat().st_size / 2**20
        print(f"corpus: {sizes[-1]} articles, {size_mb:.1f} MB of JSONL; workers: {args.workers}", flush=True)
        cmd = [sys.executable, __file__, "--child", str(corpus), tmp, "--sizes", args.sizes,
               "--workers", str(args.workers)] + (["--components", args.components] if args.components else [])
        env = dict(os.environ, **{v: "1" for v in THREAD_VARS})
        rows: list[dict[str, Any]] = []
        with subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, env=env) as proc:
            assert proc.stdout is not None
            for line in proc.stdout:
                row = json.loads(line)
                rows.append(row)
                if "articles" in row:
                    rate = row["articles"] / row["seconds"]
                    print(f"{row['articles']:>7} articles  {row['seconds']:>8.1f} s  {rate:6.2f} articles/s  "
                          f"peak RSS {row['peak_rss_mb']:7.1f} MB  (now {row['rss_mb']:.1f} MB; "
                          f"workers' peak {row['worker_peak_rss_mb']:.1f} MB)", flush=True)
                else:
                    print(f"outcomes: {row['counts']}; components: {', '.join(row['components'])}")
        if proc.returncode != 0:
            sys.exit(f"benchmark child failed with exit code {proc.returncode}")
    marks = [r for r in rows if "articles" in r]
    if len(marks) >= 2:
        first, last = marks[0], marks[-1]
        print(f"peak RSS {last['articles']} / {first['articles']} articles = "
              f"{last['peak_rss_mb'] / first['peak_rss_mb']:.2f}× (target ≤ 1.2×, and < 2048 MB)")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
