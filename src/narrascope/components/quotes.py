"""The ``quote`` layer: who said what, direct and reported, with speakers resolved to actors."""

from __future__ import annotations

from typing import Any

from ..component_settings import EntitiesSettings, QuotesSettings
from ..document import Article
from ..errors import ConfigError
from ..quotes.combine import Quote
from ..quotes.cue_model import load_cues
from ..quotes.extract import READINGS, Reading, extract
from ..quotes.speakers import Mention, mentions_from_doc, mentions_from_layer
from ..registry import BatchFn, register
from ..settings import Settings


def quote_attrs(article: Article, q: Quote) -> dict[str, Any]:
    """The annotation attrs of one extracted quote (see docs/ARCHITECTURE.md, layer ``quote``)."""
    sp = q.speaker
    attrs: dict[str, Any] = {
        "kind": q.kind,
        "cue": q.cue,
        "cue_span": list(q.cue_span) if q.cue_span else None,
        "speaker_span": list(sp.naming_span) if sp and sp.naming_span else None,
        "source_span": list(sp.source_span) if sp else None,
        "speaker_entity": sp.entity_id if sp else None,
        "speaker": sp.name if sp else None,
        "speaker_confidence": sp.confidence if sp else None,
        "resolution": sp.how if sp else "no source",
    }
    if sp and sp.others:  # "Russia and China said …": the speakers after the first
        attrs["co_speakers"] = [{"entity": ent, "name": name} for ent, name in sp.others]
    attrs.update(q.attrs)
    return attrs


def role_words(settings: Settings | None = None) -> dict[str, frozenset[str]]:
    """Words of every gazetteer title per actor id, so "the chief negotiator" finds the named negotiator."""
    from ..actors.gazetteer import configured_gazetteer

    gazetteer = configured_gazetteer(settings.options(EntitiesSettings) if settings is not None else None)
    out = {}
    for actor in gazetteer.actors.values():
        words = {w for role in actor.roles for phrase in (role.title, *role.aliases) for w in _title_split(phrase)}
        if words:
            out[actor.id] = frozenset(words)
    return out


def _title_split(phrase: str) -> list[str]:
    return phrase.lower().replace("’s", " ").replace("'s", " ").replace("-", " ").split()


def _mentions(article: Article, doc: Any, roles: dict[str, frozenset[str]] | None = None) -> list[Mention]:
    """Actors from the entity layer when an entity component ran, else from spaCy NER."""
    layer = mentions_from_layer(article)
    if not layer:
        return mentions_from_doc(doc)
    titled = {(m.start, m.end): m.titles for m in mentions_from_doc(doc)}
    roles = roles or {}
    return [
        Mention(
            m.start,
            m.end,
            m.entity_id,
            m.canonical,
            m.type,
            m.titles | titled.get((m.start, m.end), frozenset()) | roles.get(m.entity_id or "", frozenset()),
        )
        for m in layer
    ]


def annotate(
    article: Article,
    doc: Any,
    table_path: str | None = None,
    roles: dict[str, frozenset[str]] | None = None,
    reading: Reading = "attitudes",
) -> list[Quote]:
    """Add the ``quote`` layer to one parsed article; returns the extracted quotes."""
    quotes = extract(doc, article.text, load_cues(table_path), _mentions(article, doc, roles), reading)
    for q in quotes:
        article.add("quote", q.start, q.end, "quote", **quote_attrs(article, q))
    return quotes


@register("quotes", needs=("sentence", "spacy"), produces=("quote",))
def make_quotes(settings: Settings) -> BatchFn:
    """Quotes and attributions (direct, reported, mixed) with speakers resolved to actors."""
    opts = settings.options(QuotesSettings)
    table_path = opts.cue_table or None
    reading = opts.reading
    if reading not in READINGS:
        raise ConfigError(f"components.quotes.reading must be one of {', '.join(READINGS)}, got {reading!r}")
    roles = role_words(settings)

    def run(articles: list[Article]) -> None:
        for art in articles:
            doc = art.runtime.get("spacy")
            if doc is None or not doc.has_annotation("DEP"):
                continue  # non-English text: no parse to read cues from
            annotate(art, doc, table_path, roles, reading)

    return run
