"""Public-order decisions under the 治安管理处罚法 (the bulk of police penalty decisions)."""

from __future__ import annotations

from gongkai.redaction.entities import (
    ACCOUNT,
    ADDRESS,
    BANK_CARD,
    HEALTH,
    ID_NUMBER,
    IP_ADDRESS,
    PHONE,
    PLATE,
    TRAVEL_DOC,
    VIN,
)

from .. import identifiers as ids
from ..builder import AGENCY, DATE, DECISION_NO, VENUE
from ..numerals import ymd
from ..orgs import venue
from ..people import FOREIGN_LANGUAGE, Person
from ..places import write_address
from .case import Case, Sanction, template
from .common import (
    NICKNAMES,
    appeal,
    basis,
    clock,
    decide,
    execution,
    footer,
    full_name,
    header,
    identity,
    law,
    minor_mitigation,
    money,
    name,
    notify_family,
    officers,
    online_account,
    party_block,
    person_brief,
    place,
    rights_notice,
    sanction_phrase,
    set_agency,
    station,
)

INJURIES = (
    "面部软组织挫伤",
    "左眼眶皮下淤血",
    "头皮挫裂伤",
    "鼻骨骨折",
    "右前臂擦伤",
    "颈部抓伤",
    "左耳鼓膜穿孔",
)
QUARRELS = (
    "因琐事",
    "因停车问题",
    "因邻里纠纷",
    "因酒后言语不和",
    "因债务纠纷",
    "因排队问题",
    "因装修噪音问题",
    "因宠物狗问题",
    "因交通剐蹭",
)
BLOWS = (
    "用拳头击打其面部",
    "持木棍殴打其背部",
    "用脚踢其腹部",
    "扇其耳光数下",
    "将其推倒在地并踢打",
    "持啤酒瓶击打其头部",
    "抓扯其头发",
)


def _public_order_sanction(
    c: Case,
    days: tuple[int, int],
    fine: tuple[int, int] = (0, 0),
    fine_always: bool = False,
    light_fine: int = 500,
) -> Sanction:
    """Detention with an optional fine; minors get a fine/warning or an unexecuted detention."""
    s = Sanction()
    if c.plan.minor:
        r = c.rng.random()
        if r < 0.4:
            s.warning = True
        elif r < 0.75:
            s.fine = c.pick((100, 200, 300, 500))
        elif c.plan.mode != "id_only":  # the reason given would reveal the age
            s.detention_days = c.between(*days)
            s.detention_not_executed = True
        else:
            s.warning = True
        return s
    if c.chance(0.18):  # 情节较轻
        if c.chance(0.6):
            s.fine = c.pick(tuple(range(100, light_fine + 1, 100)))
        else:
            s.detention_days = c.between(1, 5)
        return s
    s.detention_days = c.between(*days)
    if fine[1] and (fine_always or c.chance(0.55)):
        s.fine = c.pick(tuple(range(fine[0] or 100, fine[1] + 1, 100)))
    return s


def _agency_for(c: Case, s: Sanction) -> None:
    """Warnings and fines up to 500 yuan may be decided by a police station."""
    small = not s.detention_days and s.fine <= 500
    set_agency(c, "station" if small and c.chance(0.35) else "branch")


def _evidence(c: Case, parts: list) -> None:
    """``以上事实有…等证据证实。`` from strings and callables (for named people)."""
    b = c.b
    b.text(c.pick(("以上事实有", "上述事实有", "以上事实，有")))
    for i, part in enumerate(parts):
        if i:
            b.text("，")
        if callable(part):
            part()
        else:
            b.text(part)
    b.line(c.pick(("等证据证实。", "等证据证实，足以认定。", "等证据在案佐证。")))


def _said(c: Case, p: Person, what: str) -> callable:
    def write() -> None:
        c.b.text(what[0])
        name(c, p)
        c.b.text(what[1])

    return write


def _names(c: Case, people: list[Person], sep: str = "、") -> None:
    for i, p in enumerate(people):
        if i:
            c.b.text(sep)
        name(c, p)


def _close(c: Case, who: Person, s: Sanction, laws: list[tuple[str, str]]) -> None:
    """Rights notice, decision, execution, family notice, appeal and footer."""
    rights_notice(c, who)
    minor_mitigation(c, who)
    decide(c, who, s, laws)
    execution(c, s, who)
    if s.detention_days and not s.detention_not_executed:
        notify_family(c, who)
    appeal(c)
    footer(c)


