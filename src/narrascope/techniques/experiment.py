"""End-to-end runs: cross-validate on the training release, and train + save the shipped model.

Both start from the same prepared corpus (sentences from the pipeline's splitter, sentence
embeddings), cached on disk so that repeated runs skip spaCy and the encoder.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..models.activations import sigmoid
from .data import Document, load_corpus, technique_names
from .evaluation import (
    ParagraphTable,
    Report,
    article_folds,
    cross_fold_predictions,
    paragraph_table,
    score,
    topic_folds,
)
from .features import FeatureConfig, Featurizer
from .lexicon import boost
from .model import TechniqueModel
from .training import (
    Log,
    Units,
    build_units,
    classifier_matrix,
    embed_texts,
    fit_linear,
    fit_tagger,
    split_sentences,
    tune_thresholds,
)


@dataclass
class Prepared:
    """A corpus ready for training: documents, sentence units, labels and embeddings."""

    docs: list[Document]
    units: Units
    labels: list[str]
    embeddings: np.ndarray | None


def _sentences(docs: list[Document], cache: Path | None) -> list[list[tuple[int, int]]]:
    key = hashlib.sha256("\x00".join(d.text for d in docs).encode("utf-8")).hexdigest()[:20]
    path = cache / f"sentences-{key}.json" if cache else None
    if path is not None and path.is_file():
        return [[(int(s), int(e)) for s, e in doc] for doc in json.loads(path.read_text())]
    sents = split_sentences(docs)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(sents))
    return sents


def prepare(
    data: Path,
    languages: tuple[str, ...] = ("en", "ru"),
    embedder: str | None = "use",
    cache: Path | None = None,
    log: Log | None = None,
) -> Prepared:
    """Load the release, split sentences, label them from spans and embed them."""
    docs = load_corpus(data, languages)
    labels = technique_names()
    if log:
        log(f"{len(docs)} articles; splitting sentences ...")
    units = build_units(docs, _sentences(docs, cache), labels)
    vecs = embed_texts(units.texts, embedder, cache, log) if embedder else None
    return Prepared(docs, units, labels, vecs)


def fit_scores(prep: Prepared, train: np.ndarray, test: np.ndarray, config: FeatureConfig, c: float) -> np.ndarray:
    """Train the sentence classifier on ``train`` rows and score ``test`` rows."""
    x = classifier_matrix(prep.units, Featurizer(config), prep.embeddings)
    w, b = fit_linear(x[train], prep.units.y[train], c)
    return sigmoid(np.asarray(x[test] @ w + b))


FOLDINGS = ("article", "topic")


def doc_vectors(prep: Prepared) -> np.ndarray:
    """One vector per article: its mean sentence embedding, or (without embeddings) an SVD of n-grams."""
    if prep.embeddings is not None:
        out = np.zeros((len(prep.docs), prep.embeddings.shape[1]), dtype=np.float32)
        np.add.at(out, prep.units.doc, prep.embeddings)
        return out
    from sklearn.decomposition import TruncatedSVD

    hashed = Featurizer(FeatureConfig()).sparse([d.text for d in prep.docs])
    return np.asarray(TruncatedSVD(64, random_state=0).fit_transform(hashed), dtype=np.float32)


def make_folds(prep: Prepared, folds: int = 5, by: str = "article", seed: int = 0) -> np.ndarray:
    """Each article's fold: shuffled articles (``article``) or whole topic clusters held out (``topic``)."""
    if by == "article":
        return article_folds(prep.docs, folds, seed)
    if by == "topic":
        return topic_folds(prep.docs, doc_vectors(prep), folds, seed=seed)
    raise ValueError(f"unknown folding {by!r}: use one of {', '.join(FOLDINGS)}")


def out_of_fold(
    prep: Prepared,
    folds: int = 5,
    config: FeatureConfig | None = None,
    c: float = 1.0,
    seed: int = 0,
    log: Log | None = None,
    by: str = "article",
) -> tuple[np.ndarray, np.ndarray]:
    """Out-of-fold sentence scores by k-fold CV (folds of articles or of topics), and each article's fold."""
    config = config or FeatureConfig()
    fold_of_doc = make_folds(prep, folds, by, seed)
    unit_fold = fold_of_doc[prep.units.doc]
    oof = np.zeros(prep.units.y.shape, dtype=np.float32)
    for k in range(folds):
        test = unit_fold == k
        oof[test] = fit_scores(prep, ~test, test, config, c)
        if log:
            log(f"fold {k + 1}/{folds} done")
    return oof, fold_of_doc


def with_lexicon(prep: Prepared, scores: np.ndarray, weight: float) -> np.ndarray:
    """Sentence scores raised by the hand-written cue lexicon, as the shipped model applies it."""
    if weight <= 0:
        return scores
    out = scores.copy()
    for di, doc in enumerate(prep.docs):
        rows = np.flatnonzero(prep.units.doc == di)
        if len(rows):
            spans = [prep.units.spans[r] for r in rows]
            out[rows] = boost(scores[rows], doc.text, spans, prep.labels, weight)
    return out


