"""Paragraphs most decisions share: header, party, facts helpers, penalty, appeal, footer.

Each writer appends to ``case.b`` and annotates as it goes. Wording is drawn from variants
seen in real decisions, so two decisions from the same template rarely read the same.
"""

from __future__ import annotations

import datetime as dt

from gongkai.redaction.entities import (
    ACCOUNT,
    BIRTH_DATE,
    EMAIL,
    ID_NUMBER,
    PHONE,
    QQ,
    TRAVEL_DOC,
    WECHAT,
)

from .. import identifiers as ids
from ..builder import (
    AGENCY,
    COURT,
    CREDIT_CODE,
    DATE,
    DECISION_NO,
    FINE,
    GOVERNMENT,
    LAW,
    ORG,
    PLACE,
    POLICE_STATION,
    VENUE,
)
from ..numerals import age_on, capital_yuan, cn_int, seal_date, ymd
from ..orgs import Org
from ..people import DOT_VARIANTS, FOREIGN_COUNTRY_FULL, MINORITY_DOT, Person
from ..places import (
    branch_bureau,
    court,
    detention_centre,
    district_government,
    exit_entry_unit,
    fire_unit,
    police_station,
    traffic_unit,
    write_address,
)
from .case import Case, Sanction

LAWS = {
    "治安": "中华人民共和国治安管理处罚法",
    "交通": "中华人民共和国道路交通安全法",
    "交通条例": "中华人民共和国道路交通安全法实施条例",
    "出入境": "中华人民共和国出境入境管理法",
    "网络安全": "中华人民共和国网络安全法",
    "反诈": "中华人民共和国反电信网络诈骗法",
    "身份证": "中华人民共和国居民身份证法",
    "枪支": "中华人民共和国枪支管理法",
    "消防": "中华人民共和国消防法",
    "反恐": "中华人民共和国反恐怖主义法",
    "处罚法": "中华人民共和国行政处罚法",
    "娱乐场所": "娱乐场所管理条例",
    "旅馆业": "旅馆业治安管理办法",
    "外国人": "中华人民共和国外国人入境出境管理条例",
}


# --- small pieces -------------------------------------------------------------------------
def law(c: Case, key: str, article: str, short: bool | None = None) -> str:
    """Write ``《law》article`` as one kept span; return the full form for ``legal_basis``."""
    full = LAWS[key]
    name = full
    if short is None:
        short = c.chance(0.15)
    if short and full.startswith("中华人民共和国"):
        name = full.removeprefix("中华人民共和国")
    c.b.keep(LAW, f"《{name}》{article}")
    return f"《{full}》{article}"


def basis(*parts: tuple[str, str]) -> str:
    """The ``legal_basis`` field from (law key, article) pairs, grouped per law."""
    out: list[str] = []
    last = None
    for key, article in parts:
        if key == last:
            out[-1] += f"、{article}"
        else:
            out.append(f"《{LAWS[key]}》{article}")
        last = key
    return "；".join(out)


def money(c: Case, amount: int, style: str | None = None) -> None:
    """An amount of money as a kept span, in one of the ways decisions write it."""
    style = style or c.pick(
        ("cn", "rmb_cn", "arabic", "rmb_arabic", "capital"), (35, 25, 20, 12, 8)
    )
    b = c.b
    if style == "cn":
        b.keep(FINE, f"{cn_int(amount)}元")
    elif style == "rmb_cn":
        b.keep(FINE, f"人民币{cn_int(amount)}元")
    elif style == "arabic":
        b.keep(FINE, f"{amount}元")
    elif style == "rmb_arabic":
        b.keep(FINE, f"人民币{amount}元")
    elif style == "capital":
        b.text("人民币").keep(FINE, capital_yuan(amount)).text("（").keep(FINE, f"¥{amount}.00")
        b.text("）")
    elif style == "arabic_capital":
        b.keep(FINE, f"{amount}元").text("（大写：").keep(FINE, capital_yuan(amount)).text("）")
    else:
        raise ValueError(style)


def clock(c: Case, day: dt.date, padded: bool = False) -> str:
    """``2023年3月16日21时40分许``: the time of the act."""
    hour, minute = c.between(0, 23), c.pick((0, 5, 10, 15, 20, 30, 40, 45, 50, 55))
    suffix = c.pick(("许", "许", "", "左右"))
    return (
        f"{ymd(day, padded)}{hour}时{minute:02d}分{suffix}"
        if minute
        else f"{ymd(day)}{hour}时{suffix}"
    )


