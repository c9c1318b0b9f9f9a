"""The store test-suite, run on SQLite and on a real PostgreSQL server (see conftest.py)."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from narrascope.document import Annotation, Article
from narrascope.errors import NotFoundError, QueryError, StoreError
from narrascope.store import Store, latest_version, schema
from narrascope.store.migrations import MIGRATIONS


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    st = Store(store_url)
    yield st
    st.close()


def make_article(text: str, published: str | None = "2022-03-01", source: str = "Outlet A", **extra: str) -> Article:
    """A small analysed article with sentence, date and entity annotations."""
    meta = {"title": text[:12], "source": source, "published": published, "path": "x.txt", **extra}
    art = Article(text=text, meta=meta)
    first = text.index(".") + 1
    art.add("sentence", 0, first, "sentence")
    art.add("sentence", first + 1, len(text), "sentence")
    art.add("entity", 0, 4, "GPE", canonical=text[:4], affiliation="Ukraine", source="gazetteer")
    art.entities = [{"id": "e1", "canonical": text[:4], "mentions": 1}]
    art.narratives = [{"label": "URW: Blaming the war on others", "score": 0.7}]
    art.roles = [{"entity": "e1", "role": "Protagonist", "score": 0.6}]
    art.explanation = {"sentences": [0]}
    art.results = {"pipeline": "sentences,dates", "extra": {"k": [1, 2]}}
    return art


TEXTS = [
    "Kyiv said talks would resume. Officials in Kyiv gave no date.",
    "Moscow rejected the offer. A spokesman in Moscow called it a ploy.",
    "Kyiv and Moscow met in Istanbul. The round ended without a deal.",
]


def test_migrations_recorded_and_idempotent(store_url: str) -> None:
    first = Store(store_url)
    assert first.migrations() == [m.version for m in MIGRATIONS]
    assert first.migrations()[-1] == latest_version()
    first.save(make_article(TEXTS[0]))
    first.close()
    again = Store(store_url)  # reopening applies nothing and keeps the data
    assert again.migrations() == [m.version for m in MIGRATIONS]
    with again.engine.connect() as conn:
        rows = conn.execute(select(schema.migrations_table.c.version)).all()
    assert sorted(r[0] for r in rows) == [m.version for m in MIGRATIONS]
    assert again.count() == 1
    again.close()


def test_save_get_round_trip(store: Store) -> None:
    art = make_article(TEXTS[0], url="https://example.org/a")
    art.results["unicode"] = "Зеленський — «мир»"
    assert store.save(art) == "stored"
    back = store.get(art.id)
    assert back.to_dict(include_raw=True) == art.to_dict(include_raw=True)
    assert store.get(art.id[:6]).id == art.id  # unique prefix
    assert store.has(art.id)
    assert store.stored_pipeline(art.id) == "sentences,dates"
    assert store.stored_pipeline("0" * 16) is None


def test_duplicate_is_stored_once(store: Store) -> None:
    art = make_article(TEXTS[0])
    assert store.save(art) == "stored"
    again = make_article(TEXTS[0], source="Outlet B")
    again.annotations.clear()
    assert store.save(again) == "duplicate"
    assert store.count() == 1
    assert store.get(art.id).to_dict() == art.to_dict()  # the first copy is untouched


def test_replace_swaps_annotations(store: Store) -> None:
    art = make_article(TEXTS[0])
    store.save(art)
    new = Article(text=TEXTS[0], meta=dict(art.meta))
    new.add("quote", 5, 27, "quote", kind="reported")
    new.results = {"pipeline": "sentences,quotes"}
    assert store.save(new, replace=True) == "replaced"
    back = store.get(art.id)
    assert back.to_dict() == new.to_dict()
    assert [a.layer for a in back.annotations] == ["quote"]
    assert store.stats()["layers"] == {"quote": 1}
    assert store.stored_pipeline(art.id) == "sentences,quotes"


def test_failed_save_leaves_previous_state(store: Store) -> None:
    art = make_article(TEXTS[0])
    store.save(art)
    bad = Article(text=TEXTS[0], meta=dict(art.meta))
    bad.add("quote", 5, 27, "quote")
    # Two annotations with the same id violate the (article_id, ann_id) primary key mid-save.
    bad.annotations.append(Annotation("quote", 30, 40, "quote", {}, bad.annotations[0].id))
    with pytest.raises(StoreError, match=art.id):
        store.save(bad, replace=True)
    assert store.get(art.id).to_dict() == art.to_dict()
    fresh = Article(text=TEXTS[1])
    fresh.add("quote", 0, 6, "quote")
    fresh.annotations.append(Annotation("quote", 7, 15, "quote", {}, fresh.annotations[0].id))
    with pytest.raises(StoreError):
        store.save(fresh)
    assert not store.has(fresh.id)  # no half-written article row
    assert store.count() == 1


def test_failure_inside_transaction_rolls_back(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from narrascope.store import core

    art = make_article(TEXTS[0])
    store.save(art)
    real = core._insert_annotations

    def explode(conn: object, article: Article) -> None:
        real(conn, article)  # type: ignore[arg-type]
        raise SQLAlchemyError("simulated crash after the annotations were written")

    monkeypatch.setattr(core, "_insert_annotations", explode)
    with pytest.raises(StoreError, match="simulated crash"):
        store.save(make_article(TEXTS[0], source="Outlet B"), replace=True)
    monkeypatch.undo()
    assert store.get(art.id).to_dict() == art.to_dict()


def test_iter_articles_streams_in_order(store: Store) -> None:
    dates = ["2022-03-05", "2022-02-24", None, "2022-02-24"]
    texts = [*TEXTS, "Warsaw hosted a summit. Leaders met for two days."]
    arts = [make_article(t, published=d) for t, d in zip(texts, dates, strict=True)]
    for art in arts:
        store.save(art)
    got = list(store.iter_articles(batch=2))  # several pages
    expected = sorted(arts, key=lambda a: (a.meta["published"] or "", a.id))  # undated first on every backend
    assert [a.id for a in got] == [a.id for a in expected]
    assert [a.to_dict() for a in got] == [a.to_dict() for a in expected]
    assert [a.id for a in store.iter_articles(batch=1)] == [a.id for a in expected]  # keyset pages of one
    only = list(store.iter_articles(ids=[arts[1].id, arts[2].id]))
    assert {a.id for a in only} == {arts[1].id, arts[2].id}
    assert [a.id for a in store.iter_articles(source="Nobody")] == []


def test_iter_annotations(store: Store) -> None:
    a1 = make_article(TEXTS[0], published="2022-03-02")
    a2 = make_article(TEXTS[1], published="2022-03-01", source="Outlet B")
    store.save(a1)
    store.save(a2)
    got = [(aid, meta["source"], ann.label, ann.start, ann.end) for aid, meta, ann in store.iter_annotations("entity")]
    assert got == [(a2.id, "Outlet B", "GPE", 0, 4), (a1.id, "Outlet A", "GPE", 0, 4)]
    sents = list(store.iter_annotations("sentence", batch=1))
    assert [(aid, ann.start) for aid, _, ann in sents] == [(a2.id, 0), (a2.id, 27), (a1.id, 0), (a1.id, 30)]
    _, meta, ann = sents[0]
    assert meta == {"title": a2.meta["title"], "source": "Outlet B", "published": "2022-03-01", "language": None}
    assert ann == a2.layer("sentence")[0]
    assert list(store.iter_annotations("entity", label="PERSON")) == []


def test_list_and_stats(store: Store) -> None:
    arts = [make_article(t, published=f"2022-03-0{i + 1}", source=s) for i, (t, s) in
            enumerate(zip(TEXTS, ["A", "B", "A"], strict=True))]
    for art in arts:
        store.save(art)
    rows = store.list_articles(limit=2)
    assert rows == [
        {"id": a.id, "title": a.meta["title"], "source": a.meta["source"], "published": a.meta["published"],
         "language": None, "path": "x.txt"}
        for a in arts[:2]
    ]
    assert [r["id"] for r in store.list_articles(source="A")] == [arts[0].id, arts[2].id]
    assert [r["id"] for r in store.list_articles(limit=5, offset=2)] == [arts[2].id]
    assert store.stats() == {"articles": 3, "outlets": {"A": 2, "B": 1}, "layers": {"sentence": 6, "entity": 3}}


def test_delete(store: Store) -> None:
    keep, gone = make_article(TEXTS[0]), make_article(TEXTS[1])
    store.save(keep)
    store.save(gone)
    store.delete(gone.id)
    assert [a.id for a in store.iter_articles()] == [keep.id]
    assert store.stats()["layers"] == {"sentence": 2, "entity": 1}
    with pytest.raises(NotFoundError):
        store.delete(gone.id)
    with pytest.raises(NotFoundError):
        store.get(gone.id)


@pytest.mark.parametrize("prefix", ["", "zzzzzz", "%", "_"])
def test_resolve_id_rejects_empty_or_unknown(store: Store, prefix: str) -> None:
    store.save(make_article(TEXTS[0]))
    with pytest.raises(NotFoundError, match="no article"):
        store.resolve_id(prefix)


REPORTS = [f"Report number {i} from the front." for i in range(20)]


def test_resolve_id_takes_any_unique_prefix_however_short(store: Store) -> None:
    ids = sorted(Article(t).id for t in REPORTS)
    for text in REPORTS:
        store.save(Article(text))

    def shortest(aid: str) -> str:
        return next(aid[:n] for n in range(1, 17) if sum(o.startswith(aid[:n]) for o in ids) == 1)

    prefixes = {aid: shortest(aid) for aid in ids}
    assert min(len(p) for p in prefixes.values()) == 1  # some ids are unique from their first character
    assert {aid: store.resolve_id(p) for aid, p in prefixes.items()} == {aid: aid for aid in ids}
    assert store.get(prefixes[ids[0]]).id == ids[0]
    assert store.resolve_id(ids[3]) == ids[3]


def test_an_ambiguous_prefix_names_a_few_candidates(store: Store) -> None:
    ids = sorted(Article(t).id for t in REPORTS)
    for text in REPORTS:
        store.save(Article(text))
    first = max("0123456789abcdef", key=lambda c: sum(i.startswith(c) for i in ids))
    matching = [i for i in ids if i.startswith(first)]
    assert len(matching) >= 2
    shown = ", ".join(matching[:5]) + (", …" if len(matching) > 5 else "")
    with pytest.raises(NotFoundError) as info:
        store.resolve_id(first)
    assert str(info.value) == f"id prefix {first!r} is ambiguous (matches {shown}); give more characters"
    with pytest.raises(NotFoundError, match="no article"):
        store.resolve_id(matching[0][:4].upper())  # ids are lower-case hex, matched exactly


SEARCHES = [
    ("spokesman", [1]),
    ("SPOKESMAN ploy", [1]),
    ("Kyiv", [0, 2]),  # title and body hits; both mention Kyiv
    ('"talks would resume"', [0]),
    ('"resume talks"', []),  # a phrase needs its words in order
    ("Istanbul deal", [2]),
    ("Istanbul Warsaw", []),  # every term is required
    ("nonexistentword", []),
    ('" OR 1=1; --', []),  # no query syntax reaches the SQL
    ("", []),
]


@pytest.mark.parametrize(("query", "expected"), SEARCHES)
def test_search(store: Store, query: str, expected: list[int]) -> None:
    arts = [make_article(t, published=f"2022-03-0{i + 1}") for i, t in enumerate(TEXTS)]
    for art in arts:
        store.save(art)
    hits = store.search(query)
    assert sorted(h["id"] for h in hits) == sorted(arts[i].id for i in expected)
    for hit in hits:
        assert hit["snippet"] and all(isinstance(p[0], str) for p in hit["snippet_parts"])


def test_search_follows_replace_and_delete(store: Store) -> None:
    art = make_article(TEXTS[1])
    store.save(art)
    assert [h["id"] for h in store.search("ploy")] == [art.id]
    renamed = make_article(TEXTS[1])
    renamed.meta["title"] = "Ceasefire proposal"
    store.save(renamed, replace=True)
    assert [h["id"] for h in store.search("ceasefire")] == [art.id]
    assert len(store.search("ploy")) == 1  # reindexed, not indexed twice
    store.delete(art.id)
    assert store.search("ploy") == []


@pytest.mark.parametrize(
    ("limit", "offset", "message"),
    [
        (10, 9223372036854775808, "offset must be a whole number from 0 to 1000000000, got 9223372036854775808"),
        (10, 2**63 - 1, "offset must be a whole number from 0 to 1000000000, got 9223372036854775807"),
        (10, -1, "offset must be a whole number from 0 to 1000000000, got -1"),
        (0, 0, "limit must be a whole number from 1 to 5000, got 0"),
        (10**12, 0, "limit must be a whole number from 1 to 5000, got 1000000000000"),
        (True, 0, "limit must be a whole number from 1 to 5000, got True"),
    ],
)
def test_paging_bounds_are_refused_before_sql(store: Store, limit: int, offset: int, message: str) -> None:
    store.save(make_article(TEXTS[0]))
    for call in (lambda: store.list_articles(limit=limit, offset=offset), lambda: store.search("x", limit, offset)):
        with pytest.raises(QueryError) as info:
            call()
        assert str(info.value) == message
    assert store.list_articles(limit=5000, offset=1_000_000_000) == []
    assert store.search("talks", 5000, 1_000_000_000) == []


def _analysis_json(store: Store, article_id: str) -> dict[str, object]:
    with store.engine.connect() as conn:
        row = conn.execute(select(schema.articles.c.analysis).where(schema.articles.c.id == article_id)).one()
    data: dict[str, object] = json.loads(row[0])
    return data


def test_roles_are_stored_once_on_the_mentions(store: Store) -> None:
    art = Article(text="Kyiv said Moscow lied.")
    role = {"main_role": "Protagonist", "fine_roles": ["Guardian"], "role_score": 0.8}
    kyiv = art.add("entity", 0, 4, "GPE", entity_id="kyiv", **role)
    art.add("entity", 10, 16, "GPE", entity_id="moscow")  # no role: not a role record
    record = {"mention": kyiv.id, "entity_id": "kyiv", "start": 0, "end": 4, "main_role": "Protagonist"}
    art.roles = [{**record, "fine_roles": ["Guardian"], "score": 0.8}]
    store.save(art)
    assert "roles" not in _analysis_json(store, art.id)  # the records are the attrs: kept once
    assert store.get(art.id).roles == art.roles


def test_role_records_that_the_mentions_do_not_carry_are_kept(store: Store) -> None:
    art = make_article(TEXTS[1])  # roles by hand, no role attrs on its entity
    store.save(art)
    assert _analysis_json(store, art.id)["roles"] == [{"entity": "e1", "role": "Protagonist", "score": 0.6}]
    assert store.get(art.id).roles == art.roles
