"""WeChat IDs (微信号), found after a WeChat label, and wxid_ identifiers anywhere."""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import Pattern

from gongkai.redaction import entities
from gongkai.redaction.recognizers.base import (
    DIGIT,
    NOT_ALNUM_AFTER,
    NOT_ALNUM_BEFORE,
    ChinesePatternRecognizer,
)
from gongkai.redaction.text import first_character_alternation

# A WeChat ID: 6–20 characters, a letter first, then letters, digits, _ or -.
# WeChat allows 6-20 characters, but a labelled value is taken whole even when longer (a
# typo or an extra suffix must not leave its tail readable).
_ID = "[A-Za-z][A-Za-z0-9_\\-]{5,39}"
# Accounts registered with a phone or QQ number use it as the ID (微信号：13903792586).
_NUMERIC = f"[1-9１-９]{DIGIT}{{4,10}}"
_VALUE = (
    f"{NOT_ALNUM_BEFORE}(?:{_ID}(?![A-Za-z0-9_\\-])|{_NUMERIC}{NOT_ALNUM_AFTER}(?!\\s?[元万千]))"
)
# The pattern starts with the label (literal words the regex engine finds fast) and drops it
# with \K, so the span is the ID only.
_LABEL = "(?:微信|(?i:wechat|weixin))(?:号码|号|账号|帐号|\\s?(?i:id))?(?:为|是)?[：:\\s（(]{0,2}"
# A list after one label (微信号：a…、b…): each further ID, found from its separator.
_LIST_SEP = "(?:、|，|,|/|及|和)\\s?"
_ITEM = f"(?:{_ID}|{_NUMERIC})"
_LIST_ITEM = f"{_LIST_SEP}(?<={_LABEL}(?:{_ITEM}{_LIST_SEP})*{_ITEM}{_LIST_SEP})\\K"
_WXID = "(?i:wxid)_[A-Za-z0-9]{4,30}(?![A-Za-z0-9_\\-])"


class WeChatRecognizer(ChinesePatternRecognizer):
    """IDs written after 微信号, 微信, 微信账号 or WeChat, and wxid_… anywhere.

    The label starts the pattern and is dropped from the match (the span is the ID only); a
    labelled ID scores 0.6, lifted to 1.0 by the context word. ``wxid_`` is a label of its own
    (0.6).
    """

    ENTITY = entities.WECHAT
    # 微信|WeChat|weixin|wxid_ in any case, first character first
    TRIGGER = re.compile(first_character_alternation(("微", "信"), ("Ww", "(?i:echat|eixin|xid_)")))
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("wechat id after WeChat label (labelled, medium)", f"{_LABEL}\\K{_VALUE}", 0.6),
        Pattern(
            "wechat id further in a labelled list (labelled, medium)", _LIST_ITEM + _VALUE, 0.6
        ),
        # (glued to what comes before too: 原始IDwxid_8k3m…, wxid_ marks it wherever it stands)
        Pattern("wxid_ identifier (medium)", _WXID, 0.6),
    ]
    CONTEXT: ClassVar[list[str]] = [
        "微信号",
        "微信账号",
        "微信",
        "WeChat",
        "wechat",
        "weixin",
        "wxid",
    ]
