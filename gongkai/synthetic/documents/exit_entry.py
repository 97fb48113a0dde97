"""Exit-entry decisions under the 出境入境管理法: foreigners, their hosts and employers.

Foreign names appear in Latin letters (removed outright) next to a Chinese rendering
(pseudonymised by its first character); the party field may hold both forms.
"""

from __future__ import annotations

import datetime as dt

from gongkai.redaction.entities import BANK_CARD, PHONE, TRAVEL_DOC

from .. import identifiers as ids
from ..builder import ORG
from ..numerals import cn_int, ymd
from ..orgs import make_org
from ..people import FOREIGN_COUNTRY_FULL, FOREIGN_LANGUAGE, Person
from ..places import write_address
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
    money,
    name,
    org_block,
    party_block,
    person_brief,
    place,
    rights_notice,
    set_agency,
    station,
)

VISAS = (
    "团聚类外国人居留许可",
    "私人事务类居留许可",
    "旅游签证（L字）",
    "商务签证（M字）",
    "学习类居留许可",
)


def _passport(c: Case, p: Person) -> None:
    c.b.text(c.pick(("护照号码：", "护照号码", f"{FOREIGN_COUNTRY_FULL[p.nationality]}护照　")))
    c.b.pii(TRAVEL_DOC, p.doc_number or "")


def _translator(c: Case, p: Person) -> Person:
    return c.person(min_age=25, max_age=55, kind="han")


def _field_name(c: Case, p: Person) -> None:
    """The party field holds the Latin name, the Chinese rendering, or both."""
    form = c.pick(("both", "latin", "chinese"), (45, 40, 15))
    if p.latin and form == "both":
        c.name_in_field = f"{p.latin}（{p.name}）"
    elif p.latin and form == "latin":
        c.name_in_field = p.latin
    else:
        c.name_in_field = p.name


@template("exit_illegal_stay", weight=4, law="出境入境管理法", gap=(1, 10))
def illegal_stay(c: Case) -> None:
    """非法居留: overstayed residence permit; Chinese spouse and a translator are named."""
    party = c.new_party(kind="foreign", min_age=20, max_age=50, male=c.chance(0.35))
    _field_name(c, party)
    spouse = c.person(male=not party.male, kind="han")
    translator = _translator(c, party)
    language = FOREIGN_LANGUAGE[party.nationality]
    expired = c.day_before(c.act_date, 5, 60)
    overstay = (c.act_date - expired).days
    per_day = min(overstay * 500, 10000)
    s = Sanction(fine=per_day) if c.chance(0.7) else Sanction(warning=True)
    if c.chance(0.25):
        s.leave_country = "限期出境"
    set_agency(c, "exit")
    c.violation_type = "非法居留"
    c.legal_basis = basis(("出入境", "第七十八条第一款"))
    c.sanction = s
    b = c.b
    header(c)
    party_block(c, party, style=c.pick(("sentence", "block", "table")))
    b.text("现查明：违法行为人")
    name(c, party, first=True)
    b.text("系中国公民")
    name(c, spouse)
    person_brief(c, spouse, c.pick(("gender,id,phone", "gender,id", "gender,phone")))
    b.text(
        f"之{'夫' if party.male else '妻'}，"
        f"于{ymd(c.day_before(expired, 120, 500))}持{c.pick(VISAS)}经"
    )
    b.text(
        c.pick(
            (
                "广西友谊关口岸",
                "云南河口口岸",
                "绥芬河口岸",
                "上海浦东国际机场口岸",
                "北京首都国际机场口岸",
            )
        )
        + "入境，"
    )
    b.text(f"所持居留证件有效期至{ymd(expired)}。居留许可有效期届满后，")
    name(c, party)
    b.text("未依法申请延期，继续在")
    assert party.home is not None
    write_address(b, party.home, c.pick(("full", "city", "district")))
    b.text(f"居住。{clock(c, c.act_date)}，")
    station(c)
    b.text("民警在辖区走访核查境外人员住宿登记时发现其居留许可已过期，遂移交本机关处理。经查，")
    name(c, party)
    b.line(
        f"自{ymd(expired + dt.timedelta(days=1))}起至{ymd(c.act_date)}止非法居留，"
        f"共计{overstay}日。"
    )
    b.text("以上事实有违法行为人")
    name(c, party)
    b.text(f"的陈述和申辩（由{language}翻译人员")
    name(c, translator)
    b.text("现场翻译），证人")
    name(c, spouse)
    b.line("的证言，护照及外国人居留许可复印件，出入境记录查询结果等证据证实。")
    rights_notice(c, party)
    decide(c, party, s, [("出入境", "第七十八条第一款")])
    execution(c, s, party)
    if s.fine and c.chance(0.5):
        b.text(
            "被处罚人应当于"
            + ymd(c.decision_date + dt.timedelta(days=15))
            + "前到本机关办理居留手续或者自行出境。"
        ).nl()
    appeal(c)
    b.text("本决定书已由翻译人员")
    name(c, translator)
    b.text(f"以{language}向违法行为人宣读。")
    b.nl()
    footer(c, delivery=False)


