"""The ``gongkai`` command line. Each command's docstring is its ``--help``."""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer

from gongkai.cli_maintenance import register as register_maintenance
from gongkai.cli_publication import register as register_publication
from gongkai.reports.cli import register as register_report
from gongkai.web.review.cli import serve, user_app
from gongkai.web.site.cli import serve_public, snapshot

app = typer.Typer(
    help="Gongkai (公开): publish public-security penalty decisions safely.",
    no_args_is_help=True,
    add_completion=False,
)


@app.command()
def redact(
    export: Path = typer.Argument(
        ..., exists=True, dir_okay=False, help="An export-v1 JSONL file."
    ),
    output: Path = typer.Option(..., "-o", "--output", help="Where to write the results (JSONL)."),
) -> None:
    """Redact every decision of an export file; write one JSON result per record.

    Bad lines are reported on stderr with file, line and reason and counted; the exit code
    is 1 when any line was bad, 0 otherwise.
    """
    from gongkai.exportfile import read_export
    from gongkai.redaction.engine import Redactor

    redactor = Redactor()
    seen: set[str] = set()
    counts = {"records": 0, "publishable": 0, "withheld": 0, "bad": 0, "duplicate": 0}
    started = time.perf_counter()
    with output.open("w", encoding="utf-8") as out:
        for line in read_export(export):
            if line.record is None:
                counts["bad"] += 1
                typer.echo(f"bad line: {line.describe_error()}", err=True)
                continue
            key = line.content_hash
            if key in seen:
                counts["duplicate"] += 1
                typer.echo(f"duplicate line skipped: {line.path}:{line.line_no}", err=True)
                continue
            seen.add(key)
            result = redactor.redact(line.record)
            out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
            counts["records"] += 1
            counts["publishable" if result.publishable else "withheld"] += 1
    elapsed = time.perf_counter() - started
    typer.echo(
        f"已处理 {counts['records']} 条：可公开 {counts['publishable']}，"
        f"不予公开 {counts['withheld']}；错误行 {counts['bad']}，"
        f"重复行 {counts['duplicate']}（{elapsed:.1f} 秒）",
        err=True,
    )
    raise typer.Exit(code=1 if counts["bad"] else 0)


@app.command("demo-data")
def demo_data(
    n: int = typer.Option(1000, "-n", help="How many decisions."),
    out_dir: Path = typer.Option(Path("data/export"), "-o", "--out", help="Output folder."),
    seed: int = typer.Option(1, "--seed", help="Random seed (same seed, same data)."),
    files: int = typer.Option(1, "--files", help="Split the export over this many files."),
) -> None:
    """Write a synthetic export (with a gold file of what must go, stay and be withheld)."""
    from gongkai.synthetic import write_demo_data

    out_dir.mkdir(parents=True, exist_ok=True)
    paths, gold = write_demo_data(n, out_dir, seed, files=files)
    for path in paths:
        typer.echo(f"export: {path}")
    typer.echo(f"gold:   {gold}")


@app.command("eval")
def evaluate(
    gold: Path = typer.Argument(..., exists=True, dir_okay=False, help="Gold file (demo-data)."),
    output: Path = typer.Argument(..., exists=True, dir_okay=False, help="Output of redact."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as one JSON object."),
) -> None:
    """Score redaction output against a gold file: leaks, name recall, keep-rate, withholding."""
    from gongkai.evaluation import evaluate as run_evaluation

    report = run_evaluation(gold, output)
    typer.echo(json.dumps(report.to_dict(), ensure_ascii=False) if as_json else report.format())


def format_counts(counts: dict[str, int]) -> str:
    """A pass's counts by outcome, one line per step (ingest, redact, review batches)."""
    c = counts
    return "\n".join(
        [
            f"导入：文件 {c['files']} 个，读取 {c['lines_read']} 行"
            f" = 新增 {c['new']} + 未变 {c['unchanged']} + 新版本 {c['superseding']}"
            f" + 隔离 {c['quarantined']}",
            f"脱敏：{c['redacted'] + c['withheld']} 条"
            f" = 已脱敏（可公开）{c['redacted']} + 不予公开 {c['withheld']}",
            f"审核：进入审核批次 {c['batched']} 条",
        ]
    )


@contextmanager
def progress_display(enabled: bool) -> Iterator[Callable[[Any], None] | None]:
    """A progress bar on stderr for a pass (``None`` when not ``enabled``): export lines
    ingested, decisions redacted."""
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    console = Console(stderr=True, force_terminal=True)
    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console) as bar:
        ingest = bar.add_task("导入（行）", total=None)
        redact = bar.add_task("脱敏（条）", total=None)

        def update(progress: Any) -> None:
            bar.update(ingest, total=progress.lines_total, completed=progress.lines_done)
            bar.update(redact, total=progress.redact_total, completed=progress.redact_done)

        yield update


