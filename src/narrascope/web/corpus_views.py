"""Corpus-level view models: the overview, narratives per outlet, actor pages, and panels fed by
``narrascope.corpus`` (events timeline, travelled quotes, stances) that stay empty when one fails."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from ..actors.corpus import ActorTally, entity_key, list_actors
from ..actors.gazetteer import Gazetteer
from ..document import Article
from ..errors import NotFoundError
from ..framing.actor_roles import actor_roles
from ..framing.confidence import DEFAULT_UNCERTAIN_BELOW
from ..store import Store
from .cache import StateCache
from .views import JSON, actor_item, layer_title, month


def duplicates_of(clusters: list[JSON], article_id: str) -> list[str]:
    """Ids clustered with ``article_id`` in a :func:`narrascope.corpus.near_duplicates` result."""
    out: list[str] = []
    for cluster in clusters:
        ids = [str(m["article_id"]) for m in cluster["members"]]
        if article_id in ids:
            out += [i for i in ids if i != article_id and i not in out]
    return out


def overview(stats: JSON, articles: Iterable[Article], top: int = 15, gazetteer: Gazetteer | None = None) -> JSON:
    """Counts, narratives × outlets, articles per month, top actors (as :func:`actors_list` counts
    them), recent quotes and articles."""
    per_month: dict[str, Counter[str]] = defaultdict(Counter)
    heat: dict[str, Counter[str]] = defaultdict(Counter)
    tally = ActorTally()
    quotes: list[JSON] = []
    recent: list[JSON] = []
    techniques: Counter[str] = Counter()
    for art in articles:
        source = str(art.meta.get("source") or "unknown outlet")
        per_month[month(art.meta.get("published")) or "undated"][source] += 1
        for label in _top_narratives(art):
            heat[label][source] += 1
        tally.add(art)
        techniques.update(a.label for a in art.layer("technique"))
        brief = _brief(art)
        recent.append(brief)
        for q in art.layer("quote"):
            if not q.attrs.get("speaker") or len(art.surface(q).split()) < 4:
                continue  # scare quotes and unattributed fragments make poor examples
            quotes.append(
                {
                    "article": brief,
                    "kind": q.attrs.get("kind"),
                    "id": q.id,
                    "text": _short(art.surface(q), 240),
                    "speaker": q.attrs.get("speaker"),
                    "speaker_entity": q.attrs.get("speaker_entity"),
                }
            )
    outlets = sorted(str(k or "unknown outlet") for k in stats["outlets"])
    actors = [actor_item(row) for row in tally.actors(gazetteer)]
    by_date = lambda d: (d["article"]["published"] or "", d["article"]["id"])  # noqa: E731
    return {
        "counts": {
            "articles": stats["articles"],
            "outlets": len(stats["outlets"]),
            "actors": len(actors),
            "quotes": stats["layers"].get("quote", 0),
            "layers": {layer_title(k): v for k, v in sorted(stats["layers"].items())},
        },
        "outlets": stats["outlets"],
        "heatmap": {
            "outlets": outlets,
            "narratives": sorted(heat, key=lambda n: (n.lower() == "other", n)),
            "counts": {k: dict(v) for k, v in heat.items()},
        },
        "timeline": {
            "months": sorted(per_month),
            "outlets": outlets,
            "counts": {m: dict(c) for m, c in sorted(per_month.items())},
        },
        "top_actors": actors[:top],
        "techniques": [{"label": k, "count": v} for k, v in techniques.most_common(top)],
        "recent_quotes": _recent_quotes(sorted(quotes, key=by_date, reverse=True)),
        "recent_articles": sorted(recent, key=lambda r: (r["published"] or "", r["id"]), reverse=True)[:10],
    }


def _recent_quotes(quotes: list[JSON], n: int = 10, per_article: int = 2) -> list[JSON]:
    """The newest quotes, direct ones first, at most ``per_article`` from one article."""
    seen: Counter[str] = Counter()
    out: list[JSON] = []
    for q in sorted(quotes, key=lambda q: q["kind"] != "direct"):  # stable: keeps date order within each kind
        if seen[q["article"]["id"]] < per_article:
            seen[q["article"]["id"]] += 1
            out.append(q)
    return out[:n]


def _top_narratives(art: Article) -> set[str]:
    """Narrative labels of an article at the top level (a sub-narrative counts for its parent)."""
    out = set()
    for rec in art.narratives:
        label = rec.get("parent") or rec.get("label")
        if label:
            out.add(str(label))
    return out


def cached_overview(cache: StateCache, store: Store, gazetteer: Gazetteer | None = None) -> JSON:
    result: JSON = cache.get(
        store, "overview", lambda: overview(store.stats(), store.iter_articles(), gazetteer=gazetteer)
    )
    return result


def narratives_per_outlet(articles: Iterable[Article]) -> JSON:
    """For each outlet, how many of its articles carry each narrative (top level and fine)."""
    totals: Counter[str] = Counter()
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for art in articles:
        source = str(art.meta.get("source") or "unknown outlet")
        totals[source] += 1
        labels = _top_narratives(art) | {str(r.get("label")) for r in art.narratives if r.get("label")}
        counts[source].update(labels)
    return {
        "outlets": {
            s: {
                "articles": totals[s],
                "narratives": dict(counts[s].most_common()),
                "share": {k: round(v / totals[s], 4) for k, v in counts[s].most_common()},
            }
            for s in sorted(totals)
        }
    }


def _brief(art: Article) -> JSON:
    return {
        "id": art.id,
        "title": art.meta.get("title"),
        "source": art.meta.get("source"),
        "published": art.meta.get("published"),
    }


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def actors_list(store: Store, gazetteer: Gazetteer | None = None) -> list[JSON]:
    """Every actor in the corpus, as ``narrascope actors`` lists them (one aggregation for both)."""
    return [actor_item(row) for row in list_actors(store.iter_articles(), gazetteer)]


def actor_view(store: Store, entity_id: str, limit: int = 200, cache: StateCache | None = None,
               uncertain_below: float = DEFAULT_UNCERTAIN_BELOW) -> JSON:
    """One actor: mentions in context, quotes they gave, roles (and stances) over time.

    ``roles_over_time`` counts articles per month by the actor's voted role in each article
    ("uncertain" when its confidence is under ``uncertain_below``)."""
    mentions: list[JSON] = []
    info: JSON = {}
    articles: set[str] = set()
    for article_id, meta, ann in store.iter_annotations("entity"):
        if entity_key(ann) != entity_id:
            continue
        articles.add(article_id)
        info = info or {
            "canonical": ann.attrs.get("canonical") or ann.label,
            "type": ann.attrs.get("type") or ann.label,
            "affiliation": ann.attrs.get("affiliation"),
            "title": ann.attrs.get("title"),
        }
        if len(mentions) < limit:
            mentions.append(
                {
                    "article": {"id": article_id, **meta},
                    "id": ann.id,
                    "start": ann.start,
                    "end": ann.end,
                    "role": ann.attrs.get("main_role"),
                }
            )
    quotes: list[JSON] = []
    for article_id, meta, ann in store.iter_annotations("quote"):
        if str(ann.attrs.get("speaker_entity") or "") == entity_id:
            articles.add(article_id)
            quotes.append(
                {
                    "article": {"id": article_id, **meta},
                    "id": ann.id,
                    "start": ann.start,
                    "end": ann.end,
                    "speaker": ann.attrs.get("speaker"),
                    "kind": ann.attrs.get("kind"),
                }
            )
    if not articles:
        raise NotFoundError(f"no actor {entity_id!r} in this corpus; the overview lists the top actors")
    texts = {a.id: a for a in store.iter_articles(ids=sorted(articles))}
    roles_by_month: dict[str, Counter[str]] = defaultdict(Counter)
    for art in texts.values():
        for actor in actor_roles(art, uncertain_below):
            if actor.key == entity_id:
                label = "uncertain" if actor.uncertain else actor.main_role
                roles_by_month[month(art.meta.get("published")) or "undated"][label] += 1
    for item in mentions + quotes:
        found = texts.get(item["article"]["id"])
        if found is not None:
            item["text"] = _short(found.text[item["start"] : item["end"]], 400)
            item["context"] = _context(found.text, item["start"], item["end"])
    stance = _stances(store, entity_id, cache)
    return {
        "entity_id": entity_id,
        **(info or {"canonical": quotes[0]["speaker"] if quotes else entity_id}),
        "articles": len(articles),
        "mention_count": len(mentions),
        "mentions": mentions,
        "quotes": quotes,
        "roles_over_time": {m: dict(c) for m, c in sorted(roles_by_month.items())},
        "stances": stance,
        "stances_over_time": stance_months(stance),
    }


def _stances(store: Store, entity_id: str, cache: StateCache | None = None) -> Any:
    """The actor's record in :func:`narrascope.corpus.stances`, or None (no quotes, or the analysis failed)."""
    data = (cache or StateCache()).optional(store, "stances")
    for rec in data or []:
        if str(rec["actor"]["id"]) == entity_id:
            return rec
    return None


