"""Train and cross-validate the entity-salience head on the SemEval-2025 training release.

Candidates are what the pipeline's own ``entities`` component finds in each training article
(so the head learns on the mentions it will see); an entity is positive when one of its mentions
overlaps a gold subtask-1 mention.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from ..document import Article
from .features import fit_idf, hasher, tfidf_sparse
from .fit import fit_ovr, fold_of
from .salience import HASH_DIM, EntityGroup, SalienceHead, entity_groups, salience_tokens
from .semeval import Doc

Log = Callable[[str], None]
#: Runs ``sentences`` + ``entities`` over a stream of articles, yielding each with its error (or
#: None), like :meth:`narrascope.pipeline.Pipeline.pipe`; the caller builds it, so training code
#: stays below the pipeline.
EntityFinder = Callable[[Iterable[Article]], Iterable[tuple[Article, Exception | None]]]
ROLE_TYPES = ("PERSON", "ORG", "GPE", "NORP", "GROUP")


@dataclass
class Candidates:
    """One row per (article, entity): its feature text, label, article index and gold coverage."""

    texts: list[str]
    labels: np.ndarray
    doc_index: list[int]
    gold_total: int  # gold mentions in these articles
    gold_reachable: int  # gold mentions some candidate overlaps


def _overlaps(group: EntityGroup, spans: Sequence[tuple[int, int]]) -> set[int]:
    return {k for k, (s, e) in enumerate(spans) for m in group.mentions if m.start < e and s < m.end}


def candidates(docs: Sequence[Doc], find_entities: EntityFinder, log: Log | None = None) -> Candidates:
    """Run ``find_entities`` (``sentences`` + ``entities``) over ``docs`` and label each entity of each article."""
    arts = [Article(text=d.text, meta={"language": d.lang.lower()}) for d in docs]
    for k, (_art, err) in enumerate(find_entities(arts)):
        if err is not None and log:
            log(f"entities failed on {docs[k].article_id}: {err}")
        if log and (k + 1) % 200 == 0:
            log(f"entities: {k + 1}/{len(docs)} articles")
    texts, labels, owner = [], [], []
    total = reachable = 0
    for i, (doc, art) in enumerate(zip(docs, arts, strict=True)):
        spans = [(m.start, m.end) for m in doc.mentions]
        mentions = [a for a in art.layer("entity") if a.label in ROLE_TYPES or a.attrs.get("type") in ROLE_TYPES]
        hit: set[int] = set()
        for group in entity_groups(art, mentions):
            found = _overlaps(group, spans)
            hit |= found
            texts.append(salience_tokens(art, group, doc.lang))
            labels.append(1 if found else 0)
            owner.append(i)
        total += len(spans)
        reachable += len(hit)
    return Candidates(texts, np.array(labels, dtype=np.int8), owner, total, reachable)


def fit_salience(cands: Candidates, rows: Sequence[int], c: float = 1.0, threshold: float = 0.5) -> SalienceHead:
    counts = hasher(HASH_DIM).transform([cands.texts[i] for i in rows])
    idf = fit_idf(counts)
    y = cands.labels[list(rows)].reshape(-1, 1)
    head = fit_ovr(tfidf_sparse(counts, idf), y, ["role"], 0, 1.0, c)
    return SalienceHead(head, idf, threshold)


def cross_validate_salience(docs: Sequence[Doc], cands: Candidates, folds: int = 5, c: float = 1.0) -> np.ndarray:
    """Out-of-fold salience scores for every candidate (folds grouped by article, as for roles)."""
    fold = np.array([fold_of(docs[i].group, folds) for i in cands.doc_index])
    scores = np.zeros(len(cands.texts), np.float32)
    for k in range(folds):
        train = [int(i) for i in np.flatnonzero(fold != k)]
        test = [int(i) for i in np.flatnonzero(fold == k)]
        scores[test] = fit_salience(cands, train, c).scores([cands.texts[i] for i in test])
    return scores


def salience_report(docs: Sequence[Doc], cands: Candidates, scores: np.ndarray, threshold: float,
                    langs: Sequence[str]) -> dict[str, dict[str, float]]:
    """Entity-level precision/recall/F1 per language at ``threshold``, and entities kept per article."""
    out = {}
    for lang in [*langs, "ALL"]:
        rows = [r for r, i in enumerate(cands.doc_index) if lang == "ALL" or docs[i].lang == lang]
        if not rows:
            continue
        y, pred = cands.labels[rows] == 1, scores[rows] >= threshold
        tp = float((y & pred).sum())
        p = tp / max(1.0, float(pred.sum()))
        r = tp / max(1.0, float(y.sum()))
        n_docs = len({cands.doc_index[j] for j in rows})
        base_p = float(y.sum()) / len(rows)  # keeping every entity: recall 1
        out[lang] = {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
                     "keep_all_f1": 2 * base_p / (base_p + 1), "entities": len(rows), "articles": n_docs,
                     "kept_per_article": float(pred.sum()) / max(1, n_docs),
                     "gold_per_article": float(y.sum()) / max(1, n_docs)}
    return out


def tune_threshold(cands: Candidates, scores: np.ndarray) -> float:
    """The threshold with the best pooled out-of-fold entity F1."""
    best = (-1.0, 0.5)
    y = cands.labels == 1
    for t in np.arange(0.1, 0.75, 0.025):
        pred = scores >= t
        tp = float((y & pred).sum())
        f1 = 2 * tp / max(1.0, float(pred.sum() + y.sum()))
        if f1 > best[0]:
            best = (f1, float(round(t, 3)))
    return best[1]

