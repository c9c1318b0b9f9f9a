"""When a narrative or role label is too unsure to present as a finding (shown as "uncertain")."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..component_settings import UNCERTAIN_BELOW, NarrativesSettings, RolesSettings
from ..settings import Settings

# Below even odds the label is more likely wrong than right: show it, but as uncertain.
DEFAULT_UNCERTAIN_BELOW = UNCERTAIN_BELOW


@dataclass(frozen=True)
class UncertainBelow:
    """Score thresholds under which narratives and actor roles are flagged uncertain."""

    narratives: float = DEFAULT_UNCERTAIN_BELOW
    roles: float = DEFAULT_UNCERTAIN_BELOW

    @classmethod
    def from_settings(cls, settings: Settings) -> UncertainBelow:
        """``uncertain_below`` of ``[components.narratives]`` and ``[components.roles]``."""
        narratives, roles = settings.options(NarrativesSettings), settings.options(RolesSettings)
        return cls(narratives.uncertain_below, roles.uncertain_below)


def is_uncertain(score: Any, below: float) -> bool:
    """True when a numeric score is under ``below`` (a missing score cannot be judged: False)."""
    return isinstance(score, (int, float)) and not isinstance(score, bool) and float(score) < below

