"""Quote and passage reuse across hand-written articles, and passages repeated inside one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from narrascope.corpus.index import update_index
from narrascope.corpus.keys import repeated_passages
from narrascope.corpus.propagation import propagation
from narrascope.corpus.text import normalise, winnow, words
from narrascope.document import Article
from narrascope.store import Store

QUOTE = "We are ready to keep up the dialogue with Kyiv at any time and in any format"
SHARED = (
    "The delegation arrived in the border town late in the evening and was met by officials "
    "who had prepared the rooms for a long round of talks."
)


@pytest.fixture
def corpus(make_article: Callable[..., Article]) -> list[Article]:
    variant = "“we are ready to keep up the dialogue with Kyiv, at any time and in any format”"
    partial = "ready to keep up the dialogue with Kyiv at any time"
    return [
        make_article(
            f"Peskov said: “{QUOTE}.” Other news followed.",
            "2022-03-02",
            "Outlet B",
            quotes=((QUOTE, "dmitry-peskov"),),
        ),
        make_article(
            f'"{QUOTE}," Peskov told reporters. {SHARED}', "2022-03-01", "Outlet A", quotes=((QUOTE, "dmitry-peskov"),)
        ),
        make_article(
            f"He said he was {partial} according to the agency. {SHARED}",
            "2022-03-05",
            "Outlet C",
            quotes=((partial, "dmitry-peskov"),),
        ),
        make_article(
            f"The spokesman repeated {variant} on Monday.", None, "Outlet D", quotes=((variant, "dmitry-peskov"),)
        ),
        make_article(
            "“Our army will speak for us until the last of the invaders has gone home,” Podolyak said.",
            "2022-03-03",
            "Outlet A",
            quotes=(("Our army will speak for us until the last of the invaders has gone home", "podolyak"),),
        ),
    ]


def test_normalise_ignores_case_punctuation_and_quote_style() -> None:
    assert normalise("“We’re ready,” he said —  NOW.") == "were ready he said now"
    assert [w[0] for w in words("Kyiv's 'plan'")] == ["kyivs", "plan"]


def test_winnow_keeps_a_fingerprint_of_every_long_enough_match() -> None:
    grams = [(k, i, i + 1) for i, k in enumerate([5, 3, 8, 1, 9, 2, 7, 4, 6])]
    assert winnow(grams, 3) == [(3, 1, 2), (1, 3, 4), (2, 5, 6), (4, 7, 8)]


def test_quote_chain_first_appearance_and_fuzzy_variants(corpus: list[Article]) -> None:
    result = propagation(corpus)
    (group,) = result["quotes"]
    assert group["n_articles"] == 4
    assert [a["source"] for a in group["chain"]] == ["Outlet A", "Outlet B", "Outlet C", "Outlet D"]
    assert group["first"]["published"] == "2022-03-01"
    assert group["outlets"] == ["Outlet A", "Outlet B", "Outlet C", "Outlet D"]
    assert {a["speaker"] for a in group["chain"]} == {"dmitry-peskov"}


def test_shared_passage_and_no_false_reuse(corpus: list[Article]) -> None:
    passages = propagation(corpus)["passages"]
    long_ = [p for p in passages if {a["source"] for a in p["chain"]} == {"Outlet A", "Outlet C"}]
    assert long_ and long_[0]["n_articles"] == 2
    assert all("invaders" not in p["text"] for p in passages)


def test_min_articles_and_limit(corpus: list[Article]) -> None:
    assert propagation(corpus, min_articles=5)["quotes"] == []
    assert len(propagation(corpus, limit=1)["passages"]) == 1


def test_repeated_passage_inside_one_article(make_article: Callable[..., Article]) -> None:
    para = "Asked about the plan the foreign minister replied that the delegation could travel to the border soon"
    text = f"{para} as soon as the troops lay down arms. Other news. {para}, once the troops lay down their arms."
    (rep,) = repeated_passages(words(text))
    (s1, e1), (s2, e2) = rep["spans"]
    assert text[s1:e1] == para and text[s2:e2] == para
    result = propagation([make_article(text, source="Outlet Z")])
    assert [(r["source"], r["text"]) for r in result["repeats"]] == [("Outlet Z", para)]


def test_store_matches_articles(corpus: list[Article], tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path}/p.db")
    for art in corpus:
        store.save(art)
    update_index(store)
    from_store, from_list = propagation(store), propagation(corpus)
    assert [[a["article_id"] for a in g["chain"]] for g in from_store["quotes"]] == [
        [a["article_id"] for a in g["chain"]] for g in from_list["quotes"]
    ]
    assert [p["text"] for p in from_store["passages"]] == [p["text"] for p in from_list["passages"]]


def test_travelled_quote_shows_original_text_once_per_passage(corpus: list[Article], tmp_path: Path) -> None:
    """Each appearance keeps the article's own case and punctuation; a quote nested in another is one passage."""
    nested = corpus[0]  # Outlet B
    inner = "keep up the dialogue with Kyiv at any time and in any format"
    start = nested.text.index(inner)
    nested.add("quote", start, start + len(inner), "quote", kind="direct", speaker="dmitry-peskov")
    store = Store(f"sqlite:///{tmp_path}/o.db")
    for art in corpus:
        store.save(art)
    update_index(store)
    for result in (propagation(corpus), propagation(store)):
        (group,) = result["quotes"]
        assert group["text"] == QUOTE
        assert [(a["source"], a["text"]) for a in group["chain"]] == [
            ("Outlet A", QUOTE),
            ("Outlet B", QUOTE),
            ("Outlet C", "ready to keep up the dialogue with Kyiv at any time"),
            ("Outlet D", "“we are ready to keep up the dialogue with Kyiv, at any time and in any format”"),
        ]


def test_travelled_quote_in_pieces_shows_its_surface_not_the_hull(tmp_path: Path) -> None:
    """A quote split by its reporting clause (``attrs.parts``) appears as its pieces joined by " … "."""
    head, tail = "We will not give up a single village of the valley,", "not one field and not one road."
    split = Article(f"“{head}” the envoy said, “{tail}”", meta={"source": "Outlet S", "published": "2031-04-02"})
    s1, s2 = split.text.index(head), split.text.index(tail)
    parts = [[s1, s1 + len(head)], [s2, s2 + len(tail)]]
    split.add("quote", s1, s2 + len(tail), "quote", kind="direct", speaker="envoy", parts=parts)
    whole = f"{head} {tail}"
    plain = Article(f"The envoy said: “{whole}”", meta={"source": "Outlet P", "published": "2031-04-01"})
    i = plain.text.index(whole)
    plain.add("quote", i, i + len(whole), "quote", kind="direct", speaker="envoy")
    store = Store(f"sqlite:///{tmp_path}/s.db")
    for art in (split, plain):
        store.save(art)
    update_index(store)
    for result in (propagation([split, plain]), propagation(store)):
        assert [(a["source"], a["text"]) for g in result["quotes"] for a in g["chain"]] == [
            ("Outlet P", whole),
            ("Outlet S", f"{head} … {tail}"),
        ]


def test_store_propagation_only_reads(corpus: list[Article], tmp_path: Path) -> None:
    """Reads never write: an unindexed store answers from its (empty) index and stays unindexed."""
    from narrascope.store.corpus import stale_ids

    store = Store(f"sqlite:///{tmp_path}/ro.db")
    for art in corpus:
        store.save(art)
    assert propagation(store)["quotes"] == []
    assert len(stale_ids(store)) == len(corpus)
    assert update_index(store) == len(corpus) and stale_ids(store) == []
    assert propagation(store)["quotes"]
