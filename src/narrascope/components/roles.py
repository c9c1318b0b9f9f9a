"""Entity roles (SemEval-2025 subtask 1): a main role (Protagonist, Antagonist, Innocent)
and fine roles for each actor mention, from the mention's context."""

from __future__ import annotations

from functools import lru_cache

from ..component_settings import RolesSettings
from ..document import Article
from ..framing.annotate import annotate_roles
from ..framing.role_model import RoleModel
from ..models.embeddings import embed_batch_sentences, sentence_vectors
from ..models.shipped import shipped_model_dir
from ..registry import BatchFn, register
from ..settings import Settings


@lru_cache(maxsize=4)
def load_role_model(path: str) -> RoleModel:
    return RoleModel.load(path)


@register("roles", needs=("entity",))
def make_roles(settings: Settings) -> BatchFn:
    """Main and fine entity roles for actor mentions (attrs main_role/fine_roles on the entity)."""
    opts = settings.options(RolesSettings)
    model = load_role_model(opts.model or str(shipped_model_dir("roles")))
    embedder = str(opts.embedder or model.meta.get("embedder", "use"))
    types = set(opts.types)
    min_score = opts.min_score
    salience = model.salience if opts.salient_only else None

    def run(articles: list[Article]) -> None:
        embed_batch_sentences(articles, embedder)
        for art in articles:
            mentions = [a for a in art.layer("entity") if a.label in types or a.attrs.get("type") in types]
            if salience is not None and mentions:
                mentions = salience.select(art, mentions, art.meta.get("language"))
            if mentions:
                annotate_roles(art, model, sentence_vectors(art, embedder), mentions, min_score)
            else:
                art.roles = []

    return run
