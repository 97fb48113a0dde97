"""Publication flows (issue 6): approved decisions onto the channels, and keeping the channels
right afterwards.

- :func:`publish_approved` — approved decisions, oldest first: the text is rendered again from
  the original plus the annotations in force and the leak guard runs again (a hit, in the text
  or in the public metadata, sends the decision back to review in a new batch); then it goes to
  ``pilot`` at once and to ``public`` where the agency's channel is open, each as the channel
  rules in force allow and, on ``public``, within the publicity period. Published decisions of
  an agency opened since are copied to ``public`` the same way.
- :func:`withdraw_changed` — decisions whose export status became changed, revoked, confirmed
  illegal or void are withdrawn from every channel, a notice with the legal reason in their
  place (行政处罚法 art. 48 para. 2: within three days; run at least daily).
- :func:`expire_published` — off the public channel after the publicity period.
- :func:`recheck_rules` — the channel rules in force today applied to what is out.
- :func:`collect_reports` — readers' problem reports copied from each channel into the internal
  store; a leak report hides the decision on every channel and sends it back to review.
- :func:`publication_pass` — all five, in the order collect, withdraw, recheck, expire, publish.
- :func:`write_snapshots` — each channel's full snapshot (CSV, JSON Lines, manifest) into
  ``<data dir>/snapshots/<channel>``, where the public site serves it from (daily).

``gongkai serve-flows`` serves ``publication_pass`` (hourly) and ``write_snapshots`` (daily) as
deployments (:mod:`gongkai.flows.deployments`).

Every channel write is its own transaction on the channel's store, and the internal record of
it (``gongkai.store.publication``) follows in a transaction of its own; both are idempotent.
A crash between two writes leaves each store consistent, and the next run finishes the work
without duplicates. Run one publication pass at a time (the deployment allows one run).

``today`` (a date in China) decides which rules are in force, which channels are open and what
has expired; flows take it as a parameter so tests can move the calendar.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from gongkai.flows import _common
from gongkai.flows.settings import snapshot_base_url, snapshot_dir
from gongkai.publication import write as channel_write
from gongkai.publication.db import channel_url, open_channel, require_current_channel_schema
from gongkai.publication.models import ProblemReport, PublishedDecision
from gongkai.publication.rules import (
    CHANNELS,
    PublicationSettings,
    add_months,
    expiry_notice,
    law_of,
    load_publication_settings,
    public_metadata,
    withdrawal_notice,
)
from gongkai.publication.snapshot import build_snapshot
from gongkai.publication.write import PublicDecision
from gongkai.redaction.guard import find_leaks
from gongkai.redaction.recognizers.known_values import KnownValueRecognizer
from gongkai.redaction.record import DecisionRecord, RecordError, parse_record
from gongkai.redaction.render import Annotation
from gongkai.store import Decision, DecisionState, RecordVersion, make_sessionmaker, set_state
from gongkai.store.models import ChannelStatus, utcnow
from gongkai.store.publication import (
    approved_for_publication,
    finish_publication,
    last_collected_report,
    live_channels,
    live_on_channel,
    missing_from_channel,
    open_agencies,
    open_channel_for,
    publications_of,
    record_problem_report,
    record_published,
    record_taken_down,
    return_to_review,
    unrecorded_candidates,
    withdrawals_due,
    withheld_but_out,
)
from gongkai.store.review import annotations_in_force, decision_view

CHINA = ZoneInfo("Asia/Shanghai")
WITHDRAWAL_DAYS = 3  # 行政处罚法 art. 48 para. 2
HIDDEN_NOTICE = "本决定书正在复核，暂不公开。"
# Not the reason itself: saying why (a minor, a secret) would say something about the case.
WITHHELD_NOTICE = "本决定书经复核依法不予公开，原公开的信息已撤回。"
RECOVERY_DAYS = 7  # how far back the withdraw flow looks for channel copies left unrecorded
CHUNK = 100  # decisions per publish task
PAGE = 500  # publications per page of the daily checks
DB_RETRIES = {
    "retries": 3,
    "retry_delay_seconds": [1, 5, 15],
    "retry_condition_fn": _common.retry_on_transient_db_error,
}
S = DecisionState


def china_today(now: dt.datetime | None = None) -> dt.date:
    return (now or utcnow()).astimezone(CHINA).date()


# --- channel stores ----------------------------------------------------------------------------

_lock = threading.Lock()
_channel_engines: dict[str, tuple[Engine, sessionmaker[Session]]] = {}


def channel_sessions(channel: str) -> sessionmaker[Session]:
    """Sessions on a channel's store (``GONGKAI_<CHANNEL>_DATABASE_URL`` or the SQLite file in
    the data dir), one engine per store and process, its schema checked once."""
    url = channel_url(channel)
    key = url.render_as_string(hide_password=False)
    with _lock:
        found = _channel_engines.get(key)
        if found is None:
            engine = open_channel(channel, url)
            require_current_channel_schema(engine)
            found = _channel_engines[key] = (engine, make_sessionmaker(engine))
    return found[1]


def dispose_channel_engines() -> None:
    with _lock:
        for engine, _ in _channel_engines.values():
            engine.dispose()
        _channel_engines.clear()


@contextmanager
def internal() -> Iterator[Session]:
    """One transaction on the internal store."""
    with _common.sessions().begin() as session:
        yield session


@contextmanager
def on_channel(channel: str) -> Iterator[Session]:
    """One transaction on a channel's store."""
    with channel_sessions(channel).begin() as session:
        yield session


