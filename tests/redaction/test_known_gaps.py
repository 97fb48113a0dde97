"""Known gaps: reasonable cases the redactor got wrong, kept here once fixed.

A gap found and not yet fixed goes here marked ``xfail(strict=True)``: the suite stays green
while it is open and turns red when a fix makes it pass, so the mark must then be removed. None
is open today (the last, a capitalised product name such as Apple Store read as a person's
name, is fixed and tested with the Latin name recognizer).
"""

from __future__ import annotations

import pytest
from test_engine_cases import COMPANY, COMPANY_TEXT, MINORITY

from gongkai.redaction.engine import Redactor
from gongkai.redaction.record import parse_record

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
