"""Which technique spans people see by default: those whose confidence reaches ``hide_below``.

One rule for the article page, its JSON twin and ``show``; the spans stay stored either way.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from ..document import Annotation
from .definitions import legend


def confidence(attrs: dict[str, Any]) -> float | None:
    """A span's ``confidence`` attr (older stores: its ``score``); None when it has neither."""
    for key in ("confidence", "score"):
        value = attrs.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
    return None


def is_low(attrs: dict[str, Any], hide_below: float) -> bool:
    """True when the span's confidence is under ``hide_below`` (no confidence: never low)."""
    value = confidence(attrs)
    return value is not None and value < hide_below


def technique_legend(spans: Iterable[Annotation], hide_below: float) -> list[dict[str, Any]]:
    """One row per technique present: label, readable name, definition, span count and how many are low."""
    spans = list(spans)
    counts = Counter(a.label for a in spans)
    low = Counter(a.label for a in spans if is_low(a.attrs, hide_below))
    return [{**row, "count": counts[row["label"]], "low": low[row["label"]]} for row in legend(list(counts))]
