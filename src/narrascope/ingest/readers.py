"""Readers for every supported input, each read whole: text, HTML, JSON/JSONL/CSV records, SemEval dirs, stdin.

Each reader yields :class:`~narrascope.document.Article` objects or, for an input that
cannot be used, an :class:`~narrascope.errors.InputError` naming the file and the reason;
callers report those and go on with the rest. :func:`narrascope.ingest.read_inputs`
(:mod:`narrascope.ingest.stream`) expands paths, streams JSONL and Parquet, and reads
every other file with :func:`read_file`.
"""

from __future__ import annotations

import csv
import glob
import io
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..document import CONTROL_CHARS, SURROGATES, Article, replace_surrogates
from ..errors import InputError
from ..settings import IngestSettings
from .build import build_article
from .decode import MIN_CONFIDENCE, Decoded, check_encoding, check_size, detect, forced

Item = Article | InputError

TEXT_EXT = {".txt", ".text", ".md", ""}
HTML_EXT = {".html", ".htm", ".xhtml"}
RECORD_EXT = {".json", ".jsonl", ".ndjson", ".csv", ".tsv"}
SIDECAR_NAMES = {"metadata.csv", "_metadata.csv"}
# Files a directory walk passes over (a folder's own documentation is not an article).
SKIP_PREFIXES = ("readme", "license", "licence", "changelog")


STDIN = Path("-")


def iter_files(paths: Iterable[str]) -> Iterator[tuple[Path, dict[str, str]] | InputError]:
    """The files named by paths, directories and globs, each with its ``metadata.csv`` fields.

    ``-`` comes back as :data:`STDIN`; a path that matches nothing as an InputError.
    """
    sidecars: dict[Path, dict[str, dict[str, str]]] = {}
    for spec in paths:
        if spec == "-":
            yield STDIN, {}
            continue
        files = _expand(spec)
        if files is None:
            yield InputError(spec, "no such file or directory")
            continue
        for path in files:
            yield path, _sidecar_for(path, sidecars)


def _expand(spec: str) -> list[Path] | None:
    path = Path(spec)
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file() and not _skipped(p, path))
    if path.is_file():
        return [path]
    matches = sorted(Path(m) for m in glob.glob(spec, recursive=True))
    files = [m for m in matches if m.is_file()]
    return files or None


def _skipped(path: Path, root: Path) -> bool:
    """Hidden files, metadata sidecars and README/LICENSE files are not articles."""
    if any(part.startswith(".") for part in path.relative_to(root).parts):
        return True
    return path.name in SIDECAR_NAMES or path.name.lower().startswith(SKIP_PREFIXES)


def _sidecar_for(path: Path, cache: dict[Path, dict[str, dict[str, str]]]) -> dict[str, str]:
    """Metadata for ``path`` from a ``metadata.csv`` (column ``file``) in its directory, if any."""
    folder = path.parent
    if folder not in cache:
        cache[folder] = {}
        for name in SIDECAR_NAMES:
            side = folder / name
            if side.is_file():
                with side.open(newline="", encoding="utf-8") as fh:
                    for row in csv.DictReader(fh):
                        if row.get("file"):
                            cache[folder][row["file"]] = {k: v for k, v in row.items() if k != "file" and v}
    return cache[folder].get(path.name, {})


def read_file(path: Path, settings: IngestSettings, extra_meta: dict[str, str] | None = None) -> Iterator[Item]:
    """Read one file into articles (several for record files)."""
    name = str(path)
    try:
        check_size(name, path.stat().st_size, settings.max_bytes)
        data = path.read_bytes()
    except InputError as exc:
        yield exc
        return
    except OSError as exc:
        yield InputError(name, f"cannot read: {exc.strerror}")
        return
    yield from read_bytes(name, data, settings, extra_meta or {})


