"""Repeat collection every so often until stopped (``narrascope watch``)."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable

from ..errors import ConfigError
from ..pipeline import Pipeline
from ..settings import Settings
from ..store import Store
from .fetch import Fetcher
from .run import CollectReport, UrlOutcome, collect
from .sources import Source

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_every(text: str) -> float:
    """Seconds in a period such as ``90s``, ``30m``, ``2h``, ``1d`` or a bare number of seconds."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", text.lower())
    if m is None or float(m.group(1)) <= 0:
        raise ConfigError(f"cannot read the period {text!r}; use e.g. 90s, 30m, 2h or 1d")
    return float(m.group(1)) * _UNITS[m.group(2) or "s"]


def watch(
    sources: Iterable[Source],
    settings: Settings,
    store: Store,
    pipeline: Pipeline,
    every: float,
    max_rounds: int | None = None,
    on_round: Callable[[int, CollectReport, float | None], None] | None = None,
    on_outcome: Callable[[UrlOutcome], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """Collect ``sources`` every ``every`` seconds (from the start of one round to the next);
    returns the number of rounds run. ``on_round`` gets the round, its report and the
    monotonic time of the next round (None after the last)."""
    chosen = list(sources)
    fetcher = Fetcher(settings.collect, settings.ingest.max_bytes)  # robots.txt is re-read each round
    rounds = 0
    try:
        while max_rounds is None or rounds < max_rounds:
            started = time.monotonic()
            fetcher.forget_robots()
            report = collect(chosen, settings, store, pipeline, fetcher, on_outcome)
            rounds += 1
            last = max_rounds is not None and rounds >= max_rounds
            next_at = None if last else started + every
            if on_round is not None:
                on_round(rounds, report, next_at)
            if next_at is not None:
                sleep(max(0.0, next_at - time.monotonic()))
    finally:
        fetcher.close()
    return rounds
