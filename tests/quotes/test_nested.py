"""Nested-quote marking: the log-time prefix maximum flags exactly what the all-pairs rule flags."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from narrascope.quotes.combine import Quote, mark_nested


def _all_pairs(quotes: list[Quote]) -> list[bool]:
    """The rule spelled out: another quote holds both q's content and its cue."""
    return [
        q.cue_span is not None
        and any(
            o is not q and o.start <= q.cue_span[0] and q.cue_span[1] <= o.end and o.start <= q.start and q.end <= o.end
            for o in quotes
        )
        for q in quotes
    ]


_SPAN = st.tuples(st.integers(0, 40), st.integers(1, 15)).map(lambda t: (t[0], t[0] + t[1]))
_QUOTE = st.tuples(_SPAN, st.none() | _SPAN).map(lambda t: Quote(t[0][0], t[0][1], "reported", "said", t[1]))


@settings(deadline=None, max_examples=300)
@given(st.lists(_QUOTE, max_size=12))
def test_nested_marking_matches_the_all_pairs_rule(quotes: list[Quote]) -> None:
    expected = _all_pairs(quotes)
    mark_nested(quotes)
    assert [bool(q.attrs.get("nested")) for q in quotes] == expected


def test_nested_marking_table() -> None:
    outer = Quote(0, 50, "reported", "said", (60, 64))
    inner = Quote(20, 40, "reported", "demands", (10, 17))
    alone = Quote(70, 90, "reported", "said", (65, 69))
    mark_nested([outer, inner, alone])
    assert [q.attrs.get("nested") for q in (outer, inner, alone)] == [None, True, None]
    fresh = [Quote(20, 40, "reported", "demands", (22, 26)), Quote(20, 40, "reported", "said", (22, 26))]
    mark_nested(fresh)  # two attributions of one span with the cue inside: each holds the other
    assert [q.attrs.get("nested") for q in fresh] == [True, True]
