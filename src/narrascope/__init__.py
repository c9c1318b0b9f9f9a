"""narrascope: structured, evidence-linked analysis of conflict news coverage."""

from __future__ import annotations

__version__ = "0.1.0"
