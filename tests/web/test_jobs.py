"""Web jobs are kept in the store: finished jobs survive a restart, unfinished ones are failed."""

from __future__ import annotations

from narrascope.settings import Settings
from narrascope.store import open_store
from narrascope.store.jobs import INTERRUPTED

from .conftest import client_for, submit

TEXT = "Talks stall\n“We will not sign,” Peskov said on Monday."


def test_finished_job_is_readable_after_a_restart(settings: Settings) -> None:
    with client_for(settings) as c:
        job = submit(c, text=TEXT, source="Wire")
    with client_for(settings) as c:  # a new app over the same database: nothing in memory
        again = c.get(f"/api/jobs/{job['id']}").json()
        listed = c.get("/api/jobs").json()["items"]
    assert again == job
    assert [j["id"] for j in listed] == [job["id"]]


def test_unfinished_jobs_of_a_stopped_server_are_marked_failed(settings: Settings) -> None:
    store = open_store(settings)
    store.save_job({"id": "aaaa", "name": "upload.txt", "status": "running", "created": "2026-01-01T00:00:00+00:00",
                    "finished": None, "error": None, "inputs": 1, "outcomes": []})
    store.save_job({"id": "bbbb", "name": "old.txt", "status": "done", "created": "2025-12-31T00:00:00+00:00",
                    "finished": "2025-12-31T00:00:01+00:00", "error": None, "inputs": 1,
                    "outcomes": [{"name": "old.txt", "status": "analysed", "article_id": "x1", "reason": ""}]})
    with client_for(settings) as c:
        stale = c.get("/api/jobs/aaaa").json()
        done = c.get("/api/jobs/bbbb").json()
    assert (stale["status"], stale["error"]) == ("failed", INTERRUPTED) and stale["finished"]
    assert (done["status"], done["article_ids"], done["inputs"]) == ("done", ["x1"], 1)