# --- the public form of a decision -------------------------------------------------------------


def public_decision(
    record: DecisionRecord, redacted_text: str, settings: PublicationSettings
) -> PublicDecision:
    """What the channels get: the redacted text and public metadata, nothing else."""
    return PublicDecision(
        source_id=record.source_id,
        decision_no=record.decision_no,
        agency=record.agency,
        decision_date=record.decision_date,
        violation_type=record.violation_type,
        legal_basis=record.legal_basis,
        law=law_of(record.legal_basis),
        penalty_types=tuple(record.penalty_types),
        fine_amount_fen=round(record.fine_amount_yuan * 100),
        redacted_text=redacted_text,
        expires_on=settings.periods.expires_on(record.decision_date, record.penalty_types),
    )


def item_metadata(item: PublicDecision | PublishedDecision) -> dict[str, Any]:
    return public_metadata(
        agency=item.agency,
        decision_date=item.decision_date,
        violation_type=item.violation_type,
        legal_basis=item.legal_basis,
        penalty_types=tuple(item.penalty_types),
        fine_amount_fen=item.fine_amount_fen,
        law=item.law,
    )


def metadata_leaks(record: DecisionRecord, item: PublicDecision) -> list[str]:
    """The leak guard over the public metadata (document number, agency, violation, legal
    basis, penalties): they come from the export's fields, not from the redacted text."""
    engine = _common.redactor()
    text = "\n".join(
        [item.decision_no, item.agency, item.violation_type, item.legal_basis, *item.penalty_types]
    )
    return find_leaks(
        text,
        record,
        KnownValueRecognizer(record),
        engine.guard_recognizers,
        engine.settings.score_threshold,
        [],
    )


@dataclass(frozen=True)
class Rendered:
    decision_id: int
    source_id: str
    state: str
    agency: str
    item: PublicDecision | None  # None: blocked
    blocked: str | None = None
    channels: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # status, rule


def render_for_publication(decision_id: int, settings: PublicationSettings) -> Rendered | None:
    """Read the decision (short transaction), render it again and run the leak guard (outside
    any transaction). ``None`` when the decision is no longer approved or published."""
    with internal() as session:
        decision = session.get(Decision, decision_id)
        if decision is None or decision.state not in (S.APPROVED.value, S.PUBLISHED.value):
            return None
        view = decision_view(session, decision)
        annotations = annotations_in_force(session, view)
        raw = view.record
        state, source_id = decision.state, decision.source_id
        channels = {c: (p.status, p.rule_id) for c, p in publications_of(session, decision).items()}
    agency = str(raw.get("agency", ""))

    def blocked(reason: str) -> Rendered:
        return Rendered(decision_id, source_id, state, agency, None, reason, channels)

    try:
        record = parse_record(raw)
    except RecordError as exc:
        return blocked(f"export record no longer valid: {exc}")
    result = _common.redactor().rerender(record, [Annotation(**a) for a in annotations])
    guard = [w.detail for w in result.withholdings if w.reason == "leak_guard"]
    if guard:
        return blocked(f"leak guard at publication: {'; '.join(guard)}")
    item = public_decision(record, result.redacted_text, settings)
    leaked = metadata_leaks(record, item)
    if leaked:
        return blocked(f"leak guard at publication (metadata): {', '.join(leaked)}")
    return Rendered(decision_id, source_id, state, agency, item, None, channels)


