"""The ``gongkai`` command line. Each command's docstring is its ``--help``."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import typer

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


@app.command()
def run(
    export_dir: Path = typer.Option(
        None, "--export-dir", help="Export drop folder (default: the configured one)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the counts as one JSON object."),
) -> None:
    """One pipeline pass: ingest new export files, redact pending decisions, make review batches."""
    from gongkai.pipeline import run_pass
    from gongkai.store import SchemaOutOfDate

    try:
        counts = run_pass(export_dir)
    except SchemaOutOfDate as exc:
        typer.echo(f"数据库结构不是最新版本：{exc}", err=True)
        raise typer.Exit(code=2) from None
    except FileNotFoundError as exc:
        typer.echo(f"找不到导出文件夹：{exc}", err=True)
        raise typer.Exit(code=2) from None
    if as_json:
        typer.echo(json.dumps(counts, ensure_ascii=False))
        return
    labels = {
        "files": "文件", "lines_read": "读取行", "new": "新增", "unchanged": "未变",
        "superseding": "新版本", "quarantined": "隔离", "redacted": "已脱敏",
        "withheld": "不予公开", "batched": "进入审核批次",
    }  # fmt: skip
    typer.echo("；".join(f"{labels.get(k, k)} {v}" for k, v in counts.items()))


db_app = typer.Typer(help="The internal store (SQLite by default, PostgreSQL by URL).")
app.add_typer(db_app, name="db")


@db_app.command("upgrade")
def db_upgrade(
    url: str = typer.Option(
        None, "--url", help="Database URL (default: GONGKAI_DATABASE_URL or the SQLite file)."
    ),
) -> None:
    """Create or migrate the store's schema to the current version (Alembic)."""
    from gongkai.store import database_url
    from gongkai.store.migrate import upgrade

    target = url or database_url()
    revision = upgrade(target)
    typer.echo(f"数据库已升级到版本 {revision}：{target!s}")


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


@app.command()
def demo(
    data_dir: Path = typer.Option(Path("data"), "--data-dir", help="Where demo data goes."),
    n: int = typer.Option(1000, "-n", help="How many synthetic decisions."),
) -> None:
    """The main job on the embedded default: make demo data, redact it, score the result."""
    from gongkai.evaluation import evaluate as run_evaluation
    from gongkai.exportfile import read_export
    from gongkai.redaction.engine import Redactor
    from gongkai.synthetic import write_demo_data

    export_dir = data_dir / "export"
    export_dir.mkdir(parents=True, exist_ok=True)
    paths, gold = write_demo_data(n, export_dir, seed=1)
    # the export folder is a drop folder: only export files belong there
    gold = gold.replace(data_dir / "gold.jsonl")
    output = data_dir / "redacted.jsonl"
    redactor = Redactor()
    started = time.perf_counter()
    with (
        output.open("w", encoding="utf-8") as out,
        typer.progressbar(length=n, label="脱敏中", file=sys.stderr) as progress,
    ):
        for path in paths:
            for line in read_export(path):
                if line.record is not None:
                    out.write(
                        json.dumps(redactor.redact(line.record).to_dict(), ensure_ascii=False)
                        + "\n"
                    )
                progress.update(1)
    elapsed = time.perf_counter() - started
    typer.echo(run_evaluation(gold, output).format())
    typer.echo(f"\n{n} 条决定书脱敏用时 {elapsed:.1f} 秒。")
    typer.echo(f"导出文件：{', '.join(str(p) for p in paths)}")
    typer.echo(f"脱敏结果：{output}")
    typer.echo(f"评测金标准：{gold}")


def main() -> None:  # pragma: no cover - console entry
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
