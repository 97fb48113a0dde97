"""Annotations are the source of truth (issue 5), with real stores and flow runs on SQLite and
PostgreSQL: a published decision reopened for correction, corrected, approved by four eyes and
published again (a correction in the channels' change feeds), with or without taking it down
first; re-redaction with an improved engine that keeps human corrections (undo still works),
is a no-op with the same engine, reopens a published decision whose text changes and withholds
one a new rule covers; ``gongkai reredact``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence

import test_publish_flows as publish_tests
from flowtools import AGENCIES
from sqlalchemy import func, select
from test_publish_flows import (  # the publication tests' set-up helpers
    APPROVER,
    FLOW,
    REVIEWER,
    TODAY,
    channel_rows,
    corpus,
    ingest,
    open_public,
    pick,
    read,
    redactor,
    review_and_approve,
    states,
)
from typer.testing import CliRunner

from gongkai.flows import _common
from gongkai.flows.publish import publication_pass, publish_approved
from gongkai.flows.reredact import reredact
from gongkai.publication import write as channel_write
from gongkai.publication.models import ChangeEntry
from gongkai.redaction.record import DecisionRecord, parse_record
from gongkai.redaction.render import Annotation
from gongkai.redaction.result import RedactionResult, Withholding
from gongkai.store import (
    AuditEntry,
    Decision,
    DecisionState,
    Publication,
    ReviewBatch,
    add_to_batch,
    create_review_batch,
    unbatched_decisions,
)
from gongkai.store.models import Correction
from gongkai.store.review import (
    CORRECTION_NOTICE,
    annotations_in_force,
    approve_batch,
    correct,
    correction_batch_ids,
    decision_view,
    reopen_for_correction,
    undo_correction,
)

# The publication tests' fixtures: a fresh internal store and channel stores per test, the flows
# pointed at them, on each backend.
backend = publish_tests.backend
worlds = publish_tests.worlds

# Nicknames the redactor does not take for names (checked below), appended to the texts.
MISSED, ALSO_MISSED = "小龙", "阿强"
ADDED = f"\n证人{MISSED}、{ALSO_MISSED}当晚在场，{MISSED}报警。"
OTHER_APPROVER = "user:approver2"


class Improved:
    """The real redactor plus what it lacks: ``values`` recognised as names, and optionally a
    withholding rule it did not apply."""

    def __init__(self, values: Sequence[str], withholding: Withholding | None = None) -> None:
        self.real = redactor()
        self.values = values
        self.withholding = withholding

    def redact(self, record: DecisionRecord) -> RedactionResult:
        first = self.real.redact(record)
        machine = [
            Annotation(s.start, s.end, s.type, "redact", s.recognizer, s.score, s.explanation)
            for s in first.spans
        ]
        for value in self.values:
            for found in re.finditer(re.escape(value), record.full_text):
                machine.append(
                    Annotation(
                        found.start(), found.end(), "PERSON", "redact", "NicknameRecognizer", 0.9
                    )
                )
        again = self.real.rerender(record, machine)
        held = [*again.withholdings, *([self.withholding] if self.withholding else [])]
        return RedactionResult(
            record.source_id, again.redacted_text, again.spans, held, first.doubts
        )

    def rerender(
        self, record: DecisionRecord, annotations: Iterable[Annotation]
    ) -> RedactionResult:
        return self.real.rerender(record, annotations)


def _records(n: int, seed: int) -> list[dict]:
    records = []
    for record, _ in pick(corpus(60, seed=seed), zhian=False, n=n):
        record = dict(record, agency=AGENCIES[0], decision_date="2025-06-01")
        record["full_text"] += ADDED
        records.append(record)
    return records


def _decision(session, source_id: str) -> Decision:
    return session.scalars(select(Decision).where(Decision.source_id == source_id)).one()


def _batch_all() -> int:
    with _common.sessions().begin() as session:
        batch = create_review_batch(session, agency=AGENCIES[0], due_date=None, actor=FLOW)
        for decision in unbatched_decisions(session, 100, agency=AGENCIES[0]):
            add_to_batch(session, decision, batch, actor=FLOW)
        return batch.id


def _changes(world, channel: str, source_id: str) -> list[str]:
    public_id = channel_write.public_id_for(source_id)
    with read(world.channel(channel)) as session:
        return list(
            session.scalars(
                select(ChangeEntry.kind)
                .where(ChangeEntry.public_id == public_id)
                .order_by(ChangeEntry.id)
            )
        )


def _audit_rows() -> int:
    with _common.sessions()() as session:
        return int(session.scalar(select(func.count()).select_from(AuditEntry)) or 0)


def _correct_and_approve(source_id: str) -> None:
    """A reviewer marks the missed name; an approver other than the one who reopened it
    approves the correction batch."""
    with _common.sessions().begin() as session:
        decision = _decision(session, source_id)
        correct(
            session, decision, actor=REVIEWER, action="mark", value=MISSED, entity_type="PERSON"
        )
    with _common.sessions().begin() as session:
        decision = _decision(session, source_id)
        batch = session.get(ReviewBatch, decision.batch_id)
        assert batch is not None
        approve_batch(session, batch, actor=OTHER_APPROVER)


# --- correct and republish ------------------------------------------------------------------


def test_a_published_decision_is_corrected_and_published_again_as_a_correction(worlds) -> None:
    world = worlds()
    (record,) = _records(1, seed=21)
    sid = record["source_id"]
    ingest([record])
    review_and_approve()
    open_public(AGENCIES[0])
    publish_approved(TODAY)
    for channel in ("pilot", "public"):
        assert MISSED in channel_rows(world, channel)[sid].redacted_text  # really missed

    with _common.sessions().begin() as session:
        batch = reopen_for_correction(
            session, _decision(session, sid), actor=APPROVER, reason="漏标证人姓名", due_date=TODAY
        )
        batch_id = batch.id
    with _common.sessions()() as session:
        assert correction_batch_ids(session, [batch_id]) == {batch_id}
        assert session.get(ReviewBatch, batch_id).due_date == TODAY
    assert states()[sid] == DecisionState.IN_REVIEW.value
    # While it is in review the channels keep what they show, and nothing republishes it.
    assert publish_approved(TODAY).pilot == 0
    for channel in ("pilot", "public"):
        row = channel_rows(world, channel)[sid]
        assert row.status == "published" and MISSED in row.redacted_text

    _correct_and_approve(sid)
    summary = publish_approved(TODAY)

    assert (summary.published, summary.pilot, summary.public) == (1, 1, 1)
    assert states()[sid] == DecisionState.PUBLISHED.value
    for channel in ("pilot", "public"):
        row = channel_rows(world, channel)[sid]
        assert row.status == "published" and row.revision == 2
        assert MISSED not in row.redacted_text and ALSO_MISSED in row.redacted_text
        assert _changes(world, channel, sid) == ["published", "corrected"]
    with read(world.internal) as session:
        actions = [
            a
            for a in session.scalars(
                select(AuditEntry.action)
                .where(AuditEntry.subject_id == sid)
                .order_by(AuditEntry.id)
            )
        ]
        assert actions.count("channel_corrected") == 2
        assert "reopened_for_correction" in actions
    assert publish_approved(TODAY).pilot == 0  # once is enough


def test_taken_down_first_then_back_with_the_corrected_text(worlds) -> None:
    world = worlds()
    (record,) = _records(1, seed=22)
    sid = record["source_id"]
    ingest([record])
    review_and_approve()
    publish_approved(TODAY)  # pilot only: public is not open for the agency

    with _common.sessions().begin() as session:
        reopen_for_correction(
            session,
            _decision(session, sid),
            actor=APPROVER,
            reason="读者来电指出漏标",
            take_down=True,
            due_date=TODAY,
        )
    row = channel_rows(world, "pilot")[sid]
    assert (row.status, row.notice) == ("hidden", CORRECTION_NOTICE)
    assert _changes(world, "pilot", sid) == ["published", "hidden"]
    with read(world.internal) as session:
        publication = session.scalars(select(Publication)).one()
        assert (publication.channel, publication.status) == ("pilot", "hidden")
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "reopened_for_correction")
        ).one()
        assert entry.details["hidden_on"] == ["pilot"] and entry.reason == "读者来电指出漏标"

    _correct_and_approve(sid)
    counts = publication_pass(TODAY)

    assert counts["published"] == 1 and counts["pilot"] == 1
    row = channel_rows(world, "pilot")[sid]
    assert row.status == "published" and row.revision == 2 and MISSED not in row.redacted_text
    # A hidden decision put back with new content is a correction in the change feed.
    assert _changes(world, "pilot", sid) == ["published", "hidden", "corrected"]
    assert states()[sid] == DecisionState.PUBLISHED.value


# --- re-redaction ---------------------------------------------------------------------------


def test_reredact_keeps_human_corrections_undo_still_works_and_twice_is_a_no_op(worlds) -> None:
    worlds()
    records = _records(2, seed=23)
    ingest(records)
    batch_id = _batch_all()
    sid = records[0]["source_id"]
    with _common.sessions().begin() as session:
        mark = correct(
            session,
            _decision(session, sid),
            actor=REVIEWER,
            action="mark",
            value=MISSED,
            entity_type="PERSON",
        )
        mark_id = mark.id

    # The same engine: nothing changes, nothing is written.
    before = _audit_rows()
    same = reredact(all_unpublished=True, actor="reredact")
    assert (same.examined, same.unchanged, same.updated) == (2, 2, 0)
    assert _audit_rows() == before

    improved = Improved([ALSO_MISSED])
    summary = reredact(all_unpublished=True, actor="reredact", redactor=improved)

    assert (summary.examined, summary.updated, summary.reopened) == (2, 2, 0)
    with _common.sessions()() as session:
        decision = _decision(session, sid)
        assert (decision.state, decision.batch_id) == (DecisionState.IN_REVIEW.value, batch_id)
        view = decision_view(session, decision)
        in_force = annotations_in_force(session, view)
        text = view.text
        machine = {text[a["start"] : a["end"]] for a in in_force if not a["human"]}
        human = {text[a["start"] : a["end"]] for a in in_force if a["human"]}
        assert ALSO_MISSED in machine and human == {MISSED}
        rendered = improved.rerender(
            parse_record(view.record), [Annotation(**a) for a in in_force]
        ).redacted_text
        assert MISSED not in rendered and ALSO_MISSED not in rendered
        replaced = session.scalars(
            select(AuditEntry).where(
                AuditEntry.action == "redaction_replaced", AuditEntry.subject_id == sid
            )
        ).one()
        assert replaced.actor == "reredact"
        assert MISSED not in json.dumps(replaced.details, ensure_ascii=False)
        assert ALSO_MISSED not in json.dumps(replaced.details, ensure_ascii=False)

    # Again with the improved engine: its result is stored already.
    before = _audit_rows()
    assert reredact(all_unpublished=True, redactor=improved).unchanged == 2
    assert _audit_rows() == before

    # The human correction can still be undone; the machine's new span stays.
    with _common.sessions().begin() as session:
        undo_correction(session, session.get(Correction, mark_id), actor=REVIEWER)
    with _common.sessions()() as session:
        view = decision_view(session, _decision(session, sid))
        rendered = improved.rerender(
            parse_record(view.record),
            [Annotation(**a) for a in annotations_in_force(session, view)],
        ).redacted_text
        assert MISSED in rendered and ALSO_MISSED not in rendered


def test_reredact_reopens_a_published_decision_whose_text_changes(worlds) -> None:
    world = worlds()
    records = _records(2, seed=24)
    ingest(records)
    review_and_approve()
    publish_approved(TODAY)
    changed, _ = (r["source_id"] for r in records)
    improved = Improved([MISSED])

    # Published decisions are left alone unless asked for.
    alone = reredact([changed], redactor=improved)
    assert alone.outcomes[changed].startswith("skipped: published")
    assert reredact(all_unpublished=True, redactor=improved).examined == 0
    assert states()[changed] == DecisionState.PUBLISHED.value

    summary = reredact([changed], include_published=True, redactor=improved, today=TODAY)

    assert (summary.updated, summary.reopened, summary.taken_down) == (1, 1, 0)
    assert states()[changed] == DecisionState.IN_REVIEW.value
    with _common.sessions()() as session:
        decision = _decision(session, changed)
        assert correction_batch_ids(session, [decision.batch_id]) == {decision.batch_id}
    row = channel_rows(world, "pilot")[changed]
    assert row.status == "published" and MISSED in row.redacted_text  # not republished unread

    # Approved by someone (the machine reopened it): the corrected text goes out.
    with _common.sessions().begin() as session:
        batch = session.get(ReviewBatch, _decision(session, changed).batch_id)
        approve_batch(session, batch, actor=OTHER_APPROVER)
    publish_approved(TODAY)
    row = channel_rows(world, "pilot")[changed]
    assert MISSED not in row.redacted_text and row.revision == 2
    assert _changes(world, "pilot", changed) == ["published", "corrected"]


def test_reredact_withholds_a_decision_a_new_rule_covers(worlds) -> None:
    worlds()
    records = _records(2, seed=25)
    ingest(records)
    _batch_all()
    sid = records[0]["source_id"]
    rule = Withholding("confidential", "涉及警务工作秘密")

    summary = reredact([sid], redactor=Improved([], withholding=rule))

    assert (summary.updated, summary.withheld) == (1, 1)
    with _common.sessions()() as session:
        decision = _decision(session, sid)
        assert (decision.state, decision.batch_id) == (DecisionState.WITHHELD.value, None)
        entry = session.scalars(
            select(AuditEntry).where(
                AuditEntry.subject_id == sid, AuditEntry.to_state == "withheld"
            )
        ).one()
        assert "confidential" in (entry.reason or "")
    assert states()[records[1]["source_id"]] == DecisionState.IN_REVIEW.value


def test_the_reredact_command(worlds, monkeypatch) -> None:
    import typer

    from gongkai.cli_maintenance import register

    world = worlds()
    (record,) = _records(1, seed=26)
    sid = record["source_id"]
    ingest([record])
    review_and_approve()
    publish_approved(TODAY)
    app = typer.Typer()
    register(app)
    app.command("noop")(lambda: None)  # more than one command: typer keeps the name
    runner = CliRunner()

    refused = runner.invoke(app, ["reredact"])
    assert refused.exit_code == 2

    monkeypatch.setattr(_common, "redactor", lambda: Improved([MISSED]))
    done = runner.invoke(
        app,
        ["reredact", "--source-id", sid, "--include-published", "--take-down", "--by", "cli:ops"],
    )

    assert done.exit_code == 0, done.output
    assert "文本有变，退回更正：1" in done.output and sid in done.output
    assert channel_rows(world, "pilot")[sid].status == "hidden"
    with read(world.internal) as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "reopened_for_correction")
        ).one()
        assert entry.actor == "cli:ops" and entry.details["hidden_on"] == ["pilot"]
    again = runner.invoke(app, ["reredact", "--source-id", sid, "--include-published", "--json"])
    assert json.loads(again.output)["unchanged"] == 1
