"""The Jinja2 environment of the review app: templates from ``gongkai.templates`` (review pages
under ``review/``), autoescaping on for every template, Chinese labels and Beijing time."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from gongkai.store.models import DecisionState, Role

# China has one time zone and no daylight saving time.
BEIJING = dt.timezone(dt.timedelta(hours=8), "北京时间")

ROLE_LABELS: dict[str, str] = {
    Role.REVIEWER: "审核人员",
    Role.APPROVER: "审批人员",
    Role.ADMIN: "管理员",
}

STATE_LABELS: dict[str, str] = {
    DecisionState.INGESTED: "已导入",
    DecisionState.REDACTED: "已脱敏",
    DecisionState.WITHHELD: "不予公开",
    DecisionState.IN_REVIEW: "审核中",
    DecisionState.APPROVED: "已批准",
    DecisionState.REJECTED: "已退回",
    DecisionState.PUBLISHED: "已公开",
    DecisionState.WITHDRAWN: "已撤回",
    DecisionState.EXPIRED: "已到期",
}

# Audit actions written anywhere in Gongkai; unknown ones are shown as they are.
ACTION_LABELS: dict[str, str] = {
    "login": "登录",
    "login_failed": "登录失败",
    "logout": "退出登录",
    "user_added": "添加用户",
    "audit_exported": "导出审计日志",
    "state_changed": "状态变更",
    "original_viewed": "查看原文",
    "correction": "更正",
    "doubt_resolved": "疑点已处理",
    "batch_approved": "批次批准",
    "batch_rejected": "批次退回",
    "withheld_confirmed": "确认不予公开",
    "withheld_released": "解除不予公开",
    "problem_reported": "收到纠错报告",
    "problem_report_handled": "纠错报告已处理",
    "returned_to_review": "退回重新审核",
    "reopened_for_correction": "重新审核以更正",
    "correction_batch_opened": "开立更正批次",
    "redaction_replaced": "重新脱敏",
}

SUBJECT_LABELS: dict[str, str] = {
    "decision": "决定书",
    "review_batch": "审核批次",
    "user": "用户",
    "export_file": "导出文件",
    "record_version": "记录版本",
    "quarantine": "隔离行",
    "correction": "更正",
    "audit_log": "审计日志",
    "problem_report": "纠错报告",
}


@dataclass(frozen=True)
class NavItem:
    """A link of the top bar, shown to the given roles when its route exists."""

    route: str
    label: str
    roles: frozenset[Role]
    # a count shown beside the label (work waiting there), by name of a store counter
    badge: str | None = None


_STAFF = frozenset({Role.REVIEWER, Role.APPROVER})
NAV: tuple[NavItem, ...] = (
    NavItem("queue", "待审批次", _STAFF),
    NavItem("withheld", "不予公开与退回", _STAFF),
    NavItem("problem_reports", "纠错报告", _STAFF, badge="open_problem_reports"),
    NavItem("overdue", "逾期未公开", _STAFF),
    NavItem("dashboard", "运行情况", frozenset({Role.ADMIN, Role.APPROVER})),
    NavItem("audit_log", "审计日志", frozenset({Role.ADMIN})),
    NavItem("users", "用户管理", frozenset({Role.ADMIN})),
)


def beijing_time(value: dt.datetime | None, fmt: str = "%Y-%m-%d %H:%M:%S") -> str:
    """A stored (UTC) date-time as Beijing time; empty for ``None``."""
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(BEIJING).strftime(fmt)


def _label(table: dict[str, str]) -> Any:
    def label(value: str | None) -> str:
        return "" if value is None else table.get(value, value)

    return label


def make_environment() -> Environment:
    loader = FileSystemLoader(str(files("gongkai.templates")))
    env = Environment(
        loader=loader,
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    # ``tojson`` stays HTML-safe (<, >, &, ' escaped) but keeps Chinese readable.
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    env.filters["beijing_time"] = beijing_time
    env.filters["role_label"] = _label(ROLE_LABELS)
    env.filters["state_label"] = _label(STATE_LABELS)
    env.filters["action_label"] = _label(ACTION_LABELS)
    env.filters["subject_label"] = _label(SUBJECT_LABELS)
    return env
