"""REST API, in process: submissions and jobs, articles, search, errors, safety, exports."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from narrascope.settings import Settings

from .conftest import client_for, submit, wait_job

TEXT = (
    "Talks stall in Geneva\nDelegates left the hall early. “There is nothing to discuss”, Ivanov said. "
    "Officials disagreed."
)
HOSTILE = (
    "Hostile <script>alert(1)</script> headline\nBody with <img src=x onerror=alert(2)> and “a quote here for you”, "
    "Petrov said."
)


def test_submit_analyse_and_get(client: TestClient) -> None:
    job = submit(client, text=TEXT, source="Test Wire", published="2022-03-01")
    assert job["status"] == "done" and len(job["article_ids"]) == 1
    art = client.get(f"/api/articles/{job['article_ids'][0]}").json()
    assert art["meta"]["title"] == "Talks stall in Geneva"
    assert (art["meta"]["source"], art["meta"]["published"]) == ("Test Wire", "2022-03-01")
    start = art["text"].index("There is")
    assert art["quotes"] == [
        {
            "id": art["quotes"][0]["id"],
            "text": "There is nothing to discuss",
            "start": start,
            "end": start + 27,
            "speaker": "Ivanov",
            "speaker_entity": "ivanov",
            "kind": "direct",
            "cue": "said",
            "score": None,
        }
    ]
    (nar,) = art["narratives"]
    assert nar["label"] == "Talks are futile" and nar["score"] == 0.8
    assert [e["text"] for e in nar["evidence"]] == ["There is nothing to discuss"]
    assert [(lay["name"], lay["count"]) for lay in art["layers"]] == [("quote", 1), ("narrative_evidence", 1)]


def test_same_text_twice_is_one_article(client: TestClient) -> None:
    first = submit(client, text=TEXT)
    second = submit(client, text=TEXT)
    assert first["article_ids"] == second["article_ids"]
    assert [o["status"] for o in second["outcomes"]] == ["duplicate"]
    assert client.get("/api/articles").json()["total"] == 1


def test_upload_html_file(client: TestClient) -> None:
    html = (
        b"<html><head><title>Ceasefire hopes fade</title></head><body><article><h1>Ceasefire hopes fade</h1>"
        b"<p>Negotiators met again in Istanbul on Tuesday without any result, officials said.</p>"
        b"<p>Both sides blamed each other for the failure of the latest round of talks.</p></article></body></html>"
    )
    resp = client.post(
        "/api/articles/upload", files={"file": ("page.html", html, "text/html")}, data={"source": "Wire"}
    )
    assert resp.status_code == 202 and resp.headers["location"] == f"/api/jobs/{resp.json()['id']}"
    job = wait_job(client, resp.json()["id"])
    art = client.get(f"/api/articles/{job['article_ids'][0]}").json()
    assert "Negotiators met again in Istanbul" in art["text"] and art["meta"]["source"] == "Wire"


JSON_TYPE = {"content-type": "application/json"}


@pytest.mark.parametrize(
    ("method", "url", "kwargs", "status", "error"),
    [
        ("post", "/api/articles", {"json": {"text": "a", "html": "<p>b</p>"}}, 422, "invalid_request"),
        ("post", "/api/articles", {"json": {}}, 422, "invalid_request"),
        ("post", "/api/articles", {"json": {"text": "x", "colour": "red"}}, 422, "invalid_request"),
        ("post", "/api/articles", {"json": {"text": "Share this article"}}, 400, "bad_request"),
        (
            "post",
            "/api/articles",
            {"json": {"text": "Fine text here.", "published": "yesterday-ish"}},
            400,
            "bad_request",
        ),
        (
            "post",
            "/api/articles",
            {"content": b"not json", "headers": {"content-type": "application/json"}},
            422,
            "invalid_request",
        ),
        ("get", "/api/articles/0000000000000000", {}, 404, "not_found"),
        ("get", "/api/articles?limit=0", {}, 400, "bad_request"),
        ("get", "/api/articles?offset=9223372036854775808", {}, 400, "bad_request"),
        ("get", "/api/articles?offset=-1", {}, 400, "bad_request"),
        ("get", "/api/articles?offset=ten", {}, 400, "bad_request"),
        ("get", "/api/articles?limit=99999999999999999999", {}, 400, "bad_request"),
        ("get", "/api/articles?q=talks&offset=9223372036854775808", {}, 400, "bad_request"),
        ("get", "/api/search?q=talks&offset=9223372036854775808", {}, 400, "bad_request"),
        ("get", "/api/search?q=talks&offset=-5", {}, 400, "bad_request"),
        ("get", "/api/search?q=talks&limit=1e9", {}, 400, "bad_request"),
        (
            "post",
            "/api/articles",
            {"content": b'{"text": "Bad \\ud800 text."}', "headers": JSON_TYPE},
            422,
            "invalid_request",
        ),
        (
            "post",
            "/api/articles",
            {"content": b'{"html": "<p>Bad \\udfff</p>"}', "headers": JSON_TYPE},
            422,
            "invalid_request",
        ),
        (
            "post",
            "/api/articles",
            {"content": b'{"text": "Fine text.", "title": "\\ud800"}', "headers": JSON_TYPE},
            422,
            "invalid_request",
        ),
        ("get", "/api/jobs/nope", {}, 404, "not_found"),
        ("get", "/api/corpus/bogus", {}, 404, "not_found"),
        ("get", "/api/export?format=xml", {}, 400, "bad_request"),
        ("get", "/api/export?layer=dtae", {}, 422, "invalid_request"),
        ("get", "/api/actors/nobody", {}, 404, "not_found"),
        ("delete", "/api/articles", {}, 405, "method_not_allowed"),
    ],
)
def test_bad_requests_get_json_errors(
    client: TestClient, method: str, url: str, kwargs: dict[str, object], status: int, error: str
) -> None:
    resp = getattr(client, method)(url, **kwargs)
    assert (resp.status_code, resp.headers["content-type"]) == (status, "application/json")
    body = resp.json()
    assert body["error"] == error and body["detail"]


def test_a_lone_surrogate_is_named_in_the_error(client: TestClient) -> None:
    resp = client.post("/api/articles", content=b'{"text": "Fine.", "title": "T \\ud800"}', headers=JSON_TYPE)
    assert resp.status_code == 422
    (problem,) = resp.json()["detail"]
    assert problem["problem"] == (
        "Value error, field 'title' has a lone surrogate U+D800 at character 2; "
        "send valid Unicode (\\ud800-\\udfff escapes only in pairs)"
    )


@pytest.mark.parametrize("param", ["offset=9223372036854775808", "offset=-1", "limit=1000000"])
def test_paging_bounds_name_the_range(client: TestClient, param: str) -> None:
    name = param.split("=")[0]
    (problem,) = client.get(f"/api/articles?{param}").json()["detail"]
    assert problem["where"] == f"query.{name}"


def test_upload_over_the_limit_is_refused(settings: Settings) -> None:
    with client_for(settings, max_upload_bytes=1000) as c:
        resp = c.post("/api/articles/upload", files={"file": ("big.txt", b"word " * 400, "text/plain")})
        assert resp.status_code == 413 and resp.json()["error"] == "too_large"
        assert c.get("/api/jobs").json()["items"] == []


def test_search(client: TestClient) -> None:
    submit(client, text=TEXT)
    submit(client, text="Grain deal extended\nShips carrying grain left Odesa on Monday.")
    hits = client.get("/api/search", params={"q": "discussing Geneva"}).json()["items"]
    assert [h["title"] for h in hits] == ["Talks stall in Geneva"]
    assert ["Geneva", True] in hits[0]["snippet_parts"]
    assert client.get("/api/articles", params={"q": '"grain extended"'}).json()["items"] == []
    assert [h["title"] for h in client.get("/api/articles", params={"q": '"grain deal"'}).json()["items"]] == [
        "Grain deal extended"
    ]
    for nasty in ["NEAR(", '"', "a* OR -b", "title:x", "'; DROP TABLE articles; --"]:
        assert client.get("/api/search", params={"q": nasty}).status_code == 200


def test_escaping_in_pages_and_csp(client: TestClient) -> None:
    job = submit(client, text=HOSTILE, source="<b>Evil</b> Outlet")
    page = client.get(f"/articles/{job['article_ids'][0]}")
    html = page.text
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(2)&gt;" in html
    assert "<b>Evil</b>" not in html and "&lt;b&gt;Evil&lt;/b&gt; Outlet" in html
    assert "script-src 'self'" in page.headers["content-security-policy"]
    overview = client.get("/").text
    assert "<script>alert(1)" not in overview and "<b>Evil" not in overview
    data = client.get(f"/api/articles/{job['article_ids'][0]}").json()
    assert "<script>alert(1)</script>" in data["text"]  # JSON keeps the text as it is


def test_write_token(settings: Settings) -> None:
    with client_for(settings, token="s3cret") as c:
        assert c.post("/api/articles", json={"text": TEXT}).status_code == 401
        assert c.post("/api/articles", json={"text": TEXT}, headers={"Authorization": "Bearer nope"}).status_code == 401
        assert (
            c.post("/api/articles", json={"text": TEXT}, headers={"Authorization": "Bearer s3cret"}).status_code == 202
        )
        assert c.get("/api/articles").status_code == 200  # reads stay open
        for header in ("bearer s3cret", "BEARER  s3cret", "s3cret"):  # the scheme is case-insensitive (RFC 9110)
            want = 401 if header == "s3cret" else 202
            assert c.post("/api/articles", json={"text": TEXT}, headers={"Authorization": header}).status_code == want


def test_beyond_loopback_without_token_is_read_only(settings: Settings) -> None:
    with client_for(settings, host="0.0.0.0") as c:
        resp = c.post("/api/articles", json={"text": TEXT})
        assert resp.status_code == 403 and "NARRASCOPE_TOKEN" in resp.json()["detail"]
        assert c.get("/api/overview").status_code == 200


def test_cross_site_writes_and_foreign_hosts_are_refused(settings: Settings) -> None:
    with client_for(settings, allowed_hosts=None) as c:  # loopback: only loopback Host headers
        assert c.get("/api/health").status_code == 400
        ok = {"host": "127.0.0.1:8000"}
        assert c.get("/api/health", headers=ok).json()["status"] == "ok"
        evil = {**ok, "origin": "http://evil.example"}
        assert c.post("/api/articles", json={"text": TEXT}, headers=evil).json()["error"] == "cross_origin"
        for bad in ({"origin": "null"}, {"sec-fetch-site": "cross-site"}, {"origin": "http://127.0.0.1:9999"}):
            assert c.post("/api/articles", json={"text": TEXT}, headers={**ok, **bad}).status_code == 403
        same = {**ok, "origin": "http://127.0.0.1:8000"}
        assert c.post("/api/articles", json={"text": TEXT}, headers=same).status_code == 202


def test_overview_and_corpus(client: TestClient) -> None:
    submit(client, text=TEXT, source="A Wire", published="2022-03-01")
    submit(client, text=HOSTILE, source="B Wire", published="2022-04-02")
    data = client.get("/api/overview").json()
    assert data["counts"]["articles"] == 2 and data["counts"]["quotes"] == 2
    assert data["heatmap"] == {
        "outlets": ["A Wire", "B Wire"],
        "narratives": ["Talks are futile"],
        "counts": {"Talks are futile": {"A Wire": 1, "B Wire": 1}},
    }
    assert data["timeline"]["counts"] == {"2022-03": {"A Wire": 1}, "2022-04": {"B Wire": 1}}
    assert [q["speaker"] for q in data["recent_quotes"]] == ["Petrov", "Ivanov"]
    per_outlet = client.get("/api/corpus/narratives").json()["outlets"]
    assert per_outlet["A Wire"] == {
        "articles": 1,
        "narratives": {"Talks are futile": 1},
        "share": {"Talks are futile": 1.0},
    }
    timeline = client.get("/api/corpus/timeline")
    assert timeline.status_code == 200 and isinstance(timeline.json(), list)


def test_actor(client: TestClient) -> None:
    submit(client, text=TEXT)
    data = client.get("/api/actors/ivanov").json()
    assert [q["text"] for q in data["quotes"]] == ["There is nothing to discuss"]
    assert data["articles"] == 1
    assert "Ivanov" in client.get("/actors/ivanov").text


@pytest.mark.parametrize("path", ["/", "/articles", "/search?q=geneva", "/actors", "/submit", "/docs"])
def test_pages_link_their_json_twin(client: TestClient, path: str) -> None:
    submit(client, text=TEXT)
    resp = client.get(path)
    assert resp.status_code == 200 and "text/html" in resp.headers["content-type"]
    assert "This page as JSON:" in resp.text


def test_page_errors_are_html(client: TestClient) -> None:
    resp = client.get("/articles/ffffffffffffffff", headers={"accept": "text/html"})
    assert resp.status_code == 404 and "Not found" in resp.text
    resp = client.get("/articles?limit=0", headers={"accept": "text/html"})
    assert resp.status_code == 400 and "query.limit" in resp.text
    for bad in ("offset=9223372036854775808", "offset=-1", "offset=x", "limit=100000"):
        resp = client.get(f"/articles?{bad}", headers={"accept": "text/html"})
        assert resp.status_code == 400 and "text/html" in resp.headers["content-type"], bad
        assert f"query.{bad.split('=')[0]}" in resp.text


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet", "labelstudio", "semeval2025-st2"])
def test_exports(client: TestClient, fmt: str) -> None:
    job = submit(client, text=TEXT)
    art_id = job["article_ids"][0]
    resp = client.get("/api/export", params={"format": fmt})
    assert resp.status_code == 200
    if fmt == "jsonl":
        assert [json.loads(line)["id"] for line in resp.text.splitlines()] == [art_id]
    elif fmt == "csv":
        rows = resp.text.splitlines()
        assert rows[0].startswith("article_id,") and len(rows) == 3  # header + quote + narrative evidence
    elif fmt == "parquet":
        table = pq.read_table(io.BytesIO(resp.content))
        assert table.column("id").to_pylist() == [art_id]
        assert [a["layer"] for a in table.column("annotations").to_pylist()[0]] == ["narrative_evidence", "quote"]
    elif fmt == "semeval2025-st2":
        assert resp.text == f"{job['outcomes'][0]['name']}\tTalks are futile\t\n"
    else:
        (task,) = resp.json()
        assert task["data"]["article_id"] == art_id
        labels = [(r["from_name"], r["value"]["labels"]) for r in task["predictions"][0]["result"]]
        assert labels == [("narrative_evidence", ["Talks are futile"]), ("quote", ["quote"])]


def test_openapi_lists_the_api(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in [
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/articles/upload",
        "/api/jobs/{job_id}",
        "/api/search",
        "/api/overview",
        "/api/export",
        "/api/actors/{entity_id}",
    ]:
        assert path in paths


def test_failing_corpus_analysis_only_empties_its_panel(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from narrascope.web import cache

    def broken(name: str) -> object:
        def run(store: object) -> object:
            raise RuntimeError(f"{name} exploded")

        return run

    monkeypatch.setattr(cache, "corpus_function", broken)
    job = submit(client, text=TEXT)
    data = client.get("/api/overview").json()
    assert (data["events"], data["travelled_quotes"], data["counts"]["articles"]) == (None, None, 1)
    assert client.get(f"/api/articles/{job['article_ids'][0]}").json()["duplicates"] is None
    assert client.get("/").status_code == 200


def test_pages_follow_new_submissions(client: TestClient) -> None:
    assert client.get("/api/overview").json()["counts"]["articles"] == 0
    assert "No articles yet" in client.get("/").text
    submit(client, text=TEXT)
    assert client.get("/api/overview").json()["counts"]["articles"] == 1  # cached pages are invalidated by the job
    assert "No articles yet" not in client.get("/").text


DOCS = Path(__file__).resolve().parents[2] / "docs" / "web.md"
PLACEHOLDERS = {"{entity_id}": "ivanov", "{name}": "A%20Wire"}
OPEN_VALUES = {"q": "geneva"}  # a documented key left open that the endpoint requires


def _expand(path: str) -> list[str]:
    """One path per alternative of a ``{a|b}`` segment or a ``key=a|b`` query value."""
    alt = re.search(r"\{([^{}]*\|[^{}]*)\}|=([^&=]*\|[^&=]*)", path)
    if alt is None:
        return [path]
    options, (a, b) = (alt.group(1) or alt.group(2)).split("|"), alt.span()
    prefix = "=" if alt.group(2) is not None else ""
    return [out for opt in options for out in _expand(path[:a] + prefix + opt + path[b:])]


def _without_open_parameters(path: str) -> str:
    """Fill or drop the query keys docs/web.md leaves open (``q=``, ``layer=…``); keep the ones given."""
    base, _, query = path.partition("?")
    filled = [f"{kv}{OPEN_VALUES[kv[:-1]]}" if kv[:-1] in OPEN_VALUES else kv for kv in query.split("&")]
    kept = [kv for kv in filled if "=" in kv and not kv.endswith(("=", "…"))]
    return base + ("?" + "&".join(kept) if kept else "")


def documented_gets() -> list[str]:
    """Every GET path docs/web.md names (pages, twins, other endpoints), expanded and deduplicated."""
    found = re.findall(r"`(?:GET )?(/[^`\s]*)`", DOCS.read_text(encoding="utf-8"))
    paths = [_without_open_parameters(p) for raw in found for p in _expand(raw.replace("?…", ""))]
    return sorted({p for p in paths if p != "/api" and not p.startswith("/api/articles/upload")})


@pytest.mark.parametrize(
    ("written", "expanded"),
    [
        ("/api/corpus/{narratives|outlets}", ["/api/corpus/narratives", "/api/corpus/outlets"]),
        ("/api/export?format=jsonl|csv&layer=…", ["/api/export?format=jsonl", "/api/export?format=csv"]),
        ("/timeline?actor=&type=", ["/timeline"]),
        ("/search?q=", ["/search?q=geneva"]),
        ("/propagation?cross_lingual=1&min_articles=2", ["/propagation?cross_lingual=1&min_articles=2"]),
        ("/api/jobs/{id}", ["/api/jobs/{id}"]),
    ],
)
def test_documented_paths_are_expanded(written: str, expanded: list[str]) -> None:
    assert [_without_open_parameters(p) for p in _expand(written)] == expanded


@pytest.mark.parametrize("path", documented_gets())
def test_every_documented_endpoint_answers(client: TestClient, path: str) -> None:
    job = submit(client, text=TEXT, source="A Wire")
    article_id = job["article_ids"][0]
    ids = {"{id}": str(job["id"]) if path.startswith("/api/jobs/") else str(article_id), **PLACEHOLDERS}
    for key, value in ids.items():
        path = path.replace(key, value)
    response = client.get(path)
    assert response.status_code == 200, (path, response.text[:300])


def test_head_answers_like_get_without_a_body(settings: Settings) -> None:
    with client_for(settings) as c:
        for path in ("/", "/api/articles", "/api/nope"):
            got, head = c.get(path), c.head(path)
            assert (head.status_code, head.content, head.headers["content-type"]) == (
                got.status_code,
                b"",
                got.headers["content-type"],
            )


UPLOAD_TEXTS = {
    "cp1252": "Il a dit «à tout prix» – l’accord coûte 5 €, a précisé le négociateur à Genève.",
    "iso-8859-1": "Le ministre a déclaré à Zürich que la négociation était à l'arrêt; son résumé à tout le monde.",
    "cp1251": "Президент заявил, что переговоры в Стамбуле зашли в тупик.",
    "utf-16-le": "Kyiv said the talks had stalled.",
}


@pytest.mark.parametrize(("codec", "text"), UPLOAD_TEXTS.items())
def test_upload_in_a_legacy_encoding_keeps_the_original_characters(client: TestClient, codec: str, text: str) -> None:
    resp = client.post("/api/articles/upload", files={"file": ("legacy.txt", text.encode(codec), "text/plain")})
    assert resp.status_code == 202, resp.text
    job = wait_job(client, resp.json()["id"])
    art = client.get(f"/api/articles/{job['article_ids'][0]}").json()
    assert (art["text"], art["meta"]["encoding"]) == (text, codec)
