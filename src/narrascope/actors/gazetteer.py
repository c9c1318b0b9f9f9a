"""The actor gazetteer: loading, validation and the alias/role indexes the matcher uses.

Entries live in YAML (or JSON) files: the shipped ones in ``narrascope/data/actors/`` and
any the user lists in ``[components.entities] gazetteer_files``. See docs/actors.md.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..component_settings import EntitiesSettings
from ..errors import ConfigError
from .normalise import name_key

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
TYPES = ("PERSON", "ORG", "GPE", "LOC", "NORP", "GROUP", "EVENT", "FAC")
_ENTRY_KEYS = {"id", "canonical", "type", "aliases", "affiliation", "wikidata", "roles", "short",
               "adjectives", "ambiguous", "note", "code"}
_ROLE_KEYS = {"title", "org", "from", "to", "aliases"}
_EXTEND_KEYS = {"extend", "aliases", "short", "adjectives", "note"}


@dataclass(frozen=True)
class Role:
    """A title an actor holds for ``org`` (an affiliation code) between two dates (None = open)."""

    title: str
    org: str | None = None
    start: date | None = None
    end: date | None = None
    aliases: tuple[str, ...] = ()

    def valid_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Actor:
    """One real-world entity: canonical name, type, spellings, affiliation and roles."""

    id: str
    canonical: str
    type: str
    aliases: tuple[str, ...] = ()
    affiliation: str | None = None
    wikidata: str | None = None
    roles: tuple[Role, ...] = ()
    short: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()
    ambiguous: bool = False
    code: str | None = None

    def names(self) -> tuple[str, ...]:
        return (self.canonical, *self.aliases)


@dataclass(frozen=True)
class AliasEntry:
    """One indexed spelling: ``kind`` is "full" (a name), "short" (surname only) or "role" (a title)."""

    actor_id: str
    surface: str
    kind: str
    role: Role | None = None


@dataclass
class Gazetteer:
    """Actors by id plus key -> entries indexes for names and for title phrases."""

    actors: dict[str, Actor] = field(default_factory=dict)
    names: dict[str, list[AliasEntry]] = field(default_factory=dict)
    roles: dict[str, list[AliasEntry]] = field(default_factory=dict)
    adjectives: dict[str, str] = field(default_factory=dict)
    _codes: dict[str, Actor] | None = field(default=None, repr=False)

    def __len__(self) -> int:
        return len(self.actors)

    def add(self, actor: Actor, source: str = "") -> None:
        """Add one actor (a later file may replace an earlier entry with the same id)."""
        self._codes = None
        if actor.id in self.actors:
            self._drop(actor.id)
        self.actors[actor.id] = actor
        for name in actor.names():
            _put(self.names, name, AliasEntry(actor.id, name, "full"))
        for name in actor.short:
            _put(self.names, name, AliasEntry(actor.id, name, "short"))
        for adj in actor.adjectives:
            self.adjectives.setdefault(name_key(adj), actor.affiliation or actor.code or actor.id)

    def index_roles(self) -> None:
        """(Re)build the title-phrase index; needs every country's names and adjectives."""
        self.roles = {}
        by_code = {a.code: a for a in self.actors.values() if a.code}
        for actor in self.actors.values():
            for role in actor.roles:
                for phrase in role_phrases(role, by_code.get(role.org or "")):
                    _put(self.roles, phrase, AliasEntry(actor.id, phrase, "role", role))

    def country(self, code: str | None) -> Actor | None:
        """The country or bloc entry whose ``code`` this is."""
        if not code:
            return None
        if self._codes is None:
            self._codes = {a.code: a for a in self.actors.values() if a.code}
        return self._codes.get(code)

    def _drop(self, actor_id: str) -> None:
        for index in (self.names, self.roles):
            for key in list(index):
                index[key] = [e for e in index[key] if e.actor_id != actor_id]
                if not index[key]:
                    del index[key]


