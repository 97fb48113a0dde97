"""DetailedAddressRecognizer: what goes (below district level) and what stays readable."""

from __future__ import annotations

import time

import pytest
from presidio_analyzer import RecognizerResult

from gongkai.redaction import entities
from gongkai.redaction.recognizers.address import DetailedAddressRecognizer

# (text, expected spans): a span is a substring (its first occurrence) or (start, end).
CASES: list[tuple[str, list[str | tuple[int, int]]]] = [
    # --- after a label: starts right after the district, runs to the clause end ---------------
    (
        "现住址：河南省洛阳市涧西区天津路37号院5号楼2单元602室，工作单位：洛阳恒昌机械配件有限公司",
        ["天津路37号院5号楼2单元602室"],
    ),
    ("户籍所在地：河南省洛阳市涧西区重庆路街道办事处景华路社区，", ["重庆路街道办事处景华路社区"]),
    (
        "住址：河南省洛阳市伊川县城关街道杜康大道南段金桂苑小区9号楼1单元401室\n发证机关",
        ["城关街道杜康大道南段金桂苑小区9号楼1单元401室"],
    ),
    ("户籍所在地：河南省洛阳市新安县城关镇东关村三组\n", ["城关镇东关村三组"]),
    (
        "住所：河南省洛阳市涧西区南昌路与丽春西路交叉口东南角华晨国际广场B座18层1806室\n",
        ["南昌路与丽春西路交叉口东南角华晨国际广场B座18层1806室"],
    ),
    ("住所：河南省洛阳市涧西区武汉路58号1幢负一层至二层\n", ["武汉路58号1幢负一层至二层"]),
    (
        "现住河南省洛阳市老城区中州东路327号院2号楼3单元401室，无固定职业",
        ["中州东路327号院2号楼3单元401室"],
    ),
    ("户籍所在地河南省洛阳市老城区西关街道办事处贴廓巷社区，现住", ["西关街道办事处贴廓巷社区"]),
    (
        "现住址：河南省洛阳市瀍河回族区启明南路18号院7号楼1单元502室，",
        ["启明南路18号院7号楼1单元502室"],
    ),
    ("（同楼邻居，住5号楼2单元502室）的证言", ["5号楼2单元502室"]),
    # whose home it is, before 位于, is no part of the address
    (
        "借住在其生意伙伴阿迪力·吐尔逊位于天山区二道桥国际大巴扎北侧清真寺旁巷子17号的家中",
        ["二道桥国际大巴扎北侧清真寺旁巷子17号"],
    ),
    ("家住本市长宁路1018弄5号1202室，", ["长宁路1018弄5号1202室"]),
    ("现住北京市东城区南锣鼓巷雨儿胡同甲3号，", ["南锣鼓巷雨儿胡同甲3号"]),
    ("户籍所在地：河南省洛阳市伊川县鸦岭乡杜沟村三组", ["鸦岭乡杜沟村三组"]),
    ("住址：河南省洛阳市宜阳县锦屏镇灵山村委会后村自然村。", ["锦屏镇灵山村委会后村自然村"]),
    ("户籍地：河南省郑州市新郑市龙湖镇泰山村，", ["龙湖镇泰山村"]),
    ("家住新安县城关镇东关村，", ["城关镇东关村"]),
    ("住址：上海市浦东新区张杨路500号，", ["张杨路500号"]),
    ("居住地：广西壮族自治区南宁市青秀区民族大道100号", ["民族大道100号"]),
    ("暂住在洛阳市涧西区长安路16号院，", ["长安路16号院"]),
    ("居住于涧西区景华路12号。", ["景华路12号"]),
    ("暂住地：洛阳市西工区中州中路金谷园小区，", ["中州中路金谷园小区"]),
    ("注册地址：洛阳市洛龙区开元大道218号", ["开元大道218号"]),
    ("经营场所：洛阳市涧西区关林市场3号门面；", ["关林市场3号门面"]),
    ("住址：洛阳市涧西区锦华小区三号楼二单元，", ["锦华小区三号楼二单元"]),
    (
        "现住址：河南省洛阳市涧西区天津路３７号院５号楼２单元６０２室，",
        ["天津路３７号院５号楼２单元６０２室"],
    ),
    ("住址：北京市朝阳区安立路60号3号楼2门301，", ["安立路60号3号楼2门301"]),
    # --- no label: a house number makes it identifying ---------------------------------------
    ("接110指令称，涧西区天津路37号院5号楼有人发生家庭纠纷。", ["天津路37号院5号楼"]),
    ("对位于洛阳市西工区唐宫中路168号的“悦心足疗养生馆”进行检查", ["唐宫中路168号"]),
    ("涧西区天津路３７号院５号楼有人报警", ["天津路３７号院５号楼"]),
    ("在东城区雨儿胡同甲3号院门口", ["雨儿胡同甲3号院"]),
    ("在伊川县鸦岭乡杜沟村三组家中", ["鸦岭乡杜沟村三组"]),
    ("在涧西区锦华小区三号楼二单元楼道内", ["锦华小区三号楼二单元"]),
    ("在南昌路18号3楼一茶馆内", ["南昌路18号3楼"]),
    ("将其带至西工区凯旋东路12号院内", ["凯旋东路12号院"]),
    ("民警赶到5号楼2单元门口", ["5号楼2单元"]),
    ("在上海市长宁区长宁路1018弄5号门口", ["长宁路1018弄5号"]),
    ("（住址：河南省洛阳市涧西区天津路37号院）", ["天津路37号院"]),
    ("其住址位于天津路37号院，", ["天津路37号院"]),
    ("现居住于涧西区景华路12号院内一出租屋", ["景华路12号院"]),
    ("在洛阳市第一人民医院3号楼5层", ["3号楼5层"]),  # the hospital's name stays
    ("在河南科技大学3号宿舍楼", ["3号宿舍楼"]),
    ("在涧西区锦华小区东区3号楼", ["锦华小区东区3号楼"]),
    (
        "住所：洛阳市洛龙区开元大道与通衢路交叉口东南角正大国际城市广场D座1501室",
        ["开元大道与通衢路交叉口东南角正大国际城市广场D座1501室"],
    ),
    ("户籍所在地：新疆维吾尔自治区伊犁哈萨克自治州伊宁市解放路5号", ["解放路5号"]),
    ("户籍所在地：湖北省恩施土家族苗族自治州恩施市舞阳坝街道", ["舞阳坝街道"]),
    ("住址：天津市河西区友谊路20号", ["友谊路20号"]),
    # --- must stay readable ------------------------------------------------------------------
    ("河南省洛阳市涧西区", []),
    ("户籍所在地：河南省洛阳市涧西区，", []),
    ("洛阳市公安局涧西分局天津路派出所接110指令称", []),
    ("行政拘留送洛阳市拘留所执行", []),
    ("依法向洛阳市涧西区人民法院提起行政诉讼", []),
    ("向洛阳市公安局或者洛阳市涧西区人民政府申请行政复议", []),
    ("持本决定书到中国建设银行洛阳涧西支行缴纳罚款", []),
    ("在洛龙区开元大道与通衢路交叉口东50米，驾驶豫CQ8P27号小型普通客车", []),
    ("处罚地点：洛龙区开元大道与通衢路交叉口", []),
    ("在洛阳市老城区西大街丽景门西侧“老街坊烧烤”店内饮酒", []),
    ("王浩又追逐吴冬冬至中州东路与西大街交叉口", []),
    ("乘坐王志刚所有的豫C3L76H号白色大众轿车离开现场", []),
    ("洛公涧（天）行罚决字〔2023〕00086号", []),
    ("洛涧消行罚决字〔2023〕第0041号", []),
    ("洛公老（西关）行罚决字（2023）00412号、00413号、00414号", []),
    ("《中华人民共和国治安管理处罚法》第五十条第一款第（二）项、第二款之规定", []),
    ("现查明：2023年3月16日21时40分许，", []),
    ("拘留期限自2023年3月17日起至2023年3月23日止", []),
    ("于2023年5月12号将行政拘留决定通知家属", []),
    # Borderline, decided: a room inside a business venue is not anyone's address, and the
    # venue must stay readable, so 二楼208房间 stays (a 号房/室 number after a street would go).
    ("在该店二楼208房间内当场查获", []),
    ("1. 地下一层超市营业区（建筑面积约1850平方米）未按照规范设置", []),
    ("2. 二层商品仓储区未按照要求设置火灾自动报警系统", []),
    ("监护人赵秀兰，住址同上，联系电话：13949288371。", []),
    ("住址：同上", []),
    ("继续在上述住址居住。", []),
    ("境外人员住宿登记信息", []),
    ("现住院治疗", []),
    ("IP地址：192.168.1.1", []),
    ("对被处罚单位经营场所进行消防监督检查", []),
    ("（包括学员姓名、家长姓名、手机号码、家庭住址等）", []),
    ("联系方式：13903792586，违法经历：无。", []),
    ("检查发现该店一层至三层均未设置喷淋", []),
    ("其于2023年5月12号至13号期间", []),
    ("依据第12号令", []),
    ("乘坐地铁1号线", []),
    ("在公交5路车上", []),
    ("被关押于洛阳市拘留所3号监室", []),
    ("现住址：无固定住所", []),
    ("住址：不详", []),
    ("在洛阳市涧西区长春路与天津路交叉口的一家网吧", []),
    ("民警在洛阳市老城区青年宫广场", []),
    ("洛阳澜星教育信息咨询有限公司在开展少儿编程培训招生业务过程中", []),
    ("违法行为人的邮箱地址：abc@163.com", []),
    ("浙江省温州市鹿城区被害人林晓雯", []),
    ("工作单位：洛阳市伊洛职业技术学校机电一体化专业2021级学生", []),
    # checking into a hotel room is no residence; the hotel stays readable
    ("旅客于2026年5月6日入住南昌市东湖区如家酒店8207房间", []),
    ("在西宁市城西区“好运来”宾馆305号房间内卖淫", []),
    ("居住在南昌市东湖区八一大道368号", ["八一大道368号"]),
    # a lettered part of a compound before the number; a part of a venue alone stays
    ("客栈（位于敦煌市沙州镇鸣山路月牙泉小镇B区12号）", ["沙州镇鸣山路月牙泉小镇B区12号"]),
    ("在金牛区荷花池服装批发市场B区通道内", []),
    ("在金华市婺城区万达广场一楼肯德基餐厅内", []),  # a venue's floor
    ("在新都区平安茶楼二楼包间内打麻将", []),
    # 南区街道 is a sub-district's name, not a district followed by a street
    ("住满洲里市南区街道四道街6号1单元202室", ["南区街道四道街6号1单元202室"]),
    # a foreign guest's lodging address in a table cell after a tab
    (
        "住宿地址\t绥芬河市青云路街道光明街37号华宇宾馆305房\n",
        ["青云路街道光明街37号华宇宾馆305房"],
    ),
]


