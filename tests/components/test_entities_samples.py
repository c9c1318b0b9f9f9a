"""The entity layer on the real peace-talks samples in ../shared (skipped when absent)."""

from pathlib import Path

import pytest

from narrascope.document import Article
from narrascope.pipeline import Pipeline
from narrascope.settings import Settings


@pytest.fixture(scope="module")
def analysed() -> list[Article]:
    folder = Path(__file__).resolve().parents[2].parent / "shared" / "samples" / "peace-talks"
    if not folder.is_dir():
        pytest.skip("../shared is absent")
    arts = [Article(text=p.read_text(encoding="utf-8"), meta={"path": p.name}) for p in sorted(folder.glob("*.txt"))]
    Pipeline(Settings.load(None, {}), ["sentences", "entities"]).run_batch(arts)
    return arts


def _mentions(arts: list[Article]) -> list[tuple[str, str, str, str | None]]:
    return [
        (str(a.meta["path"]), a.surface(e), e.attrs["entity_id"], e.attrs["affiliation"])
        for a in arts
        for e in a.layer("entity")
    ]


@pytest.mark.slow
def test_podolyak_variants_are_one_ukrainian_actor(analysed: list[Article]) -> None:
    found = {(s, eid, aff) for _, s, eid, aff in _mentions(analysed) if "Podol" in s}
    assert found == {
        ("Mykhaylo Podolyak", "mykhailo-podolyak", "UA"),
        ("Mikhail Podolyak", "mykhailo-podolyak", "UA"),
        ("Podolyak", "mykhailo-podolyak", "UA"),
    }


@pytest.mark.slow
def test_kiev_and_kyiv_are_one_place(analysed: list[Article]) -> None:
    ids = {(s, eid, aff) for _, s, eid, aff in _mentions(analysed) if s in ("Kiev", "Kyiv")}
    assert ids == {("Kiev", "kyiv", "UA"), ("Kyiv", "kyiv", "UA")}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("surname", "actor", "affiliation"),
    [
        ("Medinsky", "vladimir-medinsky", "RU"),
        ("Lavrov", "sergei-lavrov", "RU"),
        ("Peskov", "dmitry-peskov", "RU"),
        ("Putin", "vladimir-putin", "RU"),
        ("Zelensky", "volodymyr-zelensky", "UA"),
        ("Blinken", "antony-blinken", "US"),
        ("Borrel", "josep-borrell", "EU"),
        ("Lukashenko", "alexander-lukashenko", "BY"),
        ("Austin", "lloyd-austin", "US"),
    ],
)
def test_named_actors_resolve_with_affiliation(
    analysed: list[Article], surname: str, actor: str, affiliation: str
) -> None:
    hits = {(eid, aff) for _, s, eid, aff in _mentions(analysed) if surname in s}
    assert hits == {(actor, affiliation)}


@pytest.mark.slow
def test_the_russian_president_links_to_putin(analysed: list[Article]) -> None:
    titles = [(p, s, eid) for p, s, eid, _ in _mentions(analysed) if s.lower() == "russian president"]
    assert titles and all(eid == "vladimir-putin" for _, _, eid in titles)
    assert {p for p, _, _ in titles} == {"002_5ceb79cc7e6b2a58.txt"}
