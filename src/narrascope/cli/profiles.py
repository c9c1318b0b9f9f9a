"""``narrascope profiles``: per outlet, articles over time, narratives, techniques (and in whose
quotes), actors; ``--speakers``: the technique profile of each quoted speaker across outlets."""

from __future__ import annotations

from typing import Any

import click

from .corpus import Rows, _emit, _format_option
from .main import Context, db_option, main, pass_ctx, read_store

MIN_CONFIDENCE_HELP = (
    "Count technique spans with at least this confidence [default: [components.techniques] hide_below, "
    "what the article pages show; 0 counts every stored span]."
)


def _techniques(items: list[dict[str, Any]]) -> str:
    return ", ".join(f"{t['label']} ({t['spans']})" for t in items[:5])


def _speaker_line(s: dict[str, Any]) -> str:
    return f"{s['name']} ({s['spans']}: {_techniques(s['techniques'])})"


@main.command()
@db_option
@click.option("--outlet", help="Only this outlet.")
@click.option("--top", type=int, default=10, show_default=True, help="Top N narratives, techniques and actors.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=None, help=MIN_CONFIDENCE_HELP)
@click.option("--speakers", is_flag=True, help="Per quoted speaker (all outlets): techniques inside their quotes.")
@_format_option
@pass_ctx
def profiles(
    ctx: Context, db: str | None, outlet: str | None, top: int, min_confidence: float | None, speakers: bool, fmt: str
) -> None:
    """Per outlet: articles over time, top narratives and techniques (and whose quotes hold them), quoted actors."""
    from ..component_settings import TechniquesSettings
    from ..corpus import profiles as build
    from ..corpus.technique_profiles import technique_profiles

    settings = ctx.settings(db)
    floor = settings.options(TechniquesSettings).hide_below if min_confidence is None else min_confidence
    store = read_store(settings)
    if speakers:
        found = technique_profiles(store, floor, top)["speakers"]
        _emit(
            fmt,
            found,
            lambda: [
                {**s, "techniques": "; ".join(f"{t['label']}:{t['spans']}" for t in s["techniques"]),
                 "outlets": "; ".join(f"{k}:{v}" for k, v in s["outlets"].items())}
                for s in found
            ],
            lambda: [
                f"{s['name']}: {s['spans']} technique spans in quotes ({', '.join(s['outlets'])})\n"
                f"    {_techniques(s['techniques'])}"
                for s in found
            ] or [f"no technique spans inside attributed quotes (confidence >= {floor:g})"],
        )
        return
    result = build(store, top, outlet, floor)

    def rows() -> Rows:
        return [
            {
                **{k: v for k, v in p.items() if k != "technique_profile"},
                "narratives": "; ".join(f"{n['label']}:{n['articles']}" for n in p["narratives"]),
                "techniques": "; ".join(f"{n['label']}:{n['count']}" for n in p["techniques"]),
                "techniques_in_quotes": p["technique_profile"]["in_quotes"],
                "technique_speakers": "; ".join(
                    f"{s['name']}:{s['spans']}" for s in p["technique_profile"]["speakers"]
                ),
                "quoted_actors": "; ".join(f"{n['name']}:{n['quotes']}" for n in p["quoted_actors"]),
            }
            for p in result
        ]

    def table() -> list[str]:
        out = []
        for p in result:
            months = ", ".join(f"{k}:{v}" for k, v in p["by_month"].items())
            tp = p["technique_profile"]
            out.append(f"{p['outlet']}: {p['articles']} articles ({months or 'no dates'}; {p['undated']} undated)")
            out.append("    narratives: " + ", ".join(f"{n['label']} ({n['articles']})" for n in p["narratives"][:5]))
            out.append(
                f"    techniques (confidence >= {floor:g}; {tp['in_quotes']} of {tp['spans']} in quotes): "
                + _techniques(tp["techniques"])
            )
            if tp["speakers"]:
                out.append("    techniques in quotes of: " + "; ".join(_speaker_line(s) for s in tp["speakers"][:5]))
            out.append("    quoted: " + ", ".join(f"{n['name']} ({n['quotes']})" for n in p["quoted_actors"][:5]))
        return out

    _emit(fmt, result, rows, table)