def place(c: Case, depth: str | None = None) -> None:
    """The province/city/district of the act, kept readable."""
    r, d = c.region, c.district
    depth = depth or c.pick(("city", "district", "full"), (50, 35, 15))
    if depth == "district":
        text = d.name
    elif depth == "full":
        text = f"{r.province}{r.city}{d.name}"
    else:
        text = f"{r.city}{d.name}"
    c.b.keep(PLACE, text)


def station(c: Case) -> str:
    name = police_station(c.rng, c.district)
    c.b.keep(POLICE_STATION, name)
    return name


def officers(c: Case, n: int = 2, badge: bool | None = None, title: str = "民警") -> list[Person]:
    """``民警李振华（警号：041287）、辅警韩磊``: officers are named persons too."""
    cops = [c.officer() for _ in range(n)]
    badge = c.chance(0.4) if badge is None else badge
    for i, cop in enumerate(cops):
        if i:
            c.b.text(c.pick(("、", "和", "、")))
        role = title if i == 0 else c.pick((title, "辅警", title))
        c.b.text(role).person(cop)
        if badge:
            c.b.text(f"（警号：{cop.extra['badge']}）")
    return cops


def name(c: Case, p: Person, first: bool = False) -> None:
    """A later mention of ``p``; foreigners may be named by the Latin or the Chinese form."""
    b = c.b
    if p.kind == "foreign" and p.latin:
        if first or c.chance(0.5):
            b.latin(p)
        else:
            b.person(p)
        return
    written = p.name
    if MINORITY_DOT in p.categories and c.chance(0.12):
        written = p.name.replace("·", c.pick(DOT_VARIANTS))
    b.person(p, written)


def full_name(c: Case, p: Person, style: str | None = None) -> None:
    """The first, complete mention: foreigners with both forms, HK residents with romanisation."""
    b = c.b
    if p.latin and p.kind == "foreign":
        style = style or c.pick(
            ("latin_cn_label", "latin_cn", "cn_latin", "latin_only"), (45, 25, 22, 8)
        )
        if style == "latin_cn_label":
            b.latin(p).text(c.pick(("（中文译名：", "（中文名：", "（译名："))).person(p).text("）")
        elif style == "latin_cn":
            b.latin(p).text("（").person(p).text("）")
        elif style == "cn_latin":
            b.person(p).text("（").latin(p).text("）")
        else:
            b.latin(p)
        return
    name(c, p)
    if p.latin and c.chance(0.6):
        b.text("（英文名：" if c.chance(0.5) else "（").latin(p).text("）")


def person_brief(c: Case, p: Person, bits: str = "gender,age") -> None:
    """``（女，1997年出生，居民身份证号码：…，联系电话：…）`` after another person's name."""
    parts = bits.split(",")
    c.b.text("（")
    for i, bit in enumerate(parts):
        if i:
            c.b.text("，")
        if bit == "gender":
            c.b.text(p.gender)
        elif bit == "age":
            c.b.text(f"{age_on(p.birth, c.act_date)}岁")
        elif bit == "year":
            c.b.text(f"{p.birth.year}年出生")
        elif bit == "birth":
            c.b.pii(BIRTH_DATE, ymd(p.birth)).text("出生")
        elif bit == "id":
            identity(c, p)
        elif bit == "phone":
            c.b.text(c.pick(("联系电话：", "电话：", "手机号码")))
            c.b.pii(PHONE, ids.mobile_written(c.rng, p.phone))
        elif bit == "address":
            c.b.text(c.pick(("住", "住址：", "现住")))
            assert p.home
            write_address(c.b, p.home, c.pick(("full", "city", "district", "none")))
        else:
            c.b.text(bit)
    c.b.text("）")


def identity(c: Case, p: Person) -> None:
    """Label and number of whatever identity document ``p`` has (ID card, permit, passport)."""
    if p.id_number:
        c.b.text(c.pick(("居民身份证号码：", "身份证号：", "公民身份号码")))
        if p.birth.year < 1975 and c.chance(0.35):  # an old first-generation card on file
            c.b.pii(ID_NUMBER, p.id_number[:6] + p.id_number[8:17])
        else:
            c.b.pii(ID_NUMBER, id_text(c, p.id_number, "plain"))
    else:
        c.b.text(f"{p.doc_type}号码：" if c.chance(0.6) else "证件号码：")
        c.b.pii(TRAVEL_DOC, p.doc_number or "")