def _show_progress(option: bool | None, as_json: bool) -> bool:
    """``--progress``/``--no-progress`` if given; otherwise on a terminal, never with --json."""
    if option is not None:
        return option
    return not as_json and sys.stderr.isatty()


PROGRESS_OPTION = typer.Option(
    None,
    "--progress/--no-progress",
    help="Show a progress bar on stderr (default: on a terminal, not with --json).",
)


def _run_pass_or_exit(export_dir: Path | None, show_progress: bool) -> tuple[dict[str, int], float]:
    from gongkai.pipeline import run_pass
    from gongkai.store import SchemaOutOfDate

    started = time.perf_counter()
    try:
        with progress_display(show_progress) as update:
            counts = run_pass(export_dir, progress=update)
    except SchemaOutOfDate as exc:
        typer.echo(f"数据库结构不是最新版本：{exc}", err=True)
        raise typer.Exit(code=2) from None
    except FileNotFoundError as exc:
        typer.echo(f"找不到导出文件夹：{exc}", err=True)
        raise typer.Exit(code=2) from None
    return counts, time.perf_counter() - started


@app.command()
def run(
    export_dir: Path = typer.Option(
        None, "--export-dir", help="Export drop folder (default: the configured one)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the counts as one JSON object."),
    progress: bool = PROGRESS_OPTION,
) -> None:
    """One pipeline pass: ingest new export files, redact pending decisions, make review batches.

    Prints the counts by outcome: lines read = new + unchanged + new version +
    quarantined; decisions redacted or withheld; decisions put into review batches.
    """
    counts, elapsed = _run_pass_or_exit(export_dir, _show_progress(progress, as_json))
    if as_json:
        typer.echo(json.dumps(counts, ensure_ascii=False))
        return
    typer.echo(format_counts(counts))
    typer.echo(f"（用时 {elapsed:.1f} 秒）")


db_app = typer.Typer(help="The internal store (SQLite by default, PostgreSQL by URL).")
app.add_typer(db_app, name="db")

# The review app (issue 5): ``gongkai serve`` and ``gongkai user add``.
app.command()(serve)
app.add_typer(user_app, name="user")

# Publication (issue 6): channels, publish pass, overdue; the public site; the annual report.
register_publication(app)
register_maintenance(app)
app.command("serve-public")(serve_public)
app.command("snapshot")(snapshot)
register_report(app)


@db_app.command("upgrade")
def db_upgrade(
    url: str = typer.Option(
        None,
        "--url",
        help="Database URL (default: GONGKAI_DATABASE_URL or the SQLite file). Given: only"
        " that database is upgraded, not the channel stores.",
    ),
) -> None:
    """Create or migrate the schema of the store and of the channel stores (Alembic).

    The internal store first, then the pilot and public channel stores
    (GONGKAI_PILOT_DATABASE_URL / GONGKAI_PUBLIC_DATABASE_URL, else
    channel-<name>.sqlite in the data directory; created when missing).
    """
    from sqlalchemy.engine import make_url

    from gongkai.cli_publication import upgrade_channel_stores
    from gongkai.store import database_url
    from gongkai.store.migrate import upgrade

    target = url or database_url()
    revision = upgrade(target)
    shown = make_url(target).render_as_string(hide_password=True)
    typer.echo(f"数据库已升级到版本 {revision}：{shown}")
    if url is None:
        from gongkai.publication.db import CHANNELS

        upgrade_channel_stores(list(CHANNELS))


@db_app.command("current")
def db_current(
    url: str = typer.Option(None, "--url", help="Database URL (default: as for upgrade)."),
) -> None:
    """Print the schema version of the store and whether it is up to date."""
    from gongkai.store import database_url, head_revision
    from gongkai.store.migrate import current_revision

    revision = current_revision(url or database_url())
    state = "最新" if revision == head_revision() else "需要升级：运行 gongkai db upgrade"
    typer.echo(f"{revision or '（空库）'}（{state}）")


def _use_data_dir(data_dir: Path | None) -> Path:
    """Set ``GONGKAI_DATA_DIR`` (absolute) before anything reads it; return it."""
    from gongkai.store.db import DATA_DIR_ENV

    folder = Path(data_dir or os.environ.get(DATA_DIR_ENV) or "data").absolute()
    os.environ[DATA_DIR_ENV] = str(folder)
    return folder


