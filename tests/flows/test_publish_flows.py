"""Publication flows (issue 6) with real flow runs, on SQLite and PostgreSQL: publish (idempotent,
crash between channel writes, leak guard at publication), withdrawal within three days with
the legal notice, expiry, the 治安 sealing rule re-checked after its date, problem reports, and no
original value in any channel store. Also the channel rules, law names and publicity periods.

Decisions are set up with the store's data functions (ingest, redaction results, batches,
corrections, approval) as the pipeline and the review app would leave them; the publication
flows then run for real.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import os
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from flowtools import AGENCIES, Stores, store_env
from sqlalchemy import JSON, String, Text, inspect, select, text
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session

from gongkai.flows import _common
from gongkai.flows import publish as publish_module
from gongkai.flows.publish import (
    PASS_KEYS,
    collect_reports,
    dispose_channel_engines,
    expire_published,
    publication_pass,
    publish_approved,
    recheck_rules,
    withdraw_changed,
)
from gongkai.publication import write as channel_write
from gongkai.publication.db import upgrade_channel
from gongkai.publication.models import ChangeEntry, ProblemReport, PublishedDecision
from gongkai.publication.rules import (
    SEALING_NOTICE,
    ChannelRule,
    PublicationSettings,
    PublicityPeriods,
    RuleError,
    RuleSet,
    add_months,
    law_of,
    laws_of,
    public_metadata,
    sealing_rules,
)
from gongkai.redaction.engine import Redactor
from gongkai.redaction.record import parse_record
from gongkai.store import (
    AuditEntry,
    Decision,
    DecisionState,
    ProblemReportRecord,
    Publication,
    ReviewBatch,
    add_record_version,
    add_to_batch,
    create_review_batch,
    make_engine,
    make_sessionmaker,
    open_channel_for,
    open_problem_reports,
    pending_versions,
    store_redaction,
    unbatched_decisions,
)
from gongkai.store.review import (
    approve_batch,
    batch_decisions,
    correct,
    release_withheld,
    resolve_doubt,
)
from gongkai.synthetic import generate

TODAY = dt.date(2025, 12, 15)  # before the 治安 sealing (2026-01-01)
FLOW, REVIEWER, APPROVER = "test:setup", "user:reviewer", "user:approver"
ZHIAN = "治安管理处罚法"


# --- rules, law names, periods (no database) ---------------------------------------------------


@pytest.mark.parametrize(
    ("basis", "law", "laws"),
    [
        ("《中华人民共和国治安管理处罚法》第四十三条第一款", ZHIAN, (ZHIAN,)),
        (
            "《中华人民共和国道路交通安全法实施条例》第五十条；《中华人民共和国道路交通安全法》第九十条",
            "道路交通安全法",
            ("道路交通安全法实施条例", "道路交通安全法"),
        ),
        (
            "《中华人民共和国反电信网络诈骗法》第三十一条第一款、第四十四条；"
            "《中华人民共和国行政处罚法》第三十条",
            "反电信网络诈骗法",
            ("反电信网络诈骗法", "行政处罚法"),
        ),
        (
            "《旅馆业治安管理办法》第六条；《中华人民共和国治安管理处罚法》第五十六条",
            ZHIAN,
            ("旅馆业治安管理办法", ZHIAN),
        ),
        (
            "《中华人民共和国出境入境管理法》（2012）第七十八条",
            "出境入境管理法",
            ("出境入境管理法",),
        ),
        ("中华人民共和国治安管理处罚法第二十六条", ZHIAN, (ZHIAN,)),
        ("", "", ()),
    ],
)
def test_the_law_is_read_from_the_legal_basis(basis: str, law: str, laws: tuple[str, ...]) -> None:
    assert law_of(basis) == law
    assert laws_of(basis) == laws


def _meta(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "agency": "甲市公安局东城分局",
        "decision_date": dt.date(2024, 5, 6),
        "violation_type": "殴打他人",
        "legal_basis": "《中华人民共和国治安管理处罚法》第四十三条第一款",
        "penalty_types": ("罚款",),
        "fine_amount_fen": 50000,
    }
    values.update(overrides)
    return public_metadata(**values)


def test_the_sealing_rule_covers_zhian_decisions_from_2026_on_public_and_by_default_pilot() -> None:
    rules = RuleSet(sealing_rules())
    zhian = _meta()
    traffic = _meta(legal_basis="《中华人民共和国道路交通安全法》第九十条", penalty_types=("警告",))
    before, after = dt.date(2025, 12, 31), dt.date(2026, 1, 1)
    assert rules.excluding(zhian, "public", before) is None
    rule = rules.excluding(zhian, "public", after)
    assert rule is not None and "第一百三十六条" in rule.law and "第一百三十六条" in rule.notice
    assert rules.excluding(zhian, "pilot", after) is not None
    assert rules.excluding(traffic, "public", after) is None
    assert RuleSet(sealing_rules(pilot_shows_sealed=True)).excluding(zhian, "pilot", after) is None


@pytest.mark.parametrize(
    ("when", "meta", "expected"),
    [
        ("penalty_types only 警告", {"penalty_types": ("警告",)}, True),
        ("penalty_types only 警告", {"penalty_types": ("警告", "罚款")}, False),
        ("penalty_types has 行政拘留", {"penalty_types": ("罚款", "行政拘留")}, True),
        ("law == 治安管理处罚法 and fine_amount_fen < 20000", {"fine_amount_fen": 10000}, True),
        ("law == 治安管理处罚法 and fine_amount_fen < 20000", {"fine_amount_fen": 50000}, False),
        ("law in 网络安全法, 治安管理处罚法", {}, True),
        ("law not in 网络安全法", {}, True),
        ("decision_date < 2024-01-01", {}, False),
        ("violation_type contains 殴打", {}, True),
        ("agency != 甲市公安局东城分局", {}, False),
    ],
)
def test_rule_conditions(when: str, meta: dict[str, Any], expected: bool) -> None:
    rule = ChannelRule("r", "public", dt.date(2020, 1, 1), "《某法》第一条", when, "不再公开。")
    assert rule.matches(_meta(**meta)) is expected


@pytest.mark.parametrize(
    "when", ["law ~ 治安", "colour == red", "penalty_types == 警告", "agency < 甲", "law has 治安"]
)
def test_bad_rule_conditions_are_refused_at_start(when: str) -> None:
    with pytest.raises(RuleError):
        ChannelRule("r", "public", dt.date(2020, 1, 1), "《某法》第一条", when, "不再公开。")


def test_publicity_periods_per_penalty_type() -> None:
    assert add_months(dt.date(2023, 1, 31), 1) == dt.date(2023, 2, 28)
    assert add_months(dt.date(2022, 5, 6), 36) == dt.date(2025, 5, 6)
    default = PublicityPeriods()
    assert default.expires_on(dt.date(2022, 5, 6), ["罚款"]) == dt.date(2025, 5, 6)
    periods = PublicityPeriods.parse("警告=6, 罚款=12, *=24")
    assert periods.months(["警告"]) == 6
    assert periods.months(["警告", "罚款"]) == 12  # the longest of its penalties
    assert periods.months(["行政拘留"]) == 24
    for bad in ("警告=1", "*=48", "警告=soon"):
        with pytest.raises(RuleError):
            PublicityPeriods.parse(bad)


def test_publication_settings_from_env_and_file(tmp_path: Path) -> None:
    default = PublicationSettings.from_env({})
    assert [r.id for r in default.rules.rules] == ["zhian-sealed-public", "zhian-sealed-pilot"]
    assert default.periods.default == 36 and not default.pilot_shows_sealed

    path = tmp_path / "publication.toml"
    path.write_text(
        """
