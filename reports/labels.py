"""Chinese labels of the report's keys (reasons, channels, figures)."""

from __future__ import annotations

CHANNEL_LABELS: dict[str, str] = {"pilot": "内网试点", "public": "互联网"}

# Why a decision is withheld: the redactor's reasons (redaction/policy.py, in its order of
# precedence), the publish flow's channel rules, anything else.
WITHHELD_LABELS: dict[str, str] = {
    "not_effective": "决定未生效或已变更、撤销",
    "confidential": "涉及国家秘密或警务工作秘密",
    "minor": "涉及未成年人",
    "summary_procedure": "适用简易程序（当场处罚）",
    "leak_guard": "脱敏复查未通过（防泄露）",
    "channel_rule": "各渠道规则均不予公开",
    "other": "其他",
}

# Why a published decision was withdrawn: the export status (行政处罚法 art. 48 para. 2), or a
# channel rule (``rule:<id>``).
WITHDRAWN_LABELS: dict[str, str] = {
    "changed": "决定依法变更",
    "revoked": "决定依法撤销",
    "confirmed_illegal": "决定被依法确认违法",
    "confirmed_void": "决定被依法确认无效",
    "other": "其他",
}
RULE_LABELS: dict[str, str] = {
    "zhian-sealed-public": "治安管理处罚记录封存（互联网）",
    "zhian-sealed-pilot": "治安管理处罚记录封存（内网试点）",
}


def withheld_order(reason: str) -> tuple[int, str]:
    """Reasons in the order of :data:`WITHHELD_LABELS` (the redactor's precedence), unknown
    ones after them."""
    keys = list(WITHHELD_LABELS)
    return (keys.index(reason) if reason in keys else len(keys), reason)


def withdrawn_order(reason: str) -> tuple[int, str]:
    """Export statuses first (in the order of :data:`WITHDRAWN_LABELS`), then channel rules."""
    keys = list(WITHDRAWN_LABELS)
    if reason in keys:
        return (keys.index(reason), reason)
    return (len(keys), reason)


def withheld_label(reason: str) -> str:
    return WITHHELD_LABELS.get(reason, reason)


def withdrawn_label(reason: str) -> str:
    if reason.startswith("rule:"):
        rule = reason.removeprefix("rule:")
        return "渠道规则：" + RULE_LABELS.get(rule, rule)
    return WITHDRAWN_LABELS.get(reason, reason)


def channel_label(channel: str) -> str:
    return CHANNEL_LABELS.get(channel, channel)
