"""DottedNameRecognizer: minority and foreign names written with a middle dot."""

from __future__ import annotations

import pytest

from gongkai.redaction import entities
from gongkai.redaction.recognizers.dotted_name import DottedNameRecognizer

# (text, names that must be found exactly)
CASES: list[tuple[str, list[str]]] = [
    ("违法行为人：买买提江·吐尔逊（男，维吾尔族，1990年出生）", ["买买提江·吐尔逊"]),
    ("违法行为人买买提江·吐尔逊，男，维吾尔族", ["买买提江·吐尔逊"]),
    ("被侵害人阿依古丽·买买提的陈述", ["阿依古丽·买买提"]),
    ("买买提江·吐尔逊驾驶无牌摩托车", ["买买提江·吐尔逊"]),
    ("违法行为人阿卜杜拉•艾合买提在宾馆内", ["阿卜杜拉•艾合买提"]),  # bullet as the dot
    ("违法行为人玛丽亚・冈萨雷斯非法就业", ["玛丽亚・冈萨雷斯"]),  # katakana middle dot
    ("违法行为人穆罕默德·阿里·汗持有", ["穆罕默德·阿里·汗"]),
    ("证人扎西·多吉称", ["扎西·多吉"]),
    (
        "同案人迪丽拜尔·阿不力孜、古丽娜尔·吐尔洪的陈述",
        ["迪丽拜尔·阿不力孜", "古丽娜尔·吐尔洪"],
    ),
    ("违法行为人安德烈·伊万诺维奇·彼得罗夫非法居留", ["安德烈·伊万诺维奇·彼得罗夫"]),
    ("违法行为人John SMITH（中文名：约翰·史密斯）", ["约翰·史密斯"]),
    ("经查，帕尔哈提·买买提明于2023年6月入住", ["帕尔哈提·买买提明"]),
    ("被侵害人努尔兰·别克", ["努尔兰·别克"]),
    # a Latin initial between the parts
    ("违法行为人：John A. SMITH（中文译名约翰·A·史密斯），男", ["约翰·A·史密斯"]),
    ("Sarah K. LEE（莎拉·K·李，加拿大国籍）已另案处理", ["莎拉·K·李"]),
    ("奥利弗·J·布朗·史密斯于2023年入境", ["奥利弗·J·布朗·史密斯"]),
    # a verb with 着 on either side is no part of the name
    ("走访时发现罗莎·德拉克鲁斯陪着汪秀英在小区散步", ["罗莎·德拉克鲁斯"]),
    ("古丽巴哈尔拉着阿依努尔·吐尔逊的胳膊", ["阿依努尔·吐尔逊"]),
    # --- no name ---------------------------------------------------------------------------------
    ("洛阳市公安局 · 出入境管理支队", []),
    ("车辆牌号：豫C·3L76H", []),
    ("2023·05·01", []),
    ("《中华人民共和国出境入境管理法》第四十三条", []),
    # a verb right after the name (…比比未依法, …赖特扇其耳光, …阿列克谢拒不出示)
    ("居留许可有效期届满后，法蒂玛·比比未依法申请延期", ["法蒂玛·比比"]),
    ("后托马斯·赖特扇其耳光数下", ["托马斯·赖特"]),
    ("后阿德巴约·格蕾丝抓扯其头发", ["阿德巴约·格蕾丝"]),
    ("要求出示护照，彼得罗夫·阿列克谢拒不出示", ["彼得罗夫·阿列克谢"]),
    # in a text typed with half-width commas, "." ends a sentence unless it stands between two
    # transliteration characters
    ("违法行为人张伟,男。阿卜杜拉.吐尔逊报警", ["阿卜杜拉.吐尔逊"]),
    ("双方发生争执,随后动手.庄志明用拳头殴打对方", []),
    ("违法行为人叶尔波拉提.哈力木，男，哈萨克族", ["叶尔波拉提.哈力木"]),
    # where the name ends in running text (formerly known gaps)
    ("证人约翰·史密斯证实", ["约翰·史密斯"]),
    ("经查，艾力·阿不都热合曼于2023年5月1日入住", ["艾力·阿不都热合曼"]),
    ("翻译人员热依拉·阿布都拉现场翻译", ["热依拉·阿布都拉"]),
    ("依法对买买提江·吐尔逊进行询问", ["买买提江·吐尔逊"]),
    ("现决定对伊万·彼得罗夫处以罚款", ["伊万·彼得罗夫"]),
    ("努尔艾力·吐尔逊与其妻子阿依努尔·艾买提在乌鲁木齐", ["努尔艾力·吐尔逊", "阿依努尔·艾买提"]),
]


@pytest.mark.parametrize(("text", "names"), CASES)
def test_dotted_names(analyze, text, names):
    results = analyze(DottedNameRecognizer(), text)
    assert [text[r.start : r.end] for r in results] == names
    assert all(r.entity_type == entities.PERSON for r in results)


def test_role_word_is_not_part_of_the_name(analyze):
    text = "同案违法行为人：买买提江·吐尔逊"
    (result,) = analyze(DottedNameRecognizer(), text)
    assert text[: result.start] == "同案违法行为人："
