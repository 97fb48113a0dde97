"""Tests for AccountRecognizer: labelled accounts, nicknames, licence file and property numbers."""

from __future__ import annotations

import pytest

from gongkai.redaction import entities
from gongkai.redaction.recognizers.account import AccountRecognizer


@pytest.fixture(scope="module")
def recognizer() -> AccountRecognizer:
    return AccountRecognizer()


@pytest.mark.parametrize(
    ("text", "expected_count", "expected_spans"),
    [
        # bank and corporate accounts
        (
            "上述款项分别转入该公司在中国银行洛阳涧西支行开立的对公账户（账号：256382014477）",
            1,
            [(33, 45)],
        ),
        ("银行账号：6222 0213 1234 5678", 1, [(5, 24)]),
        ("收款账户：622202131234567", 1, [(5, 20)]),
        ("钟晓婷个人支付宝账户（账号：zxt0917@163.com）。", 1, [(14, 29)]),
        # platform accounts
        ("支付宝账号（登录账号：17838206519）出借给对方使用", 1, [(11, 22)]),
        ("抖音号：dy_123456", 1, [(4, 13)]),
        ("快手号ks12345678，", 1, [(3, 13)]),
        ("微博账号：weibo.user", 1, [(5, 15)]),
        ("淘宝账号为tb1234567。", 1, [(5, 14)]),
        ("游戏账号：12345", 1, [(5, 10)]),
        # licence file and property certificate numbers
        ("档案编号：410302651874　　准驾车型：C1", 1, [(5, 17)]),
        ("驾驶证档案编号410302651874", 1, [(7, 19)]),
        ("│驾驶证档案编号│513200418873│", 1, [(9, 21)]),  # a table's cells
        ("不动产权证号：豫（2021）洛阳市不动产权第0045678号，", 1, [(7, 30)]),
        ("房产证号：1234567890", 1, [(5, 15)]),
        # nicknames: the value only, without quotes
        (
            "通过QQ（QQ号：1734582096，昵称“夜行者”）与网名为“阿杰-高薪兼职”的男子",
            2,
            [(23, 26), (33, 40)],
        ),
        ("微信昵称：小鱼儿，", 1, [(5, 8)]),
        ('网名"Night Rider"', 1, [(3, 14)]),
        # no match: labels that are not accounts, amounts, unlabelled values
        ("文书编号：12345678", 0, []),
        ("注册号：410305000012345", 0, []),
        ("交通警察：韩伟（警号：041287）", 0, []),
        ("转入该账户12450元", 0, []),
        ("账号：1234567", 0, []),
        ("出租、出借银行账户、支付账户的行为", 0, []),
        ("微信、支付宝账户注册信息及交易记录", 0, []),
        ("256382014477", 0, []),
        ("昵称", 0, []),
        ("洛公（治）行罚决字〔2023〕00086号", 0, []),
        ("洛公西（治）行罚决字[2023]第00297号", 0, []),
        ("编号：4103111900245873", 0, []),
        ("案件编号：A4103055201002023030086", 0, []),
        ("统一社会信用代码：91410305MA9K4T2R6Q", 0, []),
        ("处违法所得三倍罚款，即人民币壹万贰仟肆佰伍拾元整（¥12450.00）。", 0, []),
        ("现查明：2023年3月16日21时40分许，", 0, []),
        ("《建筑设计防火规范》（GB 50016—2014，2018年版）", 0, []),
        ("根据《中华人民共和国治安管理处罚法》第五十条第一款第（二）项之规定", 0, []),
        ("执法记录仪（编号：DSJ-LY0413）", 0, []),
    ],
)
def test_account(analyze, recognizer, text, expected_count, expected_spans):
    results = analyze(recognizer, text)
    assert len(results) == expected_count
    assert [(r.start, r.end) for r in results] == expected_spans
    assert all(r.entity_type == entities.ACCOUNT for r in results)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("其微博账号“春风十里不如你_1991”发布", "春风十里不如你_1991"),
        ("在“闲鱼”平台注册的账号“haige_toys88”出售", "haige_toys88"),
        ("通过抖音号“fengzi_88”发布招嫖信息", "fengzi_88"),
        ("其快手号为「ks20230817」", "ks20230817"),
        ("使用哔哩哔哩账号：bili_2233kk发布视频", "bili_2233kk"),
        ("淘宝店铺名称“浩哥模玩军品小铺”，主营模型", "浩哥模玩军品小铺"),
    ],
)
def test_quoted_account_names(analyze, text, value):
    assert [text[r.start : r.end] for r in analyze(AccountRecognizer(), text)] == [value]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("支付宝账号（用户ID2088602147385527）出租", "2088602147385527"),
        ("微型摄像头（设备序列号GF8A23K91207），通过", "GF8A23K91207"),
        ("使用无人机（序列号1581F5FHD23940017C）进行航拍", "1581F5FHD23940017C"),
        ("机动车登记证书编号370012847316，系", "370012847316"),
        ("保安员证编号津保20170108633，身份证号", "津保20170108633"),
        ("经QQ好友“收卡老王”（QQ号27651042）", "收卡老王"),
        ("在淘宝网开设网店“逸游电竞工作室”（店铺地址", "逸游电竞工作室"),
        ("Telegram机器人（账号@SGK_query_bot），向他人", "@SGK_query_bot"),
        (
            "其在个人主页（https://www.instagram.com/oksana.k.model/）发布",
            "https://www.instagram.com/oksana.k.model/",
        ),
        ("店铺地址https://shop587213694.taobao.com），以", "https://shop587213694.taobao.com"),
        ("旺旺号shentu_hao94，支付宝账号shentu@163.com", "shentu_hao94"),
        ("微博昵称“燕子不吃香菜”（UID：5823016647）", "5823016647"),
        ("原持有民用猎枪一支（持枪证号黑猎字第0012736号）", "黑猎字第0012736号"),
        # several phones after one label: one span
        (
            "盗窃所得，串号分别为353915112048774、867819042235163，失主",
            "353915112048774、867819042235163",
        ),
        ("其中第二张卡（ICCID：89860319001234567894）于6月", "89860319001234567894"),
        ("在校大学生，学号32420231151207，住该校", "32420231151207"),
        ("谎称该账号（角色ID：5187236640，昵称", "5187236640"),
        ("通过QQ群（群号738215046）联系买家", "738215046"),
        ("想为其《王者荣耀》账号（角色名“星河不打烊”）购买皮肤", "星河不打烊"),
        ("使用微博账号（主页weibo.com/u/7726305184）发布长文", "weibo.com/u/7726305184"),
        ("驾校学员，学习驾驶证明编号5001120250317，住重庆市", "5001120250317"),
    ],
)
def test_more_labelled_values(analyze, text, value):
    assert value in [text[r.start : r.end] for r in analyze(AccountRecognizer(), text)]