def id_text(c: Case, value: str, style: str | None = None) -> str:
    return ids.id_written(value, style or c.pick(("plain", "spaced", "fullwidth"), (92, 5, 3)))


# --- header and numbers -----------------------------------------------------------------
def set_agency(c: Case, kind: str) -> None:
    """Choose the deciding organ and a document number of a matching shape."""
    r, d, rng = c.region, c.district, c.rng
    y = c.decision_date.year
    n = rng.randint(1, 4999)
    c.agency_kind = kind
    sta = police_station(rng, d).removesuffix("派出所")[:2]
    if kind == "station":
        c.agency = branch_bureau(r, d) + police_station(rng, d)
    elif kind == "city":
        c.agency = r.city_bureau()
    elif kind == "traffic":
        c.agency = traffic_unit(r, d)
    elif kind == "exit":
        c.agency = exit_entry_unit(r, d, rng)
    elif kind == "fire":
        c.agency = fire_unit(r, d)
    else:
        c.agency = branch_bureau(r, d)
    cs, ds = r.city_short, d.short
    team = c.pick(("治", "治安", "刑", "禁毒", "经侦"), (60, 10, 10, 10, 10))
    if kind == "traffic":
        shapes = [
            f"{d.code}{ids.digits(rng, 10)}",
            f"{d.code}{ids.digits(rng, 9)}",
            f"{cs}公交{ds}行罚决字〔{y}〕{n:05d}号",
            f"{cs}公交（{ds}）决字[{y}]第{n}号",
        ]
        weights = (40, 15, 25, 20) if c.procedure == "general" else (80, 20, 0, 0)
    elif kind == "exit":
        shapes = [
            f"{cs}公（出）行罚决字〔{y}〕{n:04d}号",
            f"{cs}公出入境罚字〔{y}〕{n}号",
            f"{ds}公（出入境）行罚决字[{y}]{n}号",
            f"{cs}公境罚决字（{y}）第{n:03d}号",
        ]
        weights = (40, 20, 20, 20)
    elif kind == "fire":
        shapes = [
            f"{cs}{ds}消行罚决字〔{y}〕第{n:04d}号",
            f"{ds}消罚决字〔{y}〕{n}号",
            f"{cs}{ds}消罚决字[{y}]{n:04d}号",
        ]
        weights = (50, 25, 25)
    elif kind == "city":
        net = c.pick(("网", "网安", "治", "刑"))
        shapes = [
            f"{cs}公（{net}）行罚决字〔{y}〕{n}号",
            f"{cs}公{net}罚决字[{y}]{n:04d}号",
            f"{cs}公（{net}）决字（{y}）第{n}号",
        ]
        weights = (50, 25, 25)
    else:
        shapes = [
            f"{cs}公{ds}（{sta}）行罚决字〔{y}〕{n:05d}号",
            f"{cs}公{ds}（{team}）行罚决字[{y}]第{n:05d}号",
            f"{cs}公{ds}行罚决字（{y}）{n}号",
            f"{cs}公{ds}（{sta}）决字〔{y}〕第{n}号",
            f"{ds}公（{team}）决字[{y}]第{n:04d}号",
            f"{cs}公{ds}行罚决字〔{y}〕{n}号",
            f"{cs}{ds}公（{sta}）行罚决字〔{y}〕{n}号",
            f"{r.short}公{ds}行罚决字〔{y}〕第{n:06d}号",
        ]
        weights = (20, 15, 12, 10, 15 if d.county_level else 3, 12, 8, 10 if r.municipality else 2)
    c.decision_no = c.pick(shapes, weights)


def header(c: Case, title: str | None = None, label: str | None = None) -> None:
    b = c.b
    b.keep(AGENCY, c.agency).nl()
    title = title or c.pick(
        ("行政处罚决定书", "行 政 处 罚 决 定 书", "公安行政处罚决定书", "行政处罚决定书"),
    )
    b.line(title)
    if label is None:
        label = c.pick(("", "", "", "编号：", "文号："))
    b.text(label).keep(DECISION_NO, c.decision_no).nl()


