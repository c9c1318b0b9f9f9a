"""Run inputs through the pipeline into the store and an optional JSONL stream.

This is the one function behind ``narrascope analyze``/``ingest``, the REST API's
submissions and the Python API: inputs that cannot be read are reported and skipped,
articles already stored with the same pipeline are reused, the rest are analysed in
batches and saved one transaction per article. Any failure of one record (reading,
analysing, storing) becomes that record's outcome and the run goes on.

Resuming: the store is asked for each article just before its batch is analysed, and again
just before saving, so a rerun after a kill skips what is already stored and does not overwrite
another run's result; articles stored by an interrupted run are indexed for near-duplicates by
the next run that meets them. Each article is claimed in the store (``store.claims``) before it
is analysed and released once stored, so two runs at once over the same input share the work:
an article another live run holds is reported as a duplicate, not analysed twice.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Protocol, runtime_checkable

from .document import Article
from .errors import InputError, NarrascopeError
from .ingest import Item
from .pipeline import Pipeline
from .store import Store, claims

_REPEAT = "same text as an earlier input of this run"
_CLAIMED = "being analysed by another run"


@runtime_checkable
class ArticleSink(Protocol):
    """An ``out`` that takes the analysed articles themselves (``scale.ParquetSink``); a text
    stream gets each one as a JSON line instead."""

    def add(self, article: Article) -> None: ...


@dataclass(frozen=True)
class Outcome:
    """What happened to one input."""

    name: str
    status: str  # analysed | reanalysed | duplicate | rejected | failed
    article_id: str | None = None
    reason: str = ""  # why it was not analysed, or the warnings of an analysed input


@dataclass
class RunReport:
    """All outcomes of a run, with counts for the summary."""

    outcomes: list[Outcome] = field(default_factory=list)
    near_duplicates: dict[str, str] = field(default_factory=dict)  # new article id -> earlier article it copies

    def counts(self) -> dict[str, int]:
        return dict(Counter(o.status for o in self.outcomes))

    @property
    def problems(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status in ("rejected", "failed")]

    @property
    def ok(self) -> bool:
        return not self.problems


def run(
    items: Iterable[Item],
    pipeline: Pipeline,
    store: Store | None = None,
    out: IO[str] | ArticleSink | None = None,
    force: bool = False,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> RunReport:
    """Analyse and store every readable input; see the module docstring."""
    report = RunReport()
    seen: set[str] = set()
    owner = claims.new_owner()

    def note(outcome: Outcome, article: Article | None = None) -> None:
        report.outcomes.append(outcome)
        if article is not None and out is not None:
            if isinstance(out, ArticleSink):
                out.add(article)
            else:
                out.write(article.to_json() + "\n")
        if on_outcome is not None:
            on_outcome(outcome)

    def stored_already(article: Article) -> bool:
        return store is not None and not force and store.stored_pipeline(article.id) == pipeline.signature

    def todo() -> Iterator[Article]:
        try:
            yield from admitted()
        except Exception as exc:  # the input stream itself broke: report it, keep what was done
            note(Outcome("<inputs>", "failed", None, f"reading stopped: {_why(exc)}"))

    def admitted() -> Iterator[Article]:
        for item in items:
            if isinstance(item, InputError):
                note(Outcome(item.path, "rejected", reason=item.reason))
                continue
            name = _name(item)
            try:
                if item.id in seen:
                    note(Outcome(name, "duplicate", item.id, _REPEAT))
                    continue
                seen.add(item.id)
                if stored_already(item):
                    note(Outcome(name, "duplicate", item.id, "already stored"), store.get(item.id) if store else None)
                    continue
                if store is not None:
                    if not claims.claim(store, item.id, owner):
                        note(Outcome(name, "duplicate", item.id, _CLAIMED))
                        continue
                    if stored_already(item):  # stored by another run between the first look and the claim
                        claims.release(store, owner, [item.id])
                        note(Outcome(name, "duplicate", item.id, "already stored"), store.get(item.id))
                        continue
            except Exception as exc:  # one bad record never ends the run
                note(Outcome(name, "failed", None, _why(exc)))
                continue
            yield item

    try:
        for article, error in pipeline.pipe(todo()):
            outcome = _store(article, error, store, stored_already)
            note(outcome, None if outcome.status == "failed" else article)
            if store is not None:
                claims.release(store, owner, [article.id])
    finally:
        if store is not None:
            claims.release(store, owner)  # whatever an error left claimed
    if store is not None:
        report.near_duplicates = _index_near_duplicates(store, report, pipeline)
    return report


def _store(
    article: Article, error: Exception | None, store: Store | None, stored_already: Callable[[Article], bool]
) -> Outcome:
    """Save one analysed article (unless it failed or another run stored it meanwhile): its outcome."""
    name = _name(article)
    if error is not None:
        return Outcome(name, "failed", article.id, str(error))
    try:
        if stored_already(article):  # a concurrent run over the same input got there first
            return Outcome(name, "duplicate", article.id, "stored meanwhile by another run")
        status = "analysed"
        if store is not None and store.save(article, replace=True) == "replaced":
            status = "reanalysed"
    except Exception as exc:
        return Outcome(name, "failed", article.id, _why(exc))
    return Outcome(name, status, article.id, "; ".join(article.meta.get("warnings") or ()))


def _name(article: Article) -> str:
    return str(article.meta.get("path") or article.id)


def _why(exc: Exception) -> str:
    return str(exc) if isinstance(exc, NarrascopeError) else f"{type(exc).__name__}: {exc}"


def _index_near_duplicates(store: Store, report: RunReport, pipeline: Pipeline) -> dict[str, str]:
    """Add the run's new articles, and stored ones an interrupted run left unindexed, to the corpus
    index (MinHash LSH), and name each one's earlier twin."""
    from .corpus.index import index_articles, threshold_of
    from .store.corpus import clusters_of, stale_ids

    saved = [o.article_id for o in report.outcomes if o.status in ("analysed", "reanalysed") and o.article_id]
    reused = {o.article_id for o in report.outcomes if o.status == "duplicate" and o.article_id}
    if reused:
        stale = set(stale_ids(store)) & reused
        saved += [o.article_id for o in report.outcomes if o.article_id in stale and o.reason != _REPEAT]
    todo = list(dict.fromkeys(aid for aid in saved if aid))
    if not todo:
        return {}
    index_articles(store, todo, threshold_of(pipeline.settings))
    return {aid: cluster for aid, cluster in clusters_of(store, todo).items() if cluster != aid}
