"""The Jinja2 environment of the public site: templates from ``gongkai.templates`` (pages under
``site/``), autoescaping on for every template (a decision text holding ``<script>`` shows as
text), Chinese labels and Beijing time."""

from __future__ import annotations

import datetime as dt
from importlib.resources import files

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from gongkai.publication.read import yuan as yuan_amount

# China has one time zone and no daylight saving time.
BEIJING = dt.timezone(dt.timedelta(hours=8), "北京时间")

CHANNEL_LABELS = {"pilot": "内网试点", "public": "互联网公开"}
STATUS_LABELS = {
    "published": "公开中",
    "withdrawn": "已撤回",
    "expired": "公示期满",
    "hidden": "复核中",
}
CHANGE_LABELS = {
    "published": "公开",
    "corrected": "更正",
    "withdrawn": "撤回",
    "expired": "公示期满",
    "hidden": "暂停公开（复核）",
    "restored": "恢复公开",
}
SORT_LABELS = {
    "date_desc": "决定日期（新→旧）",
    "date_asc": "决定日期（旧→新）",
    "fine_desc": "罚款金额（高→低）",
    "fine_asc": "罚款金额（低→高）",
}


def beijing_time(value: dt.datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """A stored (UTC) date-time as Beijing time; empty for ``None``."""
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(BEIJING).strftime(fmt)


def cn_date(value: dt.date | None) -> str:
    """``2024-03-01`` → ``2024年3月1日``."""
    if value is None:
        return ""
    return f"{value.year}年{value.month}月{value.day}日"


def yuan(fen: int | None) -> str:
    """Fen as yuan for reading: ``50000`` → ``500元``, ``12345`` → ``123.45元``."""
    if fen is None:
        return ""
    amount = yuan_amount(fen)
    if amount.endswith(".00"):
        amount = amount[:-3]
    whole, _, cents = amount.partition(".")
    grouped = f"{int(whole):,}"
    return f"{grouped}.{cents}元" if cents else f"{grouped}元"


def penalties(values: list[str] | tuple[str, ...] | None) -> str:
    return "、".join(values or [])


def make_environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(files("gongkai.templates"))),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    env.filters["beijing_time"] = beijing_time
    env.filters["cn_date"] = cn_date
    env.filters["yuan"] = yuan
    env.filters["penalties"] = penalties
    env.filters["status_label"] = lambda v: STATUS_LABELS.get(v, v)
    env.filters["change_label"] = lambda v: CHANGE_LABELS.get(v, v)
    env.globals["SORT_LABELS"] = SORT_LABELS
    return env
