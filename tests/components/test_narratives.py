"""The ``narratives`` component with a tiny hand-built model over the hashing embedder."""

from __future__ import annotations

from pathlib import Path

import pytest

from fakes_framing import build_narrative_model
from narrascope.document import Article
from narrascope.pipeline import registered
from narrascope.settings import Settings

TEXT = (
    "Talks in Istanbul ended without a deal.\n"
    "Western capitals prolong the war by sending weapons.\n"
    "The weather in the city was mild."
)


def make_article() -> Article:
    art = Article(TEXT)
    start = 0
    for line in TEXT.split("\n"):
        art.add("sentence", start, start + len(line), "sentence")
        start += len(line) + 1
    return art


@pytest.fixture
def run_component(tmp_path: Path):  # type: ignore[no-untyped-def]
    build_narrative_model(tmp_path / "model")
    settings = Settings.load(None, {"components.narratives.model": str(tmp_path / "model"),
                                    "components.narratives.embedder": "hashing"})
    return registered()["narratives"].factory(settings)


def test_component_is_registered_after_sentences() -> None:
    spec = registered()["narratives"]
    assert (spec.needs, spec.produces) == (("sentence",), ("narrative_evidence",))


def test_labels_evidence_and_explanation(run_component) -> None:  # type: ignore[no-untyped-def]
    art = make_article()
    run_component([art])
    assert [(r["label"], r["parent"], r["level"]) for r in art.narratives] == [
        ("URW: Blame", None, "narrative"),
        ("URW: Blame: West prolongs war", "URW: Blame", "subnarrative"),
    ]
    evidence = {a.id: a for a in art.layer("narrative_evidence")}
    for rec in art.narratives:
        assert rec["evidence"] and all(i in evidence for i in rec["evidence"])
        assert 0 < rec["score"] <= 1
    best = evidence[art.narratives[1]["evidence"][0]]
    assert art.surface(best).startswith("Western capitals prolong")
    assert best.attrs["narrative"] == "URW: Blame"
    exp = art.explanation
    assert exp is not None and exp["narrative"] == "URW: Blame: West prolongs war"
    assert len(str(exp["text"]).split()) <= 80
    assert "Western capitals prolong the war" in str(exp["text"])
    sentence_ids = {s.id for s in art.layer("sentence")}
    assert exp["sentences"] and set(exp["sentences"]) <= sentence_ids


def test_article_without_the_cue_gets_other(run_component) -> None:  # type: ignore[no-untyped-def]
    art = Article("Rain fell on the fields.")
    art.add("sentence", 0, len(art.text), "sentence")
    run_component([art])
    assert [(r["label"], r["evidence"]) for r in art.narratives] == [("Other", [])]
    assert art.layer("narrative_evidence") == [] and art.explanation is None


def test_zero_shot_mode_with_a_user_taxonomy(tmp_path: Path) -> None:
    path = tmp_path / "tax.yaml"
    path.write_text(
        "labels:\n"
        "  - {label: Energy blackmail, description: gas supplies cut pipeline blackmail}\n"
        "  - {label: 'Energy blackmail: Winter', parent: Energy blackmail, description: freezing winter gas}\n"
        "  - {label: Sports, description: football match goal}\n"
        "other: Other\n",
        encoding="utf-8",
    )
    settings = Settings.load(None, {"components.narratives.taxonomy": str(path),
                                    "components.narratives.embedder": "hashing",
                                    "components.narratives.zero_shot_threshold": 0.3})
    run = registered()["narratives"].factory(settings)
    art = Article("Gas supplies were cut through the pipeline.\nEurope fears a freezing winter without gas.")
    art.add("sentence", 0, 43, "sentence")
    art.add("sentence", 44, len(art.text), "sentence")
    run([art])
    assert [r["label"] for r in art.narratives] == ["Energy blackmail", "Energy blackmail: Winter"]
    assert art.explanation is not None and art.explanation["narrative"] == "Energy blackmail: Winter"
