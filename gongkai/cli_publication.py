"""Publication commands: ``gongkai channel open|list|upgrade``, ``gongkai publish`` and
``gongkai overdue``. Each command's docstring is its ``--help``.

Registered on the main app by :func:`register` (``gongkai/cli.py``)::

    from gongkai.cli_publication import register as register_publication
    register_publication(app)
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import typer

channel_app = typer.Typer(help="Publication channels (pilot intranet, public internet).")


def register(app: typer.Typer) -> None:
    """Add ``channel``, ``publish`` and ``overdue`` to the main command line."""
    app.add_typer(channel_app, name="channel")
    app.command("publish")(publish)
    app.command("overdue")(overdue)


@contextmanager
def exit_on_old_schema() -> Iterator[None]:
    """Exit 2 with a clear message when the internal store or a channel store is out of date."""
    from gongkai.publication.db import ChannelSchemaOutOfDate
    from gongkai.store import SchemaOutOfDate

    try:
        yield
    except SchemaOutOfDate as exc:
        typer.echo(f"数据库结构不是最新版本：{exc}", err=True)
        raise typer.Exit(code=2) from None
    except ChannelSchemaOutOfDate as exc:
        typer.echo(f"渠道库结构不是最新版本：{exc}（或运行 gongkai channel upgrade）", err=True)
        raise typer.Exit(code=2) from None


def parse_day(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a YYYY-MM-DD date") from None


def _sessions() -> Any:
    """Sessions on the internal store, its schema checked (exit 2 when out of date)."""
    from gongkai.store import (
        SchemaOutOfDate,
        make_engine,
        make_sessionmaker,
        require_current_schema,
    )

    engine = make_engine()
    try:
        require_current_schema(engine)
    except SchemaOutOfDate as exc:
        engine.dispose()
        typer.echo(f"数据库结构不是最新版本：{exc}", err=True)
        raise typer.Exit(code=2) from None
    return make_sessionmaker(engine)


def _china_today() -> dt.date:
    from zoneinfo import ZoneInfo

    return dt.datetime.now(ZoneInfo("Asia/Shanghai")).date()


@channel_app.command("open")
def channel_open(
    channel: str = typer.Argument(..., help="pilot or public."),
    agency: str = typer.Option(..., "--agency", help="The agency, as the export names it."),
    date: str = typer.Option(None, "--date", help="Open from this date (default: today)."),
    by: str = typer.Option(
        None, "--by", help="Who opens it, for the audit log (default: cli:<login name>)."
    ),
) -> None:
    """Open a channel for an agency from a date on (audited).

    From that date the publish flow copies the agency's approved and published decisions
    there, oldest first. The same opening again changes nothing; a new date replaces the old
    one.
    """
    from gongkai.store import CHANNEL_NAMES, open_channel_for

    if channel not in CHANNEL_NAMES:
        raise typer.BadParameter(f"unknown channel {channel!r} (pilot or public)")
    opens_on = parse_day(date) or _china_today()
    actor = by or f"cli:{getpass.getuser()}"
    with _sessions().begin() as session:
        opening, changed = open_channel_for(
            session, channel=channel, agency=agency, opens_on=opens_on, actor=actor
        )
        line = f"{opening.channel}：{opening.agency} 自 {opening.opens_on.isoformat()} 起开放"
    typer.echo(line + ("" if changed else "（未变）"))


@channel_app.command("list")
def channel_list(
    as_json: bool = typer.Option(False, "--json", help="Print the openings as JSON."),
) -> None:
    """List the channel openings per agency (pilot is open to every agency)."""
    from gongkai.store import channel_openings

    today = _china_today()
    with _sessions()() as session:
        rows = [
            {
                "channel": o.channel,
                "agency": o.agency,
                "opens_on": o.opens_on.isoformat(),
                "open": o.opens_on <= today,
                "source": o.source,
                "opened_by": o.opened_by,
            }
            for o in channel_openings(session)
        ]
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False))
        return
    if not rows:
        typer.echo("尚无开放记录（试点渠道对所有单位开放；互联网渠道需逐个单位开放）")
    for row in rows:
        state = "已开放" if row["open"] else "未到开放日期"
        typer.echo(
            f"{row['channel']}\t{row['agency']}\t{row['opens_on']}\t{state}"
            f"\t{row['source']}\t{row['opened_by']}"
        )


@channel_app.command("upgrade")
def channel_upgrade(
    channel: str = typer.Argument(None, help="pilot or public (default: both)."),
) -> None:
    """Create or migrate the channel stores' schema (`gongkai db upgrade` does it too).

    The stores: GONGKAI_PILOT_DATABASE_URL / GONGKAI_PUBLIC_DATABASE_URL, else
    channel-<name>.sqlite in the data directory.
    """
    from gongkai.publication.db import CHANNELS

    if channel and channel not in CHANNELS:
        raise typer.BadParameter(f"unknown channel {channel!r} (pilot or public)")
    upgrade_channel_stores([channel] if channel else list(CHANNELS))


def upgrade_channel_stores(channels: list[str]) -> None:
    """Create or migrate these channel stores (as configured), one line each; also what
    ``gongkai db upgrade`` runs after the internal store."""
    from gongkai.publication.db import (
        channel_url,
        current_channel_revision,
        open_channel,
        upgrade_channel,
    )

    for name in channels:
        url = channel_url(name)
        engine = open_channel(name, url)
        try:
            upgrade_channel(engine)
            revision = current_channel_revision(engine)
        finally:
            engine.dispose()
        shown = url.render_as_string(hide_password=True)
        typer.echo(f"{name} 渠道库已升级到版本 {revision}：{shown}")


def _require_channel_stores() -> None:
    from gongkai.publication.db import CHANNELS, open_channel, require_current_channel_schema

    for name in CHANNELS:
        engine = open_channel(name)
        try:
            require_current_channel_schema(engine)
        finally:
            engine.dispose()


PASS_LABELS = {
    "reports": "收集纠错", "leak_reports": "其中泄露", "sent_back": "退回复核",
    "withdrawn": "撤回", "withdrawn_late": "其中超过三日",
    "withheld_withdrawn": "新版本不予公开而撤回", "recovered": "补记中断遗留的渠道副本",
    "rule_withdrawals": "按渠道规则撤下",
    "expired": "公示期满撤下", "published": "新公开决定书", "pilot": "写入试点",
    "public": "写入互联网", "unchanged": "内容未变", "blocked": "泄露检查拦截",
    "excluded": "渠道规则不予公开", "expired_skipped": "已过公示期未写入互联网",
    "withheld": "无渠道可公开（不予公开）",
}  # fmt: skip


def publish(
    today: str = typer.Option(
        None, "--today", help="Act as on this date (YYYY-MM-DD; default: today in China)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the counts as one JSON object."),
) -> None:
    """One publication pass: reports, withdrawals, channel rules, expiry, publication.

    Collects readers' problem reports, withdraws changed or revoked decisions, re-checks the
    channel rules, expires what is past its publicity period, and publishes approved
    decisions (pilot at once; public where the agency is open). Run it at least daily.
    """
    from gongkai.pipeline import prepare

    day = parse_day(today)
    with exit_on_old_schema():
        prepare()
        _require_channel_stores()
        from gongkai.flows.publish import publication_pass
        from gongkai.flows.settings import local_run_settings

        with local_run_settings():
            counts = publication_pass(day)
    if as_json:
        typer.echo(json.dumps(counts, ensure_ascii=False))
        return
    for key, value in counts.items():
        typer.echo(f"{PASS_LABELS.get(key, key)}：{value}")


def overdue(
    as_json: bool = typer.Option(False, "--json", help="Print the list as JSON."),
    agency: str = typer.Option(None, "--agency", help="Only this agency."),
    today: str = typer.Option(None, "--today", help="As on this date (default: today)."),
) -> None:
    """Decisions not yet published N working days after their decision date.

    N is GONGKAI_PUBLISH_WORKING_DAYS (default 7: 国办发〔2018〕118号); oldest due first.
    """
    from gongkai.flows.settings import load_settings
    from gongkai.store import overdue as find_overdue
    from gongkai.workdays import add_working_days

    day = parse_day(today) or _china_today()
    days = load_settings().publish_working_days
    with _sessions()() as session:
        rows = find_overdue(
            session, today=day, working_days=days, add_working_days=add_working_days, agency=agency
        )
    if as_json:
        typer.echo(json.dumps([r.as_dict() for r in rows], ensure_ascii=False))
        return
    typer.echo(f"逾期未公开（决定之日起 {days} 个工作日）：{len(rows)} 份")
    for r in rows:
        typer.echo(
            f"{r.due_date.isoformat()}\t{r.source_id}\t{r.agency or ''}"
            f"\t{r.decision_date.isoformat()}\t{r.state}"
        )
