"""China's administrative divisions down to county level, from the shipped table.

The address recognizer keeps a decision's province, city and district readable and reads them
by their usual shapes (…省, …市, …区, …县). The table names what those shapes misread: districts
whose names end like a compound or hold a level's own character (拱墅区, 船营区, 市中区, 辉县市,
西盟佤族自治县), cities ending in a word that usually is no city (厦门市, 桐城市), and the
provinces' short forms (新疆, 黑龙江) that people write before a city.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

# Longest first: 新疆维吾尔自治区 → 新疆, not 新疆维吾尔.
_PROVINCE_SUFFIXES = (
    "维吾尔自治区",
    "壮族自治区",
    "回族自治区",
    "特别行政区",
    "自治区",
    "省",
    "市",
)


@dataclass(frozen=True)
class Division:
    code: str  # six digits: province (XX0000), prefecture (XXXX00) or county
    name: str

    @property
    def is_province(self) -> bool:
        return self.code.endswith("0000")

    @property
    def is_prefecture(self) -> bool:
        return self.code.endswith("00") and not self.is_province

    @property
    def is_county(self) -> bool:
        return not self.code.endswith("00")

    @property
    def province_code(self) -> str:
        return self.code[:2] + "0000"

    @property
    def prefecture_code(self) -> str:
        return self.code[:4] + "00"


@cache
def divisions() -> tuple[Division, ...]:
    """Every division of the table, in code order."""
    text = resources.files("gongkai.redaction.data").joinpath("divisions.tsv").read_text("utf-8")
    rows = []
    for line in text.splitlines():
        if line and not line.startswith("#"):
            code, name = line.split("\t")
            rows.append(Division(code, name))
    return tuple(rows)


@cache
def by_code() -> dict[str, Division]:
    return {d.code: d for d in divisions()}


def province_short_forms() -> tuple[str, ...]:
    """The provinces' names without their level (河南, 新疆, 内蒙古, 香港), longest first."""
    short = set()
    for division in divisions():
        if division.is_province:
            name = division.name
            for suffix in _PROVINCE_SUFFIXES:
                if name.endswith(suffix) and len(name) > len(suffix) + 1:
                    name = name[: -len(suffix)]
                    break
            short.add(name)
    return tuple(sorted(short, key=lambda s: (-len(s), s)))


def prefecture_of(division: Division) -> str:
    """The name of a county's prefecture (矿区 → 阳泉市), or "" where the table has none."""
    prefecture = by_code().get(division.prefecture_code)
    return prefecture.name if prefecture else ""


@cache
def _names_by_first_two() -> dict[str, tuple[str, ...]]:
    names: dict[str, set[str]] = {}
    for division in divisions():
        if len(division.name) >= 3:
            names.setdefault(division.name[:2], set()).add(division.name)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in names.items()}


def division_name_at(text: str, start: int) -> int:
    """Length of the longest division's full name that starts at ``start`` (乌兰察布市, 锡林
    郭勒盟, 和田地区), or 0: a person named 乌兰 is not in 乌兰察布市."""
    for name in _names_by_first_two().get(text[start : start + 2], ()):
        # (not 武汉市场: a word that runs on from the level's character)
        if (
            text.startswith(name, start)
            and text[start + len(name) : start + len(name) + 1] not in _RUNS_ON
        ):
            return len(name)
    return 0


_RUNS_ON = frozenset("场民政委长")
