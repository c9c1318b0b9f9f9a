"""Train and cross-validate the entity-role model on the SemEval-2025 training release."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from ..models.embeddings import get_embedder
from .features import HASH_DIM, DocVectorCache, EmbeddingCache, fit_idf, hasher, tfidf
from .fit import design, fit_ovr, fit_softmax, fold_of
from .mention_context import Embed, SentenceContext
from .role_model import RoleModel, context_text, decode_role, identity_tokens, mention_dense
from .semeval import CONTEXT_LANGS, Doc, Mention, role_scores
from .taxonomy import FINE_ROLES, MAIN_ROLES


@dataclass
class RoleConfig:
    c_main: float = 3.0
    c_fine: float = 6.0
    dense_scale: float = 0.5
    identity: bool = True
    hash_dim: int = HASH_DIM
    hash_kind: str = "words"
    embedder: str = "use"
    #: Second encoder of the mention's sentence and the languages it serves ("" for none): CV in docs/FRAMING.md.
    context_encoder: str = "e5"
    context_langs: tuple[str, ...] = CONTEXT_LANGS
    context_scale: float = 2.0

    def sentence_context(self, embed: Embed | None = None) -> SentenceContext | None:
        if not self.context_encoder:
            return None
        dim = int(getattr(get_embedder(self.context_encoder), "dim", 384))
        return SentenceContext(self.context_encoder, self.context_langs, dim, self.context_scale, embed)


@dataclass
class MentionFeatures:
    dense: np.ndarray
    contexts: list[str]
    mentions: list[Mention]
    doc_index: list[int]


def sentence_of(spans: Sequence[tuple[int, int]], start: int) -> int:
    """Index of the sentence that contains (or precedes) ``start``."""
    starts = [a for a, _ in spans]
    return max(0, bisect_right(starts, start) - 1)


def training_context(cfg: RoleConfig, cache: EmbeddingCache) -> SentenceContext | None:
    """The config's sentence context, its vectors kept on disk beside the sentence cache."""
    ctx = cfg.sentence_context()
    if ctx is None or cache.dir is None:
        return ctx
    disk = DocVectorCache(cache.dir.parent / f"{ctx.encoder}sent", ctx.encoder)
    return cfg.sentence_context(disk.get_many)


def featurise_mentions(docs: Sequence[Doc], cache: EmbeddingCache,
                       mentions: Sequence[Sequence[Mention]] | None = None, identity: bool = True,
                       context: SentenceContext | None = None) -> MentionFeatures:
    """Features of the gold mentions of ``docs`` (or of the given per-doc mention lists);
    ``identity`` adds the mention's identity tokens (:func:`identity_tokens`), ``context`` the
    second encoder's vector of the mention's sentence."""
    dense, contexts, out, owner, sentences = [], [], [], [], []
    for i, doc in enumerate(docs):
        ms = list(mentions[i]) if mentions is not None else doc.mentions
        if not ms:
            continue
        sc = cache.get(doc.text)
        vecs = sc.vectors if len(sc.vectors) else np.zeros((1, 512), np.float32)
        doc_vec = vecs.mean(axis=0)
        doc_vec = doc_vec / (np.linalg.norm(doc_vec) or 1.0)
        for m in ms:
            j = sentence_of(sc.spans, m.start) if sc.spans else 0
            dense.append(mention_dense(vecs[min(j, len(vecs) - 1)], doc_vec, doc.lang))
            a, b = sc.spans[min(j, len(sc.spans) - 1)] if sc.spans else (0, len(doc.text))
            sentences.append(doc.text[a:b])
            ctx = context_text(doc.text, m.start, m.end)
            contexts.append(f"{ctx} {identity_tokens(doc.text[m.start:m.end], doc.lang)}" if identity else ctx)
            out.append(m)
            owner.append(i)
    arr = np.vstack(dense) if dense else np.zeros((0, 1029), np.float32)
    if context is not None:
        arr = np.hstack([arr, context.vectors(sentences, [docs[i].lang for i in owner])])
    return MentionFeatures(arr, contexts, out, owner)


def fit_roles(feats: MentionFeatures, cfg: RoleConfig, rows: Sequence[int] | None = None,
              second: float = 0.5) -> RoleModel:
    rows = list(range(len(feats.mentions))) if rows is None else list(rows)
    counts = hasher(cfg.hash_dim, cfg.hash_kind).transform([feats.contexts[i] for i in rows])
    idf = fit_idf(counts)
    x = design(feats.dense[rows], tfidf(counts, idf), cfg.dense_scale)
    n_dense = feats.dense.shape[1]
    y_main = np.array([MAIN_ROLES.index(feats.mentions[i].main_role) for i in rows])
    y_fine = np.zeros((len(rows), len(FINE_ROLES)), dtype=np.int8)
    for r, i in enumerate(rows):
        for role in feats.mentions[i].fine_roles:
            if role in FINE_ROLES:
                y_fine[r, FINE_ROLES.index(role)] = 1
    main = fit_softmax(x, y_main, MAIN_ROLES, n_dense, cfg.dense_scale, cfg.c_main)
    fine = fit_ovr(x, y_fine, FINE_ROLES, n_dense, cfg.dense_scale, cfg.c_fine)
    meta = {"embedder": cfg.embedder, "hash_dim": cfg.hash_dim, "hash_kind": cfg.hash_kind,
            "dense_scale": cfg.dense_scale, "identity": cfg.identity}
    ctx = cfg.sentence_context()
    if ctx is not None:
        meta.update(ctx.meta())
    return RoleModel(main, fine, idf, second, meta)


def valid_mentions(feats: MentionFeatures) -> list[int]:
    return [i for i, m in enumerate(feats.mentions) if m.main_role in MAIN_ROLES]


def cross_validate_roles(docs: Sequence[Doc], feats: MentionFeatures, cfg: RoleConfig, folds: int = 5,
                         log: Callable[[str], None] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Out-of-fold main-role and fine-role probabilities for every mention."""
    fold = np.array([fold_of(docs[feats.doc_index[i]].group, folds) for i in range(len(feats.mentions))])
    rows = np.array(valid_mentions(feats))
    main_p = np.zeros((len(feats.mentions), len(MAIN_ROLES)), np.float32)
    fine_p = np.zeros((len(feats.mentions), len(FINE_ROLES)), np.float32)
    for k in range(folds):
        train = [int(i) for i in rows if fold[i] != k]
        test = [i for i in range(len(feats.mentions)) if fold[i] == k]
        model = fit_roles(feats, cfg, train)
        mp, fp = model.probabilities(feats.dense[test], [feats.contexts[i] for i in test])
        main_p[test], fine_p[test] = mp, fp
        if log:
            log(f"roles fold {k + 1}/{folds} done")
    return main_p, fine_p


def decode_roles(main_p: np.ndarray, fine_p: np.ndarray, second: float) -> list[Mention]:
    out = []
    for i in range(len(main_p)):
        p = decode_role(list(MAIN_ROLES), list(FINE_ROLES), main_p[i], fine_p[i], second)
        out.append(Mention("", "", 0, 1, p.main_role, p.fine_roles))
    return out


def evaluate_roles(feats: MentionFeatures, preds: Sequence[Mention], rows: Sequence[int]) -> dict[str, float]:
    return {**role_scores([feats.mentions[i] for i in rows], [preds[i] for i in rows]), "n": len(rows)}
