"""Turn decoded text plus known metadata into an :class:`Article` (clean text, outlet, title, language)."""

from __future__ import annotations

from typing import Any

from ..document import Article, replace_surrogates
from ..errors import InputError
from ..settings import IngestSettings
from .clean import clean_text
from .meta import detect_language, normalise_date, outlet_from_lines, outlet_from_url, title_from_text


def build_article(raw: str, meta: dict[str, Any], settings: IngestSettings) -> Article:
    """Clean ``raw`` and fill metadata: explicit flags win, then the input's own metadata, then the text."""
    name = str(meta.get("path") or "<text>")
    raw, replaced = replace_surrogates(raw)  # readers replace them already; callers of this function may not
    if replaced and not meta.get("replaced_chars"):
        meta = {**meta, "replaced_chars": replaced}
    cleaned = clean_text(raw, settings.boilerplate)
    if not cleaned.text.strip():
        raise InputError(name, "no text left after removing boilerplate")
    meta = dict(meta)
    meta["source"] = (
        settings.source
        or meta.get("source")
        or outlet_from_lines(cleaned.meta_lines, cleaned.dropped)
        or outlet_from_url(meta.get("url"))
        or outlet_from_url(meta.pop("source_host", None))
    )
    meta.pop("source_host", None)
    published = settings.published or meta.get("published") or cleaned.meta_lines.get("published")
    meta["published"] = normalise_date(published, name) if published else None
    meta["title"] = meta.get("title") or title_from_text(cleaned.text)
    meta["language"] = settings.language or meta.get("language") or detect_language(cleaned.text)
    if cleaned.dropped:
        meta["dropped_lines"] = len(cleaned.dropped)
    return Article(text=cleaned.text, raw_text=raw, offsets=cleaned.offsets, meta=meta)