pilot_shows_sealed = true
[publicity_months]
"警告" = 6
[[rule]]
id = "warning-only-off-public"
channel = "public"
effective = 2026-03-01
law = "《某市公安局政府信息公开工作规定》第五条"
when = "penalty_types only 警告"
notice = "仅给予警告的决定不在互联网公开。"
[[opening]]
channel = "public"
agency = "乙县公安局"
date = 2026-02-01
""",
        encoding="utf-8",
    )
    settings = PublicationSettings.from_env(
        {"GONGKAI_PUBLICATION_FILE": str(path), "GONGKAI_PUBLICITY_MONTHS": "警告=3,*=30"}
    )
    assert settings.pilot_shows_sealed
    assert [r.id for r in settings.rules.rules] == [
        "zhian-sealed-public",
        "warning-only-off-public",
    ]
    assert settings.periods.months(["警告"]) == 3 and settings.periods.default == 30
    assert settings.openings[0].agency == "乙县公安局"
    warning = _meta(legal_basis="《中华人民共和国道路交通安全法》第九十条", penalty_types=("警告",))
    assert settings.rules.excluding(warning, "public", dt.date(2026, 2, 28)) is None
    assert settings.rules.excluding(warning, "public", dt.date(2026, 3, 1)).id == (
        "warning-only-off-public"
    )
    with pytest.raises(RuleError, match="GONGKAI_PILOT_SHOWS_SEALED"):
        PublicationSettings.from_env({"GONGKAI_PILOT_SHOWS_SEALED": "maybe"})


# --- worlds: an internal store and two channel stores ------------------------------------------


@dataclass(frozen=True)
class World:
    internal: URL
    pilot: URL
    public: URL

    def channel(self, name: str) -> URL:
        return self.pilot if name == "pilot" else self.public


_names = (f"gongkai_channel_{os.getpid()}_{n}" for n in itertools.count())


def _channel_store(backend: str, folder: Path, request: pytest.FixtureRequest) -> URL:
    name = next(_names)
    if backend == "sqlite":
        url = URL.create("sqlite", database=str(folder / f"{name}.sqlite"))
    else:
        admin_url: URL = request.getfixturevalue("postgres_admin_url")
        Stores._execute(admin_url, f'CREATE DATABASE "{name}" TEMPLATE template0')

        def drop() -> None:
            dispose_channel_engines()
            Stores._execute(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

        request.addfinalizer(drop)
        url = admin_url.set(database=name)
    engine = make_engine(url)
    try:
        upgrade_channel(engine)
    finally:
        engine.dispose()
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def worlds(
    backend: str,
    stores: Stores,
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> Iterator[Callable[[], World]]:
    """``worlds()``: a fresh internal store and channel stores, and the flows pointed at
    them (the last one made)."""

    def make() -> World:
        world = World(
            stores.create(backend, request),
            _channel_store(backend, tmp_path, request),
            _channel_store(backend, tmp_path, request),
        )
        use(world)
        return world

    def use(world: World) -> None:
        for name, value in store_env(world.internal, tmp_path / "data").items():
            monkeypatch.setenv(name, value)
        for channel in ("pilot", "public"):
            monkeypatch.setenv(
                f"GONGKAI_{channel.upper()}_DATABASE_URL",
                world.channel(channel).render_as_string(hide_password=False),
            )
        monkeypatch.delenv("GONGKAI_PUBLICATION_FILE", raising=False)
        monkeypatch.delenv("GONGKAI_PILOT_SHOWS_SEALED", raising=False)
        monkeypatch.delenv("GONGKAI_PUBLICITY_MONTHS", raising=False)

    make.use = use  # type: ignore[attr-defined]
    yield make
    dispose_channel_engines()
    _common.dispose_engines()


def read(url: URL) -> Any:
    engine = make_engine(url, sqlite_immediate=False)

    class Reader:
        def __enter__(self) -> Session:
            self.session = make_sessionmaker(engine)()
            return self.session

        def __exit__(self, *exc: object) -> None:
            self.session.close()
            engine.dispose()

    return Reader()


# --- setting decisions up as the pipeline and the review app would ----------------------------


_redactor: Redactor | None = None


def redactor() -> Redactor:
    global _redactor
    if _redactor is None:
        _redactor = Redactor()
    return _redactor


def corpus(n: int, seed: int) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Synthetic (record, gold) pairs: effective, three agencies."""
    pairs = []
    for i, (record, gold) in enumerate(generate(n, seed)):
        record = dict(record, agency=AGENCIES[i % len(AGENCIES)], status="effective")
        record.pop("status_reason", None)
        pairs.append((record, gold))
    return pairs