def cv_report(
    prep: Prepared, oof: np.ndarray, fold_of_doc: np.ndarray, language: str = "en", lexicon_weight: float = 0.0
) -> Report:
    """Paragraph-level scores of one language's articles (thresholds tuned on the other folds)."""
    oof = with_lexicon(prep, oof, lexicon_weight)
    table, rows, pred = cv_predictions(prep, oof, fold_of_doc, language)
    return score(pred[rows], table.gold[rows], prep.labels)


def cv_predictions(
    prep: Prepared, oof: np.ndarray, fold_of_doc: np.ndarray, language: str = "en"
) -> tuple[ParagraphTable, np.ndarray, np.ndarray]:
    """Paragraph table, the rows of ``language`` and their cross-fold predictions (lexicon already applied)."""
    table = paragraph_table(prep.docs, prep.labels, prep.units.doc, prep.units.paragraph, oof)
    rows = np.array([prep.docs[d].language == language for d in table.doc.tolist()], dtype=bool)
    return table, rows, cross_fold_predictions(table, fold_of_doc, rows)


def language_thresholds(prep: Prepared, oof: np.ndarray, lexicon_weight: float = 0.0) -> dict[str, list[float]]:
    """Per-language thresholds tuned on all out-of-fold paragraph scores of that language."""
    oof = with_lexicon(prep, oof, lexicon_weight)
    table = paragraph_table(prep.docs, prep.labels, prep.units.doc, prep.units.paragraph, oof)
    out = {}
    for language in sorted({d.language for d in prep.docs}):
        rows = np.array([prep.docs[d].language == language for d in table.doc.tolist()], dtype=bool)
        out[language] = [round(float(t), 3) for t in tune_thresholds(table.scores[rows], table.gold[rows])]
    return out


def train_model(
    prep: Prepared,
    thresholds: dict[str, list[float]],
    config: FeatureConfig | None = None,
    c: float = 1.0,
    tag_features: int = 2**15,
    embedder: str | None = "use",
    meta: dict[str, object] | None = None,
    lexicon_weight: float = 0.0,
) -> TechniqueModel:
    """Fit classifier and tagger on everything, with thresholds from cross-validation."""
    config = config or FeatureConfig()
    x = classifier_matrix(prep.units, Featurizer(config), prep.embeddings)
    every = np.ones(len(prep.units.texts), dtype=bool)
    clf_w, clf_b = fit_linear(x, prep.units.y, c)
    tag_w, tag_b = fit_tagger(prep.docs, prep.units, np.flatnonzero(every), prep.labels, tag_features)
    return TechniqueModel(
        labels=prep.labels,
        features=config,
        clf_w=clf_w,
        clf_b=clf_b,
        tag_w=tag_w,
        tag_b=tag_b,
        thresholds=thresholds,
        embedder=embedder if prep.embeddings is not None else None,
        meta=dict(meta or {}),
        lexicon_weight=lexicon_weight,
    )


def localisation_report(
    prep: Prepared, fold_of_doc: np.ndarray, language: str = "en", fold: int = 0, tag_features: int = 2**15
) -> dict[str, float]:
    """Character-level F1 of the tagger's spans against gold spans on one held-out fold.

    Measured on gold-positive (sentence, technique) pairs, i.e. given that the technique is there,
    how well the highlight matches the annotated words; the whole sentence is the reference point.
    """
    from .tagger import TokenHasher, best_spans, token_features, tokenize

    unit_fold = fold_of_doc[prep.units.doc]
    train_rows = np.flatnonzero(unit_fold != fold)
    tag_w, tag_b = fit_tagger(prep.docs, prep.units, train_rows, prep.labels, tag_features)
    hasher = TokenHasher(tag_features)
    tp = pred_n = gold_n = sent_tp = sent_n = 0
    for r in np.flatnonzero(unit_fold == fold):
        doc = prep.docs[int(prep.units.doc[r])]
        if doc.language != language:
            continue
        start, end = prep.units.spans[r]
        toks = tokenize(doc.text, start, end)
        for j in np.flatnonzero(prep.units.y[r]):
            gold = np.zeros(end - start, dtype=bool)
            for s, e, label in doc.spans:
                if label == prep.labels[j]:
                    gold[max(s, start) - start : max(0, min(e, end) - start)] = True
            probs = sigmoid(np.asarray(hasher.transform(token_features(toks)) @ tag_w[:, j] + tag_b[j]).ravel())
            pred = np.zeros_like(gold)
            for s, e, _ in best_spans(toks, probs):
                pred[s - start : e - start] = True
            tp += int((pred & gold).sum())
            pred_n += int(pred.sum())
            gold_n += int(gold.sum())
            sent_tp += int(gold.sum())
            sent_n += len(gold)
    f1 = 2 * tp / max(1, pred_n + gold_n)
    sent_f1 = 2 * sent_tp / max(1, sent_n + gold_n)
    return {
        "char_f1_tagger": round(f1, 4),
        "char_f1_whole_sentence": round(sent_f1, 4),
        "mean_pred_chars_per_gold_char": round(pred_n / max(1, gold_n), 3),
    }
