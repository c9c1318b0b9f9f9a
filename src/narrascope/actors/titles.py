"""Titles: appositive title phrases before a name, and the holder of a gazetteer role on a date.

"Ukraine's lead negotiator Mykhaylo Podolyak" gives the title "Ukraine's lead negotiator";
"the Russian president" alone resolves to whoever held that role at publication time,
preferring an actor the article names itself.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date

from .gazetteer import AliasEntry, Gazetteer
from .matcher import Token


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words a title ends with ("... negotiator Mykhaylo Podolyak").
TITLE_HEADS = _words(
    """
    president presidents premier minister ministers secretary spokesman spokeswoman spokesperson aide adviser
    advisor chief head negotiator envoy ambassador commander general admiral colonel lieutenant major captain
    sergeant marshal leader mayor governor chairman chairwoman chair speaker diplomat official officer
    representative director counterpart chancellor king queen prince pope patriarch senator congressman
    congresswoman lawmaker mp deputy member coordinator commissioner ombudsman prosecutor judge founder boss ceo
    editor journalist correspondent analyst expert professor lt gen col maj sgt capt adm dr mr mrs ms sir lord
    activist blogger politician economist historian publicist strategist owner host anchor businessman oligarch
    warlord militant
    """
)
# Lower-case words that may sit inside a title ("presidential chief of staff", "head of the delegation").
TITLE_WORDS = TITLE_HEADS | _words(
    """
    of the and foreign defence defense state affairs internal interior prime vice first top lead chief senior former
    acting press presidential national security intelligence special military armed forces army navy air force staff
    delegation negotiating team council ministry office administration parliament parliamentary deputy regional
    region city human rights european high general joint supreme deputy self-proclaimed de facto opposition party
    federal russian-installed kremlin-installed pro-russian pro-kremlin pro-western
    """
)
# Capitalised words that start a sentence rather than a title.
_NOT_TITLE = _words(
    """
    the a an and but or meanwhile earlier later also however then when while after before as in on at by for from
    with according last next this that these those his her their its our my your said says told yesterday today
    """
)
MAX_TITLE_WORDS = 8


def title_before(text: str, tokens: Sequence[Token], first: int) -> tuple[int, int] | None:
    """Span of an appositive title right before ``tokens[first]`` ("Kremlin aide"), or None."""
    k = first - 1
    if k < 0 or _base(tokens[k].text) not in TITLE_HEADS:
        return None
    start = None
    nxt = tokens[first].start
    while k >= 0 and first - k <= MAX_TITLE_WORDS:
        tok = tokens[k]
        if not _gap_ok(text[tok.end : nxt]):
            break
        low = tok.text.lower()
        if low in _NOT_TITLE:
            break
        if not (low in TITLE_WORDS or tok.text[:1].isupper() or tok.text[:1].isdigit()):
            break
        start = tok.start
        nxt = tok.start
        k -= 1
    if start is None:
        return None
    # A title never starts with a connecting word.
    while True:
        words = text[start : tokens[first - 1].end].split()
        if words and words[0].lower() in ("of", "the", "and", "for", "to"):
            start = text.index(words[1], start + len(words[0])) if len(words) > 1 else tokens[first - 1].end
            continue
        break
    return (start, tokens[first - 1].end) if start < tokens[first - 1].end else None


def _base(word: str) -> str:
    low = word.lower()
    return low[:-2] if low.endswith(("'s", "’s")) else low


def _gap_ok(gap: str) -> bool:
    return all(ch in " \t\u00a0-" for ch in gap) and len(gap) <= 3


def resolve_role(
    entries: Sequence[AliasEntry], day: date | None, in_article: Collection[str], gaz: Gazetteer
) -> str | None:
    """The actor holding one of these roles on ``day``; with no date, one the article names, else the latest."""
    holders = [e for e in entries if e.role is not None]
    if day is not None:
        valid = [e for e in holders if e.role is not None and e.role.valid_on(day)]
        named = [e for e in valid if e.actor_id in in_article]
        if named:
            return named[0].actor_id
        if valid:
            return valid[0].actor_id
        return None
    named = [e for e in holders if e.actor_id in in_article]
    if named:
        return named[0].actor_id
    current = [e for e in holders if e.role is not None and e.role.end is None]
    pool = current or holders
    if not pool:
        return None
    best = max(pool, key=lambda e: e.role.start or date.min if e.role else date.min)
    return best.actor_id if best.actor_id in gaz.actors else None
