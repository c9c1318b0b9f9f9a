"""The ASGI request guard (web/guard.py) and the startup warm-up (web/deps.warm_up)."""

from __future__ import annotations

import pytest

from narrascope.settings import Settings
from narrascope.web import deps
from narrascope.web.guard import SECURITY_HEADERS

from .conftest import client_for


def test_refusals_and_pages_carry_every_security_header(settings: Settings) -> None:
    with client_for(settings, allowed_hosts=None) as c:
        refused = c.get("/api/health")  # TestClient's Host 'testserver' is not loopback
        served = c.get("/api/health", headers={"host": "127.0.0.1:8000"})
        head = c.head("/", headers={"host": "127.0.0.1:8000"})
    assert (refused.status_code, refused.json()["error"], served.status_code, head.content) == (
        400,
        "bad_host",
        200,
        b"",
    )
    for response in (refused, served, head):
        assert {k: response.headers.get(k) for k, _ in SECURITY_HEADERS} == dict(SECURITY_HEADERS)


def test_startup_loads_what_first_requests_would_wait_for(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(deps, "preload", lambda: calls.append("preload"))
    app = client_for(settings).app
    assert getattr(app.state, "gazetteer", None) is None  # nothing is loaded before the server starts
    with client_for(settings) as c:
        assert (calls, type(c.app.state.gazetteer).__name__) == (["preload"], "Gazetteer")  # type: ignore[attr-defined]
