"""Readers for the SemEval-2023 Task 3 release: articles, paragraph labels and technique spans.

Paragraphs are the non-empty lines of an article, numbered by line from 1 (the shared task's
``.template`` convention). Russian span offsets in the release count each line break as two
characters (``\\r\\n``); :func:`read_spans` maps them back onto the ``\\n`` text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError

# A label typo in the English release ("Appeal_to_Fear-Prejudi-čce").
_FIXES = {"Appeal_to_Fear-Prejudi-čce": "Appeal_to_Fear-Prejudice"}
_ARTICLE = re.compile(r"^article(\d+)\.txt$")


# The 23 SemEval-2023 Task 3 technique names, in the organisers' order.
TECHNIQUES = (
    "Appeal_to_Authority",
    "Appeal_to_Popularity",
    "Appeal_to_Values",
    "Appeal_to_Fear-Prejudice",
    "Flag_Waving",
    "Causal_Oversimplification",
    "False_Dilemma-No_Choice",
    "Consequential_Oversimplification",
    "Straw_Man",
    "Red_Herring",
    "Whataboutism",
    "Slogans",
    "Appeal_to_Time",
    "Conversation_Killer",
    "Loaded_Language",
    "Repetition",
    "Exaggeration-Minimisation",
    "Obfuscation-Vagueness-Confusion",
    "Name_Calling-Labeling",
    "Doubt",
    "Guilt_by_Association",
    "Appeal_to_Hypocrisy",
    "Questioning_the_Reputation",
)


def technique_names() -> list[str]:
    """The 23 technique names, in the organisers' order."""
    return list(TECHNIQUES)


@dataclass(frozen=True)
class Paragraph:
    """One non-empty line of an article: its 1-based line number and character span."""

    number: int
    start: int
    end: int


@dataclass
class Document:
    """One article with its paragraphs, paragraph labels and technique spans (gold where known)."""

    doc_id: str
    text: str
    language: str
    paragraphs: list[Paragraph]
    labels: dict[int, set[str]] = field(default_factory=dict)
    spans: list[tuple[int, int, str]] = field(default_factory=list)


def paragraphs_of(text: str) -> list[Paragraph]:
    """Every line with non-space content, numbered by its line (from 1), trimmed of white space."""
    out = []
    pos = 0
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if stripped:
            start = pos + line.index(stripped[0])
            out.append(Paragraph(number, start, start + len(stripped)))
        pos += len(line) + 1
    return out


def read_text(path: Path) -> str:
    """An article file as UTF-8, keeping ``\\r`` so offsets hold."""
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            return fh.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read the article as UTF-8 text: {exc}") from exc


def iter_label_rows(path: Path) -> Iterator[tuple[str, int, list[str]]]:
    """``article_id<TAB>paragraph<TAB>labels`` lines (labels or a template) as ``(id, paragraph, labels)``."""
    with open(path, encoding="utf-8") as fh:
        for lineno, row in enumerate(fh, start=1):
            parts = row.rstrip("\r\n").split("\t")
            if len(parts) < 2 or not parts[0].strip():
                continue
            try:
                number = int(parts[1])
            except ValueError as exc:
                raise InputError(str(path), f"line {lineno}: paragraph number {parts[1]!r} is not an integer") from exc
            labels = parts[2].split(",") if len(parts) > 2 else []
            yield parts[0].strip(), number, [_FIXES.get(x.strip(), x.strip()) for x in labels if x.strip()]


def read_label_file(path: Path) -> dict[tuple[str, int], set[str]]:
    """Paragraph labels (or a template) keyed by ``(article_id, paragraph)``."""
    return {(aid, number): set(labels) for aid, number, labels in iter_label_rows(path)}


def _crlf_to_lf(text: str, offset: int) -> int:
    """Map an offset counted with two-character line breaks onto the ``\\n`` text."""
    pos = count = 0
    for ch in text:
        step = 2 if ch == "\n" else 1
        if count + step > offset:
            break
        count += step
        pos += 1
    return pos


def read_spans(path: Path, text: str, crlf: bool) -> list[tuple[int, int, str]]:
    """Technique spans ``(start, end, label)`` from a ``-labels-subtask-3.txt`` span file."""
    out = []
    with open(path, encoding="utf-8") as fh:
        for row in fh:
            parts = row.rstrip("\r\n").split("\t")
            if len(parts) < 4:
                continue
            start, end = int(parts[2]), int(parts[3])
            if crlf:
                start, end = _crlf_to_lf(text, start), _crlf_to_lf(text, end)
            end = min(end, len(text))
            if start < end and text[start:end].strip():
                out.append((start, end, _FIXES.get(parts[1], parts[1])))
    return out


def load_language(root: Path, language: str) -> list[Document]:
    """All training articles of one language under ``root/train/<language>``."""
    base = root / "train" / language
    art_dir = base / "train-articles-subtask-3"
    if not art_dir.is_dir():
        raise InputError(str(art_dir), "not found: pass --data pointing at the semeval2023-t3 folder")
    labels = read_label_file(base / "train-labels-subtask-3.txt")
    span_dir = base / "train-labels-subtask-3-spans"
    docs = []
    for path in sorted(art_dir.iterdir()):
        m = _ARTICLE.match(path.name)
        if not m:
            continue  # e.g. macOS "._article*.txt" resource forks in the release
        doc_id = m.group(1)
        text = read_text(path)
        paras = paragraphs_of(text)
        doc = Document(doc_id, text, language, paras)
        doc.labels = {p.number: labels.get((doc_id, p.number), set()) for p in paras}
        span_file = span_dir / f"article{doc_id}-labels-subtask-3.txt"
        if span_file.is_file():
            doc.spans = read_spans(span_file, text, crlf=language == "ru")
        docs.append(doc)
    return docs


def load_corpus(root: Path, languages: tuple[str, ...] = ("en", "ru")) -> list[Document]:
    """Training articles of several languages (English first)."""
    docs: list[Document] = []
    for language in languages:
        docs.extend(load_language(root, language))
    return docs
