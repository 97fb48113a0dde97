"""Road traffic decisions under the 道路交通安全法.

Most traffic penalties are on-the-spot tickets (简易程序, withheld from publication); drink
driving, unlicensed driving and false plates go through the general procedure, with detention,
licence suspension or revocation.
"""

from __future__ import annotations

from gongkai.redaction.entities import ACCOUNT, ID_NUMBER, PHONE, PLATE, VIN

from .. import identifiers as ids
from ..builder import AGENCY, COURT, DATE, DECISION_NO, FINE, GOVERNMENT
from ..numerals import capital_yuan, ymd
from ..people import Person
from ..places import court, write_address
from .case import Case, Sanction, template
from .common import (
    appeal,
    basis,
    clock,
    decide,
    execution,
    footer,
    full_name,
    header,
    law,
    minor_mitigation,
    name,
    notify_family,
    officers,
    party_block,
    place,
    rights_notice,
    set_agency,
)

CAR_TYPES = (
    "小型普通客车",
    "小型轿车",
    "小型越野客车",
    "中型普通客车",
    "轻型普通货车",
    "重型半挂牵引车",
    "普通二轮摩托车",
)
CAR_MAKES = (
    "白色大众轿车",
    "黑色丰田轿车",
    "银色本田轿车",
    "红色比亚迪轿车",
    "灰色哈弗越野车",
    "蓝色五菱面包车",
)


def _plate(c: Case) -> str:
    return ids.plate(c.rng, c.region.short + c.pick(c.region.plate_letters))


def _driver_lines(c: Case, p: Person, plate: str, car: str) -> None:
    """The label lines of a traffic form: licence, file number, phone, address, vehicle."""
    b = c.b
    b.text(c.pick(("被处罚人：", "当事人：", "姓名：")))
    full_name(c, p)
    if c.chance(0.4):
        b.text(f"　　性别：{p.gender}")
    b.nl()
    if p.id_number and c.plan.mode != "text_only":
        b.text(
            c.pick(
                ("机动车驾驶证/居民身份证号码：", "驾驶证号：", "身份证明号码：", "公民身份号码：")
            )
        )
        b.pii(ID_NUMBER, ids.id_written(p.id_number, c.id_text_style)).nl()
    if c.chance(0.6):
        b.text("档案编号：").pii(ACCOUNT, ids.driving_file_no(c.rng, c.district.code))
        b.text(f"　　准驾车型：{c.pick(('C1', 'C2', 'B2', 'A2', 'D'))}").nl()
    if c.chance(0.8):
        b.text(c.pick(("联系方式：", "联系电话：", "电话："))).pii(
            PHONE, ids.mobile_written(c.rng, p.phone)
        ).nl()
    if p.home and c.chance(0.8):
        b.text("住址：")
        write_address(b, p.home, c.pick(("full", "city")))
        b.nl()
    if c.chance(0.5):
        b.text(f"发证机关：{c.region.full}公安局交通警察支队").nl()
    b.text(c.pick(("车辆牌号：", "机动车号牌：", "号牌号码："))).pii(PLATE, plate)
    b.line(f"　　车辆类型：{car}")