def _put(index: dict[str, list[AliasEntry]], surface: str, entry: AliasEntry) -> None:
    if surface[:4].lower() == "the " and len(surface) > 4:  # mentions never include the article
        surface = surface[4:]
        entry = AliasEntry(entry.actor_id, surface, entry.kind, entry.role)
    key = name_key(surface)
    if not key:
        return
    bucket = index.setdefault(key, [])
    if entry.kind == "role":
        if not any(e.actor_id == entry.actor_id and e.role == entry.role for e in bucket):
            bucket.append(entry)
    elif not any(e.actor_id == entry.actor_id and e.kind == entry.kind and e.surface == entry.surface for e in bucket):
        bucket.append(entry)


# Other wordings of common titles, used when generating a role's phrases.
TITLE_VARIANTS: dict[str, tuple[str, ...]] = {
    "foreign minister": ("minister of foreign affairs", "foreign affairs minister"),
    "defence minister": ("minister of defence", "defence chief"),
    "prime minister": ("PM", "premier"),
    "interior minister": ("minister of internal affairs", "minister of the interior"),
    "finance minister": ("minister of finance",),
    "foreign secretary": ("foreign minister",),
    "defence secretary": ("defence minister",),
}


def role_phrases(role: Role, org: Actor | None) -> list[str]:
    """Title phrases for a role: its aliases plus "{adjective} {title}", "{name}'s {title}", "{title} of {name}"."""
    phrases = list(role.aliases)
    if org is not None:
        titles = (role.title, *TITLE_VARIANTS.get(role.title.lower(), ()))
        for title in titles:
            for adj in org.adjectives:
                phrases.append(f"{adj} {title}")
            for name in (n for n in org.names() if len(n) > 1):
                phrases.append(f"{name} {title}")
                phrases.append(f"{title} of {name}")
    return phrases


def _as_date(value: Any, where: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise ConfigError(f"{where}: {value!r} is not an ISO date (YYYY-MM-DD)") from exc


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: expected a list of strings")
    return tuple(value)


def parse_actor(raw: Any, where: str) -> Actor:
    """Validate one gazetteer entry; raises ConfigError naming the file and entry."""
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: each entry must be a mapping with at least canonical and type")
    unknown = set(raw) - _ENTRY_KEYS
    if unknown:
        allowed = ", ".join(sorted(_ENTRY_KEYS))
        raise ConfigError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}; allowed: {allowed}")
    canonical = raw.get("canonical")
    etype = str(raw.get("type", "")).upper()
    if not isinstance(canonical, str) or not canonical.strip():
        raise ConfigError(f"{where}: 'canonical' must be a non-empty string")
    where = f"{where} ({canonical})"
    if etype not in TYPES:
        raise ConfigError(f"{where}: type must be one of {', '.join(TYPES)}, got {raw.get('type')!r}")
    roles = []
    for i, r in enumerate(raw.get("roles") or []):
        if not isinstance(r, dict) or not isinstance(r.get("title"), str) or set(r) - _ROLE_KEYS:
            raise ConfigError(f"{where}: role {i + 1} needs a 'title' and only {', '.join(sorted(_ROLE_KEYS))}")
        roles.append(Role(r["title"], r.get("org"), _as_date(r.get("from"), where), _as_date(r.get("to"), where),
                          _strings(r.get("aliases"), where)))
    aliases = _strings(raw.get("aliases"), where)
    short = _strings(raw["short"], where) if "short" in raw else _default_short(canonical, etype)
    from .normalise import slugify

    return Actor(
        id=str(raw.get("id") or slugify(canonical)),
        canonical=canonical.strip(),
        type=etype,
        aliases=aliases,
        affiliation=raw.get("affiliation"),
        wikidata=raw.get("wikidata"),
        roles=tuple(roles),
        short=short,
        adjectives=_strings(raw.get("adjectives"), where),
        ambiguous=bool(raw.get("ambiguous", False)),
        code=raw.get("code"),
    )


def _default_short(canonical: str, etype: str) -> tuple[str, ...]:
    """A person's surname is a short alias by default ("Sergei Lavrov" -> "Lavrov")."""
    parts = canonical.split()
    return (parts[-1],) if etype == "PERSON" and len(parts) > 1 else ()