# --- single steps, each idempotent -------------------------------------------------------------


def write_to_channel(
    channel: str, item: PublicDecision, decision_id: int, now: dt.datetime, actor: str
) -> str:
    """Publish on the channel (its own transaction), then record it internally."""
    with on_channel(channel) as session:
        outcome = channel_write.publish(session, item, now=now)
        row = channel_write.current(session, item.source_id)
        assert row is not None
        revision, digest = row.revision, row.content_hash
    with internal() as session:
        decision = session.get(Decision, decision_id)
        assert decision is not None
        record_published(
            session,
            decision,
            channel=channel,
            public_id=item.public_id,
            content_hash=digest,
            revision=revision,
            at=now,
            actor=actor,
        )
    return outcome


def take_down(
    channel: str,
    decision_id: int,
    source_id: str,
    status: ChannelStatus,
    notice: str,
    now: dt.datetime,
    actor: str,
    rule_id: str | None = None,
    details: dict[str, Any] | None = None,
) -> bool:
    """Withdraw, expire or hide on the channel (its own transaction), then record what the
    channel now shows. Returns whether the internal record changed (not when the channel kept
    another status: ``hide`` and ``expire`` only act on what is live)."""
    with on_channel(channel) as session:
        if status is ChannelStatus.WITHDRAWN:
            channel_write.withdraw(session, source_id, notice=notice, now=now)
        elif status is ChannelStatus.EXPIRED:
            channel_write.expire(session, source_id, notice=notice, now=now)
        else:
            channel_write.hide(
                session, channel_write.public_id_for(source_id), now=now, reason=notice
            )
        row = channel_write.current(session, source_id)
        if row is not None and row.status != status.value:
            return False
    with internal() as session:
        decision = session.get(Decision, decision_id)
        assert decision is not None
        return record_taken_down(
            session,
            decision,
            channel=channel,
            status=status,
            reason=notice,
            at=now,
            actor=actor,
            rule_id=rule_id,
            details=details,
        )


def send_back(rendered: Rendered, today: dt.date, now: dt.datetime, actor: str) -> None:
    """A decision the leak guard stopped: hidden wherever it is live, then back to review."""
    for channel in CHANNELS:  # also a copy left unrecorded by a crash
        if rendered.channels.get(channel, ("", None))[0] != ChannelStatus.WITHDRAWN.value:
            take_down(
                channel,
                rendered.decision_id,
                rendered.source_id,
                ChannelStatus.HIDDEN,
                HIDDEN_NOTICE,
                now,
                actor,
                details={"blocked": rendered.blocked},
            )
    with internal() as session:
        decision = session.get(Decision, rendered.decision_id)
        assert decision is not None
        return_to_review(
            session,
            [decision],
            agency=rendered.agency,
            actor=actor,
            reason=rendered.blocked or "blocked at publication",
            due_date=today,
        )


def withdraw_on_all_taken_down(
    decision_id: int, reason: str, actor: str, details: dict[str, Any]
) -> bool:
    """A published decision no channel shows any more becomes ``withdrawn`` (audited)."""
    with internal() as session:
        decision = session.get(Decision, decision_id)
        if decision is None or decision.state != S.PUBLISHED.value:
            return False
        if live_channels(session, decision):
            return False
        return set_state(
            session, decision, S.WITHDRAWN, actor=actor, reason=reason, details=details
        )


# --- publish -----------------------------------------------------------------------------------


