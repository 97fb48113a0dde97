"""Labelled identifiers of no other kind: accounts, nicknames, licence file and property numbers."""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import Pattern

from gongkai.redaction import entities
from gongkai.redaction.recognizers.base import (
    ALNUM,
    DIGIT,
    NOT_ALNUM_AFTER,
    NOT_ALNUM_BEFORE,
    SEP,
    ChinesePatternRecognizer,
)

# Every pattern starts with its label (literal words the regex engine finds fast) and drops it
# from the match with \K, so the span covers the value only.
_LINK = "(?:为|是)?[：:\\s（(│|｜┃]{0,2}"  # a table's bar between label and value too
_TAIL = f"{_LINK}\\K"
_OPEN = "[“\"「『‘']"
_CLOSE = "[”\"」』’']"
_NOT_AMOUNT = "(?!\\s?[元万千亿])"

# Bank and corporate accounts: 账号, 账户, 对公账户, 银行账号, 收款账户… (and the 帐 variant).
_BANK_LABEL = f"(?:账号|帐号|账户|帐户)(?:号码|号)?{_TAIL}"
_BANK_VALUE = f"{DIGIT}(?:{SEP}?{DIGIT}){{7,29}}{NOT_ALNUM_AFTER}{_NOT_AMOUNT}"
# Letters, digits and the punctuation account names use; ends on a letter or digit.
_ACCOUNT_CHARS = "[0-9A-Za-z０-９Ａ-Ｚａ-ｚ_.@\\-]"
_ACCOUNT_END = "(?![0-9A-Za-z０-９Ａ-Ｚａ-ｚ_@\\-]|[.][0-9A-Za-z])"
_MIXED_VALUE = (
    f"(?={_ACCOUNT_CHARS}*?[A-Za-zＡ-Ｚａ-ｚ]){ALNUM}{_ACCOUNT_CHARS}{{2,38}}{ALNUM}{_ACCOUNT_END}"
)

# Platform accounts: the platform names the account, so shorter and all-digit values count.
_FOREIGN_PLATFORMS = ("Telegram", "TG", "Twitter", "Facebook", "Instagram", "WhatsApp", "Line")
# (注册号 alone is a business registration number, which stays readable: not a label here.)
_PLATFORM_LABEL = (
    "(?:(?:支付宝|抖音|快手|微博|淘宝|京东|拼多多|闲鱼|小红书|陌陌|探探|钉钉|哔哩哔哩|B站|斗鱼|虎牙"
    "|游戏|登录|注册|网络)(?:账号|帐号|账户|帐户|(?i:id))"
    "|(?:抖音|快手|微博|小红书|陌陌|钉钉|哔哩哔哩|B站|斗鱼|虎牙|视频|旺旺)号|(?<![A-Za-z])(?i:uid)"
    f"|(?<![A-Za-z])(?i:{'|'.join(_FOREIGN_PLATFORMS)})(?:账号|帐号|号|(?i:id)|(?=[：:]))"
    f"|(?:账号|帐号|账户|帐户|用户)名(?:称)?){_LINK}{_OPEN}?\\K"  # 抖音号“fengzi_88”
)
_PLATFORM_VALUE = f"{ALNUM}{_ACCOUNT_CHARS}{{2,38}}{ALNUM}{_ACCOUNT_END}{_NOT_AMOUNT}"

# A web address: a person's page, blog, code repository or one-person shop (个人主页
# https://www.instagram.com/…, 店铺地址https://shop587213694.taobao.com). Official sites stay.
_URL = "(?:[Hh][Tt][Tt][Pp][Ss]?://|[Ww][Ww][Ww]\\.)[0-9A-Za-z][0-9A-Za-z._~:/?#@!$&'*+=%\\-]*[0-9A-Za-z/]"
# …and one written without its scheme, with a path after the domain (weibo.com/u/7726305184)
_BARE_URL = (
    "(?<![0-9A-Za-z./@_-])(?:[0-9A-Za-z-]+\\.)+(?i:com|cn|net|org|top|cc|io|me|tv|xyz|info)"
    "/[0-9A-Za-z._~:/?#@!$&'*+=%\\-]*[0-9A-Za-z/]"
)
_PUBLIC_SITE = re.compile(
    "(?i:(?:https?://)?(?:[0-9a-z\\-]+\\.)*(?:gov\\.cn|gov|court\\.gov\\.cn|12123\\.com|12306\\.cn))"
    "(?:[/:?#]|$)"
)

