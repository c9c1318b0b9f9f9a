"""In Debian chromium: the timeline lists, filters and opens events; outlets list and open their pages.

Skips like test_browser.py when chromium/chromedriver or selenium are missing.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from narrascope.corpus.events import annotate
from narrascope.document import Article
from narrascope.store import open_store

from .conftest import NO_BROWSER, make_settings

if NO_BROWSER:  # before importing test_browser, which skips itself at import
    pytest.skip(NO_BROWSER, allow_module_level=True)

from .test_browser import browser, server  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser
By = pytest.importorskip("selenium.webdriver.common.by").By
Select = pytest.importorskip("selenium.webdriver.support.ui").Select
WebDriverWait = pytest.importorskip("selenium.webdriver.support.ui").WebDriverWait
ec = pytest.importorskip("selenium.webdriver.support.expected_conditions")

PLACES = ("Vessa", "Lorvania", "Dravia")
# (title, text, published, outlet, date phrase or None): invented reports; ISO gives the phrases' days.
ARTICLES = [
    ("Talks in Vessa", "Delegations met in Vessa for talks on 3 May 2031.", "2031-05-04", "Outlet A", "3 May 2031"),
    ("Vessa round", "The delegations met in Vessa for talks on 3 May 2031.", "2031-05-05", "Outlet B", "3 May 2031"),
    ("Sanctions", "Lorvania imposed new sanctions on Dravia on 9 June 2031.", "2031-06-10", "Outlet B", "9 June 2031"),
    ("Port struck", "Missiles struck the port of Vessa overnight.", None, "Outlet C", None),
]
ISO = {"3 May 2031": "2031-05-03", "9 June 2031": "2031-06-09"}


def _article(title: str, text: str, published: str | None, outlet: str, date: str | None) -> Article:
    """A stored-shape article with sentence, date and place layers, and its events annotated."""
    meta = {"source": outlet, "title": title, "language": "en"}
    if published:
        meta["published"] = published
    art = Article(text=text, meta=meta)
    art.add("sentence", 0, len(text), "sentence")
    if date:
        i = text.index(date)
        art.add("date", i, i + len(date), "date", resolved=ISO[date], relative=False, kind="point", dated_by="text")
    for name in PLACES:
        for m in re.finditer(name, text):
            art.add("entity", m.start(), m.end(), "GPE", entity_id=name.lower(), canonical=name, type="GPE")
    annotate(art)
    return art


@pytest.fixture
def stored(tmp_path: Path) -> dict[str, Article]:
    """The invented articles saved in the database the server fixture reads, by title."""
    store = open_store(make_settings(tmp_path))
    arts = {row[0]: _article(*row) for row in ARTICLES}
    for art in arts.values():
        store.save(art)
    return arts


def _entries(driver: Any) -> list[tuple[str, str, list[str]]]:
    """The timeline table as (when, type, sources) rows, first line of each cell."""
    rows = driver.find_elements(By.CSS_SELECTOR, "#timeline-entries tbody tr")
    out = []
    for row in rows:
        when, kind, _who, sources = row.find_elements(By.TAG_NAME, "td")
        items = [li.text for li in sources.find_elements(By.TAG_NAME, "li")]
        out.append((when.text.split("\n")[0], kind.text.split("\n")[0], items))
    return out


def _severe(driver: Any) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def _filter(driver: Any, name: str, value: str) -> None:
    """Pick one value in a filter select and submit the form, waiting for the new page."""
    Select(driver.find_element(By.NAME, name)).select_by_value(value)
    driver.find_element(By.CSS_SELECTOR, "#timeline-filters button[type=submit]").click()
    WebDriverWait(driver, 30).until(ec.url_contains(f"{name}="))


TALKS = ("2031-05-03", "talks_held", ["Talks in Vessa (Outlet A, 2031-05-04)", "Vessa round (Outlet B, 2031-05-05)"])
SANCTIONS = ("2031-06-09", "sanctions", ["Sanctions (Outlet B, 2031-06-10)"])
ATTACK = ("undated", "attack", ["Port struck (Outlet C, undated)"])


def test_timeline_lists_filters_and_opens(
    server: str,  # noqa: F811
    browser: Any,  # noqa: F811
    stored: dict[str, Article],
    tmp_path: Path,
) -> None:
    browser.get(server + "/timeline")
    assert _entries(browser) == [TALKS, SANCTIONS, ATTACK]
    assert browser.find_element(By.CSS_SELECTOR, "p.lead").text.endswith("(3 shown, 1 undated).")
    assert browser.execute_script("return typeof Chart") == "function"
    chart = browser.execute_script("const c = Chart.getChart('timeline-chart'); return c && c.data.labels")
    assert chart == ["2031-05", "2031-06"]  # the undated attack is not charted
    browser.save_screenshot(str(tmp_path / "timeline.png"))

    _filter(browser, "outlet", "Outlet B")
    assert _entries(browser) == [TALKS, SANCTIONS]  # an entry the outlet reported keeps all its sources
    assert Select(browser.find_element(By.NAME, "outlet")).first_selected_option.text == "Outlet B"
    browser.get(server + "/timeline")
    _filter(browser, "type", "attack")
    assert _entries(browser) == [ATTACK]

    browser.get(server + "/timeline")
    browser.find_element(By.LINK_TEXT, "Sanctions").click()
    WebDriverWait(browser, 30).until(ec.presence_of_element_located((By.ID, "article-text")))
    assert browser.current_url.startswith(f"{server}/articles/{stored['Sanctions'].id}#")
    assert browser.find_element(By.ID, "article-title").text == "Sanctions"
    flashed = browser.find_elements(By.CSS_SELECTOR, "#article-text .flash")
    assert "".join(f.text for f in flashed) == "Lorvania imposed new sanctions on Dravia on 9 June 2031."
    assert _severe(browser) == []


def test_outlets_list_and_open(
    server: str,  # noqa: F811
    browser: Any,  # noqa: F811
    stored: dict[str, Article],
    tmp_path: Path,
) -> None:
    browser.get(server + "/outlets")
    rows = browser.find_elements(By.CSS_SELECTOR, "#outlet-list tbody tr")
    cells = [[td.text for td in row.find_elements(By.TAG_NAME, "td")][:4] for row in rows]
    assert cells == [
        ["Outlet B", "2", "en", "2031-05 – 2031-06"],
        ["Outlet A", "1", "en", "2031-05"],
        ["Outlet C", "1 (1 undated)", "en", "no dates"],
    ]
    assert browser.find_element(By.CSS_SELECTOR, "p.lead").text == "3 outlets, 4 articles."
    browser.find_element(By.LINK_TEXT, "Outlet B").click()
    WebDriverWait(browser, 30).until(ec.url_to_be(f"{server}/outlets/Outlet%20B"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Outlet B"
    meta = browser.find_element(By.CSS_SELECTOR, "p.meta").text
    assert meta == "2 articles · 2031-05 – 2031-06 · en (2) · its events on the timeline"
    chart = browser.execute_script(
        "const c = Chart.getChart('articles-chart'); return c && c.data.datasets.map((d) => [d.label, d.data])"
    )
    assert chart == [["published", [1, 1]], ["estimated", [0, 0]]]
    browser.save_screenshot(str(tmp_path / "outlet.png"))

    browser.find_element(By.LINK_TEXT, "its events on the timeline").click()
    WebDriverWait(browser, 30).until(ec.url_contains("/timeline?outlet="))
    assert _entries(browser) == [TALKS, SANCTIONS]
    assert _severe(browser) == []


@pytest.fixture
def stored_quotes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The invented EN/RU/BG quotes of the propagation page test, indexed, and its fake encoder in place."""
    from narrascope.corpus.index import update_index

    from .test_corpus_pages_propagation import MeaningEmbedder, articles

    monkeypatch.setattr("narrascope.models.embeddings.get_embedder", lambda name, device=None: MeaningEmbedder())
    store = open_store(make_settings(tmp_path))
    for art in articles():
        store.save(art)
    update_index(store)


