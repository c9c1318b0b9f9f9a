"""The propagation page and its JSON twin over invented EN/RU/BG articles, with a fake multilingual encoder."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from narrascope.cli import main
from narrascope.corpus.index import update_index
from narrascope.document import Article
from narrascope.errors import ModelError
from narrascope.settings import Settings
from narrascope.store import Store

from .conftest import client_for, make_settings

# One invented statement in three languages (a cross-lingual group) ...
HARBOUR = {
    "en": "The harbour of Vessa will stay open to grain ships all through the winter.",
    "ru": "Гавань Вессы будет открыта для судов с зерном всю зиму.",
    "bg": "Пристанището на Веса ще остане отворено за корабите със зърно през цялата зима.",
}
# ... and one quote two English outlets carry, the first split around its reporting clause.
HEAD, TAIL = "We will not give up a single village of the valley,", "not one field and not one road."
SPLIT = f"“{HEAD}” the envoy said, “{TAIL}”"
LOUD = "WE WILL NOT give up a single village of the valley — not one field and not one road!"


def _quoted(text: str, quote: str, lang: str, published: str, source: str) -> Article:
    art = Article(text=text, meta={"published": published, "source": source, "language": lang, "title": source})
    i = text.index(quote)
    art.add("quote", i, i + len(quote), "quote", kind="direct", speaker="Envoy", speaker_entity="envoy")
    return art


def articles() -> list[Article]:
    split = Article(text=SPLIT, meta={"published": "2031-05-04", "source": "Outlet B", "language": "en"})
    s1, s2 = SPLIT.index(HEAD), SPLIT.index(TAIL)
    parts = [[s1, s1 + len(HEAD)], [s2, s2 + len(TAIL)]]
    split.add("quote", s1, s2 + len(TAIL), "quote", kind="direct", speaker="Envoy", speaker_entity="envoy", parts=parts)
    return [
        _quoted(f"“{HARBOUR['en']}” the minister said.", HARBOUR["en"], "en", "2031-05-01", "Outlet A"),
        _quoted(f"«{HARBOUR['ru']}» — заявил министр.", HARBOUR["ru"], "ru", "2031-05-02", "Outlet R"),
        _quoted(f"„{HARBOUR['bg']}“, каза министърът.", HARBOUR["bg"], "bg", "2031-05-03", "Outlet G"),
        split,
        _quoted(f"The envoy said: “{LOUD}”", LOUD, "en", "2031-05-05", "Outlet C"),
    ]


class MeaningEmbedder:
    """A fake multilingual encoder: the three harbour sentences share a vector, every other text has its own."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {t: 0 for t in HARBOUR.values()}

    def embed(self, texts: list[str]) -> np.ndarray:
        rows = [np.eye(16)[self.seen.setdefault(t, len(self.seen) - 2)] for t in texts]
        return np.array(rows, dtype=np.float32)


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setattr("narrascope.models.embeddings.get_embedder", lambda name, device=None: MeaningEmbedder())
    settings = make_settings(tmp_path)
    store = Store(settings.store.url)
    for art in articles():
        store.save(art)
    update_index(store)
    return settings


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with client_for(settings) as c:
        yield c


SAME_LANGUAGE = [("Outlet B", f"{HEAD} … {TAIL}"), ("Outlet C", LOUD)]  # each article's own wording, once
CROSS_LINGUAL = [
    (
        ["bg", "en", "ru"],
        1.0,
        [
            ("en", "Outlet A", HARBOUR["en"], 1.0),
            ("ru", "Outlet R", HARBOUR["ru"], 1.0),
            ("bg", "Outlet G", HARBOUR["bg"], 1.0),
        ],
    )
]


def _same(data: dict) -> list[tuple[str, str]]:
    return [(a["source"], a["text"]) for g in data["quotes"] for a in g["chain"]]


def _cross(data: dict) -> list[tuple[list[str], float, list[tuple[str, str, str, float]]]]:
    return [
        (g["languages"], g["score"], [(a["language"], a["source"], a["text"], a["similarity"]) for a in g["chain"]])
        for g in data["cross_lingual"]
    ]


def test_propagation_json_twin_shows_same_language_and_cross_lingual_matches(client: TestClient) -> None:
    plain = client.get("/api/propagation").json()
    assert plain["filters"] == {"cross_lingual": False, "similarity": 0.6, "min_articles": 2, "limit": 100}
    assert (_same(plain), plain["cross_lingual"], plain["cross_lingual_error"]) == (SAME_LANGUAGE, None, None)
    both = client.get("/api/propagation?cross_lingual=1&similarity=0.9").json()
    assert (_same(both), _cross(both), both["cross_lingual_error"]) == (SAME_LANGUAGE, CROSS_LINGUAL, None)
    assert both["filters"]["similarity"] == 0.9
    assert client.get("/api/propagation?similarity=2").status_code == 400


def test_propagation_page_renders_the_same_matches(client: TestClient) -> None:
    page = client.get("/propagation?cross_lingual=1", headers={"accept": "text/html"})
    assert page.status_code == 200 and 'href="/api/propagation?cross_lingual=1"' in page.text
    for text in HARBOUR.values():
        assert f'<q class="xl-text">{text}</q>' in page.text
    for text in (f"{HEAD} … {TAIL}", LOUD):
        assert f'<q class="chain-text">{text}</q>' in page.text
    assert '<span class="xl-languages">bg / en / ru</span>' in page.text
    off = client.get("/propagation", headers={"accept": "text/html"})
    assert 'id="cross-lingual-on"' in off.text and 'class="xl-text"' not in off.text
    overview = client.get("/", headers={"accept": "text/html"}).text
    assert 'href="/propagation"' in overview and f"“{HEAD} … {TAIL}”" in overview  # link; first wording
    travelled = client.get("/api/overview").json()["travelled_quotes"]
    assert [(g["n_articles"], g["first"]["source"], g["first"]["text"]) for g in travelled] == [
        (2, "Outlet B", f"{HEAD} … {TAIL}")
    ]


def test_missing_encoder_keeps_same_language_results(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    def unavailable(name: str, device: str | None = None) -> MeaningEmbedder:
        raise ModelError("the 'use' encoder is not installed")

    monkeypatch.setattr("narrascope.models.embeddings.get_embedder", unavailable)
    data = client.get("/api/propagation?cross_lingual=1").json()
    assert (_same(data), data["cross_lingual"], data["cross_lingual_error"]) == (
        SAME_LANGUAGE,
        None,
        "the 'use' encoder is not installed",
    )
    page = client.get("/propagation?cross_lingual=1", headers={"accept": "text/html"})
    assert page.status_code == 200 and "Cross-lingual matching is not available: the" in page.text


def test_cli_and_api_give_the_same_propagation(client: TestClient, settings: Settings) -> None:
    db = settings.store.url.removeprefix("sqlite:///")
    args = ["propagation", "--db", db, "--cross-lingual", "--similarity", "0.9", "--format", "json"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    cli = json.loads(result.stdout)
    api = client.get("/api/propagation?cross_lingual=1&similarity=0.9").json()
    assert sorted(cli) == ["cross_lingual", "passages", "quotes", "repeats"]
    assert cli == {k: api[k] for k in cli}
