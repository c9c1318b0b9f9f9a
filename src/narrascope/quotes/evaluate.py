"""Cross-validated evaluation and training of the cue table on PolNeAR.

Two learned parts: the cue table (:class:`~narrascope.quotes.lexicon.CueTable`: for each
``lemma|frame`` the smoothed share of training candidates that were gold attributions) and the
cue model (:class:`~narrascope.quotes.cue_model.CueModel`: a logistic regression over each
candidate in its parse, which decides when it is given). Folds split documents; each fold's table
and model are learned on the other folds only.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .combine import Quote
from .cue_model import MODEL_C
from .cue_training import Labelled, fit_model, labelled_candidates
from .extract import Reading, extract
from .lexicon import CueTable, is_seed
from .polnear import Counts, GoldDoc, Predicted, read_polnear, score
from .reported import all_candidates
from .speakers import mentions_from_doc

SMOOTHING = 3.0
MIN_COUNT = 3


@dataclass
class Parsed:
    """A gold document with its spaCy parse."""

    gold: GoldDoc
    doc: Any


def parse_docs(docs: Sequence[GoldDoc], model: str, cache: str | None = None) -> list[Parsed]:
    """Parse texts with spaCy once, optionally caching the parses in a DocBin file."""
    from spacy.tokens import DocBin

    from ..models.spacy_models import load_spacy

    nlp = load_spacy(model)
    cache_file = Path(cache) / f"polnear-{len(docs)}-{docs[0].name if docs else 'none'}.spacy" if cache else None
    if cache_file is not None and cache_file.is_file():
        parsed = list(DocBin().from_disk(cache_file).get_docs(nlp.vocab))
    else:
        parsed = list(nlp.pipe([d.text for d in docs], batch_size=16))
        if cache_file is not None:
            cache_file.parent.mkdir(parents=True, exist_ok=True)
            DocBin(docs=parsed, store_user_data=False).to_disk(cache_file)
    return [Parsed(g, d) for g, d in zip(docs, parsed, strict=True)]


def _inside(pos: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def candidate_labels(p: Parsed) -> list[tuple[str, bool]]:
    """(``lemma|frame``, is-gold) for every unfiltered candidate of one document."""
    text = p.gold.text
    out = []
    for cand in all_candidates(p.doc, text):
        head = p.doc[cand.cue_head]
        gold = any(
            _inside(head.idx, g.cue) and any(cand.content[0] < e and s < cand.content[1] for s, e in g.content)
            for g in p.gold.attributions
        )
        out.append((f"{cand.lemma}|{cand.frame}", gold))
    return out


def train_table(
    labelled: Sequence[list[tuple[str, bool]]], threshold: float, learned_threshold: float | None = None
) -> CueTable:
    """Smoothed per-key precision from labelled candidates (keys seen fewer than MIN_COUNT times keep the prior)."""
    base = CueTable(threshold=threshold, learned_threshold=learned_threshold)
    pos: Counter[str] = Counter()
    tot: Counter[str] = Counter()
    for doc in labelled:
        for key, gold in doc:
            tot[key] += 1
            pos[key] += int(gold)
    scores = {}
    for key, n in tot.items():
        if n < MIN_COUNT:
            continue
        lemma, frame = key.split("|", 1)
        prior = base.seed_prior if is_seed(lemma, frame) else base.other_prior
        value = round((pos[key] + SMOOTHING * prior) / (n + SMOOTHING), 4)
        bar = threshold if is_seed(lemma, frame) else (learned_threshold or threshold)
        if (value >= bar) != (prior >= bar):
            scores[key] = value  # only keys whose decision differs from the seed lexicon's
    return CueTable(scores=scores, threshold=threshold, learned_threshold=learned_threshold)


def predict(p: Parsed, table: CueTable, reading: Reading = "attitudes") -> list[Predicted]:
    """Scorer-form predictions for one parsed document (see :func:`to_predicted`)."""
    return to_predicted(extract(p.doc, p.gold.text, table, mentions_from_doc(p.doc), reading))


def to_predicted(quotes: Sequence[Quote]) -> list[Predicted]:
    """Quotes in scorer form, one per quote annotation as the held-out scorer reads the layer
    (a split quote is already one quote spanning its parts)."""
    return [Predicted((q.start, q.end), q.speaker.source_span if q.speaker else None) for q in quotes]


def cross_validate(
    parsed: Sequence[Parsed],
    folds: int,
    thresholds: Sequence[float],
    log: Callable[[str], None] = lambda _: None,
    learned_threshold: float | None = None,
    reading: Reading = "attitudes",
    model_threshold: float | None = None,
) -> dict[str, dict[str, dict[str, float]]]:
    """Metrics per table threshold (key ``"<threshold>"``), each fold scored with a table (and, when
    ``model_threshold`` is given, a cue model deciding at that probability) learned on the other folds."""
    labelled = [candidate_labels(p) for p in parsed]
    featured: list[Labelled] = (
        [labelled_candidates(p.doc, p.gold.text, p.gold.attributions) for p in parsed] if model_threshold else []
    )
    totals = {t: Counts() for t in thresholds}
    for k in range(folds):
        train = [lab for i, lab in enumerate(labelled) if i % folds != k]
        test = [p for i, p in enumerate(parsed) if i % folds == k]
        for t in thresholds:
            table = train_table(train, t, learned_threshold)
            if model_threshold:
                rows = [f for i, f in enumerate(featured) if i % folds != k]
                table = fit_model(rows, table, MODEL_C, model_threshold)
            for p in test:
                totals[t] += score(p.gold.text, p.gold.attributions, predict(p, table, reading))
        log(f"fold {k + 1}/{folds} done")
    return {str(t): c.metrics() for t, c in totals.items()}


def evaluate_rules(
    parsed: Sequence[Parsed], table: CueTable, reading: Reading = "attitudes"
) -> dict[str, dict[str, float]]:
    """Metrics of one fixed table (e.g. seed lexicon only, or the shipped table)."""
    total = Counts()
    for p in parsed:
        total += score(p.gold.text, p.gold.attributions, predict(p, table, reading))
    return total.metrics()


def load(root: str, limit: int | None, model: str, cache: str | None) -> list[Parsed]:
    """Read and parse a PolNeAR split."""
    t0 = time.time()
    docs = read_polnear(root, limit)
    parsed = parse_docs(docs, model, cache)
    _ = t0
    return parsed
