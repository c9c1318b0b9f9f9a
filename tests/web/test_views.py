"""View models: flat highlight segments over overlapping spans, actors and narratives resolved."""

from __future__ import annotations

from narrascope.document import Article
from narrascope.web.views import actors_of, narratives_of, segments

TEXT = "Peskov said “no talks” today."
#       0         1         2
#       01234567890123456789012345678


def test_segments_cut_overlaps_into_flat_pieces() -> None:
    art = Article(TEXT)
    art.add("sentence", 0, 29, "sentence")
    q = art.add("quote", 13, 21, "quote", speaker="Peskov")
    e = art.add("entity", 0, 6, "PERSON", entity_id="peskov")
    t = art.add("technique", 16, 29, "Loaded_Language", score=0.6)
    got = [(piece, [a.id for a in anns]) for piece, anns in segments(art)]
    assert got == [
        ("Peskov", [e.id]),
        (" said “", []),
        ("no ", [q.id]),
        ("talks", [q.id, t.id]),
        ("” today.", [t.id]),
    ]
    assert "".join(p for p, _ in got) == TEXT


def test_actors_from_spans_and_narrative_evidence() -> None:
    art = Article(TEXT)
    e1 = art.add("entity", 0, 6, "PERSON", entity_id="peskov", canonical="Dmitry Peskov", affiliation="RU")
    ev = art.add("narrative_evidence", 13, 21, "Talks are futile", score=0.5)
    art.narratives = [
        {"label": "Talks are futile", "parent": None, "level": "narrative", "score": 0.7, "evidence": [ev.id]}
    ]
    art.roles = [{"mention": e1.id, "entity_id": "peskov", "main_role": "Antagonist", "fine_roles": [], "score": 0.6}]
    assert actors_of(art) == [
        {
            "entity_id": "peskov",
            "canonical": "Dmitry Peskov",
            "type": "PERSON",
            "affiliation": "RU",
            "title": None,
            "mention_count": 1,
            "mentions": [e1.id],
            "roles": {"Antagonist": 1},
        }
    ]
    assert narratives_of(art) == [
        {
            "label": "Talks are futile",
            "parent": None,
            "level": "narrative",
            "score": 0.7,
            "evidence": [{"id": ev.id, "start": 13, "end": 21, "text": "no talks"}],
            "uncertain": False,
        }
    ]
    assert [n["uncertain"] for n in narratives_of(art, uncertain_below=0.75)] == [True]
