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
from gongkai.redaction.recognizers.dotted_name import DottedNameRecognizer
from gongkai.redaction.recognizers.han_name import HanNameRecognizer
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


# --- Han names: where a name ends --------------------------------------------------------------

HAN_NAMES = [
    gap("违法行为人张三于2023年5月1日20时许", ["张三"], reason="于 glued to a 2-char name"),
    gap("违法行为人刘强于2023年5月1日20时许", ["刘强"], reason="于 glued to a 2-char name"),
    gap("违法行为人亓明于当晚到案", ["亓明"], reason="于 glued to a 2-char name"),
    gap("违法行为人王一系无业人员", ["王一"], reason="系 glued to a 2-char name"),
    gap("同案人赵四系其表弟", ["赵四"], reason="系 glued to a 2-char name"),
    gap("旅客李娜未按规定出示身份证件", ["李娜"], reason="未 glued to a 2-char name"),
    gap(
        "王志强与其弟王志刚、堂弟王浩在烧烤店内饮酒",
        ["王志刚", "王浩"],
        reason="在 glued to a 2-char list name (王浩在)",
    ),
    gap("伤者韩梅梅经鉴定为轻微伤", ["韩梅梅"], reason="reduplicated given name cut short"),
    gap("违法行为人亓官飞于当晚到案", ["亓官飞"], reason="亓官 compound surname unknown"),
    gap("姓名：扎西多吉，性别：男", ["扎西多吉"], reason="labelled minority name cut to 扎西"),
    # word-names after a role word
    gap("被侵害人方圆的陈述", ["方圆"], reason="word-name 方圆 after a role not found"),
    gap("证人向阳称其看见", ["向阳"], reason="word-name 向阳 after a role not found"),
    # lists and titles
    gap(
        "证人李娜、王芳和洛阳市优途艺术培训中心负责人曹俊峰",
        ["李娜", "王芳", "曹俊峰"],
        reason="list name dropped when an organisation follows within 12 characters",
    ),
    gap("经洛阳市公安局涧西分局副局长王建国批准", ["王建国"], reason="局长 is no role word"),
]

HAN_NOT_NAMES = [
    gap("负责人曹俊峰、郑州、开封两地", "郑州", reason="place in a list read as a name"),
    gap("民警经询问得知", "经询问", reason="经 read as a surname"),
    gap("负责人于当日到案", "于当日", reason="于 read as a surname"),
    gap("民警和辅警共同出警", "和辅警", reason="和 read as a surname"),
    gap("被侵害人经鉴定为轻微伤", "经鉴定", reason="经 read as a surname"),
    gap("民警高度重视，立即出警", "高度", reason="高度 read as a name"),
    gap("民警严格依法办案", "严格", reason="严格 read as a name"),
    gap("民警马上赶到现场", "马上", reason="马上 read as a name"),
]


@pytest.mark.parametrize(("text", "names"), HAN_NAMES)
def test_han_name_gaps(text, names):
    assert found(HanNameRecognizer(), text) == names


@pytest.mark.parametrize(("text", "word"), HAN_NOT_NAMES)
def test_han_false_positive_gaps(text, word):
    assert not any(word in hit or hit in word for hit in found(HanNameRecognizer(), text))


# --- dotted names: where the name starts and ends ----------------------------------------------

DOTTED = [
    gap("证人约翰·史密斯证实", ["约翰·史密斯"], reason="verb 证实 kept in the name"),
    gap(
        "经查，艾力·阿不都热合曼于2023年5月1日入住",
        ["艾力·阿不都热合曼"],
        reason="cut at 都 (in the trailing-verb list): 都热合曼 left",
    ),
    gap(
        "翻译人员热依拉·阿布都拉现场翻译",
        ["热依拉·阿布都拉"],
        reason="cut at 都: 都拉 left",
    ),
    gap(
        "依法对买买提江·吐尔逊进行询问",
        ["买买提江·吐尔逊"],
        reason="进行询问 kept in the name",
    ),
    gap("现决定对伊万·彼得罗夫处以罚款", ["伊万·彼得罗夫"], reason="处以罚款 kept in the name"),
    gap(
        "努尔艾力·吐尔逊与其妻子阿依努尔·艾买提在乌鲁木齐",
        ["努尔艾力·吐尔逊", "阿依努尔·艾买提"],
        reason="second name cut to 尔·艾买提: 阿依努 left",
    ),
]


@pytest.mark.parametrize(("text", "names"), DOTTED)
def test_dotted_name_gaps(text, names):
    assert found(DottedNameRecognizer(), text) == names


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


@pytest.mark.xfail(
    strict=True,
    reason="dotted name swallows 现决定给予…行政拘留五日 → 现某; the penalty is lost",
)
def test_minority_penalty_sentence_survives(redactor):
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


@pytest.mark.xfail(
    strict=True,
    reason="后买买提江·吐尔逊持板凳砸坏店内 → 后某; 艾力·阿不都拉 → 艾某都拉",
)
def test_minority_names_in_running_text(redactor):
    text = redactor.redact(parse_record({**MINORITY, "full_text": MINORITY_HARD})).redacted_text
    assert "都拉" not in text
    assert "后买某持板凳砸坏店内玻璃门一扇" in text
    assert "与顾客艾某因琐事发生争执" in text


@pytest.mark.xfail(
    strict=True,
    reason="marker finds 管白云 in 技术主管白云（女…）: 主管 damaged; one person, 管某 and 白某",
)
def test_title_before_a_word_name(redactor):
    full = COMPANY_TEXT.replace(
        "未履行网络安全保护义务。",
        "未履行网络安全保护义务。公司技术主管白云（女，1992年出生）对上述问题知情。",
    ).replace("法定代表人高山的询问笔录", "法定代表人高山、技术主管白云的询问笔录")
    text = redactor.redact(parse_record({**COMPANY, "full_text": full})).redacted_text
    assert "白云" not in text
    assert "公司技术主管白某（女" in text
    assert "技术主管白某的询问笔录" in text
