"""Evaluation of the ``entity`` layer: mention-level F1 against a gold file, and SemEval-2025 coverage.

Gold files are JSONL, one mention a line: ``{"file", "start", "end", "text", "entity"}`` with
offsets over the clean text. NORP mentions (nationality adjectives) are outside the gold's
scope and ignored on both sides.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..document import Article
from ..errors import InputError

IGNORED_LABELS = frozenset({"NORP"})


@dataclass
class Scores:
    """Mention-level precision, recall and F1 (a hit needs the same span and the same actor id)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


def read_gold(path: str | Path) -> dict[str, list[dict[str, Any]]]:
    """Gold mentions grouped by file name."""
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(str(path), f"cannot read gold file: {exc.strerror}") from exc
    for line in lines:
        if line.strip():
            rec = json.loads(line)
            out[rec["file"]].append(rec)
    return out


def score_gold(gold: dict[str, list[dict[str, Any]]], articles: dict[str, Article]) -> Scores:
    """Compare each article's entity annotations with the gold mentions of the same file."""
    scores = Scores()
    for name, mentions in gold.items():
        art = articles[name]
        for g in mentions:
            if art.text[g["start"] : g["end"]] != g["text"]:
                where = f"{g['start']}-{g['end']}"
                raise InputError(name, f"gold span {where} no longer reads {g['text']!r}: re-check the gold")
        want = {(g["start"], g["end"], g["entity"]) for g in mentions}
        got = {(a.start, a.end, a.attrs.get("entity_id")) for a in art.layer("entity") if a.label not in IGNORED_LABELS}
        scores.tp += len(want & got)
        scores.fp += len(got - want)
        scores.fn += len(want - got)
        for kind, items in (("missed", want - got), ("spurious", got - want)):
            for s, e, eid in sorted(items, key=lambda x: (x[0], x[1], str(x[2]))):
                scores.errors.append({"file": name, "kind": kind, "text": art.text[s:e], "start": s, "entity": eid})
    return scores


@dataclass
class Coverage:
    """How many gold entity mentions an ``entity`` annotation overlaps."""

    total: int = 0
    covered: int = 0
    skipped: int = 0
    missed: Counter[str] = field(default_factory=Counter)

    @property
    def fraction(self) -> float:
        return self.covered / self.total if self.total else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"mentions": self.total, "covered": self.covered, "fraction": round(self.fraction, 4),
                "skipped_bad_offsets": self.skipped, "most_missed": self.missed.most_common(20)}


def semeval_documents(data_dir: str | Path, lang: str = "EN") -> Iterator[tuple[str, str, list[tuple[str, int, int]]]]:
    """``(file, raw text, [(mention, start, end_exclusive)])`` from a SemEval-2025 Task 10 subtask-1 release."""
    root = Path(data_dir)
    base = root / lang if (root / lang).is_dir() else root / "train" / lang
    ann = base / "subtask-1-annotations.txt"
    if not ann.is_file():
        raise InputError(str(ann), "no subtask-1-annotations.txt: pass the semeval2025-t10 folder and a language")
    gold: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 4:
            gold[parts[0]].append((parts[1], int(parts[2]), int(parts[3]) + 1))  # end is inclusive upstream
    for name in sorted(gold):
        with open(base / "raw-documents" / name, encoding="utf-8", newline="") as fh:
            yield name, fh.read(), gold[name]


def coverage(docs: Iterable[tuple[str, Article, list[tuple[str, int, int]]]]) -> Coverage:
    """Fraction of gold mentions overlapped by at least one entity annotation (bad upstream offsets skipped)."""
    cov = Coverage()
    for _name, art, mentions in docs:
        spans = [(a.start, a.end) for a in art.layer("entity")]
        for surface, s, e in mentions:
            if art.text[s:e] != surface:
                cov.skipped += 1
                continue
            cov.total += 1
            if any(a < e and s < b for a, b in spans):
                cov.covered += 1
            else:
                cov.missed[surface] += 1
    return cov
