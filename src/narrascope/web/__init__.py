"""The REST API and dashboard (``narrascope serve``): a thin FastAPI adapter over the store and runner."""

from __future__ import annotations

from .app import WebConfig, create_app

__all__ = ["WebConfig", "create_app"]