# --- party paragraphs ----------------------------------------------------------------------
def _show(c: Case, p: Person) -> dict[str, bool]:
    """Which age sources the party paragraph may show, following the minor plan."""
    plan = c.plan
    is_party = p is c.party
    if is_party and plan.mode == "id_only":
        return {"age": False, "birth": False, "id": True}
    if is_party and plan.mode == "text_only":
        both = c.chance(0.3)
        age = both or c.chance(0.5)
        return {"age": age, "birth": both or not age, "id": False}
    return {"age": c.chance(0.55), "birth": c.chance(0.75), "id": True}


def party_block(c: Case, p: Person, label: str = "违法行为人", style: str | None = None) -> None:
    """The party paragraph in one of the common layouts (sentence, block, parenthesis, table)."""
    style = style or c.pick(("sentence", "block", "paren", "table"), (45, 25, 15, 15))
    show = _show(c, p)
    fields = _party_fields(c, p, show)
    b = c.b
    if style == "block":
        b.text(f"{label}：")
        full_name(c, p)
        b.nl()
        for lab, write in fields:
            b.text(f"{lab}：")
            write()
            b.nl()
    elif style == "table":
        b.text("姓名：")
        full_name(c, p)
        per_line = 1
        for lab, write in fields:
            if per_line >= c.pick((2, 3)) or lab in ("户籍所在地", "现住址", "住址"):
                b.nl()
                per_line = 0
            else:
                b.text(c.pick(("　　", "　", "　　　")))
            b.text(f"{lab}：")
            write()
            per_line += 1 if lab not in ("户籍所在地", "现住址", "住址") else 3
        b.nl()
    elif style == "paren":
        b.text(label)
        full_name(c, p)
        b.text("（")
        short = [f for f in fields if f[0] not in ("违法经历", "文化程度", "民族")]
        for i, (lab, write) in enumerate(short):
            if i:
                b.text("，")
            if lab not in ("性别", "年龄"):
                b.text(_paren_label(c, lab))
            write()
            if lab == "出生日期":
                b.text("出生")
        b.line("）。" if c.chance(0.7) else "）")
    else:
        b.text(label)
        full_name(c, p)
        for lab, write in fields:
            b.text("，")
            if lab == "出生日期" and c.chance(0.5):
                write()
                b.text("出生")
                continue
            if lab not in ("性别", "年龄", "民族"):
                b.text(_sentence_label(c, lab))
            write()
        b.line("。")
    if c.plan.minor and p is c.party and c.plan.mode != "id_only" and c.chance(0.85):
        guardian_line(c, p)


def _paren_label(c: Case, lab: str) -> str:
    return {
        "出生日期": "",
        "身份证号码": c.pick(("身份证号：", "身份证号码", "公民身份号码：")),
        "户籍所在地": c.pick(("户籍地：", "户籍", "户籍所在地")),
        "现住址": c.pick(("住", "现住", "住址：")),
        "联系电话": c.pick(("电话", "联系电话：", "手机：")),
        "国籍": "国籍：",
        "证件": "",
        "工作单位": c.pick(("", "工作单位：")),
    }.get(lab, f"{lab}：")


def _sentence_label(c: Case, lab: str) -> str:
    return {
        "出生日期": c.pick(("出生日期：", "出生日期")),
        "身份证号码": c.pick(
            ("身份证件种类及号码：居民身份证", "公民身份号码：", "身份证号码", "居民身份证号码：")
        ),
        "户籍所在地": c.pick(("户籍所在地：", "户籍地", "户籍地址：")),
        "现住址": c.pick(("现住址：", "现住", "住")),
        "联系电话": c.pick(("联系方式：", "联系电话：", "电话", "手机号码：")),
        "工作单位": c.pick(("工作单位：", "")),
        "违法经历": "违法经历：",
        "文化程度": "文化程度：",
        "国籍": "国籍：",
        "证件": c.pick(("身份证件种类及号码：", "证件种类及号码：")),
    }.get(lab, f"{lab}：")