# ---------------------------------------------------------------------------------------------
@template("zhian_assault", weight=7, minor_ok=True)
def assault(c: Case) -> None:
    """殴打他人: victim, witness, injury assessment; elderly victim → heavier clause."""
    party = c.new_party()
    elderly = c.chance(0.15)
    victim = c.person(min_age=60, max_age=82) if elderly else c.person(min_age=15, max_age=58)
    witness = c.person()
    article = "第四十三条第二款第（二）项" if elderly else "第四十三条第一款"
    s = _public_order_sanction(
        c, (10, 15) if elderly else (5, 10), (500, 1000) if elderly else (200, 500), elderly
    )
    _agency_for(c, s)
    c.violation_type = "殴打他人"
    c.legal_basis = basis(("治安", article))
    c.sanction = s
    b = c.b
    header(c)
    party_block(c, party)
    b.text(c.pick(("现查明：", "经查：", "现查明，")) + clock(c, c.act_date) + "，")
    name(c, party)
    b.text("在")
    place(c)
    b.text(c.pick(c.region.streets))
    if c.chance(0.4):
        b.text(c.pick(("附近的", "")) + "“").keep(VENUE, venue(c.rng, "restaurant")).text("”店内")
    else:
        b.text(c.pick(("路边", "一小区门口", "公交站台处", "农贸市场内")))
    b.text(c.pick(QUARRELS) + "与")
    name(c, victim)
    if elderly or c.chance(0.3):
        person_brief(
            c, victim, c.pick(("gender,age", "gender,year", "gender,age,phone", "gender,age,id"))
        )
    b.text("发生口角，后")
    name(c, party)
    b.text(c.pick(BLOWS) + "，致")
    name(c, victim)
    b.text(c.pick(INJURIES) + "。")
    if c.chance(0.7):
        b.text("经" + c.pick(("鉴定", "法医鉴定", "伤情鉴定")) + "，")
        name(c, victim)
        b.text("的损伤程度为" + c.pick(("轻微伤", "轻微伤", "未达轻微伤")) + "。")
    if c.chance(0.2):
        _victims_health(c, victim)
    b.nl()
    _evidence(
        c,
        [
            _said(c, party, ("违法行为人", "的陈述和申辩")),
            _said(c, victim, ("被侵害人", "的陈述")),
            _said(c, witness, ("证人", "的证言")),
            c.pick(("伤情鉴定意见书", "病历资料", "现场监控视频")),
            "到案经过",
        ],
    )
    _close(c, party, s, [("治安", article)])


@template("zhian_mutual_fight", weight=3.5)
def mutual_fight(c: Case) -> None:
    """互殴: two penalised persons in one decision; the fields describe only the first."""
    party = c.new_party()
    other = c.person(surname=party.surname if c.chance(0.3) else None)
    s1 = _public_order_sanction(c, (5, 10), (200, 500))
    s2 = (
        Sanction(detention_days=c.between(3, 10))
        if c.chance(0.6)
        else Sanction(fine=c.pick((200, 300, 500)))
    )
    set_agency(c, "branch")
    c.violation_type = "殴打他人"
    c.legal_basis = basis(("治安", "第四十三条第一款"))
    c.sanction = s1
    b = c.b
    header(c)
    party_block(
        c,
        party,
        label=c.pick(("违法行为人一：", "违法行为人（一）")),
        style=c.pick(("sentence", "block")),
    )
    party_block(c, other, label=c.pick(("违法行为人二：", "违法行为人（二）")), style="sentence")
    b.text("现查明：" + clock(c, c.act_date) + "，")
    name(c, party)
    b.text("与")
    name(c, other)
    b.text("在")
    place(c)
    b.text(c.pick(c.region.streets) + c.pick(("一棋牌室门前", "菜市场", "小区停车场")))
    b.text(c.pick(QUARRELS) + "发生争执，后双方相互推搡、厮打，致")
    name(c, party)
    b.text(c.pick(INJURIES) + "、")
    name(c, other)
    b.line(c.pick(INJURIES) + "，经鉴定均为轻微伤。")
    _evidence(
        c,
        [
            lambda: (_names(c, [party, other]), c.b.text("的陈述和申辩")),
            "现场视频监控",
            "伤情鉴定意见书",
        ],
    )
    rights_notice(c, party)
    b.text("根据")
    law(c, "治安", "第四十三条第一款")
    b.text("之规定，现决定：对")
    name(c, party)
    sanction_phrase(c, s1)
    b.text("；对")
    name(c, other)
    sanction_phrase(c, s2)
    b.line("。")
    execution(c, s1, party)
    appeal(c)
    footer(c)


@template("zhian_theft", weight=5, minor_ok=True)
def theft(c: Case) -> None:
    """盗窃: stolen goods, value, victim; the parenthesis party style is common here."""
    party = c.new_party()
    victim = c.person()
    item, value = c.pick(
        (
            ("电动自行车一辆", c.between(600, 1800)),
            ("手机一部", c.between(800, 3000)),
            ("现金", c.between(200, 1900)),
            ("黄金首饰一件", c.between(900, 2500)),
            ("香烟两条", c.between(300, 900)),
            ("电缆线约三十米", c.between(400, 1500)),
        )
    )
    s = _public_order_sanction(c, (5, 10), (100, 500))
    _agency_for(c, s)
    c.violation_type = "盗窃"
    c.legal_basis = basis(("治安", "第四十九条"))
    c.sanction = s
    b = c.b
    header(c)
    party_block(c, party, style=c.pick(("paren", "sentence", "block", "table"), (40, 30, 15, 15)))
    b.text(c.pick(("现查明：", "经查明，")) + clock(c, c.act_date) + "，")
    name(c, party)
    b.text("在")
    place(c, "district")
    shop = c.chance(0.35)
    if shop:
        b.text(c.pick(c.region.streets) + "的").keep(VENUE, venue(c.rng, "shop"))
        b.text("内，趁店员")
        clerk = c.person(min_age=19, max_age=45)
        name(c, clerk)
        b.text("不备，")
    else:
        b.text(c.pick(("某小区地下车库", "某出租屋楼道", "公交车上", "某工地")) + "，")
    b.text("窃取被害人" if c.chance(0.5) else "盗窃")
    name(c, victim)
    b.text(f"的{item}")
    if value:
        b.text(f"（经价格认定价值人民币{value}元）" if item != "现金" else f"共计人民币{value}元")
    b.text("。")
    if c.chance(0.5):
        b.text("案发后，赃物已追缴并发还被害人")
        name(c, victim)
        b.text("。")
    b.nl()
    parts = [_said(c, party, ("", "的陈述和申辩")), _said(c, victim, ("被害人", "的陈述"))]
    if shop:
        parts.append(_said(c, clerk, ("证人", "的证言")))
    parts += ["视频监控录像", "价格认定结论书", "扣押清单"]
    _evidence(c, parts)
    _close(c, party, s, [("治安", "第四十九条")])


