"""A drop-in, faster replacement for spaCy's ``attribute_ruler`` pipe.

en_core_web_sm's attribute ruler (179 token patterns: tag → POS/morph maps and word
exceptions) runs spaCy's general ``Matcher`` over every token, ≈ 9 ms per news article,
more than the tagger and lemmatizer together. Its patterns are simple (one or two tokens,
TAG/LOWER/DEP/IS_SPACE equal to a value, ``IN`` a list, or a ``REGEX``), so this pipe indexes
them by tag and lowercase form and checks only the candidates. It applies matches exactly as
the original does: all matches first, then their attributes in pattern order, later patterns
winning. ``load_spacy`` swaps it in; the test suite checks the outputs are identical.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

FACTORY = "narrascope_fast_attribute_ruler"
_COLUMN = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}  # a token's row: (tag_, lower_, dep_, is_space)
_SETTERS = ("TAG", "POS", "MORPH", "LEMMA", "DEP")


def _check(spec: dict[str, Any], row: tuple[Any, ...]) -> bool:
    """Whether one token (its TAG, LOWER, DEP, IS_SPACE values) satisfies a pattern token."""
    for key, want in spec.items():
        have = row[_COLUMN[key]]
        if isinstance(want, dict):
            if "IN" in want and have not in want["IN"]:
                return False
            if "NOT_IN" in want and have in want["NOT_IN"]:
                return False
            if "REGEX" in want and not re.search(want["REGEX"], str(have)):
                return False
        elif have != want:
            return False
    return True


class FastAttributeRuler:
    """Applies attribute-ruler patterns through a tag/lowercase index instead of the Matcher."""

    def __init__(self, patterns: Iterable[dict[str, Any]]) -> None:
        self.rules: list[tuple[list[dict[str, Any]], dict[str, Any], int]] = []
        for p in patterns:
            for pat in p["patterns"]:
                self.rules.append((pat, dict(p["attrs"]), int(p.get("index", 0))))
        unknown = {k for pat, _, _ in self.rules for spec in pat for k in spec} - set(_COLUMN)
        unknown |= {k for _, attrs, _ in self.rules for k in attrs} - set(_SETTERS)
        unknown |= {op for pat, _, _ in self.rules for spec in pat for v in spec.values() if isinstance(v, dict)
                    for op in v} - {"IN", "NOT_IN", "REGEX"}
        if unknown:
            raise ValueError(f"attribute-ruler patterns use {sorted(unknown)}: keep spaCy's attribute_ruler")
        self.by_tag: dict[str, list[int]] = {}
        self.by_lower: dict[str, list[int]] = {}
        self.always: list[int] = []
        self._cache: dict[tuple[Any, ...], tuple[int, ...]] = {}
        for i, (pat, _, _) in enumerate(self.rules):
            first = pat[0]
            for key, index in (("LOWER", self.by_lower), ("TAG", self.by_tag)):  # the more selective first
                want = first.get(key)
                values = [want] if isinstance(want, str) else (want.get("IN") if isinstance(want, dict) else None)
                if values:
                    for v in values:
                        index.setdefault(v, []).append(i)
                    break
            else:
                self.always.append(i)

    def _first(self, row: tuple[Any, ...]) -> tuple[int, ...]:
        """The rules whose first pattern token a token with these (TAG, LOWER, DEP, IS_SPACE) values
        matches, in rule order (cached: a corpus has few distinct rows)."""
        found = self._cache.get(row)
        if found is None:
            cands = set(self.by_tag.get(row[0], ()))
            cands.update(self.by_lower.get(row[1], ()), self.always)
            found = tuple(r for r in sorted(cands) if _check(self.rules[r][0][0], row))
            if len(self._cache) < 100_000:
                self._cache[row] = found
        return found

    def _matches(self, doc: Doc) -> list[tuple[int, int]]:
        """(rule index, token index that gets the attrs) for every match, in rule order."""
        rows = [(t.tag_, t.lower_, t.dep_, t.is_space) for t in doc]
        found = []
        for i, row in enumerate(rows):
            for r in self._first(row):
                pat, _, index = self.rules[r]
                if len(pat) == 1:
                    found.append((r, i))
                elif i + len(pat) <= len(rows) and all(_check(pat[k], rows[i + k]) for k in range(1, len(pat))):
                    found.append((r, i + (index if index >= 0 else len(pat) + index)))
        found.sort()
        return found

    def __call__(self, doc: Doc) -> Doc:
        for r, i in self._matches(doc):
            tok: Any = doc[i]  # spaCy's stubs lack Token.set_morph
            for key, value in self.rules[r][1].items():
                if key == "MORPH":
                    tok.set_morph(value)
                elif key == "POS":
                    tok.pos_ = value
                elif key == "LEMMA":
                    tok.lemma_ = value
                elif key == "TAG":
                    tok.tag_ = value
                else:
                    tok.dep_ = value
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


@Language.factory(FACTORY, default_config={"patterns": []})
def make_fast_attribute_ruler(nlp: Language, name: str, patterns: list[dict[str, Any]]) -> FastAttributeRuler:
    return FastAttributeRuler(patterns)


def use_fast_attribute_ruler(nlp: Language) -> None:
    """Swap ``attribute_ruler`` for :class:`FastAttributeRuler` with the same patterns (in place)."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler: Any = nlp.get_pipe("attribute_ruler")
    patterns = ruler.patterns
    try:
        FastAttributeRuler(patterns)
    except ValueError:
        return  # a model with pattern kinds this pipe does not know keeps spaCy's own
    nlp.add_pipe(FACTORY, name="fast_attribute_ruler", before="attribute_ruler", config={"patterns": patterns})
    nlp.remove_pipe("attribute_ruler")
