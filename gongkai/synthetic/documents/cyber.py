"""Network-security and telecom-fraud decisions: accounts, cards, IP addresses everywhere."""

from __future__ import annotations

from gongkai.redaction.entities import (
    ACCOUNT,
    BANK_CARD,
    EMAIL,
    ID_NUMBER,
    IP_ADDRESS,
    PHONE,
    WECHAT,
)

from .. import identifiers as ids
from ..builder import ORG, PLACE, VENUE
from ..numerals import cn_int, ymd
from ..orgs import make_org, venue
from ..places import ELSEWHERE
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
    online_account,
    org_block,
    party_block,
    place,
    rights_notice,
    set_agency,
)


def _evidence_list(c: Case, items: list) -> None:
    """``上述事实有以下证据证实：`` followed by a numbered list (items may name people)."""
    b = c.b
    b.line(c.pick(("上述事实有以下证据证实：", "认定上述事实的证据如下：")))
    for i, item in enumerate(items, 1):
        b.text(f"{i}. " if c.chance(0.6) else f"{cn_int(i)}、")
        if callable(item):
            item()
        else:
            b.text(item)
        b.line("；" if i < len(items) else "。")


@template("cyber_data_org", weight=3, party="org", law="网络安全法", gap=(30, 120))
def data_org(c: Case) -> None:
    """An organisation sold personal data: staff, buyers, accounts; fine a multiple of gains."""
    org = make_org(c.rng, c.region, c.district, "cyber")
    c.org = org
    gains = c.pick((4150, 6800, 12000, 23500, 3600))
    times = c.pick((1, 2, 3, 5))
    s = Sanction(confiscate_gains=gains, fine=gains * times)
    set_agency(c, "city")
    c.violation_type = "非法出售公民个人信息"
    c.legal_basis = basis(("网络安全", "第四十四条"), ("网络安全", "第六十四条第二款"))
    c.sanction = s
    b = c.b
    header(c)
    rep = org_block(c, org)
    manager = c.person(min_age=25, max_age=45)
    buyer = c.person()
    b.text("现查明：" + ymd(c.day_before(c.act_date, 90, 300)) + "至" + ymd(c.act_date) + "期间，")
    b.keep(ORG, org.name)
    b.text("在开展业务过程中，经" + c.pick(("法定代表人", "负责人")))
    name(c, rep)
    b.text("同意，由该公司" + c.pick(("市场部经理", "运营主管", "客服主管")))
    name(c, manager)
    b.text("具体负责，将收集的客户个人信息（包括姓名、手机号码、家庭住址等）整理成电子表格，通过")
    name(c, manager)
    b.text("使用的微信（")
    online_account(c, manager, "wechat")
    b.text("）和该公司QQ（")
    online_account(c, manager, "qq")
    b.text(f"）出售给他人，共计出售公民个人信息{c.between(800, 9000)}条，违法所得")
    money(c, gains, "rmb_arabic")
    b.text("。上述款项转入该公司对公账户（账号：").pii(ACCOUNT, ids.bank_account(c.rng))
    b.text("）和")
    name(c, manager)
    b.text("个人支付宝账户（")
    online_account(c, manager, "alipay")
    b.line("）。")
    _evidence_list(
        c,
        [
            "该公司营业执照、法定代表人身份证明书等书证",
            lambda: (name(c, rep), b.text("、"), name(c, manager), b.text("的询问笔录")),
            lambda: (b.text("购买方人员"), name(c, buyer), b.text("的证人证言")),
            "电子数据检查笔录、电子数据提取固定清单",
            "银行账户交易明细",
        ],
    )
    rights_notice(c, org, hearing=True)
    b.text("本机关认为，")
    b.keep(ORG, org.name)
    b.text("非法出售公民个人信息，尚不构成犯罪，其行为违反了")
    law(c, "网络安全", "第四十四条")
    b.text("之规定。根据")
    law(c, "网络安全", "第六十四条第二款")
    b.text("之规定，现决定对")
    b.keep(ORG, org.name)
    b.line("作出如下行政处罚：")
    b.text("一、没收违法所得")
    money(c, gains, "capital")
    b.line("；")
    b.text(f"二、处违法所得{cn_int(times)}倍罚款，即")
    money(c, gains * times, "capital")
    b.line("。")
    b.line("执行方式和期限：被处罚单位应当自收到本决定书之日起十五日内，将上述罚没款缴至指定银行。")
    appeal(c)
    footer(c, delivery=False)


