"""A small, hand-counted scenario for the report and the dashboard, built with the store's own
functions on a moving clock: 16 decisions of two agencies over 2025 and 2026, published on the
pilot and public channels at known moments, withheld for five different reasons, withdrawn
(revoked; a channel rule), expired, overdue, a withdrawal still due, leak-guard blocks and
reviewers' corrections. The figures it must give are in ``EXPECTED`` (counted by hand: see the
comments at each decision).

Used by ``tests/reports`` and ``tests/web/test_dashboard.py`` (which puts this folder on
``sys.path``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from gongkai.store import (
    ChannelStatus,
    Decision,
    DecisionState,
    add_record_version,
    add_to_batch,
    create_review_batch,
    record_published,
    record_taken_down,
    return_to_review,
    set_state,
    store_redaction,
)
from gongkai.store.publication import finish_publication
from gongkai.store.review import approve_batch, correct, undo_correction

A = "甲市公安局甲分局"
B = "甲市公安局乙分局"
FLOW = "flow:scenario/1"
PUBLISH = "flow:publish/1"
APPROVER = "user:approver"
REVIEWER = "user:reviewer"
# The moment the dashboard looks at, and the report's "as of" date (China).
NOW = dt.datetime(2026, 11, 25, 2, 0, tzinfo=dt.UTC)  # 10:00 in Beijing
AS_OF = dt.date(2026, 11, 25)
DEADLINE = 7

TEXT = (
    "甲市公安局行政处罚决定书\n违法行为人李建国，男，1980年1月2日出生。\n"
    "现查明：李建国在人民广场附近与小龙发生纠纷，小龙的微信号xiaolong88，电话13800000000。\n"
    "根据《中华人民共和国道路交通安全法》第九十九条之规定，决定处以罚款二百元。"
)

# Modules of the store that stamp rows and audit entries with utcnow(): the clock moves them.
CLOCKED_MODULES = (
    "gongkai.store.audit",
    "gongkai.store.ingest",
    "gongkai.store.redactions",
    "gongkai.store.batches",
    "gongkai.store.review",
    "gongkai.store.publication",
)


@dataclass
class Clock:
    now: dt.datetime = NOW

    def __call__(self) -> dt.datetime:
        return self.now

    def install(self, monkeypatch: pytest.MonkeyPatch) -> Clock:
        import importlib

        for name in CLOCKED_MODULES:
            monkeypatch.setattr(importlib.import_module(name), "utcnow", self)
        return self


def utc(year: int, month: int, day: int, hour: int = 2, minute: int = 0) -> dt.datetime:
    """A UTC moment; the default 02:00 is 10:00 in Beijing (same date)."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=dt.UTC)


