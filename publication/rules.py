"""Channel rules, publicity periods and channel openings: what each channel may carry, and when.

A **channel rule** keeps decisions off one channel from a date on (``../shared/domain.md``,
"Channel rules"). It names the law behind it, says which decisions it covers with a small
predicate over the decision's *public* metadata, and gives the notice readers see in place of a
decision it withdraws. Rules are applied when a decision is published and re-checked every day,
so a rule that comes into force also withdraws what is already out.

The default set seals 治安 records from 2026-01-01 (治安管理处罚法, revised 2025, art. 136): no
decision whose legal basis cites the 治安管理处罚法 stays on the public channel, and — unless the
setting ``pilot_shows_sealed`` says otherwise — none on the intranet pilot either.

Predicates (``when``): clauses joined by `` and ``, each ``FIELD OP VALUE``::

    laws has 治安管理处罚法                  the law is among those the legal basis cites
    law == 道路交通安全法                    the main law (the last one cited, 行政处罚法 aside)
    law in 网络安全法, 反电信网络诈骗法
    penalty_types only 警告                 warning-only decisions
    penalty_types has 行政拘留
    fine_amount_fen < 20000                 numbers (fen) and decision_date (YYYY-MM-DD)
    violation_type contains 赌博             substring
    agency != 甲市公安局东城分局

Fields: ``law``, ``laws``, ``agency``, ``decision_date``, ``violation_type``, ``legal_basis``,
``penalty_types``, ``fine_amount_fen``. A rule is identified by its ``id``: give a changed rule
a new id (a decision withdrawn by a rule id that is no longer in force is published again).

Settings (environment, plus an optional TOML file):

- ``GONGKAI_PUBLICATION_FILE`` (unset): a TOML file with ``[[rule]]`` tables (id, channel,
  effective, law, when, notice, until), ``[[opening]]`` tables (channel, agency, date),
  ``[publicity_months]`` and ``pilot_shows_sealed``;
- ``GONGKAI_PILOT_SHOWS_SEALED`` (``false``): may the pilot still show sealed 治安 decisions;
- ``GONGKAI_PUBLICITY_MONTHS`` (``36``): the publicity period per penalty type, in months
  (3–36), e.g. ``警告=6,罚款=12,*=36``.

Imports only the standard library.
"""

from __future__ import annotations

import calendar
import datetime as dt
import os
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

CHANNELS = ("pilot", "public")
PUBLICATION_FILE_ENV = "GONGKAI_PUBLICATION_FILE"
PILOT_SHOWS_SEALED_ENV = "GONGKAI_PILOT_SHOWS_SEALED"
PUBLICITY_MONTHS_ENV = "GONGKAI_PUBLICITY_MONTHS"

# 2023 credit rules: information is publicised for at least 3 months and at most 3 years.
MIN_PUBLICITY_MONTHS = 3
MAX_PUBLICITY_MONTHS = 36
DEFAULT_PUBLICITY_MONTHS = 36

SEALING_DATE = dt.date(2026, 1, 1)
SEALING_LAW = "《中华人民共和国治安管理处罚法》（2025年修订）第一百三十六条"
SEALING_NOTICE = (
    "根据《中华人民共和国治安管理处罚法》第一百三十六条，违反治安管理的记录自2026年1月1日起"
    "予以封存，不得向任何单位和个人提供或者公开。本决定书依法不再公开。"
)

# 行政处罚法 art. 48 para. 2: withdraw within three days and publish the reason.
WITHDRAWAL_LAW = "《中华人民共和国行政处罚法》第四十八条第二款"
WITHDRAWAL_LABELS = {
    "changed": "依法变更",
    "revoked": "依法撤销",
    "confirmed_illegal": "被依法确认违法",
    "confirmed_void": "被依法确认无效",
}
EXPIRY_NOTICE = (
    "本决定书的公示期限已届满（自决定之日起{months}个月），依照信用信息公示期限的规定不再公示。"
)


class RuleError(ValueError):
    """A channel rule, opening or publication setting that cannot be used."""


# --- the law a decision rests on ------------------------------------------------------------

_CITED = re.compile(r"《([^》]+)》")
_UNQUOTED = re.compile(r"((?:中华人民共和国)?[\u4e00-\u9fff]{2,30}?(?:法|条例|办法|规定))(?=第|$)")
GENERAL_LAW = "行政处罚法"


def short_law_name(name: str) -> str:
    """《中华人民共和国治安管理处罚法》 → 治安管理处罚法 (brackets, the state name and a
    parenthesised revision note such as （2012修正） dropped)."""
    name = name.strip().strip("《》").strip()
    name = re.sub(r"[（(][^）)]*[）)]$", "", name)
    return name.removeprefix("中华人民共和国")