def _party_fields(c: Case, p: Person, show: dict[str, bool]) -> list[tuple[str, object]]:
    b = c.b
    fields: list[tuple[str, object]] = [("性别", lambda: b.text(p.gender))]
    if p.kind == "minority" or (p.kind == "han" and c.chance(0.2)):
        fields.append(("民族", lambda: b.text(p.ethnicity)))
    age = age_on(p.birth, c.act_date)
    if show["age"]:
        fields.append(("年龄", lambda: b.text(f"{age}岁")))
    if show["birth"]:
        fields.append(("出生日期", lambda: b.pii(BIRTH_DATE, ymd(p.birth, c.chance(0.15)))))
    if p.kind == "foreign":
        fields.append(("国籍", lambda: b.text(p.nationality)))
        fields.append(("证件", lambda: _travel_doc(c, p)))
    elif p.kind in ("hk", "tw"):
        fields.append(("证件", lambda: _travel_doc(c, p)))
        if p.id_number and show["id"]:
            fields.append(
                ("居住证号码", lambda: b.pii(ID_NUMBER, id_text(c, p.id_number or "", "plain")))
            )
    elif show["id"] and p.id_number:
        style = c.id_text_style if p is c.party else None
        fields.append(
            ("身份证号码", lambda: b.pii(ID_NUMBER, id_text(c, p.id_number or "", style)))
        )
    if p.hukou and p.kind in ("han", "minority") and c.chance(0.75):
        fields.append(("户籍所在地", lambda: write_address(b, p.hukou, "full")))  # type: ignore[arg-type]
    if p.home and c.chance(0.9):
        home = p.home
        fields.append(("现住址", lambda: write_address(b, home, c.pick(("full", "city", "full")))))
    if c.chance(0.5):
        work = c.pick(("无固定职业", "个体经营", "务工", "自由职业", "待业"))
        if age < 23:
            work = c.pick(("学生", "在校学生", "无固定职业"))
        fields.append(("工作单位", lambda: b.text(work)))
    if c.chance(0.85):
        fields.append(("联系电话", lambda: b.pii(PHONE, ids.mobile_written(c.rng, p.phone))))
    if c.chance(0.3):
        schooling = ("初中", "高中", "大专", "小学", "本科") if age >= 20 else ("初中", "高中")
        fields.append(("文化程度", lambda: b.text(c.pick(schooling))))
    if c.chance(0.45):
        fields.append(("违法经历", lambda: _record_of(c, p)))
    return fields


def _travel_doc(c: Case, p: Person) -> None:
    b = c.b
    if p.kind == "foreign":
        b.text(c.pick((f"{FOREIGN_COUNTRY_FULL[p.nationality]}护照", "护照", "普通护照")))
    else:
        b.text(p.doc_type or "")
    b.text(c.pick(("　", "，号码：", " ", "")))
    b.pii(TRAVEL_DOC, p.doc_number or "")


def _record_of(c: Case, p: Person) -> None:
    if c.chance(0.7) or p.kind == "foreign" or age_on(p.birth, c.act_date) < 22:
        c.b.text("无")
        return
    year = c.act_date.year - c.between(1, 6)
    c.b.text(f"{year}年{c.between(1, 12)}月因{c.pick(('殴打他人', '赌博', '盗窃', '寻衅滋事'))}被")
    c.b.keep(AGENCY, branch_bureau(c.region, c.district))
    c.b.text(c.pick(("行政拘留五日", "行政拘留十日", "罚款五百元", "警告")))


def guardian_line(c: Case, minor: Person) -> Person:
    """The minor party's guardian, named with contact data."""
    relation = c.pick(("母亲", "父亲"))
    guardian = c.relative(minor, relation)
    c.guardian = guardian
    b = c.b
    b.text(c.pick(("监护人", "法定代理人", "监护人：")))
    b.person(guardian)
    b.text(f"（系违法行为人之{'母' if relation == '母亲' else '父'}）" if c.chance(0.6) else "")
    b.text(f"，{guardian.gender}")
    if c.chance(0.7):
        b.text("，居民身份证号码").pii(ID_NUMBER, guardian.id_number or "")
    if c.chance(0.3) and guardian.home:
        b.text("，住")
        write_address(b, guardian.home, "city")
    else:
        b.text("，住址同上")
    b.text("，联系电话：").pii(PHONE, ids.mobile_written(c.rng, guardian.phone)).line("。")
    return guardian


