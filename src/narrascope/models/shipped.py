"""Where the trained heads shipped inside the package live (``data/models/<name>``)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def shipped_model_dir(name: str) -> Path:
    """Folder of a model shipped inside the package (``data/models/<name>``)."""
    return Path(str(resources.files("narrascope").joinpath("data", "models", name)))