@dataclass
class PublishSummary:
    published: int = 0  # decisions that became ``published``
    pilot: int = 0  # channel writes that changed something
    public: int = 0
    unchanged: int = 0  # channel writes of the same content again (no-ops)
    blocked: int = 0  # leak guard hits: back to review
    excluded: int = 0  # channel writes a channel rule stopped
    expired: int = 0  # public writes skipped: publicity period over
    withheld: int = 0  # approved decisions no channel may carry

    def add(self, other: PublishSummary) -> None:
        for key, value in asdict(other).items():
            setattr(self, key, getattr(self, key) + value)

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


@dataclass(frozen=True)
class PublishContext:
    today: dt.date
    now: dt.datetime
    actor: str
    settings: PublicationSettings
    open: dict[str, frozenset[str]]


def publish_one(decision_id: int, ctx: PublishContext) -> PublishSummary:
    done = PublishSummary()
    rendered = render_for_publication(decision_id, ctx.settings)
    if rendered is None:
        return done
    if rendered.item is None:
        send_back(rendered, ctx.today, ctx.now, ctx.actor)
        done.blocked += 1
        return done
    item = rendered.item
    metadata = item_metadata(item)
    excluded_by: list[dict[str, str]] = []
    for channel in CHANNELS:
        if channel != "pilot" and rendered.agency not in ctx.open.get(channel, frozenset()):
            continue
        status, _ = rendered.channels.get(channel, (None, None))
        rule = ctx.settings.rules.excluding(metadata, channel, ctx.today)
        if rule is not None:
            done.excluded += 1
            excluded_by.append({"channel": channel, **rule.describe()})
            if status in (ChannelStatus.PUBLISHED.value, ChannelStatus.HIDDEN.value):
                take_down(
                    channel,
                    decision_id,
                    item.source_id,
                    ChannelStatus.WITHDRAWN,
                    rule.notice,
                    ctx.now,
                    ctx.actor,
                    rule.id,
                )
            continue
        if channel == "public" and item.expires_on is not None and ctx.today >= item.expires_on:
            done.expired += 1
            continue
        outcome = write_to_channel(channel, item, decision_id, ctx.now, ctx.actor)
        if outcome == "unchanged":
            done.unchanged += 1
        else:
            setattr(done, channel, getattr(done, channel) + 1)
    if rendered.state != S.APPROVED.value:
        return done
    with internal() as session:
        decision = session.get(Decision, decision_id)
        assert decision is not None
        if finish_publication(session, decision, actor=ctx.actor):
            done.published += 1
        elif decision.state == S.APPROVED.value and not live_channels(session, decision):
            set_state(
                session,
                decision,
                S.WITHHELD,
                actor=ctx.actor,
                reason="channel rules: "
                + "; ".join(f"{e['channel']} {e['rule']} ({e['law']})" for e in excluded_by),
                details={"channel_rules": excluded_by},
            )
            done.withheld += 1
    return done


@task(cache_policy=NO_CACHE, **DB_RETRIES)
def sync_openings(settings: PublicationSettings, actor: str) -> int:
    """Openings from the settings into the store (audited once); returns how many changed."""
    changed = 0
    for opening in settings.openings:
        with internal() as session:
            _, moved = open_channel_for(
                session,
                channel=opening.channel,
                agency=opening.agency,
                opens_on=opening.date,
                actor=actor,
                source="settings",
            )
            changed += moved
    return changed


@task(cache_policy=NO_CACHE, **DB_RETRIES)
def publication_candidates(settings: PublicationSettings, today: dt.date) -> list[int]:
    """Approved decisions, then published ones an open channel does not carry yet; each list
    oldest first."""
    with internal() as session:
        ids = approved_for_publication(session)
        seen = set(ids)
        for channel in CHANNELS:
            if channel == "pilot":
                agencies = _published_agencies(session)
            else:
                agencies = open_agencies(session, channel, today)
            # On the public channel, a decision older than the longest publicity period
            # has expired whatever its penalties: not a candidate.
            longest = add_months(today, -settings.periods.longest)
            for i in missing_from_channel(
                session,
                channel,
                agencies,
                rules_in_force=settings.rules.ids_in_force(channel, today),
                decided_on_or_after=None if channel == "pilot" else longest,
            ):
                if i not in seen:
                    seen.add(i)
                    ids.append(i)
    return ids


