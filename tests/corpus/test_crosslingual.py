"""Quotes linked across languages: invented parallel sentences in English, Russian and Bulgarian."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from narrascope.corpus.crosslingual import crosslingual
from narrascope.document import Article

READY = {
    "en": "We are ready to keep up the dialogue with Kyiv at any time and in any format.",
    "ru": "Мы готовы продолжить диалог с Киевом в любое время и в любом формате.",
    "bg": "Готови сме да продължим диалога с Киев по всяко време и във всякакъв формат.",
}
NO_TALKS = {
    "en": "There will be no negotiations while Russian troops remain on our land.",
    "ru": "Никаких переговоров не будет, пока российские войска остаются на нашей земле.",
}
WINTER = "Зимата тази година ще бъде тежка за европейските домакинства."


class MeaningEmbedder:
    """A fake multilingual encoder: each invented sentence maps to the vector of its meaning."""

    def __init__(self) -> None:
        meanings = {**{t: 0 for t in READY.values()}, **{t: 1 for t in NO_TALKS.values()}, WINTER: 2}
        self.rows = {t: np.eye(3)[m] for t, m in meanings.items()}

    def embed(self, texts: list[str]) -> np.ndarray:
        return np.array([self.rows[t] for t in texts], dtype=np.float32)


def _article(make: Callable[..., Article], quotes: list[str], lang: str, published: str, source: str) -> Article:
    text = " ".join(f"“{q}” he said." for q in quotes)
    art = make(text, published, source, quotes=tuple((q, "speaker") for q in quotes))
    art.meta["language"] = lang
    return art


def test_parallel_quotes_are_linked_across_languages(make_article: Callable[..., Article]) -> None:
    arts = [
        _article(make_article, [READY["en"], NO_TALKS["en"]], "en", "2022-03-01", "Outlet EN"),
        _article(make_article, [READY["ru"]], "ru", "2022-03-02", "Outlet RU"),
        _article(make_article, [READY["bg"], WINTER], "bg", "2022-03-03", "Outlet BG"),
        _article(make_article, [NO_TALKS["ru"]], "ru", "2022-02-27", "Outlet RU"),
        # The same English quote again: same-language reuse is propagation's, not linked here.
        _article(make_article, [READY["en"]], "en", "2022-03-04", "Outlet EN2"),
    ]
    groups = crosslingual(arts, MeaningEmbedder(), threshold=0.9)
    summary = [
        (
            g["languages"],
            g["n_articles"],
            g["outlets"],
            g["score"],
            [(c["language"], c["published"]) for c in g["chain"]],
        )
        for g in groups
    ]
    assert summary == [
        (
            ["bg", "en", "ru"],
            4,
            ["Outlet BG", "Outlet EN", "Outlet EN2", "Outlet RU"],
            1.0,
            [("en", "2022-03-01"), ("ru", "2022-03-02"), ("bg", "2022-03-03"), ("en", "2022-03-04")],
        ),
        (["en", "ru"], 2, ["Outlet EN", "Outlet RU"], 1.0, [("ru", "2022-02-27"), ("en", "2022-03-01")]),
    ]
    assert groups[0]["first"]["text"] == READY["en"]


def test_one_language_links_nothing(make_article: Callable[..., Article]) -> None:
    arts = [
        _article(make_article, [READY["en"]], "en", "2022-03-01", "A"),
        _article(make_article, [READY["en"]], "en", "2022-03-02", "B"),
    ]
    assert crosslingual(arts, MeaningEmbedder()) == []


def test_quote_nested_in_another_shows_once(make_article: Callable[..., Article]) -> None:
    inner = "ready to keep up the dialogue with Kyiv at any time"
    outer = make_article(f"“{READY['en']}” he said.", "2022-03-01", "Outlet EN", quotes=((READY["en"], "speaker"),))
    i = outer.text.index(inner)
    outer.add("quote", i, i + len(inner), "quote", kind="direct", speaker="speaker")
    outer.meta["language"] = "en"
    embedder = MeaningEmbedder()
    embedder.rows[inner] = embedder.rows[READY["en"]]
    groups = crosslingual([outer, _article(make_article, [READY["ru"]], "ru", "2022-03-02", "Outlet RU")], embedder)
    assert [[(c["language"], c["text"]) for c in g["chain"]] for g in groups] == [
        [("en", READY["en"]), ("ru", READY["ru"])]
    ]


@pytest.mark.slow
def test_multilingual_encoder_links_en_ru_bg(make_article: Callable[..., Article]) -> None:
    arts = [
        _article(make_article, [READY["en"]], "en", "2022-03-01", "Outlet EN"),
        _article(make_article, [READY["ru"], NO_TALKS["ru"]], "ru", "2022-03-02", "Outlet RU"),
        _article(make_article, [READY["bg"], WINTER], "bg", "2022-03-03", "Outlet BG"),
    ]
    groups = crosslingual(arts)
    assert [(g["languages"], [c["text"] for c in g["chain"]]) for g in groups] == [
        (["bg", "en", "ru"], [READY["en"], READY["ru"], READY["bg"]])
    ]