def ingest(records: list[dict[str, Any]], file_name: str = "export-0001.jsonl") -> None:
    sessions = _common.sessions()
    with sessions.begin() as session:
        for line_no, record in enumerate(records, 1):
            raw = json.dumps(record, ensure_ascii=False)
            add_record_version(
                session,
                source_id=record["source_id"],
                content_hash=hashlib.sha256(raw.encode()).hexdigest(),
                file_path=file_name,
                line_no=line_no,
                raw=raw,
                status=record["status"],
                decision_date=dt.date.fromisoformat(record["decision_date"]),
                agency=record["agency"],
                actor=FLOW,
            )
    with sessions.begin() as session:
        for version in pending_versions(session, None):
            result = redactor().redact(parse_record(json.loads(version.raw))).to_dict()
            store_redaction(session, version.id, result, engine_version="test", actor=FLOW)


def review_and_approve(golds: dict[str, dict[str, Any]] | None = None) -> list[str]:
    """Batch every redacted decision, then read every open batch as a diligent reviewer would
    (resolve each doubt; with ``golds``, mark every personal value the machine missed) and
    approve it as another person. Returns the approved source ids."""
    approved: list[str] = []
    sessions = _common.sessions()
    for agency in AGENCIES:
        with sessions.begin() as session:
            decisions = unbatched_decisions(session, 1000, agency=agency)
            if decisions:
                batch = create_review_batch(session, agency=agency, due_date=None, actor=FLOW)
                for decision in decisions:
                    add_to_batch(session, decision, batch, actor=FLOW)
    with sessions.begin() as session:
        batches = list(session.scalars(select(ReviewBatch).where(ReviewBatch.state == "open")))
        for batch in batches:
            for view in batch_decisions(session, batch):
                for index in view.open_doubts:
                    resolve_doubt(session, view, index, actor=REVIEWER, note="已阅")
                gold = (golds or {}).get(view.decision.source_id) or {"pii": []}
                assert view.redaction is not None
                kinds = {p["text"]: p["type"] for p in gold["pii"]}
                for value in sorted(v for v in kinds if v in view.redaction.redacted_text):
                    correct(
                        session,
                        view.decision,
                        actor=REVIEWER,
                        action="mark",
                        value=value,
                        entity_type=kinds[value],
                    )
            approved += [d.source_id for d in approve_batch(session, batch, actor=APPROVER)]
    return approved


def open_public(*agencies: str, on: dt.date = TODAY) -> None:
    with _common.sessions().begin() as session:
        for agency in agencies:
            open_channel_for(session, channel="public", agency=agency, opens_on=on, actor=FLOW)


def pick(pairs: list[tuple[dict, dict]], *, zhian: bool | None = None, n: int = 1) -> list:
    """Publishable-looking records (general procedure, adult, not confidential)."""
    found = []
    for record, gold in pairs:
        if not gold["publishable"]:
            continue
        if zhian is not None and (ZHIAN in record["legal_basis"]) is not zhian:
            continue
        found.append((record, gold))
    return found[:n]