@dataclass
class Builder:
    sessions: sessionmaker[Session]
    clock: Clock
    ids: dict[str, int] = field(default_factory=dict)
    _lines: int = 0

    def at(self, moment: dt.datetime) -> Builder:
        self.clock.now = moment
        return self

    def _do(self, work: Callable[[Session], Any]) -> Any:
        with self.sessions.begin() as session:
            return work(session)

    def _decision(self, session: Session, sid: str) -> Decision:
        decision = session.scalar(select(Decision).where(Decision.source_id == sid))
        assert decision is not None
        return decision

    def ingest(self, sid: str, agency: str, decided: dt.date, status: str = "effective") -> int:
        """A version of the record (a new one supersedes the old); returns its id."""
        self._lines += 1
        record = {  # a complete export record: the review pages parse it
            "source_id": sid,
            "decision_no": f"甲公（交）行罚决字〔{decided.year}〕{sid}号",
            "agency": agency,
            "decision_date": decided.isoformat(),
            "party_type": "natural_person",
            "party_name": "李建国",
            "party_id_type": "居民身份证",
            "party_id_number": "110101198001020017",
            "party_birth_date": "1980-01-02",
            "violation_type": "违反道路交通安全法",
            "legal_basis": "《中华人民共和国道路交通安全法》第九十九条",
            "penalty_types": ["罚款"],
            "fine_amount_yuan": 200,
            "status": status,
            "full_text": TEXT,
        }
        raw = json.dumps(record, ensure_ascii=False)

        def work(session: Session) -> int:
            add_record_version(
                session,
                source_id=sid,
                content_hash=hashlib.sha256(raw.encode()).hexdigest(),
                file_path="scenario.jsonl",
                line_no=self._lines,
                raw=raw,
                status=status,
                actor=FLOW,
                decision_date=decided,
                agency=agency,
            )
            decision = self._decision(session, sid)
            self.ids[sid] = decision.id
            assert decision.current_version_id is not None
            return decision.current_version_id

        return self._do(work)

    def redact(self, sid: str, version_id: int, withhold: str | None = None) -> None:
        details = []
        if withhold is not None:
            detail = f"依规则不予公开：{withhold}"
            if withhold == "leak_guard":
                detail = "脱敏后复查仍发现个人信息（PHONE_NUMBER），为防泄露暂不公开，须人工复核"
            details = [{"reason": withhold, "detail": detail}]
        result = {
            "publishable": withhold is None,
            "withhold_reason": withhold,
            "withhold_details": details,
            "redacted_text": TEXT,
            "spans": [],
            "doubts": [],
        }
        self._do(
            lambda s: store_redaction(s, version_id, result, engine_version="test", actor=FLOW)
        )

    def decide(self, sid: str, agency: str, decided: dt.date, withhold: str | None = None) -> None:
        """Ingest and redact on the decision date (09:00 in Beijing)."""
        self.at(utc(decided.year, decided.month, decided.day, 1))
        self.redact(sid, self.ingest(sid, agency, decided), withhold)

    def batch(self, sid: str, agency: str) -> int:
        def work(session: Session) -> int:
            batch = create_review_batch(session, agency=agency, due_date=None, actor=FLOW)
            add_to_batch(session, self._decision(session, sid), batch, actor=FLOW)
            return batch.id

        return self._do(work)

    def approve(self, sid: str, agency: str) -> None:
        batch_id = self.batch(sid, agency)

        def work(session: Session) -> None:
            from gongkai.store import ReviewBatch

            batch = session.get(ReviewBatch, batch_id)
            assert batch is not None
            approve_batch(session, batch, actor=APPROVER)

        self._do(work)

    def publish(self, sid: str, channel: str, at: dt.datetime) -> None:
        self.at(at)

        def work(session: Session) -> None:
            decision = self._decision(session, sid)
            record_published(
                session,
                decision,
                channel=channel,
                public_id=f"P{decision.id:05d}",
                content_hash="0" * 64,
                revision=1,
                at=at,
                actor=PUBLISH,
            )
            finish_publication(session, decision, actor=PUBLISH)

        self._do(work)

    def take_down(
        self,
        sid: str,
        channel: str,
        status: ChannelStatus,
        at: dt.datetime,
        rule_id: str | None = None,
        to_state: DecisionState | None = None,
    ) -> None:
        self.at(at)

        def work(session: Session) -> None:
            decision = self._decision(session, sid)
            assert record_taken_down(
                session,
                decision,
                channel=channel,
                status=status,
                reason=f"{status.value} notice",
                at=at,
                actor=PUBLISH,
                rule_id=rule_id,
            )
            if to_state is not None:
                set_state(session, decision, to_state, actor=PUBLISH, reason=status.value)

        self._do(work)

    def correct(self, sid: str, at: dt.datetime, action: str, entity_type: str, value: str) -> int:
        self.at(at)

        def work(session: Session) -> int:
            found = correct(
                session,
                self._decision(session, sid),
                actor=REVIEWER,
                action=action,
                value=value,
                entity_type=entity_type,
            )
            return found.id

        return self._do(work)

    def undo(self, correction_id: int, at: dt.datetime) -> None:
        self.at(at)

        def work(session: Session) -> None:
            from gongkai.store.models import Correction

            found = session.get(Correction, correction_id)
            assert found is not None
            undo_correction(session, found, actor=REVIEWER)

        self._do(work)