def _published_agencies(session: Session) -> set[str]:
    return set(
        session.scalars(
            select(RecordVersion.agency)
            .join(Decision, Decision.current_version_id == RecordVersion.id)
            .where(Decision.state == S.PUBLISHED.value, RecordVersion.agency.is_not(None))
            .distinct()
        )
    )


@task(cache_policy=NO_CACHE, **DB_RETRIES)
def open_agencies_today(today: dt.date) -> dict[str, frozenset[str]]:
    with internal() as session:
        return {c: frozenset(open_agencies(session, c, today)) for c in CHANNELS if c != "pilot"}


@task(cache_policy=NO_CACHE, **DB_RETRIES)
def publish_chunk(ids: list[int], ctx: PublishContext) -> PublishSummary:
    done = PublishSummary()
    for decision_id in ids:
        done.add(publish_one(decision_id, ctx))
    return done


@flow(name="publish")
def publish_approved(today: dt.date | None = None) -> PublishSummary:
    """Approved decisions onto the channels (pilot at once; public where the agency's channel
    is open), oldest first, as the channel rules allow; published decisions copied to a
    channel opened since."""
    settings = load_publication_settings()
    now = utcnow()
    today = today or china_today(now)
    actor = _common.run_actor("publish")
    sync_openings(settings, actor)
    ctx = PublishContext(today, now, actor, settings, open_agencies_today(today))
    ids = publication_candidates(settings, today)
    total = PublishSummary()
    for start in range(0, len(ids), CHUNK):
        total.add(publish_chunk(ids[start : start + CHUNK], ctx))
    get_run_logger().info("publish: %s", total)
    return total


# --- withdraw ----------------------------------------------------------------------------------


@dataclass
class WithdrawSummary:
    withdrawn: int = 0  # decisions withdrawn for their status (changed, revoked…)
    withheld: int = 0  # published decisions whose new version was withheld, taken off
    channel_writes: int = 0
    late: int = 0  # withdrawn more than three days after the status was recorded
    recovered: int = 0  # channel copies the internal store had no record of (a crash)

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


@task(cache_policy=NO_CACHE, **DB_RETRIES)
def recover_unrecorded(now: dt.datetime, actor: str) -> int:
    """Record channel copies of recently changed decisions that must come off but that the
    internal store does not know of (a crash between a channel write and its record, then a
    new version): the withdrawals below then take them down."""
    recovered = 0
    since = now - dt.timedelta(days=RECOVERY_DAYS)
    for channel in CHANNELS:
        with internal() as session:
            candidates = unrecorded_candidates(session, channel, since)
        for start in range(0, len(candidates), PAGE):
            page = candidates[start : start + PAGE]
            rows = _channel_rows(channel, [sid for _, sid in page])
            for decision_id, source_id in page:
                row = rows.get(source_id)
                if row is None or row.status == ChannelStatus.WITHDRAWN.value:
                    continue
                with internal() as session:
                    decision = session.get(Decision, decision_id)
                    assert decision is not None
                    record_published(
                        session,
                        decision,
                        channel=channel,
                        public_id=row.public_id,
                        content_hash=row.content_hash,
                        revision=row.revision,
                        at=_aware(row.updated_at),
                        actor=actor,
                    )
                    if row.status != ChannelStatus.PUBLISHED.value:
                        record_taken_down(
                            session,
                            decision,
                            channel=channel,
                            status=row.status,
                            reason=row.notice or "",
                            at=_aware(row.status_changed_at or row.updated_at),
                            actor=actor,
                        )
                recovered += 1
    return recovered


