"""Collect articles from sources into the store: list, filter, fetch politely, analyse.

One run reads each source's listings (feeds, sitemaps, home pages), drops addresses it
has settled before (the ledger), those published before ``since``, those robots.txt
forbids and those over the source's limit, then fetches the rest concurrently and feeds
the articles to :func:`narrascope.runner.run` in pipeline batches, so each is stored as
soon as its batch is analysed. Every address's fate is written to the ledger as it is
known, so an interrupted run resumes where it stopped.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from ..document import Article
from ..errors import FetchError
from ..pipeline import Pipeline
from ..runner import Outcome
from ..runner import run as run_pipeline
from ..settings import Settings
from ..store import Store, ledger
from .fetch import Fetcher, Page
from .listing import Entry, read_listing
from .page import page_article
from .sources import Source

# Statuses an address can end a run with; the first three are printed one line each.
PROBLEMS = ("failed", "not_article", "forbidden")
ORDER = ("stored", "duplicate", "known", "old", "over_limit", *PROBLEMS)


@dataclass(frozen=True)
class UrlOutcome:
    """What happened to one address (an article page, or a listing that failed)."""

    url: str
    status: str  # one of ORDER
    reason: str = ""
    article_id: str | None = None
    source: str = ""


@dataclass
class CollectReport:
    """All outcomes of a collect run, with counts for the summary."""

    outcomes: list[UrlOutcome] = field(default_factory=list)
    listings: int = 0  # feed, sitemap and home pages read
    near_duplicates: dict[str, str] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        return dict(Counter(o.status for o in self.outcomes))

    @property
    def problems(self) -> list[UrlOutcome]:
        return [o for o in self.outcomes if o.status in PROBLEMS]

    def summary(self) -> str:
        counts = self.counts()
        parts = [f"{counts[k]} {k.replace('_', ' ')}" for k in ORDER if counts.get(k)]
        return f"{', '.join(parts) or 'nothing listed'} ({self.listings} listing pages read)"


def canonical(url: str) -> str:
    """The form an address is compared and stored in: lower-case scheme and host, no fragment."""
    parts = urlsplit(url.strip())
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, ""))


@dataclass
class _Job:
    entry: Entry
    source: Source
    page: Page | None = None  # already fetched when the source itself was the article


class _Run:
    """State of one collect run: the store, the fetcher, the report and the outcome hook."""

    def __init__(self, settings: Settings, store: Store, fetcher: Fetcher,
                 on_outcome: Callable[[UrlOutcome], None] | None) -> None:
        self.settings, self.store, self.fetcher = settings, store, fetcher
        self.report = CollectReport()
        self.on_outcome = on_outcome
        self.seen: set[str] = set()
        self.pending: dict[str, tuple[_Job, dict[str, Any]]] = {}

    def note(self, outcome: UrlOutcome, row: dict[str, Any] | None = None) -> None:
        self.report.outcomes.append(outcome)
        if row is not None:
            ledger.record(self.store, {"url": outcome.url, "status": outcome.status, "reason": outcome.reason,
                                       "source": outcome.source or None, "article_id": outcome.article_id, **row})
        if self.on_outcome is not None:
            self.on_outcome(outcome)

    # -- listing ---------------------------------------------------------------------------

    def plan(self, source: Source) -> list[_Job]:
        """The new article addresses of one source, after every filter."""
        found = self._entries(source)
        urls = [canonical(e.url) for e, _ in found]
        settled = ledger.known(self.store, urls)
        jobs: list[_Job] = []
        name = source.outlet or source.url
        for (entry, page), url in zip(found, urls, strict=True):
            if url in self.seen:
                continue
            self.seen.add(url)
            entry = Entry(url, entry.published, entry.modified, entry.title)
            if url in settled:
                self.note(UrlOutcome(url, "known", "collected on an earlier run", source=name))
            elif source.since and _before(entry, source.since):
                self.note(UrlOutcome(url, "old", f"listed as published before {source.since}", source=name))
            elif source.limit is not None and len(jobs) >= source.limit:
                self.note(UrlOutcome(url, "over_limit", f"over the limit of {source.limit}", source=name))
            else:
                try:
                    self.fetcher.check_allowed(url)
                except FetchError as exc:
                    status = "forbidden" if exc.kind == "robots" and not exc.transient else "failed"
                    self.note(UrlOutcome(url, status, exc.reason, source=name))
                    continue
                jobs.append(_Job(entry, source, page))
        return jobs

    def _entries(self, source: Source) -> list[tuple[Entry, Page | None]]:
        """Walk a source's listings breadth-first (home → feeds/sitemaps → sitemaps...)."""
        name = source.outlet or source.url
        if source.kind == "article":
            return [(Entry(source.url), None)]
        if canonical(source.url) in ledger.known(self.store, [canonical(source.url)]):
            return [(Entry(source.url), None)]  # an article page collected before: not fetched again
        queue, read = [(source.url, source.kind)], 0
        out: list[tuple[Entry, Page | None]] = []
        while queue and read < self.settings.collect.max_sitemaps:
            url, kind = queue.pop(0)
            read += 1
            try:
                page = self.fetcher.get(url, revalidate=True)
                robots = self.fetcher.robots_text(url) if kind in ("auto", "home") else ""
                listing = read_listing(page, kind, robots)
            except FetchError as exc:
                self.note(UrlOutcome(canonical(url), "failed", exc.reason, source=name))
                continue
            if listing.kind == "article":
                return [(Entry(source.url), page)]
            self.report.listings += 1
            queue.extend((f, "feed") for f in listing.feeds)
            modified = {e.url: e.modified for e in listing.entries}
            queue.extend((s, "sitemap") for s in listing.sitemaps
                         if not (source.since and (modified.get(s) or "9999") < source.since))
            if listing.kind != "sitemapindex":
                out.extend((e, None) for e in listing.entries)
        return out

    # -- fetching --------------------------------------------------------------------------

    def articles(self, jobs: list[_Job]) -> Iterator[Article]:
        """Fetch the jobs concurrently (the fetcher keeps each host polite) and yield their articles
        in listing order, so that of two copies of one text the first listed is the one stored."""
        workers = max(1, self.settings.collect.workers)
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="collect") as pool:
            window: deque[tuple[_Job, Future[Article]]] = deque()
            for job in jobs:
                window.append((job, pool.submit(self._article, job)))
                if len(window) >= workers * 2:
                    article = self._settle(*window.popleft())
                    if article is not None:
                        yield article
            while window:
                article = self._settle(*window.popleft())
                if article is not None:
                    yield article

    def _article(self, job: _Job) -> Article:
        page = job.page or self.fetcher.get(job.entry.url)
        return page_article(page, job.entry, job.source, self.settings.ingest, self.settings.collect.min_words)

    def _settle(self, job: _Job, fut: Future[Article]) -> Article | None:
        url, name = job.entry.url, job.source.outlet or job.source.url
        try:
            article = fut.result()
        except FetchError as exc:
            status = "forbidden" if exc.kind == "robots" and not exc.transient else \
                "not_article" if exc.kind == "not_article" else "failed"
            row_status = "failed" if exc.transient else "http_error" if exc.kind == "http" else status
            self.note(UrlOutcome(url, status, exc.reason, source=name), {"status": row_status, "redirects": []})
            return None
        meta = article.meta
        row = {"final_url": canonical(meta.get("final_url", url)), "canonical_url": canonical(meta.get("url", url)),
               "published": meta.get("published"), "fetched_at": meta.get("fetched"),
               "redirects": meta.get("redirects", [])}
        since = job.source.since
        if since and meta.get("published") and str(meta["published"]) < since:
            self.note(UrlOutcome(url, "old", f"published {meta['published']}, before {since}", source=name), row)
            return None
        self.pending[url] = (job, row)
        return article

    def analysed(self, outcome: Outcome) -> None:
        """Runner hook: write the ledger row of an article once the store has it (or refused it)."""
        job, row = self.pending.pop(outcome.name)
        status = {"analysed": "stored", "reanalysed": "stored"}.get(outcome.status, outcome.status)
        name = job.source.outlet or job.source.url
        self.note(UrlOutcome(outcome.name, status, outcome.reason, outcome.article_id, name), row)


def _before(entry: Entry, since: str) -> bool:
    """Listed as published (or last changed) before ``since``."""
    return bool((entry.published and entry.published < since) or (entry.modified and entry.modified < since))


def collect(
    sources: Iterable[Source],
    settings: Settings,
    store: Store,
    pipeline: Pipeline,
    fetcher: Fetcher | None = None,
    on_outcome: Callable[[UrlOutcome], None] | None = None,
) -> CollectReport:
    """Collect, store and (with a non-empty pipeline) analyse the new articles of ``sources``."""
    own = fetcher is None
    fetcher = fetcher or Fetcher(settings.collect, settings.ingest.max_bytes)
    state = _Run(settings, store, fetcher, on_outcome)
    try:
        jobs = [job for source in sources for job in state.plan(source)]
        result = run_pipeline(state.articles(jobs), pipeline, store, on_outcome=state.analysed)
        state.report.near_duplicates = result.near_duplicates
    finally:
        if own:
            fetcher.close()
    return state.report
