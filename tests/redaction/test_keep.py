"""What must stay readable, and the stretch set the engine checks detections against."""

from __future__ import annotations

import pytest
from test_engine_cases import COMPANY

from gongkai.redaction.keep import Stretches, keep_spans
from gongkai.redaction.record import parse_record


@pytest.mark.parametrize(
    ("start", "end", "inside", "overlapping"),
    [
        (2, 4, True, True),  # wholly inside (0, 5)
        (4, 7, False, True),  # crosses the end of (0, 5)
        (5, 7, False, False),  # in the gap
        (10, 12, True, True),  # inside the second stretch
        (8, 20, False, True),  # covers the second stretch
        (21, 22, False, False),  # after everything
    ],
)
def test_stretches(start, end, inside, overlapping):
    stretches = Stretches([(10, 20), (0, 5)])
    assert stretches.contains(start, end) is inside
    assert stretches.overlaps(start, end) is overlapping


def test_keep_spans_cover_the_record_fields_and_appeal_bodies():
    record = parse_record(COMPANY)
    text = record.full_text
    kept = {text[s:e] for s, e in keep_spans(record)}
    assert record.decision_no in kept
    assert record.agency in kept
    assert record.party_name in kept  # an organisation's name stays
    assert any(k.endswith("人民法院") for k in kept)
    # a court's stretch never reaches back over a sentence
    assert all(len(k) < 40 for k in kept if k.endswith(("人民法院", "人民政府")))
