"""The command line: `gongkai redact` on a messy export, and --help on every command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

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
    [["redact"], ["demo-data"], ["eval"], ["demo"], ["run"], ["db", "upgrade"], ["db", "current"]],
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
