"""Quote-mark pairing without a parse."""

from __future__ import annotations

import pytest

from narrascope.quotes.direct import find_quoted


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "we are ready," then left.', [(9, 21, 0)]),
        ("He said “we are ready,” then left.", [(9, 21, 0)]),
        ("“One,” she said. “Two.”", [(1, 4, 0), (18, 22, 1)]),
        ("It was ``on hold'' then.", [(9, 16, 0)]),
        ("« Paix » maintenant", [(2, 6, 0)]),
        ("No marks at all.", []),
        # unclosed at paragraph end, continued by a paragraph that opens with a mark
        ("“First part.\n“Second part,” he said.", [(1, 12, 0), (14, 25, 0)]),
        # an unclosed quote not continued stays a separate chain
        ("“First part.\nPlain text.\n“Other.”", [(1, 12, 0), (26, 32, 1)]),
    ],
)
def test_find_quoted(text: str, expected: list[tuple[int, int, int]]) -> None:
    spans = find_quoted(text)
    assert [(q.start, q.end, q.chain) for q in spans] == expected


def test_unclosed_quote_has_no_close_mark() -> None:
    spans = find_quoted("“Runs to the end\nNext.")
    assert [(q.open, q.close, q.start, q.end) for q in spans] == [(0, None, 1, 16)]