@template("zhian_gambling", weight=5)
def gambling(c: Case) -> None:
    """赌博: several gamblers, often relatives sharing a surname; WeChat and bank transfers."""
    party = c.new_party()
    same = party.surname if party.kind == "han" else None
    others = [c.person(surname=same if c.chance(0.5) else None) for _ in range(c.between(2, 4))]
    stake = c.pick((500, 800, 1000, 2000, 3000, 5000))
    heavy = c.chance(0.3)
    s = (
        Sanction(detention_days=c.between(10, 15), fine=c.pick((500, 1000, 2000, 3000)))
        if heavy
        else (
            Sanction(detention_days=c.between(1, 5))
            if c.chance(0.55)
            else Sanction(fine=c.pick((200, 300, 500)))
        )
    )
    if c.chance(0.4):
        s.confiscate_items = c.pick(("赌资", "赌具及赌资", "麻将机一台"))
    _agency_for(c, s)
    c.violation_type = c.pick(("赌博", "参与赌博", "为赌博提供条件"))
    c.legal_basis = basis(("治安", "第七十条"))
    c.sanction = s
    b = c.b
    header(c)
    party_block(c, party)
    b.text(c.pick(("现查明：", "经查：")) + clock(c, c.act_date) + "，")
    name(c, party)
    b.text("伙同")
    _names(c, others)
    b.text("在")
    place(c)
    hall = c.chance(0.5)
    if hall:
        b.text(c.pick(c.region.streets)).keep(VENUE, venue(c.rng, "chess"))
    else:
        b.text(c.pick(("一出租屋内", "一农家院内", "一宾馆房间内")))
    b.text(
        c.pick(
            (
                "以“斗地主”方式赌博",
                "以打麻将的方式赌博",
                "以“炸金花”方式赌博",
                "以推牌九方式进行赌博",
            )
        )
    )
    b.text(f"，每局输赢{c.pick(('五十元', '一百元', '二百元'))}，")
    b.text("赌资共计人民币")
    money(c, stake, "arabic")
    b.text("。")
    if c.chance(0.6):
        b.text("其间，")
        name(c, party)
        b.text("通过其本人微信（")
        online_account(c, party, "wechat")
        b.text("）收取")
        name(c, others[0])
        b.text("转账赌资，并将赢取的赌资转入其名下银行卡（卡号：")
        bank, card = ids.bank_card(c.rng)
        b.pii(BANK_CARD, ids.card_written(c.rng, card)).text(f"，{bank}）。")
    b.text(c.pick(("当日被", "后被")))
    station(c)
    b.line("民警当场查获。")
    _evidence(
        c,
        [
            _said(c, party, ("", "的陈述和申辩")),
            lambda: (c.b.text("同案人"), _names(c, others), c.b.text("的陈述")),
            "现场照片",
            "扣押物品清单",
            "转账记录",
        ],
    )
    _close(c, party, s, [("治安", "第七十条")])


