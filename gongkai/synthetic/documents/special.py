"""Decisions under the smaller laws: identity cards, firearms, fire, counter-terrorism,
entertainment venues."""

from __future__ import annotations

from gongkai.redaction.entities import ACCOUNT, ADDRESS, ID_NUMBER, PHONE

from .. import identifiers as ids
from ..builder import AGENCY, COURT, GOVERNMENT, ORG, VENUE
from ..numerals import cn_int, ymd
from ..orgs import make_org, venue
from ..places import court, district_government, fire_unit, write_address
from .case import Case, Sanction, template
from .common import (
    appeal,
    basis,
    clock,
    decide,
    execution,
    footer,
    header,
    law,
    minor_mitigation,
    money,
    name,
    notify_family,
    online_account,
    org_block,
    party_block,
    person_brief,
    place,
    rights_notice,
    set_agency,
    station,
)


@template("idcard_misuse", weight=3.5, law="居民身份证法", minor_ok=True, gap=(3, 30))
def idcard_misuse(c: Case) -> None:
    """冒用他人居民身份证 or 出借居民身份证: the other person's ID number is written too."""
    party = c.new_party(min_age=18, max_age=50, kind="han")
    lend = c.chance(0.4)
    other = c.relative(party, c.pick(("哥哥", "姐姐", "堂兄")))
    if c.chance(0.5):
        other = c.person(kind="han")
    if lend:
        s = Sanction(warning=True, fine=c.pick((0, 100, 200)))
        article = "第十六条第（二）项"
        c.violation_type = "出借居民身份证"
    else:
        s = (
            Sanction(fine=c.pick((200, 500, 800, 1000)))
            if c.chance(0.7)
            else Sanction(detention_days=c.between(3, 10))
        )
        article = "第十七条第一款第（一）项"
        c.violation_type = "冒用他人居民身份证"
    set_agency(
        c, "station" if not s.detention_days and s.fine <= 500 and c.chance(0.3) else "branch"
    )
    c.legal_basis = basis(("身份证", article))
    c.sanction = s
    b = c.b
    header(c)
    party_block(c, party)
    b.text("现查明：" + clock(c, c.act_date) + "，")
    if lend:
        name(c, party)
        b.text("将其本人居民身份证出借给")
        name(c, other)
        b.text("使用，")
        name(c, other)
        b.text("持该身份证在")
        place(c)
        b.text(c.pick(("某营业厅办理手机卡两张", "某银行开立账户", "某网吧上网")) + "。")
    else:
        name(c, party)
        b.text("在")
        place(c)
        b.keep(VENUE, venue(c.rng, c.pick(("hotel", "netbar")), c.district))
        b.text("冒用")
        name(c, other)
        b.text("的居民身份证（号码：").pii(ID_NUMBER, other.id_number or "")
        b.text("）办理" + c.pick(("入住登记", "上网登记")) + "，被")
        station(c)
        b.text("民警核查发现。")
    b.nl()
    b.text("以上事实有")
    name(c, party)
    b.text("的陈述和申辩，")
    name(c, other)
    b.line("的陈述，身份证复印件，登记记录等证据证实。")
    rights_notice(c, party)
    minor_mitigation(c, party)
    decide(c, party, s, [("身份证", article)])
    execution(c, s, party)
    appeal(c)
    footer(c)


