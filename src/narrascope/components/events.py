"""The ``event`` layer: dated newsworthy events with participants and place (see corpus/events.py)."""

from __future__ import annotations

from datetime import date

from ..component_settings import EventsSettings
from ..corpus.dating import redate
from ..corpus.events import annotate
from ..document import Article
from ..registry import BatchFn, register
from ..settings import Settings


@register("events", needs=("sentence", "date"), produces=("event",))
def make_events(settings: Settings) -> BatchFn:
    """Find dated events (talks held/frozen/ruled out, decrees, aid...) and estimate undated articles' dates."""
    opts = settings.options(EventsSettings)
    reference = date.fromisoformat(opts.reference_date)
    horizon = opts.horizon_days

    def run(articles: list[Article]) -> None:
        for art in articles:
            window = redate(art, reference, horizon)
            annotate(art, window)

    return run
