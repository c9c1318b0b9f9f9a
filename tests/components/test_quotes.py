"""The quote layer end to end: attrs, entity-layer speakers, and the five peace-talks samples."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrascope.document import Article
from narrascope.pipeline import Pipeline, registered
from narrascope.settings import Settings

pytestmark = pytest.mark.slow


def analyse(text: str, entities: list[tuple[int, int, str, str]] | None = None) -> Article:
    """Run sentences, add hand-made entity annotations, then run quotes."""
    settings = Settings.load()
    art = Article(text)
    Pipeline(settings, ["sentences"])._components()[0][1]([art])
    for start, end, eid, canonical in entities or []:
        art.add("entity", start, end, "PERSON", entity_id=eid, canonical=canonical, type="PERSON", title="")
    quotes = registered()["quotes"].factory(settings)
    quotes([art])
    return art


def test_registered_with_its_needs() -> None:
    spec = registered()["quotes"]
    assert (spec.needs, spec.produces) == (("sentence", "spacy"), ("quote",))


def test_attrs_of_a_direct_quote() -> None:
    text = "“We are ready to talk,” Anna Berg said."
    art = analyse(text)
    (q,) = art.layer("quote")
    assert (q.start, q.end, q.label) == (1, 21, "quote")
    assert q.attrs == {
        "kind": "direct",
        "cue": "said",
        "cue_span": [34, 38],
        "speaker_span": [24, 33],
        "source_span": [24, 33],
        "speaker_entity": None,
        "speaker": "Anna Berg",
        "speaker_confidence": 0.95,
        "resolution": "named",
        "frame": "ccomp",
        "cue_type": "lexicon",
        "part": 1,
    }


def test_speaker_resolved_through_entity_layer() -> None:
    text = "Anna Berg arrived in Minsk. “We are ready,” she said."
    art = analyse(text, [(0, 9, "Q1", "Anna K. Berg")])
    (q,) = art.layer("quote")
    assert art.surface(q) == "We are ready"
    assert (q.attrs["speaker_entity"], q.attrs["speaker"], q.attrs["speaker_span"], q.attrs["source_span"]) == (
        "Q1",
        "Anna K. Berg",
        [0, 9],
        [44, 47],
    )


def test_non_english_article_is_skipped() -> None:
    settings = Settings.load()
    art = Article("«Мы готовы», сказал он.", meta={"language": "ru"})
    Pipeline(settings, ["sentences", "quotes"])(art)
    assert art.layer("quote") == []


# (sample file prefix, start of the quote text, speaker surname, kind)
SAMPLE_QUOTES = [
    ("000", "For our part, we are ready", "Medinsky", "direct"),
    ("000", "Freezing talks was entirely", "Medinsky", "direct"),
    ("000", "Any concession to Russia", "Podolyak", "direct"),
    ("000", "Well, we have a better idea", "Podolyak", "direct"),
    ("000", "The war must end", "Yermak", "direct"),
    ("001", "We don’t reject the negotiations", "Lavrov", "direct"),
    ("001", "Nobody needs a meeting", "Peskov", "direct"),
    ("002", "Negotiations are extremely difficult", "Podolyak", "direct"),
    ("002", "Kyiv has walked away", "Putin", "direct"),
    ("002", "I propose to the Russian Federation", "Zelensky", "direct"),
    ("003", "that Moscow has not demonstrated", "Blinken", "mixed"),
    ("004", "that Moscow will begin negotiations", "Lavrov", "reported"),
]
# titles resolve through the entity layer's titles ("the Russian president" -> Putin)
TITLE_QUOTES = [
    ("002", "I often get these questions", "Putin", "direct"),
    ("002", "the negotiations had effectively run into", "Putin", "mixed"),
]


@pytest.mark.parametrize("names", [["sentences", "quotes"], ["sentences", "entities", "quotes"]])
def test_peace_talks_samples(shared: Path, names: list[str]) -> None:
    files = sorted((shared / "samples" / "peace-talks").glob("*.txt"))
    arts = {}
    pipe = Pipeline(Settings.load(), names)
    for f in files:
        art = Article(f.read_text(encoding="utf-8"))
        pipe(art)
        arts[f.name[:3]] = art
    with_entities = "entities" in names
    missing = []
    for prefix, start, surname, kind in SAMPLE_QUOTES + (TITLE_QUOTES if with_entities else []):
        art = arts[prefix]
        found = [
            (q.attrs["speaker"], q.attrs["kind"], q.attrs["speaker_entity"])
            for q in art.layer("quote")
            if any(piece.startswith(start) for piece in art.surface(q).split(" … "))
        ]
        if not any(surname in (sp or "") and k == kind and (ent or not with_entities) for sp, k, ent in found):
            missing.append((prefix, start, surname, kind, found))
    assert missing == []