@template("firearm_replica", weight=2.5, law="枪支管理法", gap=(15, 90))
def firearm_replica(c: Case) -> None:
    """销售仿真枪 online: shop account, buyers and their delivery addresses."""
    party = c.new_party(min_age=20, max_age=50)
    buyers = [c.person() for _ in range(c.between(1, 3))]
    sales = c.pick((1200, 2680, 4500, 7800))
    s = Sanction(
        confiscate_items="仿真枪" + cn_int(c.between(3, 20)) + "支", fine=sales * c.pick((1, 2, 3))
    )
    s.detention_days = c.between(3, 15) if c.chance(0.5) else 0
    s.warning = not s.detention_days
    set_agency(c, "branch")
    c.violation_type = "销售仿真枪"
    c.legal_basis = basis(("枪支", "第四十四条第一款第（五）项"), ("枪支", "第四十四条第二款"))
    c.sanction = s
    b = c.b
    header(c)
    party_block(c, party)
    b.text("现查明：" + ymd(c.day_before(c.act_date, 30, 200)) + "以来，")
    name(c, party)
    b.text("通过其在" + c.pick(("闲鱼", "淘宝", "拼多多")) + "平台开设的网店（账号：")
    b.pii(ACCOUNT, party.handle + c.pick(("_shop", "888", "")))
    b.text("）和微信（")
    online_account(c, party, "wechat")
    b.text("）销售仿真枪，销售金额共计")
    money(c, sales, "rmb_arabic")
    b.text("。其中，向")
    for i, buyer in enumerate(buyers):
        if i:
            b.text("、")
        name(c, buyer)
        if c.chance(0.5):
            b.text("（收货地址：")
            assert buyer.home is not None
            write_address(b, buyer.home, c.pick(("full", "city")))
            b.text("，收货电话：").pii(PHONE, ids.mobile_written(c.rng, buyer.phone)).text("）")
    b.text("等人邮寄仿真枪。" + clock(c, c.act_date) + "，民警在")
    place(c)
    b.text("其租住处查获仿真枪" + s.confiscate_items.removeprefix("仿真枪") + "。经")
    b.keep(AGENCY, c.region.city_bureau() + "物证鉴定所")
    b.line("鉴定，上述枪形物均为仿真枪。")
    b.text("以上事实有")
    name(c, party)
    b.text("的陈述和申辩，购买人")
    name(c, buyers[0])
    b.line("的陈述，网店交易记录，快递单据，扣押清单，鉴定意见等证据证实。")
    rights_notice(c, party)
    decide(c, party, s, [("枪支", "第四十四条第一款第（五）项"), ("枪支", "第四十四条第二款")])
    execution(c, s, party)
    if s.detention_days:
        notify_family(c, party)
    appeal(c)
    footer(c)


@template("fire_org", weight=3, party="org", law="消防法", gap=(15, 40))
def fire_org(c: Case) -> None:
    """消防救援大队 v. a business: inspectors named, violations listed, a large fine."""
    org = make_org(
        c.rng, c.region, c.district, c.pick(("trade", "hotel", "restaurant", "entertainment"))
    )
    c.org = org
    fine = c.pick((5000, 10000, 20000, 30000, 50000))
    s = Sanction(fine=fine)
    set_agency(c, "fire")
    item = c.pick(
        (
            (
                "第十六条第一款第（二）项",
                "第六十条第一款第（一）项",
                "未按照国家标准、行业标准设置消防设施",
            ),
            ("第二十八条", "第六十条第一款第（三）项", "占用、堵塞、封闭疏散通道、安全出口"),
            ("第十六条第一款第（二）项", "第六十条第一款第（一）项", "消防设施未保持完好有效"),
        )
    )
    c.violation_type = "单位" + item[2]
    c.legal_basis = basis(("消防", item[0]), ("消防", item[1]))
    c.sanction = s
    b = c.b
    header(c)
    org_block(c, org, c.pick(("法定代表人", "消防安全责任人")))
    manager = c.person(min_age=26, max_age=55)
    b.text("消防安全管理人：").person(manager).text("，联系电话：").pii(
        PHONE, ids.mobile_written(c.rng, manager.phone)
    ).nl()
    b.text(ymd(c.act_date) + "，本大队消防监督检查人员")
    inspectors = [c.officer() for _ in range(2)]
    name(c, inspectors[0])
    b.text("、")
    name(c, inspectors[1])
    b.text("依法对该单位位于")
    place(c, "district")
    b.text("的经营场所进行消防监督检查，发现该单位存在以下违法行为：").nl()
    problems = c.rng.sample(
        [
            "营业区未按要求设置自动喷水灭火系统",
            "仓储区未设置火灾自动报警系统",
            "东侧疏散走道未设置灯光疏散指示标志",
            "二层安全出口被货物堵塞",
            "室内消火栓箱内水带缺失",
        ],
        k=c.between(1, 3),
    )
    for i, p in enumerate(problems, 1):
        b.line(f"{i}. {p}；" if i < len(problems) else f"{i}. {p}。")
    b.text("上述事实有消防监督检查记录、现场照片、对该单位消防安全管理人")
    name(c, manager)
    b.line("的询问笔录、营业执照复印件等证据证实。")
    rights_notice(c, org, hearing=fine >= 10000)
    b.text("该单位的上述行为违反了")
    law(c, "消防", item[0])
    b.text("之规定。依据")
    law(c, "消防", item[1])
    b.text("之规定，决定给予")
    b.keep(ORG, org.name)
    b.text("罚款")
    money(c, fine, c.pick(("capital", "rmb_cn", "rmb_arabic")))
    b.line("的行政处罚。")
    b.line(
        "执行方式和期限：被处罚单位应当自收到本决定书之日起十五日内缴纳罚款。到期不缴纳罚款的，每日按罚款数额的百分之三加处罚款。"
    )
    c.agency_kind = "fire"
    r, d = c.region, c.district
    b.text("如不服本决定，可以在收到本决定书之日起六十日内依法向")
    b.keep(AGENCY, f"{r.city}消防救援支队" if not r.municipality else f"{r.city}消防救援总队")
    b.text("或者")
    b.keep(GOVERNMENT, district_government(r, d)).text("申请行政复议，或者在六个月内依法向")
    b.keep(COURT, court(c.rng, r, d)).line("提起行政诉讼。")
    footer(c, delivery=False)


