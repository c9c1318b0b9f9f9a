"""MODEL_CARD.md for the shipped technique model, written from the cross-validated reports."""

from __future__ import annotations

from pathlib import Path

from .evaluation import Report
from .model import TechniqueModel

_HEAD = """# techniques: SemEval-2023 Task 3 persuasion techniques

Rebuilt by `narrascope train techniques --data ../shared/data/semeval2023-t3{embedder_flag}`.
Evaluated by `narrascope eval semeval2023 --data ../shared/data/semeval2023-t3 --lang en --folds 5 --baseline`
(figures below include the cue lexicon; the learned model alone is under "Reference points").

**Licence caveat:** trained on the SemEval-2023 Task 3 training release (English and Russian),
which its organisers license for research use only. Use these weights for research; they are
derived from third-party texts that may not be redistributed (no text is stored here).

## What it is
- Sentence classifier: one-vs-rest logistic regression over hashed word 1–2-grams and character
  3–5-grams ({n_features} hashed dimensions) plus sentence embeddings from `{embedder}` ({embed} dims).
  A sentence is labelled with every technique whose gold span overlaps it; a paragraph takes the
  maximum over its sentences.
- Token tagger: per-technique logistic regression over hashed token-context features
  ({tag_features} dims), trained on the sentences containing that technique; it marks the words of
  a flagged sentence that carry the technique, so highlights are phrases rather than sentences.
- Cue lexicon (`techniques/lexicon.py`, hand-written from the technique definitions, not mined from
  articles): a few conflict-coverage cues ("<Name> regime", "Western-sponsored president",
  "unsubstantiated claims", "fanning the flames") that the training release barely contains. A cue
  raises its sentence's score to {lexicon_weight} and is the highlight; its effect on the figures is below.
- Thresholds: per technique and language, tuned for paragraph micro-F1 on out-of-fold scores.
  A threshold above 1 means the technique is never predicted for that language (e.g. the four
  techniques that only the Russian release annotates are off for English).
- Weights: float16 in `weights.safetensors`; settings, labels and thresholds in `config.json`.

## Data
{n_docs} training articles (446 English, 143 Russian). Russian span offsets in the release count
line breaks as two characters; they are mapped back before training.

## Cross-validated figures ({folds}-fold, folds by article; thresholds of each fold tuned on the others)
"""


def _table(report: Report) -> list[str]:
    lines = ["| technique | P | R | F1 | gold paragraphs |", "|---|---:|---:|---:|---:|"]
    for label, row in report.per_label.items():
        if row["support"] or row["predicted"]:
            lines.append(
                f"| {label} | {row['precision']:.3f} | {row['recall']:.3f} | {row['f1']:.3f} | {int(row['support'])} |"
            )
    return lines


def write_card(directory: Path, model: TechniqueModel, reports: dict[str, Report], extra: str = "") -> None:
    """Write ``MODEL_CARD.md`` beside the weights."""
    text = _HEAD.format(
        lexicon_weight=model.lexicon_weight,
        n_features=model.features.n_features,
        embed=model.embed_dim,
        embedder=model.embedder or "none",
        embedder_flag="" if model.embedder in (None, "use") else f" --embedder {model.embedder}",
        tag_features=model.tag_w.shape[0],
        n_docs=model.meta.get("training_articles", "?"),
        folds=model.meta.get("folds", "?"),
    )
    parts = [text]
    for language, report in reports.items():
        parts.append(
            f"### {language}: paragraph micro-F1 {report.micro_f1:.3f} (P {report.micro_p:.3f}, "
            f"R {report.micro_r:.3f}), macro-F1 {report.macro_f1:.3f}, {report.paragraphs} paragraphs\n"
        )
        parts.append("\n".join(_table(report)) + "\n")
    if extra:
        parts.append(extra)
    (directory / "MODEL_CARD.md").write_text("\n".join(parts), encoding="utf-8")


def comparison_section(
    baseline: Report, localisation: dict[str, float], without_lexicon: float, language: str = "en"
) -> str:
    """The card's reference points: a TF-IDF baseline under the same folds, and span tightness."""
    return (
        f"## Reference points ({language})\n"
        f"- The learned model alone (no hand-written cues): paragraph micro-F1 {without_lexicon:.3f}.\n"
        f"- Plain TF-IDF (word 1–2-grams) + logistic regression per technique on {language} paragraphs, "
        f"threshold 0.5, same folds: paragraph micro-F1 {baseline.micro_f1:.3f} "
        f"(P {baseline.micro_p:.3f}, R {baseline.micro_r:.3f}).\n"
        f"- Span localisation on the first held-out fold, given the technique is in the sentence: character F1 "
        f"of the tagger's highlights {localisation['char_f1_tagger']:.3f} against "
        f"{localisation['char_f1_whole_sentence']:.3f} for highlighting the whole sentence; highlights cover "
        f"{localisation['mean_pred_chars_per_gold_char']:.2f} characters per gold character.\n"
        "- Reproduce: `narrascope eval semeval2023 --data ../shared/data/semeval2023-t3 --lang en --baseline "
        "--localisation`.\n"
    )