@template("zhian_provoke", weight=4.5, minor_ok=True)
def provoke(c: Case) -> None:
    """寻衅滋事: a group sharing a surname, a car, victims and a family notice."""
    party = c.new_party(male=True)
    sur = party.surname if party.kind == "han" else None
    brother = c.person(surname=sur, male=True) if sur else c.person(male=True)
    cousin = c.person(surname=sur, male=True, name_style="common") if sur else c.person(male=True)
    victim = c.person(surname=sur if c.chance(0.25) else None)
    helper = c.person()
    heavy = c.chance(0.35)
    s = _public_order_sanction(
        c, (10, 15) if heavy else (5, 10), (500, 1000) if heavy else (200, 500)
    )
    set_agency(c, "branch")
    items = c.pick(
        ("第二十六条第（一）项", "第二十六条第（四）项", "第二十六条第（一）项、第（三）项")
    )
    c.violation_type = "寻衅滋事"
    c.legal_basis = basis(("治安", items))
    c.sanction = s
    b = c.b
    header(c)
    party_block(c, party)
    b.text("现查明：" + clock(c, c.act_date) + "，")
    name(c, party)
    b.text("与其" + c.pick(("弟", "哥哥", "朋友")))
    name(c, brother)
    b.text("、" + c.pick(("堂弟", "表弟", "同事")))
    name(c, cousin)
    b.text("在")
    place(c)
    b.text(c.pick(c.region.streets)).text("“").keep(
        VENUE, venue(c.rng, c.pick(("restaurant", "ktv")))
    ).text("”")
    b.text("饮酒后，以")
    name(c, victim)
    b.text(c.pick(("“看了他们一眼”", "“说话声音太大”", "“挡了路”")) + "为由借故生非，")
    name(c, party)
    b.text(c.pick(("持啤酒瓶击打", "挥拳击打", "用脚踢踹", "持木凳砸向")))
    name(c, victim)
    b.text(c.pick(("头部", "面部", "腹部", "背部")) + "，")
    name(c, brother)
    b.text("随即对")
    name(c, victim)
    b.text("拳打脚踢。")
    name(c, helper)
    b.text("上前劝阻时，")
    name(c, party)
    b.text("、")
    name(c, cousin)
    b.text("又追逐")
    name(c, helper)
    b.text("至路口。")
    if c.chance(0.7):
        b.text("后")
        name(c, party)
        b.text(c.pick(("等三人", "等人")) + "乘坐")
        name(c, brother)
        b.text("所有的")
        b.pii(
            PLATE,
            ids.plate_written(
                c.rng, ids.plate(c.rng, c.region.short + c.pick(c.region.plate_letters))
            ),
        )
        b.text(c.pick(("号白色大众轿车", "号黑色丰田轿车", "号小型轿车")) + "离开现场。")
    b.nl()
    _evidence(
        c,
        [
            _said(c, party, ("违法行为人", "的陈述和申辩")),
            lambda: (
                c.b.text("同案违法行为人"),
                _names(c, [brother, cousin]),
                c.b.text("的陈述和申辩"),
            ),
            lambda: (c.b.text("被侵害人"), _names(c, [victim, helper]), c.b.text("的陈述")),
            "现场监控视频",
            "辨认笔录",
        ],
    )
    rights_notice(c, party)
    minor_mitigation(c, party)
    decide(c, party, s, [("治安", items)])
    execution(c, s, party)
    if c.chance(0.5):
        b.text("同案违法行为人")
        _names(c, [brother, cousin])
        b.line("另行作出处罚决定。")
    if s.detention_days and not s.detention_not_executed:
        notify_family(c, party)
    appeal(c)
    footer(c)


@template("zhian_obstruct", weight=4)
def obstruct(c: Case) -> None:
    """阻碍执行职务: named officers with badge numbers, body camera, spouse as reporter."""
    party = c.new_party()
    spouse = c.relative(party, "妻子" if party.male else "丈夫")
    neighbour = c.person()
    s = Sanction(detention_days=c.between(5, 10), fine=c.pick((0, 0, 200, 300, 500)))
    set_agency(c, "branch")
    articles = "第五十条第一款第（二）项、第二款"
    c.violation_type = "阻碍执行职务"
    c.legal_basis = basis(("治安", articles))
    c.sanction = s
    b = c.b
    header(c)
    party_block(c, party)
    b.text(c.pick(("现查明：", "经查：")) + clock(c, c.act_date) + "，")
    sta = station(c)
    b.text("接110指令称，")
    place(c, "district")
    home = party.home
    assert home is not None
    b.pii(ADDRESS, home.detail)
    b.text("有人发生家庭纠纷。")
    cops = officers(c, 2, badge=c.chance(0.6))
    b.text("出警到达现场后，依法对报警人")
    name(c, spouse)
    b.text("（")
    name(c, party)
    b.text(f"之{'妻' if party.male else '夫'}）及")
    name(c, party)
    b.text("进行询问、劝解。其间，")
    name(c, party)
    b.text("酒后情绪激动，不听民警劝阻，多次用双手推搡民警")
    name(c, cops[0])
    b.text("胸部，撕扯其警服，并挥手打落")
    name(c, cops[1])
    b.text(f"佩戴的执法记录仪（编号：DSJ-{c.region.city_short}{ids.digits(c.rng, 4)}）。")
    b.text("经民警多次警告无效后，")
    name(c, party)
    b.line(f"被依法控制并带至{sta}接受调查。")
    _evidence(
        c,
        [
            _said(c, party, ("违法行为人", "的陈述和申辩")),
            lambda: (
                c.b.text("证人"),
                name(c, spouse),
                c.b.text("、"),
                name(c, neighbour),
                c.b.text("（同楼邻居）的证言"),
            ),
            lambda: (c.b.text("民警"), _names(c, cops), c.b.text("出具的工作情况说明")),
            "执法记录仪视听资料",
        ],
    )
    _close(c, party, s, [("治安", articles)])