@template("fire_negligence", weight=2.5, law="消防法", minor_ok=True, gap=(10, 45))
def fire_negligence(c: Case) -> None:
    """过失引起火灾: a charging e-bike or burning rubbish; neighbours' losses; detention."""
    party = c.new_party()
    neighbour = c.person()
    s = Sanction(detention_days=c.between(10, 15), fine=c.pick((0, 200, 500)))
    if c.plan.minor or c.chance(0.3):
        s = Sanction(warning=c.chance(0.5))
        s.fine = 0 if s.warning else c.pick((200, 300, 500))
    set_agency(c, "branch")
    c.violation_type = "过失引起火灾"
    c.legal_basis = basis(("消防", "第六十四条第（二）项"))
    c.sanction = s
    b = c.b
    header(c)
    party_block(c, party)
    b.text("现查明：" + clock(c, c.act_date) + "，")
    name(c, party)
    cause = c.pick(
        ("将电动自行车推入楼道内充电", "在楼下空地焚烧杂物且未看管", "使用电暖器烘烤衣物后离开")
    )
    b.text(f"{cause}，引发火灾，烧毁")
    name(c, neighbour)
    b.text("（住")
    assert neighbour.home is not None
    b.pii(ADDRESS, neighbour.home.detail)
    b.text(f"）家中物品，过火面积约{c.between(5, 60)}平方米，无人员伤亡。经")
    b.keep(AGENCY, fire_unit(c.region, c.district))
    b.text("认定，起火原因系")
    name(c, party)
    b.line("过失所致。")
    b.text("以上事实有")
    name(c, party)
    b.text("的陈述和申辩，")
    name(c, neighbour)
    b.line("的陈述，火灾事故认定书，现场勘验笔录等证据证实。")
    rights_notice(c, party)
    minor_mitigation(c, party)
    decide(c, party, s, [("消防", "第六十四条第（二）项")])
    execution(c, s, party)
    if s.detention_days:
        notify_family(c, party)
    appeal(c)
    footer(c)


