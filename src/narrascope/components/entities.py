"""The ``entity`` layer: spaCy NER plus the actor gazetteer, linked to one actor per real-world entity.

Reuses the Doc the ``sentences`` component parsed (no second spaCy pass by default); the
gazetteer matcher and linker are built once per pipeline. Options: ``[components.entities]``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from ..actors.gazetteer import configured_gazetteer
from ..actors.linker import Linker, Mention, NerSpan, trim_span
from ..component_settings import EntitiesSettings
from ..dates import parse_published as parse_date
from ..document import JSON, Annotation, Article
from ..models.spacy_models import load_spacy
from ..registry import BatchFn, register
from ..settings import Settings

DEFAULT_LABELS = EntitiesSettings.ner_labels
# Part-of-speech tags that never start a name: "Fanning the flames..." is not a PERSON.
_NOT_NAME_START = frozenset({"VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "RB", "IN", "UH", "MD", "PRP", "PRP$",
                             "WRB", "WP", "CC", "DT", "EX", "JJR", "JJS", "RBR", "RBS"})
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})


def ner_spans(doc: Any, text: str, labels: Iterable[str] = DEFAULT_LABELS) -> list[NerSpan]:
    """The Doc's entities of the wanted labels, trimmed of determiners, possessives and verb-like first words."""
    wanted = set(labels)
    out = []
    for ent in getattr(doc, "ents", ()):
        if ent.label_ not in wanted:
            continue
        toks = list(ent)
        while toks and (toks[0].lower_ in _DETERMINERS or toks[0].is_punct or _verb_like(toks[0])):
            toks.pop(0)
        while toks and (toks[-1].tag_ == "POS" or toks[-1].is_punct):
            toks.pop()
        if not toks:
            continue
        start, end = trim_span(text, toks[0].idx, toks[-1].idx + len(toks[-1].text))
        if "\n" in text[start:end]:  # a name never spans a line break ("Sun\n\nThe")
            end = start + text[start:end].index("\n")
            start, end = trim_span(text, start, len(text[:end].rstrip()))
        surface = text[start:end]
        if len(surface) < 2 or not any(ch.isupper() for ch in surface):
            continue
        plural = any(t.tag_ in ("NNS", "NNPS") for t in toks)  # "Javelins" is not a person
        if ent.label_ == "PERSON" and (plural or any(ch.isdigit() for ch in surface)):
            continue
        out.append(NerSpan(start, end, ent.label_))
    return out


def _verb_like(tok: Any) -> bool:
    """A sentence-initial capitalised verb or adverb the small model mistakes for a name."""
    initial = bool(tok.is_sent_start or tok.i == 0 or tok.nbor(-1).is_punct)
    gerund = len(tok.text) >= 6 and tok.text.endswith("ing") and tok.text[1:].islower()
    return initial and (tok.tag_ in _NOT_NAME_START or gerund)


def entity_records(mentions: Sequence[Mention], annotations: Sequence[Annotation]) -> list[JSON]:
    """One record per actor with its mention ids, in order of first mention."""
    records: dict[str, JSON] = {}
    for m, ann in zip(mentions, annotations, strict=True):
        rec = records.get(m.entity_id)
        if rec is None:
            rec = records[m.entity_id] = {
                "id": m.entity_id,
                "canonical": m.canonical,
                "type": m.type,
                "affiliation": m.affiliation,
                "wikidata": m.wikidata,
                "mentions": [],
                "titles": [],
                "source": m.source,
            }
        rec["mentions"].append(ann.id)
        if m.title and m.title not in rec["titles"]:
            rec["titles"].append(m.title)
        if rec["affiliation"] is None and m.affiliation:
            rec["affiliation"] = m.affiliation
    return list(records.values())


@register("entities", needs=("sentence", "spacy"), produces=("entity",))
def make_entities(settings: Settings) -> BatchFn:
    """Recognise people, organisations and places and link each mention to one actor (gazetteer + NER)."""
    opts = settings.options(EntitiesSettings)
    linker = Linker(configured_gazetteer(opts))
    labels = opts.ner_labels
    ner_model = opts.ner_model

    def run(articles: list[Article]) -> None:
        docs = _ner_docs(articles, ner_model, settings)
        for art, doc in zip(articles, docs, strict=True):
            spans = ner_spans(doc, art.text, labels) if doc is not None else []
            annotate(art, linker.link(art.text, spans, parse_date(art.meta.get("published"))))

    return run


def annotate(article: Article, mentions: Sequence[Mention]) -> None:
    """Attach the mentions as ``entity`` annotations and fill ``article.entities``."""
    anns = [article.add("entity", m.start, m.end, m.type, **m.attrs()) for m in mentions]
    article.entities = entity_records(mentions, anns)


def _ner_docs(articles: list[Article], ner_model: str, settings: Settings) -> list[Any]:
    """The sentences component's Docs, or (``ner_model`` set, e.g. "md") a separate NER pass for English."""
    docs = [a.runtime.get("spacy") for a in articles]
    if not ner_model:
        return docs
    name = settings.models.spacy_md if ner_model == "md" else ner_model
    nlp = load_spacy(name)
    english = [i for i, a in enumerate(articles) if (a.meta.get("language") or "en") == "en"]
    keep = [p for p in nlp.pipe_names if p != "lemmatizer"]  # the parser keeps tags as in a full run
    disable = [p for p in nlp.pipe_names if p not in keep]
    for i, doc in zip(english, nlp.pipe([articles[i].text for i in english], disable=disable), strict=True):
        docs[i] = doc
    return docs