@template("zhian_property_damage", weight=3.5, minor_ok=True)
def property_damage(c: Case) -> None:
    """故意损毁财物: a neighbour's car (plate, sometimes VIN) and its owner."""
    party = c.new_party()
    owner = c.person()
    s = _public_order_sanction(c, (5, 10), (100, 500))
    _agency_for(c, s)
    c.violation_type = "故意损毁财物"
    c.legal_basis = basis(("治安", "第四十九条"))
    c.sanction = s
    plate = ids.plate(c.rng, c.region.short + c.pick(c.region.plate_letters))
    b = c.b
    header(c)
    party_block(c, party)
    b.text("现查明：" + clock(c, c.act_date) + "，")
    name(c, party)
    b.text(c.pick(("因怀疑", "因不满")) + "邻居")
    name(c, owner)
    b.text(c.pick(("长期占用其车位", "向其家门口堆放杂物", "拒不归还借款")) + "，在")
    place(c, "district")
    assert owner.home is not None
    b.pii(ADDRESS, owner.home.detail)
    b.text("楼下，" + c.pick(("用钥匙划伤", "用砖块砸坏", "用刀扎破轮胎损坏")))
    name(c, owner)
    b.text("停放的车牌号为")
    b.pii(PLATE, ids.plate_written(c.rng, plate))
    b.text("的" + c.pick(("白色轿车", "黑色越野车", "银色面包车")))
    if c.chance(0.4):
        b.text("（车辆识别代号：").pii(VIN, ids.vin(c.rng)).text("）")
    value = c.between(300, 4000)
    b.line(f"。经价格认定，受损车辆修复费用为人民币{value}元。")
    _evidence(
        c,
        [
            _said(c, party, ("", "的陈述和申辩")),
            _said(c, owner, ("被侵害人", "的陈述")),
            "视频监控录像",
            "价格认定结论书",
        ],
    )
    _close(c, party, s, [("治安", "第四十九条")])


@template("zhian_drugs", weight=3.5, minor_ok=True)
def drugs(c: Case) -> None:
    """吸毒: urine test, a companion, the hotel room; community treatment is mentioned."""
    party = c.new_party()
    mate = c.person()
    drug, marker = c.pick(
        (
            ("甲基苯丙胺（冰毒）", "甲基安非他明"),
            ("氯胺酮（K粉）", "氯胺酮"),
            ("海洛因", "吗啡"),
            ("大麻", "四氢大麻酚酸"),
        )
    )
    s = Sanction(detention_days=c.between(10, 15), fine=c.pick((0, 500, 1000, 2000)))
    if c.plan.minor:
        s = (
            Sanction(fine=c.pick((200, 500)))
            if c.plan.mode == "id_only"
            else Sanction(detention_days=c.between(10, 15), detention_not_executed=True)
        )
    set_agency(c, "branch")
    c.violation_type = "吸食毒品"
    c.legal_basis = basis(("治安", "第七十二条第（三）项"))
    c.sanction = s
    b = c.b
    header(c)
    party_block(c, party)
    b.text("现查明：" + clock(c, c.act_date) + "，")
    name(c, party)
    b.text("伙同")
    name(c, mate)
    b.text("在")
    place(c)
    b.keep(VENUE, venue(c.rng, "hotel", c.district))
    b.text(f"{c.between(2, 9)}{c.between(1, 30):02d}房间内，以烫吸方式吸食{drug}。")
    b.text("经现场尿液检测，")
    name(c, party)
    b.text(f"{marker}检测结果呈阳性。")
    if c.chance(0.5):
        b.text("另查明，")
        name(c, party)
        b.text("使用手机号码")
        b.pii(PHONE, ids.mobile_written(c.rng, party.phone))
        b.text("联系上线购买毒品。")
    b.nl()
    _evidence(
        c,
        [
            _said(c, party, ("", "的陈述和申辩")),
            _said(c, mate, ("", "的证言")),
            "现场检测报告书",
            "扣押清单",
        ],
    )
    _close(c, party, s, [("治安", "第七十二条第（三）项")])
    if c.chance(0.5):
        b.line("同时责令其接受社区戒毒三年。")


@template("zhian_trespass", weight=3, minor_ok=True)
def trespass(c: Case) -> None:
    """非法侵入住宅: the victim's home address is personal data; ex-partner disputes."""
    party = c.new_party()
    victim = c.person(male=not party.male)
    s = _public_order_sanction(c, (10, 15), (500, 1000), fine_always=True)
    set_agency(c, "branch")
    c.violation_type = "非法侵入住宅"
    c.legal_basis = basis(("治安", "第四十条第（三）项"))
    c.sanction = s
    b = c.b
    header(c)
    party_block(c, party)
    b.text("现查明：")
    name(c, party)
    b.text("与")
    name(c, victim)
    b.text(
        c.pick(("原系恋爱关系", "系前夫妻关系", "系房屋租赁关系"))
        + "。"
        + clock(c, c.act_date)
        + "，"
    )
    name(c, party)
    b.text("在")
    name(c, victim)
    b.text(
        "明确拒绝的情况下，"
        + c.pick(("撬开房门锁具", "尾随其他住户进入楼道后踹开房门", "使用私自配制的钥匙"))
        + "进入"
    )
    name(c, victim)
    b.text("位于")
    assert victim.home is not None
    write_address(b, victim.home, c.pick(("full", "city", "district")))
    b.text("的住宅，")
    if c.chance(0.4):
        b.text("该房屋不动产权证号为").pii(
            ACCOUNT,
            f"{c.region.short}（{c.act_date.year - c.between(1, 8)}）"
            f"{c.region.city.removesuffix('市')}不动产权第{ids.digits(c.rng, 7)}号",
        ).text("，")
    b.text("并拒不离开，经")
    name(c, victim)
    b.text("报警后被")
    station(c)
    b.line("民警带离。")
    _evidence(
        c,
        [
            _said(c, party, ("", "的陈述和申辩")),
            _said(c, victim, ("被侵害人", "的陈述")),
            "现场照片",
            "视频监控",
        ],
    )
    _close(c, party, s, [("治安", "第四十条第（三）项")])