@template("counterterror_logistics_org", weight=2.5, party="org", law="反恐怖主义法", gap=(10, 60))
def logistics_org(c: Case) -> None:
    """快递网点 did not verify senders: the sender's fake name, real ID and phone; staff."""
    org = make_org(c.rng, c.region, c.district, "logistics")
    c.org = org
    fine = c.pick((100000, 150000, 200000))
    s = Sanction(fine=fine)
    set_agency(c, c.pick(("branch", "city")))
    c.violation_type = "未落实寄递客户身份、物品信息登记制度"
    c.legal_basis = basis(("反恐", "第二十条第一款"), ("反恐", "第八十五条第（二）项"))
    c.sanction = s
    b = c.b
    header(c)
    org_block(c, org)
    clerk = c.person(min_age=19, max_age=45)
    sender = c.person()
    b.text("现查明：" + clock(c, c.act_date) + "，该单位营业员")
    name(c, clerk)
    b.text("在收寄")
    name(c, sender)
    person_brief(c, sender, c.pick(("gender,id,phone", "id,phone")))
    b.text(
        "交寄的包裹时，未查验寄件人有效身份证件，未登记寄件人身份信息，也未对寄递物品进行开箱验视，寄件人在寄递详情单上填写的姓名为“"
    )
    fake = c.person()
    name(c, fake)
    b.text("”，联系电话为")
    b.pii(PHONE, ids.mobile_written(c.rng, fake.phone))
    b.text("。经")
    station(c)
    b.line("民警检查发现上述情况。")
    b.text("以上事实有营业员")
    name(c, clerk)
    b.line("的陈述，寄递详情单，监控视频，现场检查笔录等证据证实。")
    rights_notice(c, org, hearing=True)
    decide(c, org, s, [("反恐", "第八十五条第（二）项")])
    b.line("对该单位直接负责的主管人员另行作出处理。")
    appeal(c)
    footer(c, delivery=False)


@template("entertainment_venue_org", weight=2.5, party="org", law="娱乐场所管理条例", gap=(10, 60))
def entertainment_org(c: Case) -> None:
    """A KTV that let gambling or drug use happen, or kept no staff register: guests named."""
    org = make_org(c.rng, c.region, c.district, "entertainment")
    ktv = venue(c.rng, "ktv")
    org = type(org)(org.name, org.credit_code, org.party_type, org.address, org.phone, ktv)
    c.org = org
    serious = c.chance(0.5)
    if serious:
        gains = c.pick((1800, 3600, 5200))
        s = Sanction(
            confiscate_gains=gains,
            stop_business="责令停业整顿" + c.pick(("三个月", "四个月", "六个月")),
        )
        articles = [("娱乐场所", "第十四条第一款第（四）项"), ("娱乐场所", "第四十三条第（三）项")]
        c.violation_type = "娱乐场所为进入场所的人员实施赌博提供条件"
    else:
        s = Sanction(warning=True)
        if c.chance(0.5):
            s.stop_business = "责令停业整顿一个月"
        articles = [("娱乐场所", "第二十五条"), ("娱乐场所", "第四十九条第（一）项")]
        c.violation_type = "娱乐场所未按规定建立从业人员名簿、营业日志"
    set_agency(c, "branch")
    c.legal_basis = basis(*articles)
    c.sanction = s
    b = c.b
    header(c)
    org_block(c, org)
    manager = c.person(min_age=25, max_age=45)
    guests = [c.person() for _ in range(c.between(2, 3))]
    b.text("现查明：" + clock(c, c.act_date) + "，")
    station(c)
    b.text("民警对")
    place(c)
    b.text("“").keep(VENUE, ktv).text("”进行检查时发现，")
    if serious:
        b.text("该场所值班经理")
        name(c, manager)
        b.text(f"安排{c.between(2, 9)}0{c.between(1, 9)}包厢供")
        for i, g in enumerate(guests):
            if i:
                b.text("、")
            name(c, g)
        b.text("等人以“炸金花”方式赌博，并按每小时收取包厢费，违法所得")
        money(c, s.confiscate_gains)
        b.text("。")
    else:
        b.text("该场所未建立从业人员名簿，营业日志记载不全，值班经理")
        name(c, manager)
        b.text("（联系电话：").pii(PHONE, ids.mobile_written(c.rng, manager.phone))
        b.text("）无法提供当日在岗的服务人员")
        for i, g in enumerate(guests[:2]):
            if i:
                b.text("、")
            name(c, g)
        b.text("的身份信息。")
    b.nl()
    b.text("以上事实有值班经理")
    name(c, manager)
    b.line("的陈述，现场检查笔录，监控录像等证据证实。")
    rights_notice(c, org, hearing=serious)
    decide(c, org, s, articles[1:])
    appeal(c)
    footer(c, delivery=False)
