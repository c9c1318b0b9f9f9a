"""Shared fixtures: paths to the examples and to ../shared (tests needing it skip when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"

needs_shared = pytest.mark.skipif(not (SHARED / "README.md").is_file(), reason="../shared is absent")


@pytest.fixture
def shared() -> Path:
    if not (SHARED / "README.md").is_file():
        pytest.skip("../shared is absent")
    return SHARED


@pytest.fixture
def examples() -> Path:
    return EXAMPLES


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked ``shared`` skip when ../shared is absent."""
    if (SHARED / "README.md").is_file():
        return
    skip = pytest.mark.skip(reason="../shared is absent")
    for item in items:
        if "shared" in item.keywords:
            item.add_marker(skip)
