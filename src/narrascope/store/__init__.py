"""The article store (SQLite by default, PostgreSQL through the same SQLAlchemy code)."""

from __future__ import annotations

from .core import SaveResult, Store, open_store
from .migrations import MIGRATIONS, latest_version

__all__ = ["MIGRATIONS", "SaveResult", "Store", "latest_version", "open_store"]
