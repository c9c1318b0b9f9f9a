"""Run inputs through the pipeline into the store and an optional JSONL stream.

This is the one function behind ``narrascope analyze``/``ingest``, the REST API's
submissions and the Python API: inputs that cannot be read are reported and skipped,
articles already stored with the same pipeline are reused, the rest are analysed in
batches and saved one transaction per article.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO

from .document import Article
from .errors import InputError
from .ingest import Item
from .pipeline import Pipeline
from .store import Store


@dataclass(frozen=True)
class Outcome:
    """What happened to one input."""

    name: str
    status: str  # analysed | reanalysed | duplicate | rejected | failed
    article_id: str | None = None
    reason: str = ""


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
    out: IO[str] | None = None,
    force: bool = False,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> RunReport:
    """Analyse and store every readable input; see the module docstring."""
    report = RunReport()
    seen: set[str] = set()

    def note(outcome: Outcome, article: Article | None = None) -> None:
        report.outcomes.append(outcome)
        if article is not None and out is not None:
            out.write(article.to_json() + "\n")
        if on_outcome is not None:
            on_outcome(outcome)

    def todo() -> Iterator[Article]:
        for item in items:
            if isinstance(item, InputError):
                note(Outcome(item.path, "rejected", reason=item.reason))
                continue
            name = str(item.meta.get("path") or item.id)
            if item.id in seen:
                note(Outcome(name, "duplicate", item.id, "same text as an earlier input of this run"))
                continue
            seen.add(item.id)
            stored = store.stored_pipeline(item.id) if store is not None else None
            if stored is not None and stored == pipeline.signature and not force:
                note(Outcome(name, "duplicate", item.id, "already stored"), store.get(item.id) if store else None)
                continue
            yield item

    for article, error in pipeline.pipe(todo()):
        name = str(article.meta.get("path") or article.id)
        if error is not None:
            note(Outcome(name, "failed", article.id, str(error)))
            continue
        status = "analysed"
        if store is not None and store.save(article, replace=True) == "replaced":
            status = "reanalysed"
        note(Outcome(name, status, article.id), article)
    if store is not None:
        report.near_duplicates = _index_near_duplicates(store, report, pipeline)
    return report


def _index_near_duplicates(store: Store, report: RunReport, pipeline: Pipeline) -> dict[str, str]:
    """Add the run's new articles to the corpus index (MinHash LSH) and name each one's earlier twin."""
    from .corpus.index import DEFAULT_THRESHOLD, clusters_of, index_articles

    saved = [o.article_id for o in report.outcomes if o.status in ("analysed", "reanalysed") and o.article_id]
    if not saved:
        return {}
    threshold = float(pipeline.settings.component("near_duplicates").get("threshold", DEFAULT_THRESHOLD))
    index_articles(store, saved, threshold)
    return {aid: cluster for aid, cluster in clusters_of(store, saved).items() if cluster != aid}