@app.command()
def demo(
    data_dir: Path = typer.Option(
        None,
        "--data-dir",
        envvar="GONGKAI_DATA_DIR",
        show_default="data",
        help="Data directory: export folder, store (SQLite), Prefect home.",
    ),
    n: int = typer.Option(1000, "-n", help="How many synthetic decisions."),
    seed: int = typer.Option(1, "--seed", help="Random seed (same seed, same data)."),
    progress: bool = PROGRESS_OPTION,
    serve_apps: bool = typer.Option(
        True, "--serve/--no-serve", help="Serve the review app and both sites afterwards."
    ),
    review_port: int = typer.Option(8000, "--review-port", help="Review app port."),
    public_port: int = typer.Option(8001, "--public-port", help="Public site port."),
    pilot_port: int = typer.Option(8002, "--pilot-port", help="Pilot (intranet) site port."),
) -> None:
    """The main job on the embedded default, end to end (demo mode).

    Writes synthetic decisions into the export folder (<data dir>/export; the
    gold file goes to <data dir>/demo), brings the stores up to date, runs one
    ingest → redact → batch pass and scores the stored results. Then creates
    the demo logins, approves the batches the review rules let through as the
    built-in demo approver (marked 演示模式 in the audit log; batches with
    doubts stay for a human), publishes to the pilot channel, opens the public
    channel for one demo agency and publishes again. Finally serves the review
    app and both sites on 127.0.0.1 until Ctrl-C. Safe to repeat: nothing is
    written, approved or published twice.
    """
    folder = _use_data_dir(data_dir)
    from gongkai import demo as demo_steps
    from gongkai.cli_publication import upgrade_channel_stores
    from gongkai.evaluation import evaluate as run_evaluation
    from gongkai.pipeline import DEMO_DIR_NAME, export_results, write_demo_export
    from gongkai.publication.db import CHANNELS
    from gongkai.store import database_url
    from gongkai.store.migrate import upgrade

    export_dir = folder / "export"
    files = write_demo_export(folder, export_dir, n, seed)
    for path in files.exports:
        state = "已写入" if path in files.rewritten else "已存在且相同，未重写"
        typer.echo(f"演示数据：{n} 条决定书 → {path}（{state}）")
    typer.echo(f"金标准：{files.gold}（不在导出文件夹里：不会被导入）")
    url = database_url()
    typer.echo(f"数据库：{url.render_as_string(hide_password=True)}（版本 {upgrade(url)}）")
    upgrade_channel_stores(list(CHANNELS))

    counts, elapsed = _run_pass_or_exit(export_dir, _show_progress(progress, False))
    typer.echo(f"\n本次运行（{elapsed:.1f} 秒）：")
    typer.echo(format_counts(counts))

    results = folder / DEMO_DIR_NAME / "redacted.jsonl"
    stored = export_results(files.gold, results)
    typer.echo(f"\n评测（数据库中的 {stored} 条脱敏结果对照金标准）：")
    typer.echo(run_evaluation(files.gold, results).format())

    accounts = demo_steps.create_demo_accounts()
    typer.echo("\n" + demo_steps.format_approvals(demo_steps.approve_demo_batches(files.exports)))
    published = demo_steps.publish_demo()
    typer.echo(demo_steps.format_publication(published, demo_steps.channel_counts()))

    prefix = "" if folder == Path("data").absolute() else f"GONGKAI_DATA_DIR={folder} "
    typer.echo(
        "\n下一步：\n"
        f"  数据目录      {folder}\n"
        f"  导出文件夹    {export_dir}（放入新的 *.jsonl，下次运行时导入）\n"
        f"  脱敏结果      {results}（从数据库导出）\n"
        f"  再跑一遍      {prefix}gongkai run（没有新文件时什么都不做）\n"
        f"  发布          {prefix}gongkai publish（每天至少一次）\n"
        f"  定时运行      {prefix}gongkai serve-flows（Prefect 界面 http://127.0.0.1:4200）\n"
        f"  评测          gongkai eval {files.gold} {results}"
    )
    typer.echo("\n演示登录（审核系统，仅限演示）：\n" + demo_steps.format_accounts(accounts))
    if not serve_apps:
        return
    ports = {"review": review_port, "pilot": pilot_port, "public": public_port}
    try:
        servers = demo_steps.DemoServers(demo_steps.build_sites(ports))
    except demo_steps.PortInUse as exc:
        typer.echo(f"端口被占用，网站未启动：{exc}（用 --review-port 等选项换一个）", err=True)
        raise typer.Exit(code=2) from None
    typer.echo("\n正在运行（Ctrl-C 停止）：")
    for site in servers.sites:
        typer.echo(f"  {site.label.ljust(9, '　')}  {servers.urls[site.name]}")
    servers.run()
    typer.echo("已停止。")


