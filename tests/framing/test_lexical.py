"""Per-language lexical heads, their blend with the pooled heads, and the blend's weight tuning."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from narrascope.framing.blend import tune_blend
from narrascope.framing.evaluate import LabelDecoder
from narrascope.framing.lexical import (
    DOMAIN_COLS,
    LexicalConfig,
    LexicalHeads,
    blended,
    domain_columns,
    domains_from,
    fit_lexical,
)
from narrascope.framing.linear import load_bundle, save_bundle
from narrascope.framing.semeval import Doc
from narrascope.framing.train_narratives import CVResult, head_labels, label_matrix

from .test_narrative_model import LABELS, TAX, tiny_model

WAR = ["weapons for kyiv prolong the war", "kyiv gets more weapons and the war goes on",
       "the war drags on as weapons flow to kyiv"]
CLIMATE = ["climate alarmism is a hoax", "the climate hoax raises green taxes", "green taxes and the climate hoax"]
LEX_LABELS = [*LABELS, *DOMAIN_COLS]
CFG = LexicalConfig(c=10.0, balanced=True, hash_dim=2**10)


def corpus() -> tuple[list[Doc], np.ndarray, np.ndarray]:
    docs = [Doc(f"EN_UA_{i}.txt", t, "EN", ["URW: A"], ["URW: A: x"]) for i, t in enumerate(WAR)]
    docs += [Doc(f"EN_CC_{i}.txt", t, "EN", ["CC: C"], ["CC: C: z"]) for i, t in enumerate(CLIMATE)]
    docs += [Doc(f"HI_{i}.txt", t, "HI", ["URW: B"], ["URW: B: y"]) for i, t in enumerate(WAR)]
    y = np.hstack([label_matrix(docs, head_labels(TAX)), domain_columns([d.domain for d in docs])])
    return docs, y, np.array([d.lang for d in docs])


def fitted() -> tuple[LexicalHeads, list[Doc]]:
    docs, y, langs = corpus()
    heads = LexicalHeads(LEX_LABELS, {}, CFG)
    return fit_lexical(heads.counts([d.text for d in docs]), y, langs, LEX_LABELS, CFG), docs


def test_heads_learn_their_language_and_domain() -> None:
    heads, _docs = fitted()
    assert sorted(heads.heads) == ["en", "hi"]
    war = heads.probs("weapons for kyiv and the war", "EN")
    climate = heads.probs("the climate hoax and green taxes", "en")
    assert war[LEX_LABELS.index("URW: A")] > climate[LEX_LABELS.index("URW: A")]
    assert domains_from(np.vstack([war, climate])) == ["URW", "CC"]
    # Hindi saw one label and one domain only: no domain, its own label prior
    hi = heads.probs("weapons for kyiv", "HI")
    assert domains_from(hi[None, :]) == [None]
    assert hi[LEX_LABELS.index("URW: B")] > hi[LEX_LABELS.index("URW: A")]


def test_blend_weights_and_uncovered_languages() -> None:
    heads, _docs = fitted()
    pooled = np.full(len(LABELS), 0.5, np.float32)
    heads.weights = {"en": 0.25}
    # weight 0: the pooled heads alone; Hindi has no domain columns, so the pooled domain stays
    assert heads.blend(pooled, "CC", "war", "HI")[1] == "CC"
    assert np.array_equal(heads.blend(pooled, "CC", "war", "HI")[0], pooled)
    assert heads.blend(pooled, "CC", "war", "pt") == (pooled, "CC")  # no head for the language
    probs, domain = heads.blend(pooled, "CC", "weapons for kyiv", "EN")
    assert domain == "URW"  # the English head's domain columns win
    lex = heads.probs("weapons for kyiv", "EN")
    assert np.allclose(probs, 0.75 * pooled + 0.25 * lex[: len(LABELS)])
    assert np.allclose(blended(pooled, lex, 1.0), lex[: len(LABELS)])


def test_heads_round_trip_through_safetensors(tmp_path: Path) -> None:
    heads, _docs = fitted()
    heads.weights = {"en": 0.4, "hi": 0.7}
    save_bundle(tmp_path, {"lexical": heads.config()}, heads.tensors())
    config, tensors = load_bundle(tmp_path)
    loaded = LexicalHeads.from_tensors(config["lexical"], tensors)
    assert loaded.weights == heads.weights and loaded.labels == heads.labels
    for lang in ("en", "hi"):
        assert np.allclose(loaded.probs("kyiv war hoax", lang), heads.probs("kyiv war hoax", lang), atol=1e-3)


def test_model_with_lexical_heads_round_trips(tmp_path: Path) -> None:
    heads, _docs = fitted()
    heads.weights = {"en": 0.5}
    model = tiny_model()
    model.lexical = heads
    vecs = np.eye(8, dtype=np.float32)[:3]
    before, _ = model.scores("weapons for kyiv", vecs, "en")
    model.save(tmp_path / "m")
    loaded = type(model).load(tmp_path / "m")
    after, _ = loaded.scores("weapons for kyiv", vecs, "en")
    assert loaded.lexical is not None and np.allclose(before, after, atol=1e-2)
    plain, _ = tiny_model().scores("weapons for kyiv", vecs, "en")
    assert not np.allclose(plain, after)


def test_tune_blend_picks_the_informative_head() -> None:
    docs = [Doc(f"EN_UA_{i}.txt", "x", "EN", ["URW: A"] if i % 2 else ["URW: B"],
                ["URW: A: x"] if i % 2 else ["URW: B: y"]) for i in range(40)]
    y = label_matrix(docs, LABELS).astype(np.float32)
    noise = np.random.default_rng(0).uniform(size=y.shape).astype(np.float32)
    pooled = CVResult(noise, ["URW"] * len(docs), np.zeros(len(docs), int))
    choice = tune_blend(LabelDecoder(TAX), docs, pooled, y * 0.9 + 0.05, list(range(len(docs))))
    assert choice["en"].weight >= 0.55


def test_fit_model_with_one_domain_has_no_domain_head() -> None:
    from narrascope.framing.features import hasher
    from narrascope.framing.train_narratives import DocFeatures, NarrativeConfig, fit_model

    docs = [Doc(f"RU-URW-{i}.txt", t, "RU", ["URW: A"] if i % 2 else ["URW: B"],
                ["URW: A: x"] if i % 2 else ["URW: B: y"]) for i, t in enumerate(WAR * 2)]
    feats = DocFeatures(np.zeros((len(docs), 4), np.float32), hasher(64, "words").transform([d.text for d in docs]))
    model = fit_model(TAX, docs, feats, NarrativeConfig(hash_dim=64))
    assert model.domain_head is None
    assert model.predict("weapons for kyiv", np.zeros((1, 2), np.float32), "ru").domain is None
