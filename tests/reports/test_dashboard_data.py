"""What the dashboard gathers, against the hand-counted scenario at its moment ``NOW``."""

from __future__ import annotations

import dataclasses
import datetime as dt

from reportscenario import DASHBOARD, DEADLINE, EXPECTED, NOW, A, B

from gongkai.reports.dashboard import dashboard


def _board(sessions, now=NOW, deadline_days=DEADLINE):
    with sessions() as session:
        return dashboard(session, now=now, deadline_days=deadline_days)


def test_queue_and_states(sessions, scenario) -> None:
    board = _board(sessions)
    assert board.today == dt.date(2026, 11, 25)
    assert len(board.open_batches) == DASHBOARD["open_batches"]
    assert {b.agency for b in board.open_batches} == {A, B}
    assert all(b.size == 1 for b in board.open_batches)
    assert board.in_review == DASHBOARD["in_review"]
    assert board.states == DASHBOARD["states"]


def test_overdue_decisions_with_working_days_late(sessions, scenario) -> None:
    board = _board(sessions)
    got = [(r.source_id, r.decision_date, r.due_date, r.working_days_late) for r in board.overdue]
    assert got == DASHBOARD["overdue"]
    assert board.overdue[0].agency == A and board.overdue[0].state == "in_review"


def test_withdrawals_due_with_time_left(sessions, scenario) -> None:
    board = _board(sessions)
    got = [
        (w.source_id, w.status, w.channels, w.days_left, w.hours_left) for w in board.withdrawals
    ]
    assert got == DASHBOARD["withdrawals"]
    w = board.withdrawals[0]
    assert w.deadline == dt.datetime(2026, 11, 27, 8, tzinfo=dt.UTC) and not w.late
    # Four days on, the same withdrawal is late.
    late = _board(sessions, now=NOW + dt.timedelta(days=4)).withdrawals[0]
    assert late.late and late.days_left < 0


def test_leak_guard_blocks(sessions, scenario) -> None:
    board = _board(sessions)
    assert {(b.source_id, b.kind) for b in board.leak_blocks} == DASHBOARD["leak_blocks"]
    returned = next(b for b in board.leak_blocks if b.kind == "returned")
    assert returned.at == dt.datetime(2026, 11, 23, 2, tzinfo=dt.UTC)
    assert returned.detail == "leak guard at publication: PHONE_NUMBER"
    withheld = next(b for b in board.leak_blocks if b.kind == "withheld")
    assert "PHONE_NUMBER" in withheld.detail and withheld.agency == A
    # Thirty days on, the send-back has left the window; the withheld decision has not.
    later = _board(sessions, now=NOW + dt.timedelta(days=30))
    assert {(b.source_id, b.kind) for b in later.leak_blocks} == {("A7", "withheld")}


def test_corrections_by_entity_type_in_the_last_30_days(sessions, scenario) -> None:
    board = _board(sessions)
    got = [(c.entity_type, c.marked, c.unmarked) for c in board.corrections]
    assert got == DASHBOARD["corrections"]
    assert board.corrections_since == NOW - dt.timedelta(days=30)
    # Six days earlier the window reaches back to 2026-10-20 02:00: A7's early mark counts too
    # (the window has no upper end: the later marks still count).
    earlier = _board(sessions, now=NOW - dt.timedelta(days=6))
    first = earlier.corrections[0]
    assert (first.entity_type, first.marked) == ("PERSON", 3)


def test_this_years_figures_are_the_reports(sessions, scenario) -> None:
    organ = _board(sessions).report.organ
    assert organ is not None
    assert organ.current.made == EXPECTED[(2026, None)]["made"]
    assert organ.current.published == EXPECTED[(2026, None)]["published"]
    assert organ.current.overdue == len(DASHBOARD["overdue"])


def test_an_empty_store(sessions) -> None:
    board = _board(sessions)
    assert board.open_batches == [] and board.overdue == [] and board.withdrawals == []
    assert board.leak_blocks == [] and board.corrections == []
    assert set(board.states.values()) == {0}
    assert dataclasses.asdict(board.report.organ.current)["made"] == 0
