"""Organisations and business venues.

Penalised organisations stay readable with their credit code; venues (a KTV, a hotel, a
barbecue stall) stay readable too. A few venue names carry a founder's personal name, as real
chains do (张亮麻辣烫, 杨国福麻辣烫): they must survive although they look like names.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from . import identifiers as ids
from .places import Address, District, Region, street_address
from .pools import words

BRANDS = words(
    "澜星 禾丰 恒昌 鑫源 华晨 瑞丰 博远 金盛 宏达 新锐 天成 卓越 聚鑫 锦程 云帆 "
    "汇通 百川 腾跃 众合 诚信 永盛 佳和 嘉禾 东升 润泽 万通 海纳 启航 中元 鼎盛 "
    "兴隆 祥瑞"
)

INDUSTRIES = {
    "cyber": ("网络科技", "信息技术", "教育信息咨询", "数据服务", "电子商务"),
    "logistics": ("物流", "快递服务", "供应链管理", "货运代理"),
    "hotel": ("酒店管理", "宾馆", "商务酒店"),
    "entertainment": ("娱乐", "文化娱乐", "休闲娱乐"),
    "trade": ("商贸", "百货", "超市管理", "贸易"),
    "labour": ("人力资源", "劳务派遣", "建筑劳务", "家政服务"),
    "transport": ("运输", "汽车运输", "物流运输"),
    "restaurant": ("餐饮管理", "餐饮服务"),
    "netbar": ("网络", "网络文化", "网吧"),
}
FORMS = ("有限公司", "有限公司", "有限责任公司", "股份有限公司")


@dataclass(frozen=True)
class Org:
    name: str
    credit_code: str
    party_type: str  # legal_person / other_org
    address: Address
    phone: str
    venue: str | None = None  # the trading name, when the decision gives one


def org_name(rng: random.Random, region: Region, industry: str) -> tuple[str, str]:
    """(name, party_type); branches (分公司) and sole traders are ``other_org``."""
    city = region.city.removesuffix("市")
    city = city if len(city) <= 3 else region.city_short
    brand = rng.choice(BRANDS)
    trade = rng.choice(INDUSTRIES[industry])
    r = rng.random()
    if r < 0.12:
        return (
            f"{rng.choice(('深圳', '上海', '北京', '广州', '杭州'))}{brand}{trade}"
            f"有限公司{city}分公司",
            "other_org",
        )
    if r < 0.2:
        return f"{region.city}{brand}{trade}服务部", "other_org"
    return f"{city}{brand}{trade}{rng.choice(FORMS)}", "legal_person"


def make_org(rng: random.Random, region: Region, district: District, industry: str) -> Org:
    name, party_type = org_name(rng, region, industry)
    kind = "91" if party_type == "legal_person" else rng.choice(("91", "92"))
    base = street_address(rng, region, district)
    detail = base.detail
    if rng.random() < 0.5:
        detail = f"{rng.choice(region.streets)}{rng.randint(1, 300)}号" + rng.choice(
            ("", f"{rng.randint(1, 30)}层{rng.randint(1, 30):02d}室", "1幢负一层至二层", "商铺")
        )
    return Org(
        name=name,
        credit_code=ids.credit_code(rng, district.code, kind),
        party_type=party_type,
        address=Address(base.province, base.city, base.district, detail),
        phone=ids.landline(rng, region.area_code) if rng.random() < 0.6 else ids.mobile(rng),
    )


VENUES = {
    "ktv": ("金海岸KTV", "名爵量贩式KTV", "星光大道KTV", "魅力四射KTV", "唱吧麦颂KTV", "钱柜KTV"),
    "massage": ("悦心足疗养生馆", "舒心阁足浴", "足道天下养生会所", "清风沐足", "康乐源推拿馆"),
    "hotel": ("如家快捷酒店", "汉庭酒店", "7天连锁酒店", "锦江之星", "格林豪泰酒店", "速8酒店",
              "鑫源宾馆", "温馨家庭旅馆", "平安招待所", "悦来客栈"),
    "restaurant": ("老街坊烧烤", "张亮麻辣烫", "杨国福麻辣烫", "兄弟烧烤", "胖哥俩肉蟹煲",
                   "老王羊肉汤", "川味小厨", "东北饺子馆", "夜宵大排档", "金鼎火锅"),
    "shop": ("好又多超市", "永辉超市", "华联超市", "便民小卖部", "鑫鑫手机店", "名品烟酒店"),
    "netbar": ("极速网咖", "星际网吧", "网鱼网咖", "英雄联盟电竞馆", "天天网吧"),
    "chess": ("棋牌室", "老年活动室", "茶楼"),
}  # fmt: skip


def venue(rng: random.Random, kind: str, district: District | None = None) -> str:
    name = rng.choice(VENUES[kind])
    if kind == "chess":
        return rng.choice(("金牌", "好运来", "开心", "悠闲", "和顺")) + name
    if kind == "hotel" and name.endswith("酒店") and district and rng.random() < 0.4:
        return f"{name}（{district.stem}{rng.choice(('火车站', '万达', '人民路', '步行街'))}店）"
    return name