def read_bytes(
    name: str, data: bytes, settings: IngestSettings, extra_meta: dict[str, str] | None = None
) -> Iterator[Item]:
    """Read one input given as bytes; the format follows the name's extension, else the content."""
    try:
        check_size(name, len(data), settings.max_bytes)
        decoded = decode_input(name, data, settings)
    except InputError as exc:
        yield exc
        return
    text = decoded.text
    ext = Path(name).suffix.lower()
    meta: dict[str, Any] = {"path": name, "encoding": decoded.encoding, **(extra_meta or {})}
    if settings.encoding:
        meta["encoding_forced"] = True
    if decoded.confidence < 1.0:
        meta["encoding_confidence"] = decoded.confidence
    if decoded.warning:
        meta.setdefault("warnings", []).append(decoded.warning)
    replaced = decoded.replaced + scrub_meta(meta)
    if replaced:
        meta["replaced_chars"] = replaced
    if ext in RECORD_EXT:
        for item in _records(name, text, ext, settings):
            yield forced_meta(item, settings)
    elif ext in HTML_EXT or (ext not in TEXT_EXT and text.lstrip()[:1] == "<") or _looks_html(text):
        yield _guard(name, lambda: _html_article(name, text, meta, settings))
    elif ext in TEXT_EXT or ext.lstrip(".").isdigit():
        yield _guard(name, lambda: build_article(text, meta, settings))
    else:
        yield InputError(name, f"unsupported file type {ext!r}: use .txt, .html, .json, .jsonl or .csv")


def decode_input(name: str, data: bytes, settings: IngestSettings) -> Decoded:
    """One input's bytes as text: the forced ``ingest.encoding``, else detected; a doubtful guess
    is refused when ``ingest.doubtful_encoding = "reject"``."""
    if settings.encoding:
        return forced(name, data, settings.encoding)
    decoded = detect(name, data)
    if decoded.confidence < MIN_CONFIDENCE and settings.doubtful_encoding == "reject":
        why = (decoded.warning or "doubtful encoding").split("; stored as")[0]
        raise InputError(
            name, f"{why} (best guess {decoded.encoding}, confidence {decoded.confidence:.2f}); rejected by "
            "ingest.doubtful_encoding = reject: give --encoding NAME"
        )
    return decoded


def forced_meta(item: Item, settings: IngestSettings) -> Item:
    """A record's article with the forced ``ingest.encoding`` recorded in its meta (as a file's is)."""
    if settings.encoding and isinstance(item, Article):
        item.meta.update(encoding=check_encoding(settings.encoding), encoding_forced=True)
    return item


def _looks_html(text: str) -> bool:
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html"))


def _guard(name: str, make: Any) -> Item:
    """The article ``make()`` builds, or its failure as this input's one-line InputError (never a raised error)."""
    try:
        article: Article = make()
        return article
    except InputError as exc:
        return exc if exc.path == name else InputError(name, exc.reason)
    except RecursionError:
        return InputError(name, "input nested too deeply to read")
    except Exception as exc:  # one unreadable record must not end the run
        return InputError(name, f"could not be read ({type(exc).__name__}: {exc})")


def _refuse_surrogates(where: str, fields: dict[str, Any]) -> None:
    """A record with a lone surrogate (``"\\ud800"``) cannot be stored as text: refuse it with the place."""
    for key, value in fields.items():
        if isinstance(value, str):
            m = SURROGATES.search(value)
            if m:
                raise InputError(
                    where,
                    f"invalid Unicode: lone surrogate U+{ord(m.group()):04X} in field {key!r} at character "
                    f"{m.start()} (\\ud800-\\udfff escapes must come in valid pairs); fix the record",
                )


def scrub_meta(meta: dict[str, Any]) -> int:
    """Replace lone surrogates and drop control characters in metadata strings; returns the surrogates replaced."""
    count = 0
    for key, value in meta.items():
        if isinstance(value, str):
            value, n = replace_surrogates(value)
            meta[key] = CONTROL_CHARS.sub("", value)
            count += n
    return count


def _html_article(name: str, html: str, meta: dict[str, Any], settings: IngestSettings) -> Article:
    import trafilatura

    options: dict[str, Any] = {"with_metadata": True, "include_comments": False, "include_tables": False}
    doc = trafilatura.bare_extraction(html, **options)
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        depth, tree = _deep_tree(html)
        if tree is not None:  # libxml2 stops at 255 levels unless asked for a huge tree
            doc = trafilatura.bare_extraction(tree, **options)
            text = getattr(doc, "text", None) if doc is not None else None
        if (not text or not text.strip()) and depth >= DEEP_HTML:
            reason = f"HTML nested too deeply ({_levels(depth)} levels); no article text could be extracted"
            raise InputError(name, reason)
    if not text or not text.strip():
        raise InputError(name, "no article text found in the HTML (empty, malformed or only scripts/markup)")
    for key, attr in (("title", "title"), ("published", "date"), ("url", "url"), ("source", "sitename")):
        value = getattr(doc, attr, None)
        if value and not meta.get(key):
            meta[key] = value
    hostname = getattr(doc, "hostname", None)
    if not meta.get("source") and hostname:
        meta["source_host"] = hostname
    meta["format"] = "html"
    return build_article(text, meta, settings)


