"""Paragraph-level predictions in the SemEval-2023 Task 3 submission format.

For each template row ``article_id<TAB>paragraph_no[<TAB>...]`` the output row is
``article_id<TAB>paragraph_no<TAB>technique,technique,...`` (paragraph = line number of the article).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np

from ..document import Article
from ..errors import InputError
from ..models.embeddings import embed_batch_sentences, sentence_vectors
from .data import iter_label_rows
from .model import TechniqueModel
from .training import split_sentences


def read_template(path: Path) -> list[tuple[str, int]]:
    """``(article_id, paragraph_no)`` rows of a template (or gold) file, in file order."""
    return [(aid, number) for aid, number, _ in iter_label_rows(path)]


def find_article(docs: Path, article_id: str) -> Path:
    """``article<ID>.txt`` (the release's naming) or ``<ID>.txt`` in ``docs``."""
    for name in (f"article{article_id}.txt", f"{article_id}.txt"):
        if (docs / name).is_file():
            return docs / name
    raise InputError(str(docs), f"no article{article_id}.txt for template id {article_id}: check --docs")


def paragraph_scores(article: Article, model: TechniqueModel, vectors: np.ndarray | None) -> dict[int, np.ndarray]:
    """Max sentence score per technique for each paragraph (line number, from 1)."""
    sentences = article.layer("sentence")
    scores = model.sentence_scores(article.text, [(s.start, s.end) for s in sentences], vectors)
    out: dict[int, np.ndarray] = {}
    for sent, row in zip(sentences, scores, strict=True):
        line = article.text.count("\n", 0, sent.start) + 1
        out[line] = np.maximum(out[line], row) if line in out else row
    return out


def predict_template(
    model: TechniqueModel, docs: Path, template: Path, language: str = "en", log: Callable[[str], None] | None = None
) -> list[str]:
    """Submission lines for every template row (techniques in the official label order)."""
    from .data import Document, paragraphs_of, read_text

    rows = read_template(template)
    ids = list(dict.fromkeys(a for a, _ in rows))
    texts = {a: read_text(find_article(docs, a)) for a in ids}
    corpus = [Document(a, texts[a], language, paragraphs_of(texts[a])) for a in ids]
    if log:
        log(f"{len(ids)} articles, {len(rows)} paragraphs; analysing ...")
    articles = [Article(d.text, meta={"language": language}) for d in corpus]
    for art, sents in zip(articles, split_sentences(corpus), strict=True):
        for start, end in sents:
            art.add("sentence", start, end, "sentence")
    if model.embed_dim and model.embedder:
        embed_batch_sentences(articles, model.embedder)
    thresholds = model.threshold(language)
    by_id: dict[str, dict[int, np.ndarray]] = {}
    for a, art in zip(ids, articles, strict=True):
        vectors = sentence_vectors(art, model.embedder) if model.embed_dim and model.embedder else None
        by_id[a] = paragraph_scores(art, model, vectors)
    lines = []
    for a, number in rows:
        score = by_id[a].get(number)
        labels = [] if score is None else [model.labels[j] for j in np.flatnonzero(score >= thresholds)]
        lines.append(f"{a}\t{number}\t{','.join(labels)}")
    return lines
