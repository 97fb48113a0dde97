"""The report's figures, computed from :class:`~gongkai.reports.facts.DecisionFacts` alone: pure
functions, no database, so the same facts always give the same figures. ``docs/report.md`` says
what each figure means; in short:

- by **decision date** in the year (the year's decisions): ``made``, ``withheld`` (by reason;
  the state today), ``overdue`` (not withheld, on no channel by ``as_of``, deadline passed);
- by the **date of the event** in the year: ``published`` (first time on each channel),
  ``withdrawn`` (by reason), ``expired``, the monthly publications, and the working days from
  decision to first publication of what was first published in the year (median, 95th
  percentile, histogram, share within the deadline).

Events after ``as_of`` are left out, so a report "as of" a date is reproducible.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from gongkai import workdays

from .facts import DecisionFacts, PublicationFacts

CHANNELS = ("pilot", "public")
ORGAN = None  # the agency "name" of the whole organ's section
UNKNOWN_AGENCY = "（未注明单位）"


@dataclass(frozen=True)
class Timeliness:
    """Working days from decision to first publication on one channel, of the decisions first
    published there in the year."""

    days: tuple[int, ...] = ()  # sorted
    within_deadline: int = 0  # published on or before the deadline's last day

    @property
    def count(self) -> int:
        return len(self.days)

    @property
    def median(self) -> float | None:
        return statistics.median(self.days) if self.days else None

    @property
    def p95(self) -> int | None:
        """Nearest-rank 95th percentile: the smallest value with at least 95 % of the values
        at or below it."""
        if not self.days:
            return None
        return self.days[max(0, math.ceil(0.95 * len(self.days)) - 1)]

    @property
    def share_within_deadline(self) -> float | None:
        return self.within_deadline / len(self.days) if self.days else None


@dataclass(frozen=True)
class Figures:
    """One scope (an agency or the whole organ), one year."""

    year: int
    made: int = 0
    withheld: int = 0
    withheld_by_reason: dict[str, int] = field(default_factory=dict)
    overdue: int = 0
    published: dict[str, int] = field(default_factory=dict)  # channel → decisions
    withdrawn: int = 0
    withdrawn_by_reason: dict[str, int] = field(default_factory=dict)
    expired: int = 0
    timeliness: dict[str, Timeliness] = field(default_factory=dict)  # channel →
    monthly: dict[str, tuple[int, ...]] = field(default_factory=dict)  # channel → 12 counts

    def histogram(self, channel: str, bins: int) -> tuple[int, ...]:
        """Decisions per working days to publication: 0, 1, …, ``bins - 2``, and the last bin
        for ``bins - 1`` or more."""
        counts = [0] * bins
        for days in self.timeliness.get(channel, Timeliness()).days:
            counts[min(max(days, 0), bins - 1)] += 1
        return tuple(counts)


@dataclass(frozen=True)
class Section:
    """An agency's (or the organ's, ``agency`` ``None``) figures for the year and the year
    before."""

    agency: str | None
    current: Figures
    previous: Figures

    @property
    def title(self) -> str:
        return "全机关" if self.agency is None else self.agency


@dataclass(frozen=True)
class Report:
    year: int
    as_of: dt.date
    deadline_days: int
    organ: Section | None  # None when the report is for one agency
    agencies: tuple[Section, ...]
    provisional_years: tuple[int, ...] = ()  # years counted without an official calendar

    @property
    def sections(self) -> tuple[Section, ...]:
        return ((self.organ,) if self.organ else ()) + self.agencies


def _in_year(day: dt.date | None, year: int, as_of: dt.date) -> bool:
    return day is not None and day.year == year and day <= as_of


def _first_withdrawal(facts: DecisionFacts, year: int, as_of: dt.date) -> PublicationFacts | None:
    """The decision's earliest withdrawal in the year (the public channel first on a tie)."""
    found = [p for p in facts.publications if _in_year(p.withdrawn_on, year, as_of)]
    if not found:
        return None
    earliest = dt.datetime.min.replace(tzinfo=dt.UTC)
    return min(found, key=lambda p: (p.withdrawn_at or earliest, p.channel != "public"))


def withdrawal_reason(facts: DecisionFacts, publication: PublicationFacts) -> str:
    """``rule:<id>`` when a channel rule withdrew it, else the export status that called for
    the withdrawal (``revoked`` …), else ``other``."""
    if publication.rule_id:
        return f"rule:{publication.rule_id}"
    return facts.withdrawal_status or "other"


