"""Event triggers, participants, places and dates."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from narrascope.corpus.events import annotate, classify
from narrascope.document import Article


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The delegations met for three hours in Istanbul.", "talks_held"),
        ("Russia is ready to send a delegation to Minsk for negotiations.", "talks_proposed"),
        ("Negotiations have been put on hold, the adviser said.", "talks_frozen"),
        ("Freezing talks was entirely their initiative.", "talks_frozen"),
        ("The secretary of state ruled out negotiations with Moscow.", "talks_ruled_out"),
        ("There was no indication that he was prepared for meaningful negotiations.", "talks_ruled_out"),
        ("Russia has never refused talks, Medinsky said.", "statement"),
        ("Peace talks are set to resume on Monday.", "talks_resumed"),
        ("The president signed a decree ruling out talks with Putin.", "decree"),
        ("Washington unveiled another $1.1 billion military aid package on Friday.", "aid_package"),
        ("The EU adopted a new package of sanctions.", "sanctions"),
        ("Missiles struck the city overnight.", "attack"),
        ("The army denied that it had shelled the market.", None),
        ("Officials said the forces did not attack the convoy.", None),
        ("The ministry refuted reports of shelling.", None),
        ("The president rejected the capital as a venue, saying troops had attacked from there.", "talks_ruled_out"),
        ("The talks were useful, the spokesman said.", "statement"),
        ("The weather was mild in Kyiv.", None),
    ],
)
def test_classify(sentence: str, expected: str | None) -> None:
    found = classify(sentence)
    assert (found[0] if found else None) == expected


def test_events_get_participants_place_and_date(make_article: Callable[..., Article]) -> None:
    text = "Vladimir Medinsky met Ukrainian negotiators in Istanbul on March 29. The weather was mild."
    art = make_article(
        text,
        published="2022-03-30",
        dates=("March 29",),
        entities=(
            ("Vladimir Medinsky", "vladimir-medinsky", "PERSON", "RU"),
            ("Istanbul", "istanbul", "GPE", "TR"),
            ("Ukrainian", "ukraine", "NORP", "UA"),
        ),
    )
    events = annotate(art)
    assert [(e.label, e.start, e.end) for e in events] == [("talks_held", 0, text.index(" The"))]
    assert events[0].attrs == {
        "type": "talks_held",
        "trigger": "met",
        "date": "2022-03-29",
        "date_range": ["2022-03-29", "2022-03-29"],
        "estimated": False,
        "precise": True,
        "participants": ["vladimir-medinsky"],
        "actors": ["Vladimir Medinsky"],
        "parties": ["Ukrainian"],
        "place": "istanbul",
        "place_keys": ["istanbul", "tr"],
        "text": text[: text.index(" The")],
    }


def test_event_in_undated_article_takes_estimated_window(make_article: Callable[..., Article]) -> None:
    text = "The war will enter its fourth month on Tuesday. Talks with Moscow are on hold."
    art = make_article(text)
    from narrascope.corpus.dating import redate

    window = redate(art)
    (event,) = annotate(art, window)
    assert event.label == "talks_frozen"
    assert event.attrs["date_range"] == ["2022-05-18", "2022-05-23"]
    assert event.attrs["estimated"] is True and event.attrs["date"] is None and event.attrs["precise"] is True


def test_weekday_of_publication_day_is_that_day(make_article: Callable[..., Article]) -> None:
    # dateparser resolves "Tuesday" in a Tuesday article to the week before; the event keeps the day itself.
    art = make_article("Russia said on Tuesday the talks had been held.", published="2022-03-29", dates=("Tuesday",))
    (event,) = annotate(art)
    assert event.attrs["date"] == "2022-03-29"