def test_propagation_page_shows_cross_lingual_matches(
    server: str,  # noqa: F811
    browser: Any,  # noqa: F811
    stored_quotes: None,
    tmp_path: Path,
) -> None:
    from .test_corpus_pages_propagation import HARBOUR, HEAD, LOUD, TAIL

    browser.get(server + "/propagation")
    chain = [q.text for q in browser.find_elements(By.CSS_SELECTOR, "#reused-quotes .chain-text")]
    assert chain == [f"{HEAD} … {TAIL}", LOUD]  # each article's own wording, the split quote as its surface
    assert browser.find_elements(By.CSS_SELECTOR, "#cross-lingual .xl-group") == []
    browser.find_element(By.NAME, "cross_lingual").click()
    browser.find_element(By.NAME, "similarity").clear()
    browser.find_element(By.NAME, "similarity").send_keys("0.9")
    browser.find_element(By.CSS_SELECTOR, "#propagation-filters button[type=submit]").click()
    WebDriverWait(browser, 30).until(ec.url_contains("cross_lingual=1"))
    groups = browser.find_elements(By.CSS_SELECTOR, "#cross-lingual .xl-group")
    shown = [
        (
            g.find_element(By.CSS_SELECTOR, ".xl-languages").text,
            [
                (
                    li.find_element(By.CSS_SELECTOR, ".xl-language").text,
                    li.find_element(By.CSS_SELECTOR, ".xl-similarity").text,
                    li.find_element(By.CSS_SELECTOR, ".xl-text").text,
                )
                for li in g.find_elements(By.CSS_SELECTOR, "ol.chain > li")
            ],
        )
        for g in groups
    ]
    assert shown == [
        ("bg / en / ru", [(lang, "1.00", HARBOUR[lang]) for lang in ("en", "ru", "bg")]),
    ]
    assert browser.find_element(By.NAME, "cross_lingual").is_selected()
    browser.save_screenshot(str(tmp_path / "propagation.png"))
    assert _severe(browser) == []