@template("zhian_rumor", weight=3.5, minor_ok=True)
def rumor(c: Case) -> None:
    """散布谣言: online accounts, IP addresses, screenshots; decided by the branch's 网安大队."""
    party = c.new_party()
    s = _public_order_sanction(c, (5, 10), (100, 500))
    set_agency(c, "branch")
    c.violation_type = "散布谣言，谎报险情、疫情、警情"
    c.legal_basis = basis(("治安", "第二十五条第（一）项"))
    c.sanction = s
    b = c.b
    header(c)
    party_block(c, party)
    b.text("现查明：" + clock(c, c.act_date) + "，")
    name(c, party)
    b.text("使用其" + c.pick(("抖音账号（抖音号：", "微博账号（账号：", "快手账号（账号：")))
    b.pii(ACCOUNT, c.pick(("dy", "wb", "ks", "")) + ids.digits(c.rng, c.pick((9, 10, 11)), True))
    b.text("，")
    b.text("昵称“").pii(ACCOUNT, c.pick(NICKNAMES)).text("”")
    b.text("）在网上发布“")
    place(c, "district")
    b.text(
        c.pick(("某小学发生学生被绑架事件", "某小区发生命案", "自来水被污染不能饮用", "将全面封控"))
        + "”等不实信息，"
    )
    b.text(
        f"截至被查处时，该信息被浏览{c.between(2, 90)}万余次、转发{c.between(100, 3000)}余次，"
        "造成恶劣社会影响。"
    )
    if c.chance(0.7):
        b.text("经查，该信息发布时的登录IP地址为")
        b.pii(IP_ADDRESS, ids.ipv4(c.rng) if c.chance(0.85) else ids.ipv6(c.rng))
        b.text("，注册手机号码为")
        b.pii(PHONE, ids.mobile_written(c.rng, party.phone))
        b.text("。")
    b.nl()
    _evidence(
        c, [_said(c, party, ("", "的陈述和申辩")), "电子数据提取笔录", "网页截图", "情况说明"]
    )
    _close(c, party, s, [("治安", "第二十五条第（一）项")])


@template("zhian_prostitution", weight=3.5)
def prostitution(c: Case) -> None:
    """嫖娼: the other person, the hotel room, WeChat payment."""
    party = c.new_party(male=True)
    sex_worker = c.person(male=False, min_age=19, max_age=40)
    light = c.chance(0.3)
    s = (
        Sanction(fine=c.pick((200, 300, 500)))
        if light
        else Sanction(detention_days=c.between(10, 15), fine=c.pick((0, 1000, 2000, 3000)))
    )
    _agency_for(c, s)
    c.violation_type = "嫖娼"
    c.legal_basis = basis(("治安", "第六十六条第一款"))
    c.sanction = s
    b = c.b
    header(c)
    party_block(c, party)
    b.text("现查明：" + clock(c, c.act_date) + "，")
    name(c, party)
    b.text("在")
    place(c)
    b.keep(VENUE, venue(c.rng, c.pick(("hotel", "massage")), c.district))
    b.text(
        f"{c.between(2, 9)}{c.between(1, 30):02d}房间内，"
        f"以人民币{c.pick((200, 300, 400, 500, 600, 800))}元的价格与"
    )
    name(c, sex_worker)
    person_brief(c, sex_worker, c.pick(("gender,year", "gender,age", "gender,birth")))
    b.text("进行卖淫嫖娼活动时，被")
    station(c)
    b.text("民警当场查获。嫖资系")
    name(c, party)
    b.text("通过微信（")
    online_account(c, party, "wechat")
    b.line("）转账支付。")
    _evidence(
        c,
        [
            _said(c, party, ("", "的陈述和申辩")),
            _said(c, sex_worker, ("卖淫人员", "的陈述")),
            "现场检查笔录",
            "微信转账记录",
        ],
    )
    _close(c, party, s, [("治安", "第六十六条第一款")])


@template("zhian_harbor_prostitution", weight=3)
def harbor_prostitution(c: Case) -> None:
    """容留卖淫: the operator of a massage parlour; several women and clients named."""
    party = c.new_party(min_age=25, max_age=58)
    women = [c.person(male=False, min_age=19, max_age=38) for _ in range(c.between(1, 3))]
    client = c.person(male=True)
    gains = c.pick((1200, 2600, 3800, 5400))
    s = Sanction(
        detention_days=c.between(10, 15),
        fine=c.pick((1000, 2000, 3000, 5000)),
        confiscate_gains=gains,
    )
    set_agency(c, "branch")
    c.violation_type = "容留卖淫"
    c.legal_basis = basis(("治安", "第六十七条"), ("治安", "第十一条第二款"))
    c.sanction = s
    shop = venue(c.rng, "massage")
    b = c.b
    header(c)
    party_block(c, party, style=c.pick(("block", "sentence", "table")))
    b.text("现查明：" + clock(c, c.act_date) + "，")
    station(c)
    b.text("民警在对位于")
    place(c)
    b.pii(ADDRESS, f"{c.pick(c.region.streets)}{c.between(1, 300)}号")
    b.text("的“").keep(VENUE, shop).text("”进行检查时，当场查获")
    name(c, women[0])
    b.text("与")
    name(c, client)
    b.text("进行卖淫嫖娼活动。经查，")
    name(c, party)
    b.text("在经营上述店铺期间，先后容留")
    _names(c, women)
    b.text("在店内从事卖淫活动，从中抽成，非法获利共计")
    money(c, gains, "rmb_arabic")
    b.text("，嫖资主要通过")
    name(c, party)
    b.text("本人微信（")
    online_account(c, party, "wechat")
    b.line("）收取。")
    _evidence(
        c,
        [
            _said(c, party, ("违法行为人", "的陈述和申辩")),
            lambda: (c.b.text("卖淫人员"), _names(c, women), c.b.text("的陈述")),
            _said(c, client, ("嫖娼人员", "的陈述")),
            "现场检查笔录",
            "微信转账记录电子数据",
        ],
    )
    rights_notice(c, party)
    decide(c, party, s, [("治安", "第六十七条"), ("治安", "第十一条第二款")])
    execution(c, s, party)
    notify_family(c, party)
    appeal(c)
    footer(c)


