"""Publication on a schedule: the publication pass and the daily snapshot are deployments of
``gongkai serve-flows`` (hourly and daily by default, each a ``GONGKAI_SCHEDULE_*`` setting),
and the snapshot flow writes each channel's snapshot where the public site serves it from
(real flow runs, SQLite channel stores)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy.orm import sessionmaker

from gongkai.flows.deployments import FLOWS, deployment_specs, load_flow
from gongkai.flows.publish import dispose_channel_engines, write_snapshots
from gongkai.flows.settings import DEFAULT_SCHEDULES, ServeSettings, SettingsError
from gongkai.publication import PublicDecision, publish
from gongkai.publication.db import ChannelSchemaOutOfDate, open_channel, upgrade_channel
from gongkai.publication.snapshot import read_manifest

NOW = dt.datetime(2026, 1, 5, 8, 0, tzinfo=dt.UTC)


def test_the_publication_pass_and_the_snapshot_are_scheduled_by_default() -> None:
    specs = {s.key: s for s in deployment_specs(ServeSettings.from_env({}))}

    assert specs["publication"].flow == "gongkai.flows.publish:publication_pass"
    assert specs["publication"].cron == "10 * * * *"  # hourly: withdrawals due within 3 days
    assert specs["snapshot"].flow == "gongkai.flows.publish:write_snapshots"
    assert specs["snapshot"].cron == "30 2 * * *"  # daily
    assert set(FLOWS) == set(DEFAULT_SCHEDULES)
    assert load_flow(FLOWS["publication"]).name == "publication"
    assert load_flow(FLOWS["snapshot"]).name == "snapshot"


def test_their_schedules_are_settings() -> None:
    settings = ServeSettings.from_env(
        {"GONGKAI_SCHEDULE_PUBLICATION": "0 1 * * *", "GONGKAI_SCHEDULE_SNAPSHOT": "off"}
    )

    assert settings.schedules["publication"] == "0 1 * * *"
    assert settings.schedules["snapshot"] is None
    with pytest.raises(SettingsError, match="GONGKAI_SCHEDULE_PUBLICATION"):
        ServeSettings.from_env({"GONGKAI_SCHEDULE_PUBLICATION": "hourly"})


def _decision(source_id: str) -> PublicDecision:
    return PublicDecision(
        source_id=source_id,
        decision_no=f"南公（{source_id}）行罚决字[2025]第1号",
        agency="南宁市公安局交通警察支队",
        decision_date=dt.date(2025, 3, 2),
        violation_type="超速行驶",
        legal_basis="《中华人民共和国道路交通安全法》第九十九条第一款第（四）项",
        law="道路交通安全法",
        penalty_types=("罚款",),
        fine_amount_fen=20000,
        redacted_text=f"违法行为人张某超速行驶（{source_id}）。",
    )


def _channel_store(path: Path, *items: PublicDecision) -> str:
    url = f"sqlite:///{path}"
    engine = open_channel("public", url)
    try:
        upgrade_channel(engine)
        with sessionmaker(engine).begin() as session:
            for item in items:
                publish(session, item, now=NOW)
    finally:
        engine.dispose()
    return url


@pytest.fixture
def channel_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    for name in ("GONGKAI_DATABASE_URL", "GONGKAI_PILOT_BASE_URL", "GONGKAI_PUBLIC_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    data = tmp_path / "data"
    monkeypatch.setenv("GONGKAI_DATA_DIR", str(data))

    def point(channel: str, url: str) -> None:
        monkeypatch.setenv(f"GONGKAI_{channel.upper()}_DATABASE_URL", url)

    yield data, point
    dispose_channel_engines()


def test_the_snapshot_flow_writes_each_channel_where_the_site_serves_it(
    tmp_path: Path, channel_env, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, point = channel_env
    point("pilot", _channel_store(tmp_path / "pilot.sqlite", *map(_decision, ("a", "b", "c"))))
    point("public", _channel_store(tmp_path / "public.sqlite", _decision("a")))
    monkeypatch.setenv("GONGKAI_PUBLIC_BASE_URL", "https://gongkai.example.gov.cn/")

    assert write_snapshots() == {"pilot": 3, "public": 1}

    for channel, count in (("pilot", 3), ("public", 1)):
        folder = data / "snapshots" / channel
        manifest = read_manifest(folder)
        assert manifest is not None and manifest.decisions == count
        rows = [json.loads(line) for line in (folder / "decisions.jsonl").read_text().splitlines()]
        assert len(rows) == count
    public_row = json.loads((data / "snapshots/public/decisions.jsonl").read_text())
    site = "https://gongkai.example.gov.cn"
    assert public_row["url"] == f"{site}/decisions/{public_row['public_id']}"
    pilot_rows = (data / "snapshots/pilot/decisions.jsonl").read_text().splitlines()
    assert json.loads(pilot_rows[0])["url"] is None  # no GONGKAI_PILOT_BASE_URL

    # The site's default snapshot folder is the same one.
    from gongkai.web.site.settings import Settings

    assert Settings().resolved_snapshot_dir("public") == data / "snapshots" / "public"


def test_a_channel_that_fails_does_not_stop_the_other(tmp_path: Path, channel_env) -> None:
    data, point = channel_env
    point("pilot", f"sqlite:///{tmp_path / 'never-migrated.sqlite'}")
    point("public", _channel_store(tmp_path / "public.sqlite", _decision("a")))

    with pytest.raises(ChannelSchemaOutOfDate, match="gongkai db upgrade"):
        write_snapshots()

    assert read_manifest(data / "snapshots" / "public") is not None
    assert read_manifest(data / "snapshots" / "pilot") is None
    with pytest.raises(ValueError, match="unknown channel"):
        write_snapshots(["intranet"])