def org_block(c: Case, org: Org, rep_title: str | None = None) -> Person:
    """被处罚单位 block: name and credit code stay; address, phone and the people go."""
    b = c.b
    b.text(c.pick(("被处罚单位：", "被处罚单位名称：", "违法单位：", "当事人：")))
    b.keep(ORG, org.name)
    if org.venue and c.chance(0.6):
        b.text("（").keep(VENUE, org.venue).text("）")
    b.nl()
    b.text(c.pick(("统一社会信用代码：", "统一社会信用代码　", "社会信用代码：")))
    b.keep(CREDIT_CODE, org.credit_code).nl()
    b.text(c.pick(("住所：", "地址：", "住所地：", "经营场所：")))
    write_address(b, org.address, c.pick(("full", "city")))
    b.nl()
    rep_title = rep_title or (
        "经营者"
        if org.party_type == "other_org" and "服务部" in org.name
        else c.pick(("法定代表人", "负责人"))
    )
    rep = c.person(min_age=28, max_age=60, kind="han")
    b.text(f"{rep_title}：").person(rep)
    if c.chance(0.55):
        b.text(f"，{rep.gender}")
        if c.chance(0.6):
            b.text("，").pii(BIRTH_DATE, ymd(rep.birth)).text("出生")
        b.text("，")
        identity(c, rep)
    if c.chance(0.6):
        b.text("，联系电话：").pii(PHONE, ids.mobile_written(c.rng, rep.phone))
    b.nl()
    if c.chance(0.5):
        b.text(c.pick(("单位联系电话：", "联系电话：", "联系方式："))).pii(PHONE, org.phone).nl()
    return rep


# --- penalty, execution, appeal, footer ----------------------------------------------------------
def sanction_phrase(c: Case, s: Sanction) -> None:
    """``行政拘留十日，并处罚款五百元`` and the like; amounts are kept spans."""
    b = c.b
    parts: list[tuple[str, int]] = []  # (text before the amount, amount or 0)
    if s.warning:
        parts.append(("警告", 0))
    if s.criticism:
        parts.append(("通报批评", 0))
    if s.detention_days:
        parts.append((f"行政拘留{s.days_text}", 0))
    if s.fine:
        parts.append(("罚款", s.fine))
    if s.confiscate_gains:
        parts.append(("没收违法所得", s.confiscate_gains))
    for extra in (
        f"没收{s.confiscate_items}" if s.confiscate_items else "",
        s.suspend_licence,
        s.revoke_licence,
        s.stop_business,
        s.leave_country,
    ):
        if extra:
            parts.append((extra, 0))
    for i, (words, amount) in enumerate(parts):
        if i:
            b.text("，并处" if words == "罚款" else "，")
        b.text(words)
        if amount:
            money(c, amount)


def laws_cited(c: Case, laws: list[tuple[str, str]]) -> None:
    """Articles joined by 、; a law named once is not repeated for its next article."""
    previous = None
    for i, (key, article) in enumerate(laws):
        if i:
            c.b.text("、")
        if key == previous:
            c.b.keep(LAW, article)
        else:
            law(c, key, article)
        previous = key


def decide(c: Case, who: Person | Org, s: Sanction, laws: list[tuple[str, str]]) -> None:
    """``根据《…》第…条之规定，现决定对张三行政拘留十日，并处罚款五百元。``"""
    b = c.b
    b.text(c.pick(("根据", "依据", "依照")))
    laws_cited(c, laws)
    b.text(c.pick(("之规定，", "的规定，", "之规定，")))
    style = c.pick(("dui", "geiyu", "as_follows"), (50, 30, 20))
    b.text(
        c.pick(("现决定给予", "决定给予")) if style == "geiyu" else c.pick(("现决定对", "决定对"))
    )
    if isinstance(who, Person):
        name(c, who)
    else:
        b.keep(ORG, who.name)
    if style == "as_follows":
        b.text("作出如下处罚：")
    elif style == "dui":
        b.text(c.pick(("", "处以")))
    sanction_phrase(c, s)
    if s.detention_not_executed:
        b.text("。鉴于其系未成年人且系初次违反治安管理，依法不执行行政拘留处罚")
        b.line("。")
    elif style == "geiyu":
        b.line(c.pick(("的处罚。", "的行政处罚。")))
    elif style == "dui":
        b.line(c.pick(("。", "的处罚。")))
    else:
        b.line("。")


def rights_notice(c: Case, who: Person | Org, hearing: bool = False) -> None:
    b = c.b
    b.text(
        c.pick(
            (
                "本机关在作出处罚决定前，已告知",
                "在作出行政处罚决定前，本机关依法告知了",
                "处罚前已告知",
            )
        )
    )
    if isinstance(who, Person):
        name(c, who)
    else:
        b.text("该单位")
    b.text("拟作出行政处罚决定的事实、理由及依据，并告知其依法享有陈述和申辩")
    b.text("、要求听证的权利" if hearing else "的权利")
    b.text("，")
    if c.chance(0.6):
        if isinstance(who, Person):
            name(c, who)
        else:
            b.text("该单位")
        b.line(
            c.pick(
                ("未提出陈述和申辩。", "放弃陈述和申辩。", "提出的陈述申辩理由不成立，不予采纳。")
            )
        )
    else:
        b.line(
            c.pick(("其未提出陈述和申辩。", "其表示无异议。", "其在法定期限内未提出陈述、申辩。"))
        )