def laws_of(legal_basis: str) -> tuple[str, ...]:
    """Every law the ``legal_basis`` field cites, short names, in order, each once."""
    cited = _CITED.findall(legal_basis)
    if not cited:
        cited = [m.group(1) for part in re.split(r"[；;，,、\s]+", legal_basis)
                 if (m := _UNQUOTED.search(part))]  # fmt: skip
    out: list[str] = []
    for name in cited:
        short = short_law_name(name)
        if short and short not in out:
            out.append(short)
    return tuple(out)


def law_of(legal_basis: str) -> str:
    """The main law: the last one cited other than the general 行政处罚法 (decisions cite the
    rule broken first and the penalty provision last); the 行政处罚法 when it is all there is;
    ``""`` when none can be read."""
    laws = laws_of(legal_basis)
    specific = [law for law in laws if law != GENERAL_LAW]
    if specific:
        return specific[-1]
    return laws[-1] if laws else ""


# --- publicity periods -----------------------------------------------------------------------


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus whole months; the 31st becomes the month's last day where needed."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class PublicityPeriods:
    """Months a decision stays on the public channel, counted from its decision date, per
    penalty type; a decision with several penalties stays for the longest of them."""

    default: int = DEFAULT_PUBLICITY_MONTHS
    by_penalty: Mapping[str, int] = field(default_factory=dict)

    def months(self, penalty_types: Iterable[str]) -> int:
        found = [self.by_penalty[p] for p in penalty_types if p in self.by_penalty]
        return max(found) if found else self.default

    def expires_on(self, decision_date: dt.date, penalty_types: Iterable[str]) -> dt.date:
        """The first day the decision is no longer public."""
        return add_months(decision_date, self.months(penalty_types))

    @property
    def longest(self) -> int:
        return max([self.default, *self.by_penalty.values()])

    @classmethod
    def parse(cls, raw: str | Mapping[str, Any]) -> PublicityPeriods:
        """``"36"``, ``"警告=6,罚款=12,*=36"`` or a mapping (``default`` or ``*`` for the rest)."""
        if isinstance(raw, str):
            items: dict[str, Any] = {}
            for part in filter(None, (p.strip() for p in re.split(r"[,，;；]", raw))):
                key, sep, value = part.partition("=")
                items[key.strip() if sep else "*"] = value if sep else key
        else:
            items = dict(raw)
        default = DEFAULT_PUBLICITY_MONTHS
        by_penalty: dict[str, int] = {}
        for key, value in items.items():
            months = _months(key, value)
            if key in ("*", "default"):
                default = months
            else:
                by_penalty[key] = months
        return cls(default, by_penalty)


def _months(key: str, value: Any) -> int:
    try:
        months = int(str(value).strip())
    except ValueError:
        raise RuleError(f"publicity period {key}={value!r}: expected whole months") from None
    if not MIN_PUBLICITY_MONTHS <= months <= MAX_PUBLICITY_MONTHS:
        raise RuleError(
            f"publicity period {key}={months}: the credit rules allow "
            f"{MIN_PUBLICITY_MONTHS}–{MAX_PUBLICITY_MONTHS} months"
        )
    return months


# --- predicates ------------------------------------------------------------------------------

FIELDS = (
    "law",
    "laws",
    "agency",
    "decision_date",
    "violation_type",
    "legal_basis",
    "penalty_types",
    "fine_amount_fen",
)
_LIST_FIELDS = {"laws", "penalty_types"}
_CLAUSE = re.compile(
    r"^\s*(?P<field>[a-z_]+)\s+"
    r"(?P<op>==|!=|<=|>=|<|>|not in|in|has|only|contains)\s+"
    r"(?P<value>.+?)\s*$"
)

Metadata = Mapping[str, Any]
Predicate = Callable[[Metadata], bool]


def _values(raw: str) -> list[str]:
    return [v.strip().strip("\"'“”") for v in re.split(r"[,，、]", raw) if v.strip()]


def _scalar(name: str, raw: str) -> Any:
    value = raw.strip().strip("\"'“”")
    if name == "fine_amount_fen":
        try:
            return int(value)
        except ValueError:
            raise RuleError(f"{name}: {value!r} is not a whole number of fen") from None
    if name == "decision_date":
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise RuleError(f"{name}: {value!r} is not a YYYY-MM-DD date") from None
    return value


