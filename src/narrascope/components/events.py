"""The ``event`` layer: dated newsworthy events with participants and place (see corpus/events.py)."""

from __future__ import annotations

from datetime import date

from ..corpus.dating import HORIZON_DAYS, WAR_START, redate
from ..corpus.events import annotate
from ..document import Article
from ..registry import BatchFn, register
from ..settings import Settings


@register("events", needs=("sentence", "date"), produces=("event",))
def make_events(settings: Settings) -> BatchFn:
    """Find dated events (talks held/frozen/ruled out, decrees, aid...) and estimate undated articles' dates."""
    opts = settings.component("events")
    reference = date.fromisoformat(str(opts.get("reference_date", WAR_START.isoformat())))
    horizon = int(opts.get("horizon_days", HORIZON_DAYS))

    def run(articles: list[Article]) -> None:
        for art in articles:
            window = redate(art, reference, horizon)
            annotate(art, window)

    return run
