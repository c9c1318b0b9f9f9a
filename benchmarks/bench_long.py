"""Long-article benchmark: CPU seconds per component and peak memory for one article of N characters.

The article is invented here (repeated, varied sentences with quotes, names, places and dates),
cleaned with the ingest code and run through the configured pipeline component by component.
CPU time (``time.process_time``) is reported so that a busy machine does not distort the
scaling; each size runs in a fresh process so peak RSS is per size.

    python benchmarks/bench_long.py [--chars 100000 500000 1000000] [--components a,b]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time

NAMES = ["Dmitry Peskov", "Volodymyr Zelensky", "Olaf Scholz", "Antony Blinken", "Sergei Lavrov", "Mark Rutte"]
PLACES = ["Kyiv", "Moscow", "Istanbul", "Geneva", "Kharkiv", "Odesa", "Brussels"]
VERBS = ["said", "told reporters", "warned", "added", "claimed"]


def sentence(rng: random.Random, i: int) -> str:
    """One invented news sentence; five shapes in turn (direct quote, report, aid, claim, talks)."""
    n, p, v = rng.choice(NAMES), rng.choice(PLACES), rng.choice(VERBS)
    shapes = [
        f"“The talks in {p} will resume next week,” {n} {v} on Monday.",
        f"{n} {v} that Russian forces had shelled {p} on 3 March, killing {i % 40 + 2} civilians.",
        f"According to officials in {p}, the aid package worth ${i % 90 + 10} million was approved by parliament.",
        f"The West is using Ukraine as a pawn, {n} {v}, adding that sanctions had failed.",
        f"Negotiators from {p} met again in {rng.choice(PLACES)} after the ceasefire collapsed in April 2022.",
    ]
    return shapes[i % 5]


def article(chars: int, seed: int = 7) -> str:
    """An invented article of exactly ``chars`` characters, four sentences a paragraph."""
    rng = random.Random(seed)
    out, i, size = ["Talks stall as shelling continues"], 0, 0
    while size < chars:
        para = " ".join(sentence(rng, i + j) for j in range(4))
        i += 4
        out.append(para)
        size += len(para) + 1
    return "\n".join(out)[:chars]


def measure(chars: int, components: list[str] | None) -> dict[str, object]:
    """Run one article of ``chars`` characters through the pipeline; CPU seconds per component."""
    from narrascope.ingest import build_article
    from narrascope.pipeline import Pipeline
    from narrascope.settings import Settings

    settings = Settings.load()
    pipe = Pipeline(settings, components)
    built = pipe._components()
    pipe.run_batch([build_article(article(3000, seed=1), {"path": "warm-up"}, settings.ingest)])
    art = build_article(article(chars), {"path": f"long-{chars}"}, settings.ingest)
    cpu: dict[str, float] = {}
    wall = time.perf_counter()
    for spec, fn in built:
        t = time.process_time()
        fn([art])
        cpu[spec.name] = round(time.process_time() - t, 2)
    return {
        "chars": chars,
        "cpu_s": cpu,
        "total_cpu_s": round(sum(cpu.values()), 1),
        "wall_s": round(time.perf_counter() - wall, 1),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
        "sentences": len(art.layer("sentence")),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, nargs="+", default=[100_000, 500_000, 1_000_000])
    parser.add_argument("--components", help="comma-separated components [default: the configured pipeline]")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # child process: measure one size
    args = parser.parse_args()
    names = args.components.split(",") if args.components else None
    if args.one:
        print(json.dumps(measure(args.one, names)))
        return
    for chars in args.chars:
        cmd = [sys.executable, __file__, "--one", str(chars)] + (["--components", args.components] if names else [])
        result = subprocess.run(cmd, capture_output=True, text=True, check=True)
        print(result.stdout.strip().splitlines()[-1], flush=True)


if __name__ == "__main__":
    main()