# Driving licence file numbers (驾驶证档案编号) and property certificate numbers.
_FILE_LABEL = f"档案(?:编号|号码|号){_TAIL}"
_FILE_VALUE = f"{ALNUM}{{6,20}}{NOT_ALNUM_AFTER}"
_PROPERTY_LABEL = (
    "(?:不动产权证书?|不动产证书?|房产证|房屋所有权证|土地使用权证|机动车登记证书?)"
    f"(?:编号|号码|号){_TAIL}"
)
# Gun licences (持枪证号黑猎字第0012736号), dog licences (犬只登记证号京朝犬字第…号) and a drone's
# registration and serial numbers are written like certificates.
_LICENCE_LABEL = (
    "(?:持枪证|持枪许可证|枪支许可证|犬只登记证|养犬登记证|犬证|养犬证|实名登记|序列|保安员证"
    "|学习驾驶证明)"
    f"(?:编号|号码|号){_TAIL}"
)
# A phone's IMEI/MEID (14-17 digits, dashes or spaces between groups); several phones' numbers
# listed after one label (串号分别为353915…、867819…) are one span.
_IMEI_VALUE = "[0-9](?:[ \\-]?[0-9]){13,16}(?![0-9])"
_IMEI = (
    f"(?:(?i:imei|meid)|串号)(?:号|码)?(?:分别|依次)?{_TAIL}"
    f"{_IMEI_VALUE}(?:[、，,和及][ ]?{_IMEI_VALUE})*"
)
# A SIM card's ICCID (19-20 digits, the last one may be F).
_ICCID = f"(?i:iccid)(?:号|码)?{_TAIL}[0-9]{{18,20}}[Ff]?(?![0-9A-Za-z])"
# Numbers a person is known by in one institution or game: 学号, 工号, 会员号, 角色ID, 群号 (a QQ
# group the person runs).
_MEMBER_LABEL = (
    f"(?:学号|工号|会员号|会员卡号|角色(?i:id)|玩家(?i:id)|游戏(?i:id)|群号|群号码){_TAIL}"
)
_MEMBER_VALUE = f"{ALNUM}{{5,20}}{NOT_ALNUM_AFTER}{_NOT_AMOUNT}"
# A network card's MAC address: six hex pairs joined by one kind of separator.
_MAC = (
    "(?<![0-9A-Fa-f:\\-])[0-9A-Fa-f]{2}([:\\-])[0-9A-Fa-f]{2}(?:\\1[0-9A-Fa-f]{2}){4}"
    "(?![0-9A-Fa-f:\\-])"
)
# 对公账户　兴业银行福州鼓楼支行 1310 2010 0100 4872 65: the bank's name between label and number.
_BANK_NAME_BETWEEN = (
    "(?:账号|帐号|账户|帐户)[：:\\s]{0,3}[^\\s0-9０-９，,。；;]{2,20}?(?:银行|信用社)"
    "[^\\s0-9０-９，,。；;]{0,12}?[ \\u3000\\t]?\\K"
)
_PROPERTY_VALUE = (
    f'(?:[^\\s，。；;,、：:“”"]{{1,30}}?第?{DIGIT}{{3,20}}号'
    f"|{ALNUM}(?:{ALNUM}|[\\-－]){{3,30}}{NOT_ALNUM_AFTER}"
    f"|[\u4e00-\u9fff]{{1,3}}{DIGIT}{{6,20}}{NOT_ALNUM_AFTER})"  # 津保20170108633
)

# Nicknames: the quoted value after 昵称, 网名, 微信昵称, 用户名
# (昵称“夜行者”, 网名为“阿杰-高薪兼职”), or an unquoted one after 昵称：.
# 微博账号“春风十里不如你_1991”, 注册的账号“haige_toys88”: a quoted value after 账号 is the name
# the person goes by on the platform, whatever its characters.
# An online shop's name is its keeper's account too (淘宝店铺名称“浩哥模玩军品小铺”); a shop in
# the street is a venue and stays.
_NICK_LABEL = (
    "(?:昵称|网名|用户名|账号|帐号|账户名|帐户名"
    "|(?:(?:淘宝|天猫|京东|拼多多|闲鱼|抖音|快手|微)店铺?|网店)(?=名)"
    "|好友|网店|角色|游戏)"  # QQ好友“收卡老王”, 开设网店“逸游电竞工作室”, 角色名“星河不打烊”
    "(?:名称|名)?(?:为|是|叫)?"
)
_QUOTED_NICK = f"{_NICK_LABEL}[：:]?\\s?{_OPEN}\\K[^”\"」』’'\\n]{{1,30}}(?={_CLOSE})"
_PLAIN_NICK = f'(?:昵称|网名)[：:]\\K(?!{_OPEN})[^\\s，。；;,、）)“”"]{{1,20}}'