def read_entries(path: Path) -> list[Any]:
    """The raw entries of one YAML/JSON gazetteer file (a list, or a mapping with an ``actors`` list)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(
            f"cannot read gazetteer file {path}: {exc.strerror}; fix components.entities.gazetteer_files"
        ) from exc
    try:
        data = json.loads(text) if path.suffix == ".json" else yaml.load(text, Loader=_LOADER)
    except (yaml.YAMLError, json.JSONDecodeError) as exc:
        raise ConfigError(f"gazetteer file {path} is not valid YAML/JSON: {exc}") from exc
    if isinstance(data, dict):
        data = data.get("actors")
    if not isinstance(data, list):
        raise ConfigError(f"gazetteer file {path}: expected a list of entries (or a mapping with 'actors: [...]')")
    return data


def shipped_files() -> list[Path]:
    """The gazetteer files shipped in ``narrascope/data/actors``."""
    root = Path(str(resources.files("narrascope").joinpath("data", "actors")))
    return sorted(p for p in root.iterdir() if p.suffix in (".yaml", ".yml", ".json"))


def configured_gazetteer(options: EntitiesSettings | None = None) -> Gazetteer:
    """The gazetteer ``[components.entities]`` asks for: the shipped one (unless ``shipped_gazetteer``
    is false) plus ``gazetteer_files``; the default options without ``options``."""
    opts = options or EntitiesSettings()
    return load_gazetteer(opts.gazetteer_files, shipped=opts.shipped_gazetteer)


def load_gazetteer(extra_files: Sequence[str | Path] = (), shipped: bool = True) -> Gazetteer:
    """The shipped gazetteer plus the user's files (later entries with the same id replace earlier ones).

    Built once per set of files as they are on disk (path, size, modification time) and shared: the
    entities, quotes and roles components and the corpus views ask for the same one (0.35 s a build)."""
    files = [*(shipped_files() if shipped else []), *(Path(p).expanduser() for p in extra_files)]
    return _build_files(tuple((str(f), *_stamp(f)) for f in files))


def _stamp(path: Path) -> tuple[int, int]:
    try:
        st = path.stat()
    except OSError:
        return (-1, -1)  # read_entries names the file and the reason
    return (st.st_size, st.st_mtime_ns)


@lru_cache(maxsize=8)
def _build_files(files: tuple[tuple[str, int, int], ...]) -> Gazetteer:
    paths = [Path(f) for f, _size, _mtime in files]
    return build_gazetteer((f"{path.name}#{i + 1}", raw) for path in paths for i, raw in enumerate(read_entries(path)))


def build_gazetteer(entries: Iterable[tuple[str, Any]]) -> Gazetteer:
    """A gazetteer from ``(where, raw entry)`` pairs, validated and indexed."""
    gaz = Gazetteer()
    for where, raw in entries:
        if isinstance(raw, dict) and "extend" in raw:
            gaz.add(extend_actor(gaz, raw, where))
        else:
            gaz.add(parse_actor(raw, where))
    gaz.index_roles()
    return gaz


def extend_actor(gaz: Gazetteer, raw: dict[str, Any], where: str) -> Actor:
    """An ``{extend: id, aliases: [...], short: [...], adjectives: [...]}`` entry: more names for an
    actor defined earlier (its names in other languages and scripts), the rest of it unchanged."""
    unknown = set(raw) - _EXTEND_KEYS
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(sorted(unknown))} in an 'extend' entry; "
                          f"allowed: {', '.join(sorted(_EXTEND_KEYS))}")
    actor = gaz.actors.get(str(raw["extend"]))
    if actor is None:
        raise ConfigError(f"{where}: 'extend: {raw['extend']}' names no actor defined before it; "
                          "define the actor first (or fix the id)")
    where = f"{where} ({actor.canonical})"
    return replace(actor, aliases=(*actor.aliases, *_strings(raw.get("aliases"), where)),
                   short=(*actor.short, *_strings(raw.get("short"), where)),
                   adjectives=(*actor.adjectives, *_strings(raw.get("adjectives"), where)))
