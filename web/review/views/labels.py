"""Chinese labels for review batches (decision states are the ``state_label`` filter)."""

from __future__ import annotations

from gongkai.store.models import ReviewBatch


def batch_state_label(batch: ReviewBatch) -> str:
    if batch.state == "open":
        return "待审"
    return {"approved": "已批准", "rejected": "已退回"}.get(batch.outcome or "", "已结束")
