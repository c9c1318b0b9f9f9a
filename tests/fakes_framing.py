"""Tiny hand-built narrative and role models over the hashing embedder, shared by tests."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from narrascope.framing.linear import LinearHead
from narrascope.framing.narrative_model import NarrativeModel, Thresholds
from narrascope.framing.role_model import RoleModel
from narrascope.framing.taxonomy import FINE_ROLES, MAIN_ROLES, Taxonomy
from narrascope.models.embeddings import HashingEmbedder

NARS = ("URW: Blame", "URW: Praise", "Other")
SUBS = ("URW: Blame: West prolongs war", "URW: Blame: Other", "URW: Praise: Army")
TAX = Taxonomy(NARS, SUBS, {s: s.rsplit(": ", 1)[0] for s in SUBS})
LABELS = [*NARS, *SUBS]


def build_narrative_model(path: Path) -> None:
    """Blame and its first sub fire on the 'prolong war weapons' sentence; everything else stays low."""
    emb = HashingEmbedder()
    cue = emb.embed(["western capitals prolong the war by sending weapons"])[0]
    w = np.zeros((len(LABELS), 2 * emb.dim), np.float32)
    for lab in ("URW: Blame", "URW: Blame: West prolongs war"):
        w[LABELS.index(lab)] = np.concatenate([cue, cue]) * 6
    bias = np.full(len(LABELS), -4.0, np.float32)
    bias[LABELS.index("Other")] = -2.0
    head = LinearHead(LABELS, w, np.zeros((len(LABELS), 16), np.float32), bias)
    model = NarrativeModel(TAX, head, np.ones(16, np.float32), Thresholds(0.3, 0.3, 0.0), None,
                           {"embedder": "hashing", "hash_dim": 16, "hash_kind": "word"})
    model.save(path)


def build_role_model(path: Path) -> None:
    """Innocent/Victim fire on the 'shelling killed civilians' sentence, Antagonist/Tyrant otherwise."""
    emb = HashingEmbedder()
    cue = emb.embed(["shelling killed civilians in kharkiv"])[0]
    n_dense = 2 * emb.dim + 5
    main_w = np.zeros((3, n_dense), np.float32)
    main_w[MAIN_ROLES.index("Innocent"), : emb.dim] = cue * 12
    main_b = np.zeros(3, np.float32)
    main_b[MAIN_ROLES.index("Antagonist")] = 4.0
    fine_w = np.zeros((len(FINE_ROLES), n_dense), np.float32)
    fine_w[FINE_ROLES.index("Victim"), : emb.dim] = cue * 12
    fine_b = np.full(len(FINE_ROLES), -3.0, np.float32)
    fine_b[FINE_ROLES.index("Tyrant")] = -1.0
    model = RoleModel(
        LinearHead(list(MAIN_ROLES), main_w, np.zeros((3, 16), np.float32), main_b),
        LinearHead(list(FINE_ROLES), fine_w, np.zeros((len(FINE_ROLES), 16), np.float32), fine_b),
        np.ones(16, np.float32), 0.9, {"embedder": "hashing", "hash_dim": 16},
    )
    model.save(path)
