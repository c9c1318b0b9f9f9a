"""Web-job records in the store, on SQLite and PostgreSQL."""

from __future__ import annotations

from narrascope.store import Store
from narrascope.store.jobs import INTERRUPTED


def job(job_id: str, status: str, created: str, outcomes: list[dict[str, object]] | None = None) -> dict[str, object]:
    return {"id": job_id, "name": f"{job_id}.txt", "status": status, "created": created, "finished": None,
            "error": None, "inputs": 1, "outcomes": outcomes or []}


def test_jobs_round_trip_update_list_and_interrupt(store_url: str) -> None:
    store = Store(store_url)
    out = [{"name": "a.txt", "status": "analysed", "article_id": "x1", "reason": ""}]
    store.save_job(job("a", "queued", "2026-01-01T00:00:00+00:00"))
    store.save_job(job("a", "done", "2026-01-01T00:00:00+00:00", out))  # an update, not a second row
    store.save_job(job("b", "running", "2026-01-02T00:00:00+00:00"))
    store.save_job(job("c", "queued", "2026-01-03T00:00:00+00:00"))
    assert store.job("a") == job("a", "done", "2026-01-01T00:00:00+00:00", out)
    assert store.job("zzz") is None
    assert [j["id"] for j in store.recent_jobs(2)] == ["c", "b"]
    assert store.interrupt_jobs() == 2
    reopened = Store(store_url)
    assert [(j["id"], j["status"], j["error"]) for j in reopened.recent_jobs()] == [
        ("c", "failed", INTERRUPTED), ("b", "failed", INTERRUPTED), ("a", "done", None)]
    assert reopened.interrupt_jobs() == 0
