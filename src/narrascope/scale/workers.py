"""``--workers N``: the same pipeline in N processes, results back in input order.

Each worker process builds the pipeline (and so loads every model) once; the parent
sends batches of articles as JSON-ready dicts, keeps at most ``2 × N`` batches in
flight so memory stays flat on any corpus size, and yields results in input order,
so :func:`narrascope.runner.run` stores and writes them exactly as with one process.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import Any

from ..document import Article
from ..errors import PipelineError
from ..pipeline import Pipeline
from ..settings import Settings

_THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
_WORKER: Pipeline | None = None

Result = tuple[dict[str, Any], str | None, str | None]  # article JSON, error message, failing component


def _init_worker(settings: Settings, names: list[str], threads: int, factories: list[Any]) -> None:
    """Runs once in each worker: cap native threads, then set up the pipeline (models load on first use).

    ``factories`` is unused here: unpickling it imports the modules that register the
    components, so components registered outside :mod:`narrascope.components` exist too.
    """
    global _WORKER
    for var in _THREAD_VARS:
        os.environ.setdefault(var, str(threads))
    try:
        import torch

        torch.set_num_threads(threads)
    except ImportError:  # pragma: no cover - torch is a dependency
        pass
    _WORKER = Pipeline(settings, names)  # components are built on the first batch, as in one process


def _run_chunk(chunk: list[dict[str, Any]]) -> list[Result]:
    """Analyse one batch in a worker; failures come back as messages (exceptions may not pickle)."""
    assert _WORKER is not None, "worker not initialised"
    out: list[Result] = []
    for art, error in _WORKER.pipe(Article.from_dict(d) for d in chunk):
        data = art.to_dict(include_raw=True)
        if error is None:
            out.append((data, None, None))
        else:
            message = str(error)
            prefix = f"component {error.component!r}: "
            out.append((data, message.removeprefix(prefix), error.component))
    return out


class ParallelPipeline(Pipeline):
    """A :class:`Pipeline` whose :meth:`pipe` fans batches out to ``workers`` processes.

    Drop-in for the runner: same names, signature and per-article error handling;
    ``run_batch``/``__call__`` still work in-process for single articles.
    """

    def __init__(self, settings: Settings, names: list[str] | None = None, workers: int | None = None) -> None:
        super().__init__(settings, names)
        self.workers = max(1, workers if workers is not None else settings.pipeline.workers)

    def pipe(self, articles: Iterable[Article]) -> Iterator[tuple[Article, PipelineError | None]]:
        if self.workers == 1:
            yield from super().pipe(articles)
            return
        size = max(1, self.settings.pipeline.batch_size)
        threads = max(1, (os.cpu_count() or 1) // self.workers)
        ctx = mp.get_context("spawn")  # no inherited threads or model state; each worker loads its own
        it = iter(articles)
        pending: deque[tuple[list[Article], Future[list[Result]]]] = deque()
        initargs = (self.settings, self.names, threads, [s.factory for s in self.specs])
        with ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=_init_worker, initargs=initargs) as pool:
            while True:
                while len(pending) < 2 * self.workers and (batch := list(islice(it, size))):
                    payload = [a.to_dict(include_raw=True) for a in batch]
                    pending.append((batch, pool.submit(_run_chunk, payload)))
                if not pending:
                    return
                batch, future = pending.popleft()
                yield from _results(batch, future)


def _results(batch: list[Article], future: Future[list[Result]]) -> Iterator[tuple[Article, PipelineError | None]]:
    try:
        results = future.result()
    except Exception as exc:  # a worker died or could not build the pipeline
        if isinstance(exc, PipelineError):
            raise
        raise PipelineError(f"worker process failed: {type(exc).__name__}: {exc}") from exc
    if len(results) != len(batch):
        raise PipelineError(f"worker returned {len(results)} articles for a batch of {len(batch)}")
    for data, message, component in results:
        yield Article.from_dict(data), (PipelineError(message, component=component) if message is not None else None)


def make_pipeline(settings: Settings, names: list[str] | None = None) -> Pipeline:
    """A plain :class:`Pipeline`, or a :class:`ParallelPipeline` when ``pipeline.workers`` > 1."""
    if settings.pipeline.workers > 1:
        return ParallelPipeline(settings, names)
    return Pipeline(settings, names)