def test_a_shop_in_the_street_is_no_account(analyze):
    assert analyze(AccountRecognizer(), "在其经营的店铺名称为“老街坊烧烤”的店内") == []


def test_a_games_name_is_no_account(analyze):
    assert analyze(AccountRecognizer(), "游戏名称为《原神》，角色扮演类") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("终端MAC地址5C:E9:1E:3A:7B:C4）在网络论坛发帖", "5C:E9:1E:3A:7B:C4"),
        ("笔记本电脑（MAC地址A4-83-E7-2B-9C-51）", "A4-83-E7-2B-9C-51"),
        ("苹果牌手机一部（IMEI：35-391811-482736-9，价值2800元）", "35-391811-482736-9"),
        ("华为Mate 40，IMEI 867832046153928）", "867832046153928"),
        ("犬只登记证号京朝犬字第2023041872号", "京朝犬字第2023041872号"),
        ("养犬登记证号岳犬登字20210736号", "岳犬登字20210736号"),
        ("无人驾驶航空器（产品序列号1581F6Z9C24D80G7，实名登记号UAS-02184736）", "UAS-02184736"),
        ("Telegram账号@shijian_vpn。", "@shijian_vpn"),
        ("对公账户\t兴业银行福州鼓楼支行 1310 2010 0100 4872 65\n", "1310 2010 0100 4872 65"),
    ],
)
def test_devices_licences_and_accounts_after_a_bank_name(analyze, text, value):
    assert value in [text[r.start : r.end] for r in analyze(AccountRecognizer(), text)]


@pytest.mark.parametrize("text", ["Online:abc12345", "deadline:20230601", "GUID：12345678abc"])
def test_platform_names_inside_other_words_are_no_labels(analyze, text):
    assert analyze(AccountRecognizer(), text) == []


def test_times_and_codes_are_no_mac_address(analyze):
    text = "MAC地址核查于21:40:00完成，设备编号DSJ-LY0413"
    assert analyze(AccountRecognizer(), text) == []


@pytest.mark.parametrize(
    "text",
    [
        "可登录国家企业信用信息公示系统（http://www.gsxt.gov.cn）查询",
        "可在（https://gab.122.gov.cn）缴纳",
    ],
)
def test_official_web_addresses_stay(analyze, text):
    assert analyze(AccountRecognizer(), text) == []


def test_a_government_site_without_its_scheme_stays(analyze):
    assert analyze(AccountRecognizer(), "登录www.gov.cn/zhengce或122.gov.cn/x查询") == []
