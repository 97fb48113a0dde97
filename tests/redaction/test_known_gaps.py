"""Reasonable cases the redactor gets wrong today.

Each is marked ``xfail(strict=True)``: the suite stays green while the gap is open, and turns
red when a fix makes the case pass, so the mark must then be removed (and the case moved to its
regular test file).
"""

from __future__ import annotations

import pytest
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
from presidio_analyzer.nlp_engine import NoOpNlpEngine
from test_engine_cases import ASSAULT, COMPANY, COMPANY_TEXT, MINORITY
from test_policy import FACTS, PARTY, person, reasons, text_with

from gongkai.redaction.engine import Redactor
from gongkai.redaction.recognizers.known_values import KnownValueRecognizer
from gongkai.redaction.recognizers.latin_name import LatinNameRecognizer
from gongkai.redaction.record import parse_record


def gap(*values, reason: str):
    return pytest.param(*values, marks=pytest.mark.xfail(strict=True, reason=reason))


def found(recognizer, text: str) -> list[str]:
    registry = RecognizerRegistry(supported_languages=["zh"])
    registry.add_recognizer(recognizer)
    engine = AnalyzerEngine(
        nlp_engine=NoOpNlpEngine(models=[{"lang_code": "zh", "model_name": "noop"}]),
        registry=registry,
        supported_languages=["zh"],
    )
    results = engine.analyze(text, language="zh", score_threshold=0.5)
    return [text[r.start : r.end] for r in sorted(results, key=lambda r: r.start)]


@pytest.mark.xfail(strict=True, reason="capitalised product name (Apple Store) scored as a name")
def test_latin_product_name_is_not_a_name():
    assert found(LatinNameRecognizer(), "通过Apple Store下载该软件") == []


# --- known values: birth dates written other ways ----------------------------------------------

KNOWN_DATES = [
    gap("1986-07-21", "出生日期：1986 年 7 月 21 日", "1986 年 7 月 21 日", reason="spaced date"),
    gap("2006-02-14", "二零零六年二月十四日出生", "二零零六年二月十四日", reason="零 as zero"),
    gap("2006-02-14", "二○○六年二月十四日出生", "二○○六年二月十四日", reason="○ as zero"),
    gap("2006-02-14", "2006年2月14号出生", "2006年2月14号", reason="号 for 日"),
]


@pytest.mark.parametrize(("birth", "text", "value"), KNOWN_DATES)
def test_known_birth_date_gaps(birth, text, value):
    rec = parse_record({**ASSAULT, "party_birth_date": birth})
    hits = [text[r.start : r.end] for r in KnownValueRecognizer(rec).analyze(text)]
    assert value in hits


# --- policy ------------------------------------------------------------------------------------


@pytest.mark.xfail(strict=True, reason="spaced ID number in the party line is not read for age")
def test_spaced_id_number_in_text_says_minor():
    party = "违法行为人刘晨阳，男，居民身份证号码410311 20070305 0512，现住洛阳市洛龙区。"
    assert reasons(person(full_text=text_with(party, FACTS))) == ["minor"]


@pytest.mark.xfail(
    strict=True,
    reason="party paragraph anchored on the exact name: age after a spaced name is ignored",
)
def test_age_after_a_spaced_party_name_says_minor():
    party = "违法行为人刘 晨 阳，男，16岁，现住洛阳市洛龙区。"
    assert reasons(person(full_text=text_with(party, FACTS))) == ["minor"]


@pytest.mark.xfail(strict=True, reason="act date only read after 现查明/经查; else decision date")
def test_act_date_without_a_facts_marker():
    # 18 on 2023-06-10; the act on 2023-06-09 (no 现查明), decision on 2023-07-01
    facts = "2023年6月9日21时许，刘晨阳在超市内盗窃洗发水两瓶。以上事实有刘晨阳的陈述等证据证实。"
    rec = person(
        party_birth_date="2005-06-10", party_id_number=None, full_text=text_with(PARTY, facts)
    )
    assert reasons(rec) == ["minor"]


# --- whole decisions ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def redactor() -> Redactor:
    return Redactor()


def test_minority_penalty_sentence_survives(redactor):
    """Fixed gap: the dotted name once swallowed 现决定给予…行政拘留五日."""
    text = redactor.redact(parse_record(MINORITY)).redacted_text
    assert "现决定给予买某行政拘留五日的处罚" in text


MINORITY_HARD = (
    MINORITY["full_text"]
    .replace(
        "买买提江·吐尔逊在天山区解放南路一烤肉店内因琐事与店主发生争执，买买提江·吐尔逊随后砸坏",
        "买买提江·吐尔逊在天山区解放南路一烤肉店内与顾客艾力·阿不都拉因琐事发生争执，"
        "后买买提江·吐尔逊持板凳砸坏",
    )
    .replace("证人热依拉·买买提的证言", "被侵害人艾力·阿不都拉的陈述，证人热依拉·买买提的证言")
)


def test_minority_names_in_running_text(redactor):
    """Fixed gap: 后买买提江·吐尔逊持板凳砸坏店内 → 后某; 艾力·阿不都拉 → 艾某都拉."""
    text = redactor.redact(parse_record({**MINORITY, "full_text": MINORITY_HARD})).redacted_text
    assert "都拉" not in text
    assert "后买某持板凳砸坏店内玻璃门一扇" in text
    assert "与顾客艾某因琐事发生争执" in text


def test_title_before_a_word_name(redactor):
    """Fixed gap: the marker rule once found 管白云 in 技术主管白云（女…）."""
    full = COMPANY_TEXT.replace(
        "未履行网络安全保护义务。",
        "未履行网络安全保护义务。公司技术主管白云（女，1992年出生）对上述问题知情。",
    ).replace("法定代表人高山的询问笔录", "法定代表人高山、技术主管白云的询问笔录")
    text = redactor.redact(parse_record({**COMPANY, "full_text": full})).redacted_text
    assert "白云" not in text
    assert "公司技术主管白某（女" in text
    assert "技术主管白某的询问笔录" in text
