"""Article metadata: outlet from explicit lines, footers or URL host; dates; language; title."""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlparse

from ..errors import InputError
from ..models.language import detect_language as detect_language  # re-exported for ingest.build

# Hosts of outlets common in conflict coverage; anything else falls back to the host name.
OUTLET_HOSTS = {
    "presstv.ir": "Press TV",
    "presstv.com": "Press TV",
    "presstv.co.uk": "Press TV",
    "sputniknews.com": "Sputnik",
    "sputnikglobe.com": "Sputnik",
    "rt.com": "RT",
    "tass.com": "TASS",
    "tass.ru": "TASS",
    "ria.ru": "RIA Novosti",
    "globaltimes.cn": "Global Times",
    "kyivindependent.com": "Kyiv Independent",
    "ukrinform.net": "Ukrinform",
    "pravda.com.ua": "Ukrainska Pravda",
    "reuters.com": "Reuters",
    "apnews.com": "Associated Press",
    "bbc.com": "BBC",
    "bbc.co.uk": "BBC",
    "aljazeera.com": "Al Jazeera",
    "theguardian.com": "The Guardian",
    "nytimes.com": "The New York Times",
    "washingtonpost.com": "The Washington Post",
    "dw.com": "DW",
    "france24.com": "France 24",
    "euronews.com": "Euronews",
    "cnn.com": "CNN",
}

_FOOTER = re.compile(r"^(?P<outlet>[A-Z][\w .&-]{1,40}?)(?:’|')s website can also be accessed", re.M)


def outlet_from_url(url: str | None) -> str | None:
    """Outlet name for a URL: a known outlet, else the host without ``www.``."""
    if not url:
        return None
    host = (urlparse(url if "//" in url else f"//{url}").hostname or "").lower()
    host = host.removeprefix("www.")
    if not host:
        return None
    for known, name in OUTLET_HOSTS.items():
        if host == known or host.endswith("." + known):
            return name
    return host


def outlet_from_lines(meta_lines: dict[str, str], dropped: list[str]) -> str | None:
    """Outlet from a "Source: X" line or a site footer such as "X's website can also be accessed"."""
    for key in ("source", "outlet"):
        if meta_lines.get(key):
            return meta_lines[key].strip().rstrip(".")
    for line in dropped:
        m = _FOOTER.match(line)
        if m:
            return m.group("outlet").strip()
    return None


def normalise_date(value: object, origin: str = "date") -> str | None:
    """An ISO date (YYYY-MM-DD) from a date-like value; raises InputError when it cannot be read."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value.isoformat()[:10]
    text = str(value).strip()
    try:
        return date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        pass
    import dateparser

    parsed = dateparser.parse(text, settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]})
    if parsed is None:
        raise InputError(origin, f"cannot read the date {text!r}; use YYYY-MM-DD")
    return str(parsed.date().isoformat())


def title_from_text(text: str) -> str | None:
    """The first line when it reads like a headline (short, no final full stop)."""
    first = text.split("\n", 1)[0].strip()
    if 0 < len(first) <= 200 and not first.endswith((".", ":")) and len(text) > len(first) + 40:
        return first
    return None