@template("traffic_ticket", weight=6, procedure="simple", gap=(0, 0), law="道路交通安全法")
def ticket(c: Case) -> None:
    """公安交通管理简易程序处罚决定书: a one-page form, fine up to 200 yuan or a warning."""
    c.procedure = "simple"
    party = c.new_party(min_age=19, max_age=66)
    cop = c.officer()
    act, rule, points = c.pick(
        (
            ("机动车行驶超过规定时速未达百分之二十", "第四十二条第一款", 3),
            ("驾驶机动车违反道路交通信号灯通行", "第三十八条", 6),
            ("机动车载人超过核定人数未达百分之二十", "第四十九条", 3),
            ("驾驶人未按规定使用安全带", "第五十一条", 1),
            ("驾驶机动车在高速公路上不按规定车道行驶", "第四十二条第一款", 3),
            ("机动车违反规定停放、临时停车，驾驶人不在现场", "第五十六条", 0),
        )
    )
    fine = 0 if c.chance(0.1) else c.pick((50, 100, 150, 200))
    s = Sanction(warning=not fine, fine=fine)
    set_agency(c, "traffic")
    c.violation_type = act
    c.legal_basis = basis(("交通", rule), ("交通", "第九十条"))
    c.sanction = s
    plate = _plate(c)
    car = c.pick(CAR_TYPES[:4])
    b = c.b
    b.keep(AGENCY, c.agency).nl()
    b.line(
        c.pick(
            (
                "公安交通管理简易程序处罚决定书",
                "公安交通管理行政处罚决定书（简易程序）",
                "道路交通安全违法行为处理决定书（简易程序）",
            )
        )
    )
    b.text("编号：").keep(DECISION_NO, c.decision_no).nl()
    _driver_lines(c, party, plate, car)
    b.text("被处罚人于" + clock(c, c.act_date, padded=c.chance(0.5)) + "，在")
    place(c, "district")
    b.text(f"{c.pick(c.region.streets)}与{c.pick(c.region.streets)}交叉口，驾驶")
    b.pii(PLATE, plate).text(f"号{car}，实施{act}的违法行为")
    b.text(f"（代码{c.between(1000, 1799)}{c.between(0, 9)}）。" if c.chance(0.4) else "。")
    b.nl()
    b.text("违反了")
    law(c, "交通", rule)
    b.line("的规定。")
    b.text("依据")
    law(c, "交通", "第九十条")
    b.text("的规定，决定处以")
    if fine:
        b.text("罚款").keep(FINE, f"{fine}元").text("（大写：").keep(FINE, capital_yuan(fine)).text(
            "）"
        )
    else:
        b.text("警告")
    b.line(f"，记{points}分。" if points else "。")
    if fine:
        b.text(c.pick(("☐当场缴纳罚款　☑", "□当场缴纳　■", "")))
        b.text(
            "持本决定书在15日内到"
            + c.pick(("中国工商银行", "中国建设银行", c.region.bank))
            + "各营业网点或者通过“交管12123”APP缴纳罚款。"
        )
        b.line("逾期不缴纳的，每日按罚款数额的3%加处罚款，加处罚款总额不超出罚款数额。")
    b.text("如不服本决定，可以在收到本决定书之日起60日内向")
    gov = (
        c.region.city_government() if not c.district.county_level else f"{c.district.name}人民政府"
    )
    b.keep(GOVERNMENT, gov)
    b.text("申请行政复议；或者在6个月内向")
    b.keep(COURT, court(c.rng, c.region, c.district)).line("提起行政诉讼。")
    b.text(c.pick(("交通警察：", "执勤民警：", "民警："))).person(cop).line(
        f"（警号：{cop.extra['badge']}）"
    )
    b.text("被处罚人签名：").person(party).nl()
    b.keep(DATE, ymd(c.decision_date, padded=c.chance(0.5))).nl()
    b.line(c.pick(("（处罚机关印章）", "（公安机关交通管理部门印章）")))


def _traffic_header(c: Case) -> None:
    header(
        c,
        title=c.pick(
            ("公安交通管理行政处罚决定书", "行政处罚决定书", "公安交通管理行政处罚决定书")
        ),
        label=c.pick(("编号：", "", "文号：")),
    )


def _party(c: Case, p: Person, plate: str, car: str) -> None:
    if c.chance(0.5):
        _driver_lines(c, p, plate, car)
    else:
        party_block(c, p)


@template("traffic_drink_driving", weight=4.5, law="道路交通安全法", gap=(3, 30))
def drink_driving(c: Case) -> None:
    """饮酒后驾驶: breath and blood tests; a first offence suspends the licence, a second
    brings detention and revocation."""
    party = c.new_party(min_age=20, max_age=62)
    again = c.chance(0.3)
    if again:
        s = Sanction(
            detention_days=c.between(5, 10),
            fine=c.pick((1000, 1500, 2000)),
            revoke_licence="吊销机动车驾驶证",
        )
        article = "第九十一条第一款"
    else:
        s = Sanction(fine=c.pick((1000, 1500, 2000)), suspend_licence="暂扣机动车驾驶证六个月")
        article = "第九十一条第一款"
    set_agency(c, "traffic")
    c.violation_type = "再次饮酒后驾驶机动车" if again else "饮酒后驾驶机动车"
    c.legal_basis = basis(("交通", "第二十二条第二款"), ("交通", article))
    c.sanction = s
    plate = _plate(c)
    car = c.pick(CAR_MAKES)
    b = c.b
    _traffic_header(c)
    _party(c, party, plate, car)
    b.text("现查明：" + clock(c, c.act_date) + "，")
    name(c, party)
    b.text("饮酒后驾驶")
    b.pii(PLATE, ids.plate_written(c.rng, plate))
    b.text(f"号{car}")
    owner = None
    if c.chance(0.35):
        owner = c.person()
        b.text("（登记所有人：")
        name(c, owner)
        b.text("）")
    if c.chance(0.3):
        b.text("（车辆识别代号：").pii(VIN, ids.vin(c.rng)).text("）")
    b.text("行驶至")
    place(c)
    b.text(f"{c.pick(c.region.streets)}路段时，被")
    cops = officers(c, 2, title="交通民警")
    b.text(
        "查获。经呼气式酒精检测，其呼气中酒精含量为"
        + f"{c.between(21, 79)}mg/100ml；经抽取血样送检，"
    )
    b.text(f"其血液中乙醇含量为{c.between(20, 79)}.{c.between(0, 9)}mg/100ml，属饮酒后驾驶机动车。")
    if again:
        b.text(f"经查，其曾于{c.act_date.year - c.between(1, 4)}年因饮酒后驾驶机动车被处罚。")
    b.nl()
    b.text("以上事实有")
    name(c, party)
    b.text("的陈述和申辩，")
    b.text("民警")
    for i, cop in enumerate(cops):
        if i:
            b.text("、")
        name(c, cop)
    b.line(
        "的现场执法记录，呼气酒精含量检测单，血液酒精含量检验鉴定意见书，执法记录仪视频等证据证实。"
    )
    rights_notice(c, party)
    decide(c, party, s, [("交通", article)])
    execution(c, s, party)
    if s.detention_days:
        notify_family(c, party)
    appeal(c)
    footer(c)


