"""TableNameRecognizer: the 姓名 column of a pasted table, and the cell after a name label."""

from __future__ import annotations

import pytest

from gongkai.redaction import entities
from gongkai.redaction.recognizers.table_name import TableNameRecognizer


def found(analyze, text: str) -> list[str]:
    results = analyze(TableNameRecognizer(), text)
    assert all(r.entity_type == entities.PERSON for r in results)
    return [text[r.start : r.end] for r in results]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a header with a 姓名 column, rows below it; a name with spaces inside stays whole
        (
            "序号\t姓名\t身份证号\t联系电话\n1\t王  芳\t411323199501010010\t无\n2\t李建军\t无\t无",
            ["王  芳", "李建军"],
        ),
        ("│序号│姓名│性别│\n│1│郭子豪│男│\n│2│NGUYEN VAN AN│男│", ["郭子豪", "NGUYEN VAN AN"]),
        # label cells and their values
        (
            "|姓名|NGUYEN THI HOA|中文译名|阮氏花|\n|性别|女|国籍|越南|",
            ["NGUYEN THI HOA", "阮氏花"],
        ),
        ("│中文译名│巴特巴雅尔│\n│国籍│蒙古国│", ["巴特巴雅尔"]),
        # ruled lines between the rows, cells padded with ideographic spaces
        (
            "┌──┬─────┬──┐\n│序号│姓名　　　│性别│\n├──┼─────┼──┤\n"
            "│1　│万丽娟　　│女　│\n├──┼─────┼──┤\n│2　│谢光辉　　│男　│\n└──┴─────┴──┘",
            ["万丽娟", "谢光辉"],
        ),
        ("| 序号 | 姓名 | 性别 |\n|---|---|---|\n| 1 | 郭子豪 | 男 |", ["郭子豪"]),
    ],
)
def test_names_in_tables(analyze, text, names):
    assert found(analyze, text) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # the table ends with a line without cells: the next table's column is another
        (
            "序号\t姓名\t性别\n1\t王芳\t女\n处罚结果如下\n序号\t单位\t金额\n1\t洛阳市某公司\t5000",
            ["王芳"],
        ),
        # a label-value table's other values are no names
        (
            "|姓名|NGUYEN THI HOA|\n|越南身份证号|038198004521|\n|住址|谅山省高禄县|",
            ["NGUYEN THI HOA"],
        ),
        # a pseudonym already, an organisation, a row of another width
        ("序号\t姓名\t性别\n1\t张某\t男\n2\t洛阳市宏达物流有限公司\t无\n3\t李四", []),
        # no table at all
        ("违法行为人姓名：王芳，性别：女", []),
    ],
)
def test_only_the_name_cells(analyze, text, names):
    assert found(analyze, text) == names


def test_a_table_typed_with_ideographic_spaces(analyze):
    text = (
        "仅凭旅客口述手写登记于纸质登记簿：\n"
        "序号　姓名　　证件种类　　　　证件号码　　　　　　房号\n"
        "1　　苏明辉　居民身份证　　　　350211199005213015　0816\n"
        "2　　陈淑芬　台湾居民来往大陆通行证　07182934　　0818\n"
        "5月11日凌晨，鹭江派出所民警检查时发现上述情况。"
    )
    assert found(analyze, text) == ["苏明辉", "陈淑芬"]


def test_prose_with_spaces_is_no_table(analyze):
    text = "违法行为人姓名　张三　性别　男\n经查，该人于　2023年5月　在本市　盗窃　电动车一辆。"
    assert found(analyze, text) == []


def test_a_column_headed_by_a_role_word_holds_people(analyze):
    text = (
        "序号│托运人│货物│运费\n1│佘立军│标称“五金配件”纸箱6件│320元\n2│蹇晓雯│编织袋4件│210元\n"
        "运单号\t寄件人\t申报品名\nSD7702514836\t练志坚\t电子元件"
    )
    assert found(analyze, text) == ["佘立军", "蹇晓雯", "练志坚"]


def test_the_name_column_wins_over_a_role_column(analyze):
    text = "序号\t人员\t姓名\t性别\n1\t参赌人员\t吴清河\t男\n2\t参赌人员\t洪添福\t男"
    assert found(analyze, text) == ["吴清河", "洪添福"]
