"""Review test data: real export records, redacted by the real redactor, put in a batch."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from gongkai.redaction.record import parse_record
from gongkai.store import (
    Decision,
    DecisionState,
    add_record_version,
    add_to_batch,
    create_review_batch,
    pending_versions,
    store_redaction,
)
from gongkai.web.review.rendering import redactor

FLOW = "flow:test-seed"

# A decision naming a bystander by a nickname the redactor does not take for a name (checked
# by a test), three times, so a reviewer's mark must replace every occurrence. With ``Tom`` in
# its place the redactor reports doubts (a Latin name-like word it left).
MISSED_NAME = "小龙"
DOUBTFUL_NAME = "Tom"
BASE_TEXT = (
    "某市公安局某分局\n行政处罚决定书\n某公（治）行罚决字〔2026〕0001号\n"
    "违法行为人李建国，男，1980年1月2日出生，居民身份证号码110101198001020017。\n"
    "现查明：2026年3月1日，李建国在某市某区某路饭店内殴打他人，店内有{name}等人。"
    "{name}当晚也饮酒。\n以上事实有监控录像、{name}提供的照片等证据证实。\n"
    "根据《中华人民共和国道路交通安全法》第九十九条之规定，现决定对李建国处以罚款二百元。\n"
    "某市公安局某分局\n二〇二六年三月九日"
)


def record(source_id: str, text: str, **overrides: Any) -> dict[str, Any]:
    row = {
        "source_id": source_id,
        "decision_no": f"某公（治）行罚决字〔2026〕{source_id}号",
        "agency": "某市公安局某分局",
        "decision_date": "2026-03-09",
        "party_type": "natural_person",
        "party_name": "李建国",
        "party_id_type": "居民身份证",
        "party_id_number": "110101198001020017",
        "party_birth_date": "1980-01-02",
        "violation_type": "殴打他人",
        "legal_basis": "《中华人民共和国道路交通安全法》第九十九条",
        "penalty_types": ["罚款"],
        "fine_amount_yuan": 200,
        "status": "effective",
        "full_text": text,
    }
    row.update(overrides)
    return row


def seed(
    sessions: sessionmaker[Session], rows: Iterable[dict[str, Any]], *, due: dt.date | None = None
) -> int | None:
    """Ingest, redact and batch ``rows``; the batch id (``None`` when nothing is publishable)."""
    with sessions.begin() as session:
        for n, row in enumerate(rows, start=1):
            raw = json.dumps(row, ensure_ascii=False)
            add_record_version(
                session,
                source_id=row["source_id"],
                content_hash=hashlib.sha256(raw.encode()).hexdigest(),
                file_path="seed.jsonl",
                line_no=n,
                raw=raw,
                status=row["status"],
                decision_date=dt.date.fromisoformat(row["decision_date"]),
                agency=row["agency"],
                actor=FLOW,
            )
        for version in pending_versions(session, limit=1000):
            result = redactor().redact(parse_record(json.loads(version.raw)))
            store_redaction(
                session, version.id, result.to_dict(), engine_version="test", actor=FLOW
            )
        ready = list(
            session.scalars(
                select(Decision).where(
                    Decision.state == DecisionState.REDACTED.value, Decision.batch_id.is_(None)
                )
            )
        )
        if not ready:
            return None
        batch = create_review_batch(session, agency="某市公安局某分局", due_date=due, actor=FLOW)
        for decision in ready:
            add_to_batch(session, decision, batch, actor=FLOW, due_date=due)
        return batch.id
