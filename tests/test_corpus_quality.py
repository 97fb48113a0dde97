"""The redactor against a generated corpus it was not tuned on (the issue's acceptance figures).

Seeds 1 and 2 were used while developing the recognizers; this test uses another seed, so it
measures generalisation within the generator's variety (37 templates, hard name pools). The
independent corpus the project is also scored on is wider still.
"""

from __future__ import annotations

import json

import pytest

from gongkai.evaluation import score_pairs
from gongkai.redaction.engine import Redactor
from gongkai.redaction.record import parse_record
from gongkai.synthetic import generate

N_DECISIONS = 600
SEED = 2026


@pytest.fixture(scope="module")
def report():
    pairs = generate(N_DECISIONS, SEED)
    redactor = Redactor()
    outputs = [redactor.redact(parse_record(record)).to_dict() for record, _ in pairs]
    # round-trip through JSON, as `gongkai redact` writes it
    outputs = [json.loads(json.dumps(o, ensure_ascii=False)) for o in outputs]
    return score_pairs([(gold, output) for (_, gold), output in zip(pairs, outputs, strict=True)])


def test_no_identifier_leaks(report):
    assert report.identifier_leaks == 0, report.format()


def test_name_recall(report):
    assert report.name_recall >= 0.995, report.format()


def test_keep_rate(report):
    assert report.keep_rate >= 0.99, report.format()


def test_withhold_accuracy(report):
    assert report.withhold_accuracy == 1.0, report.format()


def test_pseudonyms_mostly_consistent(report):
    # no target in the issue; a floor so that a regression shows
    assert report.pseudonym_consistency >= 0.985, report.format()