def _span(text: str, expected: str | tuple[int, int]) -> tuple[int, int]:
    if isinstance(expected, tuple):
        return expected
    start = text.index(expected)
    return start, start + len(expected)


@pytest.mark.parametrize(
    ("text", "expected"), CASES, ids=[f"case{i:02d}" for i in range(len(CASES))]
)
def test_address_spans(analyze, text, expected):
    results = analyze(DetailedAddressRecognizer(), text)
    got = [(r.start, r.end) for r in results]
    assert got == [_span(text, e) for e in expected], [text[s:e] for s, e in got]
    assert all(r.entity_type == entities.ADDRESS for r in results)


@pytest.mark.parametrize(
    ("text", "minimum"),
    [
        ("现住址：河南省洛阳市涧西区天津路37号院5号楼2单元602室，", 0.85),  # colon label
        ("户籍所在地河南省洛阳市老城区西关街道办事处贴廓巷社区，", 0.85),  # strong label
        ("现住河南省洛阳市老城区中州东路327号院，", 0.7),  # weak label + number
        ("涧西区天津路37号院5号楼有人发生家庭纠纷", 0.5),  # numbered, no label
        ("唐宫中路168号的“悦心足疗养生馆”", 0.5),
    ],
)
def test_scores(analyze, text, minimum):
    (result,) = analyze(DetailedAddressRecognizer(), text, threshold=0.0)
    assert result.score >= minimum
    assert result.recognition_metadata[RecognizerResult.RECOGNIZER_NAME_KEY] == (
        "DetailedAddressRecognizer"
    )


