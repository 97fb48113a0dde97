"""``gongkai report``: the penalty part of the annual disclosure report.

Registered on the main app by :func:`register` (``gongkai/cli.py``)::

    from gongkai.reports.cli import register as register_report
    register_report(app)
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import typer

CHINA = ZoneInfo("Asia/Shanghai")


def register(app: typer.Typer) -> None:
    """Add ``report`` to the main command line."""
    app.command("report")(report)


def _date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a YYYY-MM-DD date", param_hint=option) from None


def report(
    year: int = typer.Option(
        ..., "--year", help="The year reported (the year before is shown too)."
    ),
    agency: str = typer.Option(
        None,
        "--agency",
        help="Only this agency, as the export names it (default: the organ and every agency).",
    ),
    fmt: str = typer.Option("html", "--format", help="html, csv or md."),
    output: Path = typer.Option(
        None, "--output", "-o", help="Write to this file (default: standard output)."
    ),
    as_of: str = typer.Option(
        None, "--as-of", help="Count events up to this date (YYYY-MM-DD; default: today in China)."
    ),
    deadline_days: int = typer.Option(
        None,
        "--deadline-days",
        min=0,
        help="Publication deadline in working days (default: GONGKAI_PUBLISH_WORKING_DAYS, 7).",
    ),
    organ: str = typer.Option(
        "", "--organ", help="The organ's name for the title, e.g. 某市公安局."
    ),
) -> None:
    """The penalty part of the annual government-information disclosure report (政府信息公开条例
    arts. 49–50), from the store: decisions made, published (pilot, public), withheld by
    reason, withdrawn by reason, expired, working days from decision to publication and the
    share within the deadline; for the organ and each agency, with the year before. HTML (inline
    SVG charts, prints on A4), CSV (one row per figure) or Markdown. Read-only."""
    from gongkai.store import SchemaOutOfDate, make_engine, make_sessionmaker
    from gongkai.store import require_current_schema as check

    from .annual import annual_report
    from .facts import known_agencies
    from .render import FORMATS, render
    from .settings import SettingsError, deadline_working_days

    if fmt not in FORMATS:
        raise typer.BadParameter(f"{fmt!r}: one of {', '.join(FORMATS)}", param_hint="--format")
    if not 1900 <= year <= 9998:
        raise typer.BadParameter(f"{year}: not a year", param_hint="--year")
    now = dt.datetime.now(CHINA)
    day = _date(as_of, "--as-of") or now.date()
    if deadline_days is None:
        try:
            deadline_days = deadline_working_days()
        except SettingsError as exc:
            typer.echo(str(exc), err=True)
            raise typer.Exit(code=2) from None

    engine = make_engine(sqlite_immediate=False)
    try:
        try:
            check(engine)
        except SchemaOutOfDate as exc:
            typer.echo(f"数据库结构不是最新版本：{exc}", err=True)
            raise typer.Exit(code=2) from None
        with make_sessionmaker(engine)() as session:
            if agency is not None:
                known = known_agencies(session)
                if agency not in known:
                    listed = "、".join(known) or "（无）"
                    typer.echo(f"没有单位“{agency}”的决定书。已知单位：{listed}", err=True)
                    raise typer.Exit(code=1)
            result = annual_report(
                session, year=year, as_of=day, deadline_days=deadline_days, agency=agency
            )
    finally:
        engine.dispose()

    text = render(result, fmt, organ_name=organ, generated_at=now)
    if output is None:
        typer.echo(text, nl=False)
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    # CSV with a byte-order mark: spreadsheet programs then read the Chinese labels right.
    output.write_text(text, encoding="utf-8-sig" if fmt == "csv" else "utf-8", newline="")
    typer.echo(f"已写入 {output}", err=True)
