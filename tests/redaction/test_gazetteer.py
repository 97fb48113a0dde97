import pytest

from gongkai.redaction import gazetteer


def test_the_table_has_every_level():
    divisions = gazetteer.divisions()
    provinces = [d for d in divisions if d.is_province]
    assert len(provinces) == 34
    assert sum(d.is_prefecture for d in divisions) > 300
    assert sum(d.is_county for d in divisions) > 2800
    assert all(len(d.code) == 6 and d.code.isdigit() for d in divisions)


def test_a_county_knows_its_prefecture():
    by_name = {d.name: d for d in gazetteer.divisions() if d.is_county}
    assert gazetteer.prefecture_of(by_name["拱墅区"]) == "杭州市"
    assert gazetteer.prefecture_of(by_name["船营区"]) == "吉林市"


def test_province_short_forms():
    short = gazetteer.province_short_forms()
    for name in ("新疆", "广西", "内蒙古", "黑龙江", "河南", "北京", "香港"):
        assert name in short
    assert "新疆维吾尔" not in short
    assert [len(s) for s in short] == sorted((len(s) for s in short), reverse=True)


@pytest.mark.parametrize(
    ("text", "length"),
    [
        ("乌兰察布市集宁区", 5),
        ("白云鄂博矿区", 6),
        ("和田地区", 4),
        ("武汉市江岸区", 3),
        ("武汉市场内", 0),
    ],
)
def test_a_divisions_full_name_at_a_position(text, length):
    from gongkai.redaction.gazetteer import division_name_at

    assert division_name_at(text, 0) == length
