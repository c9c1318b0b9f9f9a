"""View models: JSON-ready dicts built from articles, shared by the REST API and the pages.

Every page renders exactly the dict its JSON twin returns, so the two never disagree.
Layers are handled generically: a layer this module does not know still shows up,
with its labels, scores and attributes.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from typing import Any

from ..actors.corpus import ActorRow, article_actors, article_roles
from ..component_settings import TECHNIQUE_HIDE_BELOW
from ..document import Annotation, Article
from ..framing.actor_roles import actor_roles
from ..framing.confidence import DEFAULT_UNCERTAIN_BELOW, UncertainBelow, is_uncertain
from ..techniques.display import is_low, technique_legend

JSON = dict[str, Any]

# Known layers, in the order the article page lists them, with a one-line explanation.
LAYERS: dict[str, str] = {
    "quote": "Quotations and reported speech, with their speakers",
    "entity": "Actors: people, organisations, countries and groups",
    "narrative_evidence": "Sentences that carry a narrative (the evidence behind each label)",
    "technique": "Persuasion techniques (SemEval-2023)",
    "date": "Dates and times, resolved against the publication date",
    "event": "Events",
    "sentence": "Sentences",
}
LAYER_TITLES: dict[str, str] = {
    "quote": "Quotes",
    "entity": "Actors",
    "narrative_evidence": "Narrative evidence",
    "technique": "Techniques",
    "date": "Dates",
    "event": "Events",
    "sentence": "Sentences",
}
HIDDEN_BY_DEFAULT = {"sentence", "date", "event"}  # fewer colours at first sight; one click shows them
MAX_SURFACE = 400


def layer_title(name: str) -> str:
    return LAYER_TITLES.get(name, name.replace("_", " ").capitalize())


def score_of(attrs: JSON) -> float | None:
    value = attrs.get("score")
    return round(float(value), 4) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def annotation_view(art: Article, ann: Annotation) -> JSON:
    """One annotation with its surface text (shortened) and score pulled out of attrs."""
    surface = art.surface(ann)
    return {
        **ann.to_dict(),
        "text": surface if len(surface) <= MAX_SURFACE else surface[: MAX_SURFACE - 1] + "…",
        "score": score_of(ann.attrs),
    }


def layers_summary(art: Article) -> list[JSON]:
    counts = Counter(a.layer for a in art.annotations)
    order = [name for name in LAYERS if name in counts] + sorted(n for n in counts if n not in LAYERS)
    return [
        {
            "name": name,
            "title": layer_title(name),
            "description": LAYERS.get(name, f"Annotations of the {name!r} layer"),
            "count": counts[name],
            "visible": name not in HIDDEN_BY_DEFAULT,
        }
        for name in order
    ]


def actors_of(art: Article) -> list[JSON]:
    """Actors of one article (:func:`narrascope.actors.corpus.article_actors`), with their mention ids."""
    roles = article_roles(art)
    out = [_actor(key, rec, ids, roles.get(key, Counter())) for key, rec, ids in article_actors(art)]
    return sorted(out, key=lambda a: (-a["mention_count"], str(a["canonical"])))


def _actor(key: str, rec: JSON, mention_ids: list[str], roles: Counter[str]) -> JSON:
    return {
        "entity_id": key,
        "canonical": rec.get("canonical") or key,
        "type": rec.get("type"),
        "affiliation": rec.get("affiliation"),
        "title": rec.get("title") or ", ".join(str(t) for t in rec.get("titles") or []) or None,
        "mention_count": len(mention_ids),
        "mentions": [m for m in mention_ids if m],
        "roles": dict(roles),
    }


def actor_item(row: ActorRow) -> JSON:
    """One corpus actor (:func:`narrascope.actors.corpus.list_actors`) as ``/api/actors`` lists it."""
    return {
        "entity_id": row.id,
        "canonical": row.canonical,
        "type": row.type or None,
        "affiliation": row.affiliation,
        "wikidata": row.wikidata,
        "source": row.source,
        "title": ", ".join(t for t, _ in row.titles.most_common(5)) or None,
        "mention_count": row.mentions,
        "articles": row.articles,
        "outlets": [o for o, _ in row.outlets.most_common()],
        "first": row.first,
        "last": row.last,
        "roles": row.role_counts(),
    }


def quotes_of(art: Article) -> list[JSON]:
    """Quotes with speaker, cue and kind (the ``quote`` layer's attrs, documented in ARCHITECTURE)."""
    out = []
    for ann in art.layer("quote"):
        view = annotation_view(art, ann)
        attrs = ann.attrs
        out.append(
            {
                "id": ann.id,
                "text": view["text"],
                "start": ann.start,
                "end": ann.end,
                "speaker": attrs.get("speaker"),
                "speaker_entity": attrs.get("speaker_entity"),
                "kind": attrs.get("kind"),
                "cue": attrs.get("cue"),
                "score": view["score"],
            }
        )
    return out


def narratives_of(art: Article, uncertain_below: float = DEFAULT_UNCERTAIN_BELOW) -> list[JSON]:
    """``article.narratives`` with each evidence id resolved to its span and text, and an
    ``uncertain`` flag for scores under ``uncertain_below``."""
    by_id = {a.id: a for a in art.annotations}
    out = []
    for rec in sorted(art.narratives, key=lambda r: -(score_of(r) or 0.0)):
        evidence = []
        for ann_id in rec.get("evidence") or []:
            ann = by_id.get(str(ann_id))
            if ann is not None:
                evidence.append(
                    {"id": ann.id, "start": ann.start, "end": ann.end, "text": annotation_view(art, ann)["text"]}
                )
        score = score_of(rec)
        out.append({**rec, "score": score, "evidence": evidence, "uncertain": is_uncertain(score, uncertain_below)})
    return out


def techniques_of(art: Article, hide_below: float = TECHNIQUE_HIDE_BELOW) -> list[JSON]:
    """The technique legend: each technique present with its definition, span count and low-confidence count."""
    return technique_legend(art.layer("technique"), hide_below)


def flag_low(view: JSON, hide_below: float) -> JSON:
    """A technique annotation's view with ``low`` (confidence under ``hide_below``: hidden by default)."""
    return {**view, "low": is_low(view["attrs"], hide_below)} if view["layer"] == "technique" else view


def article_view(
    art: Article,
    duplicates: list[JSON] | None = None,
    uncertain: UncertainBelow | None = None,
    hide_below: float = TECHNIQUE_HIDE_BELOW,
) -> JSON:
    """Everything the article page shows: metadata, layers, actors, quotes, narratives (flagged
    uncertain under the thresholds), one role per actor, the technique legend (technique spans
    under ``hide_below`` flagged ``low``), duplicates."""
    below = uncertain or UncertainBelow()
    return {
        "id": art.id,
        "meta": art.meta,
        "text": art.text,
        "length": len(art.text),
        "pipeline": art.results.get("pipeline"),
        "layers": layers_summary(art),
        "annotations": [
            flag_low(annotation_view(art, a), hide_below)
            for a in sorted(art.annotations, key=lambda a: (a.start, a.end, a.layer))
        ],
        "actors": actors_of(art),
        "quotes": quotes_of(art),
        "narratives": narratives_of(art, below.narratives),
        "explanation": art.explanation,
        "actor_roles": [a.to_dict() for a in actor_roles(art, below.roles)],
        "roles": art.roles,
        "techniques": techniques_of(art, hide_below),
        "technique_hide_below": hide_below,
        "results": {k: v for k, v in art.results.items() if k != "pipeline"},
        "duplicates": duplicates,
    }


def segments(art: Article, skip: frozenset[str] = frozenset({"sentence"})) -> list[tuple[str, list[Annotation]]]:
    """Cut the text at every annotation boundary: ``(piece, annotations covering it)`` in order.

    Overlapping spans of different layers then become flat, non-nested HTML spans.
    """
    anns = [a for a in art.annotations if a.layer not in skip]
    cuts = sorted({0, len(art.text), *(a.start for a in anns), *(a.end for a in anns)})
    starts: dict[int, list[Annotation]] = defaultdict(list)
    for a in anns:
        starts[a.start].append(a)
    active: list[Annotation] = []
    out: list[tuple[str, list[Annotation]]] = []
    for lo, hi in itertools.pairwise(cuts):
        active = [a for a in active if a.end > lo] + starts.get(lo, [])
        out.append((art.text[lo:hi], sorted(active, key=lambda a: (a.layer, a.start))))
    return out


def month(published: Any) -> str | None:
    return str(published)[:7] if isinstance(published, str) and len(published) >= 7 else None
