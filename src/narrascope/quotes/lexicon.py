"""Attribution cues: speech and report verbs, report nouns, and a learned cue-precision table.

The seed lists cover conflict-news reporting ("said", "told", "accused", "warned" ...). A table
learned on PolNeAR by ``narrascope train quotes`` (``data/models/quotes-cues/cues.json``)
gives each ``lemma|frame`` pair the share of training candidates that were gold attributions;
candidates below the tuned threshold are dropped.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


SPEECH_VERBS = _words(
    """
        say tell add stress note claim accuse warn insist deny announce state urge argue
        cite explain emphasise emphasize assert declare confirm report write tweet post
        suggest acknowledge admit allege complain comment contend predict promise reiterate
        remark reply respond reveal threaten vow boast charge concede disclose estimate
        indicate maintain mention point recall recount repeat agree ask demand call
        criticize criticise condemn blame describe believe think conclude observe announce
        caution underline underscore highlight signal answer quote inform pledge propose
        recommend stipulate acknowledge testify dismiss reject hint lament joke counter
        retort shout write
        make_clear make_plain make_known
        """
)

# Verbs whose content is an object or a prepositional complement rather than a clause.
OBJECT_CUES = {
    "accuse": "of",
    "blame": "for",
    "criticize": "for",
    "criticise": "for",
    "condemn": "",
    "deny": "",
    "reject": "",
    "announce": "",
    "urge": "",
    "call": "for",
    "demand": "",
    "describe": "",
    "dismiss": "",
    "propose": "",
    "warn": "of",
    "praise": "for",
}

REPORT_NOUNS = _words(
    """
        claim claims statement statements assertion allegation allegations warning warnings
        remark remarks comment comments suggestion accusation accusations argument
        insistence report reports announcement admission promise pledge threat demand view
        belief position contention insistence denial message
        """
)

# Verbs of thinking whose clause is a stated view ("Moscow believes that …", "fears that …").
COGNITION_VERBS = _words(
    """
        believe think know expect hope fear worry doubt suspect consider feel assume suppose
        wonder speculate imply assure proclaim reaffirm clarify remind question conclude regard
        estimate predict guess understand realise realize reckon
        """
)

# Verbs that quote the speaker's own phrase inside the reporter's sentence ("touted it as “…”").
EVALUATIVE_VERBS = _words(
    """
        tout hail label dub term brand deem slam blast denounce decry portray characterize
        characterise praise mock deride ridicule welcome promise vow pledge offer call describe
        """
)

# Nouns that are themselves a claim or statement ("a warning that …", "the allegation of …").
CLAIM_NOUNS = REPORT_NOUNS | _words(
    """
        claim allegation accusation charge suggestion assertion statement warning threat
        promise pledge assurance insistence rumour rumor report idea notion proposal
        demand call appeal ultimatum offer request denial argument view belief
        """
)

TITLE_NOUNS = _words(
    """
        president minister spokesman spokeswoman spokesperson aide negotiator adviser
        advisor secretary chief head leader premier chancellor envoy ambassador diplomat
        governor mayor commander general official prime deputy director chairman chair
        speaker senator representative king prince pope
        """
)

# Verbs PolNeAR counts as (verbal) attributions but that conflict news uses in their military
# sense ("attacked the city"); the learned table may not accept them.
MILITARY_SENSE = _words("attack hit strike target shell bomb invade fire shoot launch seize capture destroy")

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
GROUP_PRONOUNS = frozenset({"they", "them", "it", "we"})

DEFAULT_TABLE = Path(__file__).resolve().parents[1] / "data" / "models" / "quotes-cues" / "cues.json"


@dataclass(frozen=True)
class CueTable:
    """Learned cue precisions per ``lemma|frame``; unknown keys fall back to the seed prior."""

    scores: dict[str, float] = field(default_factory=dict)
    threshold: float = 0.3
    seed_prior: float = 0.6
    other_prior: float = 0.05
    learned_threshold: float | None = None

    def score(self, lemma: str, frame: str) -> float:
        """Estimated probability that ``lemma`` in ``frame`` introduces an attribution."""
        key = f"{lemma}|{frame}"
        if key in self.scores:
            return self.scores[key]
        return self.seed_prior if is_seed(lemma, frame) else self.other_prior

    def accepts(self, lemma: str, frame: str) -> bool:
        """Seed cues need ``threshold``; cues only the table knows need ``learned_threshold``."""
        if is_seed(lemma, frame):
            return self.score(lemma, frame) >= self.threshold
        if lemma in MILITARY_SENSE:
            return False
        bar = self.learned_threshold if self.learned_threshold is not None else self.threshold
        return self.score(lemma, frame) >= bar

    def accepts_candidate(self, doc: Any, text: str, cand: Any) -> bool:
        """Whether a cue candidate (in its parse) is kept; the table looks at its lemma and frame only."""
        return self.accepts(cand.lemma, cand.frame)

    def verb_lemmas(self) -> frozenset[str] | None:
        """Lemmas that can pass in some frame (None: any lemma can), to skip hopeless verbs fast."""
        cached: frozenset[str] | None = self.__dict__.get("_lemmas")
        if cached is not None:
            return cached
        bar = min(self.threshold, self.learned_threshold if self.learned_threshold is not None else self.threshold)
        if self.other_prior >= bar:
            return None
        learned = {key.split("|", 1)[0] for key, value in self.scores.items() if value >= bar}
        out = frozenset(SPEECH_VERBS | set(OBJECT_CUES) | learned)
        object.__setattr__(self, "_lemmas", out)
        return out

    def to_json(self) -> dict[str, object]:
        return {
            "threshold": self.threshold,
            "seed_prior": self.seed_prior,
            "other_prior": self.other_prior,
            "learned_threshold": self.learned_threshold,
            "scores": dict(sorted(self.scores.items())),
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> CueTable:
        raw = data.get("scores") or {}
        scores = {str(k): float(v) for k, v in raw.items()} if isinstance(raw, dict) else {}
        learned = data.get("learned_threshold")
        return cls(
            scores=scores,
            threshold=float(data.get("threshold", 0.3)),  # type: ignore[arg-type]
            seed_prior=float(data.get("seed_prior", 0.6)),  # type: ignore[arg-type]
            other_prior=float(data.get("other_prior", 0.05)),  # type: ignore[arg-type]
            learned_threshold=None if learned is None else float(learned),  # type: ignore[arg-type]
        )


def is_seed(lemma: str, frame: str) -> bool:
    """Whether the hand-written lexicon lists ``lemma`` as a cue for ``frame``."""
    if frame == "noun":
        return lemma in REPORT_NOUNS
    if frame in ("according", "colon"):
        return True
    if frame == "obj":
        return lemma in OBJECT_CUES
    if frame.startswith("prep-"):
        return OBJECT_CUES.get(lemma) == frame[5:]
    return lemma in SPEECH_VERBS


@lru_cache(maxsize=4)
def load_table(path: str | None = None) -> CueTable:
    """The shipped cue table, or seed-only defaults when no table has been trained."""
    file = Path(path) if path else DEFAULT_TABLE
    if not file.is_file():
        return CueTable()
    with file.open(encoding="utf-8") as fh:
        return CueTable.from_json(json.load(fh))
