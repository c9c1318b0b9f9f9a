"""The root command group, shared options and the ``train``/``eval``/``predict`` groups."""

from __future__ import annotations

import sys
from typing import Any

import click

from ..errors import NarrascopeError
from ..settings import Settings
from ..version import __version__


class Context:
    """Per-invocation state: the settings built from defaults, user file and flags."""

    def __init__(self, config: str | None, overrides: dict[str, Any]) -> None:
        self._config = config
        self._overrides = overrides
        self._settings: Settings | None = None

    def settings(self, db: str | None = None, **more: Any) -> Settings:
        """The settings object, with command-specific overrides (dotted keys) applied."""
        if self._settings is None:
            self._settings = Settings.load(self._config, self._overrides)
        if db:
            more["store.url"] = db_url(db)
        return self._settings.with_overrides(more) if more else self._settings


pass_ctx = click.make_pass_decorator(Context)


class Group(click.Group):
    """A group that turns library errors into one clean line and exit code 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except NarrascopeError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(2)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="narrascope")
@click.option("--config", type=click.Path(dir_okay=False), help="Settings file (TOML) on top of the defaults.")
@click.pass_context
def main(ctx: click.Context, config: str | None) -> None:
    """narrascope: who says what, and how it is framed, in conflict news coverage.

    Analyse articles into clean text with evidence spans (sentences, dates, actors,
    quotes, narratives, techniques), store them, and query the corpus.
    """
    ctx.obj = Context(config, {})


def db_option(func: Any) -> Any:
    """The ``--db URL`` option every command that touches the store takes."""
    return click.option(
        "--db",
        "db",
        metavar="URL",
        default=None,
        help="Database: SQLAlchemy URL or SQLite file [default: narrascope.db].",
    )(func)


def read_store(settings: Any) -> Any:
    """The store for a command that only reads: a SQLite file that does not exist is a usage error
    (a mistyped ``--db`` would otherwise create an empty database and report nothing)."""
    from pathlib import Path

    from ..store import open_store

    url = str(settings.store.url)
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        path = Path(url.removeprefix("sqlite:///").split("?", 1)[0])
        if not path.exists():
            raise click.UsageError(f"no database at {path}: check --db, or store articles with `narrascope analyze`")
    return open_store(settings)


def db_url(value: str) -> str:
    """Accept a SQLAlchemy URL or a bare SQLite file path."""
    return value if "://" in value else f"sqlite:///{value}"


@main.group("train")
def train_group() -> None:
    """Train a shipped model from the shared-task data."""


@main.group("eval")
def eval_group() -> None:
    """Evaluate a component against annotated data (cross-validated where it trains)."""


@main.group("predict")
def predict_group() -> None:
    """Write predictions in a shared task's submission format."""
