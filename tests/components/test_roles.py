"""The ``roles`` component with a tiny hand-built role model over the hashing embedder."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from fakes_framing import build_role_model
from narrascope.document import Article
from narrascope.framing.role_model import context_text, decode_role
from narrascope.framing.taxonomy import FINE_ROLES, MAIN_ROLES
from narrascope.pipeline import registered
from narrascope.settings import Settings

TEXT = "Shelling killed civilians in Kharkiv.\nThe general ordered the attack."


@pytest.fixture
def article() -> Article:
    art = Article(TEXT, meta={"language": "en"})
    art.add("sentence", 0, 37, "sentence")
    art.add("sentence", 38, len(TEXT), "sentence")
    art.add("entity", 16, 25, "NORP", entity_id="civilians", canonical="civilians", affiliation=None, type="GROUP")
    art.add("entity", 42, 49, "PERSON", entity_id="general", canonical="the general", affiliation="RU", type="PERSON")
    art.add("entity", 28, 35, "GPE", entity_id="kharkiv", canonical="Kharkiv", affiliation="UA", type="GPE")
    return art


def test_roles_on_mentions_and_their_attrs(tmp_path: Path, article: Article) -> None:
    build_role_model(tmp_path / "roles")
    settings = Settings.load(None, {"components.roles.model": str(tmp_path / "roles"),
                                    "components.roles.embedder": "hashing",
                                    "components.roles.types": ["PERSON", "NORP"]})
    run = registered()["roles"].factory(settings)
    ids = [a.id for a in article.layer("entity")]
    run([article])
    got = [(r["entity_id"], r["start"], r["end"], r["main_role"], r["fine_roles"]) for r in article.roles]
    assert got == [("civilians", 16, 25, "Innocent", ["Victim"]), ("general", 42, 49, "Antagonist", ["Tyrant"])]
    ents = article.layer("entity")
    assert [a.id for a in ents] == ids  # replaced in place, same ids
    by_id = {a.id: a for a in ents}
    for rec in article.roles:
        ann = by_id[str(rec["mention"])]
        assert (ann.attrs["main_role"], ann.attrs["fine_roles"]) == (rec["main_role"], rec["fine_roles"])
        assert ann.attrs["canonical"]  # the entity attrs are kept
    [gpe] = [a for a in ents if a.label == "GPE"]
    assert "main_role" not in gpe.attrs  # GPE is not among the configured types


def test_component_needs_entities() -> None:
    assert registered()["roles"].needs == ("entity",)


@pytest.mark.parametrize(
    ("main_p", "fine", "second", "expected"),
    [
        ([0.1, 0.8, 0.1], {"Tyrant": 0.6, "Guardian": 0.9}, 0.5, ("Antagonist", ["Tyrant"])),
        ([0.1, 0.8, 0.1], {"Tyrant": 0.6, "Corrupt": 0.7}, 0.5, ("Antagonist", ["Corrupt", "Tyrant"])),
        ([0.7, 0.2, 0.1], {"Tyrant": 0.3, "Guardian": 0.2}, 0.5, ("Protagonist", ["Guardian"])),
        ([0.5, 0.4, 0.1], {"Tyrant": 0.9, "Guardian": 0.1}, 0.5, ("Antagonist", ["Tyrant"])),  # joint score wins
        ([0.1, 0.1, 0.8], {"Victim": 0.4, "Forgotten": 0.45}, 0.3, ("Innocent", ["Forgotten", "Victim"])),
    ],
)
def test_joint_decoding_keeps_fine_roles_within_the_main_role(
    main_p: list[float], fine: dict[str, float], second: float, expected: tuple[str, list[str]]
) -> None:
    fine_p = np.zeros(len(FINE_ROLES), np.float32)
    for name, p in fine.items():
        fine_p[FINE_ROLES.index(name)] = p
    pred = decode_role(list(MAIN_ROLES), list(FINE_ROLES), np.array(main_p, np.float32), fine_p, second)
    assert (pred.main_role, pred.fine_roles) == expected


def test_context_marks_the_mention() -> None:
    text = "Yesterday the general ordered the attack on the city."
    assert context_text(text, 14, 21, window=3) == "Yesterday the xmentionx ordered the attack | m_general"


@pytest.mark.parametrize(("salient_only", "expected"), [(True, ["general"]), (False, ["civilians", "general"])])
def test_salience_head_picks_the_entities_that_get_roles(
    tmp_path: Path, article: Article, salient_only: bool, expected: list[str]
) -> None:
    from narrascope.framing.features import hasher
    from narrascope.framing.linear import LinearHead
    from narrascope.framing.role_model import RoleModel
    from narrascope.framing.salience import HASH_DIM, SalienceHead

    build_role_model(tmp_path / "plain")
    model = RoleModel.load(tmp_path / "plain")
    w = np.zeros((1, HASH_DIM), np.float32)
    w[0, hasher(HASH_DIM).transform(["type_PERSON"]).nonzero()[1][0]] = 40.0  # only persons are salient
    model.salience = SalienceHead(LinearHead(["role"], np.zeros((1, 0), np.float32), w, np.array([-5.0], np.float32)),
                                  np.ones(HASH_DIM, np.float32), 0.5)
    model.save(tmp_path / "salient")
    settings = Settings.load(None, {"components.roles.model": str(tmp_path / "salient"),
                                    "components.roles.embedder": "hashing",
                                    "components.roles.types": ["PERSON", "NORP"],
                                    "components.roles.salient_only": salient_only})
    registered()["roles"].factory(settings)([article])
    assert [r["entity_id"] for r in article.roles] == expected
