"""Typed ``[components.NAME]`` tables: one frozen dataclass per component, its defaults defined here once.

:meth:`narrascope.settings.Settings.load` checks each known table against its class (an unknown
key or a value of the wrong type is a :class:`~narrascope.errors.ConfigError` naming the key and
the component), and a component reads its options with ``settings.options(TechniquesSettings)``.
``defaults.toml`` documents the same values (a test keeps the two equal). Tables of components
not listed in :data:`COMPONENT_SETTINGS` (your own, registered with ``@register``) stay free-form
dicts, read with ``settings.component(NAME)``.

A field's ``metadata`` may bound it: ``{"range": (lo, hi)}`` (inclusive).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar


@dataclass(frozen=True)
class ComponentSettings:
    """Base class: ``NAME`` is the table under ``[components]``."""

    NAME: ClassVar[str] = ""


#: Below even odds a narrative or role label is more likely wrong than right: shown, but as uncertain.
UNCERTAIN_BELOW = 0.5
#: Technique spans whose confidence (the sentence classifier's probability) is under this are hidden
#: by default in the article page and ``show``; a toggle / ``--all-techniques`` reveals them.
TECHNIQUE_HIDE_BELOW = 0.25


def _unit(default: float) -> float:
    """A float field bounded to [0, 1]."""
    return field(default=default, metadata={"range": (0.0, 1.0)})


@dataclass(frozen=True)
class SentencesSettings(ComponentSettings):
    NAME: ClassVar[str] = "sentences"
    model: str = ""  # spaCy model for English; empty = [models] spacy


@dataclass(frozen=True)
class DatesSettings(ComponentSettings):
    NAME: ClassVar[str] = "dates"
    keep_unresolved: bool = True


@dataclass(frozen=True)
class EntitiesSettings(ComponentSettings):
    NAME: ClassVar[str] = "entities"
    gazetteer_files: tuple[str, ...] = ()
    shipped_gazetteer: bool = True
    ner_labels: tuple[str, ...] = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC")
    ner_model: str = ""  # "" reuses the sentences Doc; "md" = [models] spacy_md; else a spaCy model name


@dataclass(frozen=True)
class QuotesSettings(ComponentSettings):
    NAME: ClassVar[str] = "quotes"
    cue_table: str = ""  # empty = the shipped cue model
    reading: str = "attitudes"  # speech | attitudes | broad (checked by the component)


@dataclass(frozen=True)
class TechniquesSettings(ComponentSettings):
    NAME: ClassVar[str] = "techniques"
    model: str = ""  # empty = the shipped model
    localise: bool = True
    threshold_offset: float = 0.0
    hide_below: float = _unit(TECHNIQUE_HIDE_BELOW)  # display only: the article page and `show` hide spans under it


@dataclass(frozen=True)
class NarrativesSettings(ComponentSettings):
    NAME: ClassVar[str] = "narratives"
    model: str = ""  # empty = the shipped model
    taxonomy: str = ""  # non-empty: zero-shot over this taxonomy
    embedder: str = ""  # empty = the model's own (zero-shot: "use")
    evidence: int = 2
    zero_shot_threshold: float = 0.45
    zero_shot_margin: float = 0.05
    uncertain_below: float = _unit(UNCERTAIN_BELOW)


@dataclass(frozen=True)
class RolesSettings(ComponentSettings):
    NAME: ClassVar[str] = "roles"
    model: str = ""  # empty = the shipped model
    embedder: str = ""  # empty = the model's own
    types: tuple[str, ...] = ("PERSON", "ORG", "GPE", "NORP", "GROUP")
    min_score: float = 0.0
    salient_only: bool = True
    uncertain_below: float = _unit(UNCERTAIN_BELOW)


@dataclass(frozen=True)
class EventsSettings(ComponentSettings):
    NAME: ClassVar[str] = "events"
    reference_date: str = "2022-02-24"  # corpus.dating.WAR_START
    horizon_days: int = 180  # corpus.dating.HORIZON_DAYS


@dataclass(frozen=True)
class NearDuplicatesSettings(ComponentSettings):
    """Not a pipeline component: the corpus index's near-duplicate clustering (``corpus/index.py``)."""

    NAME: ClassVar[str] = "near_duplicates"
    threshold: float = 0.6  # estimated Jaccard similarity of word 3-grams


#: Component name -> its settings class.
COMPONENT_SETTINGS: dict[str, type[ComponentSettings]] = {
    cls.NAME: cls
    for cls in (
        SentencesSettings,
        DatesSettings,
        EntitiesSettings,
        QuotesSettings,
        TechniquesSettings,
        NarrativesSettings,
        RolesSettings,
        EventsSettings,
        NearDuplicatesSettings,
    )
}