@template("traffic_drunk_revocation", weight=3, law="道路交通安全法", gap=(5, 60))
def drunk_revocation(c: Case) -> None:
    """醉酒驾驶: the administrative part is revocation; the crime is prosecuted separately."""
    party = c.new_party(min_age=20, max_age=62)
    s = Sanction(revoke_licence="吊销机动车驾驶证，五年内不得重新取得机动车驾驶证")
    set_agency(c, "traffic")
    c.violation_type = "醉酒后驾驶机动车"
    c.legal_basis = basis(("交通", "第九十一条第二款"))
    c.sanction = s
    plate = _plate(c)
    b = c.b
    _traffic_header(c)
    party_block(c, party, label=c.pick(("违法行为人", "被处罚人")))
    b.text(c.pick(("现查明：", "经查：")) + clock(c, c.act_date) + "，")
    name(c, party)
    b.text("醉酒后驾驶")
    b.pii(PLATE, ids.plate_written(c.rng, plate))
    b.text(f"号{c.pick(CAR_MAKES)}在")
    place(c)
    b.text(f"{c.pick(c.region.streets)}行驶时，与")
    other = c.person()
    name(c, other)
    b.text("驾驶的")
    b.pii(PLATE, _plate(c))
    b.text(
        "号车辆发生碰撞，造成两车受损的道路交通事故。" if c.chance(0.5) else "号车辆发生轻微剐蹭。"
    )
    b.text(
        f"经检验，其血液中乙醇含量为{c.between(80, 260)}.{c.between(0, 9)}mg/100ml，"
        "属醉酒驾驶机动车。"
    )
    b.line("其涉嫌危险驾驶罪一案，已另案处理。")
    b.text("以上事实有")
    name(c, party)
    b.text("的陈述，当事人")
    name(c, other)
    b.line("的陈述，血液酒精含量检验鉴定意见书，道路交通事故认定书，现场照片等证据证实。")
    rights_notice(c, party)
    decide(c, party, s, [("交通", "第九十一条第二款")])
    appeal(c)
    footer(c)


@template("traffic_unlicensed", weight=3.5, law="道路交通安全法", minor_ok=True, gap=(1, 20))
def unlicensed(c: Case) -> None:
    """无证驾驶: often a young motorcyclist; fine and possibly detention."""
    party = c.new_party(min_age=18, max_age=55)
    plate = _plate(c)
    s = Sanction(fine=c.pick((200, 500, 800, 1000, 1500, 2000)))
    if not c.plan.minor and c.chance(0.45):
        s.detention_days = c.between(3, 15)
    set_agency(c, "traffic")
    c.violation_type = "未取得机动车驾驶证驾驶机动车"
    c.legal_basis = basis(("交通", "第十九条第一款"), ("交通", "第九十九条第一款第（一）项"))
    c.sanction = s
    b = c.b
    _traffic_header(c)
    party_block(c, party)
    b.text("现查明：" + clock(c, c.act_date) + "，")
    name(c, party)
    b.text("在未取得机动车驾驶证的情况下，驾驶")
    b.pii(PLATE, ids.plate_written(c.rng, plate))
    vehicle = c.pick(("号普通二轮摩托车", "号小型轿车", "号三轮汽车"))
    b.text(vehicle + "搭载")
    passenger = c.person(min_age=15, max_age=40)
    name(c, passenger)
    b.text("行驶至")
    place(c)
    b.text(f"{c.pick(c.region.streets)}时，被执勤")
    officers(c, 1, title="交通警察")
    b.text("依法查获。")
    if c.chance(0.5):
        b.text("该车登记所有人为")
        owner = c.relative(party, c.pick(("父亲", "哥哥")))
        name(c, owner)
        b.text("，系")
        name(c, party)
        b.text("私自驾驶。")
    b.nl()
    b.text("以上事实有")
    name(c, party)
    b.text("的陈述和申辩，乘车人")
    name(c, passenger)
    b.line("的证言，驾驶人信息查询结果，现场照片及执法记录仪视频等证据证实。")
    rights_notice(c, party)
    minor_mitigation(c, party)
    decide(c, party, s, [("交通", "第九十九条第一款第（一）项")])
    execution(c, s, party)
    if s.detention_days:
        notify_family(c, party)
    appeal(c)
    footer(c)