def test_explanation_names_the_reason():
    text = "现住址：河南省洛阳市涧西区天津路37号院5号楼2单元602室，"
    (result,) = DetailedAddressRecognizer().analyze(text, [entities.ADDRESS])
    assert result.analysis_explanation is not None
    assert result.analysis_explanation.recognizer == "DetailedAddressRecognizer"
    assert "现住址" in result.analysis_explanation.textual_explanation


def test_whole_sample_paragraph(analyze):
    text = (
        "违法行为人孙海涛，男，36岁，户籍所在地：河南省洛阳市涧西区重庆路街道办事处景华路社区，"
        "现住址：河南省洛阳市涧西区天津路37号院5号楼2单元602室，工作单位：洛阳恒昌机械配件有限公司，"
        "联系方式：13903792586。涧西区天津路37号院5号楼有人发生家庭纠纷。"
    )
    found = [text[r.start : r.end] for r in analyze(DetailedAddressRecognizer(), text)]
    assert found == [
        "重庆路街道办事处景华路社区",
        "天津路37号院5号楼2单元602室",
        "天津路37号院5号楼",
    ]
    assert all("涧西区" not in f and "洛阳" not in f for f in found)


@pytest.mark.parametrize(
    "text",
    [
        "区" * 20000,
        "1号" * 10000,
        "住址：" + "路" * 20000,
        "住" * 20000,
        "天津路" + "37号院5号楼" * 3000,
        "河南省洛阳市" * 3000,
        "一二三四五六七八九十" * 3000,
    ],
    ids=["qu", "hao", "label-road", "zhu", "chain", "admin", "numerals"],
)
def test_no_catastrophic_backtracking(text):
    recognizer = DetailedAddressRecognizer()
    began = time.perf_counter()
    recognizer.analyze(text, [entities.ADDRESS])
    assert time.perf_counter() - began < 2.0