@template(
    "cyber_attack", weight=2.5, law="网络安全法", minor_ok=True, gap=(10, 90), exact_act_date=False
)
def attack(c: Case) -> None:
    """从事危害网络安全的活动 (DDoS for hire): IP addresses, QQ, e-mail, payment accounts."""
    party = c.new_party(min_age=18, max_age=35)
    client = c.person()
    gains = c.pick((800, 1500, 3200, 6000))
    s = Sanction(confiscate_gains=gains, detention_days=c.between(1, 5))
    if c.plan.minor:
        s = Sanction(confiscate_gains=gains, warning=True)
    elif c.chance(0.5):
        s.fine = c.pick((50000, 60000, 100000))
    set_agency(c, c.pick(("city", "branch")))
    c.violation_type = "从事危害网络安全的活动"
    c.legal_basis = basis(("网络安全", "第二十七条"), ("网络安全", "第六十三条第一款"))
    c.sanction = s
    b = c.b
    header(c)
    party_block(c, party)
    b.text("现查明：" + ymd(c.day_before(c.act_date, 20, 120)) + "至" + ymd(c.act_date) + "期间，")
    name(c, party)
    b.text("通过QQ（")
    online_account(c, party, "qq")
    b.text("）接受")
    name(c, client)
    b.text("委托，使用其租用的境外服务器对某游戏公司服务器（IP地址：" + ids.ipv4(c.rng) + "）")
    b.text(f"发起流量攻击共计{c.between(6, 60)}次，致该服务器多次中断服务。")
    b.text("经查，")
    name(c, party)
    b.text("登录攻击平台使用的IP地址为")
    b.pii(IP_ADDRESS, ids.ipv4(c.rng))
    b.text("、").pii(IP_ADDRESS, ids.ipv4(c.rng) if c.chance(0.7) else ids.ipv6(c.rng))
    b.text("，注册邮箱为")
    b.pii(EMAIL, ids.email(c.rng, party.handle))
    b.text("，攻击费用通过支付宝（")
    online_account(c, party, "alipay")
    b.text("）收取，违法所得")
    money(c, gains)
    b.line("。")
    b.text("以上事实有")
    name(c, party)
    b.text("的陈述和申辩，")
    name(c, client)
    b.line("的证言，电子数据检查笔录，服务器日志，支付记录等证据证实。")
    rights_notice(c, party)
    minor_mitigation(c, party)
    decide(c, party, s, [("网络安全", "第二十七条"), ("网络安全", "第六十三条第一款")])
    execution(c, s, party)
    appeal(c)
    footer(c)


@template("cyber_netbar_org", weight=2.5, party="org", law="网络安全法", gap=(5, 40))
def netbar_org(c: Case) -> None:
    """网吧 failed to verify users' identities: customers with their (borrowed) ID numbers."""
    org = make_org(c.rng, c.region, c.district, "netbar")
    shop = venue(c.rng, "netbar")
    org = type(org)(org.name, org.credit_code, org.party_type, org.address, org.phone, shop)
    c.org = org
    users = [c.person(min_age=18, max_age=30) for _ in range(c.between(1, 3))]
    s = Sanction(warning=True)
    if c.chance(0.6):
        s.fine = c.pick((50000, 60000, 80000))
    set_agency(c, c.pick(("branch", "city")))
    c.violation_type = "网络运营者未要求用户提供真实身份信息"
    c.legal_basis = basis(("网络安全", "第二十四条第一款"), ("网络安全", "第六十一条"))
    c.sanction = s
    b = c.b
    header(c)
    org_block(c, org)
    clerk = c.person(min_age=19, max_age=35)
    b.text("现查明：" + clock(c, c.act_date) + "，民警对位于")
    place(c)
    b.text("的“").keep(VENUE, shop).text("”开展检查，发现该场所网管")
    name(c, clerk)
    b.text("为上网人员")
    for i, u in enumerate(users):
        if i:
            b.text("、")
        name(c, u)
    b.text("开设上网账号时，未核对其有效身份证件，使用他人身份证号码")
    lender = c.person(kind="han")
    b.pii(ID_NUMBER, lender.id_number or "")
    b.text("（登记人")
    name(c, lender)
    b.text(f"）登记上网，且该场所上网日志仅留存{c.between(7, 40)}日。")
    b.nl()
    b.text("以上事实有")
    name(c, clerk)
    b.text("的陈述，上网人员")
    name(c, users[0])
    b.line("的证言，上网实名登记系统记录，现场检查笔录等证据证实。")
    rights_notice(c, org)
    decide(c, org, s, [("网络安全", "第六十一条")])
    appeal(c)
    footer(c, delivery=False)


