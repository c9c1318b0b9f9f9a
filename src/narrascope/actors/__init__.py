"""Actors: the shipped gazetteer, transliteration-aware name keys, within-article linking and corpus merging."""

from .gazetteer import Actor, Gazetteer, Role, load_gazetteer
from .normalise import fold, name_key, slugify

__all__ = ["Actor", "Gazetteer", "Role", "fold", "load_gazetteer", "name_key", "slugify"]
