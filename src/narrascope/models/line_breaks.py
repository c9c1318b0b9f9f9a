"""A pipe run before spaCy's parser: a line break always ends a sentence.

Without it the parser reads a title line and the body's first sentence as one sentence ("Talks
stall\\nThe head of the delegation, X, said …" makes "stall" … "said" one clause and the title its
subject), so a speaker or subject is taken across the break. The parser keeps preset boundaries.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

FACTORY = "narrascope_line_breaks"


def mark_line_breaks(doc: Doc) -> Doc:
    """Set ``is_sent_start`` on the first token after every white-space token holding a line break."""
    for tok in doc[:-1]:
        if tok.is_space and "\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
    return doc


@Language.component(FACTORY)
def line_breaks(doc: Doc) -> Doc:
    return mark_line_breaks(doc)


def add_line_breaks(nlp: Language) -> None:
    """Insert the pipe before the parser (no-op for pipelines without one, or that have it)."""
    if "parser" in nlp.pipe_names and FACTORY not in nlp.pipe_names:
        nlp.add_pipe(FACTORY, before="parser")
