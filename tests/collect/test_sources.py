"""sources.yaml and command-line sources: defaults, per-source options, errors naming the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrascope.collect.sources import Source, load_sources, parse_sources
from narrascope.errors import ConfigError
from narrascope.settings import Settings


def test_yaml_with_defaults_and_command_line_gaps(tmp_path: Path) -> None:
    path = tmp_path / "sources.yaml"
    path.write_text(
        "defaults:\n  language: en\n  limit: 50\n"
        "sources:\n"
        "  - url: https://www.rt.com/rss/news/\n    outlet: RT\n    kind: feed\n"
        "  - url: https://www.presstv.ir/\n    outlet: Press TV\n    limit: 10\n    since: 2025-03-01\n"
        "  - https://sputnikglobe.com/sitemap_article.xml\n",
        encoding="utf-8",
    )
    got = parse_sources([str(path), "https://tass.com/rss/v2.xml"], limit=5, since="2025-01-01")
    assert got == [
        Source("https://www.rt.com/rss/news/", "feed", "RT", "en", 50, "2025-01-01"),
        Source("https://www.presstv.ir/", "auto", "Press TV", "en", 10, "2025-03-01"),
        Source("https://sputnikglobe.com/sitemap_article.xml", "auto", None, "en", 50, "2025-01-01"),
        Source("https://tass.com/rss/v2.xml", "auto", None, None, 5, "2025-01-01"),
    ]


@pytest.mark.parametrize(("text", "message"), [
    ("- url: https://a.example/\n  outlets: A\n", "source 1: unknown key(s) outlets; use"),
    ("- url: a.example/feed\n", "source 1: 'url' must be an http(s) address, got 'a.example/feed'"),
    ("- url: https://a.example/\n  kind: rss\n", "kind must be one of auto, feed, sitemap, home, article"),
    ("- url: https://a.example/\n  limit: -1\n", "limit must be a whole number ≥ 0, got -1"),
    ("- url: https://a.example/\n  since: someday\n", "cannot read the date 'someday'"),
    ("sources: https://a.example/\n", "expected a list of sources"),
    ("- [1, 2]\n", "a source is a URL or a mapping with 'url'"),
    ("- url: [unclosed\n", "invalid YAML"),
])
def test_bad_sources_files_name_the_problem(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_sources(path)
    assert message in str(info.value) and str(path) in str(info.value)


def test_collect_settings_read_numbers_and_reject_words() -> None:
    settings = Settings.load().with_overrides({"collect.delay": "0.5", "collect.retries": "2"})
    assert (settings.collect.delay, settings.collect.retries, settings.collect.per_host) == (0.5, 2, 1)
    with pytest.raises(ConfigError, match=r"collect\.delay must be a number, got 'slow'"):
        Settings.load().with_overrides({"collect.delay": "slow"})
