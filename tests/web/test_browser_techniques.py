"""In Debian chromium: the technique legend lists each technique with its definition; the
low-confidence toggle reveals the spans hidden by default, and their tooltips.

Skips like test_browser.py when chromium/chromedriver or selenium are missing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from narrascope.store import open_store
from narrascope.techniques.definitions import DEFINITIONS

from .conftest import NO_BROWSER, make_settings
from .test_article_techniques import make_article

if NO_BROWSER:  # before importing test_browser, which skips itself at import
    pytest.skip(NO_BROWSER, allow_module_level=True)

from .test_browser import browser, server  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser
By = pytest.importorskip("selenium.webdriver.common.by").By
ActionChains = pytest.importorskip("selenium.webdriver.common.action_chains").ActionChains


def _underlined(span: Any) -> bool:
    return span.value_of_css_property("border-bottom-style") == "dotted"


def test_legend_and_low_confidence_toggle(server: str, browser: Any, tmp_path: Path) -> None:  # noqa: F811
    art = make_article()
    open_store(make_settings(tmp_path)).save(art)
    browser.get(f"{server}/articles/{art.id}")

    legend = browser.find_element(By.ID, "technique-legend")
    terms = [dt.text for dt in legend.find_elements(By.TAG_NAME, "dt")]
    assert terms == ["Name Calling-Labeling 1×", "Doubt 1×, 1 low-confidence"]
    assert [dd.text for dd in legend.find_elements(By.TAG_NAME, "dd")] == [
        DEFINITIONS["Name_Calling-Labeling"],
        DEFINITIONS["Doubt"],
    ]

    text = browser.find_element(By.ID, "article-text")
    sure = text.find_element(By.CSS_SELECTOR, ".l-technique")
    low = text.find_element(By.CSS_SELECTOR, ".l-technique-low")
    assert (sure.text, low.text) == ("The Kiev regime", "Baseless claims")
    assert _underlined(sure) and not _underlined(low)  # hidden by default

    ActionChains(browser).move_to_element(low).perform()
    assert browser.find_element(By.ID, "tooltip").is_displayed() is False

    toggle = browser.find_element(By.ID, "show-low-techniques")
    assert not toggle.is_selected()
    toggle.click()
    assert _underlined(low) and "hide-technique-low" not in text.get_attribute("class").split()
    ActionChains(browser).move_to_element(sure).move_to_element(low).perform()
    tip = browser.find_element(By.ID, "tooltip")
    assert tip.is_displayed() and "Technique: Doubt (low confidence)" in tip.text and "confidence: 0.1" in tip.text
    browser.save_screenshot(str(tmp_path / "article-techniques.png"))

    toggle.click()
    assert not _underlined(low) and _underlined(sure)
    browser.find_element(By.CSS_SELECTOR, "#layer-toggles input[data-layer='technique']").click()
    assert not _underlined(sure) and not _underlined(low)
    severe = [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert severe == [], severe