class AccountRecognizer(ChinesePatternRecognizer):
    """Values written right after a label that names them.

    The label is the evidence: each pattern starts with it and drops it from the match
    (``\\K``), so the span covers the value only; every labelled value scores 0.6, lifted to
    1.0 by the context word. Labels that name documents which must stay readable (案件编号,
    文书编号, 警号, equipment 编号, 注册号) are not labels here.
    """

    ENTITY = entities.ACCOUNT
    # The first word of every label: without one, no pattern is run.
    TRIGGER = re.compile(
        "账号|帐号|账户|帐户|用户|档案|不动产|房产证|房屋所有权证|土地使用权证|昵称|网名"
        "|支付宝|抖音|快手|微博|淘宝|京东|拼多多|闲鱼|小红书|陌陌|探探|钉钉|哔哩哔哩|B站|斗鱼|虎牙"
        "|视频号|旺旺|UID|uid|Uid|天猫|网店|微店|持枪证|持枪许可证|枪支许可证|游戏|登录|注册|网络"
        "|犬只登记证|养犬登记证|犬证|养犬证|实名登记|序列|保安员证|登记证|好友"
        "|IMEI|imei|MEID|meid|串号|MAC|mac|Mac|http|HTTP|Http|www|WWW|ICCID|iccid"
        "|\\.(?i:com|cn|net|org|top|cc|io|me|tv|xyz|info)/"
        "|学习驾驶证明"
        "|学号|工号|会员|角色|玩家|群号"
        + "".join(f"|{w}|{w.lower()}|{w.upper()}" for w in _FOREIGN_PLATFORMS)
    )
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("web address of a person's page (medium)", _URL, 0.6),
        Pattern("web address without its scheme (medium)", _BARE_URL, 0.6),
        # 支付宝账号（用户ID2088602147385527）: the number right after the letters
        Pattern(
            "user id (labelled, medium)", "用户(?i:id)[：:\\s]{0,2}\\K[0-9]{5,20}(?![0-9])", 0.6
        ),
        Pattern(
            "bank account digits after 账号/账户 (labelled, medium)",
            f"{_BANK_LABEL}{NOT_ALNUM_BEFORE}{_BANK_VALUE}",
            0.6,
        ),
        Pattern(
            "account name after 账号/账户 (labelled, medium)",
            f"{_BANK_LABEL}{NOT_ALNUM_BEFORE}@?{_MIXED_VALUE}",  # (账号@SGK_query_bot too)
            0.6,
        ),
        Pattern(
            "platform account (labelled, medium)",
            f"{_PLATFORM_LABEL}{NOT_ALNUM_BEFORE}@?{_PLATFORM_VALUE}",
            0.6,
        ),
        Pattern(
            "bank account after the bank's name (labelled, medium)",
            f"{_BANK_NAME_BETWEEN}{NOT_ALNUM_BEFORE}{_BANK_VALUE}",
            0.6,
        ),
        Pattern("phone IMEI (labelled, medium)", _IMEI, 0.6),
        Pattern("SIM card ICCID (labelled, medium)", _ICCID, 0.6),
        Pattern(
            "member, student or game number (labelled, medium)",
            f"{_MEMBER_LABEL}{NOT_ALNUM_BEFORE}{_MEMBER_VALUE}",
            0.6,
        ),
        Pattern("MAC address (medium)", _MAC, 0.6),
        Pattern(
            "driving licence file number (labelled, medium)",
            f"{_FILE_LABEL}{NOT_ALNUM_BEFORE}{_FILE_VALUE}",
            0.6,
        ),
        Pattern(
            "property certificate number (labelled, medium)",
            _PROPERTY_LABEL + _PROPERTY_VALUE,
            0.6,
        ),
        Pattern(
            "licence or registration number (labelled, medium)",
            _LICENCE_LABEL + _PROPERTY_VALUE,
            0.6,
        ),
        Pattern("quoted nickname (labelled, medium)", _QUOTED_NICK, 0.6),
        Pattern("nickname after colon (labelled, medium)", _PLAIN_NICK, 0.6),
    ]
    CONTEXT: ClassVar[list[str]] = [
        "对公账户",
        "账号",
        "帐号",
        "账户",
        "帐户",
        "抖音号",
        "快手号",
        "档案编号",
        "档案号",
        "不动产权证",
        "不动产证",
        "房产证",
        "房屋所有权证",
        "土地使用权证",
        "昵称",
        "网名",
        "用户名",
        "ID",
    ]

    def invalidate_result(self, pattern_text: str) -> bool:
        return len(set(pattern_text)) == 1 or _PUBLIC_SITE.match(pattern_text) is not None
