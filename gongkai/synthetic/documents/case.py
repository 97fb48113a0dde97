"""The state one decision is written from, and the registry of document templates.

A template is a function that takes a :class:`Case` and writes the decision into ``case.b``
while setting the structured fields (violation, legal basis, sanction). The generator picks the
region, dates and the withholding scenario before the template runs; the template asks the case
for its party (:meth:`Case.new_party`) so that a planned minor gets a matching birth date.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from faker import Faker

from .. import identifiers as ids
from ..builder import DocBuilder
from ..numerals import cn_int
from ..orgs import Org
from ..people import NameMaker, Person, make_person
from ..places import District, Region

T = TypeVar("T")


@dataclass
class MinorPlan:
    """Where the party's age can be read, and whether the party is a minor at the act.

    ``mode`` says which sources carry the birth date:
    ``field`` (birth-date field, ID and text agree), ``id_only`` (only the ID number: no
    birth-date field, no age or birth date in the text), ``text_only`` (neither field nor ID;
    the text gives the age or birth date), ``conflict`` (the field holds a wrong, adult date;
    the ID and the text are right and younger).
    """

    minor: bool
    mode: str = "field"
    boundary: str | None = None  # "day_before_18" (minor) / "day_after_18", "on_18th" (adult)


@dataclass
class Sanction:
    """The penalties imposed; also yields the export's ``penalty_types`` and fine."""

    warning: bool = False
    criticism: bool = False  # 通报批评
    fine: int = 0
    detention_days: int = 0
    detention_not_executed: bool = False  # minors: decided but not executed (治安法 第21条)
    confiscate_gains: int = 0
    confiscate_items: str = ""
    suspend_licence: str = ""
    revoke_licence: str = ""
    stop_business: str = ""
    leave_country: str = ""  # 限期出境 / 驱逐出境

    def penalty_types(self) -> list[str]:
        kinds = []
        if self.warning:
            kinds.append("警告")
        if self.criticism:
            kinds.append("通报批评")
        if self.detention_days:
            kinds.append("行政拘留")
        if self.fine:
            kinds.append("罚款")
        if self.confiscate_gains:
            kinds.append("没收违法所得")
        if self.confiscate_items:
            kinds.append("没收非法财物")
        if self.suspend_licence:
            kinds.append("暂扣许可证件")
        if self.revoke_licence:
            kinds.append("吊销许可证件")
        if self.stop_business:
            kinds.append("责令停产停业")
        if self.leave_country:
            kinds.append(self.leave_country)
        return kinds

    @property
    def days_text(self) -> str:
        return f"{cn_int(self.detention_days)}日"


