"""What to collect: web addresses given on the command line or listed in a ``sources.yaml``.

A ``sources.yaml`` is a list of sources, or a mapping with ``sources:`` and optional
``defaults:`` applied to each. A source is a URL or a mapping with ``url`` and any of
``outlet``, ``language``, ``kind`` (auto, feed, sitemap, home, article), ``limit`` and ``since``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from ..errors import ConfigError, InputError
from ..ingest.meta import normalise_date

KINDS = ("auto", "feed", "sitemap", "home", "article")
_KEYS = {"url", "outlet", "language", "kind", "limit", "since"}


@dataclass(frozen=True)
class Source:
    """One place to collect from, with the outlet and language its articles get."""

    url: str
    kind: str = "auto"
    outlet: str | None = None
    language: str | None = None
    limit: int | None = None  # most new articles fetched from it in one run
    since: str | None = None  # ISO date: articles published before it are skipped


def parse_sources(specs: list[str], limit: int | None = None, since: str | None = None) -> list[Source]:
    """Sources from command-line arguments: URLs and ``.yaml`` files; ``limit``/``since`` fill gaps."""
    out: list[Source] = []
    for spec in specs:
        if spec.startswith(("http://", "https://")):
            out.append(Source(spec))
        elif spec.endswith((".yaml", ".yml")):
            out.extend(load_sources(spec))
        else:
            raise ConfigError(f"{spec!r} is neither an http(s) URL nor a sources .yaml file")
    return [replace(s, limit=s.limit if s.limit is not None else limit, since=s.since or since) for s in out]


def load_sources(path: str | Path) -> list[Source]:
    """Read a ``sources.yaml`` file; errors name the file, the entry and the key."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read sources file {path}: {exc.strerror}") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: invalid YAML ({exc})") from exc
    defaults: dict[str, Any] = {}
    if isinstance(data, dict):
        defaults = data.get("defaults") or {}
        data = data.get("sources")
    if not isinstance(data, list) or not isinstance(defaults, dict):
        raise ConfigError(f"{path}: expected a list of sources, or 'sources:' (a list) with optional 'defaults:'")
    return [_source(f"{path}: source {i}", entry, defaults) for i, entry in enumerate(data, 1)]


def load_source(entry: Any, where: str = "source") -> Source:
    """One source from a mapping (or a URL) as in ``sources.yaml``; raises ConfigError."""
    return _source(where, entry, {})


def _source(where: str, entry: Any, defaults: dict[str, Any]) -> Source:
    if isinstance(entry, str):
        entry = {"url": entry}
    if not isinstance(entry, dict):
        raise ConfigError(f"{where}: a source is a URL or a mapping with 'url'")
    values = {**defaults, **entry}
    unknown = set(values) - _KEYS
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}; use {', '.join(sorted(_KEYS))}")
    url = values.get("url")
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        raise ConfigError(f"{where}: 'url' must be an http(s) address, got {url!r}")
    kind = str(values.get("kind", "auto"))
    if kind not in KINDS:
        raise ConfigError(f"{where}: kind must be one of {', '.join(KINDS)}, got {kind!r}")
    limit = values.get("limit")
    if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool) or limit < 0):
        raise ConfigError(f"{where}: limit must be a whole number ≥ 0, got {limit!r}")
    try:
        since = normalise_date(values.get("since"), f"{where}: since")
    except InputError as exc:
        raise ConfigError(str(exc)) from exc
    outlet, language = values.get("outlet"), values.get("language")
    return Source(url, kind, str(outlet) if outlet else None, str(language) if language else None, limit, since)
