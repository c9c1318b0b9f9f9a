"""The shipped narrative and role models load and give consistent labels (real USE encoder)."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrascope.components.narratives import shipped_model_dir
from narrascope.document import Annotation, Article
from narrascope.framing.annotate import annotate_narratives, annotate_roles
from narrascope.framing.features import EmbeddingCache
from narrascope.framing.narrative_model import NarrativeModel
from narrascope.framing.role_model import RoleModel
from narrascope.framing.taxonomy import ROLE_TAXONOMY

pytestmark = pytest.mark.slow

WAR = (
    "Washington keeps the war going\n"
    "The United States and its allies keep sending weapons to Kyiv, prolonging the bloodshed.\n"
    "Western leaders do not care about ordinary Ukrainians; they only want to weaken Russia.\n"
    "Moscow has said many times that it is ready for peace talks."
)
CLIMATE = (
    "Climate alarmism is a scam\n"
    "Activists claim the planet is burning, but temperatures have barely changed.\n"
    "Green taxes make energy expensive for ordinary families."
)


def analyse(text: str) -> tuple[Article, object]:
    model = NarrativeModel.load(shipped_model_dir("narratives"))
    art = Article(text)
    sc = EmbeddingCache(None).get(text)
    for a, b in sc.spans:
        art.add("sentence", a, b, "sentence")
    return art, (model, annotate_narratives(art, model, sc.vectors), sc.vectors)


@pytest.mark.parametrize(("text", "domain"), [(WAR, "URW"), (CLIMATE, "CC")])
def test_shipped_narratives_are_consistent(text: str, domain: str) -> None:
    if not (shipped_model_dir("narratives") / "weights.safetensors").is_file():
        pytest.skip("no shipped narratives model; run `narrascope train narratives`")
    art, (model, pred, _vecs) = analyse(text)
    tax = model.taxonomy  # type: ignore[attr-defined]
    assert pred.domain == domain  # type: ignore[attr-defined]
    nars, subs = pred.narratives, pred.subnarratives  # type: ignore[attr-defined]
    assert nars and subs and all(tax.domain(n) == domain for n in nars)
    assert {tax.parent(s) for s in subs} == set(nars)
    evidence = {a.id for a in art.layer("narrative_evidence")}
    assert all(set(r["evidence"]) <= evidence and r["evidence"] for r in art.narratives)
    assert art.explanation is not None and len(str(art.explanation["text"]).split()) <= 80


def test_shipped_roles_load_and_classify(tmp_path: Path) -> None:
    if not (shipped_model_dir("roles") / "weights.safetensors").is_file():
        pytest.skip("no shipped roles model; run `narrascope train roles`")
    model = RoleModel.load(shipped_model_dir("roles"))
    art, (_m, _p, vecs) = analyse(WAR)
    start = WAR.index("United States")
    mention = Annotation("entity", start, start + 13, "GPE", {"entity_id": "us"}, "ent1")
    art.annotations.append(mention)
    [rec] = annotate_roles(art, model, vecs, [mention])  # type: ignore[arg-type]
    assert rec["main_role"] in ROLE_TAXONOMY
    assert rec["fine_roles"] and set(rec["fine_roles"]) <= set(ROLE_TAXONOMY[str(rec["main_role"])])