@template("zhian_hotel_registration", weight=3)
def hotel_registration(c: Case) -> None:
    """旅馆业: a front-desk clerk let guests stay without registering their identity."""
    party = c.new_party(min_age=20, max_age=55)
    guests = [c.person() for _ in range(c.between(1, 2))]
    hotel = venue(c.rng, "hotel", c.district)
    s = Sanction(fine=c.pick((200, 300, 400, 500)))
    _agency_for(c, s)
    c.violation_type = "旅馆工作人员不按规定登记住宿旅客信息"
    c.legal_basis = basis(("旅馆业", "第六条"), ("治安", "第五十六条第一款"))
    c.sanction = s
    b = c.b
    header(c)
    party_block(c, party, style=c.pick(("sentence", "table", "block")))
    b.text("现查明：")
    name(c, party)
    b.text("系")
    place(c)
    b.keep(VENUE, hotel)
    b.text("前台服务员。" + clock(c, c.act_date) + "，")
    name(c, party)
    b.text("在为旅客")
    for i, g in enumerate(guests):
        if i:
            b.text("、")
        name(c, g)
        if c.chance(0.6):
            b.text("（")
            identity(c, g)
            b.text("）")
    b.text(
        f"办理入住{c.between(2, 9)}{c.between(1, 30):02d}房间时，未查验其身份证件，"
        "也未按规定在旅馆业治安管理信息系统中登记住宿旅客的姓名、身份证件种类和号码"
    )
    b.text("，仅登记了")
    name(c, guests[0])
    b.text("的手机号码")
    b.pii(PHONE, ids.mobile_written(c.rng, guests[0].phone))
    b.text("。当晚")
    station(c)
    b.line("民警开展旅馆业检查时发现上述情况。")
    _evidence(
        c,
        [
            _said(c, party, ("", "的陈述和申辩")),
            lambda: (c.b.text("旅客"), _names(c, guests), c.b.text("的证言")),
            "旅馆登记簿",
            "前台监控视频",
        ],
    )
    _close(c, party, s, [("旅馆业", "第六条"), ("治安", "第五十六条第一款")])


@template("zhian_controlled_knife", weight=3, minor_ok=True)
def controlled_knife(c: Case) -> None:
    """非法携带管制器具: found at a metro or railway security check; the knife is confiscated."""
    party = c.new_party()
    s = (
        Sanction(fine=c.pick((100, 200, 300, 500)))
        if c.chance(0.5)
        else Sanction(detention_days=c.between(1, 5))
    )
    if c.plan.minor:
        s = Sanction(warning=True)
    s.confiscate_items = c.pick(("管制刀具一把", "弹簧刀一把", "匕首一把", "三棱刮刀一把"))
    _agency_for(c, s)
    c.violation_type = "非法携带管制器具"
    c.legal_basis = basis(("治安", "第三十二条第一款"))
    c.sanction = s
    b = c.b
    header(c)
    party_block(c, party)
    b.text("现查明：" + clock(c, c.act_date) + "，")
    name(c, party)
    b.text(
        "携带"
        + s.confiscate_items.replace("一把", "")
        + "一把（刀身长"
        + str(c.between(12, 30))
        + "厘米）"
    )
    b.text("进入")
    place(c)
    b.text(c.pick(("地铁站", "火车站进站口", "长途汽车客运站", "人民广场")) + "，在安检时被查获。")
    if c.chance(0.5):
        b.text("经鉴定，该刀具属于管制刀具。")
    b.nl()
    _evidence(
        c, [_said(c, party, ("", "的陈述和申辩")), "安检员证言", "扣押物品清单", "管制刀具认定书"]
    )
    _close(c, party, s, [("治安", "第三十二条第一款")])


