from narrascope.actors.corpus import collect, list_actors, merge_map
from narrascope.actors.gazetteer import build_gazetteer
from narrascope.document import Article

GAZ = build_gazetteer(
    [
        ("t", {"id": "kyiv", "canonical": "Kyiv", "type": "GPE", "affiliation": "UA", "aliases": ["Kiev"]}),
        ("t", {"id": "klitschko-v", "canonical": "Vitali Klitschko", "type": "PERSON", "affiliation": "UA"}),
        ("t", {"id": "klitschko-w", "canonical": "Wladimir Klitschko", "type": "PERSON", "affiliation": "UA"}),
    ]
)


def _art(source: str, day: str, *records: tuple[str, str, str, int, str]) -> Article:
    ents = [
        {"id": i, "canonical": c, "type": t, "affiliation": None, "wikidata": None, "mentions": ["x"] * n, "source": s}
        for i, c, t, n, s in records
    ]
    return Article(text=f"{source} {day}", meta={"source": source, "published": day}, entities=ents)


CORPUS = [
    _art("RT", "2022-05-02", ("ner:person:oleksandr-shevchenko", "Oleksandr Shevchenko", "PERSON", 2, "ner"),
         ("klitschko-v", "Vitali Klitschko", "PERSON", 1, "gazetteer")),
    _art("TASS", "2022-04-01", ("ner:person:oleksandr-shevchenko", "Oleksandr Shevchenko", "PERSON", 1, "ner"),
         ("ner:person:shevchenko", "Shevchenko", "PERSON", 1, "ner"),
         ("ner:person:kowalczyk", "Kowalczyk", "PERSON", 1, "ner"),
         ("klitschko-w", "Wladimir Klitschko", "PERSON", 1, "gazetteer")),
    _art("RT", "2022-06-09", ("ner:person:aleksandr-shevchenko", "Aleksandr Shevchenko", "PERSON", 1, "ner"),
         ("ner:person:olexandr-shevchenko", "Olexandr Shevchenko", "PERSON", 1, "ner"),
         ("ner:gpe:kiev", "Kiev", "GPE", 3, "ner"),
         ("ner:person:taras-shevchenko-jr", "Taras Shevchuk", "PERSON", 1, "ner"),
         ("ner:person:jan-kowalczyk", "Jan Kowalczyk", "PERSON", 1, "ner")),
]


def test_merge_is_conservative_and_never_joins_gazetteer_actors() -> None:
    mapping = merge_map(collect(CORPUS), GAZ)
    assert mapping == {
        "ner:person:oleksandr-shevchenko": "ner:person:oleksandr-shevchenko",
        "ner:person:olexandr-shevchenko": "ner:person:oleksandr-shevchenko",
        "ner:person:shevchenko": "ner:person:shevchenko",  # two full names end with it: left alone
        "ner:person:kowalczyk": "ner:person:jan-kowalczyk",
        "ner:person:jan-kowalczyk": "ner:person:jan-kowalczyk",
        "ner:person:aleksandr-shevchenko": "ner:person:aleksandr-shevchenko",
        "ner:gpe:kiev": "kyiv",
        "ner:person:taras-shevchenko-jr": "ner:person:taras-shevchenko-jr",
        "klitschko-v": "klitschko-v",
        "klitschko-w": "klitschko-w",
    }


def test_list_actors_counts_outlets_and_dates() -> None:
    rows = {r.id: r.to_dict() for r in list_actors(CORPUS, GAZ)}
    assert rows["ner:person:oleksandr-shevchenko"] == {
        "id": "ner:person:oleksandr-shevchenko",
        "canonical": "Oleksandr Shevchenko",
        "type": "PERSON",
        "affiliation": None,
        "wikidata": None,
        "source": "ner",
        "mentions": 4,
        "articles": 3,
        "outlets": ["RT", "TASS"],
        "first": "2022-04-01",
        "last": "2022-06-09",
        "titles": [],
        "roles": {},
    }
    assert rows["kyiv"]["mentions"] == 3 and rows["kyiv"]["affiliation"] == "UA"
    assert [r.id for r in list_actors(CORPUS, GAZ, etype="gpe")] == ["kyiv"]
