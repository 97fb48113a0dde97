"""`gongkai db upgrade` brings the channel stores up to date too, as the site's out-of-date
message says; `gongkai db upgrade --url` touches only that database; `gongkai channel
upgrade` still upgrades one channel or both."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from typer.testing import CliRunner

from gongkai.cli import app
from gongkai.publication.db import (
    CHANNELS,
    ChannelSchemaOutOfDate,
    _config,
    channel_head_revision,
    current_channel_revision,
    open_channel,
)
from gongkai.web.site.app import Settings, create_app, dispose

runner = CliRunner()


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in (
        "GONGKAI_DATABASE_URL",
        "GONGKAI_PILOT_DATABASE_URL",
        "GONGKAI_PUBLIC_DATABASE_URL",
    ):
        monkeypatch.delenv(name, raising=False)
    data = tmp_path / "data"
    monkeypatch.setenv("GONGKAI_DATA_DIR", str(data))
    return data


def _revision(channel: str) -> str | None:
    engine = open_channel(channel)
    try:
        return current_channel_revision(engine)
    finally:
        engine.dispose()


def test_db_upgrade_migrates_the_channel_stores_too(data_dir: Path, tmp_path: Path) -> None:
    # An older pilot store (first revision); no public store yet.
    engine = open_channel("pilot")
    command.upgrade(_config(engine), "c0001")
    engine.dispose()
    with pytest.raises(ChannelSchemaOutOfDate, match="Run `gongkai db upgrade`"):
        create_app("pilot", Settings(snapshot_dir=tmp_path / "snapshots"))

    result = runner.invoke(app, ["db", "upgrade"])

    assert result.exit_code == 0, result.output
    head = channel_head_revision()
    for channel in CHANNELS:
        assert _revision(channel) == head
        assert f"{channel} 渠道库已升级到版本 {head}" in result.output
        assert (data_dir / f"channel-{channel}.sqlite").is_file()
    assert "（最新）" in runner.invoke(app, ["db", "current"]).output
    site = create_app("pilot", Settings(snapshot_dir=tmp_path / "snapshots"))  # starts now
    dispose(site)

    again = runner.invoke(app, ["db", "upgrade"])
    assert again.exit_code == 0, again.output


def test_db_upgrade_with_a_url_upgrades_only_that_database(data_dir: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    result = runner.invoke(app, ["db", "upgrade", "--url", f"sqlite:///{other}"])

    assert result.exit_code == 0, result.output
    assert other.is_file()
    assert "渠道库" not in result.output
    assert list(data_dir.glob("channel-*.sqlite")) == []


def test_channel_upgrade_does_one_channel_or_both(data_dir: Path) -> None:
    one = runner.invoke(app, ["channel", "upgrade", "public"])
    assert one.exit_code == 0, one.output
    assert _revision("public") == channel_head_revision()
    assert not (data_dir / "channel-pilot.sqlite").exists()

    both = runner.invoke(app, ["channel", "upgrade"])
    assert both.exit_code == 0, both.output
    assert _revision("pilot") == channel_head_revision()

    unknown = runner.invoke(app, ["channel", "upgrade", "intranet"])
    assert unknown.exit_code == 2
