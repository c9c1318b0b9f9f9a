"""The ``date`` layer: date expressions resolved against the article's publication date.

Candidates come from spaCy's DATE entities plus weekday and relative phrases it misses
("Sunday morning", "earlier this week"), resolved by :mod:`narrascope.dates`. A date
without a year, or a relative one, is resolved only when the article has a publication
date; otherwise it is kept with ``attrs.resolved = null`` (the ``events`` component
re-dates it against an estimated date or a date in the text). ``dated_by`` says how:
``text`` (absolute date), ``published``, ``estimated`` or ``text_anchor``.
"""

from __future__ import annotations

from ..component_settings import DatesSettings
from ..dates import candidates, local_tense, parse_published, resolve
from ..document import Article
from ..registry import BatchFn, register
from ..settings import Settings

__all__ = ["make_dates", "parse_published", "resolve"]


@register("dates", needs=("sentence", "spacy"), produces=("date",))
def make_dates(settings: Settings) -> BatchFn:
    """Find DATE expressions and resolve them against the publication date."""
    keep_unresolved = settings.options(DatesSettings).keep_unresolved

    def run(articles: list[Article]) -> None:
        for art in articles:
            doc = art.runtime.get("spacy")
            if doc is None:
                continue
            base = parse_published(art.meta.get("published"))
            for start, end in candidates(
                art.text, [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "DATE"]
            ):
                expr = art.text[start:end]
                attrs = resolve(expr, base, local_tense(art.text, start, end))
                if attrs["resolved"] is None and attrs.get("range") is None and not keep_unresolved:
                    continue
                art.add("date", start, end, "date", **attrs)

    return run
