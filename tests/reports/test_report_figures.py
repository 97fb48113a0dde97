"""The report's figures against the hand-counted scenario (``reportscenario``), exactly."""

from __future__ import annotations

import datetime as dt

import pytest
from reportscenario import AS_OF, DEADLINE, EXPECTED, A, B

from gongkai.reports import annual_report, build_report, figures_for, load_facts
from gongkai.reports.facts import DecisionFacts, PublicationFacts
from gongkai.reports.figures import Figures, Report, Timeliness


def _section(report: Report, year: int, agency: str | None) -> Figures:
    for section in report.sections:
        if section.agency == agency:
            return section.current if section.current.year == year else section.previous
    raise AssertionError(f"no section for {agency!r}")


def _as_expected(f: Figures) -> dict:
    return {
        "made": f.made,
        "withheld": f.withheld,
        "withheld_by_reason": f.withheld_by_reason,
        "overdue": f.overdue,
        "published": f.published,
        "withdrawn": f.withdrawn,
        "withdrawn_by_reason": f.withdrawn_by_reason,
        "expired": f.expired,
        "days": {c: t.days for c, t in f.timeliness.items()},
        "median": {c: t.median for c, t in f.timeliness.items()},
        "p95": {c: t.p95 for c, t in f.timeliness.items()},
        "within": {c: t.within_deadline for c, t in f.timeliness.items()},
        "monthly": f.monthly,
    }


@pytest.fixture
def report(sessions, scenario) -> Report:
    with sessions() as session:
        return annual_report(session, year=2026, as_of=AS_OF, deadline_days=DEADLINE)


@pytest.mark.parametrize("key", sorted(EXPECTED, key=lambda k: (k[0], k[1] or "")))
def test_figures_are_the_hand_counted_ones(report, key) -> None:
    year, agency = key
    assert _as_expected(_section(report, year, agency)) == EXPECTED[key]


def test_the_report_has_the_organ_and_both_agencies(report) -> None:
    assert report.organ is not None and report.organ.agency is None
    assert [s.agency for s in report.agencies] == sorted([A, B])  # by code point: 乙 < 甲
    assert report.year == 2026 and report.as_of == AS_OF and report.deadline_days == DEADLINE
    assert report.provisional_years == ()  # 2025 and 2026 are in the official calendar


def test_shares_within_the_deadline(report) -> None:
    organ = report.organ.current
    assert organ.timeliness["pilot"].share_within_deadline == pytest.approx(5 / 6)
    assert organ.timeliness["public"].share_within_deadline == pytest.approx(2 / 3)
    assert report.organ.previous.timeliness["public"].share_within_deadline == 0.5


def test_agencies_add_up_to_the_organ(report) -> None:
    for year_of in ("current", "previous"):
        organ = getattr(report.organ, year_of)
        parts = [getattr(s, year_of) for s in report.agencies]
        for name in ("made", "withheld", "overdue", "withdrawn", "expired"):
            assert getattr(organ, name) == sum(getattr(p, name) for p in parts), name
        for channel in ("pilot", "public"):
            assert organ.published[channel] == sum(p.published[channel] for p in parts)


def test_a_rerun_gives_the_same_figures(sessions, scenario, report) -> None:
    with sessions() as session:
        again = annual_report(session, year=2026, as_of=AS_OF, deadline_days=DEADLINE)
    assert again == report


def test_one_agency_only(sessions, scenario) -> None:
    with sessions() as session:
        only = annual_report(session, year=2026, as_of=AS_OF, deadline_days=DEADLINE, agency=B)
    assert only.organ is None
    assert [s.agency for s in only.sections] == [B]
    assert _as_expected(only.agencies[0].current) == EXPECTED[(2026, B)]


def test_as_of_leaves_later_events_out(sessions, scenario) -> None:
    """As of 2026-05-31: A3 not yet withdrawn, A9 not yet expired, A2 not yet published; A5
    (decided in November) not yet made."""
    with sessions() as session:
        early = annual_report(
            session, year=2026, as_of=dt.date(2026, 5, 31), deadline_days=DEADLINE
        )
    organ = early.organ.current
    assert organ.published == {"pilot": 5, "public": 2}
    assert organ.withdrawn == 1  # B6, in January
    assert organ.withdrawn_by_reason == {"rule:zhian-sealed-public": 1}
    assert organ.expired == 0
    assert organ.made == 5  # A1 A3 A4 B1 B4 (A2 A5 A6 A7 B2 B3 B7 are decided later)
    assert organ.overdue == 0
    # Withheld is the state today, not as of the date: A3 and B4 were withheld later.
    assert organ.withheld_by_reason == {"minor": 1, "not_effective": 2}


