"""Uncertainty thresholds: read from settings, applied to scores."""

from __future__ import annotations

from typing import Any

import pytest

from narrascope.errors import ConfigError
from narrascope.framing.confidence import UncertainBelow, is_uncertain
from narrascope.settings import Settings


@pytest.mark.parametrize(
    ("score", "below", "expected"),
    [(0.49, 0.5, True), (0.5, 0.5, False), (0.9, 0.5, False), (None, 0.5, False), (True, 0.5, False),
     ("0.1", 0.5, False), (0.0, 0.0, False), (1, 0.5, False)],
)
def test_is_uncertain(score: Any, below: float, expected: bool) -> None:
    assert is_uncertain(score, below) is expected


def test_defaults_and_overrides() -> None:
    assert UncertainBelow.from_settings(Settings.load(None)) == UncertainBelow(0.5, 0.5)
    settings = Settings.load(None, {"components.narratives.uncertain_below": 0.3,
                                    "components.roles.uncertain_below": "0.7"})
    assert UncertainBelow.from_settings(settings) == UncertainBelow(0.3, 0.7)


@pytest.mark.parametrize(("value", "message"), [(1.5, "must be in [0, 1]"), ("high", "must be a number")])
def test_bad_threshold(value: Any, message: str) -> None:
    """Refused when the settings load (before any component is built), naming the key."""
    with pytest.raises(ConfigError, match=r"components\.roles\.uncertain_below " + message.replace("[", r"\[")):
        UncertainBelow.from_settings(Settings.load(None, {"components.roles.uncertain_below": value}))

