"""Re-redaction (issue 5): the current redactor over decisions redacted before, keeping every
human correction.

The machine's result for a decision's current version is replaced
(:func:`gongkai.store.review.replace_machine_result`, audited); human annotations and
corrections stay as they are, and :func:`~gongkai.store.review.annotations_in_force` puts them
on top of the new spans, so the text is rendered again from the original plus the annotations
now in force. What happens next depends on where the decision stands:

- ``redacted``, ``in_review``, ``rejected``: nothing more; a decision in review stays in its
  batch and its page shows the new result (new doubts must be resolved before approval).
- ``approved``, or ``published`` (only with ``include_published``): when the text rendered
  now differs from the text approved (for a published decision: from what a channel shows), or
  the leak guard stops it, the decision is reopened for correction
  (:func:`~gongkai.store.review.reopen_for_correction`) instead of being published again
  unread. A published decision the leak guard stops is also taken off the channels at once;
  with ``take_down`` every reopened published decision is.
- A withholding rule the earlier result did not apply (a minor, a confidential case…) moves the
  decision to ``withheld`` (out of its batch); the withdraw flow then takes a published one off
  the channels with the neutral notice. A withholding an approver released stays released, and
  a withheld decision is never released by the machine: its reasons are updated, the approver
  decides.

A result equal to the stored one changes nothing and writes nothing (not even an audit entry):
re-running with the same engine is a no-op. Plain functions (no Prefect run): ``gongkai
reredact`` calls :func:`reredact`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

import gongkai
from gongkai.flows import _common
from gongkai.redaction.record import DecisionRecord, RecordError, parse_record
from gongkai.redaction.render import Annotation
from gongkai.redaction.result import RedactionResult
from gongkai.store import Decision, DecisionState, set_state
from gongkai.store.models import ChannelStatus
from gongkai.store.publication import publications_of
from gongkai.store.review import (
    ReviewError,
    annotations_in_force,
    decision_view,
    machine_fields,
    reopen_for_correction,
    replace_machine_result,
    stored_machine_fields,
)

S = DecisionState
ENGINE_VERSION = f"gongkai {gongkai.__version__}"  # as the redact flow records it
CHINA = ZoneInfo("Asia/Shanghai")
CHUNK = 50  # decisions read per transaction
LEAK_GUARD = "leak_guard"
# States whose decisions ``all_unpublished`` takes (ingested ones await their first redaction).
UNPUBLISHED = (S.REDACTED, S.IN_REVIEW, S.REJECTED, S.WITHHELD, S.APPROVED)


class Redacts(Protocol):
    def redact(self, record: DecisionRecord) -> RedactionResult: ...

    def rerender(
        self, record: DecisionRecord, annotations: Iterable[Annotation]
    ) -> RedactionResult: ...


@dataclass
class ReredactSummary:
    examined: int = 0
    unchanged: int = 0  # the same result as stored: nothing written
    updated: int = 0  # machine result replaced (including those below)
    withheld: int = 0  # a new withholding rule applies: now withheld
    reopened: int = 0  # approved / published, text changed: back to review
    taken_down: int = 0  # of those, hidden on the channels at once
    skipped: int = 0  # not eligible, or changed while being re-redacted
    outcomes: dict[str, str] = field(default_factory=dict)  # source id -> what happened

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def china_today() -> dt.date:
    return dt.datetime.now(CHINA).date()


def choose_decisions(
    session: Session,
    *,
    source_ids: Sequence[str] = (),
    all_unpublished: bool = False,
    include_published: bool = False,
) -> tuple[list[int], dict[str, str]]:
    """The decisions to re-redact (ids, in id order) and those named but left out (source id
    → why). ``source_ids``: those decisions; ``all_unpublished``: every decision redacted and
    not yet published (redacted, in review, rejected, withheld, approved);
    ``include_published``: published ones too (the named ones, or all of them)."""
    allowed = {s.value for s in UNPUBLISHED}
    if include_published:
        allowed.add(S.PUBLISHED.value)
    chosen: set[int] = set()
    left_out: dict[str, str] = {}
    if source_ids:
        found = dict(
            session.execute(
                select(Decision.source_id, Decision).where(Decision.source_id.in_(source_ids))
            ).all()
        )
        for source_id in source_ids:
            decision = found.get(source_id)
            if decision is None:
                left_out[source_id] = "unknown"
            elif decision.state in allowed:
                chosen.add(decision.id)
            elif decision.state == S.PUBLISHED.value:
                left_out[source_id] = "published (add --include-published)"
            else:
                left_out[source_id] = f"state {decision.state}"
    states = set()
    if all_unpublished:
        states |= {s.value for s in UNPUBLISHED}
    if include_published and (all_unpublished or not source_ids):
        states.add(S.PUBLISHED.value)
    if states:
        chosen.update(session.scalars(select(Decision.id).where(Decision.state.in_(states))))
    return sorted(chosen), left_out


def _machine_annotations(spans: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Machine spans in the shape of :func:`annotations_in_force`."""
    return [
        {
            "start": s["start"],
            "end": s["end"],
            "type": s["type"],
            "action": "redact",
            "recognizer": s.get("recognizer", ""),
            "score": float(s.get("score", 1.0)),
            "explanation": s.get("explanation", ""),
            "human": False,
        }
        for s in spans
    ]


