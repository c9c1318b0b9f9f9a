"""``narrascope eval events``: event detection and dating on the invented, hand-dated evaluation set."""

from __future__ import annotations

import json

import click

from .main import Context, eval_group, pass_ctx


@eval_group.command("events")
@click.option(
    "--data",
    type=click.Path(exists=True, dir_okay=False),
    help="Cases as JSON Lines [default: the shipped data/eval/events.jsonl].",
)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@pass_ctx
def eval_events(ctx: Context, data: str | None, fmt: str) -> None:
    """Precision, recall and F1 of asserted-event detection, date accuracy, modal events kept out."""
    from ..corpus.evaluate import COMPONENTS, evaluate_events, load_cases
    from ..pipeline import Pipeline

    result = evaluate_events(load_cases(data), Pipeline(ctx.settings(None), COMPONENTS).run_batch)
    if fmt == "json":
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    click.echo(
        f"{result['articles']} articles, {result['gold_events']} asserted gold events: "
        f"P {result['precision']:.3f}  R {result['recall']:.3f}  F1 {result['f1']:.3f}; "
        f"dated correctly {result['dated_correctly']}/{result['found']} ({result['date_accuracy']:.0%}); "
        f"modal events kept out of the timeline {result['modal_kept_out']}/{result['modal_events']}"
    )
    for case in result["cases"]:
        for g in case["gold"]:
            if not (g["found"] and g["dated"]):
                what = "missed" if not g["found"] else f"dated {g['date']}"
                click.echo(f"    {case['id']} {g['type']}: {what} (gold {g['gold'][0]}..{g['gold'][1]})")
        for f in case["false_alarms"]:
            click.echo(f"    {case['id']} false alarm {f['type']}: {f['text']}")