@template("exit_illegal_work", weight=3.5, law="出境入境管理法", gap=(2, 25))
def illegal_work(c: Case) -> None:
    """非法就业: a foreigner working without permit; the employer and a co-worker are named."""
    party = c.new_party(kind="foreign", min_age=21, max_age=50)
    _field_name(c, party)
    boss = c.person(kind="han", min_age=30, max_age=60)
    mate = c.person(kind="foreign", country=party.nationality) if c.chance(0.5) else None
    job = c.pick(
        (
            ("英语外教", "教育培训中心", "教授少儿英语"),
            ("服务员", "餐饮店", "从事餐饮服务"),
            ("普工", "电子厂", "从事流水线作业"),
            ("模特", "文化传媒工作室", "从事服装展示拍摄"),
        )
    )
    fine = c.pick((5000, 8000, 10000, 15000, 20000))
    s = Sanction(fine=fine)
    if c.chance(0.3):
        s.detention_days = c.between(5, 15)
    if c.chance(0.6):
        s.leave_country = "限期出境"
    set_agency(c, "exit")
    c.violation_type = "外国人非法就业"
    c.legal_basis = basis(
        ("出入境", "第四十一条第一款"), ("出入境", "第八十条第一款"), ("出入境", "第八十一条第一款")
    )
    c.sanction = s
    org_name = (
        f"{c.region.city.removesuffix('市')}{c.pick(('博雅', '启航', '金桥', '环球'))}{job[1]}"
    )
    b = c.b
    header(c)
    party_block(c, party, style=c.pick(("sentence", "block")))
    b.text("现查明：")
    name(c, party, first=True)
    b.text(
        f"持{c.pick(VISAS[2:])}入境后，未取得工作许可和工作类居留证件，"
        f"自{ymd(c.day_before(c.act_date, 40, 300))}起受雇于"
    )
    place(c)
    b.text(f"{org_name}（负责人：")
    name(c, boss)
    b.text(
        f"）担任{job[0]}，{job[2]}，约定月薪人民币{c.pick((6000, 8000, 12000, 15000))}元，"
        "工资通过其本人银行卡（卡号："
    )
    b.pii(BANK_CARD, ids.bank_card(c.rng)[1]).text("）发放。")
    if mate is not None:
        b.text("同期在该处非法就业的还有")
        full_name(c, mate)
        b.text("（另案处理）。")
    b.text(f"{clock(c, c.act_date)}，本机关民警在检查中发现上述情况。").nl()
    b.text("以上事实有")
    name(c, party)
    b.text("的陈述和申辩，")
    name(c, boss)
    b.line("的证言，劳动合同，工资发放记录，护照及签证复印件等证据证实。")
    rights_notice(c, party)
    laws = [("出入境", "第八十条第一款")] + (
        [("出入境", "第八十一条第一款")] if s.leave_country else []
    )
    decide(c, party, s, laws)
    execution(c, s, party)
    appeal(c)
    footer(c)


