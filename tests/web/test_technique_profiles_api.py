"""``/api/techniques`` and the outlet page's technique profile over a hand-built store: the same
result as :func:`narrascope.corpus.technique_profiles.technique_profiles`, low spans not counted."""

from __future__ import annotations

from pathlib import Path

from narrascope.document import Article
from narrascope.store import open_store
from narrascope.techniques.definitions import DEFINITIONS

from .conftest import client_for, make_settings

TEXT = "The Kiev regime stalls. “Only a puppet would sign,” Peskov said."


def make_article() -> Article:
    art = Article(TEXT, meta={"title": "T", "source": "Outlet A", "published": "2022-03-01"})
    art.add("quote", 25, 49, "quote", kind="direct", speaker="Dmitry Peskov", speaker_entity="dmitry-peskov")
    art.add("technique", 4, 15, "Name_Calling-Labeling", confidence=0.6)
    art.add("technique", 32, 38, "Name_Calling-Labeling", confidence=0.5)
    art.add("technique", 24, 31, "Loaded_Language", confidence=0.1)  # under hide_below 0.25
    return art


PESKOV = {
    "id": "dmitry-peskov",
    "name": "Dmitry Peskov",
    "spans": 1,
    "techniques": [{"label": "Name_Calling-Labeling", "spans": 1}],
}
OUTLET = {
    "outlet": "Outlet A",
    "spans": 2,
    "in_quotes": 1,
    "techniques": [{"label": "Name_Calling-Labeling", "spans": 2, "articles": 1, "in_quotes": 1}],
    "speakers": [PESKOV],
}


def test_api_techniques_and_outlet_page(tmp_path: Path) -> None:
    art = make_article()
    assert TEXT[25:49] == "Only a puppet would sign" and TEXT[32:38] == "puppet"
    settings = make_settings(tmp_path)
    open_store(settings).save(art)
    with client_for(settings) as client:
        data = client.get("/api/techniques").json()
        everything = client.get("/api/techniques?min_confidence=0").json()
        outlet = client.get("/api/outlets/Outlet%20A").json()
        page = client.get("/outlets/Outlet%20A", headers={"accept": "text/html"}).text
        bad = client.get("/api/techniques?min_confidence=2")
    assert data == {
        "min_confidence": 0.25,
        "outlets": [OUTLET],
        "speakers": [{**PESKOV, "outlets": {"Outlet A": 1}}],
    }
    assert everything["outlets"][0]["spans"] == 3 and everything["outlets"][0]["in_quotes"] == 2
    assert outlet["technique_profile"] == {k: v for k, v in OUTLET.items() if k != "outlet"}
    assert outlet["techniques"] == [{"label": "Name_Calling-Labeling", "count": 2}]
    assert "1 of 2 lie inside attributed quotes" in page
    title = DEFINITIONS["Name_Calling-Labeling"].replace("'", "&#39;")
    assert f'<span title="{title}">Name_Calling-Labeling</span>' in page
    assert '<a href="/actors/dmitry-peskov">Dmitry Peskov</a> <span class="muted small">1:</span>' in page
    assert bad.status_code == 400  # validation errors are 400 here