@dataclass(frozen=True)
class _Read:
    """One decision as read before its redaction (nothing held meanwhile)."""

    decision_id: int
    source_id: str
    state: str
    version_id: int
    raw: str
    stored: dict[str, Any]  # machine_fields of the stored result
    annotations: list[dict[str, Any]]  # in force: machine, then human
    live: tuple[str, ...]  # channels showing it (on record)


class _Channels:
    """Engines on the channel stores, opened when first read, closed at the end."""

    def __init__(self) -> None:
        self.engines: dict[str, Engine] = {}

    def live_texts(self, source_id: str, channels: Iterable[str]) -> dict[str, str]:
        from gongkai.publication import write as channel_write
        from gongkai.publication.db import open_channel

        texts = {}
        for channel in channels:
            engine = self.engines.get(channel)
            if engine is None:
                engine = self.engines[channel] = open_channel(channel)
            with Session(engine) as session:
                row = channel_write.current(session, source_id)
                if row is not None and row.status == ChannelStatus.PUBLISHED.value:
                    texts[channel] = row.redacted_text
        return texts

    def close(self) -> None:
        for engine in self.engines.values():
            engine.dispose()
        self.engines.clear()


def _read(session: Session, decision_id: int) -> _Read | None:
    decision = session.get(Decision, decision_id)
    if decision is None or decision.current_version_id is None:
        return None
    view = decision_view(session, decision)
    if view.redaction is None:
        return None
    live = tuple(
        sorted(
            c
            for c, p in publications_of(session, decision).items()
            if p.status == ChannelStatus.PUBLISHED.value
        )
    )
    return _Read(
        decision.id,
        decision.source_id,
        decision.state,
        view.version.id,
        view.version.raw,
        stored_machine_fields(view.redaction),
        annotations_in_force(session, view),
        live,
    )


def _policy_reasons(fields: dict[str, Any]) -> set[str]:
    return {
        str(w.get("reason")) for w in fields["withhold_details"] if w.get("reason") != LEAK_GUARD
    }


@contextmanager
def _channels() -> Iterator[_Channels]:
    channels = _Channels()
    try:
        yield channels
    finally:
        channels.close()


def reredact(
    source_ids: Sequence[str] = (),
    *,
    all_unpublished: bool = False,
    include_published: bool = False,
    take_down: bool = False,
    actor: str = "reredact",
    today: dt.date | None = None,
    redactor: Redacts | None = None,
    engine_version: str = ENGINE_VERSION,
) -> ReredactSummary:
    """Re-run the redactor (default: this process's, :func:`gongkai.flows._common.redactor`)
    on the current version of the chosen decisions (:func:`choose_decisions`) and act on what
    changed, as the module says. Decisions reopened for correction are due ``today`` (in
    China). Each decision is written in a transaction of its own, only if it did not change
    while it was being redacted (otherwise it is skipped: run again)."""
    engine = redactor or _common.redactor()
    today = today or china_today()
    sessions = _common.sessions()
    summary = ReredactSummary()
    with sessions() as session:
        ids, left_out = choose_decisions(
            session,
            source_ids=source_ids,
            all_unpublished=all_unpublished,
            include_published=include_published,
        )
    for source_id, why in left_out.items():
        summary.skipped += 1
        summary.outcomes[source_id] = f"skipped: {why}"
    with _channels() as channels:
        for start in range(0, len(ids), CHUNK):
            with _common.read_sessions().begin() as session:
                reads = [_read(session, i) for i in ids[start : start + CHUNK]]
            for read in reads:
                if read is None:
                    summary.skipped += 1
                    continue
                summary.examined += 1
                outcome = _reredact_one(
                    read, engine, channels, take_down, actor, today, engine_version
                )
                summary.outcomes[read.source_id] = outcome
                if outcome == "unchanged":
                    summary.unchanged += 1
                elif outcome.startswith("skipped"):
                    summary.skipped += 1
                else:
                    summary.updated += 1
                    summary.withheld += outcome == "withheld"
                    summary.reopened += outcome.startswith("reopened")
                    summary.taken_down += outcome == "reopened, taken down"
    return summary