def test_a_village_group_counted_in_she(analyze):
    from gongkai.redaction.recognizers.address import DetailedAddressRecognizer

    text = "住广河县三甲集镇康家村四社，该旅行社"
    assert [text[r.start : r.end] for r in analyze(DetailedAddressRecognizer(), text)] == [
        "三甲集镇康家村四社"
    ]


def test_a_new_estate_after_a_sub_district_is_no_zone(analyze):
    from gongkai.redaction.recognizers.address import DetailedAddressRecognizer

    text = "现住址：宁波市北仑区大碶街道九峰新区18幢302室。"
    found = [text[r.start : r.end] for r in analyze(DetailedAddressRecognizer(), text)]
    assert any("大碶街道九峰新区" in value for value in found)


def test_a_sub_unit_after_the_floor(analyze):
    from gongkai.redaction.recognizers.address import DetailedAddressRecognizer

    text = "住厦门市思明区鹭江街道大同路181号4楼之二，联系电话"
    assert [text[r.start : r.end] for r in analyze(DetailedAddressRecognizer(), text)] == [
        "鹭江街道大同路181号4楼之二"
    ]


@pytest.mark.parametrize(
    ("text", "address"),
    [
        (
            "住吉林市船营区北山街道德胜路28号北山花园6号楼2单元501室，电话",
            "北山街道德胜路28号北山花园6号楼2单元501室",
        ),
        (
            "户籍地山东省青岛市市南区八大关街道香港西路66号3单元1101户，",
            "八大关街道香港西路66号3单元1101户",
        ),
        (
            "住址：新乡市红旗区西街街道胜利路87号院5号楼3单元401\n",
            "西街街道胜利路87号院5号楼3单元401",
        ),
        # named in the division table, misread by the shapes alone
        ("住浙江省杭州市拱墅区莫干山路100号3幢201室。", "莫干山路100号3幢201室"),
        ("住河南省商丘市梁园区平原路18号院2号楼。", "平原路18号院2号楼"),
        ("住河南省新乡市辉县市孟庄镇南李庄村3组15号。", "孟庄镇南李庄村3组15号"),
        ("住云南省普洱市西盟佤族自治县勐梭镇新城路5号。", "勐梭镇新城路5号"),
        ("住湖南省常德市津市市襄阳街88号。", "襄阳街88号"),
        ("住山西省大同市矿区新胜街5号。", "新胜街5号"),
        ("住云南芒市勇罕街5号。", "勇罕街5号"),
        ("2025年3月在厦门市莲前西路88号3楼经营", "莲前西路88号3楼"),
        ("在安徽省桐城市龙眠街道文昌路12号2楼经营", "龙眠街道文昌路12号2楼"),
        # a province's short form before a city
        ("住新疆乌鲁木齐市天山区解放北路88号。", "解放北路88号"),
        ("住黑龙江哈尔滨市道里区中央大街5号。", "中央大街5号"),
        ("住内蒙古呼和浩特市赛罕区大学西路5号。", "大学西路5号"),
    ],
)
def test_districts_named_oddly_stay(analyze, text, address):
    from gongkai.redaction.recognizers.address import DetailedAddressRecognizer

    found = analyze(DetailedAddressRecognizer(), text)
    assert [text[r.start : r.end] for r in found] == [address]


