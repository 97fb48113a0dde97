"""Health information (健康信息): diagnoses, pregnancies and sensitive conditions.

The SPC publication rules remove a person's health information: a diagnosis named after
诊断为/确诊为/患有 (a hospital's 诊断为头皮裂伤 too, and the injuries it lists after 诊断，), a
pregnancy with its term, a disability and its certificate number, a treatment (美沙酮维持治疗),
and conditions that are sensitive wherever they are named (艾滋病, 精神分裂症…). The legal grade
of an injury (轻微伤, 轻伤, 重伤) and the injury as the facts tell it (致其面部软组织挫伤) stay:
they are what the decision punishes.
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
    "(?:诊断为|诊断结果为|确诊为|确诊患有|被诊断患有|患有|罹患|被查出患有|被查出|查出患有)\\K"
    '[^，,。；;：:\\n（()）“”"]{2,24}?(?=[，,。；;\\n（()）]|已|并|后|，)'
)
_DIAGNOSIS += _QUALIFIER
# 经医院诊断，张三面部多处软组织挫伤，李四右膝挫伤 (or 经…医院检查，张三为…): injuries listed
# after 诊断 and a comma, each
# from its body part to its injury word (the person's name before it is not part of it).
_BODY_PART = (
    "(?:左|右|双|头|面|脸|额|眼|鼻|耳|唇|牙|颈|胸|背|腰|腹|肩|上肢|下肢|臂|肘|腕|手|指|髋|臀"
    "|大腿|小腿|腿|膝|踝|足|脚|肋|颅|脑|全身|多处|体表)"
)
_INJURY = (
    "(?:挫伤|擦伤|裂伤|挫裂伤|划伤|咬伤|烫伤|骨折|骨裂|脱位|出血|血肿|震荡|撕裂|损伤|淤青|红肿"
    "|充血|穿孔|肿胀|淤血|扭伤|拉伤|抓伤)"
)
# What may stand between a body part and its injury: not a verb of the facts (用拳头殴打…致其).
_INJURY_WORDS = "(?:(?!殴打|击打|用|致|持|被|将|把)[^，,。；;：:\n（()）])"
_LISTED_INJURY = (
    f"(?<=(?:诊断|医院检查)[，,：:][^。；;\n]{{0,80}}?)(?<!拳){_BODY_PART}{_INJURY_WORDS}{{0,16}}?{_INJURY}"
    f"(?:、[^，,、。；;：:\n（()）]{{0,16}}?{_INJURY})*{_QUALIFIER}"  # 鼻部挫伤、鼻出血（Ⅱ级）
)
# What a doctor gave: 已接种狂犬病疫苗, 需注射狂犬病被动免疫制剂.
# (Not what was done unlawfully: 非法接种二类疫苗, 为他人注射肉毒毒素制剂.)
_TREATMENT = (
    "(?<!非法)(?<!违法)(?<!为他人)(?:接种|注射)了?\\K[^，,。；;\n]{2,16}?(?:疫苗|制剂|免疫球蛋白)"
)
# A cause of death: 关德胜因急性心肌梗死于2024年2月20日去世.
_CAUSE_OF_DEATH = (
    "因\\K[^，,。；;\n因]{1,12}?(?:梗死|梗塞|衰竭|癌|瘤|病|症|炎)"
    "(?=于|去世|死亡|病故|病逝|住院|经抢救|抢救)"
)
_PREGNANCY = f"(?:怀孕|怀有身孕|妊娠|孕)(?:{_NUMBER}个?多?(?:月|周))|怀有身孕|怀孕(?!期间|的可能)"
# 其母肖淑华患胃癌: 患 (not 患者) and a disease's word ending.
_ILLNESS = '(?<![病])患(?![者有])\\K[^，,。；;：:\\n（()）“”"]{1,10}?(?:癌|病|症|瘤)'
_CONDITIONS = (
    "艾滋病|(?i:hiv)(?:[^，,。；;\n]{0,12}?(?:阳性|感染))?|精神分裂症|双相情感障碍|抑郁症|躁狂症|癫痫|梅毒|淋病"
    "|尖锐湿疣|乙肝|乙型肝炎|肺结核|白血病|阿尔茨海默病|美沙酮(?:维持)?治疗"
)
# 体检结果显示肝功能异常（转氨酶升高）: a medical check's finding (a drug test's result, 尿检结果
# 呈阳性, is a fact of the case and stays).
_CHECK_FINDING = (
    "(?:体检|健康检查|化验|病理检查)结果(?:显示|提示|为|示)[：:]?\\K"
    "[^，,。；;：:\\n（()）]{2,20}?(?=[，,。；;\\n（(]|$)"
) + _QUALIFIER
# A disability: its grade and kind (二级肢体残疾), and the certificate's number, which holds the
# holder's ID number.
_DISABILITY = "[一二三四1-4１-４]级(?:肢体|视力|听力|言语|智力|精神|多重)残疾"
_DISABILITY_CERT = (
    "(?:残疾人证|残疾证)[^。\\n]{0,6}?(?:证号|号码|编号|号)[：:为是]?[ \u3000]?\\K"
    "[0-9０-９]{15,20}[0-9XxＸｘ]?(?![0-9０-９])"
)
# (Every branch starts with a literal, so ``re`` skips to candidates: hence HIV as
# H(?i:iv)|h(?i:iv), not [Hh](?i:iv).)
_TRIGGER = re.compile(
    "残疾|诊断|确诊|患|罹患|查出|怀孕|身孕|妊娠|孕|艾滋|H(?i:iv)|h(?i:iv)|精神|抑郁|躁狂|癫痫|梅毒|淋病|湿疣|乙肝|乙型|结核"
    "|白血病|阿尔茨海默|美沙酮|疫苗|免疫|去世|病故|病逝|死亡|梗死|梗塞|衰竭|体检|健康检查|化验"
    "|病理|医院检查"
)


class HealthRecognizer(ChinesePatternRecognizer):
    """Diagnoses, pregnancies, disabilities and sensitive conditions; injury grades stay."""

    ENTITY = entities.HEALTH
    TRIGGER = _TRIGGER
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("diagnosis after 诊断为/患有 (medium)", _DIAGNOSIS, 0.6),
        Pattern("injury listed after 诊断 (medium)", _LISTED_INJURY, 0.6),
        Pattern("vaccine or immunisation given (medium)", _TREATMENT, 0.6),
        Pattern("cause of death (medium)", _CAUSE_OF_DEATH, 0.6),
        Pattern("pregnancy (medium)", _PREGNANCY, 0.6),
        Pattern("illness after 患 (medium)", _ILLNESS, 0.6),
        Pattern("a medical check's finding (medium)", _CHECK_FINDING, 0.6),
        Pattern("disability (medium)", _DISABILITY, 0.6),
        Pattern("disability certificate number (labelled, medium)", _DISABILITY_CERT, 0.6),
        Pattern("sensitive condition (medium)", f"(?:{_CONDITIONS}){_QUALIFIER}", 0.6),
    ]

    def invalidate_result(self, pattern_text: str) -> bool:
        # 诊断为轻微伤 / 鉴定为轻伤二级: the legal grade of the harm is the case's fact
        return any(grade in pattern_text for grade in ("轻微伤", "轻伤", "重伤", "伤残"))