def execution(c: Case, s: Sanction, who: Person | None = None) -> None:
    """执行方式和期限: detention centre and dates, bank for the fine."""
    b = c.b
    if not (s.detention_days and not s.detention_not_executed) and not s.fine:
        return
    b.text(c.pick(("执行方式和期限：", "执行方式及期限：")))
    if s.detention_days and not s.detention_not_executed:
        start = c.decision_date
        end = start + dt.timedelta(days=s.detention_days - 1)
        b.text(f"{'行政拘留' if s.fine else ''}送{detention_centre(c.region, c.district)}执行")
        if c.chance(0.7):
            b.text(f"，拘留期限自{ymd(start)}起至{ymd(end)}止")
        b.text("；" if s.fine else "。")
    if s.fine:
        b.text(
            c.pick(
                (
                    "罚款由被处罚人自收到本决定书之日起十五日内到",
                    "被处罚人应当自收到本决定书之日起十五日内到",
                )
            )
        )
        b.text(
            c.pick((f"{c.region.bank}各营业网点", "中国工商银行各营业网点", "中国建设银行指定网点"))
        )
        b.text("缴纳")
        if c.chance(0.4):
            b.text("，或者通过非税收入缴款系统网上缴纳")
        b.text(
            c.pick(
                (
                    "。逾期不交纳罚款的，每日按罚款数额的百分之三加处罚款。",
                    "。到期不缴纳罚款的，每日按罚款数额的3%加处罚款。",
                    "。",
                )
            )
        )
    b.nl()


def notify_family(c: Case, p: Person) -> Person | None:
    """已将行政拘留决定通知被处罚人家属…"""
    if not c.chance(0.75):
        return None
    relation = c.pick(("妻子", "丈夫", "母亲", "父亲", "哥哥", "姐姐", "儿子", "女儿"))
    if relation == "妻子" and not p.male:
        relation = "丈夫"
    elif relation == "丈夫" and p.male:
        relation = "妻子"
    if relation in ("儿子", "女儿") and age_on(p.birth, c.act_date) < 42:
        relation = "弟弟"
    kin = c.relative(p, relation)
    b = c.b
    b.text(
        c.pick(
            (
                f"已于{ymd(c.decision_date)}将行政拘留决定通知被处罚人家属",
                "已将行政拘留决定通知被处罚人家属",
                "行政拘留决定已通知其家属",
            )
        )
    )
    b.person(kin)
    b.text(f"（{relation}")
    if c.chance(0.8):
        b.text(c.pick(("，联系电话：", "，电话", "，手机号："))).pii(
            PHONE, ids.mobile_written(c.rng, kin.phone)
        )
    b.line("）。")
    return kin


def review_bodies(c: Case) -> tuple[str, str]:
    """(superior organ, government) that review the agency's decisions before 2024."""
    r, d = c.region, c.district
    county = branch_bureau(r, d) if d.county_level else ""
    if c.agency_kind == "city":
        return (f"{r.province}公安厅" if r.province else "公安部"), r.city_government()
    if c.agency_kind in ("traffic", "exit") and not c.agency.startswith(county or "\0"):
        return r.city_bureau(), r.city_government()
    if c.agency_kind == "station":
        return branch_bureau(r, d), district_government(r, d)
    if county and c.agency != county:
        return county, district_government(r, d)
    return r.city_bureau(), district_government(r, d)


def appeal(c: Case) -> None:
    """Review and litigation: who reviews changed in 2024 (行政复议法 revised 2023)."""
    r, d, b = c.region, c.district, c.b
    superior, gov = review_bodies(c)
    days = c.pick(("六十日", "60日"))
    months = "六个月" if days == "六十日" else "6个月"
    b.text(
        c.pick(
            (
                "如不服本决定，可以在收到本决定书之日起",
                "被处罚人如不服本决定，可以在收到本决定书之日起",
                "如不服本决定，可在收到本决定书之日起",
            )
        )
    )
    b.text(f"{days}内向")
    if c.decision_date.year < 2024 and c.chance(0.85):
        if c.chance(0.5):
            b.keep(AGENCY, superior).text("或者").keep(GOVERNMENT, gov)
        else:
            b.keep(GOVERNMENT, gov).text("或者").keep(AGENCY, superior)
    else:
        b.keep(GOVERNMENT, gov)
    b.text(f"申请行政复议，或者在{months}内依法向")
    b.keep(COURT, court(c.rng, r, d))
    b.text("提起行政诉讼。")
    if c.chance(0.35):
        b.text("行政复议和行政诉讼期间，本决定不停止执行。")
    b.nl()