@pytest.mark.parametrize(
    ("text", "addresses"),
    [
        (
            "户籍所在地济南市历下区泉城路街道芙蓉街58号院2\n号楼3单元202室，现住",
            ["泉城路街道芙蓉街58号院2\n号楼3单元202室"],
        ),
        (
            "现住济南市天桥区北园大街477号金色悦\n城7号楼1单元1103室，无固定职业",
            ["北园大街477号金色悦\n城7号楼1单元1103室"],
        ),
        # the next line is another field, or the facts
        ("现住址：郑州市金水区农业路72号院\n张伟在3楼被查获", ["农业路72号院"]),
        ("住址：苏州市吴中区木渎镇金山路18号1502\n号牌号码：苏E12345", ["木渎镇金山路18号1502"]),
    ],
)
def test_an_address_broken_by_a_line(analyze, text, addresses):
    from gongkai.redaction.recognizers.address import DetailedAddressRecognizer

    found = analyze(DetailedAddressRecognizer(), text)
    assert [text[r.start : r.end] for r in found] == addresses


def test_a_numbered_store_room(analyze):
    from gongkai.redaction.recognizers.address import DetailedAddressRecognizer

    text = "经营场所洛阳市西工区红山街道纱厂西路17号院6号库\n法定代表人"
    found = analyze(DetailedAddressRecognizer(), text)
    assert [text[r.start : r.end] for r in found] == ["红山街道纱厂西路17号院6号库"]


@pytest.mark.parametrize(
    ("text", "address"),
    [
        # a short form alone is no province: the road goes whole
        ("住河南路88号。", "河南路88号"),
        # a division's name used as a word stays a word (a mine's area, not 阳泉市矿区)
        ("住该矿区3号楼2单元。", "该矿区3号楼2单元"),
    ],
)
def test_division_names_as_words_are_not_kept(analyze, text, address):
    from gongkai.redaction.recognizers.address import DetailedAddressRecognizer

    found = analyze(DetailedAddressRecognizer(), text)
    assert [text[r.start : r.end] for r in found] == [address]
