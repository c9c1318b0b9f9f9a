"""The timeline and outlet pages and their JSON twins over a hand-built store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from narrascope.corpus.events import annotate
from narrascope.document import Article
from narrascope.settings import Settings
from narrascope.store import Store

from .conftest import client_for, make_settings

MET = "Delegations met in Vessa for talks on 3 May 2031."
MAY_MEET = "Delegations could meet again in Vessa for talks, officials said."


def _article(text: str, published: str, source: str) -> Article:
    art = Article(text=text, meta={"published": published, "source": source, "title": text[:12], "language": "en"})
    art.add("sentence", 0, len(text), "sentence")
    if "3 May 2031" in text:
        i = text.index("3 May 2031")
        art.add("date", i, i + 10, "date", resolved="2031-05-03", relative=False, kind="point", dated_by="text")
    i = text.index("Vessa")
    art.add("entity", i, i + 5, "GPE", entity_id="vessa", canonical="Vessa", type="GPE")
    annotate(art)
    return art


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    settings = make_settings(tmp_path)
    store = Store(settings.store.url)
    store.save(_article(MET, "2031-05-04", "Outlet A"))
    store.save(_article(MET.replace("Delegations", "The delegations"), "2031-05-05", "Outlet B"))
    store.save(_article(MAY_MEET, "2031-05-06", "Outlet B"))
    return settings


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with client_for(settings) as c:
        yield c


def test_timeline_page_and_json_twin(client: TestClient) -> None:
    data = client.get("/api/timeline").json()
    assert [(e["type"], e["when"], e["n_sources"], e["outlets"]) for e in data["entries"]] == [
        ("talks_held", "2031-05-03", 2, ["Outlet A", "Outlet B"])
    ]
    assert (data["total"], data["undated"], data["by_month"]) == (1, 0, {"2031-05": {"talks_held": 1}})
    page = client.get("/timeline", headers={"accept": "text/html"})
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    first = data["entries"][0]["sources"][0]
    assert f'href="/articles/{first["article_id"]}#{first["annotation_id"]}"' in page.text
    assert 'href="/api/timeline"' in page.text and 'id="timeline-chart"' in page.text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # An entry reported by the outlet, with all its sources.
        ("outlet=Outlet+A", [("talks_held", "asserted", 2)]),
        ("outlet=Outlet+Z", []),
        ("from=June+2031", []),
        ("from=2031-05-01&to=2031-05-31", [("talks_held", "asserted", 2)]),
        ("modality=hypothetical", [("talks_held", "hypothetical", 1)]),
        ("type=decree", []),
        ("type=&outlet=&modality=", [("talks_held", "asserted", 2)]),
    ],
)
def test_timeline_filters(client: TestClient, query: str, expected: list[tuple[str, str, int]]) -> None:
    entries = client.get(f"/api/timeline?{query}").json()["entries"]
    assert [(e["type"], e["modality"], e["n_sources"]) for e in entries] == expected
    assert client.get(f"/timeline?{query}", headers={"accept": "text/html"}).status_code == 200


def test_unreadable_dates_are_refused(client: TestClient) -> None:
    resp = client.get("/api/timeline?from=blorp")
    assert (resp.status_code, resp.json()["detail"]) == (
        400,
        "from: cannot read 'blorp' as a date: give YYYY-MM-DD, or e.g. 'yesterday', '1 March 2022'",
    )
    assert client.get("/timeline?to=blorp", headers={"accept": "text/html"}).status_code == 400


def test_outlets_endpoint_and_pages(client: TestClient) -> None:
    data = client.get("/api/corpus/outlets").json()
    assert (data["total"], data["articles"]) == (2, 3)
    assert [(p["outlet"], p["articles"], p["languages"], p["first_month"]) for p in data["outlets"]] == [
        ("Outlet B", 2, {"en": 2}, "2031-05"),
        ("Outlet A", 1, {"en": 1}, "2031-05"),
    ]
    listing = client.get("/outlets", headers={"accept": "text/html"})
    assert listing.status_code == 200 and 'href="/outlets/Outlet%20B"' in listing.text
    one = client.get("/api/outlets/Outlet%20B").json()
    assert (one["outlet"], one["by_month"], one["undated"]) == ("Outlet B", {"2031-05": 2}, 0)
    page = client.get("/outlets/Outlet%20B", headers={"accept": "text/html"})
    assert page.status_code == 200 and 'href="/timeline?outlet=Outlet%20B"' in page.text
    missing = client.get("/api/outlets/Outlet%20Z")
    assert missing.status_code == 404 and "stored outlets: Outlet B, Outlet A" in missing.json()["detail"]
