"""Role model storage round trip."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from narrascope.framing.linear import LinearHead
from narrascope.framing.role_model import RoleModel
from narrascope.framing.taxonomy import FINE_ROLES, MAIN_ROLES


def test_role_model_round_trip(tmp_path: Path) -> None:
    rng = np.random.default_rng(1)
    model = RoleModel(
        LinearHead(list(MAIN_ROLES), rng.normal(size=(3, 6)).astype(np.float32),
                   rng.normal(size=(3, 32)).astype(np.float32), np.zeros(3, np.float32)),
        LinearHead(list(FINE_ROLES), rng.normal(size=(22, 6)).astype(np.float32),
                   rng.normal(size=(22, 32)).astype(np.float32), np.zeros(22, np.float32)),
        np.ones(32, np.float32), 0.7, {"embedder": "hashing", "hash_dim": 32},
    )
    dense = rng.normal(size=(4, 6)).astype(np.float32)
    ctx = ["a xmentionx b | m_x", "c d xmentionx | m_y", "xmentionx e | m_z", "f | m_w"]
    before = [(p.main_role, p.fine_roles) for p in model.predict(dense, ctx)]
    model.save(tmp_path)
    loaded = RoleModel.load(tmp_path)
    assert [(p.main_role, p.fine_roles) for p in loaded.predict(dense, ctx)] == before
    assert loaded.second == 0.7
