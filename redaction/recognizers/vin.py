"""Vehicle identification numbers (车辆识别代号, VIN): 17 characters, ISO 3779 check digit."""

from __future__ import annotations

import re
import unicodedata
from typing import ClassVar

from presidio_analyzer import Pattern

from gongkai.redaction import entities
from gongkai.redaction.recognizers.base import (
    NOT_ALNUM_AFTER,
    NOT_ALNUM_BEFORE,
    ChinesePatternRecognizer,
)

# Letters I, O and Q are never used in a VIN.
_CHAR = "[0-9A-HJ-NPR-Za-hj-npr-z０-９Ａ-ＨＪ-ＮＰＲ-Ｚａ-ｈｊ-ｎｐｒ-ｚ]"
_VIN = f"{NOT_ALNUM_BEFORE}{_CHAR}{{17}}{NOT_ALNUM_AFTER}"

_VALUES = {
    **{str(d): d for d in range(10)},
    **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
    **dict(zip("JKLMN", range(1, 6), strict=True)),
    "P": 7,
    "R": 9,
    **dict(zip("STUVWXYZ", range(2, 10), strict=True)),
}
_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)


def check_digit(vin: str) -> str:
    """The ISO 3779 / GB 16735 check character (position 9) of a 17-character VIN."""
    total = sum(_VALUES[ch] * weight for ch, weight in zip(vin, _WEIGHTS, strict=True))
    remainder = total % 11
    return "X" if remainder == 10 else str(remainder)


class VinRecognizer(ChinesePatternRecognizer):
    """17 characters of letters (no I/O/Q) and digits.

    A correct check digit validates the match (1.0). Chinese VINs carry one, but a failing one
    keeps the weak score so a context word (车架号, 车辆识别代号, VIN…) still lifts it to 0.7.
    Strings of digits only or letters only are not VINs.
    """

    ENTITY = entities.VIN
    TRIGGER = re.compile(
        "[0-9A-Za-z０-９Ａ-Ｚａ-ｚ](?<![0-9A-Za-z０-９Ａ-Ｚａ-ｚ].)[0-9A-Za-z０-９Ａ-Ｚａ-ｚ]{16}"
    )
    TRIGGER_IN_NUMBERS = True
    WINDOW = 24  # labels and context words stand within this many characters
    PATTERNS: ClassVar[list[Pattern]] = [Pattern("vin 17 characters (weak)", _VIN, 0.3)]
    CONTEXT: ClassVar[list[str]] = [
        "车辆识别代号",
        "车辆识别代码",
        "车辆识别号",
        "识别代码",
        "识别代号",
        "车架号码",
        "车架号",
        "底盘号",
        "VIN",
        "vin",
    ]

    def validate_result(self, pattern_text: str) -> bool | None:
        vin = unicodedata.normalize("NFKC", pattern_text).upper()
        return True if check_digit(vin) == vin[8] else None

    def invalidate_result(self, pattern_text: str) -> bool:
        return pattern_text.isdigit() or not any(ch.isdigit() for ch in pattern_text)


class VehicleNumberRecognizer(ChinesePatternRecognizer):
    """Engine, motor and frame numbers written after their label (发动机号YC4D120-33A2817,
    车架号1802316A07214): they identify one vehicle, and so its owner, whatever their length
    (e-bike frames and engines carry no 17-character VIN)."""

    ENTITY = entities.VIN
    TRIGGER = re.compile("发动机|电动机|电机|车架|底盘|车辆识别")
    WINDOW = 30
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(
            "engine or frame number after its label (labelled, medium)",
            "(?:发动机|电动机|电机|车架|底盘|车辆识别)(?:号码|编号|号|代号|代码)"
            # (车架号后六位911242: a part of the number is written the same way)
            "(?:后[四五六七八]位|末[四五六七八]位)?"
            "(?:为|是)?[：:]?[ \u3000]?\\K"
            # (162FMJ·25K30871, DKR 583019: a dot or a space between two groups)
            "[0-9A-Za-z０-９Ａ-Ｚａ-ｚ]"
            "(?:[0-9A-Za-z０-９Ａ-Ｚａ-ｚ\\-－]|[·・ ](?=[0-9A-Za-z０-９Ａ-Ｚａ-ｚ]{3})){4,24}"
            "[0-9A-Za-z０-９Ａ-Ｚａ-ｚ](?![0-9A-Za-z０-９Ａ-Ｚａ-ｚ])",
            0.6,
        )
    ]