def test_a_longer_deadline_changes_only_the_deadline_figures(sessions, scenario, report) -> None:
    with sessions() as session:
        longer = annual_report(session, year=2026, as_of=AS_OF, deadline_days=10)
    organ, base = longer.organ.current, report.organ.current
    assert organ.timeliness["pilot"].within_deadline == 6  # A3 (8 days) is now in time
    assert organ.timeliness["public"].within_deadline == 2  # B1 took 11
    assert organ.overdue == 1  # A5, now due 2026-11-16
    assert organ.made == base.made and organ.published == base.published


# --- pure functions on hand-made facts ----------------------------------------------------------


def _facts(**overrides) -> DecisionFacts:
    values = {
        "source_id": "X",
        "agency": "某局",
        "decision_date": dt.date(2026, 3, 2),
        "state": "published",
        "withhold_reason": None,
        "withdrawal_status": None,
        "publications": (),
    }
    values.update(overrides)
    return DecisionFacts(**values)


def _pub(channel: str, on: dt.date, **overrides) -> PublicationFacts:
    values = {
        "channel": channel,
        "status": "published",
        "published_on": on,
        "withdrawn_on": None,
        "expired_on": None,
        "rule_id": None,
    }
    values.update(overrides)
    return PublicationFacts(**values)


def test_percentiles_use_the_nearest_rank() -> None:
    t = Timeliness(tuple(range(1, 21)))  # 1 … 20
    assert t.median == 10.5
    assert t.p95 == 19  # ceil(0.95 × 20) = 19th value
    assert Timeliness((4,)).p95 == 4
    assert Timeliness().median is None and Timeliness().p95 is None
    assert Timeliness().share_within_deadline is None


def test_publication_on_the_deadline_day_is_in_time_and_the_next_day_is_not() -> None:
    due = dt.date(2026, 3, 11)  # 7 working days after Mon 2026-03-02
    on_time = _facts(publications=(_pub("public", due),))
    late = _facts(source_id="Y", publications=(_pub("public", due + dt.timedelta(days=1)),))
    f = figures_for([on_time, late], year=2026, as_of=dt.date(2026, 12, 31), deadline_days=7)
    assert f.timeliness["public"].days == (7, 8)
    assert f.timeliness["public"].within_deadline == 1


def test_withdrawal_reason_prefers_the_public_channel_on_a_tie() -> None:
    moment = dt.datetime(2026, 1, 2, 1, tzinfo=dt.UTC)
    both = _facts(
        withdrawal_status="revoked",
        publications=(
            _pub(
                "pilot", dt.date(2025, 12, 1), withdrawn_on=dt.date(2026, 1, 2), withdrawn_at=moment
            ),
            _pub(
                "public",
                dt.date(2025, 12, 1),
                withdrawn_on=dt.date(2026, 1, 2),
                withdrawn_at=moment,
                rule_id="r1",
            ),
        ),
    )
    f = figures_for([both], year=2026, as_of=dt.date(2026, 12, 31), deadline_days=7)
    assert f.withdrawn == 1 and f.withdrawn_by_reason == {"rule:r1": 1}


def test_a_decision_without_a_date_counts_in_events_but_not_in_time() -> None:
    undated = _facts(decision_date=None, publications=(_pub("pilot", dt.date(2026, 5, 5)),))
    f = figures_for([undated], year=2026, as_of=dt.date(2026, 12, 31), deadline_days=7)
    assert f.made == 0 and f.published["pilot"] == 1 and f.timeliness["pilot"].count == 0


def test_unknown_agency_gets_its_own_section() -> None:
    report = build_report(
        [_facts(agency=None), _facts(source_id="Y")],
        year=2026,
        as_of=dt.date(2026, 12, 31),
        deadline_days=7,
    )
    assert [s.title for s in report.agencies] == ["某局", "（未注明单位）"]


def test_years_without_an_official_calendar_are_named() -> None:
    late = _facts(decision_date=dt.date(2026, 12, 28))
    report = build_report([late], year=2026, as_of=dt.date(2026, 12, 31), deadline_days=7)
    # The deadline of a decision of 2026-12-28 runs into 2027, whose table is not out yet.
    from gongkai.workdays import has_official_calendar

    expected = () if has_official_calendar(2027) else (2027,)
    assert report.provisional_years == expected


def test_load_facts_reads_the_withholding_reason_from_the_audit_log(sessions, scenario) -> None:
    with sessions() as session:
        facts = {f.source_id: f for f in load_facts(session)}
    assert facts["B3"].withhold_reason == "channel_rule"
    assert facts["A3"].withhold_reason == "not_effective"
    assert facts["A3"].withdrawal_status == "revoked"
    assert facts["B1"].on("pilot").published_on == dt.date(2026, 1, 6)  # Beijing date
    assert facts["A5"].withhold_reason is None and facts["A5"].state == "in_review"