@dataclass
class Case:
    rng: random.Random
    fake: Faker
    names: NameMaker
    region: Region
    district: District
    decision_date: dt.date
    act_date: dt.date
    plan: MinorPlan
    b: DocBuilder = field(default_factory=DocBuilder)
    template: str = ""
    agency: str = ""
    agency_kind: str = "branch"
    decision_no: str = ""
    party: Person | None = None
    org: Org | None = None
    violation_type: str = ""
    legal_basis: str = ""
    sanction: Sanction = field(default_factory=Sanction)
    procedure: str = "general"
    # how the party's values are written in the text, which may differ from the fields
    id_text_style: str = "plain"
    name_in_field: str | None = None
    guardian: Person | None = None

    # -- randomness helpers ----------------------------------------------------------
    def pick(self, options: Sequence[T], weights: Sequence[float] | None = None) -> T:
        if weights is None:
            return self.rng.choice(options)
        return self.rng.choices(options, weights)[0]

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def between(self, low: int, high: int) -> int:
        return self.rng.randint(low, high)

    def day_before(self, date: dt.date, low: int, high: int) -> dt.date:
        return date - dt.timedelta(days=self.rng.randint(low, high))

    # -- people ----------------------------------------------------------------------
    def person(self, **kw) -> Person:
        """Anyone but the party: victims, witnesses, relatives, officers."""
        kw.setdefault("on", self.act_date)
        return make_person(self.rng, self.fake, self.names, self.region, **kw)

    def relative(self, of: Person, relation: str) -> Person:
        """A relative; blood relatives on the father's side share the surname."""
        same_name = relation in (
            "父亲",
            "哥哥",
            "弟弟",
            "姐姐",
            "妹妹",
            "儿子",
            "女儿",
            "堂弟",
            "堂兄",
        )
        male = relation in ("父亲", "哥哥", "弟弟", "丈夫", "儿子", "堂弟", "堂兄")
        older = relation in ("父亲", "母亲")
        kw: dict = {"male": male}
        if of.kind == "han":
            kw["kind"] = "han"
            if same_name:
                kw["surname"] = of.surname
        else:
            kw["kind"] = of.kind if of.kind in ("minority", "foreign") else "han"
            if of.kind == "foreign":
                kw["country"] = of.nationality
        if older:
            kw["birth"] = of.birth.replace(year=of.birth.year - self.between(22, 32))
        elif relation in ("儿子", "女儿"):
            kw.update(min_age=1, max_age=max(1, (self.act_date.year - of.birth.year) - 22))
        else:
            age = self.act_date.year - of.birth.year
            kw.update(min_age=max(14, age - 8), max_age=min(80, age + 8))
        return self.person(**kw)

    def officer(self, **kw) -> Person:
        """A police officer (民警/辅警/交通警察): named, so pseudonymised like anyone."""
        cop = self.person(min_age=24, max_age=55, **kw)
        cop.extra["badge"] = self.pick(("0", "1", "2")) + "".join(
            self.rng.choice("0123456789") for _ in range(5)
        )
        return cop

    def new_party(self, **kw) -> Person:
        """The penalised person, aged according to the minor plan (adult by default)."""
        plan = self.plan
        act = self.act_date
        if plan.boundary == "day_before_18":
            kw["birth"] = _shift_years(act + dt.timedelta(days=1), -18)
        elif plan.boundary == "day_after_18":
            kw["birth"] = _shift_years(act - dt.timedelta(days=1), -18)
        elif plan.boundary == "on_18th":
            kw["birth"] = _shift_years(act, -18)
        elif plan.minor:
            kw.update(min_age=14, max_age=17)
        kw.setdefault("on", act)
        if plan.minor or plan.boundary:
            kw.setdefault("kind", "han")
        party = self.person(**kw)
        if self.id_text_style == "lower_x" and party.id_number:
            party.id_number = _id_ending_in_x(self.rng, party)
        self.party = party
        return party


def _shift_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _id_ending_in_x(rng: random.Random, person: Person) -> str:
    assert person.id_number
    area = person.id_number[:6]
    for _ in range(200):
        candidate = ids.resident_id(rng, area, person.birth, person.male)
        if candidate.endswith("X"):
            return candidate
    return person.id_number


@dataclass(frozen=True)
class TemplateSpec:
    name: str
    build: Callable[[Case], None]
    weight: float
    party: str = "person"  # person / org
    procedure: str = "general"
    minor_ok: bool = False
    gap: tuple[int, int] = (2, 40)  # days between the act and the decision
    exact_act_date: bool = True  # the facts open with the day of the act (not a period)
    law: str = "治安管理处罚法"


TEMPLATES: dict[str, TemplateSpec] = {}


def template(
    name: str, weight: float, **kw
) -> Callable[[Callable[[Case], None]], Callable[[Case], None]]:
    """Register a document template under ``name`` (the ``template`` value in the gold)."""

    def register(fn: Callable[[Case], None]) -> Callable[[Case], None]:
        if name in TEMPLATES:
            raise ValueError(f"duplicate template {name}")
        TEMPLATES[name] = TemplateSpec(name, fn, weight, **kw)
        return fn

    return register