def figures_for(
    facts: Iterable[DecisionFacts],
    *,
    year: int,
    as_of: dt.date,
    deadline_days: int,
    add_working_days: Callable[[dt.date, int], dt.date] = workdays.add_working_days,
    working_days_between: Callable[[dt.date, dt.date], int] = workdays.working_days_between,
) -> Figures:
    """The figures of one year over ``facts`` (the caller picks the scope)."""
    made = withheld = overdue = withdrawn = expired = 0
    withheld_by: Counter[str] = Counter()
    withdrawn_by: Counter[str] = Counter()
    published: Counter[str] = Counter()
    monthly = {c: [0] * 12 for c in CHANNELS}
    days: dict[str, list[int]] = {c: [] for c in CHANNELS}
    within: Counter[str] = Counter()

    for f in facts:
        # The year's decisions.
        if _in_year(f.decision_date, year, as_of):
            assert f.decision_date is not None
            made += 1
            if f.withhold_reason is not None:
                withheld += 1
                withheld_by[f.withhold_reason] += 1
            else:
                out = [p for p in f.publications if p.published_on <= as_of]
                due = add_working_days(f.decision_date, deadline_days)
                if not out and due < as_of:
                    overdue += 1
        # Events of the year.
        for p in f.publications:
            if p.channel not in monthly or not _in_year(p.published_on, year, as_of):
                continue
            published[p.channel] += 1
            monthly[p.channel][p.published_on.month - 1] += 1
            if f.decision_date is not None:
                days[p.channel].append(working_days_between(f.decision_date, p.published_on))
                if p.published_on <= add_working_days(f.decision_date, deadline_days):
                    within[p.channel] += 1
        first = _first_withdrawal(f, year, as_of)
        if first is not None:
            withdrawn += 1
            withdrawn_by[withdrawal_reason(f, first)] += 1
        if any(_in_year(p.expired_on, year, as_of) for p in f.publications):
            expired += 1

    return Figures(
        year=year,
        made=made,
        withheld=withheld,
        withheld_by_reason=dict(sorted(withheld_by.items())),
        overdue=overdue,
        published={c: published[c] for c in CHANNELS},
        withdrawn=withdrawn,
        withdrawn_by_reason=dict(sorted(withdrawn_by.items())),
        expired=expired,
        timeliness={c: Timeliness(tuple(sorted(days[c])), within[c]) for c in CHANNELS},
        monthly={c: tuple(monthly[c]) for c in CHANNELS},
    )


def agency_name(facts: DecisionFacts) -> str:
    return facts.agency or UNKNOWN_AGENCY


def build_report(
    facts: Sequence[DecisionFacts],
    *,
    year: int,
    as_of: dt.date,
    deadline_days: int,
    agency: str | None = None,
) -> Report:
    """The report of ``year`` with the year before: the whole organ and each agency, or only
    ``agency`` when given. Notes the years whose working days were counted without an official
    calendar (:func:`gongkai.workdays.has_official_calendar`)."""
    touched: set[int] = set()

    def add_working_days(day: dt.date, n: int) -> dt.date:
        result = workdays.add_working_days(day, n)
        touched.update(range(day.year, result.year + 1))
        return result

    def working_days_between(a: dt.date, b: dt.date) -> int:
        touched.update(range(min(a, b).year, max(a, b).year + 1))
        return workdays.working_days_between(a, b)

    def section(name: str | None, scope: list[DecisionFacts]) -> Section:
        def one(y: int) -> Figures:
            return figures_for(
                scope,
                year=y,
                as_of=as_of,
                deadline_days=deadline_days,
                add_working_days=add_working_days,
                working_days_between=working_days_between,
            )

        return Section(name, one(year), one(year - 1))

    by_agency: dict[str, list[DecisionFacts]] = {}
    for f in facts:
        by_agency.setdefault(agency_name(f), []).append(f)
    if agency is not None:
        organ = None
        sections = (section(agency, by_agency.get(agency, [])),)
    else:
        organ = section(ORGAN, list(facts))
        # By name (code point order); decisions without an agency last.
        names = sorted(by_agency, key=lambda name: (name == UNKNOWN_AGENCY, name))
        sections = tuple(section(name, by_agency[name]) for name in names)
    return Report(
        year=year,
        as_of=as_of,
        deadline_days=deadline_days,
        organ=organ,
        agencies=sections,
        provisional_years=tuple(
            sorted(y for y in touched if not workdays.has_official_calendar(y))
        ),
    )