def build(sessions: sessionmaker[Session], clock: Clock) -> dict[str, int]:
    """Build the scenario; returns source id → decision id. Leaves the clock at ``NOW``."""
    s = Builder(sessions, clock)
    d = dt.date

    # --- 2025 ---------------------------------------------------------------------------------
    # A9: decided Mon 2025-03-03, pilot and public Wed 03-05 (2 working days); the public
    # channel lets it expire on 2026-06-03 (state expired).
    s.decide("A9", A, d(2025, 3, 3))
    s.approve("A9", A)
    s.publish("A9", "pilot", utc(2025, 3, 5))
    s.publish("A9", "public", utc(2025, 3, 5, 3))
    # B5: decided 2025-06-10, withheld: confidential.
    s.decide("B5", B, d(2025, 6, 10), "confidential")
    # B6: decided Mon 2025-11-03; pilot Wed 11-05 (2), public Mon 11-17 (10: late); withdrawn
    # from both by the 治安 sealing rules on 2026-01-02 (state withdrawn).
    s.decide("B6", B, d(2025, 11, 3))
    s.approve("B6", B)
    s.publish("B6", "pilot", utc(2025, 11, 5))
    s.publish("B6", "public", utc(2025, 11, 17))
    # A8: decided Mon 2025-12-29; pilot Mon 2026-01-05: Dec 30, 31, (Jan 1–3 holiday), Sun
    # Jan 4 (调休 working day), Jan 5 = 4 working days.
    s.decide("A8", A, d(2025, 12, 29))
    s.approve("A8", A)
    s.publish("A8", "pilot", utc(2026, 1, 5))

    # --- 2026 ---------------------------------------------------------------------------------
    s.take_down("B6", "public", ChannelStatus.WITHDRAWN, utc(2026, 1, 2, 1), "zhian-sealed-public")
    s.take_down(
        "B6",
        "pilot",
        ChannelStatus.WITHDRAWN,
        utc(2026, 1, 2, 1),
        "zhian-sealed-pilot",
        to_state=DecisionState.WITHDRAWN,
    )
    # B1: decided Mon 2026-01-05; pilot at 17:30 UTC = Tue Jan 6 01:30 in Beijing (1 working
    # day); public Tue Jan 20 (11: late).
    s.decide("B1", B, d(2026, 1, 5))
    s.approve("B1", B)
    s.publish("B1", "pilot", utc(2026, 1, 5, 17, 30))
    s.publish("B1", "public", utc(2026, 1, 20))
    # A3: decided Tue 2026-02-10; pilot Fri 02-27: Feb 11, 12, 13, Sat 14 (调休), (15–23
    # Spring Festival), 24, 25, 26, 27 = 8: late (due Feb 26). Revoked (recorded 06-01):
    # withdrawn from the pilot 06-02; the revoking version is withheld (not_effective).
    s.decide("A3", A, d(2026, 2, 10))
    s.approve("A3", A)
    s.publish("A3", "pilot", utc(2026, 2, 27))
    # A1: decided Mon 2026-03-02; pilot Wed 03-04 (2), public Wed 03-11 (7: on the last day).
    s.decide("A1", A, d(2026, 3, 2))
    s.approve("A1", A)
    s.publish("A1", "pilot", utc(2026, 3, 4))
    s.publish("A1", "public", utc(2026, 3, 11))
    # B4: decided Mon 2026-03-16; pilot Wed 03-18 (2). Changed (recorded 2026-11-24 08:00
    # UTC): still on the pilot, withdrawal due by 11-27 08:00 UTC; withheld (not_effective).
    s.decide("B4", B, d(2026, 3, 16))
    s.approve("B4", B)
    s.publish("B4", "pilot", utc(2026, 3, 18))
    # A4: decided 2026-04-01, withheld: minor.
    s.decide("A4", A, d(2026, 4, 1), "minor")
    s.at(utc(2026, 6, 1))
    s.redact("A3", s.ingest("A3", A, d(2026, 2, 10), status="revoked"), "not_effective")
    s.take_down("A3", "pilot", ChannelStatus.WITHDRAWN, utc(2026, 6, 2))
    # A9 expires on the public channel (it stays on the pilot).
    s.take_down(
        "A9", "public", ChannelStatus.EXPIRED, utc(2026, 6, 3), to_state=DecisionState.EXPIRED
    )
    # B2: decided 2026-06-15, withheld: summary procedure.
    s.decide("B2", B, d(2026, 6, 15), "summary_procedure")
    # A7: decided 2026-07-01, withheld by the leak guard.
    s.decide("A7", A, d(2026, 7, 1), "leak_guard")
    # B3: decided 2026-08-03, approved, then withheld by the publish flow: every channel's
    # rules exclude it.
    s.decide("B3", B, d(2026, 8, 3))
    s.approve("B3", B)
    s.at(utc(2026, 8, 5))
    s._do(
        lambda session: set_state(
            session,
            s._decision(session, "B3"),
            DecisionState.WITHHELD,
            actor=PUBLISH,
            reason="channel rules: pilot zhian-sealed-pilot; public zhian-sealed-public",
            details={"channel_rules": [{"channel": "pilot", "rule": "zhian-sealed-pilot"}]},
        )
    )
    # A2: decided Mon 2026-09-28; pilot and public Mon 10-12: Sep 29, 30, (Oct 1–7 National
    # Day), Oct 8, 9, Sat 10 (调休), 12 = 6.
    s.decide("A2", A, d(2026, 9, 28))
    s.approve("A2", A)
    s.publish("A2", "pilot", utc(2026, 10, 12))
    s.publish("A2", "public", utc(2026, 10, 12, 3))
    # A correction on A7 (withheld, so editable) 36 days before NOW: outside the 30 days.
    s.correct("A7", utc(2026, 10, 20), "mark", "PERSON", "小龙")
    # A5: decided Mon 2026-11-02, in review: due Wed 11-11, overdue by 10 working days on
    # 11-25 (Nov 12, 13, 16–20, 23, 24, 25).
    s.decide("A5", A, d(2026, 11, 2))
    s.batch("A5", A)
    # B7: decided Mon 2026-11-16 (due 11-25: not overdue on 11-25), approved, then sent back
    # to review by the publish flow's leak guard on 11-23.
    s.decide("B7", B, d(2026, 11, 16))
    s.at(utc(2026, 11, 20))
    s.approve("B7", B)
    s.at(utc(2026, 11, 23))
    s._do(
        lambda session: return_to_review(
            session,
            [s._decision(session, "B7")],
            agency=B,
            actor=PUBLISH,
            reason="leak guard at publication: PHONE_NUMBER",
            due_date=d(2026, 11, 23),
        )
    )
    # Corrections within the 30 days: PERSON marked twice, ACCOUNT marked once, ADDRESS
    # unmarked once; a PHONE_NUMBER mark undone (not counted).
    s.correct("A5", utc(2026, 11, 20), "mark", "PERSON", "小龙")
    s.correct("A5", utc(2026, 11, 22), "mark", "ACCOUNT", "xiaolong88")
    s.correct("A5", utc(2026, 11, 23), "unmark", "ADDRESS", "人民广场")
    undone = s.correct("A5", utc(2026, 11, 23, 3), "mark", "PHONE_NUMBER", "13800000000")
    s.undo(undone, utc(2026, 11, 23, 3, 10))
    s.correct("B7", utc(2026, 11, 24), "mark", "PERSON", "小龙")
    # B4's change recorded (withdrawal due), its new version withheld.
    s.at(utc(2026, 11, 24, 8))
    s.redact("B4", s.ingest("B4", B, d(2026, 3, 16), status="changed"), "not_effective")
    # A6: decided Tue 2026-11-24, redacted, not yet batched (due 12-03: not overdue).
    s.decide("A6", A, d(2026, 11, 24))
    s.at(NOW)
    return dict(s.ids)


