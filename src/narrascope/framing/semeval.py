"""SemEval-2025 Task 10 file formats and the official metrics.

Subtask 1 lines: ``article_id, mention, start, end, main_role, fine_role...`` (tab-separated,
``end`` *inclusive*). Subtask 2: ``article_id, narratives (;-joined), sub-narratives (;-joined)``.
Subtask 3: ``article_id, dominant narrative, dominant sub-narrative, explanation``.
Documents are read with ``newline=''`` so that offsets into them hold.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

LANGUAGES = ("EN", "BG", "PT", "RU", "HI")
#: The languages whose role features get the e5 vector of the mention's sentence by default: USE does
#: not read BG or HI and RU gains under CV too; for EN and PT it costs e5's time on every salient
#: mention's sentence in ``analyze`` (docs/FRAMING.md, "Roles: the e5 sentence vector").
CONTEXT_LANGS = ("bg", "hi", "ru")

#: Articles the release ships twice (identical texts): kept in the same CV fold.
DUPLICATES = {"EN_UA_300050.txt": "EN_UA_104569.txt", "EN_UA_101996.txt": "EN_UA_000923.txt",
              "EN_UA_103251.txt": "EN_UA_001032.txt"}


@dataclass
class Mention:
    """One subtask-1 entity mention; ``end`` is exclusive here (the file's end + 1)."""

    article_id: str
    text: str
    start: int
    end: int
    main_role: str = ""
    fine_roles: list[str] = field(default_factory=list)


@dataclass
class Doc:
    """One shared-task article with its gold labels (empty when unannotated)."""

    article_id: str
    text: str
    lang: str = "EN"
    narratives: list[str] = field(default_factory=list)
    subnarratives: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    dominant: tuple[str, str, str] | None = None  # narrative, sub-narrative, explanation

    @property
    def domain(self) -> str | None:
        """``CC``/``URW``: from the release's file name (``EN_CC_``, ``A7_URW_BG_``, ``RU-URW-``, ...),
        else from the gold labels' common prefix (most BG, PT and all HI names carry no domain);
        ``None`` when neither tells (an unlabelled or Other-only article without one in its name)."""
        name = self.article_id.replace("-", "_")
        if "_CC_" in name:
            return "CC"
        if any(tag in name for tag in ("_UA_", "_RU_", "_URW_")):
            return "URW"
        prefixes = {lab.split(":", 1)[0] for lab in self.narratives if ":" in lab}
        return prefixes.pop() if len(prefixes) == 1 and prefixes <= {"CC", "URW"} else None

    @property
    def group(self) -> str:
        """CV grouping key: duplicate articles share one."""
        return DUPLICATES.get(self.article_id, self.article_id)


def read_text(path: Path) -> str:
    with path.open(encoding="utf-8", newline="") as fh:
        return fh.read()


def read_docs(docs_dir: str | Path, lang: str = "EN") -> list[Doc]:
    """Every ``*.txt`` in a ``raw-documents`` folder, sorted by name."""
    return [Doc(p.name, read_text(p), lang) for p in sorted(Path(docs_dir).glob("*.txt"))]


def _rows(path: Path) -> Iterable[list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        for line in fh:
            line = line.rstrip("\r\n")
            if line.strip():
                yield line.split("\t")


def split_labels(field_text: str) -> list[str]:
    """``a;b;a`` -> ``[a, b]`` (order kept, duplicates and blanks dropped)."""
    out: list[str] = []
    for part in field_text.split(";"):
        part = part.strip()
        if part and part not in out:
            out.append(part)
    return out


def read_subtask2(path: str | Path) -> dict[str, tuple[list[str], list[str]]]:
    out = {}
    for row in _rows(Path(path)):
        out[row[0]] = (split_labels(row[1]) if len(row) > 1 else [], split_labels(row[2]) if len(row) > 2 else [])
    return out


def read_subtask1(path: str | Path, with_roles: bool = True) -> list[Mention]:
    """Mentions of a subtask-1 file (roles optional: a mentions-only file has four columns)."""
    out = []
    for row in _rows(Path(path)):
        main = row[4] if with_roles and len(row) > 4 else ""
        fine = [r.strip() for r in row[5:] if r.strip()] if with_roles else []
        out.append(Mention(row[0], row[1], int(row[2]), int(row[3]) + 1, main, fine))
    return out


def read_subtask3(path: str | Path) -> dict[str, tuple[str, str, str]]:
    out = {}
    for row in _rows(Path(path)):
        row = [*row, "", "", ""]
        out[row[0]] = (row[1], row[2], row[3])
    return out


def load_split(data_dir: str | Path, lang: str) -> list[Doc]:
    """One language of the training release; mentions whose offsets do not match the text are dropped."""
    root = Path(data_dir) / lang
    docs = read_docs(root / "raw-documents", lang)
    by_id = {d.article_id: d for d in docs}
    st2 = root / "subtask-2-annotations.txt"
    if st2.is_file():
        for aid, (nars, subs) in read_subtask2(st2).items():
            if aid in by_id:
                by_id[aid].narratives, by_id[aid].subnarratives = nars, subs
    st1 = root / "subtask-1-annotations.txt"
    if st1.is_file():
        for m in read_subtask1(st1):
            doc = by_id.get(m.article_id)
            if doc is not None and doc.text[m.start : m.end] == m.text:
                doc.mentions.append(m)
    st3 = root / "subtask-3-annotations.txt"
    if st3.is_file():
        for aid, dom in read_subtask3(st3).items():
            if aid in by_id:
                by_id[aid].dominant = dom
    return docs


def load_release(data_dir: str | Path, langs: Sequence[str] = LANGUAGES) -> list[Doc]:
    """The training release (``DIR`` may be the release root or its ``train/`` folder)."""
    root = Path(data_dir)
    if (root / "train").is_dir():
        root = root / "train"
    docs: list[Doc] = []
    for lang in langs:
        if (root / lang).is_dir():
            docs.extend(load_split(root, lang))
    return docs


def format_subtask1(article_id: str, m: Mention) -> str:
    return "\t".join([article_id, m.text, str(m.start), str(m.end - 1), m.main_role, *m.fine_roles])


def format_subtask2(article_id: str, narratives: Sequence[str], subnarratives: Sequence[str]) -> str:
    return "\t".join([article_id, ";".join(narratives), ";".join(subnarratives)])


def format_subtask3(article_id: str, explanation: str) -> str:
    return "\t".join([article_id, " ".join(explanation.split())])


def write_lines(path: str | Path, lines: Iterable[str]) -> None:
    with Path(path).open("w", encoding="utf-8", newline="\n") as fh:
        for line in lines:
            fh.write(line + "\n")


# ---------------------------------------------------------------- metrics


def sample_f1(gold: Sequence[Iterable[str]], pred: Sequence[Iterable[str]]) -> float:
    """Per-article F1 of label sets, averaged over articles (sklearn ``average='samples'``;
    an article with empty gold and empty prediction counts 1)."""
    if len(gold) != len(pred):
        raise ValueError("gold and predictions must cover the same articles")
    if not gold:
        return 0.0
    total = 0.0
    for g_raw, p_raw in zip(gold, pred, strict=True):
        g, p = set(g_raw), set(p_raw)
        total += 1.0 if not g and not p else 2 * len(g & p) / (len(g) + len(p))
    return total / len(gold)


def role_scores(gold: Sequence[Mention], pred: Sequence[Mention]) -> dict[str, float]:
    """Subtask-1 metrics over aligned mentions: exact-match ratio of fine-role sets (the
    official ranking metric), main-role accuracy, and micro P/R/F1 over fine roles."""
    if len(gold) != len(pred):
        raise ValueError("gold and predicted mentions must be aligned")
    n = len(gold) or 1
    emr = sum(set(g.fine_roles) == set(p.fine_roles) for g, p in zip(gold, pred, strict=True)) / n
    main = sum(g.main_role == p.main_role for g, p in zip(gold, pred, strict=True)) / n
    tp = sum(len(set(g.fine_roles) & set(p.fine_roles)) for g, p in zip(gold, pred, strict=True))
    n_pred = sum(len(set(p.fine_roles)) for p in pred)
    n_gold = sum(len(set(g.fine_roles)) for g in gold)
    prec = tp / n_pred if n_pred else 0.0
    rec = tp / n_gold if n_gold else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"emr": emr, "main_accuracy": main, "fine_precision": prec, "fine_recall": rec, "fine_micro_f1": f1}
