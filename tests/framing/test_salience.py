"""Entity salience: grouping, the hashed tokens, selection by threshold and storage."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from narrascope.document import Annotation, Article
from narrascope.framing.features import hasher
from narrascope.framing.linear import LinearHead
from narrascope.framing.role_model import RoleModel
from narrascope.framing.salience import HASH_DIM, SalienceHead, entity_groups, salience_tokens
from narrascope.framing.taxonomy import FINE_ROLES, MAIN_ROLES

TEXT = "Kyiv rejects talks\nIn Istanbul, Kyiv said no. Kyiv and Moscow disagree."


def article() -> tuple[Article, list[Annotation]]:
    art = Article(TEXT)
    spans = [(0, 4, "kyiv"), (22, 30, None), (32, 36, "kyiv"), (46, 50, "kyiv"), (55, 61, "moscow")]
    anns = [art.add("entity", s, e, "GPE", **({"entity_id": eid} if eid else {})) for s, e, eid in spans]
    return art, anns


def test_groups_by_entity_id_else_surface() -> None:
    art, anns = article()
    assert [(g.key, [m.start for m in g.mentions]) for g in entity_groups(art, anns)] == [
        ("kyiv", [0, 32, 46]), ("istanbul", [22]), ("moscow", [55])]


def test_salience_tokens() -> None:
    art, anns = article()
    kyiv = entity_groups(art, anns)[0]
    got = salience_tokens(art, kyiv, "EN").split()
    assert got[:8] == ["type_GPE", "typel_en_GPE", "count_2", "countt_2_GPE", "pos_0", "src_ner", "lang_en",
                       "in_title"]
    assert "ent_kyiv" in got and "entl_en_kyiv" in got
    assert got[got.index("r_rejects"):got.index("r_rejects") + 3] == ["r_rejects", "r_talks", "r_in"]


def _head_rewarding(token: str, threshold: float) -> SalienceHead:
    col = hasher(HASH_DIM).transform([token]).nonzero()[1][0]
    w = np.zeros((1, HASH_DIM), np.float32)
    w[0, col] = 40.0
    head = LinearHead(["role"], np.zeros((1, 0), np.float32), w, np.array([-5.0], np.float32))
    return SalienceHead(head, np.ones(HASH_DIM, np.float32), threshold)


def test_select_keeps_the_mentions_of_entities_over_the_threshold() -> None:
    art, anns = article()
    sal = _head_rewarding("in_title", 0.5)  # only Kyiv is named in the title
    assert [m.start for m in sal.select(art, anns, "en")] == [0, 32, 46]
    assert sal.select(art, anns, "en") == [a for a in anns if a.attrs.get("entity_id") == "kyiv"]
    assert _head_rewarding("in_title", 0.999).select(art, anns, "en") == []


def test_role_model_keeps_its_salience_head(tmp_path: Path) -> None:
    heads = [LinearHead(list(labels), np.zeros((len(labels), 0), np.float32), np.zeros((len(labels), 1), np.float32),
                        np.zeros(len(labels), np.float32)) for labels in (MAIN_ROLES, FINE_ROLES)]
    RoleModel(heads[0], heads[1], np.ones(1, np.float32), 0.5, {"hash_dim": 1},
              _head_rewarding("in_title", 0.4)).save(tmp_path)
    loaded = RoleModel.load(tmp_path)
    assert loaded.salience is not None and loaded.salience.threshold == 0.4
    art, anns = article()
    assert [m.start for m in loaded.salience.select(art, anns, "en")] == [0, 32, 46]
    RoleModel(heads[0], heads[1], np.ones(1, np.float32)).save(tmp_path / "plain")
    assert RoleModel.load(tmp_path / "plain").salience is None
