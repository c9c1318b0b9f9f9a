"""A trained cue model: logistic regression over features of one cue candidate in its parse.

The cue table decides by ``lemma|frame`` alone, so "think" is accepted or refused everywhere. This
model reads the candidate in context (the cue's tense and dependency, its source's kind, how the
content opens and how long it is, negation, modals, the headline) and is learned from PolNeAR
train candidates (:mod:`narrascope.quotes.cue_training`). Weights are a JSON map of feature to
weight, so loading runs no code; a candidate is accepted when its probability reaches ``threshold``.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .lexicon import MILITARY_SENSE, CueTable, is_seed, load_table
from .reported import Candidate

DEFAULT_MODEL = Path(__file__).resolve().parents[1] / "data" / "models" / "quotes-cues" / "cue-model.json"
#: Regularisation and decision probability, picked by 5-fold CV on PolNeAR train (attribution F1).
MODEL_C = 0.3
MODEL_THRESHOLD = 0.35
_OPENERS = frozenset({"that", "to", "if", "whether", "what", "how", "why", "when", "who", "which"})
_PERSON_PRONOUNS = frozenset({"he", "she", "i", "we", "you", "they", "who"})


def _bucket(n: int) -> str:
    for bar in (1, 2, 3, 5, 8, 13, 21, 34):
        if n <= bar:
            return str(bar)
    return "many"


def _source_kind(doc: Any, index: int | None) -> str:
    if index is None:
        return "none"
    tok = doc[index]
    if tok.lower_ in _PERSON_PRONOUNS:
        return f"pron-{tok.lower_}"
    if tok.lower_ == "it":
        return "it"
    if tok.ent_type_:
        return f"ent-{tok.ent_type_}"
    return f"{tok.pos_}-{tok.lemma_.lower()}" if tok.pos_ == "NOUN" else tok.pos_


def features(doc: Any, text: str, cand: Candidate) -> list[str]:
    """Feature names of one candidate (conjunctions with the lemma and frame where they matter)."""
    head = doc[cand.cue_head]
    lemma, frame = cand.lemma, cand.frame
    body = doc.char_span(cand.content[0], cand.content[1], alignment_mode="expand")
    toks = [t for t in body] if body is not None else []
    words = sum(1 for t in toks if t.is_alpha)
    opener = toks[0].lower_ if toks else ""
    if opener not in _OPENERS:
        opener = "quote" if opener in ("“", '"', "‘", "'") else toks[0].pos_ if toks else ""
    src = _source_kind(doc, cand.source)
    kids = {c.dep_ for c in head.children}
    modal = any(c.tag_ == "MD" for c in head.children)
    neg = "neg" in kids
    quoted = any(ch in text[cand.content[0] : cand.content[1]] for ch in "“”\"")
    first_line = text.find("\n")
    headline = first_line < 0 or cand.cue[0] < first_line
    lf = f"{lemma}|{frame}"
    out = [
        "bias",
        f"lemma={lemma}",
        f"frame={frame}",
        f"lf={lf}",
        f"seed={is_seed(lemma, frame)}",
        f"seed|frame={is_seed(lemma, frame)}|{frame}",
        f"tag={head.tag_}",
        f"lemma|tag={lemma}|{head.tag_}",
        f"dep={head.dep_}",
        f"frame|dep={frame}|{head.dep_}",
        f"lf|dep={lf}|{head.dep_}",
        f"src={src}",
        f"frame|src={frame}|{src}",
        f"lemma|hassrc={lemma}|{cand.source is not None}",
        f"open={opener}",
        f"lf|open={lf}|{opener}",
        f"words={_bucket(words)}",
        f"frame|words={frame}|{_bucket(words)}",
        f"lemma|words={lemma}|{_bucket(words)}",
        f"modal={modal}",
        f"neg={neg}",
        f"lemma|neg={lemma}|{neg}",
        f"quoted={quoted}",
        f"frame|quoted={frame}|{quoted}",
        f"headline={headline}",
        f"passive={'auxpass' in kids or 'nsubjpass' in kids}",
    ]
    if head.dep_ in ("xcomp", "conj", "advcl", "relcl", "acl", "ccomp") and head.head.i != head.i:
        out.append(f"governor={head.dep_}|{head.head.lemma_.lower()}")
    if head.i > 0:
        out.append(f"prev={doc[head.i - 1].lower_}")
    return out


@dataclass(frozen=True)
class CueModel(CueTable):
    """The cue table's lexicon and fast lemma filter, with candidates decided by learned weights."""

    weights: dict[str, float] = field(default_factory=dict)
    threshold_p: float = MODEL_THRESHOLD

    def probability(self, doc: Any, text: str, cand: Candidate) -> float:
        """Estimated probability that ``cand`` is an attribution PolNeAR would annotate."""
        z = sum(self.weights.get(f, 0.0) for f in features(doc, text, cand))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def accepts_candidate(self, doc: Any, text: str, cand: Candidate) -> bool:
        """Learned decision; a military-sense verb outside the lexicon ("attack", "strike") never passes."""
        if cand.lemma in MILITARY_SENSE and not is_seed(cand.lemma, cand.frame):
            return False
        return self.probability(doc, text, cand) >= self.threshold_p

    def verb_lemmas(self) -> frozenset[str] | None:
        """Lemmas whose own weight is not strongly negative, plus the lexicon's (skips hopeless verbs fast)."""
        cached: frozenset[str] | None = self.__dict__.get("_model_lemmas")
        if cached is None:
            base = CueTable.verb_lemmas(self) or frozenset()
            seen = {k[6:] for k, w in self.weights.items() if k.startswith("lemma=") and w > -1.0}
            cached = frozenset(base | seen)
            object.__setattr__(self, "_model_lemmas", cached)
        return cached

    def to_json(self) -> dict[str, object]:
        return {**CueTable.to_json(self), "threshold_p": self.threshold_p,
                "weights": {k: round(v, 4) for k, v in sorted(self.weights.items()) if abs(v) >= 1e-3}}

    @classmethod
    def from_model_json(cls, data: dict[str, Any]) -> CueModel:
        table = CueTable.from_json(data)
        weights = {str(k): float(v) for k, v in (data.get("weights") or {}).items()}
        return cls(scores=table.scores, threshold=table.threshold, seed_prior=table.seed_prior,
                   other_prior=table.other_prior, learned_threshold=table.learned_threshold,
                      weights=weights, threshold_p=float(data.get("threshold_p", MODEL_THRESHOLD)))


@lru_cache(maxsize=4)
def load_cues(path: str | None = None) -> CueTable:
    """What decides cue candidates: the file at ``path`` (a cue model when it holds weights, else a
    table); by default the shipped cue model, else the shipped table, else the seed lexicon alone."""
    file = Path(path) if path else DEFAULT_MODEL
    if not file.is_file():
        return load_table(path)
    with file.open(encoding="utf-8") as fh:
        data = json.load(fh)
    return CueModel.from_model_json(data) if "weights" in data else CueTable.from_json(data)
