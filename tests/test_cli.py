"""The command line: `gongkai redact` on a messy export, `gongkai run` and `gongkai demo`
(real pipeline passes), and --help on every command."""

from __future__ import annotations

import io
import json
import os
import re
import sqlite3
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gongkai import cli
from gongkai.cli import app

FIXTURES = Path(__file__).parent / "fixtures"
runner = CliRunner()


def _messy_export(tmp_path: Path) -> Path:
    lines = (FIXTURES / "sample-export.jsonl").read_text("utf-8").splitlines()
    good = [line for line in lines if line.strip()]
    missing_field = json.loads(good[0])
    del missing_field["decision_no"]
    missing_field["source_id"] = "missing-field"
    bad_date = json.loads(good[1])
    bad_date["decision_date"] = "2023/07/15"
    bad_date["source_id"] = "bad-date"
    content = [
        good[0],
        "",  # blank lines are ignored
        "this is not json",
        json.dumps(missing_field, ensure_ascii=False),
        good[1],
        good[1],  # a duplicate line
        json.dumps(bad_date, ensure_ascii=False),
        *good[2:],
        good[3][: len(good[3]) // 2],  # a truncated last line
    ]
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(content), encoding="utf-8")
    return path


def test_redact_writes_one_result_per_good_record_and_reports_bad_lines(tmp_path):
    export = _messy_export(tmp_path)
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["redact", str(export), "-o", str(out)])
    assert result.exit_code == 1  # some lines were bad
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    ids = [row["source_id"] for row in rows]
    assert ids == [f"synthetic-ly-2023-000{i}" for i in range(1, 9)]  # input order, no dupes
    for row in rows:
        assert set(row) >= {
            "source_id",
            "publishable",
            "withhold_reason",
            "redacted_text",
            "spans",
            "doubts",
        }
        assert isinstance(row["publishable"], bool)
        for span in row["spans"]:
            assert set(span) >= {"start", "end", "type", "replacement"}
    stderr = result.stderr
    assert f"{export}:3: not valid JSON" in stderr
    assert f"{export}:4: field 'decision_no': missing" in stderr
    assert f"{export}:7: field 'decision_date'" in stderr
    assert "duplicate line skipped" in stderr
    assert "错误行 4" in stderr  # invalid JSON, missing field, bad date, truncated line


