"""Apply the narrative and role models to an :class:`Article` (shared by the pipeline
components and the ``predict semeval2025`` command)."""

from __future__ import annotations

from bisect import bisect_right
from typing import Protocol

import numpy as np

from ..document import Annotation, Article
from ..models.language import detect_language
from .explain import explanation, top_sentences
from .narrative_model import Prediction
from .role_model import RoleModel, mention_dense
from .taxonomy import Taxonomy


class NarrativeScorer(Protocol):
    taxonomy: Taxonomy

    def predict(self, text: str, sent_vecs: np.ndarray, lang: str | None = None) -> Prediction: ...

    def sentence_scores(self, sentences: list[str], sent_vecs: np.ndarray, labels: list[str],
                        lang: str | None = None) -> np.ndarray: ...


def annotate_narratives(article: Article, model: NarrativeScorer, sent_vecs: np.ndarray, evidence: int = 2,
                        dominant: str | None = None) -> Prediction:
    """Fill ``article.narratives``, the ``narrative_evidence`` layer and ``article.explanation``."""
    tax = model.taxonomy
    sents = article.layer("sentence")
    texts = [article.surface(s) for s in sents]
    lang = article.meta.get("language") or detect_language(article.text, sample=2000, min_words=0)
    pred = model.predict(article.text, sent_vecs, lang)
    labels = [lab for lab in pred.narratives + pred.subnarratives if lab != tax.other]
    if dominant and dominant != tax.other and dominant not in labels and dominant in _known(tax):
        labels.append(dominant)
    sent_scores = model.sentence_scores(texts, sent_vecs, labels, lang) if sents else np.zeros((0, len(labels)))
    article.remove_layer("narrative_evidence")
    records = []
    evidence_of: dict[str, list[int]] = {}
    for j, lab in enumerate(labels):
        picks = top_sentences(sent_scores[:, j], evidence) if len(sents) else []
        evidence_of[lab] = picks
        ids = []
        for i in picks:
            ann = article.add("narrative_evidence", sents[i].start, sents[i].end, lab,
                              score=round(float(sent_scores[i, j]), 4), narrative=tax.parent(lab) or lab)
            ids.append(ann.id)
        if lab in pred.narratives or lab in pred.subnarratives:
            records.append(_record(tax, lab, pred.scores.get(lab, 0.0), ids))
    if tax.other and tax.other in pred.narratives:
        records.append(_record(tax, tax.other, pred.scores.get(tax.other, 0.0), []))
    article.narratives = records
    article.explanation = _explain(article, tax, pred, dominant, evidence_of, sent_scores, labels, texts)
    return pred


def _known(tax: Taxonomy) -> set[str]:
    return {*tax.narratives, *tax.subnarratives}


def _record(tax: Taxonomy, label: str, score: float, ids: list[str]) -> dict[str, object]:
    parent = tax.parent(label)
    return {"label": label, "parent": parent, "level": "subnarrative" if parent else "narrative",
            "score": round(float(score), 4), "evidence": ids}


def _explain(article: Article, tax: Taxonomy, pred: Prediction, dominant: str | None,
             evidence_of: dict[str, list[int]], sent_scores: np.ndarray, labels: list[str],
             texts: list[str]) -> dict[str, object] | None:
    """Extractive explanation for the dominant (given or best-scoring) narrative."""
    target = dominant if dominant and dominant in evidence_of else None
    if target is None:
        subs = [s for s in pred.subnarratives if s in evidence_of and not s.endswith(": Other")]
        nars = [n for n in pred.narratives if n in evidence_of]
        if not nars:
            return None
        top_nar = max(nars, key=lambda n: pred.scores.get(n, 0.0))
        kids = [s for s in subs if tax.parent(s) == top_nar]
        target = max(kids, key=lambda s: pred.scores.get(s, 0.0)) if kids else top_nar
    j = labels.index(target)
    picks = sorted(evidence_of[target], key=lambda i: -float(sent_scores[i, j]))
    label_text = tax.short(target)
    text, used = explanation(label_text, [texts[i] for i in picks])
    sents = article.layer("sentence")
    return {"narrative": target, "text": text, "sentences": [_sentence_id(article, sents[i]) for i in picks[:used]]}


def _sentence_id(article: Article, sent: Annotation) -> str:
    return sent.id


def annotate_roles(article: Article, model: RoleModel, sent_vecs: np.ndarray, mentions: list[Annotation],
                   min_score: float = 0.0) -> list[dict[str, object]]:
    """Classify each mention's role; fills ``article.roles`` and the mentions' attrs."""
    lang = article.meta.get("language") or detect_language(article.text, sample=2000, min_words=0)
    sents = article.layer("sentence")
    starts = [s.start for s in sents]
    if len(sent_vecs):
        doc_vec = sent_vecs.mean(axis=0)
        doc_vec = doc_vec / (np.linalg.norm(doc_vec) or 1.0)
    n_dense = model.main.w_dense.shape[1]
    at = [max(0, bisect_right(starts, m.start) - 1) for m in mentions]
    ctx = model.sentence_context
    ctx_vecs = None
    if ctx is not None and len(sent_vecs):  # without sentence vectors the whole row is zeros
        texts = [article.surface(sents[j]) if sents else article.text for j in at]
        ctx_vecs = ctx.vectors(texts, [lang] * len(texts))
    dense = []
    for i, j in enumerate(at):
        if len(sent_vecs):
            dense.append(mention_dense(sent_vecs[min(j, len(sent_vecs) - 1)], doc_vec, lang,
                                       None if ctx_vecs is None else ctx_vecs[i]))
        else:
            dense.append(np.zeros(n_dense, np.float32))
    contexts = [model.context(article.text, m.start, m.end, lang) for m in mentions]
    preds = model.predict(np.vstack(dense) if dense else np.zeros((0, n_dense), np.float32), contexts)
    records: list[dict[str, object]] = []
    replaced: dict[str, Annotation] = {}
    for m, p in zip(mentions, preds, strict=True):
        if p.score < min_score:
            continue
        records.append({"mention": m.id, "entity_id": m.attrs.get("entity_id"), "start": m.start, "end": m.end,
                        "main_role": p.main_role, "fine_roles": p.fine_roles, "score": round(p.score, 4)})
        attrs = {**m.attrs, "main_role": p.main_role, "fine_roles": list(p.fine_roles), "role_score": round(p.score, 4)}
        replaced[m.id] = Annotation(m.layer, m.start, m.end, m.label, attrs, m.id)
    if replaced:
        article.annotations = [replaced.get(a.id, a) if a.layer == mentions[0].layer else a
                               for a in article.annotations]
    article.roles = records
    return records
