"""``gongkai serve-public`` and ``gongkai snapshot``: thin commands that hand off to the site's
app and to :func:`gongkai.publication.snapshot.build_snapshot`. Heavy imports stay inside the
commands so that ``gongkai --help`` stays fast. Registered in ``gongkai/cli.py``::

    from gongkai.web.site.cli import serve_public, snapshot
    app.command("serve-public")(serve_public)
    app.command("snapshot")(snapshot)
"""

from __future__ import annotations

import enum
from pathlib import Path

import typer

LOOPBACK = "127.0.0.1"
DEFAULT_PORTS = {"public": 8001, "pilot": 8002}


class ChannelName(enum.StrEnum):
    """gongkai.publication.CHANNELS again, so that building the CLI does not import SQLAlchemy."""

    PILOT = "pilot"
    PUBLIC = "public"


def serve_public(
    channel: ChannelName = typer.Option(..., "--channel", help="Which channel's site to serve."),
    port: int = typer.Option(
        None, "--port", help="Port on 127.0.0.1 (default: 8001 public, 8002 pilot)."
    ),
    url: str = typer.Option(
        None,
        "--url",
        help="Channel store URL (default: GONGKAI_<CHANNEL>_DATABASE_URL or the SQLite file).",
    ),
    base_url: str = typer.Option(
        None, "--base-url", help="The site's public address, for feeds and the sitemap."
    ),
    snapshot_dir: Path = typer.Option(
        None,
        "--snapshot-dir",
        help="Where the daily snapshot is (default: data/snapshots/<channel>).",
    ),
    allow_host: list[str] = typer.Option(
        [], "--allow-host", help="Extra host name to answer to (a reverse proxy's), repeatable."
    ),
    hsts: bool = typer.Option(False, "--hsts/--no-hsts", help="Send HSTS (behind TLS)."),
) -> None:
    """Start a channel's public site on 127.0.0.1 (plain HTTP; put a TLS proxy in front).

    The channel store's schema must be current: run `gongkai db upgrade` first.
    """
    import uvicorn

    from gongkai.publication import ChannelSchemaOutOfDate
    from gongkai.web.site.app import Settings, create_app

    settings = Settings(
        database_url=url,
        base_url=base_url,
        snapshot_dir=snapshot_dir,
        allowed_hosts=(LOOPBACK, "localhost", *allow_host),
        hsts=hsts,
    )
    try:
        web_app = create_app(channel.value, settings)
    except ChannelSchemaOutOfDate as exc:
        typer.echo(f"频道数据库结构不是最新版本，网站未启动：{exc}", err=True)
        raise typer.Exit(code=2) from None
    port = port or DEFAULT_PORTS[channel.value]
    typer.echo(f"公开网站（{channel.value}）：http://{LOOPBACK}:{port}/（Ctrl+C 停止）", err=True)
    uvicorn.run(
        web_app,
        host=LOOPBACK,
        port=port,
        log_level="info",
        server_header=False,
        proxy_headers=True,
        forwarded_allow_ips=LOOPBACK,
    )


def snapshot(
    channel: ChannelName = typer.Option(..., "--channel", help="Which channel to export."),
    out: Path = typer.Option(
        None, "--out", help="Folder for the files (default: data/snapshots/<channel>)."
    ),
    url: str = typer.Option(None, "--url", help="Channel store URL (default: as serve-public)."),
    base_url: str = typer.Option(None, "--base-url", help="Site address for the url column."),
) -> None:
    """Write the channel's full snapshot (CSV + JSON Lines + manifest.json), as the site serves
    it under /data. The daily flow calls the same function."""
    from gongkai.publication.db import open_channel, require_current_channel_schema
    from gongkai.publication.snapshot import build_snapshot
    from gongkai.web.site.settings import Settings

    target = out or Settings().resolved_snapshot_dir(channel.value)
    engine = open_channel(channel.value, url, read_only=False)
    try:
        require_current_channel_schema(engine)
        manifest = build_snapshot(engine, target, base_url=base_url)
    finally:
        engine.dispose()
    typer.echo(f"{manifest.decisions} 件决定书 → {target}（变更记录编号 {manifest.change_cursor}）")