def _clause(text: str) -> Predicate:
    match = _CLAUSE.match(text)
    if match is None:
        raise RuleError(f"cannot read the condition {text.strip()!r} (FIELD OP VALUE)")
    name, op, raw = match["field"], match["op"], match["value"]
    if name not in FIELDS:
        raise RuleError(f"unknown field {name!r} (known: {', '.join(FIELDS)})")
    if name in _LIST_FIELDS:
        wanted = set(_values(raw))
        if op == "has":
            return lambda m: bool(wanted & set(m[name]))
        if op == "only":
            return lambda m: bool(m[name]) and set(m[name]) <= wanted
        raise RuleError(f"{name} is a list: use 'has' or 'only', not {op!r}")
    if op in ("has", "only"):
        raise RuleError(f"{op!r} applies to laws and penalty_types, not to {name}")
    if op in ("in", "not in"):
        listed = {_scalar(name, v) for v in _values(raw)}
        return (lambda m: m[name] in listed) if op == "in" else (lambda m: m[name] not in listed)
    if op == "contains":
        needle = str(_scalar(name, raw))
        return lambda m: needle in str(m[name])
    value = _scalar(name, raw)
    compare: dict[str, Callable[[Any, Any], bool]] = {
        "==": lambda a, b: a == b,
        "!=": lambda a, b: a != b,
        "<": lambda a, b: a < b,
        "<=": lambda a, b: a <= b,
        ">": lambda a, b: a > b,
        ">=": lambda a, b: a >= b,
    }
    if op not in ("==", "!=") and name not in ("fine_amount_fen", "decision_date"):
        raise RuleError(f"{op!r} compares numbers and dates, not {name}")
    check = compare[op]
    return lambda m: check(m[name], value)


def compile_predicate(text: str) -> Predicate:
    clauses = [_clause(part) for part in re.split(r"\s+and\s+", text.strip()) if part.strip()]
    if not clauses:
        raise RuleError("a rule needs a condition ('when')")
    return lambda m: all(c(m) for c in clauses)


def public_metadata(
    *,
    agency: str,
    decision_date: dt.date,
    violation_type: str,
    legal_basis: str,
    penalty_types: Sequence[str],
    fine_amount_fen: int,
    law: str | None = None,
) -> dict[str, Any]:
    """What a rule may look at: public metadata only (never the text, never an original)."""
    return {
        "law": law if law is not None else law_of(legal_basis),
        "laws": laws_of(legal_basis),
        "agency": agency,
        "decision_date": decision_date,
        "violation_type": violation_type,
        "legal_basis": legal_basis,
        "penalty_types": tuple(penalty_types),
        "fine_amount_fen": int(fine_amount_fen),
    }


# --- rules -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChannelRule:
    """Decisions matching ``when`` may not be on ``channel`` from ``effective`` (until
    ``until``, exclusive, when given); ``law`` names the legal basis, ``notice`` is what readers
    see in place of a decision the rule withdraws."""

    id: str
    channel: str
    effective: dt.date
    law: str
    when: str
    notice: str
    until: dt.date | None = None

    def __post_init__(self) -> None:
        if self.channel not in CHANNELS:
            raise RuleError(f"rule {self.id}: unknown channel {self.channel!r}")
        if not self.id.strip() or len(self.id) > 64:
            raise RuleError(f"rule id {self.id!r}: 1–64 characters")
        if not self.law.strip() or not self.notice.strip():
            raise RuleError(f"rule {self.id}: name the law and give the notice")
        self.predicate  # noqa: B018 - compile now: a bad condition fails at start-up

    @cached_property
    def predicate(self) -> Predicate:
        return compile_predicate(self.when)

    def in_force(self, today: dt.date) -> bool:
        return self.effective <= today and (self.until is None or today < self.until)

    def matches(self, metadata: Metadata) -> bool:
        return self.predicate(metadata)

    def describe(self) -> dict[str, str]:
        return {"rule": self.id, "law": self.law, "effective": self.effective.isoformat()}