def states() -> dict[str, str]:
    with _common.sessions()() as session:
        return dict(session.execute(select(Decision.source_id, Decision.state)).all())


def channel_rows(world: World, channel: str) -> dict[str, PublishedDecision]:
    with read(world.channel(channel)) as session:
        return {r.source_id: r for r in session.scalars(select(PublishedDecision))}


def snapshot(world: World) -> dict[str, Any]:
    """Everything the stores say about publication, without ids, run ids or times."""
    out: dict[str, Any] = {}
    for channel in ("pilot", "public"):
        with read(world.channel(channel)) as session:
            out[channel] = sorted(
                (
                    r.source_id,
                    r.public_id,
                    r.status,
                    r.revision,
                    r.content_hash,
                    r.redacted_text,
                    r.notice,
                    r.law,
                    r.expires_on,
                )
                for r in session.scalars(select(PublishedDecision))
            )
            out[f"{channel}_changes"] = [
                (c.public_id, c.kind, c.revision, c.reason)
                for c in session.scalars(select(ChangeEntry).order_by(ChangeEntry.id))
            ]
    with read(world.internal) as session:
        ids = dict(session.execute(select(Decision.id, Decision.source_id)).all())
        out["publications"] = sorted(
            (
                ids[p.decision_id],
                p.channel,
                p.status,
                p.revision,
                p.content_hash,
                p.reason,
                p.rule_id,
            )
            for p in session.scalars(select(Publication))
        )
        out["states"] = sorted(session.execute(select(Decision.source_id, Decision.state)).all())
        out["audit"] = Counter(
            (a.subject_type, a.subject_id, a.action, a.from_state, a.to_state, a.reason)
            for a in session.scalars(select(AuditEntry))
            if a.subject_type != "review_batch"
        )
    return out


# --- publish ------------------------------------------------------------------------------------


def test_publish_goes_to_pilot_and_open_agencies_and_twice_is_a_no_op(worlds) -> None:
    world = worlds()
    pairs = pick(corpus(60, seed=21), zhian=False, n=9)
    ingest([r for r, _ in pairs])
    approved = review_and_approve()
    assert len(approved) == 9
    opened = AGENCIES[0]
    open_public(opened)

    first = publish_approved(TODAY)

    by_id = {r["source_id"]: r for r, _ in pairs}
    fresh = {
        sid
        for sid in approved
        if add_months(dt.date.fromisoformat(by_id[sid]["decision_date"]), 36) > TODAY
    }
    expect_public = {sid for sid in fresh if by_id[sid]["agency"] == opened}
    assert set(channel_rows(world, "pilot")) == set(approved)
    assert set(channel_rows(world, "public")) == expect_public
    assert first.published == 9 and first.pilot == 9 and first.public == len(expect_public)
    assert first.blocked == first.withheld == 0
    assert set(states().values()) == {DecisionState.PUBLISHED.value}
    before = snapshot(world)

    again = publish_approved(TODAY)  # nothing approved left, every copy in place
    assert (again.published, again.pilot, again.public, again.unchanged) == (0, 0, 0, 0)
    assert snapshot(world) == before

    # A second agency opens: its published decisions are copied to public, oldest first.
    open_public(AGENCIES[1])
    later = publish_approved(TODAY)
    second = sorted(
        (by_id[sid]["decision_date"], sid) for sid in fresh if by_id[sid]["agency"] == AGENCIES[1]
    )
    assert later.public == len(second) and later.unchanged == len(second)  # pilot: same text
    with read(world.public) as session:
        rows = {r.public_id: r.source_id for r in session.scalars(select(PublishedDecision))}
        feed = [
            rows[c.public_id] for c in session.scalars(select(ChangeEntry).order_by(ChangeEntry.id))
        ]
    assert second and feed[-len(second) :] == [sid for _, sid in second]

    # The channels hold redacted text and public metadata: the pilot text is the text as
    # rendered from the original and the annotations, not the original.
    pilot = channel_rows(world, "pilot")
    for record, _ in pairs:
        row = pilot[record["source_id"]]
        assert row.redacted_text != record["full_text"]
        assert row.law == law_of(record["legal_basis"])
        assert row.fine_amount_fen == round(record["fine_amount_yuan"] * 100)