def footer(c: Case, seal: bool | None = None, delivery: bool | None = None) -> None:
    b = c.b
    if c.chance(0.5):
        b.line(c.pick(("附：无", "附：无", "附：扣押物品清单一份")))
    b.keep(AGENCY, c.agency)
    seal_text = c.pick(("（公安机关印章）", "（印章）", "（印）", ""))
    inline = c.chance(0.3) and seal_text
    if inline:
        b.text(seal_text)
    b.nl()
    if seal_text and not inline and c.chance(0.5):
        b.line(seal_text)
    b.keep(DATE, seal_date(c.decision_date) if c.chance(0.75) else ymd(c.decision_date)).nl()
    if delivery is None:
        delivery = c.chance(0.45)
    if delivery and c.party is not None:
        if c.chance(0.5):
            b.line("行政处罚决定书已向我宣告并送达。")
            b.line("被处罚人：（签名、捺指印）　　　　年　　月　　日")
        else:
            b.text(f"本决定书已于{ymd(c.decision_date)}向违法行为人")
            name(c, c.party)
            if c.guardian is not None:
                b.text("及其监护人").person(c.guardian)
            b.line("宣告并送达。")
    if c.chance(0.25):
        b.line("一式三份，被处罚人、执行单位各一份，一份附卷。")
    if c.chance(0.2):
        b.line(
            f"案件编号：A{c.district.code}{ids.digits(c.rng, 5)}"
            f"{c.decision_date:%Y%m}{ids.digits(c.rng, 4)}"
        )


def minor_mitigation(c: Case, p: Person) -> None:
    """Text that shows the party is a minor (not written when only the ID may tell)."""
    if not c.plan.minor or c.plan.mode == "id_only":
        return
    b = c.b
    b.text("鉴于")
    name(c, p)
    b.text(c.pick(("系已满十四周岁不满十八周岁的未成年人", "违法时未满十八周岁", "系未成年人")))
    b.line("，依法从轻处罚。" if c.chance(0.7) else "，且系初次违法，依法从轻处罚。")


def online_account(c: Case, p: Person, kind: str) -> None:
    """A social or payment account of ``p`` in one of its written forms."""
    b = c.b
    if kind == "wechat":
        b.text(c.pick(("微信号：", "微信号为", "微信号")))
        b.pii(WECHAT, p.extra.setdefault("wechat", ids.wechat_id(c.rng, p.handle)))
    elif kind == "qq":
        b.text(c.pick(("QQ号：", "QQ号码", "QQ：")))
        b.pii(QQ, p.extra.setdefault("qq", ids.qq(c.rng)))
    elif kind == "email":
        b.text(c.pick(("电子邮箱：", "邮箱", "电子邮件地址：")))
        b.pii(EMAIL, p.extra.setdefault("email", ids.email(c.rng, p.handle)))
    elif kind == "alipay":
        b.text(c.pick(("支付宝账号：", "支付宝登录账号：", "登录账号：")))
        if c.chance(0.5):
            b.pii(PHONE, p.phone)
        else:
            b.pii(EMAIL, p.extra.setdefault("email", ids.email(c.rng, p.handle)))
    elif kind == "nickname":
        b.text(c.pick(("昵称“", "网名“", "微信昵称“")))
        b.pii(ACCOUNT, p.extra.setdefault("nick", c.pick(NICKNAMES)))
        b.text("”")
    else:
        raise ValueError(kind)


NICKNAMES = (
    "夜行者", "追风少年", "阿杰-高薪兼职", "快乐每一天", "浪子回头", "小鱼儿", "孤独的狼",
    "南山南", "一路向北", "金牌代理", "安静的美男子", "淡然", "风中的承诺", "暴走萝莉",
    "老K", "兼职日结", "大鹏展翅", "A-刷单返利",
)  # fmt: skip
