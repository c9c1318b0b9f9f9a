"""Plain-text views of articles and corpora for the terminal (``show``, ``summary``)."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from .document import Annotation, Article
from .framing.actor_roles import ActorRole, actor_roles
from .framing.confidence import UncertainBelow, is_uncertain
from .quotes.combine import is_attitude
from .techniques.display import is_low, technique_legend

_SKIP_ATTRS = {"score"}


def _attrs_brief(attrs: dict[str, Any]) -> str:
    parts = []
    for key, value in attrs.items():
        if value in (None, "", [], {}) or key in _SKIP_ATTRS:
            continue
        if isinstance(value, float):
            value = round(value, 2)
        text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        parts.append(f"{key}={text}")
    if "score" in attrs and isinstance(attrs["score"], (int, float)):
        parts.append(f"score={attrs['score']:.2f}")
    return " ".join(parts)


def _line(art: Article, ann: Annotation, width: int = 90) -> str:
    surface = art.surface(ann).replace("\n", " ")
    if len(surface) > width:
        surface = surface[: width - 1] + "…"
    brief = _attrs_brief(ann.attrs)
    return f"  [{ann.start}:{ann.end}] {ann.label}: “{surface}”" + (f"  ({brief})" if brief else "")


def render_article(art: Article, layers: list[str] | None = None, text: bool = False,
                   uncertain: UncertainBelow | None = None, technique_hide_below: float = 0.0) -> str:
    """A readable report: metadata, article-level results, then each layer's spans.

    Narratives and actor roles scoring under ``uncertain`` are marked "uncertain", not findings.
    Technique spans with confidence under ``technique_hide_below`` are left out (and counted);
    a legend defines each technique present."""
    below = uncertain or UncertainBelow()
    meta = art.meta
    out = [
        f"{meta.get('title') or '(untitled)'}",
        f"id {art.id} · outlet {meta.get('source') or '?'} · published {meta.get('published') or '?'}"
        f" · language {meta.get('language') or '?'} · {len(art.text)} characters",
        f"file {meta.get('path') or '-'}",
    ]
    if text:
        out += ["", art.text]
    if art.narratives:
        out += ["", "Narratives:"]
        for n in art.narratives:
            score = n.get("score")
            flag = "  uncertain" if is_uncertain(score, below.narratives) else ""
            out.append(f"  {n.get('label')}" + (f"  ({score:.2f})" if isinstance(score, (int, float)) else "") + flag)
            for ev in _evidence(art, n):
                out.append(f"      evidence: “{ev}”")
    if art.explanation:
        out += ["", f"Explanation: {art.explanation.get('text', art.explanation)}"]
    if art.entities:
        out += ["", "Actors:"]
        for e in art.entities:
            out.append(
                f"  {e.get('canonical')} [{e.get('type')}, {e.get('affiliation') or '-'}]"
                f" × {len(e.get('mentions', []))}"
            )
    if art.roles:
        actors = actor_roles(art, below.roles)
        out += ["", f"Roles ({len(actors)} actors, from {len(art.roles)} mentions):"]
        out += [_role_line(a) for a in actors]
    wanted = layers or [layer for layer in art.layers() if layer != "sentence"]
    for layer in wanted:
        anns = art.layer(layer)
        if layer == "technique" and anns:
            out += _technique_lines(art, anns, technique_hide_below)
        elif anns:
            out += ["", f"{layer} ({len(anns)}):"]
            out += [_line(art, a) for a in anns]
    return "\n".join(out)


def _technique_lines(art: Article, anns: list[Annotation], hide_below: float) -> list[str]:
    """Technique spans at or above ``hide_below``, a note on the hidden ones, and the legend."""
    shown = [a for a in anns if not is_low(a.attrs, hide_below)]
    out = ["", f"technique ({len(shown)} of {len(anns)}):" if len(shown) < len(anns) else f"technique ({len(anns)}):"]
    out += [_line(art, a) for a in shown]
    if len(shown) < len(anns):
        out.append(f"  ({len(anns) - len(shown)} low-confidence spans under {hide_below:g} hidden; "
                   "--all-techniques shows them)")
    out += ["", "Technique legend:"]
    out += [f"  {row['label']} ({row['count']}): {row['definition']}" for row in technique_legend(anns, hide_below)]
    return out


def _role_line(actor: ActorRole) -> str:
    """``Ukraine: Innocent (Victim)  0.62 · 4/5 mentions · 3 sentences  uncertain``."""
    fine = f" ({', '.join(actor.fine_roles)})" if actor.fine_roles else ""
    n, k = len(actor.mentions), len(actor.sentences)
    support = f"{actor.supporting}/{n} mention{'s' * (n != 1)} · {k} sentence{'s' * (k != 1)}"
    flag = "  uncertain" if actor.uncertain else ""
    return f"  {actor.name}: {actor.main_role}{fine}  {actor.confidence:.2f} · {support}{flag}"


def _evidence(art: Article, narrative: dict[str, Any]) -> list[str]:
    ids = set(narrative.get("evidence") or [])
    return [art.surface(a)[:160] for a in art.annotations if a.id in ids][:3]


def render_summary(stats: dict[str, Any], articles: list[Article]) -> str:
    """Corpus overview: outlets, layers, most mentioned actors, narratives and techniques."""
    out = [f"{stats['articles']} articles"]
    out.append("  outlets: " + ", ".join(f"{k or '?'} ({v})" for k, v in sorted(stats["outlets"].items(), key=str)))
    out.append("  annotations: " + ", ".join(f"{k} {v}" for k, v in sorted(stats["layers"].items())))
    actors: Counter[str] = Counter()
    narratives: Counter[str] = Counter()
    techniques: Counter[str] = Counter()
    quotes = []
    for art in articles:
        for e in art.entities:
            actors[str(e.get("canonical"))] += len(e.get("mentions", []))
        for n in art.narratives:
            narratives[str(n.get("label"))] += 1
        for t in art.layer("technique"):
            techniques[t.label] += 1
        for q in art.layer("quote"):
            if is_attitude(q.attrs):
                continue  # an attitude is not something said: the summary quotes speech
            quotes.append((art.meta.get("source"), q.attrs.get("speaker"), art.surface(q)))
    for title, counter in (("Top actors", actors), ("Narratives", narratives), ("Techniques", techniques)):
        if counter:
            out += ["", f"{title}:"] + [f"  {v:4d}  {k}" for k, v in counter.most_common(10)]
    if quotes:
        out += ["", "Some quotes:"]
        for source, speaker, text in quotes[:8]:
            out.append(f"  {speaker or '?'} ({source or '?'}): “{text[:100]}”")
    return "\n".join(out)
