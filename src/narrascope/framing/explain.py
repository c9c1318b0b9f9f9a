"""Evidence selection and extractive explanations grounded in the article's own sentences: the
dominant narrative, who is cast how, and the sentences that carry it, within a word budget."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from ..document import Annotation, Article
from .actor_roles import ActorRole
from .confidence import DEFAULT_UNCERTAIN_BELOW, is_uncertain

MAX_WORDS = 80
MAX_CAST = 3  # actors named in an explanation
MAX_QUOTED = 3  # sentences quoted
MIN_QUOTE_WORDS = 25  # the cast is shortened before the quotes get fewer words than this


def top_sentences(scores: np.ndarray, k: int = 3, floor: float = 0.0) -> list[int]:
    """Indices of the ``k`` best-scoring sentences (score ≥ ``floor``), in text order."""
    if scores.size == 0:
        return []
    order = [int(i) for i in np.argsort(-scores, kind="stable")[:k] if scores[int(i)] >= floor]
    return sorted(order or [int(np.argmax(scores))])


def trim_words(text: str, limit: int) -> str:
    words = text.split()
    return " ".join(words) if len(words) <= limit else " ".join(words[:limit]).rstrip(",;:") + "…"


def lead_text(label_text: str, uncertain: bool = False) -> str:
    """The opening of an explanation; an uncertain narrative is worded as a possibility."""
    return f'Possibly pushes "{label_text}" (uncertain)' if uncertain else f'Pushes "{label_text}"'


def cast_text(cast: Sequence[ActorRole]) -> str:
    """``casting A as Antagonist (Tyrant) and B as Innocent (Victim)``; empty without actors."""
    parts = [f"{a.name} as {a.main_role}" + (f" ({', '.join(a.fine_roles[:2])})" if a.fine_roles else "")
             for a in cast]
    if not parts:
        return ""
    return "casting " + (parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1])


def explanation(label_text: str, sentences: Sequence[str], max_words: int = MAX_WORDS, cast: str = "",
                uncertain: bool = False) -> tuple[str, int]:
    """``Pushes "<label>", casting …: "<s1>" "<s2>"`` cut to ``max_words`` words; returns the text
    and how many of the sentences it quotes (whole or cut)."""
    lead = _opening(label_text, cast, uncertain)
    budget = max_words - len(lead.split())
    quoted: list[str] = []
    for sent in sentences:
        if budget <= 3:
            break
        cut = trim_words(" ".join(sent.split()), budget)
        quoted.append(f'"{cut}"')
        budget -= len(cut.split())
    return " ".join([lead, *quoted]), len(quoted)


def _opening(label_text: str, cast: str, uncertain: bool) -> str:
    return lead_text(label_text, uncertain) + (f", {cast}" if cast else "") + ":"


def short_label(record: dict[str, Any]) -> str:
    """A narrative label without its parent or domain prefix, for reading."""
    label, parent = str(record.get("label")), record.get("parent")
    if parent and label.startswith(f"{parent}: "):
        return label[len(parent) + 2:]
    head, sep, rest = label.partition(": ")
    return rest if sep and head.isupper() else label


def dominant_narrative(narratives: Sequence[dict[str, Any]], below: float) -> dict[str, Any] | None:
    """The best narrative's best sub-narrative, or the narrative itself when that sub is uncertain
    and the narrative is not (a sure coarse finding beats an unsure fine one); None for "Other" only."""
    def score(rec: dict[str, Any]) -> float:
        value = rec.get("score")
        return float(value) if isinstance(value, (int, float)) else 0.0

    tops = [r for r in narratives if r.get("level") != "subnarrative" and not _is_other(r)]
    if not tops:
        return None
    top = max(tops, key=score)
    kids = [r for r in narratives if r.get("parent") == top.get("label") and not _is_other(r)]
    if not kids:
        return top
    kid = max(kids, key=score)
    if is_uncertain(kid.get("score"), below) and not is_uncertain(top.get("score"), below):
        return top
    return kid


def _is_other(record: dict[str, Any]) -> bool:
    label = str(record.get("label"))
    return label == "Other" or label.endswith(": Other")


def grounded_explanation(article: Article, actors: Sequence[ActorRole],
                         uncertain_below: float = DEFAULT_UNCERTAIN_BELOW,
                         max_words: int = MAX_WORDS) -> dict[str, Any] | None:
    """The ``article.explanation`` record: dominant narrative, its cast (sure actor roles only) and
    the evidence sentences that carry it, preferring those that mention the cast."""
    target = dominant_narrative(article.narratives, uncertain_below)
    if target is None:
        return None
    label = str(target["label"])
    uncertain = is_uncertain(target.get("score"), uncertain_below)
    cast = [a for a in actors if not a.uncertain][:MAX_CAST]
    picks = carrying_sentences(article, target, cast)[:MAX_QUOTED]
    named = sorted(cast, key=lambda a: (not any(_mentions(a, s) for s in picks), cast.index(a)))
    texts = [article.surface(s) for s in picks]
    short = short_label(target)
    while named and max_words - len(_opening(short, cast_text(named), uncertain).split()) < MIN_QUOTE_WORDS:
        named = named[:-1]
    text, used = explanation(short, texts, max_words, cast_text(named), uncertain)
    return {
        "narrative": label,
        "text": text,
        "sentences": [s.id for s in picks[:used]],
        "score": target.get("score"),
        "uncertain": uncertain,
        "cast": [{"key": a.key, "name": a.name, "main_role": a.main_role, "fine_roles": list(a.fine_roles)}
                 for a in named],
    }


def carrying_sentences(article: Article, target: dict[str, Any], cast: Sequence[ActorRole]) -> list[Annotation]:
    """Sentences of the target's evidence, then of its narrative family, best first: those naming
    more cast actors, then the target's own evidence, then by evidence score."""
    label = str(target["label"])
    family = {label, str(target.get("parent") or label)}
    sents = {(s.start, s.end): s for s in article.layer("sentence")}
    best: dict[tuple[int, int], tuple[int, float, Annotation]] = {}
    for ev in article.layer("narrative_evidence"):
        if ev.label not in family and ev.attrs.get("narrative") not in family:
            continue
        span = (ev.start, ev.end)
        rank = (int(ev.label == label), float(ev.attrs.get("score") or 0.0), sents.get(span, ev))
        if span not in best or rank[:2] > best[span][:2]:
            best[span] = rank
    ranked = sorted(best.values(), key=lambda t: (-sum(_mentions(a, t[2]) for a in cast), -t[0], -t[1], t[2].start))
    return [sent for _own, _score, sent in ranked]


def _mentions(actor: ActorRole, sent: Annotation) -> bool:
    return any(sent.start <= a and b <= sent.end for a, b in actor.spans)
