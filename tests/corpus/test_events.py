"""Event triggers, participants, places and dates."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from narrascope.corpus.events import annotate, classify, detect
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
        ("The army denied that it had shelled the market.", "attack"),
        ("Officials said the forces did not attack the convoy.", None),
        ("The ministry refuted reports of shelling.", "attack"),
        ("The president rejected the capital as a venue, saying troops had attacked from there.", "talks_ruled_out"),
        ("The talks were useful, the spokesman said.", "statement"),
        ("The weather was mild in Kyiv.", None),
    ],
)
def test_classify(sentence: str, expected: str | None) -> None:
    found = classify(sentence)
    assert (found[0] if found else None) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The delegations met for three hours in Istanbul.", [("talks_held", "asserted")]),
        ("A pause would only give Moscow time to rest, rearm and attack again.", [("attack", "hypothetical")]),
        ("Russia could rearm and attack again, the secretary said.", [("attack", "hypothetical")]),
        (
            "The minister spoke ahead of the security conference, days before the anniversary of the invasion.",
            [("attack", "mentioned")],
        ),
        ("Officials in Kyiv call the Russian offensive unprovoked.", [("attack", "mentioned")]),
        ("The troops launched an offensive near the river.", [("attack", "asserted")]),
        ("The army denied that it had shelled the market.", [("attack", "denied")]),
        ("If the talks are held in Warsaw, the president will attend.", [("talks_held", "conditional")]),
        ("The next round of talks is expected by video link on Friday.", [("talks_held", "planned")]),
        ("Delegations will meet in Minsk for talks.", [("talks_held", "planned")]),
        # "while the delegations met": the meeting is asserted, the "would" belongs to the other clause;
        # missiles that stay on the ground are a reference, not an attack.
        (
            "He said missiles would stay on the ground while the delegations met for talks.",
            [("talks_held", "asserted"), ("attack", "mentioned")],
        ),
        (
            "The president signed a decree and Washington announced a $1 billion aid package.",
            [("decree", "asserted"), ("aid_package", "asserted")],
        ),
        ("Missiles struck Kyiv as the EU adopted new sanctions.", [("sanctions", "asserted"), ("attack", "asserted")]),
        ("Russia has never refused talks, Medinsky said.", [("statement", "asserted")]),
        ("Officials said the forces did not attack the convoy.", []),
        ("The weather was mild in Kyiv.", []),
    ],
)
def test_detect_types_and_modality(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert [(f.type, f.modality) for f in detect(sentence)] == expected


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
        "modality": "asserted",
        "dated_by": "text",
        "anchor": None,
    }


def test_event_in_undated_article_takes_estimated_window(make_article: Callable[..., Article]) -> None:
    text = "The war will mark its fourth month on Tuesday. Talks with Moscow are on hold."
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