def sealing_rules(pilot_shows_sealed: bool = False) -> tuple[ChannelRule, ...]:
    """The 治安 sealing rule (治安管理处罚法 art. 136, from 2026-01-01) for the public channel,
    and for the pilot too unless ``pilot_shows_sealed``."""
    channels = ("public",) if pilot_shows_sealed else ("public", "pilot")
    return tuple(
        ChannelRule(
            id=f"zhian-sealed-{channel}",
            channel=channel,
            effective=SEALING_DATE,
            law=SEALING_LAW,
            when="laws has 治安管理处罚法",
            notice=SEALING_NOTICE,
        )
        for channel in channels
    )


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[ChannelRule, ...]

    def __post_init__(self) -> None:
        ids = [r.id for r in self.rules]
        if len(ids) != len(set(ids)):
            raise RuleError(f"rule ids must be unique: {ids}")

    def in_force(self, channel: str, today: dt.date) -> list[ChannelRule]:
        return [r for r in self.rules if r.channel == channel and r.in_force(today)]

    def excluding(self, metadata: Metadata, channel: str, today: dt.date) -> ChannelRule | None:
        """The first rule in force that keeps this decision off ``channel`` today, if any."""
        for rule in self.in_force(channel, today):
            if rule.matches(metadata):
                return rule
        return None

    def ids_in_force(self, channel: str, today: dt.date) -> set[str]:
        return {r.id for r in self.in_force(channel, today)}


# --- openings and the settings as a whole --------------------------------------------------


@dataclass(frozen=True)
class ConfiguredOpening:
    """A channel opened for an agency by configuration (from ``date`` on)."""

    channel: str
    agency: str
    date: dt.date


@dataclass(frozen=True)
class PublicationSettings:
    rules: RuleSet
    periods: PublicityPeriods = field(default_factory=PublicityPeriods)
    openings: tuple[ConfiguredOpening, ...] = ()
    pilot_shows_sealed: bool = False

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> PublicationSettings:
        env = os.environ if environ is None else environ
        data: dict[str, Any] = {}
        path = env.get(PUBLICATION_FILE_ENV)
        if path:
            try:
                data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
            except (OSError, tomllib.TOMLDecodeError) as exc:
                raise RuleError(f"{PUBLICATION_FILE_ENV}={path}: {exc}") from None
        shows = data.get("pilot_shows_sealed", False)
        if PILOT_SHOWS_SEALED_ENV in env and env[PILOT_SHOWS_SEALED_ENV].strip():
            shows = _flag(PILOT_SHOWS_SEALED_ENV, env[PILOT_SHOWS_SEALED_ENV])
        periods_raw: str | Mapping[str, Any] = data.get("publicity_months", {})
        if env.get(PUBLICITY_MONTHS_ENV, "").strip():
            periods_raw = env[PUBLICITY_MONTHS_ENV]
        extra = tuple(_rule(item) for item in data.get("rule", []))
        return cls(
            rules=RuleSet(sealing_rules(bool(shows)) + extra),
            periods=PublicityPeriods.parse(periods_raw),
            openings=tuple(_opening(item) for item in data.get("opening", [])),
            pilot_shows_sealed=bool(shows),
        )


def _flag(name: str, raw: str) -> bool:
    value = raw.strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise RuleError(f"{name}={raw!r}: expected true or false")


def _date(where: str, value: Any) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise RuleError(f"{where}: {value!r} is not a YYYY-MM-DD date") from None


def _rule(item: Mapping[str, Any]) -> ChannelRule:
    missing = [k for k in ("id", "channel", "effective", "law", "when", "notice") if k not in item]
    if missing:
        raise RuleError(f"rule {item.get('id', '?')}: missing {', '.join(missing)}")
    until = item.get("until")
    return ChannelRule(
        id=str(item["id"]),
        channel=str(item["channel"]),
        effective=_date(f"rule {item['id']} effective", item["effective"]),
        law=str(item["law"]),
        when=str(item["when"]),
        notice=str(item["notice"]),
        until=None if until is None else _date(f"rule {item['id']} until", until),
    )


def _opening(item: Mapping[str, Any]) -> ConfiguredOpening:
    channel = str(item.get("channel", "public"))
    if channel not in CHANNELS:
        raise RuleError(f"opening: unknown channel {channel!r}")
    agency = str(item.get("agency", "")).strip()
    if not agency:
        raise RuleError("opening: name the agency")
    return ConfiguredOpening(channel, agency, _date(f"opening {agency}", item.get("date")))


def load_publication_settings() -> PublicationSettings:
    return PublicationSettings.from_env()


def withdrawal_notice(status: str, recorded_on: dt.date) -> str:
    """The notice that stands in a withdrawn decision's place: what happened to the decision
    and the legal reason (行政处罚法 art. 48 para. 2). The organ's own words (``status_reason``)
    are not repeated: they may name people."""
    label = WITHDRAWAL_LABELS.get(status, "依法变更")
    return (
        f"本行政处罚决定已{label}（{recorded_on.year}年{recorded_on.month}月{recorded_on.day}日"
        f"记录）。根据{WITHDRAWAL_LAW}，撤回原公开的行政处罚决定信息。"
    )


def expiry_notice(months: int) -> str:
    return EXPIRY_NOTICE.format(months=months)
