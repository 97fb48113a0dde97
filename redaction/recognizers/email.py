"""E-mail addresses (电子邮箱), with an own pattern that also takes a full-width ＠."""

from __future__ import annotations

import re
import unicodedata
from typing import ClassVar

from presidio_analyzer import Pattern

from gongkai.redaction import entities
from gongkai.redaction.recognizers.base import ChinesePatternRecognizer

_W = "0-9A-Za-z０-９Ａ-Ｚａ-ｚ"
_LOCAL = f"(?<![{_W}._%+\\-])[{_W}][{_W}._%+\\-]{{0,63}}"
_LABEL = f"[{_W}](?:[{_W}\\-]{{0,61}}[{_W}])?"
_DOMAIN = f"(?:{_LABEL}[.．])+[A-Za-zＡ-Ｚａ-ｚ]{{2,24}}(?![{_W}\\-])"
# One pattern per kind of at sign: a literal lets the regex engine jump to candidates quickly.
_EMAIL = f"{_LOCAL}@{_DOMAIN}"
_EMAIL_WIDE_AT = f"{_LOCAL}＠{_DOMAIN}"

# Top-level domains seen in Chinese case files; others still count, at the pattern's score.
_COMMON_TLDS = frozenset(
    {
        *("com", "cn", "net", "org", "edu", "gov", "info", "biz", "me", "io", "co", "cc", "tv"),
        *("top", "xyz", "vip", "club", "site", "hk", "mo", "tw", "jp", "kr", "sg", "my", "th"),
        *("vn", "ph", "id", "in", "uk", "de", "fr", "ru", "us", "ca", "au"),
    }
)


class EmailRecognizer(ChinesePatternRecognizer):
    """local@domain.tld, ASCII or full-width; no network look-ups (unlike Presidio's own).

    The shape itself is the evidence (0.5); a common top-level domain validates it (1.0).
    """

    ENTITY = entities.EMAIL
    TRIGGER = re.compile("[@＠]")
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("email (shape, medium)", _EMAIL, 0.5),
        Pattern("email with full-width ＠ (shape, medium)", _EMAIL_WIDE_AT, 0.5),
    ]
    CONTEXT: ClassVar[list[str]] = [
        "电子邮箱",
        "电子邮件",
        "邮箱",
        "邮件",
        "Email",
        "email",
        "E-mail",
        "账号",
        "账户",
    ]

    def validate_result(self, pattern_text: str) -> bool | None:
        address = unicodedata.normalize("NFKC", pattern_text)
        tld = address.rsplit(".", 1)[-1].lower()
        return True if tld in _COMMON_TLDS else None

    def invalidate_result(self, pattern_text: str) -> bool:
        address = unicodedata.normalize("NFKC", pattern_text)
        local = address.split("@", 1)[0]
        return local.startswith(".") or local.endswith(".") or ".." in local
