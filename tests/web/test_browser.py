"""End to end in Debian chromium (headless, via chromedriver): upload, wait, open, toggle, hover, escaping.

Skips with a message when chromium or chromedriver is missing (`bash scripts/system-deps.sh`
installs them). Screenshots are saved under the test's temporary directory.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from narrascope.settings import Settings
from narrascope.web import WebConfig, create_app

from .conftest import CHROMIUM, DRIVER, NO_BROWSER, make_settings

pytestmark = pytest.mark.browser

if NO_BROWSER:
    pytest.skip(NO_BROWSER, allow_module_level=True)
webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install -e '.[dev]')")

from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as ec  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

HOSTILE = (
    "Envoys <script>alert(1)</script> meet\n"
    'The talks resumed <img src=x onerror="window.__xss=1;alert(2)"> on Tuesday.\n'
    "“We came here to listen”, Petrov said, and the meeting went on.\n"
)
CHROME_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1400,1000",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """A real uvicorn server on a free loopback port, in a thread, over a temp database."""
    import uvicorn

    port = _free_port()
    settings: Settings = make_settings(tmp_path)
    app = create_app(settings, WebConfig(host="127.0.0.1", port=port))
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    os.environ.setdefault("SE_OFFLINE", "true")  # never let Selenium Manager download anything
    opts = webdriver.ChromeOptions()
    opts.binary_location = str(CHROMIUM)
    for flag in [*CHROME_FLAGS, f"--user-data-dir={tmp_path / 'chrome-profile'}"]:
        opts.add_argument(flag)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=opts, service=webdriver.ChromeService(executable_path=str(DRIVER)))
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def _no_alert(driver: Any) -> None:
    try:
        text = driver.switch_to.alert.text
    except NoAlertPresentException:
        return
    raise AssertionError(f"an article's markup ran as code (alert {text!r})")


def test_upload_open_toggle_hover(server: str, browser: Any, tmp_path: Path) -> None:
    upload = tmp_path / "hostile.txt"
    upload.write_text(HOSTILE, encoding="utf-8")
    wait = WebDriverWait(browser, 30)

    browser.get(server + "/submit")
    browser.find_element(By.ID, "upload-file").send_keys(str(upload))
    browser.find_element(By.ID, "upload-button").click()
    wait.until(ec.text_to_be_present_in_element((By.CSS_SELECTOR, "#jobs .status"), "done"))
    browser.find_element(By.CSS_SELECTOR, "#jobs a.open-article").click()

    wait.until(ec.presence_of_element_located((By.ID, "article-text")))
    _no_alert(browser)
    assert browser.execute_script("return window.__xss === undefined")
    assert browser.find_element(By.ID, "article-title").text == "Envoys <script>alert(1)</script> meet"
    text = browser.find_element(By.ID, "article-text")
    assert "<img src=x onerror=" in text.text
    assert text.find_elements(By.TAG_NAME, "img") == [] and text.find_elements(By.TAG_NAME, "script") == []

    quote = text.find_element(By.CSS_SELECTOR, ".l-quote")
    assert quote.text == "We came here to listen"
    assert text.find_element(By.CSS_SELECTOR, ".l-speaker").text == "Petrov"
    assert quote.value_of_css_property("background-color") != "rgba(0, 0, 0, 0)"

    ActionChains(browser).move_to_element(quote).perform()
    tip = wait.until(ec.visibility_of_element_located((By.ID, "tooltip")))
    assert "Quote: quote" in tip.text and "speaker: Petrov" in tip.text
    assert "Narrative evidence: Talks are futile" in tip.text and "score 0.75" in tip.text
    assert "evidence: “We came here to listen”" in tip.text
    browser.save_screenshot(str(tmp_path / "article-hover.png"))

    toggle = browser.find_element(By.CSS_SELECTOR, "#layer-toggles input[data-layer='quote']")
    toggle.click()
    assert "hide-quote" in text.get_attribute("class").split()
    assert quote.value_of_css_property("background-color") == "rgba(0, 0, 0, 0)"
    toggle.click()
    assert quote.value_of_css_property("background-color") != "rgba(0, 0, 0, 0)"

    evidence_link = browser.find_element(By.CSS_SELECTOR, "#panel-narratives a.jump")
    assert evidence_link.text == "We came here to listen"
    browser.save_screenshot(str(tmp_path / "article.png"))

    browser.get(server + "/")
    wait.until(ec.presence_of_element_located((By.ID, "timeline-chart")))
    _no_alert(browser)
    assert browser.execute_script("return typeof Chart") == "function"
    heat = browser.find_element(By.CSS_SELECTOR, "table.heat").text
    assert "Talks are futile" in heat
    browser.save_screenshot(str(tmp_path / "overview.png"))
    assert (tmp_path / "overview.png").stat().st_size > 10_000

    severe = [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert severe == [], severe  # no script errors and no CSP violations