@task(cache_policy=NO_CACHE, **DB_RETRIES)
def withdraw_due(now: dt.datetime, actor: str) -> WithdrawSummary:
    done = WithdrawSummary()
    with internal() as session:
        due = withdrawals_due(session)
        withheld = withheld_but_out(session)
    for item in due:
        notice = withdrawal_notice(item.status, china_today(item.recorded_at))
        elapsed = now - item.recorded_at
        details = {
            "status": item.status,
            "hours_since_recorded": round(elapsed.total_seconds() / 3600, 1),
        }
        for channel in item.channels:
            done.channel_writes += take_down(
                channel,
                item.decision_id,
                item.source_id,
                ChannelStatus.WITHDRAWN,
                notice,
                now,
                actor,
                details=details,
            )
        withdraw_on_all_taken_down(item.decision_id, notice, actor, details)
        done.withdrawn += 1
        if elapsed > dt.timedelta(days=WITHDRAWAL_DAYS):
            done.late += 1
            _common.run_logger().warning(
                "withdrawal of %s %.1f days after it was recorded (limit %d)",
                item.source_id,
                elapsed.total_seconds() / 86400,
                WITHDRAWAL_DAYS,
            )
    for decision_id, source_id, channels in withheld:
        for channel in channels:
            done.channel_writes += take_down(
                channel,
                decision_id,
                source_id,
                ChannelStatus.WITHDRAWN,
                WITHHELD_NOTICE,
                now,
                actor,
                details={"withheld": True},
            )
        done.withheld += 1
    return done


@flow(name="withdraw")
def withdraw_changed() -> WithdrawSummary:
    """Withdraw from every channel the decisions whose export status became changed, revoked,
    confirmed illegal or confirmed void (a notice with the legal reason stays in their place),
    and published decisions whose new version was withheld."""
    now = utcnow()
    actor = _common.run_actor("withdraw")
    recovered = recover_unrecorded(now, actor)
    total = withdraw_due(now, actor)
    total.recovered = recovered
    get_run_logger().info("withdraw: %s", total)
    return total


# --- the daily checks: expiry and channel rules ------------------------------------------------


def _channel_rows(channel: str, source_ids: list[str]) -> dict[str, PublishedDecision]:
    with on_channel(channel) as session:
        rows = session.scalars(
            select(PublishedDecision).where(PublishedDecision.source_id.in_(source_ids))
        )
        return {row.source_id: row for row in rows}


def _pages(channel: str) -> Iterator[list[tuple[int, int, str]]]:
    after = 0
    while True:
        with internal() as session:
            page = live_on_channel(session, channel, after, PAGE)
        if not page:
            return
        yield page
        after = page[-1][0]


@task(cache_policy=NO_CACHE, **DB_RETRIES)
def expire_due(settings: PublicationSettings, today: dt.date, now: dt.datetime, actor: str) -> int:
    expired = 0
    for page in _pages("public"):
        rows = _channel_rows("public", [sid for _, _, sid in page])
        for _, decision_id, source_id in page:
            row = rows.get(source_id)
            if row is None:
                continue
            months = settings.periods.months(row.penalty_types)
            ends = settings.periods.expires_on(row.decision_date, row.penalty_types)
            if today < ends:
                continue
            notice = expiry_notice(months)
            take_down(
                "public",
                decision_id,
                source_id,
                ChannelStatus.EXPIRED,
                notice,
                now,
                actor,
                details={"expires_on": ends.isoformat()},
            )
            with internal() as session:
                decision = session.get(Decision, decision_id)
                assert decision is not None
                if decision.state == S.PUBLISHED.value:
                    set_state(
                        session,
                        decision,
                        S.EXPIRED,
                        actor=actor,
                        reason=notice,
                        details={"expires_on": ends.isoformat(), "months": months},
                    )
            expired += 1
    return expired


@flow(name="expire")
def expire_published(today: dt.date | None = None) -> int:
    """Take decisions off the public channel once their publicity period is over (per penalty
    type, default 3 years from the decision date); returns how many."""
    settings = load_publication_settings()
    now = utcnow()
    expired = expire_due(settings, today or china_today(now), now, _common.run_actor("expire"))
    get_run_logger().info("expire: %s", expired)
    return expired


