"""LatinNameRecognizer: foreign names in Latin letters; acronyms and codes are left alone."""

from __future__ import annotations

import pytest

from gongkai.redaction import entities
from gongkai.redaction.recognizers.latin_name import LatinNameRecognizer, latin_names_listed_with

NAMES: list[tuple[str, str]] = [
    ("聘用韩国籍人员김철수（中文译名金哲洙）", "김철수"),
    ("俄文姓名：ИВАНОВ СЕРГЕЙ，中文译名伊万诺夫·谢尔盖", "ИВАНОВ СЕРГЕЙ"),
    ("违法行为人：NGUYEN THI HONG（中文译名：阮氏红），女", "NGUYEN THI HONG"),
    ("违法行为人John SMITH（中文名：约翰·史密斯）", "John SMITH"),
    ("现决定对NGUYEN THI HONG处以罚款人民币四千五百元", "NGUYEN THI HONG"),
    ("外籍人员John Smith未办理住宿登记", "John Smith"),
    ("证人MAX LAW称其看见", "MAX LAW"),  # LAW is a Hong Kong surname, MAX a given name
    ("违法行为人：KIM MIN JUN，男，国籍：韩国", "KIM MIN JUN"),
    ("外籍人员Maria Garcia-Lopez持有过期签证", "Maria Garcia-Lopez"),
    ("护照姓名：PARK Ji-hoon", "PARK Ji-hoon"),
    ("上述事实有林珺的陈述，KHAN的陈述，课程表", "KHAN"),
    ("违法行为人Mohammed Al Rashid于2023年5月入境", "Mohammed Al Rashid"),
    ("违法行为人Jean-Pierre DUBOIS非法就业", "Jean-Pierre DUBOIS"),
    ("违法行为人：ALEXANDER PETROV", "ALEXANDER PETROV"),
    ("违法行为人Tran Van Nam与其同乡", "Tran Van Nam"),
    ("证人Ivan Petrov证实", "Ivan Petrov"),
    ("签名：John Smith", "John Smith"),
    ("违法行为人WANG Wei（王伟）", "WANG Wei"),
    ("巴基斯坦籍旅客Imran ul-Haq QURESHI（中文译名伊姆兰）", "Imran ul-Haq QURESHI"),
    ("日文姓名：タナカ ケンイチ，国籍：日本", "タナカ ケンイチ"),
    ("泰文姓名：ศิริพร แก้วมณี\u3000中文译名：诗丽蓬", "ศิริพร แก้วมณี"),
    # diacritics, precomposed and combining
    ("（护照姓名Nguyễn Thị Thu Hằng，中文译名阮氏秋恒）", "Nguyễn Thị Thu Hằng"),
    ("证人Jürgen MÜLLER证实", "Jürgen MÜLLER"),
    ("违法行为人Łukasz Kowalski非法就业", "Łukasz Kowalski"),
    ("违法行为人Nguye\u0302\u0303n Va\u0306n An入境", "Nguye\u0302\u0303n Va\u0306n An"),
]

NOT_NAMES: list[str] = [
    "按照《建筑设计防火规范》（GB 50016—2014，2018年版）的要求",
    "依据《机动车运行安全技术条件》（GB 7258—2017）",
    "依据GB/T 29639-2013",
    "通过“交管12123”APP缴纳罚款",
    "通过QQ（QQ号：2875316604）出售",
    "统一社会信用代码：91410305MA9K4T2R6Q",
    "统一社会信用代码：92410302MA9FXK7L3B",
    "执法记录仪（编号：DSJ-LY0413）",
    "准驾车型：C1",
    "车辆牌号：豫CQ8P27",
    "使用VPN翻墙软件",
    "在KTV包间内",
    "购买USDT虚拟货币",
    "使用TP-LINK无线路由器",
    "通过Telegram软件联系",
    "使用iPhone 13手机",
    "驾驶BMW X5型轿车",
    "持有U盾",
    "车辆识别代号：LSVNV2182E2100001",
    "通过Apple Store下载该软件",
    "Passport No. E12345678 issued",
    "在Online Shop购买",
    "行政处罚决定书\nADMINISTRATIVE PENALTY DECISION\n沪公浦（出）行罚决字",
    "苹果iPhone 15 Pro Max一部，IMEI：356789102345678",
    "被处罚人基本情况 / Information of the Person Penalized\n",
]


@pytest.mark.parametrize(("text", "name"), NAMES)
def test_latin_names_are_found(analyze, text, name):
    results = analyze(LatinNameRecognizer(), text)
    assert [text[r.start : r.end] for r in results] == [name]
    assert results[0].entity_type == entities.PERSON


@pytest.mark.parametrize("text", NOT_NAMES)
def test_acronyms_codes_and_products_are_not_names(analyze, text):
    assert analyze(LatinNameRecognizer(), text) == []


def test_role_word_lifts_a_single_word_name(analyze):
    text = "违法行为人：SMITH，男，国籍：美国"
    results = analyze(LatinNameRecognizer(), text)
    assert [text[r.start : r.end] for r in results] == ["SMITH"]
    # without any context a lone capitalised word stays below the threshold
    assert analyze(LatinNameRecognizer(), "对方自称SMITH") == []


def _listed(text: str, seed: str) -> list[str]:
    start = text.index(seed)
    return [text[s:e] for s, e in latin_names_listed_with(text, [(start, start + len(seed))])]


@pytest.mark.parametrize(
    "text, seed, expected",
    [
        ("违法嫌疑人O'Brien、KHAN二人在本市非法就业。", "O'Brien", ["KHAN"]),
        # and right before one
        ("上述事实有O'Brien、KHAN的陈述", "KHAN", ["O'Brien"]),
        ("外国人John SMITH、Ali和PETROV Ivan均未办理登记。", "John SMITH", ["Ali", "PETROV Ivan"]),
        # a Han name found is no seed for Latin words
        ("证人张伟、KHAN到场。", "张伟", []),
        # acronyms and brand words after a name are no names
        ("外国人John SMITH、KTV经营者到场。", "John SMITH", []),
        ("外国人John SMITH与APP运营方联系。", "John SMITH", []),
        # a word that runs on into other letters or digits is no listed name
        ("外国人John SMITH、KHAN123到场。", "John SMITH", []),
    ],
)
def test_latin_names_listed_after_a_latin_name(text, seed, expected):
    assert _listed(text, seed) == expected