@template("exit_host_unregistered", weight=3, law="出境入境管理法", gap=(2, 20))
def host_unregistered(c: Case) -> None:
    """留宿人未办理住宿登记: a Chinese landlord let a foreigner stay without registering."""
    party = c.new_party(kind="han", min_age=28, max_age=70)
    guest = c.person(kind="foreign")
    s = Sanction(warning=True) if c.chance(0.4) else Sanction(fine=c.pick((200, 500, 1000, 2000)))
    set_agency(c, c.pick(("exit", "branch")))
    c.violation_type = "留宿人未按规定为外国人办理住宿登记"
    c.legal_basis = basis(("出入境", "第三十九条第二款"), ("出入境", "第七十六条第一款第（六）项"))
    c.sanction = s
    b = c.b
    header(c)
    party_block(c, party)
    b.text("现查明：")
    name(c, party)
    b.text("将其所有的位于")
    assert party.home is not None
    write_address(b, party.home, c.pick(("full", "city")))
    b.text("的房屋出租给")
    b.text(c.pick((guest.nationality + "籍人员", guest.nationality + "公民")))
    full_name(c, guest)
    b.text("（")
    _passport(c, guest)
    if c.chance(0.5):
        b.text("，联系电话：").pii(PHONE, ids.mobile_written(c.rng, guest.phone))
    b.text(f"）居住。{ymd(c.day_before(c.act_date, 5, 90))}")
    name(c, guest)
    b.text("入住后，")
    name(c, party)
    b.text("未在二十四小时内向公安机关办理住宿登记。" + clock(c, c.act_date) + "，")
    station(c)
    b.line("民警在核查出租房屋时发现上述情况。")
    b.text("以上事实有")
    name(c, party)
    b.text("的陈述和申辩，")
    name(c, guest)
    b.line("的陈述，房屋租赁合同，境外人员住宿登记查询记录等证据证实。")
    rights_notice(c, party)
    decide(c, party, s, [("出入境", "第七十六条第一款第（六）项")])
    execution(c, s, party)
    appeal(c)
    footer(c)


@template("exit_employer_org", weight=2.5, party="org", law="出境入境管理法", gap=(10, 60))
def employer_org(c: Case) -> None:
    """非法聘用外国人 (an organisation): per-worker fine, workers with passports listed."""
    org = make_org(c.rng, c.region, c.district, c.pick(("labour", "trade", "restaurant")))
    c.org = org
    workers = [c.person(kind="foreign") for _ in range(c.between(1, 4))]
    fine = min(10000 * len(workers), 100000)
    gains = c.pick((0, 0, 3000, 8600))
    s = Sanction(fine=fine, confiscate_gains=gains)
    set_agency(c, "exit")
    c.violation_type = "非法聘用外国人"
    c.legal_basis = basis(("出入境", "第四十三条第（一）项"), ("出入境", "第八十条第三款"))
    c.sanction = s
    b = c.b
    header(c)
    org_block(c, org)
    b.text("现查明：" + ymd(c.day_before(c.act_date, 60, 300)) + "至" + ymd(c.act_date) + "期间，")
    b.keep(ORG, org.name)
    b.text("在")
    place(c)
    b.text("经营过程中，聘用未取得工作许可和工作类居留证件的外国人")
    for i, w in enumerate(workers):
        if i:
            b.text("、")
        full_name(c, w, c.pick(("latin_cn", "cn_latin", "latin_cn_label")))
        b.text("（")
        _passport(c, w)
        b.text("）")
    b.text(f"共{cn_int(len(workers))}人从事{c.pick(('包装', '搬运', '餐饮服务', '装修'))}工作")
    if gains:
        b.text("，获取违法所得")
        money(c, gains)
    b.line("。")
    b.text("以上事实有该单位负责人的陈述和申辩，")
    for i, w in enumerate(workers):
        if i:
            b.text("、")
        name(c, w)
    b.line("的陈述，劳务合同，工资表，现场检查笔录等证据证实。")
    rights_notice(c, org, hearing=True)
    decide(c, org, s, [("出入境", "第八十条第三款")])
    b.text("执行方式和期限：被处罚单位应当自收到本决定书之日起十五日内缴纳罚款").line("。")
    appeal(c)
    footer(c, delivery=False)
