"""Role model storage round trip and the mention-identity features."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from narrascope.framing.linear import LinearHead
from narrascope.framing.role_model import RoleModel, identity_tokens
from narrascope.framing.taxonomy import FINE_ROLES, MAIN_ROLES


def test_role_model_round_trip(tmp_path: Path) -> None:
    rng = np.random.default_rng(1)
    model = RoleModel(
        LinearHead(list(MAIN_ROLES), rng.normal(size=(3, 6)).astype(np.float32),
                   rng.normal(size=(3, 32)).astype(np.float32), np.zeros(3, np.float32)),
        LinearHead(list(FINE_ROLES), rng.normal(size=(22, 6)).astype(np.float32),
                   rng.normal(size=(22, 32)).astype(np.float32), np.zeros(22, np.float32)),
        np.ones(32, np.float32), 0.7, {"embedder": "hashing", "hash_dim": 32, "identity": True},
    )
    dense = rng.normal(size=(4, 6)).astype(np.float32)
    ctx = ["a xmentionx b | m_x", "c d xmentionx | m_y", "xmentionx e | m_z", "f | m_w"]
    before = [(p.main_role, p.fine_roles) for p in model.predict(dense, ctx)]
    model.save(tmp_path)
    loaded = RoleModel.load(tmp_path)
    assert [(p.main_role, p.fine_roles) for p in loaded.predict(dense, ctx)] == before
    assert loaded.second == 0.7
    assert loaded.meta["identity"] is True


@pytest.mark.parametrize(
    ("mention", "lang", "expected"),
    [
        ("Putin", "EN", "ent_putin entl_en_putin act_vladimir_putin aff_RU affl_en_RU atype_PERSON"),
        ("Joe Biden", None, "ent_joe_biden entl_xx_joe_biden act_joe_biden aff_US affl_xx_US atype_PERSON"),
        ("the rebels", "pt", "ent_the_rebels entl_pt_the_rebels aff_unk affl_pt_unk"),
    ],
)
def test_identity_tokens(mention: str, lang: str | None, expected: str) -> None:
    assert identity_tokens(mention, lang) == expected


@pytest.mark.parametrize(("identity", "expected"), [
    (False, "killed xmentionx in | m_putin"),
    (True, "killed xmentionx in | m_putin ent_putin entl_bg_putin act_vladimir_putin aff_RU affl_bg_RU atype_PERSON"),
])
def test_context_follows_the_identity_flag(identity: bool, expected: str) -> None:
    empty = LinearHead([], np.zeros((0, 1), np.float32), np.zeros((0, 1), np.float32), np.zeros(0, np.float32))
    model = RoleModel(empty, empty, np.ones(1, np.float32), meta={"identity": identity})
    assert model.context("killed Putin in", 7, 12, "bg") == expected