@pytest.mark.parametrize("where", ["public write", "internal record of the public write"])
def test_a_crash_between_channel_writes_is_finished_by_the_next_run(
    worlds, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    pairs = pick(corpus(60, seed=22), zhian=False, n=6)
    records = [dict(r, agency=AGENCIES[0], decision_date="2025-06-01") for r, _ in pairs]

    reference = worlds()
    ingest(records)
    review_and_approve()
    open_public(AGENCIES[0])
    publish_approved(TODAY)
    expected = snapshot(reference)

    crashed = worlds()
    ingest(records)
    review_and_approve()
    open_public(AGENCIES[0])
    # The third decision's public write (or its internal record) fails once.
    victim = sorted(r["source_id"] for r in records)[2]
    calls = Counter()
    if where == "public write":
        real = channel_write.publish

        def flaky(session: Session, item: Any, *, now: dt.datetime) -> str:
            url = session.get_bind().url
            if item.source_id == victim and url.database == crashed.public.database:
                calls["crash"] += 1
                if calls["crash"] == 1:
                    raise RuntimeError("simulated crash in the public write")
            return real(session, item, now=now)

        monkeypatch.setattr(channel_write, "publish", flaky)
    else:
        real_record = publish_module.record_published

        def flaky_record(session: Session, decision: Decision, **kwargs: Any) -> bool:
            if decision.source_id == victim and kwargs["channel"] == "public":
                calls["crash"] += 1
                if calls["crash"] == 1:
                    raise RuntimeError("simulated crash after the public write")
            return real_record(session, decision, **kwargs)

        monkeypatch.setattr(publish_module, "record_published", flaky_record)

    with pytest.raises(RuntimeError, match="simulated crash"):
        publish_approved(TODAY)

    # Each store is consistent on its own: the victim is on the pilot, recorded, still approved.
    assert states()[victim] == DecisionState.APPROVED.value
    assert victim in channel_rows(crashed, "pilot")
    on_public = victim in channel_rows(crashed, "public")
    assert on_public is (where != "public write")
    with read(crashed.internal) as session:
        recorded = {
            (sid, channel)
            for sid, channel in session.execute(
                select(Decision.source_id, Publication.channel).join(
                    Publication, Publication.decision_id == Decision.id
                )
            )
        }
    assert (victim, "pilot") in recorded and (victim, "public") not in recorded

    rerun = publish_approved(TODAY)
    assert rerun.blocked == 0 and calls["crash"] >= 2
    assert snapshot(crashed) == expected


def test_the_leak_guard_at_publication_sends_a_decision_back_to_review(worlds) -> None:
    world = worlds()
    pairs = [
        (r, g)
        for r, g in pick(corpus(80, seed=23), n=40)
        if r.get("party_id_number") and r["party_id_number"] in r["full_text"]
    ][:3]
    assert len(pairs) == 3
    ingest([r for r, _ in pairs])
    leaky, _ = pairs[0]
    # A reviewer unmarks the party's ID number (a mistake); another approves the batch.
    sessions = _common.sessions()
    with sessions.begin() as session:
        decisions = unbatched_decisions(session, 10, agency=leaky["agency"])
        batch = create_review_batch(session, agency=leaky["agency"], due_date=None, actor=FLOW)
        for decision in decisions:
            add_to_batch(session, decision, batch, actor=FLOW)
        target = next(d for d in decisions if d.source_id == leaky["source_id"])
        correct(
            session,
            target,
            actor=REVIEWER,
            action="unmark",
            value=leaky["party_id_number"],
            entity_type="CN_RESIDENT_ID",
        )
    review_and_approve()
    assert states()[leaky["source_id"]] == DecisionState.APPROVED.value

    summary = publish_approved(TODAY)

    assert summary.blocked == 1 and summary.published == 2
    assert states()[leaky["source_id"]] == DecisionState.IN_REVIEW.value
    for channel in ("pilot", "public"):
        assert leaky["source_id"] not in channel_rows(world, channel)
    with read(world.internal) as session:
        decision = session.scalars(
            select(Decision).where(Decision.source_id == leaky["source_id"])
        ).one()
        batch = session.get(ReviewBatch, decision.batch_id)
        assert batch is not None and batch.state == "open" and batch.due_date == TODAY
        back = session.scalars(
            select(AuditEntry).where(
                AuditEntry.subject_id == leaky["source_id"],
                AuditEntry.action == "returned_to_review",
            )
        ).one()
        assert "leak guard at publication" in (back.reason or "")
        assert leaky["party_id_number"] not in json.dumps(back.details, ensure_ascii=False)


# --- withdraw, expire, re-check ------------------------------------------------------------------


def test_a_revoked_decision_is_withdrawn_everywhere_within_three_days_with_the_reason(
    worlds,
) -> None:
    world = worlds()
    pairs = pick(corpus(60, seed=24), zhian=False, n=3)
    records = [dict(r, agency=AGENCIES[0], decision_date="2025-06-01") for r, _ in pairs]
    ingest(records)
    review_and_approve()
    open_public(AGENCIES[0])
    publish_approved(TODAY)
    revoked = dict(records[0], status="revoked", status_reason="经行政复议撤销")
    changed = dict(
        records[1], status="changed", full_text=records[1]["full_text"] + "\n（变更：减轻处罚。）"
    )
    ingest([revoked, changed], file_name="export-0002.jsonl")

    summary = withdraw_changed()

    assert (summary.withdrawn, summary.channel_writes, summary.late) == (2, 4, 0)
    for channel in ("pilot", "public"):
        rows = channel_rows(world, channel)
        assert rows[records[2]["source_id"]].status == "published"
        for record, word in ((revoked, "撤销"), (changed, "变更")):
            row = rows[record["source_id"]]
            assert row.status == "withdrawn" and row.redacted_text == ""
            assert word in row.notice and "第四十八条第二款" in row.notice
            assert "经行政复议" not in row.notice  # the organ's words are not repeated
    with read(world.internal) as session:
        for record in (revoked, changed):
            decision = session.scalars(
                select(Decision).where(Decision.source_id == record["source_id"])
            ).one()
            for publication in session.scalars(
                select(Publication).where(Publication.decision_id == decision.id)
            ):
                assert publication.status == "withdrawn"
                assert publication.withdrawn_at - decision.withdrawal_recorded_at < dt.timedelta(
                    days=3
                )
        actions = Counter(
            session.scalars(
                select(AuditEntry.action).where(AuditEntry.action == "channel_withdrawn")
            )
        )
        assert actions["channel_withdrawn"] == 4
    # The new versions went through redaction again: back in the review pipeline (the
    # status is not effective, so the redactor withholds them for an approver to confirm).
    assert states()[revoked["source_id"]] == DecisionState.WITHHELD.value
    assert states()[changed["source_id"]] == DecisionState.WITHHELD.value
    assert withdraw_changed().withdrawn == 0  # once is enough


def test_a_withheld_new_version_and_a_copy_left_unrecorded_by_a_crash_come_off(
    worlds, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = worlds()
    pairs = pick(corpus(60, seed=30), zhian=False, n=3)
    records = [dict(r, agency=AGENCIES[0], decision_date="2025-06-01") for r, _ in pairs]
    secret, crashed, kept = records
    ingest([secret, kept])
    review_and_approve()
    open_public(AGENCIES[0])
    publish_approved(TODAY)
    # The third decision's pilot write commits, its internal record does not (a crash).
    ingest([crashed], file_name="export-0002.jsonl")
    review_and_approve()
    real_record = publish_module.record_published

    def crash(session: Session, decision: Decision, **kwargs: Any) -> bool:
        if decision.source_id == crashed["source_id"]:
            raise RuntimeError("simulated crash after the pilot write")
        return real_record(session, decision, **kwargs)

    monkeypatch.setattr(publish_module, "record_published", crash)
    with pytest.raises(RuntimeError, match="simulated crash"):
        publish_approved(TODAY)
    monkeypatch.setattr(publish_module, "record_published", real_record)
    assert channel_rows(world, "pilot")[crashed["source_id"]].status == "published"
    # New versions: one now marked confidential (withheld), the other revoked.
    ingest(
        [dict(secret, confidential=True), dict(crashed, status="revoked")],
        file_name="export-0003.jsonl",
    )
    assert states()[secret["source_id"]] == DecisionState.WITHHELD.value

    summary = withdraw_changed()

    assert (summary.withheld, summary.withdrawn, summary.recovered) == (1, 1, 1)
    for channel in ("pilot", "public"):
        rows = channel_rows(world, channel)
        assert rows[secret["source_id"]].status == "withdrawn"
        assert "不予公开" in rows[secret["source_id"]].notice
        assert rows[kept["source_id"]].status == "published"
    pilot = channel_rows(world, "pilot")[crashed["source_id"]]
    assert pilot.status == "withdrawn" and "撤销" in pilot.notice
    assert crashed["source_id"] not in channel_rows(world, "public")
    again = withdraw_changed()
    assert (again.withheld, again.withdrawn, again.recovered) == (0, 0, 0)


def test_expiry_takes_decisions_off_the_public_channel_after_the_publicity_period(
    worlds,
) -> None:
    world = worlds()
    pairs = pick(corpus(60, seed=25), zhian=False, n=2)
    records = [
        dict(pairs[0][0], agency=AGENCIES[0], decision_date="2023-03-10"),
        dict(pairs[1][0], agency=AGENCIES[0], decision_date="2024-03-10"),
    ]
    ingest(records)
    review_and_approve()
    open_public(AGENCIES[0])
    publish_approved(TODAY)
    assert set(channel_rows(world, "public")) == {r["source_id"] for r in records}
    assert channel_rows(world, "public")[records[0]["source_id"]].expires_on == dt.date(2026, 3, 10)

    assert expire_published(dt.date(2026, 3, 9)) == 0
    assert expire_published(dt.date(2026, 3, 10)) == 1

    public = channel_rows(world, "public")
    old, young = public[records[0]["source_id"]], public[records[1]["source_id"]]
    assert old.status == "expired" and "公示期限已届满" in (old.notice or "")
    assert young.status == "published"
    assert channel_rows(world, "pilot")[records[0]["source_id"]].status == "published"
    assert states()[records[0]["source_id"]] == DecisionState.EXPIRED.value
    assert expire_published(dt.date(2026, 3, 10)) == 0


def test_a_zhian_decision_published_before_2026_is_withdrawn_after_with_the_legal_notice(
    worlds, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = worlds()
    pairs = corpus(80, seed=26)
    zhian = [
        dict(r, agency=AGENCIES[0], decision_date="2025-11-20")
        for r, _ in pick(pairs, zhian=True, n=2)
    ]
    other = [
        dict(r, agency=AGENCIES[0], decision_date="2025-11-20")
        for r, _ in pick(pairs, zhian=False, n=1)
    ]
    ingest(zhian[:1] + other)
    review_and_approve()
    open_public(AGENCIES[0])
    publish_approved(dt.date(2025, 12, 20))
    assert set(channel_rows(world, "public")) == {zhian[0]["source_id"], other[0]["source_id"]}

    assert recheck_rules(dt.date(2025, 12, 31)) == 0
    assert recheck_rules(dt.date(2026, 1, 2)) == 2  # public and (by default) pilot

    for channel in ("public", "pilot"):
        rows = channel_rows(world, channel)
        sealed = rows[zhian[0]["source_id"]]
        assert sealed.status == "withdrawn" and sealed.notice == SEALING_NOTICE
        assert "第一百三十六条" in sealed.notice and sealed.redacted_text == ""
        assert rows[other[0]["source_id"]].status == "published"
    assert states()[zhian[0]["source_id"]] == DecisionState.WITHDRAWN.value
    with read(world.internal) as session:
        rules = set(
            session.scalars(select(Publication.rule_id).where(Publication.rule_id.is_not(None)))
        )
    assert rules == {"zhian-sealed-public", "zhian-sealed-pilot"}
    assert recheck_rules(dt.date(2026, 1, 3)) == 0

    # After the date, a new 治安 decision goes nowhere (withheld, the rules named); with the
    # pilot setting on, it goes to the pilot only.
    ingest(zhian[1:], file_name="export-0002.jsonl")
    review_and_approve()
    summary = publish_approved(dt.date(2026, 1, 5))
    assert (summary.withheld, summary.excluded) == (1, 2)
    assert states()[zhian[1]["source_id"]] == DecisionState.WITHHELD.value
    monkeypatch.setenv("GONGKAI_PILOT_SHOWS_SEALED", "true")
    with _common.sessions().begin() as session:  # an approver releases it, it is approved again
        decision = session.scalars(
            select(Decision).where(Decision.source_id == zhian[1]["source_id"])
        ).one()
        release_withheld(session, decision, actor=APPROVER, reason="试点渠道可显示")
    review_and_approve()
    summary = publish_approved(dt.date(2026, 1, 6))
    assert (summary.published, summary.pilot, summary.public, summary.excluded) == (1, 1, 0, 1)


# --- problem reports ----------------------------------------------------------------------------


def test_reports_are_collected_and_a_leak_report_hides_and_sends_back(worlds) -> None:
    world = worlds()
    pairs = pick(corpus(60, seed=27), zhian=False, n=2)
    records = [dict(r, agency=AGENCIES[0], decision_date="2025-06-01") for r, _ in pairs]
    ingest(records)
    review_and_approve()
    open_public(AGENCIES[0])
    publish_approved(TODAY)
    leaked, wrong = (channel_write.public_id_for(r["source_id"]) for r in records)
    now = dt.datetime.now(dt.UTC)
    # What the public site does when a reader reports: the report, and a leak hidden at once.
    with make_sessionmaker(make_engine(world.public)).begin() as session:
        session.add(
            ProblemReport(public_id=leaked, kind="leak", message="第三段有身份证号", created_at=now)
        )
        channel_write.hide(session, leaked, now=now, reason="读者报告泄露个人信息")
    with make_sessionmaker(make_engine(world.pilot)).begin() as session:
        session.add(
            ProblemReport(public_id=wrong, kind="error", message="罚款金额有误", created_at=now)
        )

    summary = collect_reports(TODAY)

    assert (summary.reports, summary.leak_reports, summary.sent_back) == (2, 1, 1)
    for channel in ("pilot", "public"):
        assert channel_rows(world, channel)[records[0]["source_id"]].status == "hidden"
        assert channel_rows(world, channel)[records[1]["source_id"]].status == "published"
    assert states()[records[0]["source_id"]] == DecisionState.IN_REVIEW.value
    assert states()[records[1]["source_id"]] == DecisionState.PUBLISHED.value
    with _common.sessions()() as session:
        queue = open_problem_reports(session)
        assert [(r.channel, r.kind) for r in queue] == [("public", "leak"), ("pilot", "error")]
        assert queue[0].decision_id is not None
    assert collect_reports(TODAY).reports == 0

    # Re-reviewed and approved again: back on both channels (a new revision).
    review_and_approve()
    again = publish_approved(TODAY)
    assert again.published == 1
    for channel in ("pilot", "public"):
        row = channel_rows(world, channel)[records[0]["source_id"]]
        assert row.status == "published" and row.revision == 2
    with _common.sessions()() as session:
        assert session.scalar(select(ProblemReportRecord.handled_at)) is None


# --- the whole pass, and no original anywhere ----------------------------------------------------


def _text_columns(url: URL) -> dict[str, list[str]]:
    engine = make_engine(url, sqlite_immediate=False)
    try:
        inspector = inspect(engine)
        out = {}
        for table in inspector.get_table_names():
            if table.startswith("published_fts") or table == "alembic_version":
                continue
            columns = [
                c["name"]
                for c in inspector.get_columns(table)
                if isinstance(c["type"], String | Text | JSON)
            ]
            out[table] = columns
        return out
    finally:
        engine.dispose()


def _personal_values(record: dict[str, Any], gold: dict[str, Any]) -> set[str]:
    values = {p["text"] for p in gold["pii"]}
    if record["party_type"] == "natural_person":
        values.add(record["party_name"])
    for name in ("party_id_number", "party_birth_date"):
        if record.get(name):
            values.add(record[name])
    return {v for v in values if len(v.strip()) >= 2}


def test_no_original_personal_value_reaches_any_channel_store(
    worlds, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = worlds()
    pairs = corpus(120, seed=28)
    ingest([r for r, _ in pairs])
    golds = {r["source_id"]: g for r, g in pairs}
    approved = review_and_approve(golds)
    open_public(*AGENCIES)
    first = publication_pass(TODAY)
    assert set(first) == set(PASS_KEYS)
    assert first["published"] == len(approved) > 60
    assert first["public"] > 20
    # Something of everything: a withdrawal notice, an expiry notice, a hidden decision.
    by_id = {r["source_id"]: r for r, _ in pairs}
    revoked = by_id[approved[0]]
    reason = f"{revoked['party_name']}申请复议后撤销"  # the organ's words may name the party
    ingest([dict(revoked, status="revoked", status_reason=reason)], file_name="export-0002.jsonl")
    with make_sessionmaker(make_engine(world.public)).begin() as session:
        public_id = channel_write.public_id_for(approved[1])
        session.add(
            ProblemReport(
                public_id=public_id,
                kind="leak",
                message="疑有泄露",
                created_at=dt.datetime.now(dt.UTC),
            )
        )
    monkeypatch.setenv("GONGKAI_PUBLICITY_MONTHS", "*=24")  # a shorter period from now on
    second = publication_pass(dt.date(2026, 1, 2))
    assert second["withdrawn"] == 1 and second["leak_reports"] == 1
    assert second["rule_withdrawals"] > 0 and second["expired"] > 0

    personal: dict[str, set[str]] = {
        sid: _personal_values(r, golds[sid]) for sid, r in by_id.items()
    }
    # Identifiers and addresses are distinctive: none may stand anywhere. Names may also be
    # ordinary words elsewhere (高峰, 黄金): a name may not stand in its own decision's rows.
    distinctive = {
        v
        for sid, r in by_id.items()
        for p in golds[sid]["pii"]
        if p["type"] != "PERSON"
        for v in [p["text"]]
        if len(v) >= 6
    } | {r["party_id_number"] for r in by_id.values() if r.get("party_id_number")}
    public_ids = {channel_write.public_id_for(sid): sid for sid in by_id}
    found: list[tuple[str, str, str, str]] = []
    scanned = 0
    for channel in ("pilot", "public"):
        columns = _text_columns(world.channel(channel))
        assert {"published_decisions", "changes", "problem_reports"} <= set(columns)
        with read(world.channel(channel)) as session:
            for table, names in columns.items():
                for row in session.execute(text(f"SELECT * FROM {table}")).mappings():
                    owner = row.get("source_id") or public_ids.get(row.get("public_id") or "")
                    own = personal.get(owner, set()) if owner else set()
                    for name in names:
                        value = row[name]
                        if value is None:
                            continue
                        cell = (
                            value
                            if isinstance(value, str)
                            else json.dumps(value, ensure_ascii=False)
                        )
                        scanned += 1
                        for pii in own | distinctive:
                            if pii in cell:
                                found.append((channel, table, name, pii))
    assert scanned > 1000
    assert found == []
    # The scan would have found them: every approved decision's original holds its values.
    assert all(any(v in by_id[sid]["full_text"] for v in personal[sid]) for sid in approved)


# --- the command line -------------------------------------------------------------------------


def test_the_publication_commands(worlds) -> None:
    import typer
    from typer.testing import CliRunner

    from gongkai.cli_publication import register

    app = typer.Typer()
    register(app)
    runner = CliRunner()
    world = worlds()
    pairs = pick(corpus(40, seed=29), zhian=False, n=2)
    records = [dict(r, agency=AGENCIES[0], decision_date="2025-11-03") for r, _ in pairs]
    ingest(records)

    opened = runner.invoke(
        app,
        [
            "channel",
            "open",
            "public",
            "--agency",
            AGENCIES[0],
            "--date",
            "2025-12-01",
            "--by",
            "user:admin",
        ],
    )
    assert opened.exit_code == 0, opened.output
    assert "2025-12-01" in opened.output
    listed = runner.invoke(app, ["channel", "list", "--json"])
    assert json.loads(listed.output)[0]["agency"] == AGENCIES[0]

    late = runner.invoke(app, ["overdue", "--json", "--today", "2025-12-15"])
    assert late.exit_code == 0, late.output
    assert {r["source_id"] for r in json.loads(late.output)} == {r["source_id"] for r in records}

    review_and_approve()
    done = runner.invoke(app, ["publish", "--json", "--today", "2025-12-15"])
    assert done.exit_code == 0, done.output
    counts = json.loads(done.output.strip().splitlines()[-1])
    assert (counts["published"], counts["pilot"], counts["public"]) == (2, 2, 2)
    assert (
        json.loads(runner.invoke(app, ["overdue", "--json", "--today", "2025-12-15"]).output) == []
    )
    assert len(channel_rows(world, "public")) == 2
    with read(world.internal) as session:
        opening = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "channel_opened")
        ).one()
        assert opening.actor == "user:admin"
