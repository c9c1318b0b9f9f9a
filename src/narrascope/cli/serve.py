"""``narrascope serve``: the dashboard and REST API over a database."""

from __future__ import annotations

import click

from .main import Context, db_option, main, pass_ctx


@main.command()
@db_option
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Interface to listen on. Beyond loopback, submissions need NARRASCOPE_TOKEN.",
)
@click.option("--port", type=int, default=8000, show_default=True)
@click.option("--components", metavar="A,B", help="Pipeline for submitted articles [default: pipeline.components].")
@pass_ctx
def serve(ctx: Context, db: str | None, host: str, port: int, components: str | None) -> None:
    """Serve the dashboard (overview, articles, actors, search) and the REST API (/docs).

    Set NARRASCOPE_TOKEN to require 'Authorization: Bearer TOKEN' for submissions; without
    it, a server bound beyond 127.0.0.1 is read-only.
    """
    import uvicorn

    from ..ingest.decode import check_settings
    from ..web import WebConfig, create_app

    settings = ctx.settings(db)
    check_settings(settings.ingest.encoding, settings.ingest.doubtful_encoding)  # submissions are read with them
    names = tuple(n.strip() for n in components.split(",") if n.strip()) if components else None
    config = WebConfig.from_env(host=host, port=port, components=names)
    if not config.loopback and not config.token:
        click.echo(f"warning: serving on {host} without NARRASCOPE_TOKEN: submissions are disabled", err=True)
    app = create_app(settings, config)
    click.echo(f"narrascope: {settings.store.url} on http://{host}:{port}/ (API docs at /docs; Ctrl-C stops)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