@template("telecom_card_rental", weight=4, law="反电信网络诈骗法", minor_ok=True, gap=(20, 90))
def card_rental(c: Case) -> None:
    """出租、出借银行卡和支付账户 (often students): cards, WeChat, QQ, a fraud victim elsewhere."""
    party = c.new_party(min_age=18, max_age=40)
    friend = c.person(min_age=16, max_age=30)
    victim = c.person()
    gains = c.pick((400, 800, 1200, 2000, 3000))
    s = Sanction(confiscate_gains=gains, fine=c.pick((2000, 3000, 5000, 10000)))
    if not c.plan.minor and c.chance(0.2):
        s.detention_days = c.between(5, 15)
    set_agency(c, "branch")
    c.violation_type = "非法出租、出借银行账户和支付账户"
    laws = [("反诈", "第三十一条第一款"), ("反诈", "第四十四条")]
    if c.plan.minor:
        laws.append(("处罚法", "第三十条"))
    c.legal_basis = basis(*laws)
    c.sanction = s
    b = c.b
    header(c)
    party_block(c, party)
    b.text("现查明：" + ymd(c.act_date) + "，")
    name(c, party)
    b.text("经" + c.pick(("同学", "朋友", "老乡")))
    name(c, friend)
    b.text("介绍，通过QQ（")
    online_account(c, party, "qq")
    b.text("，")
    online_account(c, party, "nickname")
    b.text("）与网名为“").pii(ACCOUNT, c.pick(("阿杰-高薪兼职", "老K", "兼职日结", "金牌代理")))
    b.text(
        f"”的男子（身份不明，另案处理）取得联系，"
        f"以每张卡{c.pick((300, 400, 500))}元的价格，将其本人名下的"
    )
    bank1, card1 = ids.bank_card(c.rng)
    b.text(f"{bank1}借记卡（卡号：").pii(BANK_CARD, ids.card_written(c.rng, card1)).text("）")
    if c.chance(0.6):
        bank2, card2 = ids.bank_card(c.rng)
        b.text(f"、{bank2}借记卡（卡号：").pii(BANK_CARD, card2).text("）")
    b.text("连同密码、U盾出租给对方使用，并将本人实名认证的微信账号（")
    online_account(c, party, "wechat")
    b.text("）出借给对方使用，共获利")
    money(c, gains, "rmb_cn")
    b.text(
        "。经查，上述银行卡共计流入资金人民币"
        + f"{c.between(3, 90)}.{c.between(1, 9)}万元，其中部分系"
    )
    province, city, county, _ = c.pick(ELSEWHERE)
    b.keep(PLACE, f"{province}{city}{county}")
    b.text("被害人")
    name(c, victim)
    b.line("被电信网络诈骗的资金。")
    b.text("以上事实有违法行为人")
    name(c, party)
    b.text("的陈述和申辩" + ("（询问时其监护人" if c.plan.minor and c.guardian else ""))
    if c.plan.minor and c.guardian:
        name(c, c.guardian)
        b.text("在场）")
    b.text("，被害人")
    name(c, victim)
    b.text("的陈述及报案材料，证人")
    name(c, friend)
    b.line("的证言，银行账户交易明细等证据证实。")
    rights_notice(c, party)
    minor_mitigation(c, party)
    decide(c, party, s, laws[1:])
    execution(c, s, party)
    appeal(c)
    footer(c)


@template("telecom_sim_sale", weight=2.5, law="反电信网络诈骗法", minor_ok=True, gap=(10, 60))
def sim_sale(c: Case) -> None:
    """出售电话卡: the party's own SIM numbers (personal data) and the buyer's WeChat."""
    party = c.new_party(min_age=18, max_age=50)
    numbers = [ids.mobile(c.rng) for _ in range(c.between(2, 4))]
    gains = 150 * len(numbers)
    s = Sanction(confiscate_gains=gains, fine=c.pick((2000, 5000, 8000)))
    set_agency(c, "branch")
    c.violation_type = "非法买卖电话卡"
    c.legal_basis = basis(("反诈", "第三十一条第一款"), ("反诈", "第四十四条"))
    c.sanction = s
    b = c.b
    header(c)
    party_block(c, party)
    b.text("现查明：" + ymd(c.act_date) + "，")
    name(c, party)
    b.text("在")
    place(c)
    b.text(f"以本人身份信息办理手机卡{cn_int(len(numbers))}张（号码分别为")
    for i, number in enumerate(numbers):
        if i:
            b.text("、")
        b.pii(PHONE, number)
    b.text("），以每张一百五十元的价格出售给微信号为")
    b.pii(WECHAT, ids.wechat_id(c.rng, c.pick(("ka", "sim", "dx")) + ids.digits(c.rng, 2)))
    b.text("的人员，获利")
    money(c, gains)
    b.text("。其中号码")
    b.pii(PHONE, ids.mobile_written(c.rng, numbers[0]))
    b.line("被用于实施电信网络诈骗。")
    b.text("以上事实有")
    name(c, party)
    b.line("的陈述和申辩，电话卡开户信息，微信聊天记录，通话详单等证据证实。")
    rights_notice(c, party)
    minor_mitigation(c, party)
    decide(c, party, s, [("反诈", "第四十四条")])
    execution(c, s, party)
    appeal(c)
    footer(c)