# --- what the report must say (counted by hand from the comments above) ----------------------

EXPECTED: dict[tuple[int, str | None], dict[str, Any]] = {
    # 2026, whole organ
    (2026, None): {
        "made": 12,  # A1–A7, B1–B4, B7
        "withheld": 6,
        "withheld_by_reason": {
            "channel_rule": 1,  # B3
            "leak_guard": 1,  # A7
            "minor": 1,  # A4
            "not_effective": 2,  # A3, B4
            "summary_procedure": 1,  # B2
        },
        "overdue": 1,  # A5
        "published": {"pilot": 6, "public": 3},  # A8 A3 A1 B1 B4 A2 / B1 A1 A2
        "withdrawn": 2,
        "withdrawn_by_reason": {"revoked": 1, "rule:zhian-sealed-public": 1},  # A3, B6
        "expired": 1,  # A9
        "days": {"pilot": (1, 2, 2, 4, 6, 8), "public": (6, 7, 11)},
        "median": {"pilot": 3, "public": 7},
        "p95": {"pilot": 8, "public": 11},
        "within": {"pilot": 5, "public": 2},
        "monthly": {
            "pilot": (2, 1, 2, 0, 0, 0, 0, 0, 0, 1, 0, 0),
            "public": (1, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0),
        },
    },
    (2026, A): {
        "made": 7,
        "withheld": 3,
        "withheld_by_reason": {"leak_guard": 1, "minor": 1, "not_effective": 1},
        "overdue": 1,
        "published": {"pilot": 4, "public": 2},
        "withdrawn": 1,
        "withdrawn_by_reason": {"revoked": 1},
        "expired": 1,
        "days": {"pilot": (2, 4, 6, 8), "public": (6, 7)},
        "median": {"pilot": 5, "public": 6.5},
        "p95": {"pilot": 8, "public": 7},
        "within": {"pilot": 3, "public": 2},
        "monthly": {
            "pilot": (1, 1, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0),
            "public": (0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0),
        },
    },
    (2026, B): {
        "made": 5,
        "withheld": 3,
        "withheld_by_reason": {"channel_rule": 1, "not_effective": 1, "summary_procedure": 1},
        "overdue": 0,
        "published": {"pilot": 2, "public": 1},
        "withdrawn": 1,
        "withdrawn_by_reason": {"rule:zhian-sealed-public": 1},
        "expired": 0,
        "days": {"pilot": (1, 2), "public": (11,)},
        "median": {"pilot": 1.5, "public": 11},
        "p95": {"pilot": 2, "public": 11},
        "within": {"pilot": 2, "public": 0},
        "monthly": {
            "pilot": (1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0),
            "public": (1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
        },
    },
    # 2025, the year before
    (2025, None): {
        "made": 4,  # A8, A9, B5, B6
        "withheld": 1,
        "withheld_by_reason": {"confidential": 1},
        "overdue": 0,
        "published": {"pilot": 2, "public": 2},  # A9 B6 / A9 B6
        "withdrawn": 0,
        "withdrawn_by_reason": {},
        "expired": 0,
        "days": {"pilot": (2, 2), "public": (2, 10)},
        "median": {"pilot": 2, "public": 6},
        "p95": {"pilot": 2, "public": 10},
        "within": {"pilot": 2, "public": 1},
        "monthly": {
            "pilot": (0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0),
            "public": (0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0),
        },
    },
    (2025, A): {
        "made": 2,
        "withheld": 0,
        "withheld_by_reason": {},
        "overdue": 0,
        "published": {"pilot": 1, "public": 1},
        "withdrawn": 0,
        "withdrawn_by_reason": {},
        "expired": 0,
        "days": {"pilot": (2,), "public": (2,)},
        "median": {"pilot": 2, "public": 2},
        "p95": {"pilot": 2, "public": 2},
        "within": {"pilot": 1, "public": 1},
        "monthly": {
            "pilot": (0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0),
            "public": (0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0),
        },
    },
    (2025, B): {
        "made": 2,
        "withheld": 1,
        "withheld_by_reason": {"confidential": 1},
        "overdue": 0,
        "published": {"pilot": 1, "public": 1},
        "withdrawn": 0,
        "withdrawn_by_reason": {},
        "expired": 0,
        "days": {"pilot": (2,), "public": (10,)},
        "median": {"pilot": 2, "public": 10},
        "p95": {"pilot": 2, "public": 10},
        "within": {"pilot": 1, "public": 0},
        "monthly": {
            "pilot": (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0),
            "public": (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0),
        },
    },
}

# What the dashboard must show at NOW.
DASHBOARD = {
    "open_batches": 2,  # A5's, and the batch B7 was sent back into
    "in_review": 2,  # A5, B7
    "states": {
        "published": 4,  # A1 A2 A8 B1
        "withheld": 7,  # A3 A4 A7 B2 B3 B4 B5
        "in_review": 2,
        "redacted": 1,  # A6
        "expired": 1,  # A9
        "withdrawn": 1,  # B6
        "ingested": 0,
        "approved": 0,
        "rejected": 0,
    },
    "overdue": [("A5", dt.date(2026, 11, 2), dt.date(2026, 11, 11), 10)],
    "withdrawals": [("B4", "changed", ("pilot",), 2, 6)],  # 2 days 6 hours left
    "leak_blocks": {("A7", "withheld"), ("B7", "returned")},
    "corrections": [("PERSON", 2, 0), ("ACCOUNT", 1, 0), ("ADDRESS", 0, 1)],
}
