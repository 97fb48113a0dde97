"""The name helpers' segmenter: jieba's tokenizer with its hot loops written out."""

from __future__ import annotations

import jieba
import pytest

from gongkai.redaction.names import NameContext, segmenter, short_forms
from gongkai.synthetic import generate


def test_segmenter_cuts_exactly_as_jieba() -> None:
    ours = segmenter()._tokenizer
    theirs = jieba.Tokenizer()
    theirs.tmp_dir = ours.tmp_dir
    texts = [record["full_text"] for record, _gold in generate(40, 17)]
    texts += ["欧阳娜娜和买买提江·吐尔逊于二〇二五年元月", "经查，违法行为人王某某伙同李四"]
    texts += ["ABC123中文", "。", ""]
    compared = 0
    for text in texts:
        for start in range(0, len(text), 5):
            for width in (2, 4, 8, 14):
                window = text[start : start + width]
                for hmm in (True, False):
                    assert list(ours.cut(window, HMM=hmm)) == list(theirs.cut(window, HMM=hmm))
                    compared += 1
        assert list(ours.cut(text)) == list(theirs.cut(text))
    assert compared > 10_000


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("证人薛李娟萍称", "薛李娟萍"),  # both parents' surnames, then the given name
        ("被交通民警姜超卫、辅警庞东查获。", "庞东"),  # 查获: a verb, not a given name
        ("用刀扎破轮胎损坏王利停放的车辆", "王利"),  # 停放 follows names
        ("民警申诗颖、徐超出具的工作情况说明", "徐超"),  # 出具
        ("民警靳超出警到达现场", "靳超"),  # 出警
        ("致钱进左耳鼓膜穿孔", "钱进"),  # a body part's side
        ("出借给邓平使用，邓平持该身份证", "邓平"),  # characters that start what follows
        ("致其头皮挫裂伤，杨胜用拳头击打", "杨胜"),
        ("韦春雷之妻蓝桂英另在长安镇务工", "蓝桂英"),
        ("对直接负责的主管人员杨淼处罚款五千元", "杨淼"),
        ("杜海涛、黎明与郑红四人在广场", "郑红"),  # a count after the name
        ("游客蒲俊及蒲俊之女蒲小雨", "蒲俊"),  # a kinship possessive
    ],
)
def test_where_a_han_name_ends(text: str, name: str) -> None:
    start = text.index(name)
    assert NameContext(text).han_name_end(start, 1) == start + len(name)


@pytest.mark.parametrize(
    ("name", "forms"),
    [
        ("张志勇", ("志勇", "阿勇", "勇仔")),
        ("欧阳晓燕", ("晓燕", "阿燕", "燕仔")),
        ("阿西木呷", ("阿西", "木呷")),
        ("扎西多吉", ("扎西", "多吉")),
        ("王芳", ("阿芳", "芳仔")),
        ("阿强", ()),  # a familiar form has no familiar forms
        ("买买提·吐尔逊", ()),
        ("John SMITH", ()),
    ],
)
def test_short_forms(name: str, forms: tuple[str, ...]) -> None:
    assert short_forms(name) == forms