@template("traffic_false_plate", weight=3, law="道路交通安全法", gap=(3, 30))
def false_plate(c: Case) -> None:
    """使用其他车辆号牌 (套牌): two plates, the VIN, and the owner of the genuine plate."""
    party = c.new_party(min_age=22, max_age=60)
    victim = c.person()
    real_plate, own_plate = _plate(c), _plate(c)
    forged = c.chance(0.4)
    s = Sanction(
        fine=c.pick((2000, 3000, 4000, 5000)), confiscate_items="伪造的机动车号牌" if forged else ""
    )
    if forged and c.chance(0.6):
        s.detention_days = c.between(5, 15)
    set_agency(c, "traffic")
    article = "第九十六条第一款" if forged else "第九十六条第三款"
    c.violation_type = "使用伪造的机动车号牌" if forged else "使用其他机动车号牌"
    c.legal_basis = basis(("交通", "第十六条"), ("交通", article))
    c.sanction = s
    b = c.b
    _traffic_header(c)
    _party(c, party, own_plate, c.pick(CAR_TYPES[:3]))
    b.text("现查明：")
    name(c, party)
    b.text("为逃避交通违法处罚，自" + ymd(c.day_before(c.act_date, 30, 200)) + "起，在其所有的")
    b.text(c.pick(CAR_MAKES) + "（原号牌")
    b.pii(PLATE, own_plate)
    b.text("，车辆识别代号").pii(VIN, ids.vin(c.rng)).text("）上悬挂")
    b.text("伪造的" if forged else "")
    b.pii(PLATE, real_plate)
    b.text("号牌（该号牌登记所有人为")
    name(c, victim)
    b.text("，住")
    assert victim.home is not None
    write_address(b, victim.home, "district")
    b.text("）上路行驶。" + clock(c, c.act_date) + "，该车在")
    place(c)
    b.text("被查获。")
    name(c, victim)
    b.line(f"因此收到交通违法记录{c.between(2, 9)}条。")
    b.text("以上事实有")
    name(c, party)
    b.text("的陈述，")
    name(c, victim)
    b.line("的陈述，机动车登记信息，交通技术监控记录资料，扣押决定书等证据证实。")
    rights_notice(c, party)
    decide(c, party, s, [("交通", article)])
    execution(c, s, party)
    appeal(c)
    footer(c)


@template("traffic_overload", weight=3, law="道路交通安全法", gap=(1, 15))
def overload(c: Case) -> None:
    """货车超载: a truck and trailer, the employing transport company, weighing station."""
    party = c.new_party(male=True, min_age=24, max_age=60)
    over = c.between(12, 95)
    s = Sanction(fine=c.pick((200, 500)) if over < 30 else c.pick((1000, 1500, 2000)))
    set_agency(c, "traffic")
    c.violation_type = "货运机动车超过核定载质量"
    c.legal_basis = basis(("交通", "第四十八条第一款"), ("交通", "第九十二条第二款"))
    c.sanction = s
    tractor = _plate(c)
    trailer = c.region.short + c.pick(c.region.plate_letters) + ids.digits(c.rng, 4) + "挂"
    b = c.b
    _traffic_header(c)
    _party(c, party, tractor, "重型半挂牵引车")
    b.text("现查明：" + clock(c, c.act_date) + "，")
    name(c, party)
    b.text("驾驶")
    b.pii(PLATE, tractor).text("号重型半挂牵引车（挂车号牌").pii(PLATE, trailer)
    b.text("，车辆识别代号：").pii(VIN, ids.vin(c.rng))
    company = (
        f"{c.region.city.removesuffix('市')}{c.pick(('顺达', '通远', '鑫运', '恒通'))}物流有限公司"
    )
    b.text(f"，所有人：{company}），")
    b.text(f"载运{c.pick(('砂石', '钢材', '煤炭', '水泥'))}行驶至")
    place(c)
    b.text(f"治超检测站，经称重，车货总质量{49 * (100 + over) // 100}吨，超过核定载质量{over}%。")
    if c.chance(0.5):
        b.text("该车实际由")
        dispatcher = c.person()
        name(c, dispatcher)
        b.text("（联系电话：").pii(PHONE, ids.mobile_written(c.rng, dispatcher.phone)).text(
            "）调度。"
        )
    b.nl()
    b.text("以上事实有")
    name(c, party)
    b.line("的陈述，称重检测单，车辆行驶证复印件，现场照片等证据证实。")
    rights_notice(c, party)
    decide(c, party, s, [("交通", "第九十二条第二款")])
    execution(c, s, party)
    appeal(c)
    footer(c)
