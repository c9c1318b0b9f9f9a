import pytest

from narrascope.components.entities import entity_records, parse_date
from narrascope.document import Article
from narrascope.pipeline import Pipeline
from narrascope.settings import Settings


@pytest.mark.parametrize(("value", "expected"), [("2022-05-23T10:00:00", "2022-05-23"), ("", None), ("May 2022", None)])
def test_parse_date(value: str, expected: str | None) -> None:
    got = parse_date(value)
    assert (got.isoformat() if got else None) == expected


@pytest.mark.slow
def test_entities_component_on_a_tiny_article() -> None:
    text = (
        "Fanning the flames, Kremlin aide Vladimir Medinsky said Kiev must decide.\n"
        "Ukraine's lead negotiator Mykhaylo Podolyak disagreed. Podolyak said the Russian president was wrong."
    )
    art = Article(text=text, meta={"published": "2022-05-22"})
    Pipeline(Settings.load(None, {}), ["sentences", "entities"])(art)
    got = [(art.surface(a), a.label, a.attrs["entity_id"], a.attrs["affiliation"]) for a in art.layer("entity")]
    assert got == [
        ("Kremlin", "ORG", "kremlin", "RU"),
        ("Vladimir Medinsky", "PERSON", "vladimir-medinsky", "RU"),
        ("Kiev", "GPE", "kyiv", "UA"),
        ("Ukraine", "GPE", "ukraine", "UA"),
        ("Mykhaylo Podolyak", "PERSON", "mykhailo-podolyak", "UA"),
        ("Podolyak", "PERSON", "mykhailo-podolyak", "UA"),
        ("Russian president", "PERSON", "vladimir-putin", "RU"),
    ]
    podolyak = next(e for e in art.entities if e["id"] == "mykhailo-podolyak")
    assert podolyak["titles"] == ["Ukraine's lead negotiator"]
    assert len(podolyak["mentions"]) == 2
    assert {e["id"] for e in art.entities} == {a.attrs["entity_id"] for a in art.layer("entity")}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("bg", "Президентът Владимир Путин заяви, че Украйната и САЩ не искат мир. Зеленски отговори от Киев.",
         [("Владимир Путин", "vladimir-putin"), ("Украйната", "ukraine"), ("САЩ", "united-states"),
          ("Зеленски", "volodymyr-zelensky"), ("Киев", "kyiv")]),
        ("ru", "Песков заявил, что Кремль готов к переговорам с Украиной. Путину не верят в Вашингтоне.",
         [("Песков", "dmitry-peskov"), ("Кремль", "kremlin"), ("Украиной", "ukraine"), ("Путину", "vladimir-putin"),
          ("Вашингтоне", "washington")]),
        ("hi", "रूस के राष्ट्रपति पुतिन ने कहा कि यूक्रेन और अमेरिका शांति नहीं चाहते। जेलेंस्की ने जवाब दिया।",
         [("रूस", "russia"), ("पुतिन", "vladimir-putin"), ("यूक्रेन", "ukraine"), ("अमेरिका", "united-states"),
          ("जेलेंस्की", "volodymyr-zelensky")]),
        ("pt", "O presidente da Ucrânia, Zelensky, disse que a Rússia e os EUA não querem paz.",
         [("Ucrânia", "ukraine"), ("Zelensky", "volodymyr-zelensky"), ("Rússia", "russia"), ("EUA", "united-states")]),
    ],
)
def test_actors_are_found_in_the_other_languages(lang: str, text: str, expected: list[tuple[str, str]]) -> None:
    """The shared task's other languages name the same actors in their own scripts and case forms
    (invented sentences; names from data/actors/translations.yaml)."""
    art = Article(text=text, meta={"language": lang})
    Pipeline(Settings.load(None, {}), ["sentences", "entities"])(art)
    assert [(art.surface(a), a.attrs["entity_id"]) for a in art.layer("entity")] == expected


def test_entity_records_group_mentions() -> None:
    from narrascope.actors.linker import Mention

    art = Article(text="Putin and Putin")
    ms = [
        Mention(0, 5, "PERSON", "vladimir-putin", "Vladimir Putin", "RU", "gazetteer", "surname", "Q7747"),
        Mention(
            10, 15, "PERSON", "vladimir-putin", "Vladimir Putin", "RU", "gazetteer", "surname", "Q7747", "President"
        ),
    ]
    anns = [art.add("entity", m.start, m.end, m.type, **m.attrs()) for m in ms]
    assert entity_records(ms, anns) == [
        {
            "id": "vladimir-putin",
            "canonical": "Vladimir Putin",
            "type": "PERSON",
            "affiliation": "RU",
            "wikidata": "Q7747",
            "mentions": [anns[0].id, anns[1].id],
            "titles": ["President"],
            "source": "gazetteer",
        }
    ]


def _doc(text: str, ents: list[tuple[int, int, str]], tags: dict[int, str]):  # type: ignore[no-untyped-def]
    import spacy
    from spacy.tokens import Span

    doc = spacy.blank("en")(text)
    for i, tag in tags.items():
        doc[i].tag_ = tag
    doc.ents = [Span(doc, s, e, label=lab) for s, e, lab in ents]
    return doc


@pytest.mark.parametrize(
    ("text", "ents", "tags", "expected"),
    [
        ("Fanning the flames, he spoke.", [(0, 1, "PERSON")], {0: "VBG"}, []),
        ("“Freezing talks was wrong.”", [(1, 2, "PERSON")], {1: "NN"}, []),
        ("The Kremlin's view", [(0, 3, "ORG")], {2: "POS"}, [("Kremlin", "ORG")]),
        ("Javelins went to Bob Smith.", [(0, 1, "PERSON"), (3, 5, "PERSON")], {0: "NNPS"}, [("Bob Smith", "PERSON")]),
        ("in 2022 and 2023", [(1, 2, "DATE")], {}, []),
        ("Tell them quickly", [(0, 1, "GPE")], {0: "VB"}, []),
    ],
)
def test_ner_spans_filters(text: str, ents: list, tags: dict, expected: list) -> None:
    from narrascope.components.entities import ner_spans

    spans = ner_spans(_doc(text, ents, tags), text)
    assert [(text[s.start : s.end], s.label) for s in spans] == expected
