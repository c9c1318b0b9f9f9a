"""Analysis jobs submitted through the web API, kept in the store so their status and
outcomes survive a server restart (migration 6).

A job's inputs are not stored (uploads can be large): a job that was still queued or running
when its server stopped cannot resume and is marked failed when the next server starts.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, select, update

from . import schema

INTERRUPTED = "the server stopped before this job finished; submit the files again"

jobs = schema.jobs


def save_job(conn: Connection, record: dict[str, Any]) -> None:
    """Insert or update one job record (keys as in :data:`jobs`; ``outcomes`` a list of dicts)."""
    row = {**record, "outcomes": json.dumps(record.get("outcomes", []), ensure_ascii=False)}
    exists = conn.execute(select(jobs.c.id).where(jobs.c.id == record["id"])).first()
    if exists:
        conn.execute(update(jobs).where(jobs.c.id == record["id"]).values(**row))
    else:
        conn.execute(jobs.insert().values(**row))


def _record(row: Any) -> dict[str, Any]:
    rec = dict(row._mapping)
    rec["outcomes"] = json.loads(rec["outcomes"])
    return rec


def load_job(conn: Connection, job_id: str) -> dict[str, Any] | None:
    row = conn.execute(select(jobs).where(jobs.c.id == job_id)).first()
    return _record(row) if row is not None else None


def recent_jobs(conn: Connection, n: int = 20) -> list[dict[str, Any]]:
    """The ``n`` newest jobs, newest first."""
    rows = conn.execute(select(jobs).order_by(jobs.c.created.desc(), jobs.c.id.desc()).limit(n))
    return [_record(r) for r in rows]


def interrupt_unfinished(conn: Connection, when: str) -> int:
    """Mark queued and running jobs of a stopped server as failed; returns how many."""
    res = conn.execute(
        update(jobs)
        .where(jobs.c.status.in_(("queued", "running")))
        .values(status="failed", finished=when, error=INTERRUPTED)
    )
    return int(res.rowcount or 0)
