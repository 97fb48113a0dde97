"""Reasonable cases the redactor gets wrong today.

Each is marked ``xfail(strict=True)``: the suite stays green while the gap is open, and turns
red when a fix makes the case pass, so the mark must then be removed (and the case moved to its
regular test file).
"""

from __future__ import annotations

import pytest
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
from presidio_analyzer.nlp_engine import NoOpNlpEngine
from test_engine_cases import COMPANY, COMPANY_TEXT, MINORITY

from gongkai.redaction.engine import Redactor
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
