"""The kinds of personal data Gongkai removes, and the placeholder each becomes.

Entity names are Presidio entity types. Persons get pseudonyms (see ``pseudonyms.py``);
every other kind becomes a typed placeholder, so a reader still sees *what* was removed.
"""

from __future__ import annotations

PERSON = "PERSON"
ID_NUMBER = "CN_RESIDENT_ID"
PHONE = "PHONE_NUMBER"
BANK_CARD = "BANK_CARD"
PLATE = "LICENCE_PLATE"
TRAVEL_DOC = "TRAVEL_DOCUMENT"
EMAIL = "EMAIL_ADDRESS"
QQ = "QQ_NUMBER"
WECHAT = "WECHAT_ID"
IP_ADDRESS = "IP_ADDRESS"
VIN = "VIN"
ADDRESS = "ADDRESS"
BIRTH_DATE = "BIRTH_DATE"
ACCOUNT = "ACCOUNT"  # bank accounts, payment/social accounts, nicknames, licence file numbers
HEALTH = "HEALTH"  # diagnoses, pregnancies, sensitive conditions

PLACEHOLDERS: dict[str, str] = {
    ID_NUMBER: "【身份证号】",
    PHONE: "【电话号码】",
    BANK_CARD: "【银行卡号】",
    PLATE: "【车牌号】",
    TRAVEL_DOC: "【证件号码】",
    EMAIL: "【电子邮箱】",
    QQ: "【QQ号】",
    WECHAT: "【微信号】",
    IP_ADDRESS: "【IP地址】",
    VIN: "【车辆识别代号】",
    ADDRESS: "【详细地址】",
    BIRTH_DATE: "【出生日期】",
    ACCOUNT: "【账号】",
    HEALTH: "【健康信息】",
}

IDENTIFIER_TYPES: frozenset[str] = frozenset(PLACEHOLDERS) - {ADDRESS, BIRTH_DATE, HEALTH}
ALL_TYPES: frozenset[str] = frozenset(PLACEHOLDERS) | {PERSON}


def placeholder(entity_type: str) -> str:
    """Typed placeholder for a non-person entity (unknown kinds fail closed to a generic one)."""
    return PLACEHOLDERS.get(entity_type, "【已删除】")
