"""Speaker resolution through the article: invented sentences run through sentences, entities and quotes."""

from __future__ import annotations

import pytest

from narrascope.document import Article
from narrascope.pipeline import Pipeline
from narrascope.settings import Settings

pytestmark = pytest.mark.slow

# (content start, speaker, resolution) per quote
Row = tuple[str, str | None, str]


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(Settings.load(), ["sentences", "entities", "quotes"])


def speakers(pipeline: Pipeline, text: str) -> list[Row]:
    art = pipeline(Article(text, meta={"language": "en"}))
    return [(art.surface(q)[:24], q.attrs["speaker"], q.attrs["resolution"]) for q in art.layer("quote")]


CASES: list[tuple[str, str, list[Row]]] = [
    (
        "colon after a named speaker with an apposition",
        "Vyacheslav Volodin, the Speaker of the Duma, raged: “The West will pay for every shell it sends.”",
        [("The West will pay for ev", "Vyacheslav Volodin", "named")],
    ),
    (
        "according to her: the person just introduced",
        "Peskov said the talks had failed.\nAnna Berg, the Polish foreign minister, arrived in Kyiv on Monday. "
        "According to her, Warsaw is ready to host the next round.",
        [("the talks had failed", "Dmitry Peskov", "named"), ("Warsaw is ready to host ", "Anna Berg", "pronoun")],
    ),
    (
        "he said that: the person just introduced, not the previous section's speaker",
        "Peskov said the Kremlin would wait for an answer.\nLater, Sergei Naryshkin arrived in Minsk for a meeting. "
        "He said that the West was preparing a provocation.",
        [
            ("the Kremlin would wait f", "Dmitry Peskov", "named"),
            ("that the West was prepar", "Sergei Naryshkin", "pronoun"),
        ],
    ),
    (
        "a title after the quote",
        "Sergei Lavrov met reporters in Moscow. “We will not accept any ultimatum,” the top Russian diplomat stressed.",
        [("We will not accept any u", "Sergei Lavrov", "named")],
    ),
    (
        "a speaker after the quote with a relative clause",
        "“Europe must be ready to talk to Moscow when the time comes,” Macron, who is also touring the "
        "Baltic states this week, said on Friday.",
        [("Europe must be ready to ", "Emmanuel Macron", "named")],
    ),
    (
        "a reported clause whose titled speaker follows",
        "Vladimir Medinsky met the Turkish hosts. Russia is ready to resume the talks in Istanbul next week, "
        "the chief negotiator said.",
        [("Russia is ready to resum", "Vladimir Medinsky", "title")],
    ),
    (
        "a phrasal cue",
        "Dmytro Kuleba made it clear that Kyiv would not give up any territory.",
        [("that Kyiv would not give", "Dmytro Kuleba", "named")],
    ),
    (
        "a partial quote inside a sentence",
        "Recep Tayyip Erdogan touted the conference as “a much-needed venue for dialogue”.",
        [("a much-needed venue for ", "Recep Tayyip Erdoğan", "named")],
    ),
    (
        "a quote over two paragraphs",
        "Josep Borrell spoke to reporters in Brussels.\n“The first thing we need is a ceasefire that holds.\n"
        "“The second is a withdrawal of all troops,” he said.",
        [("The first thing we need ", "Josep Borrell", "pronoun")],  # one quote in two parts
    ),
    (
        "a colon ending a paragraph introduces a quote over the next two",
        "Later, Mykhailo Podolyak set out the position at greater length:\n\n“Russia still behaves as if it can "
        "dictate terms.\n\n“Ukraine will return to the table when there is something real to discuss.”",
        [
            ("Russia still behaves as ", "Mykhailo Podolyak", "named"),
            ("Ukraine will return to t", "Mykhailo Podolyak", "named"),
        ],
    ),
    (
        "he: the subject of the sentence before, not the person it mentions",
        "President Volodymyr Zelensky signed a decree declaring talks with Vladimir Putin impossible. "
        "“We will not sit down with a man who signs papers,” he said.",
        [("We will not sit down wit", "Volodymyr Zelensky", "pronoun")],
    ),
    (
        "X said he …: the inner he is X",
        "Kremlin spokesman Dmitry Peskov spoke first. Belarusian President Alexander Lukashenko later said he "
        "had spoken with Zelensky and promised that the jets would stay on the ground.",
        [
            ("he had spoken with Zelen", "Alexander Lukashenko", "named"),
            ("that the jets would stay", "Alexander Lukashenko", "nested"),
        ],
    ),
    (
        "a pronoun with no one before it stays unresolved",
        "“We will never give up,” he said.",
        [("We will never give up", None, "unresolved")],
    ),
    (
        "a title nobody named carries is kept as the phrase",
        "The city was still cut off from power, the regional governor said.",
        [("The city was still cut o", "the regional governor", "phrase")],
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_speaker(pipeline: Pipeline, name: str, text: str, expected: list[Row]) -> None:
    assert speakers(pipeline, text) == expected


def test_confidence_follows_the_resolution(pipeline: Pipeline) -> None:
    text = "Anna Berg said the talks had failed. “We are ready,” she said.\n“We will never give up,” they said."
    art = pipeline(Article(text, meta={"language": "en"}))
    got = [(q.attrs["resolution"], q.attrs["speaker_confidence"]) for q in art.layer("quote")]
    assert got == [("named", 0.95), ("pronoun", 0.75), ("unresolved", 0.0)]
