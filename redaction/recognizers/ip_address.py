"""IP addresses (IP地址): IPv4 with checked octets, IPv6 checked by the ipaddress module."""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from typing import ClassVar

from presidio_analyzer import Pattern

from gongkai.redaction import entities
from gongkai.redaction.recognizers.base import ChinesePatternRecognizer
from gongkai.redaction.text import first_character_alternation

_D = "[0-9０-９]"
_DOT = "[.．]"
# 0–255 without leading zeros, so dates (2023.03.16) and zero-padded codes do not fit.
_OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9][0-9]|[0-9])"
_OCTET_WIDE = f"(?:{_OCTET}|(?:２５[０-５]|２[０-４][０-９]|１[０-９]{{2}}|[１-９][０-９]|[０-９]))"
# (家庭宽带IP14.153.62.7: the label's letters may stand right before the address)
_NOT_BEFORE = "(?:(?<![0-9A-Za-z０-９Ａ-Ｚａ-ｚ.．])|(?<=(?<![A-Za-z])[Ii][Pp]))"
_NOT_AFTER = f"(?![0-9A-Za-z０-９Ａ-Ｚａ-ｚ]|{_DOT}{_D})"
# A port after the address goes with it (115.216.37.142:52318).
_PORT = "(?:[:：][0-9０-９]{1,5}(?![0-9０-９年月日时分]))?"
# One pattern per kind of dot: a literal dot lets the regex engine jump to candidates quickly.
_IPV4 = f"{_NOT_BEFORE}(?:{_OCTET_WIDE}\\.){{3}}{_OCTET_WIDE}{_PORT}{_NOT_AFTER}"
_IPV4_WIDE_DOTS = f"{_NOT_BEFORE}(?:{_OCTET_WIDE}．){{3}}{_OCTET_WIDE}{_PORT}{_NOT_AFTER}"
_PORT_AT_END = re.compile("[:][0-9]{1,5}$")
# Hex groups with at least two colons; the ipaddress module decides (times such as 21:40:00 fail).
_H = "[0-9A-Fa-f]"
_IPV6 = (
    f"(?<![0-9A-Za-z:])(?={_H}{{0,4}}:{_H}{{0,4}}:){_H}{{0,4}}(?::{_H}{{0,4}}){{2,7}}"
    f"(?:(?<=:)(?:{_OCTET}\\.){{3}}{_OCTET})?(?![0-9A-Za-z:]|\\.[0-9])"
)


class IpAddressRecognizer(ChinesePatternRecognizer):
    """Dotted quads and IPv6 addresses that the ``ipaddress`` module accepts.

    A valid address is evidence on its own (0.6, as Presidio's own IP recognizer); a context
    word (IP, IP地址, 登录…) lifts it to 1.0. Version numbers (1.2.3), dates (2023.03.16) and
    times (21:40:00) do not fit.
    """

    ENTITY = entities.IP_ADDRESS
    # [0-9０-９]{1,3}[.．][0-9０-９]{1,3}[.．]|[0-9A-Fa-f]{0,4}:[0-9A-Fa-f]{0,4}:
    TRIGGER = re.compile(
        first_character_alternation(
            ("0-9０-９", "[0-9０-９]{0,2}[.．][0-9０-９]{1,3}[.．]"),
            ("0-9A-Fa-f", "[0-9A-Fa-f]{0,3}:[0-9A-Fa-f]{0,4}:"),
            (":", "[0-9A-Fa-f]{0,4}:"),
        )
    )
    TRIGGER_IN_NUMBERS = True
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("ipv4 (medium)", _IPV4, 0.6),
        Pattern("ipv4 with full-width dots (medium)", _IPV4_WIDE_DOTS, 0.6),
        Pattern("ipv6 (medium)", _IPV6, 0.6),
    ]
    CONTEXT: ClassVar[list[str]] = [
        "IP地址",
        "IP",
        "ip",
        "网络地址",
        "登录地址",
        "登录",
        "上网",
        "服务器",
        "访问",
    ]

    def invalidate_result(self, pattern_text: str) -> bool:
        value = unicodedata.normalize("NFKC", pattern_text)
        if "." in value:
            value = _PORT_AT_END.sub("", value)
        try:
            ipaddress.ip_address(value)
        except ValueError:
            return True
        return False