DEEP_HTML = 250  # nesting depth from which libxml2's default parser gives up
HUGE_TREE_DEPTH = 2048  # where even its huge-tree parser stops


def _deep_tree(html: str) -> tuple[int, Any]:
    """Nesting depth of an HTML page and, when it is too deep for the default parser, its huge-tree parse."""
    import lxml.html
    from lxml import etree

    try:
        tree = lxml.html.fromstring(html, parser=lxml.html.HTMLParser(huge_tree=True))
    except (etree.ParserError, ValueError):
        return 0, None
    depth = best = 0
    for event, _ in etree.iterwalk(tree, events=("start", "end")):
        depth += 1 if event == "start" else -1
        best = max(best, depth)
    return best, tree if best >= DEEP_HTML else None


def _levels(depth: int) -> str:
    return f"{depth}+" if depth >= HUGE_TREE_DEPTH else str(depth)


def _records(name: str, text: str, ext: str, settings: IngestSettings) -> Iterator[Item]:
    if ext in (".jsonl", ".ndjson"):
        for lineno, line in enumerate(text.split("\n"), 1):  # not splitlines(): U+2028 may sit inside a string
            item = json_line_item(f"{name}:{lineno}", line, settings)
            if item is not None:
                yield item
    elif ext == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            yield InputError(name, f"malformed JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})")
            return
        records = data if isinstance(data, list) else data.get("articles", [data]) if isinstance(data, dict) else None
        if not isinstance(records, list):
            yield InputError(name, "JSON must be an object or a list of objects")
            return
        for i, record in enumerate(records, 1):
            where = f"{name}[{i}]"
            yield _guard(where, lambda r=record, w=where: _record_article(w, r, settings))
    else:
        dialect = "excel-tab" if ext == ".tsv" else "excel"
        csv.field_size_limit(max(settings.max_bytes, 131072))
        try:
            rows = list(csv.DictReader(io.StringIO(text, newline=""), dialect=dialect))
        except csv.Error as exc:
            yield InputError(name, f"malformed CSV ({exc})")
            return
        for i, row in enumerate(rows, 2):
            where = f"{name}:{i}"
            yield _guard(where, lambda r=row, w=where: _record_article(w, r, settings))


def json_line_item(where: str, line: str, settings: IngestSettings) -> Item | None:
    """One JSON Lines record as an article (None for a blank line, InputError when malformed)."""
    if not line.strip():
        return None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return InputError(where, f"malformed JSON line ({exc.msg} at column {exc.colno})")
    return record_item(where, record, settings)


def record_item(where: str, record: Any, settings: IngestSettings) -> Item:
    """One decoded record (JSON object, CSV row, Parquet row) as an article, or the InputError it gives."""
    return _guard(where, lambda: _record_article(where, record, settings))


def _record_article(where: str, record: Any, settings: IngestSettings) -> Article:
    if not isinstance(record, dict):
        raise InputError(where, "record is not an object")
    body = record.get(settings.text_field)
    if not isinstance(body, str) or not body.strip():
        raise InputError(where, f"no text in field {settings.text_field!r} (set ingest.text_field or --text-field)")
    meta: dict[str, Any] = {"path": where}
    for key, field_name in (
        ("title", settings.title_field),
        ("url", settings.url_field),
        ("source", settings.source_field),
        ("published", settings.date_field),
        ("doc_id", settings.id_field),
    ):
        value = record.get(field_name)
        if value not in (None, ""):
            meta[key] = str(value)
    _refuse_surrogates(where, {settings.text_field: body, **{k: v for k, v in meta.items() if k != "path"}})
    scrub_meta(meta)
    if meta.get("published"):
        from .meta import normalise_date

        meta["published"] = normalise_date(meta["published"], where)
    looks_html = body.lstrip()[:1] == "<" and _looks_html(body)
    return _html_article(where, body, meta, settings) if looks_html else build_article(body, meta, settings)


def read_stdin(settings: IngestSettings) -> Iterator[Item]:
    """Standard input, read whole (up to ``ingest.max_bytes``) and named ``<stdin>``."""
    data = sys.stdin.buffer.read(settings.max_bytes + 1)
    yield from read_bytes("<stdin>", data, settings)
