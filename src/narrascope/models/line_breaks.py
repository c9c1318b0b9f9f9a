"""A pipe run before spaCy's parser: a line break always ends a sentence, and so does a wire dateline.

Without it the parser reads a title line and the body's first sentence as one sentence ("Talks
stall\\nThe head of the delegation, X, said …" makes "stall" … "said" one clause and the title its
subject), takes a dateline into the first clause ("MOSCOW, March 3 (Reuters) - X said …" made
"MOSCOW" the speaker), and may cut a name opening the line after a title. The parser keeps preset
boundaries.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

FACTORY = "narrascope_line_breaks"
_ENDS = (".", "!", "?", "…", ":", "”", "\"", "’", "'", ")", "]", "»")
#: A wire dateline opening a line: "MOSCOW, March 3 (Reuters) - ", "KYIV, Ukraine (AP) — ", "ISTANBUL — ".
DATELINE = re.compile(
    r"^[ \t]*[A-Z][A-Z.'\- ]{2,40}(?:,[ \t]+[A-Z][\w.'\- ]{1,30}){0,2}(?:,[ \t]+[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2})?"
    r"(?:[ \t]+\([\w .&/-]{1,30}\))?[ \t]+(?:—|–|-{1,2})[ \t]+(?=[A-Z\"“])",
    re.MULTILINE,
)


def mark_line_breaks(doc: Doc) -> Doc:
    """Set ``is_sent_start`` on the first token after every white-space token holding a line break
    and after a dateline at the start of a line; forbid a sentence start among a line's first words
    (after a title line the parser otherwise splits a name: "Dmitry | Kuleba met …")."""
    for tok in doc[:-1]:
        if tok.is_space and "\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
            for t in doc[tok.i + 1 : tok.i + 4]:  # the line's first words: "Dmitry | Kuleba met …" after a title
                if t.text.endswith(_ENDS) or t.i + 1 >= len(doc) or doc[t.i + 1].is_space:
                    break
                doc[t.i + 1].is_sent_start = False
    for m in DATELINE.finditer(doc.text):
        after = doc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
        if after is not None and after[0].idx == m.end() and after[0].i > 0:
            after[0].is_sent_start = True
    return doc


@Language.component(FACTORY)
def line_breaks(doc: Doc) -> Doc:
    return mark_line_breaks(doc)


def add_line_breaks(nlp: Language) -> None:
    """Insert the pipe before the parser (no-op for pipelines without one, or that have it)."""
    if "parser" in nlp.pipe_names and FACTORY not in nlp.pipe_names:
        nlp.add_pipe(FACTORY, before="parser")
