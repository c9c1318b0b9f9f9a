"""Near-duplicate clustering: a threshold table over the examples and lightly edited copies."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrascope.corpus.duplicates import near_duplicates
from narrascope.corpus.index import on_saved
from narrascope.document import Article
from narrascope.store import Store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
NAMES = sorted(p.name for p in EXAMPLES.glob("*.txt"))


def example(name: str) -> Article:
    return Article(text=(EXAMPLES / name).read_text(encoding="utf-8"), meta={"path": name})


def light_edit(text: str) -> str:
    """A few words changed and one paragraph dropped, as a copy-editor would."""
    lines = [line for line in text.split("\n") if line.strip()]
    del lines[len(lines) // 2]
    words = "\n".join(lines).split(" ")
    for i in (3, len(words) // 3, 2 * len(words) // 3):
        words[i] = "reportedly"
    return " ".join(words)


def clustered(arts: list[Article], threshold: float) -> set[frozenset[str]]:
    names = {a.id: a.meta["path"] for a in arts}
    return {frozenset(names[m["article_id"]] for m in c["members"]) for c in near_duplicates(arts, threshold)}


@pytest.mark.parametrize(
    ("threshold", "expected"),
    [(0.3, True), (0.5, True), (0.6, True), (0.7, True), (0.85, False), (0.95, False)],
)
def test_examples_02_and_10_threshold_table(threshold: float, expected: bool) -> None:
    pair = frozenset({"02_istanbul-round.txt", "10_istanbul-round_rewrite.txt"})
    assert (pair in clustered([example(n) for n in NAMES], threshold)) is expected


def test_no_unrelated_pair_clusters_even_at_a_low_threshold() -> None:
    found = clustered([example(n) for n in NAMES], 0.3)
    assert found == {frozenset({"02_istanbul-round.txt", "10_istanbul-round_rewrite.txt"})}


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize(("threshold", "expected"), [(0.5, True), (0.6, True), (0.95, False)])
def test_light_edit_clusters_with_its_original(name: str, threshold: float, expected: bool) -> None:
    original = example(name)
    copy = Article(text=light_edit(original.text), meta={"path": "copy"})
    others = [
        example(n)
        for n in NAMES
        if n != name and {n, name} != {"02_istanbul-round.txt", "10_istanbul-round_rewrite.txt"}
    ]
    found = clustered([original, copy, *others], threshold)
    assert (frozenset({name, "copy"}) in found) is expected
    assert all(len(c) == 2 for c in found)


def test_store_clusters_at_ingest_and_on_query(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path}/d.db")
    arts = [example(n) for n in NAMES]
    clusters = {}
    for art in arts:
        assert store.save(art) == "stored"
        clusters[art.meta["path"]] = on_saved(store, art)
    assert store.save(arts[0]) == "duplicate"  # exact duplicates are never stored twice
    assert clusters["10_istanbul-round_rewrite.txt"] == arts[NAMES.index("02_istanbul-round.txt")].id
    assert {n for n, c in clusters.items() if c != example(n).id} == {"10_istanbul-round_rewrite.txt"}
    result = near_duplicates(store, 0.6)
    assert [sorted(m["article_id"] for m in c["members"]) for c in result] == [
        sorted(example(n).id for n in ("02_istanbul-round.txt", "10_istanbul-round_rewrite.txt"))
    ]
    assert result[0]["members"][0]["similarity"] == 1.0 and 0.6 <= result[0]["members"][1]["similarity"] < 0.9


def test_pairs_are_symmetric_once() -> None:
    arts = [example("02_istanbul-round.txt"), example("10_istanbul-round_rewrite.txt")]
    (cluster,) = near_duplicates(arts, 0.6)
    assert len(cluster["pairs"]) == 1
    assert {cluster["pairs"][0]["a"], cluster["pairs"][0]["b"]} == {a.id for a in arts}
    assert cluster["members"][0]["article_id"] == cluster["cluster"]