@task(cache_policy=NO_CACHE, **DB_RETRIES)
def recheck_channel(
    channel: str, settings: PublicationSettings, today: dt.date, now: dt.datetime, actor: str
) -> int:
    if not settings.rules.in_force(channel, today):
        return 0
    withdrawn = 0
    for page in _pages(channel):
        rows = _channel_rows(channel, [sid for _, _, sid in page])
        for _, decision_id, source_id in page:
            row = rows.get(source_id)
            if row is None:
                continue
            rule = settings.rules.excluding(item_metadata(row), channel, today)
            if rule is None:
                continue
            take_down(
                channel,
                decision_id,
                source_id,
                ChannelStatus.WITHDRAWN,
                rule.notice,
                now,
                actor,
                rule.id,
                details=rule.describe(),
            )
            withdraw_on_all_taken_down(decision_id, rule.notice, actor, rule.describe())
            withdrawn += 1
    return withdrawn


@flow(name="recheck-rules")
def recheck_rules(today: dt.date | None = None) -> int:
    """Apply the channel rules in force today to what every channel shows: what a rule now
    covers is withdrawn there, with the rule's notice; returns how many channel withdrawals."""
    settings = load_publication_settings()
    now = utcnow()
    today = today or china_today(now)
    actor = _common.run_actor("recheck-rules")
    withdrawn = sum(recheck_channel(c, settings, today, now, actor) for c in CHANNELS)
    get_run_logger().info("recheck: %s channel withdrawals", withdrawn)
    return withdrawn


# --- problem reports ---------------------------------------------------------------------------


@dataclass
class CollectSummary:
    reports: int = 0
    leak_reports: int = 0
    sent_back: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


@task(cache_policy=NO_CACHE, **DB_RETRIES)
def collect_channel(channel: str, today: dt.date, now: dt.datetime, actor: str) -> CollectSummary:
    done = CollectSummary()
    while True:
        with internal() as session:
            after = last_collected_report(session, channel)
        with on_channel(channel) as session:
            reports = [
                (r.id, r.public_id, r.kind, r.message, r.created_at)
                for r in session.scalars(
                    select(ProblemReport)
                    .where(ProblemReport.id > after)
                    .order_by(ProblemReport.id)
                    .limit(PAGE)
                )
            ]
        if not reports:
            return done
        for report_id, public_id, kind, message, created_at in reports:
            reported_at = created_at if created_at.tzinfo else created_at.replace(tzinfo=dt.UTC)
            if kind == "leak":
                _hide_everywhere(public_id, now, actor)
            with internal() as session:
                report = record_problem_report(
                    session,
                    channel=channel,
                    channel_report_id=report_id,
                    public_id=public_id,
                    kind=kind,
                    message=message,
                    reported_at=reported_at,
                    actor=actor,
                )
                if report is None:
                    continue
                done.reports += 1
                decision = session.get(Decision, report.decision_id) if report.decision_id else None
                if kind != "leak" or decision is None:
                    continue
                done.leak_reports += 1
                _record_hidden(session, decision, public_id, now, actor)
                moved = return_to_review(
                    session,
                    [decision],
                    agency=_agency(session, decision),
                    actor=actor,
                    reason=f"reader reported leaked data ({channel} report {report_id})",
                    due_date=today,
                    details={"report": f"{channel}:{report_id}"},
                )
                done.sent_back += len(moved)


def _hide_everywhere(public_id: str, now: dt.datetime, actor: str) -> None:
    for channel in CHANNELS:
        with on_channel(channel) as session:
            channel_write.hide(session, public_id, now=now, reason=HIDDEN_NOTICE)


def _record_hidden(
    session: Session, decision: Decision, public_id: str, now: dt.datetime, actor: str
) -> None:
    for channel, publication in publications_of(session, decision).items():
        if publication.status != ChannelStatus.PUBLISHED.value:
            continue
        with on_channel(channel) as channel_session:
            row = channel_write.current(channel_session, decision.source_id)
            hidden = row is not None and row.status == ChannelStatus.HIDDEN.value
        if hidden:
            record_taken_down(
                session,
                decision,
                channel=channel,
                status=ChannelStatus.HIDDEN,
                reason=HIDDEN_NOTICE,
                at=now,
                actor=actor,
                details={"public_id": public_id},
            )


