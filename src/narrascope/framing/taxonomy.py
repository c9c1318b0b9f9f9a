"""Label taxonomies: the two-level SemEval-2025 narrative taxonomy, the entity-role
taxonomy, and user taxonomies read from YAML for the zero-shot mode."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from ..errors import ConfigError

OTHER = "Other"

#: Main role -> its fine roles (SemEval-2025 Task 10 subtask 1).
ROLE_TAXONOMY: dict[str, tuple[str, ...]] = {
    "Protagonist": ("Guardian", "Martyr", "Peacemaker", "Rebel", "Underdog", "Virtuous"),
    "Antagonist": (
        "Instigator",
        "Conspirator",
        "Tyrant",
        "Foreign Adversary",
        "Traitor",
        "Spy",
        "Saboteur",
        "Corrupt",
        "Incompetent",
        "Terrorist",
        "Deceiver",
        "Bigot",
    ),
    "Innocent": ("Forgotten", "Exploited", "Victim", "Scapegoat"),
}
MAIN_ROLES: tuple[str, ...] = tuple(ROLE_TAXONOMY)
FINE_ROLES: tuple[str, ...] = tuple(r for roles in ROLE_TAXONOMY.values() for r in roles)
FINE_TO_MAIN: dict[str, str] = {f: m for m, fs in ROLE_TAXONOMY.items() for f in fs}


@dataclass(frozen=True)
class Taxonomy:
    """A two-level label set: top-level narratives and sub-narratives with their parent.

    ``other`` names the catch-all label that excludes every other one (``None`` if the
    taxonomy has none); ``descriptions`` feed the zero-shot mode and explanations.
    """

    narratives: tuple[str, ...]
    subnarratives: tuple[str, ...] = ()
    parents: dict[str, str] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)
    other: str | None = OTHER
    name: str = "semeval2025"

    def children(self, narrative: str) -> list[str]:
        return list(self._children.get(narrative, ()))

    @cached_property
    def _children(self) -> dict[str, tuple[str, ...]]:
        """Sub-narratives by parent, in taxonomy order (computed once: decoding asks per article)."""
        out: dict[str, list[str]] = {}
        for sub in self.subnarratives:
            parent = self.parents.get(sub)
            if parent is not None:
                out.setdefault(parent, []).append(sub)
        return {k: tuple(v) for k, v in out.items()}

    def parent(self, label: str) -> str | None:
        return self.parents.get(label)

    def domain(self, label: str) -> str | None:
        """``URW``/``CC`` prefix of a SemEval label (``None`` for Other or user labels)."""
        head = label.split(":", 1)[0]
        return head if head in ("URW", "CC") and ":" in label else None

    def short(self, label: str) -> str:
        """The label without its domain prefix and parent, for display."""
        parent = self.parents.get(label)
        if parent and label.startswith(parent + ": "):
            return label[len(parent) + 2 :]
        dom = self.domain(label)
        return label[len(dom) + 2 :] if dom else label

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "narratives": list(self.narratives),
            "subnarratives": list(self.subnarratives),
            "parents": dict(self.parents),
            "other": self.other,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], descriptions: dict[str, str] | None = None) -> Taxonomy:
        return cls(
            narratives=tuple(data["narratives"]),
            subnarratives=tuple(data.get("subnarratives") or ()),
            parents=dict(data.get("parents") or {}),
            descriptions=dict(descriptions or {}),
            other=data.get("other"),
            name=data.get("name", "custom"),
        )


def parent_of(sub: str, narratives: list[str] | tuple[str, ...]) -> str | None:
    """The narrative a ``"Narrative: Sub"`` label belongs to (longest matching prefix)."""
    best = None
    for nar in narratives:
        if sub.startswith(nar + ": ") and (best is None or len(nar) > len(best)):
            best = nar
    return best


def load_semeval_taxonomy(taxonomy_dir: str | Path) -> Taxonomy:
    """The official SemEval-2025 label lists and definitions from the release's ``taxonomy/`` folder."""
    root = Path(taxonomy_dir)
    try:
        narratives = _lines(root / "subtask2_narratives.txt")
        subs = _lines(root / "subtask2_subnarratives.txt")
    except OSError as exc:
        raise ConfigError(
            f"cannot read the SemEval taxonomy in {root}: {exc}; pass the release's taxonomy/ folder"
        ) from exc
    subs = [s for s in subs if s != OTHER]
    parents = {}
    for sub in subs:
        parent = parent_of(sub, narratives)
        if parent is None:
            raise ConfigError(f"{root}: sub-narrative {sub!r} has no parent in subtask2_narratives.txt")
        parents[sub] = parent
    return Taxonomy(tuple(narratives), tuple(subs), parents, _definitions(root), OTHER, "semeval2025")


def _lines(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as fh:
        return [line.strip() for line in fh if line.strip()]


def _definitions(root: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, key, ex in (
        ("narrative_definitions.csv", "narrative", "example"),
        ("subnarrative_definitions.csv", "subnarrative", "examples"),
    ):
        path = root / name
        if not path.is_file():
            continue
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                label = (row.get(key) or "").strip()
                text = " ".join(x for x in ((row.get("definition") or "").strip(), (row.get(ex) or "").strip()) if x)
                if label:
                    out[label] = text
    return out


def load_yaml_taxonomy(path: str | Path) -> Taxonomy:
    """A user taxonomy from YAML: ``labels`` as a list of ``{label, parent?, description?}``
    (or a mapping label -> {parent, description}), optional ``other`` and ``name``."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read taxonomy file {path}: {exc}") from exc
    if not isinstance(data, dict) or "labels" not in data:
        raise ConfigError(f"{path}: a taxonomy file needs a top-level 'labels' list")
    raw = data["labels"]
    items: list[dict[str, Any]] = []
    if isinstance(raw, dict):
        for label, body in raw.items():
            items.append({"label": label, **(body or {})})
    elif isinstance(raw, list):
        for body in raw:
            items.append({"label": body} if isinstance(body, str) else dict(body))
    else:
        raise ConfigError(f"{path}: 'labels' must be a list or a mapping")
    narratives: list[str] = []
    subs: list[str] = []
    parents: dict[str, str] = {}
    desc: dict[str, str] = {}
    for item in items:
        label = str(item.get("label") or item.get("name") or "").strip()
        if not label:
            raise ConfigError(f"{path}: every label needs a non-empty 'label'")
        parent = item.get("parent")
        if parent:
            subs.append(label)
            parents[label] = str(parent)
        else:
            narratives.append(label)
        desc[label] = str(item.get("description") or label)
    missing = sorted({p for p in parents.values() if p not in narratives})
    if missing:
        raise ConfigError(f"{path}: parent(s) {', '.join(missing)} are not labels of the file; add them")
    other = data.get("other")
    return Taxonomy(tuple(narratives), tuple(subs), parents, desc, str(other) if other else None,
                    str(data.get("name") or Path(path).stem))