def test_redact_output_never_holds_original_identifiers(tmp_path):
    export = FIXTURES / "sample-export.jsonl"
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["redact", str(export), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    dumped = out.read_text("utf-8")
    for line in export.read_text("utf-8").splitlines():
        record = json.loads(line)
        if record.get("party_id_number"):
            assert record["party_id_number"] not in dumped
        if record["party_type"] == "natural_person":
            assert record["party_name"] not in dumped


@pytest.mark.parametrize(
    "command",
    [
        ["redact"],
        ["demo-data"],
        ["eval"],
        ["demo"],
        ["run"],
        ["serve-flows"],
        ["db", "upgrade"],
        ["db", "current"],
    ],
)
def test_every_command_has_help(command):
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.stdout


def test_db_upgrade_creates_the_schema(tmp_path):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    assert "需要升级" in runner.invoke(app, ["db", "current", "--url", url]).stdout
    result = runner.invoke(app, ["db", "upgrade", "--url", url])
    assert result.exit_code == 0, result.output
    assert "（最新）" in runner.invoke(app, ["db", "current", "--url", url]).stdout


# --- pipeline passes: gongkai run, gongkai demo -------------------------------------------------


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh data directory for commands that run a pass. They set GONGKAI_DATA_DIR and
    Prefect's defaults in the environment: all of it is put back afterwards."""
    saved = dict(os.environ)
    for name in [k for k in os.environ if k.startswith("GONGKAI_")]:
        monkeypatch.delenv(name)
    yield tmp_path / "data"
    from gongkai.flows import _common

    _common.dispose_engines()
    os.environ.clear()
    os.environ.update(saved)


def _store(data: Path) -> dict[str, int]:
    """Decisions per state, and redaction results, in the data dir's SQLite store."""
    with sqlite3.connect(data / "gongkai.sqlite") as db:
        states = Counter(dict(db.execute("SELECT state, count(*) FROM decisions GROUP BY state")))
        states["redactions"] = db.execute("SELECT count(*) FROM redactions").fetchone()[0]
    return dict(states)


def test_demo_runs_the_pipeline_and_is_safe_to_repeat(data_dir: Path) -> None:
    first = runner.invoke(app, ["demo", "--data-dir", str(data_dir), "-n", "30", "--no-serve"])

    assert first.exit_code == 0, first.output
    export = data_dir / "export" / "export-0001.jsonl"
    assert export.is_file()
    assert sorted(p.name for p in (data_dir / "export").iterdir()) == ["export-0001.jsonl"]
    assert (data_dir / "demo" / "gold.jsonl").is_file()  # the answer key is not in the drop folder
    out = first.stdout
    assert "导入：文件 1 个，读取 30 行 = 新增 30 + 未变 0 + 新版本 0 + 隔离 0" in out
    match = re.search(r"脱敏：30 条 = 已脱敏（可公开）(\d+) \+ 不予公开 (\d+)", out)
    assert match, out
    redacted, withheld = map(int, match.groups())
    assert redacted + withheld == 30 and redacted > 0
    assert f"审核：进入审核批次 {redacted} 条" in out
    # the scores are those of the results in the store
    assert re.search(r"记录数 records\s+30\n", out)
    assert re.search(r"缺失记录 missing records\s+0\n", out)
    assert re.search(r"标识符泄露 identifier leaks\s+0\n", out)
    assert "gongkai serve-flows" in out and str(data_dir) in out
    store = _store(data_dir)
    assert store.pop("redactions") == 30
    # the demo approves what needs no human and publishes it (tests/test_demo_end_to_end.py)
    assert sum(store.values()) == 30 and store.get("published", 0) > 0
    assert set(store) <= {"in_review", "published", "withheld"}
    store["redactions"] = 30
    results = (data_dir / "demo" / "redacted.jsonl").read_text("utf-8").splitlines()
    assert len(results) == 30
    written = export.stat().st_mtime_ns

    again = runner.invoke(app, ["demo", "--data-dir", str(data_dir), "-n", "30", "--no-serve"])

    assert again.exit_code == 0, again.output
    assert "已存在且相同，未重写" in again.stdout
    assert "导入：文件 0 个，读取 0 行 = 新增 0" in again.stdout
    assert "脱敏：0 条" in again.stdout
    assert re.search(r"缺失记录 missing records\s+0\n", again.stdout)
    assert export.stat().st_mtime_ns == written
    assert _store(data_dir) == store


def test_run_prints_counts_by_outcome_with_a_progress_bar_and_as_json(data_dir: Path) -> None:
    from gongkai.store.migrate import upgrade
    from gongkai.synthetic import write_demo_data

    drop = data_dir / "export"
    write_demo_data(6, drop, seed=4)  # gold.jsonl is written there too: ingest leaves it
    with (drop / "export-0002.jsonl").open("w", encoding="utf-8") as bad:
        bad.write('{"source_id": "broken"\n')
    upgrade(f"sqlite:///{data_dir / 'gongkai.sqlite'}")
    os.environ["GONGKAI_DATA_DIR"] = str(data_dir)

    shown = runner.invoke(app, ["run", "--progress"])

    assert shown.exit_code == 0, shown.output
    assert "导入：文件 2 个，读取 7 行 = 新增 6 + 未变 0 + 新版本 0 + 隔离 1" in shown.stdout
    assert re.search(r"脱敏：6 条 = 已脱敏（可公开）\d+ \+ 不予公开 \d+", shown.stdout)
    bar = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", shown.stderr)
    assert "导入（行）" in bar and "7/7" in bar  # every line read, the quarantined one too
    assert "脱敏（条）" in bar and "6/6" in bar

    (drop / "export-0003.jsonl").write_text((drop / "export-0001.jsonl").read_text("utf-8"))
    as_json = runner.invoke(app, ["run", "--json"])

    assert as_json.exit_code == 0, as_json.output
    assert json.loads(as_json.stdout) == {
        "files": 1,
        "lines_read": 6,
        "new": 0,
        "unchanged": 6,
        "superseding": 0,
        "quarantined": 0,
        "redacted": 0,
        "withheld": 0,
        "batched": 0,
    }
    assert "脱敏（条）" not in as_json.stderr


def test_run_refuses_an_unmigrated_store(data_dir: Path) -> None:
    (data_dir / "export").mkdir(parents=True)
    os.environ["GONGKAI_DATA_DIR"] = str(data_dir)

    result = runner.invoke(app, ["run"])

    assert result.exit_code == 2
    assert "gongkai db upgrade" in result.stderr


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("option", "as_json", "terminal", "shown"),
    [
        (None, False, True, True),  # on a terminal: a bar
        (None, False, False, False),  # piped: none
        (None, True, True, False),  # --json: none, even on a terminal
        (True, True, False, True),  # --progress: asked for
        (False, False, True, False),  # --no-progress
    ],
)
def test_progress_bar_only_on_a_terminal_and_not_with_json(
    monkeypatch: pytest.MonkeyPatch, option, as_json: bool, terminal: bool, shown: bool
) -> None:
    monkeypatch.setattr("sys.stderr", _Terminal() if terminal else io.StringIO())
    assert cli._show_progress(option, as_json) is shown


@pytest.mark.parametrize("command", [["publish"], ["reredact", "--all-unpublished"]])
def test_commands_refuse_a_store_whose_schema_is_out_of_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    monkeypatch.setenv("GONGKAI_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("GONGKAI_DATABASE_URL", raising=False)
    (tmp_path / "gongkai.sqlite").write_bytes(b"")  # a store with no schema at all
    result = runner.invoke(app, command)
    assert result.exit_code == 2, result.output
    assert "数据库结构不是最新版本" in result.output
