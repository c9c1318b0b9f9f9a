"""Web-job records in the store, on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from sqlalchemy import event, select

from narrascope.store import Store, jobs
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


def test_sqlite_writers_wait_for_each_other(tmp_path: Path) -> None:
    """A write transaction that reads first must not fail when another connection writes meanwhile
    (with a deferred BEGIN, SQLite answers "database is locked" at once instead of waiting)."""
    url = f"sqlite:///{tmp_path / 'w.db'}"
    first, second = Store(url), Store(url)
    errors: list[Exception] = []
    inside = threading.Event()  # the first transaction has read
    second_begins = threading.Event()  # the second writer is about to BEGIN (and so to wait)

    @event.listens_for(second.engine, "before_cursor_execute")
    def _about_to_begin(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.startswith("BEGIN IMMEDIATE"):
            second_begins.set()


    def slow_writer() -> None:
        try:
            with first.write() as conn:
                conn.execute(select(jobs.jobs.c.id)).all()  # a read, then a write in the same transaction
                inside.set()
                assert second_begins.wait(10)
                jobs.save_job(conn, job("a", "done", "2026-01-01T00:00:00+00:00"))
        except Exception as exc:
            errors.append(exc)

    thread = threading.Thread(target=slow_writer)
    thread.start()
    assert inside.wait(10)
    second.save_job(job("b", "done", "2026-01-02T00:00:00+00:00"))  # waits for the first transaction
    thread.join()
    assert errors == []
    assert [j["id"] for j in second.recent_jobs()] == ["b", "a"]