def _reredact_one(
    read: _Read,
    engine: Redacts,
    channels: _Channels,
    take_down: bool,
    actor: str,
    today: dt.date,
    engine_version: str,
) -> str:
    result = _common.redact_raw(engine, read.raw)  # type: ignore[arg-type]  # a Redactor
    new = machine_fields(result)
    if new == read.stored:
        return "unchanged"
    # The text as approved (old machine spans + human annotations) and as it would be now.
    human = [a for a in read.annotations if a["human"]]
    old_text = new_text = None
    guard: list[str] = []
    try:
        record = parse_record(json.loads(read.raw))
    except (RecordError, ValueError):
        record = None
    if record is not None:
        old_text = engine.rerender(record, [Annotation(**a) for a in read.annotations])
        rendered = engine.rerender(
            record, [Annotation(**a) for a in _machine_annotations(new["spans"]) + human]
        )
        old_text, new_text = old_text.redacted_text, rendered.redacted_text
        guard = [w.detail for w in rendered.withholdings if w.reason == LEAK_GUARD]
    shown: dict[str, str] = {}
    if read.state == S.PUBLISHED.value and read.live:
        try:
            shown = channels.live_texts(read.source_id, read.live)
        except (SQLAlchemyError, OSError) as exc:  # nothing written: all of it again next time
            return f"skipped: channel store unreadable ({type(exc).__name__})"
    if read.state == S.PUBLISHED.value:
        differs = any(text != new_text for text in shown.values()) or (
            not shown and old_text != new_text
        )
    else:
        differs = old_text != new_text
    new_rules = sorted(_policy_reasons(new) - _policy_reasons(read.stored))
    try:
        return _store(
            read, result, new, new_rules, differs, guard, take_down, actor, today, engine_version
        )
    except ReviewError as exc:  # a channel could not be written: all of it again next time
        return f"skipped: {exc}"


def _store(
    read: _Read,
    result: dict[str, Any],
    new: dict[str, Any],
    new_rules: list[str],
    differs: bool,
    guard: list[str],
    take_down: bool,
    actor: str,
    today: dt.date,
    engine_version: str,
) -> str:
    """The writing half of :func:`_reredact_one`, in one transaction."""
    with _common.sessions().begin() as session:
        decision = session.get(Decision, read.decision_id)
        if (
            decision is None
            or decision.state != read.state
            or decision.current_version_id != read.version_id
        ):
            return "skipped: changed meanwhile"
        view = decision_view(session, decision)
        if view.redaction is None or stored_machine_fields(view.redaction) != read.stored:
            return "skipped: changed meanwhile"
        replace_machine_result(
            session,
            decision,
            result,
            engine_version=engine_version,
            actor=actor,
            reason="re-redaction with the current engine",
        )
        state, batch_id = decision.state, decision.batch_id
        if new_rules and state != S.WITHHELD.value:
            if state in (S.IN_REVIEW.value, S.REJECTED.value):
                decision.batch_id = None  # the audit entry names the batch it left
            set_state(
                session,
                decision,
                S.WITHHELD,
                actor=actor,
                reason="re-redaction: "
                + "; ".join(
                    f"{w.get('reason')}: {w.get('detail')}"
                    for w in new["withhold_details"]
                    if w.get("reason") in new_rules
                ),
                details={"withhold_reasons": new_rules, "batch_id": batch_id},
            )
            return "withheld"
        if state in (S.APPROVED.value, S.PUBLISHED.value) and (differs or guard):
            hide = state == S.PUBLISHED.value and (take_down or bool(guard))
            reason = (
                f"re-redaction: leak guard: {'; '.join(guard)}"
                if guard
                else "re-redaction changed the text to be published"
            )
            reopen_for_correction(
                session,
                decision,
                actor=actor,
                reason=reason,
                take_down=hide,
                due_date=today,
                details={"reredact": True},
            )
            return "reopened, taken down" if hide else "reopened"
    return "updated"
