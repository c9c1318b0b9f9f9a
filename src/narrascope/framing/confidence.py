"""When a narrative or role label is too unsure to present as a finding (shown as "uncertain")."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import ConfigError
from ..settings import Settings

# Below even odds the label is more likely wrong than right: show it, but as uncertain.
DEFAULT_UNCERTAIN_BELOW = 0.5


@dataclass(frozen=True)
class UncertainBelow:
    """Score thresholds under which narratives and actor roles are flagged uncertain."""

    narratives: float = DEFAULT_UNCERTAIN_BELOW
    roles: float = DEFAULT_UNCERTAIN_BELOW

    @classmethod
    def from_settings(cls, settings: Settings) -> UncertainBelow:
        """``uncertain_below`` of ``[components.narratives]`` and ``[components.roles]``."""
        return cls(_threshold(settings, "narratives"), _threshold(settings, "roles"))


def _threshold(settings: Settings, component: str) -> float:
    value: Any = settings.component(component).get("uncertain_below", DEFAULT_UNCERTAIN_BELOW)
    try:
        number = float(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"components.{component}.uncertain_below must be a number in [0, 1], got {value!r}") from exc
    if not 0.0 <= number <= 1.0:
        raise ConfigError(f"components.{component}.uncertain_below must be in [0, 1], got {number}")
    return number


def is_uncertain(score: Any, below: float) -> bool:
    """True when a numeric score is under ``below`` (a missing score cannot be judged: False)."""
    return isinstance(score, (int, float)) and not isinstance(score, bool) and float(score) < below