def stance_months(record: JSON | None) -> JSON:
    """Stance labels per month from a stance record's dated quotes (for the chart)."""
    months: dict[str, Counter[str]] = defaultdict(Counter)
    for q in (record or {}).get("quotes") or []:
        months[month(q.get("date")) or "undated"].update(str(label) for label in q.get("labels") or [])
    return {m: dict(c) for m, c in sorted(months.items())}


def travelled_quotes(cache: StateCache, store: Store, limit: int = 6) -> list[JSON] | None:
    """Quotes that several articles repeat, with the first article that carried them (None if the analysis failed)."""
    data = cache.optional(store, "propagation")
    if data is None:
        return None
    quotes: list[JSON] = data["quotes"]
    return sorted(quotes, key=lambda q: -int(q.get("n_articles") or 0))[:limit]


def key_events(cache: StateCache, store: Store, limit: int = 12) -> list[JSON] | None:
    """The corpus timeline's best-attested events, in date order (None if the analysis failed)."""
    entries: list[JSON] | None = cache.optional(store, "timeline")
    if entries is None:
        return None
    top = sorted(entries, key=lambda e: -int(e.get("n_sources") or 0))[:limit]
    return sorted(top, key=lambda e: (str(e.get("date_from") or "9999"), str(e.get("type"))))


def _context(text: str, start: int, end: int, width: int = 120) -> JSON:
    lo, hi = max(0, start - width), min(len(text), end + width)
    return {
        "before": ("…" if lo else "") + text[lo:start],
        "match": text[start:end],
        "after": text[end:hi] + ("…" if hi < len(text) else ""),
    }
