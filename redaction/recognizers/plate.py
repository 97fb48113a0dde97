"""Mainland vehicle licence plates (机动车号牌): ordinary, new-energy, trailing-character plates."""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import Pattern

from gongkai.redaction import entities
from gongkai.redaction.recognizers.base import (
    ALNUM,
    DIGIT,
    LETTER,
    NOT_ALNUM_AFTER,
    ChinesePatternRecognizer,
)
from gongkai.redaction.text import first_character_alternation

# (and the provinces' other abbreviations, which writers use by mistake: 黔A·02381D)
PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼黔滇陇秦蜀"
_PROVINCE = f"[{PROVINCES}]"
_PLATE_SEP = "[·•・.．\\-－ \u3000]"
# Province, issuing-office letter (I and O are not issued but are accepted: fail closed), an
# optional separator, then 6 characters (new energy) or 5 (ordinary), or 4 plus a trailing
# 学 (learner) 警 (police) 挂 (trailer) 领 (consulate) 港/澳 (cross-border) 试 (test) 超.
_BODY = (
    f"(?:{ALNUM}{{6}}|{ALNUM}{{5}}|{ALNUM}{{4}}[学警挂领港澳试超]"
    # 冀B·7K3 21: one space typed or scanned into the five characters after a separator
    f"|(?<=[·•・.．\\-－]){ALNUM}{{3}}[ \u3000]{ALNUM}{{2}})"
)
_PLATE = f"{_PROVINCE}{LETTER}{_PLATE_SEP}?{_BODY}"
# Tractors and farm machinery: province, two digits, then five (甘12-23517); fishing boats:
# province, a port, 渔 and digits (闽霞渔01827).
_FARM = f"{_PROVINCE}{DIGIT}{{2}}[-－]?{DIGIT}{{5}}"
_BOAT = f"{_PROVINCE}[\u4e00-\u9fff]{{0,2}}渔{DIGIT}{{4,6}}"
# Embassy plates: 使 followed by six digits (使014578), optionally split after the third.
_EMBASSY = f"使{DIGIT}{{3}}{_PLATE_SEP}?{DIGIT}{{3}}"
_EMBASSY_DOTTED = f"使{DIGIT}{{3}}[·•・]{DIGIT}{{3}}"
# Hong Kong (TV 8321) and Macao (MX-12-34) plates, known by the label before them.
_LABEL = "(?:车牌|号牌|牌照)(?:号码|号)?[：:为是]?[ \u3000]?"
_HK_MACAO = (
    "(?:[A-HJ-NP-Za-hj-np-z]{1,2}[ \u3000]?[0-9]{1,4}"
    "|[Mm][A-Za-z][\\-－ ]?[0-9]{2}[\\-－ ]?[0-9]{2})(?![0-9A-Za-z])"
)
# Another country's plate in groups, known by the label before it (本国牌照782 AKZ 05).
# (Cyrillic letters too: 蒙古国号牌0384УБА; dots inside a group: 越南号牌14-B1 263.85)
_FOREIGN_CHAR = "[0-9A-Za-zА-ЯЁа-яё]"
_FOREIGN = (
    f"(?=[0-9A-Za-zА-ЯЁа-яё .\\-]*[0-9]){_FOREIGN_CHAR}{{1,4}}"
    f"(?:[ .\\-]?{_FOREIGN_CHAR}{{1,4}}){{1,3}}(?!{_FOREIGN_CHAR})"
)


_CITY_PLATE = f"(?:(?![号码为是系的])[\u4e00-\u9fff]){{2,3}}{LETTER}{ALNUM}{{5,6}}{NOT_ALNUM_AFTER}"


class LicencePlateRecognizer(ChinesePatternRecognizer):
    """A province abbreviation, a letter and five or six characters, e.g. 豫C3L76H, 豫C·3L76H.

    The shape alone is strong evidence (nothing else in a decision starts with a province
    abbreviation followed by a Latin letter and digits), so a well-formed plate scores 0.5 and a
    context word (车牌, 号牌, 驾驶…) lifts it further. The match may be followed by 号 or any
    Chinese text (豫C3L76H号白色轿车). Embassy plates (使014·287) count on their shape too; Hong
    Kong and Macao plates (TV 8321) only right after 车牌/号牌.
    """

    ENTITY = entities.PLATE
    # A province and a letter or digit, or the port before 渔, or 使 and a digit: every match
    # starts at one and is shorter than the window.
    TRIGGER = re.compile(
        first_character_alternation(
            (PROVINCES, f"(?:{ALNUM}|[\u4e00-\u9fff]{{0,2}}渔)"),
            ("使", DIGIT),
            ("车号", "牌"),
            ("牌", "照"),
        )
    )
    WINDOW = 16
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("plate (province + letter + 5/6, medium)", _PLATE + NOT_ALNUM_AFTER, 0.5),
        Pattern("embassy plate 使 (weak)", _EMBASSY + NOT_ALNUM_AFTER, 0.2),
        # 使014·287: 使, three digits, a dot and three more is no other thing than an embassy's
        # car (致使123456人 is not one).
        Pattern("embassy plate 使 with its dot (medium)", _EMBASSY_DOTTED + NOT_ALNUM_AFTER, 0.5),
        Pattern(
            "hong kong or macao plate after its label (medium)", _LABEL + "\\K" + _HK_MACAO, 0.6
        ),
        Pattern("foreign plate in groups after its label (medium)", _LABEL + "\\K" + _FOREIGN, 0.6),
        # 电动自行车号牌杭州G29573: a city's own plate for e-bikes, led by the city's name
        Pattern("city e-bike plate after its label (medium)", _LABEL + "\\K" + _CITY_PLATE, 0.6),
        Pattern("farm machinery plate (weak)", _FARM + NOT_ALNUM_AFTER, 0.3),
        Pattern("fishing boat number (medium)", _BOAT + NOT_ALNUM_AFTER, 0.5),
    ]
    CONTEXT: ClassVar[list[str]] = [
        "车牌号码",
        "车牌号",
        "车牌",
        "号牌号码",
        "号牌",
        "车辆牌号",
        "牌号",
        "车号",
        "车辆",
        "机动车",
        "驾驶",
        "乘坐",
        "轿车",
        "货车",
        "摩托车",
    ]

    def invalidate_result(self, pattern_text: str) -> bool:
        tail = pattern_text[2:]
        # Letters only is a word, not a plate (京ABCDE), unless a plate-type character closes
        # it (沪GMFKY挂): fail closed on those.
        return not any(ch.isdigit() for ch in tail) and tail[-1:] not in "学警挂领港澳试超"
