"""Label Studio round trip: export predictions as pre-annotated tasks, read corrected labels back.

Each layer becomes one ``<Labels>`` control named after the layer, so analysts correct
quotes, actors, narratives evidence or techniques side by side; ``read_labelstudio``
turns the completed annotations into spans that replace those layers in the store.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any
from xml.sax.saxutils import quoteattr

from ..document import Annotation, Article
from ..errors import InputError

DEFAULT_SKIP = {"sentence"}


def _layers(art: Article, layers: list[str] | None) -> list[Annotation]:
    return [
        a
        for a in sorted(art.annotations, key=lambda a: (a.start, a.end, a.layer))
        if (a.layer in layers if layers else a.layer not in DEFAULT_SKIP)
    ]


def task(art: Article, layers: list[str] | None = None) -> dict[str, Any]:
    """One Label Studio task: the text and metadata, with our spans as a prediction."""
    result = []
    for ann in _layers(art, layers):
        item: dict[str, Any] = {
            "id": ann.id,
            "from_name": ann.layer,
            "to_name": "text",
            "type": "labels",
            "value": {"start": ann.start, "end": ann.end, "text": art.surface(ann), "labels": [ann.label]},
        }
        score = ann.attrs.get("score")
        if isinstance(score, (int, float)):
            item["score"] = float(score)
        result.append(item)
    meta = art.meta
    return {
        "data": {
            "text": art.text,
            "article_id": art.id,
            "title": meta.get("title"),
            "source": meta.get("source"),
            "published": meta.get("published"),
            "url": meta.get("url"),
        },
        "predictions": [{"model_version": f"narrascope:{art.results.get('pipeline') or ''}", "result": result}],
    }


def write_labelstudio(articles: Iterable[Article], fh: IO[str], layers: list[str] | None = None) -> int:
    """A JSON list of tasks (Label Studio's import format), streamed; returns the number of tasks."""
    n = 0
    fh.write("[")
    for art in articles:
        fh.write(("," if n else "") + "\n" + json.dumps(task(art, layers), ensure_ascii=False))
        n += 1
    fh.write("\n]\n")
    return n


def labelstudio_config(articles: Iterable[Article], layers: list[str] | None = None) -> str:
    """The labelling interface (XML) with one ``<Labels>`` block per layer and the labels seen."""
    labels: dict[str, set[str]] = {}
    for art in articles:
        for ann in _layers(art, layers):
            labels.setdefault(ann.layer, set()).add(ann.label)
    blocks = []
    for layer in sorted(labels):
        inner = "".join(f"\n    <Label value={quoteattr(v)}/>" for v in sorted(labels[layer]))
        name = quoteattr(layer)
        blocks.append(f'  <Header value={name}/>\n  <Labels name={name} toName="text">{inner}\n  </Labels>')
    return "<View>\n" + "\n".join(blocks) + '\n  <Text name="text" value="$text"/>\n</View>\n'


def read_labelstudio(tasks: Any) -> dict[str, list[Annotation]]:
    """Corrected spans per article id from a Label Studio JSON export (latest submitted annotation wins).

    Tasks without a submitted annotation are skipped, so only reviewed articles change.
    """
    if not isinstance(tasks, list):
        raise InputError("labelstudio", "expected a JSON list of tasks (Label Studio: Export → JSON)")
    out: dict[str, list[Annotation]] = {}
    for i, item in enumerate(tasks):
        data = item.get("data") if isinstance(item, dict) else None
        if not isinstance(data, dict) or not data.get("article_id"):
            raise InputError(f"labelstudio[{i}]", "task has no data.article_id: export tasks made by narrascope")
        done = [a for a in item.get("annotations") or [] if isinstance(a, dict) and not a.get("was_cancelled")]
        if not done:
            continue
        latest = max(done, key=lambda a: str(a.get("updated_at") or a.get("created_at") or ""))
        spans = []
        for j, res in enumerate(latest.get("result") or []):
            value = res.get("value") or {}
            for label in value.get("labels") or []:
                attrs = {"source": "labelstudio", "annotator": latest.get("completed_by")}
                spans.append(
                    Annotation(
                        str(res.get("from_name")),
                        int(value["start"]),
                        int(value["end"]),
                        str(label),
                        attrs,
                        str(res.get("id") or f"ls{j}"),
                    )
                )
        out[str(data["article_id"])] = spans
    return out


def apply_corrections(article: Article, spans: list[Annotation], layers: Iterable[str] | None = None) -> Article:
    """Replace ``layers`` (default: those present in ``spans``) with the corrected spans (validated, fresh ids)."""
    for layer in sorted(set(layers) if layers is not None else {s.layer for s in spans}):
        article.remove_layer(layer)
    for s in spans:
        article.add(s.layer, s.start, s.end, s.label, **s.attrs)
    return article
