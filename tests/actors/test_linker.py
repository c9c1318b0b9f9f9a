from datetime import date

import pytest

from narrascope.actors.gazetteer import load_gazetteer
from narrascope.actors.linker import Linker, NerSpan


@pytest.fixture(scope="module")
def linker() -> Linker:
    return Linker(load_gazetteer())


def _spans(text: str, *pieces: tuple[str, str]) -> list[NerSpan]:
    out = []
    for surface, label in pieces:
        start = text.index(surface)
        out.append(NerSpan(start, start + len(surface), label))
    return out


def _table(linker: Linker, text: str, ner=(), day=None) -> list[tuple[str, str, str | None]]:
    return [(text[m.start : m.end], m.entity_id, m.affiliation) for m in linker.link(text, ner, day)]


def test_variants_and_surnames_join_one_actor(linker: Linker) -> None:
    text = "Mykhaylo Podolyak met Mikhail Podolyak. Podolyak said Kiev and Kyiv agree; Lugansk is Luhansk."
    assert _table(linker, text) == [
        ("Mykhaylo Podolyak", "mykhailo-podolyak", "UA"),
        ("Mikhail Podolyak", "mykhailo-podolyak", "UA"),
        ("Podolyak", "mykhailo-podolyak", "UA"),
        ("Kiev", "kyiv", "UA"),
        ("Kyiv", "kyiv", "UA"),
        ("Lugansk", "luhansk", "UA"),
        ("Luhansk", "luhansk", "UA"),
    ]


def test_gazetteer_overrides_ner_mistakes(linker: Linker) -> None:
    text = "Kiev rejected it, Josep Borrel said."
    ner = _spans(text, ("Kiev", "PERSON"), ("Josep Borrel", "FAC"))
    assert _table(linker, text, ner) == [("Kiev", "kyiv", "UA"), ("Josep Borrel", "josep-borrell", "EU")]


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2022, 3, 1), "antony-blinken"),
        (date(2019, 3, 1), "mike-pompeo"),
        (date(2025, 6, 1), "marco-rubio"),
    ],
)
def test_title_only_mention_links_to_holder_on_date(linker: Linker, day: date, expected: str) -> None:
    text = "The top US diplomat ruled out talks."
    mentions = linker.link(text, (), day)
    title = [m for m in mentions if m.form == "title"]
    assert [(text[m.start : m.end], m.entity_id) for m in title] == [("top US diplomat", expected)]


def test_title_only_prefers_actor_named_in_article(linker: Linker) -> None:
    text = "Vladimir Putin spoke. Later the Russian president said more."
    assert _table(linker, text) == [
        ("Vladimir Putin", "vladimir-putin", "RU"),
        ("Russian president", "vladimir-putin", "RU"),
    ]


def test_ambiguous_surname_needs_the_full_name(linker: Linker) -> None:
    assert _table(linker, "Austin is a city.") == []
    assert _table(linker, "Lloyd Austin came. Austin spoke.")[-1] == ("Austin", "lloyd-austin", "US")


def test_appositive_titles_are_captured(linker: Linker) -> None:
    text = "At the border, Ukraine’s lead negotiator Mykhaylo Podolyak and Kremlin spokesman Dmitry Peskov spoke."
    titles = {m.canonical: m.title for m in linker.link(text) if m.type == "PERSON"}
    assert titles == {"Mykhailo Podolyak": "Ukraine’s lead negotiator", "Dmitry Peskov": "Kremlin spokesman"}


def test_unknown_people_cluster_by_surname_and_take_affiliation_from_title(linker: Linker) -> None:
    text = "Polish general Jan Kowalski spoke. Kowalski added that Anna Nowak agreed."
    ner = _spans(text, ("Jan Kowalski", "PERSON"), ("Kowalski added", "PERSON"), ("Anna Nowak", "PERSON"))
    ner[1] = NerSpan(ner[1].start, ner[1].start + len("Kowalski"), "PERSON")
    out = [(text[m.start : m.end], m.entity_id, m.affiliation, m.form) for m in linker.link(text, ner)]
    assert out == [
        ("Jan Kowalski", "ner:person:jan-kowalski", "PL", "name"),
        ("Kowalski", "ner:person:jan-kowalski", "PL", "surname"),
        ("Anna Nowak", "ner:person:anna-nowak", None, "name"),
    ]


def test_ner_keeps_longer_names_that_contain_a_place_or_surname(linker: Linker) -> None:
    text = "Moscow State University hosted Melania Trump."
    ner = _spans(text, ("Moscow State University", "ORG"), ("Melania Trump", "PERSON"))
    assert _table(linker, text, ner) == [
        ("Moscow State University", "ner:org:moscow-state-university", "RU"),
        ("Melania Trump", "ner:person:melania-trump", None),
    ]


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_WORDS = st.sampled_from(["Kiev", "Putin", "the", "Russian", "president", "said", ",", "Kremlin", "spokesman", "US",
                          "Borrell", "Zelensky", "’s", "\n", "Donetsk", "and", "regions", "Путин", "“", "-"])


@settings(max_examples=150, deadline=None)
@given(st.lists(_WORDS, max_size=30), st.lists(st.tuples(st.integers(0, 200), st.integers(1, 30)), max_size=5))
def test_linker_never_fails_and_spans_fit(words: list[str], raw_spans: list[tuple[int, int]]) -> None:
    text = " ".join(words)
    gaz_linker = _LINKER
    ner = [
        NerSpan(s, min(s + n, len(text)), "PERSON") for s, n in raw_spans if s < len(text) and text[s : s + n].strip()
    ]
    for m in gaz_linker.link(text, ner):
        assert 0 <= m.start < m.end <= len(text)
        assert m.entity_id


_LINKER = Linker(load_gazetteer())


def test_bare_ministry_in_a_title_takes_the_person_s_country() -> None:
    text = "Foreign Ministry spokeswoman Maria Zakharova said so."
    ner = _spans(text, ("Foreign Ministry", "ORG"))
    assert _table(_LINKER, text, ner) == [
        ("Foreign Ministry", "russian-foreign-ministry", "RU"),
        ("Maria Zakharova", "maria-zakharova", "RU"),
    ]