def _agency(session: Session, decision: Decision) -> str:
    version = session.get(RecordVersion, decision.current_version_id)
    return (version.agency if version else None) or ""


@flow(name="collect-reports")
def collect_reports(today: dt.date | None = None) -> CollectSummary:
    """Copy new problem reports from every channel into the internal store (the review queue
    lists them); a leak report hides the decision on every channel and sends it to review."""
    now = utcnow()
    today = today or china_today(now)
    actor = _common.run_actor("collect-reports")
    total = CollectSummary()
    for channel in CHANNELS:
        found = collect_channel(channel, today, now, actor)
        total.reports += found.reports
        total.leak_reports += found.leak_reports
        total.sent_back += found.sent_back
    get_run_logger().info("collect reports: %s", total)
    return total


# --- the whole pass -----------------------------------------------------------------------------

PASS_KEYS = (
    "reports",
    "leak_reports",
    "sent_back",
    "withdrawn",
    "withdrawn_late",
    "withheld_withdrawn",
    "recovered",
    "rule_withdrawals",
    "expired",
    "published",
    "pilot",
    "public",
    "unchanged",
    "blocked",
    "excluded",
    "expired_skipped",
    "withheld",
)


@flow(name="publication")
def publication_pass(today: dt.date | None = None) -> dict[str, int]:
    """Collect reports, withdraw, re-check the rules, expire, publish: one pass (run it at least
    daily: withdrawals are due within three days). Returns the counts (:data:`PASS_KEYS`)."""
    collected = collect_reports(today)
    withdrawn = withdraw_changed()
    rechecked = recheck_rules(today)
    expired = expire_published(today)
    published = publish_approved(today)
    return {
        "reports": collected.reports,
        "leak_reports": collected.leak_reports,
        "sent_back": collected.sent_back,
        "withdrawn": withdrawn.withdrawn,
        "withdrawn_late": withdrawn.late,
        "withheld_withdrawn": withdrawn.withheld,
        "recovered": withdrawn.recovered,
        "rule_withdrawals": rechecked,
        "expired": expired,
        "published": published.published,
        "pilot": published.pilot,
        "public": published.public,
        "unchanged": published.unchanged,
        "blocked": published.blocked,
        "excluded": published.excluded,
        "expired_skipped": published.expired,
        "withheld": published.withheld,
    }


# --- the daily snapshot -------------------------------------------------------------------------


@task(cache_policy=NO_CACHE, **DB_RETRIES)
def snapshot_channel(channel: str) -> int:
    """Write one channel's snapshot; returns how many decisions it holds. Reads on a read-only
    engine (on SQLite a plain WAL read: publication writes go on meanwhile)."""
    channel_sessions(channel)  # the store's schema checked, as for the other flows
    engine = open_channel(channel, read_only=True)
    try:
        manifest = build_snapshot(
            engine, snapshot_dir(channel), base_url=snapshot_base_url(channel)
        )
    finally:
        engine.dispose()
    return manifest.decisions


@flow(name="snapshot")
def write_snapshots(channels: list[str] | None = None) -> dict[str, int]:
    """The full snapshot of each channel (default: every channel) into ``<data
    dir>/snapshots/<channel>``, ``GONGKAI_<CHANNEL>_BASE_URL`` filling the ``url`` column.
    A channel that fails does not stop the others; the run fails afterwards. Returns the
    decisions per channel."""
    names = list(channels or CHANNELS)
    unknown = [name for name in names if name not in CHANNELS]
    if unknown:
        raise ValueError(f"unknown channel(s) {', '.join(unknown)} (known: {', '.join(CHANNELS)})")
    states = {name: snapshot_channel(name, return_state=True) for name in names}
    counts = {name: state.result() for name, state in states.items()}  # raises the first failure
    get_run_logger().info("snapshots: %s", counts)
    return counts


__all__ = [
    "PASS_KEYS",
    "CollectSummary",
    "PublishSummary",
    "WithdrawSummary",
    "collect_reports",
    "expire_published",
    "publication_pass",
    "publish_approved",
    "recheck_rules",
    "withdraw_changed",
    "write_snapshots",
]
