"""In Debian chromium: uncertain narratives and actor roles are greyed and labelled; role jumps work.

Skips like test_browser.py when chromium/chromedriver or selenium are missing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from narrascope.store import open_store

from .conftest import NO_BROWSER, make_settings
from .test_article_roles import make_article

if NO_BROWSER:  # before importing test_browser, which skips itself at import
    pytest.skip(NO_BROWSER, allow_module_level=True)

from .test_browser import browser, server  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser
By = pytest.importorskip("selenium.webdriver.common.by").By


def test_uncertain_labels_are_greyed(server: str, browser: Any, tmp_path: Path) -> None:  # noqa: F811
    art = make_article()
    open_store(make_settings(tmp_path)).save(art)
    browser.get(f"{server}/articles/{art.id}")
    roles = browser.find_elements(By.CSS_SELECTOR, "#panel-roles li")
    assert [r.text.split("\n")[0].split(" ")[0] for r in roles] == ["Kyiv", "Moscow"]
    kyiv, moscow = roles
    assert float(kyiv.value_of_css_property("opacity")) < 0.7 and moscow.value_of_css_property("opacity") == "1"
    assert kyiv.find_element(By.CSS_SELECTOR, ".flag").text == "UNCERTAIN"  # upper-cased by the style sheet
    praise = browser.find_elements(By.CSS_SELECTOR, "#panel-narratives li.uncertain strong")
    assert [p.text for p in praise] == ["URW: Praise"]
    kyiv.find_element(By.CSS_SELECTOR, "a.jump").click()
    flashed = browser.find_elements(By.CSS_SELECTOR, "#article-text .flash")
    assert [f.text for f in flashed] == ["Kyiv", "Kyiv", "Kyiv"]
    browser.save_screenshot(str(tmp_path / "article-roles.png"))
    severe = [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert severe == [], severe
