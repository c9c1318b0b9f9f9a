"""``narrascope analyze --engine ray``: the same pipeline over Ray Data, written as Parquet.

The driver only lists input files (with their ``metadata.csv`` fields); Ray tasks read
them with the local readers (JSONL a line at a time, Parquet a row group at a time), an
actor pool runs :class:`~narrascope.pipeline.Pipeline` per batch (each actor builds it,
and loads its models, once) and the rows are written with :func:`ray.data.Dataset.write_parquet`.
Rows are the local engine's (and ``export --format parquet``'s): :func:`narrascope.scale.parquet.article_row`.
Like the local engine, an input whose clean text equals an earlier input's (same article id)
is analysed once: the first in input order is kept. The Ray engine writes Parquet only (no store).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..document import Article
from ..errors import ConfigError, InputError
from ..ingest.stream import input_files, read_path
from ..pipeline import Pipeline
from ..settings import Settings
from .parquet import article_row, rows_table


@dataclass(frozen=True)
class RayReport:
    """What a Ray run wrote."""

    files: int
    rows: int
    out: str


def _read_file(row: dict[str, Any], settings: Settings) -> list[dict[str, Any]]:
    """Ray task: one input file → one row per article (as JSON) or per unreadable input."""
    out = []
    full, name = row["path"], row["name"]  # read by absolute path, named as the user gave it (as locally)
    for k, item in enumerate(read_path(Path(full), settings.ingest, json.loads(row["meta"]))):
        seq = f"{row['index']:09d}:{k:09d}"  # input order, for keeping the first of duplicate texts
        if isinstance(item, InputError):
            item = InputError(name + item.path.removeprefix(full), item.reason)
            print(f"rejected: {item.path}: {item.reason}", file=sys.stderr)
            out.append({"article": "", "error": f"{item.path}: {item.reason}", "id": "", "seq": seq})  # then dropped
        else:
            item.meta["path"] = name + str(item.meta.get("path") or full).removeprefix(full)
            out.append({"article": json.dumps(item.to_dict(include_raw=True), ensure_ascii=False), "error": "",
                        "id": item.id, "seq": seq})
    return out


def _first(group: Any) -> Any:
    """Of the inputs sharing one article id (a pyarrow table), the first in input order."""
    return group.sort_by("seq").slice(0, 1)


class _Analyse:
    """Ray actor: builds the pipeline once, then analyses batches of article JSON into Parquet rows."""

    def __init__(self, settings: Settings, names: list[str]) -> None:
        try:
            import torch

            torch.set_num_threads(1)
        except ImportError:  # pragma: no cover - torch is a dependency
            pass
        self.pipeline = Pipeline(settings, names)

    def __call__(self, batch: Any) -> Any:
        articles = [Article.from_dict(json.loads(s)) for s in batch.column("article").to_pylist()]
        rows = []
        for art, error in self.pipeline.pipe(articles):
            if error is not None:
                print(f"failed: {art.meta.get('path') or art.id}: {error}", file=sys.stderr)
                continue
            rows.append(article_row(art))
        return rows_table(rows)


def run_ray(
    paths: Sequence[str],
    settings: Settings,
    out: str | Path,
    names: list[str] | None = None,
    address: str | None = None,
    workers: int | None = None,
) -> RayReport:
    """Analyse ``paths`` with Ray Data into a directory of Parquet files; returns the counts."""
    try:
        import ray
    except ImportError as exc:
        raise ConfigError("the Ray engine needs Ray: pip install 'narrascope[ray]' (ray[data]==2.60.0)") from exc
    pipeline = Pipeline(settings, names)  # checks the component order before any cluster work
    files: list[dict[str, Any]] = []
    for found in input_files(paths):
        if isinstance(found, InputError):
            raise ConfigError(str(found))
        files.append({"path": str(found[0].resolve()), "name": str(found[0]), "meta": json.dumps(found[1]),
                      "index": len(files)})
    if not files:
        raise ConfigError(f"no input files in {', '.join(paths)}")
    n_workers = max(1, workers or settings.pipeline.workers)
    started = not ray.is_initialized()
    if started:
        init: dict[str, Any] = {"include_dashboard": False, "log_to_driver": True}
        if address:
            init["address"] = address
        else:
            init["num_cpus"] = n_workers + 1  # the actors, plus one for the reading and writing tasks
        ray.init(**init)
    try:
        return _execute(ray, files, settings, pipeline.names, Path(out), n_workers)
    finally:
        if started:
            ray.shutdown()


def _execute(
    ray: Any, files: list[dict[str, Any]], settings: Settings, names: list[str], out: Path, workers: int
) -> RayReport:
    import pyarrow.parquet as pq

    ctx = ray.data.DataContext.get_current()
    ctx.execution_options.preserve_order = True
    ctx.enable_progress_bars = False
    ds = ray.data.from_items(files, override_num_blocks=max(1, min(len(files), 4 * workers)))
    items = ds.flat_map(_read_file, fn_kwargs={"settings": settings}).filter(lambda r: bool(r["article"]))
    unique = items.groupby("id").map_groups(_first, batch_format="pyarrow").sort("seq")
    analysed = unique.map_batches(  # unreadable inputs were logged by _read_file and filtered out
        _Analyse,
        fn_constructor_kwargs={"settings": settings, "names": names},
        batch_size=max(1, settings.pipeline.batch_size),
        batch_format="pyarrow",
        compute=ray.data.ActorPoolStrategy(size=workers),
        num_cpus=1,
    )
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.parquet"):
        old.unlink()
    analysed.write_parquet(str(out))
    rows = sum(pq.ParquetFile(p).metadata.num_rows for p in out.glob("*.parquet"))
    return RayReport(files=len(files), rows=rows, out=str(out))
