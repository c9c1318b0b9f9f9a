"""Background analysis: submissions become jobs that one worker thread runs through the runner.

One worker keeps the pipeline's models loaded once and analyses jobs in arrival order;
clients poll ``GET /api/jobs/{id}`` until the status is ``done`` or ``failed``. Jobs are also
written to the store (status, outcomes), so finished jobs stay readable after a restart.
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

from ..errors import NarrascopeError, NotFoundError, QueueFull
from ..ingest import Item
from ..pipeline import Pipeline
from ..runner import Outcome, run
from ..store import Store

log = logging.getLogger("narrascope.web")


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
    # Work other than analysing ``items`` (a collect job): called with the pipeline and the outcome hook.
    work: Callable[[Pipeline, Callable[[Outcome], None]], object] | None = field(default=None, repr=False)

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
            "outcomes": self._outcome_records(),
            "links": {"self": f"/api/jobs/{self.id}", "articles": [f"/articles/{i}" for i in ids]},
        }

    def _outcome_records(self) -> list[dict[str, Any]]:
        return [{"name": o.name, "status": o.status, "article_id": o.article_id, "reason": o.reason}
                for o in self.outcomes]

    def record(self) -> dict[str, Any]:
        """The row kept in the store (inputs are not kept, only their count)."""
        return {
            "id": self.id, "name": self.name, "status": self.status, "created": self.created,
            "finished": self.finished, "error": self.error,
            "inputs": len(self.items) if self.items else len(self.outcomes),
            "outcomes": self._outcome_records(),
        }

    @classmethod
    def from_record(cls, rec: dict[str, Any]) -> Job:
        outcomes = [Outcome(str(o["name"]), str(o["status"]), o.get("article_id"), str(o.get("reason", "")))
                    for o in rec["outcomes"]]
        return cls(str(rec["id"]), str(rec["name"]), [], str(rec["status"]), str(rec["created"]),
                   rec.get("finished"), rec.get("error"), outcomes)


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
            stale = self.store.interrupt_jobs()
            if stale:
                log.warning("%d job(s) of a previous server run were unfinished and are marked failed", stale)
            self._thread = threading.Thread(target=self._work, name="narrascope-jobs", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join(timeout)
            self._thread = None

    def submit(self, name: str, items: list[Item],
               work: Callable[[Pipeline, Callable[[Outcome], None]], object] | None = None) -> Job:
        job = Job(uuid.uuid4().hex[:12], name, items, work=work)
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
        self._persist(job)
        return job

    def get(self, job_id: str) -> Job:
        with self._lock:
            job = self._jobs.get(job_id)
        if job is None:
            rec = self.store.job(job_id)
            if rec is None:
                raise NotFoundError(f"no job {job_id!r}; list the jobs with GET /api/jobs")
            job = Job.from_record(rec)
        return job

    def recent(self, n: int = 20) -> list[Job]:
        """The newest jobs: this server's live ones as they are now, then stored ones."""
        with self._lock:
            live = list(reversed(self._jobs.values()))[:n]
        seen = {j.id for j in live}
        stored = [Job.from_record(r) for r in self.store.recent_jobs(n) if r["id"] not in seen]
        return sorted(live + stored, key=lambda j: (j.created, j.id), reverse=True)[:n]

    def _persist(self, job: Job) -> None:
        try:
            self.store.save_job(job.record())
        except NarrascopeError as exc:  # the analysis must not fail over bookkeeping
            log.warning("could not store job %s: %s", job.id, exc)

    def _note(self, job: Job, outcome: Outcome) -> None:
        self._on_saved()  # before the outcome is visible, so a client polling the job never sees stale pages
        job.outcomes.append(outcome)

    def _work(self) -> None:
        while True:
            job = self._queue.get()
            if job is None:
                return
            job.status = "running"
            self._persist(job)
            try:
                if self._pipeline is None:
                    self._pipeline = self._make_pipeline()
                note = functools.partial(self._note, job)
                if job.work is not None:
                    job.work(self._pipeline, note)
                else:
                    run(job.items, self._pipeline, self.store, on_outcome=note)
                job.status = "done"
                problems = [o for o in job.outcomes if o.status in ("rejected", "failed")]
                if problems and len(problems) == len(job.outcomes):
                    job.status, job.error = "failed", problems[0].reason
            except Exception as exc:
                log.exception("job %s failed", job.id)
                job.status, job.error = "failed", f"{type(exc).__name__}: {exc}"
            job.finished = _now()
            self._persist(job)
