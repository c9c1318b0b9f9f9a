"""Background analysis: submissions become jobs that one worker thread runs through the runner.

One worker keeps the pipeline's models loaded once and analyses jobs in arrival order;
clients poll ``GET /api/jobs/{id}`` until the status is ``done`` or ``failed``.
"""

from __future__ import annotations

import functools
import logging
import queue
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from ..errors import NarrascopeError, NotFoundError
from ..ingest import Item
from ..pipeline import Pipeline
from ..runner import Outcome, run
from ..store import Store

log = logging.getLogger("narrascope.web")


class QueueFull(NarrascopeError):
    """Too many submissions are waiting; the client should retry later."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class Job:
    """One submission: its inputs, status and what happened to each input."""

    id: str
    name: str
    items: list[Item] = field(repr=False)
    status: str = "queued"  # queued | running | done | failed
    created: str = field(default_factory=_now)
    finished: str | None = None
    error: str | None = None
    outcomes: list[Outcome] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        ids = [o.article_id for o in self.outcomes if o.article_id and o.status not in ("rejected", "failed")]
        return {
            "id": self.id,
            "name": self.name,
            "status": self.status,
            "created": self.created,
            "finished": self.finished,
            "error": self.error,
            "inputs": len(self.items) if self.status in ("queued", "running") else len(self.outcomes),
            "article_ids": ids,
            "outcomes": [
                {"name": o.name, "status": o.status, "article_id": o.article_id, "reason": o.reason}
                for o in self.outcomes
            ],
            "links": {"self": f"/api/jobs/{self.id}", "articles": [f"/articles/{i}" for i in ids]},
        }


class JobQueue:
    """A bounded FIFO of jobs and the thread that analyses them."""

    def __init__(
        self,
        store: Store,
        make_pipeline: Callable[[], Pipeline],
        max_pending: int = 100,
        keep: int = 1000,
        on_saved: Callable[[], None] | None = None,
    ) -> None:
        self.store = store
        self._on_saved = on_saved or (lambda: None)
        self._make_pipeline = make_pipeline
        self._pipeline: Pipeline | None = None
        self._queue: queue.Queue[Job | None] = queue.Queue(maxsize=max_pending)
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._keep = keep
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._work, name="narrascope-jobs", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join(timeout)
            self._thread = None

    def submit(self, name: str, items: list[Item]) -> Job:
        job = Job(uuid.uuid4().hex[:12], name, items)
        with self._lock:
            self._jobs[job.id] = job
            while len(self._jobs) > self._keep:
                self._jobs.popitem(last=False)
        try:
            self._queue.put_nowait(job)
        except queue.Full:
            with self._lock:
                self._jobs.pop(job.id, None)
            raise QueueFull("too many submissions are waiting for analysis; retry in a minute") from None
        return job

    def get(self, job_id: str) -> Job:
        with self._lock:
            job = self._jobs.get(job_id)
        if job is None:
            raise NotFoundError(f"no job {job_id!r} (job ids are kept in memory until the server restarts)")
        return job

    def recent(self, n: int = 20) -> list[Job]:
        with self._lock:
            return list(reversed(self._jobs.values()))[:n]

    def _note(self, job: Job, outcome: Outcome) -> None:
        self._on_saved()  # before the outcome is visible, so a client polling the job never sees stale pages
        job.outcomes.append(outcome)

    def _work(self) -> None:
        while True:
            job = self._queue.get()
            if job is None:
                return
            job.status = "running"
            try:
                if self._pipeline is None:
                    self._pipeline = self._make_pipeline()
                report = run(job.items, self._pipeline, self.store, on_outcome=functools.partial(self._note, job))
                job.status = "done"
                if report.problems and len(report.problems) == len(report.outcomes):
                    job.status, job.error = "failed", report.problems[0].reason
            except Exception as exc:
                log.exception("job %s failed", job.id)
                job.status, job.error = "failed", f"{type(exc).__name__}: {exc}"
            job.finished = _now()
