"""Settings: packaged defaults, user file, overrides, and clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrascope.errors import ConfigError
from narrascope.settings import Settings


def test_defaults_load() -> None:
    s = Settings.load(user_file=None, overrides={})
    assert s.ingest.max_bytes == 5_000_000
    assert s.pipeline.components[:2] == ("sentences", "dates")
    assert s.store.url == "sqlite:///narrascope.db"
    assert s.component("dates") == {"keep_unresolved": True}


def test_user_file_then_overrides(tmp_path: Path) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text("[ingest]\nmax_bytes = 10\n[components.mine]\nx = 1\n", encoding="utf-8")
    s = Settings.load(cfg, {"ingest.max_bytes": "20", "store.url": "sqlite:///x.db"})
    assert (s.ingest.max_bytes, s.store.url, s.component("mine")) == (20, "sqlite:///x.db", {"x": 1})
    assert s.with_overrides({"ingest.source": None}).ingest.source is None


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[ingest]\nmax_bytes = 'lots'\n", "whole number"),
        ("[ingest]\nnope = 1\n", "unknown key"),
        ("[nope]\n", "unknown settings section"),
        ("[ingest\n", "invalid TOML"),
    ],
)
def test_bad_user_files_name_the_problem(tmp_path: Path, content: str, message: str) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        Settings.load(cfg)


def test_missing_user_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        Settings.load(tmp_path / "absent.toml")