@app.command("serve-flows")
def serve_flows(
    data_dir: Path = typer.Option(
        None,
        "--data-dir",
        envvar="GONGKAI_DATA_DIR",
        show_default="data",
        help="Data directory: export folder, store (SQLite), Prefect home.",
    ),
    port: int = typer.Option(
        None,
        "--port",
        help="Port of the Prefect server started on 127.0.0.1 when PREFECT_API_URL is not set"
        " (default: GONGKAI_PREFECT_PORT or 4200).",
    ),
    ui: bool = typer.Option(True, "--ui/--no-ui", help="Serve the Prefect UI (own server)."),
    startup_timeout: float = typer.Option(
        180.0, "--startup-timeout", help="Seconds to wait for the Prefect server to answer."
    ),
) -> None:
    """Serve the flows as Prefect deployments on cron schedules (until Ctrl-C).

    pipeline/gongkai: ingest → redact → batch, GONGKAI_SCHEDULE_PIPELINE
    (default every 15 minutes). ingest/gongkai, redact-pass/gongkai and
    review-batches/gongkai: GONGKAI_SCHEDULE_INGEST / _REDACT / _BATCH (default:
    no schedule; start them from the UI). Cron strings are read in
    GONGKAI_SCHEDULE_TIMEZONE (Asia/Shanghai).

    Uses PREFECT_API_URL when set; otherwise starts a Prefect server on
    127.0.0.1 (home <data dir>/prefect) and stops it on exit.
    """
    # Before gongkai.flows is imported (it sets Prefect's defaults from these): absolute
    # folders, as flow runs start in processes of their own.
    _use_data_dir(data_dir)
    if os.environ.get("GONGKAI_EXPORT_DIR"):
        os.environ["GONGKAI_EXPORT_DIR"] = str(Path(os.environ["GONGKAI_EXPORT_DIR"]).absolute())
    # Flow runs' logs go to the API (the UI shows them): INFO unless configured otherwise.
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO")

    from gongkai.flows import deployments
    from gongkai.flows.settings import SettingsError, load_serve_settings
    from gongkai.pipeline import prepare
    from gongkai.store import SchemaOutOfDate

    try:
        settings = load_serve_settings()
        prepare()
    except SettingsError as exc:
        typer.echo(f"设置有误：{exc}", err=True)
        raise typer.Exit(code=2) from None
    except SchemaOutOfDate as exc:
        typer.echo(f"数据库结构不是最新版本：{exc}", err=True)
        raise typer.Exit(code=2) from None

    server: deployments.LocalPrefectServer | None = None
    try:
        with deployments.sigterm_as_keyboard_interrupt():
            api_url = os.environ.get("PREFECT_API_URL")
            if api_url:
                if not deployments.api_is_healthy(api_url, timeout=10):
                    typer.echo(f"Prefect API 无法访问：PREFECT_API_URL={api_url}", err=True)
                    raise typer.Exit(code=2)
                typer.echo(f"Prefect API：{api_url}")
            else:
                home = Path(os.environ["PREFECT_HOME"])
                server = deployments.LocalPrefectServer(home, port or settings.prefect_port, ui=ui)
                server.start()  # starts up while the flows are imported
                os.environ["PREFECT_API_URL"] = server.api_url
            try:
                served = deployments.build_deployments(settings)
            except ValueError as exc:  # e.g. a cron string Prefect refuses
                typer.echo(f"设置有误：{exc}", err=True)
                raise typer.Exit(code=2) from None
            if server is not None:
                waited = server.wait_until_healthy(startup_timeout)
                typer.echo(f"Prefect 服务器已启动（{waited:.0f} 秒），停止本命令时一并停止")
                typer.echo(f"  界面  {server.url if ui else '未开启（--no-ui）'}")
                typer.echo(f"  API   {server.api_url}")
                typer.echo(f"  日志  {server.log_path}")
            names = [f"{d.flow_name}/{d.name}" for d in served]
            width = max(map(len, names))
            typer.echo("部署（Ctrl-C 停止）：")
            for spec, name in zip(deployments.deployment_specs(settings), names, strict=True):
                when = (
                    f"{spec.cron}（{settings.timezone}）"
                    if spec.cron
                    else f"无定时：在界面中启动，或 prefect deployment run '{name}'"
                )
                typer.echo(f"  {name.ljust(width)}  {when}")
            deployments.serve(served)
    except KeyboardInterrupt:
        pass
    except deployments.ServerDidNotStart as exc:
        typer.echo(f"Prefect 服务器没有启动：{exc}", err=True)
        raise typer.Exit(code=2) from None
    finally:
        if server is not None:
            signal.signal(signal.SIGTERM, signal.SIG_IGN)  # stopping already
            server.stop()
    typer.echo("已停止。")


def main() -> None:  # pragma: no cover - console entry
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
