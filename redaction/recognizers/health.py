"""Health information (健康信息): diagnoses, pregnancies and sensitive conditions.

The SPC publication rules remove a person's health information. A decision's injury findings
(轻微伤, 软组织挫伤) are facts of the case and stay; what is removed is a diagnosis named after
诊断为/确诊为/患有, a pregnancy with its term, and conditions that are sensitive wherever they are
named (艾滋病, 精神分裂症…).
"""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import Pattern

from gongkai.redaction import entities
from gongkai.redaction.recognizers.base import ChinesePatternRecognizer

_NUMBER = "[0-9０-９一二三四五六七八九十两]{1,3}"
# A qualifier in brackets right after a diagnosis or condition (肺结核（活动期）).
_QUALIFIER = "(?:[（(][^（()）\\n]{1,8}[)）])?"
# A diagnosis runs to the next punctuation (or an 已/并/后 that starts the next clause).
_DIAGNOSIS = (
    "(?:诊断为|诊断结果为|确诊为|确诊患有|被诊断患有|患有|罹患)\\K"
    '[^，,。；;：:\\n（()）“”"]{2,24}?(?=[，,。；;\\n（(]|已|并|后|，)'
)
_DIAGNOSIS += _QUALIFIER
_PREGNANCY = f"(?:怀孕|怀有身孕|妊娠|孕)(?:{_NUMBER}个?多?(?:月|周))|怀有身孕"
_CONDITIONS = (
    "艾滋病|HIV(?:阳性|感染)?|精神分裂症|双相情感障碍|抑郁症|躁狂症|癫痫|梅毒|淋病"
    "|尖锐湿疣|乙肝|乙型肝炎|肺结核|白血病|阿尔茨海默病"
)
_TRIGGER = re.compile(
    "诊断|确诊|患有|罹患|怀孕|身孕|妊娠|孕|艾滋|HIV|精神|抑郁|躁狂|癫痫|梅毒|淋病|湿疣|乙肝|乙型|结核"
    "|白血病|阿尔茨海默"
)


class HealthRecognizer(ChinesePatternRecognizer):
    """Diagnoses, pregnancies and sensitive conditions; injuries (…伤) are left to the text."""

    ENTITY = entities.HEALTH
    TRIGGER = _TRIGGER
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("diagnosis after 诊断为/患有 (medium)", _DIAGNOSIS, 0.6),
        Pattern("pregnancy with its term (medium)", _PREGNANCY, 0.6),
        Pattern("sensitive condition (medium)", f"(?:{_CONDITIONS}){_QUALIFIER}", 0.6),
    ]

    def invalidate_result(self, pattern_text: str) -> bool:
        # injury findings are the case's facts (诊断为左手骨折 stays as 伤情 in the decision)
        return "伤" in pattern_text or "骨折" in pattern_text