@template("zhian_foreigner_fight", weight=3)
def foreigner_fight(c: Case) -> None:
    """A foreign national in a public-order case: nationality, passport, translator."""
    party = c.new_party(kind="foreign", min_age=20, max_age=55)
    victim = c.person()
    translator = c.person(min_age=24, max_age=50)
    language = FOREIGN_LANGUAGE[party.nationality]
    s = (
        Sanction(detention_days=c.between(5, 10), fine=c.pick((0, 200, 500)))
        if c.chance(0.6)
        else Sanction(fine=c.pick((200, 500)))
    )
    set_agency(c, "branch")
    c.violation_type = c.pick(("殴打他人", "故意损毁财物"))
    article = "第四十三条第一款" if c.violation_type == "殴打他人" else "第四十九条"
    c.legal_basis = basis(("治安", article))
    c.sanction = s
    b = c.b
    header(c)
    party_block(c, party, style=c.pick(("sentence", "block")))
    b.text("现查明：" + clock(c, c.act_date) + "，")
    name(c, party, first=True)
    b.text("酒后在")
    place(c)
    b.text("“").keep(VENUE, venue(c.rng, c.pick(("restaurant", "ktv")))).text("”")
    if c.violation_type == "殴打他人":
        b.text("与服务员")
        name(c, victim)
        b.text("因结账问题发生争执，后")
        name(c, party)
        b.text(c.pick(BLOWS) + "，致")
        name(c, victim)
        b.text(c.pick(INJURIES) + "。")
    else:
        b.text(
            "因不满服务，砸坏店内玻璃门及桌椅，经价格认定损失价值人民币"
            + str(c.between(800, 4800))
            + "元。店主"
        )
        name(c, victim)
        b.text("随即报警。")
    b.nl()
    b.text("以上事实有违法行为人")
    name(c, party)
    b.text(f"的陈述和申辩（由{language}翻译人员")
    name(c, translator)
    b.text("现场翻译），")
    name(c, victim)
    b.line("的陈述，视频监控，护照复印件等证据证实。")
    rights_notice(c, party)
    decide(c, party, s, [("治安", article)])
    execution(c, s, party)
    b.text("本决定书已由翻译人员")
    name(c, translator)
    b.text(f"以{language}向违法行为人")
    name(c, party)
    b.line("宣读。")
    appeal(c)
    footer(c, delivery=False)


@template("zhian_on_the_spot", weight=3, procedure="simple", gap=(0, 0))
def on_the_spot(c: Case) -> None:
    """当场处罚决定书 (简易程序): warning or a fine up to 200 yuan, on a short form."""
    party = c.new_party()
    cop = c.officer()
    c.procedure = "simple"
    act, article = c.pick(
        (
            ("制造噪声干扰他人正常生活", "第五十八条"),
            ("在公共场所拉客招嫖", "第六十六条第二款"),
            ("违反规定在城市市区燃放烟花爆竹", "第二十三条第一款第（一）项"),
            ("冒用他人身份证件乘坐交通工具", "第五十一条第一款"),
            ("强行讨要", "第四十一条第一款"),
        )
    )
    s = Sanction(warning=True) if c.chance(0.4) else Sanction(fine=c.pick((50, 100, 200)))
    set_agency(c, c.pick(("station", "branch")))
    c.violation_type = act
    c.legal_basis = basis(("治安", article))
    c.sanction = s
    b = c.b
    b.keep(AGENCY, c.agency).nl()
    b.line(c.pick(("当场处罚决定书", "公安行政处罚当场处罚决定书", "当 场 处 罚 决 定 书")))
    b.text(c.pick(("编号：", "", "No. "))).keep(DECISION_NO, c.decision_no).nl()
    b.text("被处罚人：")
    full_name(c, party)
    b.text(f"　性别：{party.gender}")
    if party.id_number:
        b.text("　身份证件号码：").pii(ID_NUMBER, party.id_number)
    elif party.doc_number:
        b.text("　证件号码：").pii(TRAVEL_DOC, party.doc_number)
    b.nl()
    b.text("现住址：")
    assert party.home is not None
    write_address(b, party.home, c.pick(("full", "city")))
    b.text("　联系电话：").pii(PHONE, ids.mobile_written(c.rng, party.phone)).nl()
    b.text(f"违法事实：{clock(c, c.act_date)}，")
    name(c, party)
    b.text("在")
    place(c)
    b.text(f"{c.pick(c.region.streets)}{act}，经民警劝阻后改正。").nl()
    b.text("处罚依据：")
    law(c, "治安", article)
    b.nl()
    b.text("处罚内容：")
    if s.warning:
        b.text("警告")
    else:
        b.text("罚款")
        money(c, s.fine, c.pick(("arabic", "cn", "arabic_capital")))
    b.nl()
    b.line(
        "被处罚人如不服本决定，可以在收到本决定书之日起六十日内依法申请行政复议，或者在六个月内依法提起行政诉讼。"
    )
    b.text("处罚地点：")
    place(c, "district")
    b.text(c.pick(c.region.streets)).nl()
    b.text("执法民警：").person(cop).text(f"　警号：{cop.extra['badge']}").nl()
    b.text("被处罚人签名：").person(party).nl()
    b.keep(DATE, ymd(c.decision_date)).nl()
    b.line("（公安机关印章）")


def _victims_health(c: Case, victim: Person) -> None:
    """Health information about the victim (a diagnosis, a pregnancy): removed when published."""
    b = c.b
    b.text("另查明，")
    name(c, victim)
    if c.chance(0.5):
        b.text(c.pick(("案发时已", "当时已")))
        b.pii(HEALTH, c.pick(("怀孕四个月", "怀孕三个月", "怀孕5个月", "妊娠20周")))
    else:
        b.text(c.pick(("患有", "经医院诊断患有", "平时患有")))
        b.pii(HEALTH, c.pick(("抑郁症", "精神分裂症", "癫痫", "高血压病", "冠心病")))
    b.text("。")
