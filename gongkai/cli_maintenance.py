"""Maintenance commands: ``gongkai reredact``. Each command's docstring is its ``--help``.

Registered on the main app by :func:`register` (``gongkai/cli.py``)::

    from gongkai.cli_maintenance import register as register_maintenance
    register_maintenance(app)
"""

from __future__ import annotations

import getpass
import json

import typer

OUTCOME_LABELS = {
    "examined": "检查", "unchanged": "结果未变", "updated": "更新机器结果",
    "withheld": "新增不予公开规则（转为不予公开）", "reopened": "文本有变，退回更正",
    "taken_down": "其中先从公开渠道撤下", "skipped": "跳过",
}  # fmt: skip


def register(app: typer.Typer) -> None:
    """Add ``reredact`` to the main command line."""
    app.command("reredact")(reredact)


def reredact(
    source_id: list[str] = typer.Option(
        [], "--source-id", help="A decision to re-redact (repeatable)."
    ),
    all_unpublished: bool = typer.Option(
        False,
        "--all-unpublished",
        help="Every decision redacted but not published yet (redacted, in review, rejected,"
        " withheld, approved).",
    ),
    include_published: bool = typer.Option(
        False,
        "--include-published",
        help="Published decisions too: the named ones, or with --all-unpublished (or alone)"
        " every published decision. One whose text changes is reopened for correction.",
    ),
    take_down: bool = typer.Option(
        False,
        "--take-down",
        help="Hide every published decision reopened on the channels until it is approved"
        " again (one the leak guard stops is always hidden).",
    ),
    today: str = typer.Option(
        None, "--today", help="Due date of correction batches (default: today in China)."
    ),
    by: str = typer.Option(
        None, "--by", help="Who runs it, for the audit log (default: cli:<login name>)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the outcome as one JSON object."),
) -> None:
    """Re-run the current redactor on decisions redacted before, keeping human corrections.

    The machine result of each decision's current version is replaced (audited); reviewers'
    marks, unmarks and undos stay and apply on top. Decisions in review stay in their batch.
    An approved or published decision whose text would change is reopened for correction
    (a correction batch, four-eyes approval, then the publish flow writes the corrected text)
    instead of being published again unread. A new withholding rule (a minor, a confidential
    case) moves the decision to withheld. A result equal to the stored one changes nothing:
    running it twice with the same engine is a no-op. Exit 2: nothing named, or the schema
    is out of date.
    """
    from gongkai.cli_publication import exit_on_old_schema, parse_day
    from gongkai.pipeline import prepare

    if not (source_id or all_unpublished or include_published):
        typer.echo(
            "请指定决定书：--source-id ID（可重复）、--all-unpublished 或 --include-published",
            err=True,
        )
        raise typer.Exit(code=2)
    day = parse_day(today)
    actor = by or f"cli:{getpass.getuser()}"
    with exit_on_old_schema():
        prepare()
        from gongkai.flows.reredact import reredact as run

        summary = run(
            source_id,
            all_unpublished=all_unpublished,
            include_published=include_published,
            take_down=take_down,
            actor=actor,
            today=day,
        )
    if as_json:
        typer.echo(json.dumps(summary.as_dict(), ensure_ascii=False))
        return
    counts = summary.as_dict()
    for key, label in OUTCOME_LABELS.items():
        typer.echo(f"{label}：{counts[key]}")
    for sid, outcome in summary.outcomes.items():
        if outcome not in ("unchanged", "updated"):
            typer.echo(f"{sid}\t{outcome}")
