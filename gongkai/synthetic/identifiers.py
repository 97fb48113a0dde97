"""Identifiers with valid check digits, and the many ways a decision writes them.

Values are valid where the real format has a checksum (resident ID, bank card by Luhn, VIN,
unified social credit code), so a redactor that validates checksums is not rewarded for
skipping invented numbers. The ``*_written`` helpers return the value as some clerk typed it
into the text: with spaces, dashes, ``+86``, full-width digits or a lower-case ``x``.
"""

from __future__ import annotations

import datetime as dt
import random
import string

from stdnum.cn import ric, uscc

from .pools import words

DIGITS = string.digits
UPPER_NO_IO = "ABCDEFGHJKLMNPQRSTUVWXYZ"
_FULLWIDTH = str.maketrans({c: chr(ord(c) + 0xFEE0) for c in string.digits + string.ascii_letters})


def fullwidth(value: str) -> str:
    """ASCII letters and digits to their full-width forms (``１３９…``)."""
    return value.translate(_FULLWIDTH)


def digits(rng: random.Random, n: int, first_nonzero: bool = False) -> str:
    head = rng.choice("123456789") if first_nonzero else rng.choice(DIGITS)
    return head + "".join(rng.choice(DIGITS) for _ in range(n - 1))


# --- resident identity card ------------------------------------------------------------
def resident_id(rng: random.Random, area_code: str, birth: dt.date, male: bool) -> str:
    """An 18-digit 公民身份号码 whose birth date, sex digit and check digit are consistent."""
    seq = rng.randrange(0, 100) * 10 + rng.choice((1, 3, 5, 7, 9) if male else (0, 2, 4, 6, 8))
    body = f"{area_code}{birth:%Y%m%d}{seq:03d}"
    return body + ric.calc_check_digit(body + "0")  # stdnum expects a placeholder digit


def old_resident_id(rng: random.Random, area_code: str, birth: dt.date, male: bool) -> str:
    """A 15-digit first-generation number (two-digit year, no check digit)."""
    seq = rng.randrange(0, 100) * 10 + rng.choice((1, 3, 5, 7, 9) if male else (0, 2, 4, 6, 8))
    return f"{area_code}{birth:%y%m%d}{seq:03d}"


def id_written(value: str, style: str) -> str:
    """How an ID number appears: plain, lower-case x, full-width, or spaced 6-8-4."""
    if style == "lower_x":
        return value.replace("X", "x")
    if style == "fullwidth":
        return fullwidth(value)
    if style == "spaced" and len(value) == 18:
        return f"{value[:6]} {value[6:14]} {value[14:]}"
    return value


# --- phones ---------------------------------------------------------------------------
MOBILE_PREFIXES = words(
    "130 131 132 133 134 135 136 137 138 139 147 "
    "150 151 152 153 155 156 157 158 159 166 172 "
    "173 175 176 177 178 180 181 182 183 184 185 "
    "186 187 188 189 191 193 198 199"
)


def mobile(rng: random.Random) -> str:
    return rng.choice(MOBILE_PREFIXES) + digits(rng, 8)


def mobile_written(rng: random.Random, value: str) -> str:
    style = rng.choices(
        ("plain", "dashes", "spaces", "plus86", "plus86_dash", "fullwidth"),
        weights=(70, 8, 7, 6, 3, 6),
    )[0]
    if style == "dashes":
        return f"{value[:3]}-{value[3:7]}-{value[7:]}"
    if style == "spaces":
        return f"{value[:3]} {value[3:7]} {value[7:]}"
    if style == "plus86":
        return rng.choice(("+86 ", "+86", "(+86)", "＋86 ")) + value
    if style == "plus86_dash":
        return f"+86-{value[:3]}-{value[3:7]}-{value[7:]}"
    if style == "fullwidth":
        return fullwidth(value)
    return value


def landline(rng: random.Random, area_code: str) -> str:
    """A fixed line with its area code, written in one of the usual ways."""
    local = digits(rng, 8 if len(area_code) <= 3 else rng.choice((7, 8)), first_nonzero=True)
    return rng.choice(
        (
            f"{area_code}-{local}",
            f"（{area_code}）{local}",
            f"{area_code} {local}",
            area_code + local,
        )
    )


# --- bank cards -----------------------------------------------------------------------
BANK_BINS = {
    "中国工商银行": ("622202", "621226", "620058"),
    "中国农业银行": ("622848", "622845", "103"),
    "中国建设银行": ("621700", "622700", "436742"),
    "中国银行": ("621661", "621785", "456351"),
    "中国邮政储蓄银行": ("621799", "622188"),
    "招商银行": ("622588", "621483"),
    "交通银行": ("622262", "601428"),
    "兴业银行": ("622909",),
    "农村信用社": ("621580", "623059"),
}


def luhn_check_digit(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def bank_card(rng: random.Random) -> tuple[str, str]:
    """(bank name, card number) with a valid Luhn digit, 16 to 19 digits long."""
    bank = rng.choice(sorted(BANK_BINS))
    bin_ = rng.choice(BANK_BINS[bank])
    length = rng.choice((16, 19, 19, 19, 17, 18)) if len(bin_) == 6 else 19
    body = bin_ + digits(rng, length - len(bin_) - 1)
    return bank, body + luhn_check_digit(body)


def card_written(rng: random.Random, value: str) -> str:
    if rng.random() < 0.2:
        return " ".join(value[i : i + 4] for i in range(0, len(value), 4))
    return value


def bank_account(rng: random.Random) -> str:
    """A corporate settlement account number (no public checksum)."""
    return digits(rng, rng.choice((12, 15, 17, 19, 20)), first_nonzero=True)


# --- vehicles ---------------------------------------------------------------------------
def plate(rng: random.Random, prefix: str) -> str:
    """A licence plate after ``prefix`` (e.g. ``豫C``): ordinary, new-energy or trailer."""
    kind = rng.choices(("ordinary", "nev_small", "nev_large", "trailer"), (78, 14, 4, 4))[0]
    if kind == "nev_small":
        tail = rng.choice("DF") + rng.choice(
            (digits(rng, 5), rng.choice(UPPER_NO_IO) + digits(rng, 4))
        )
    elif kind == "nev_large":
        tail = digits(rng, 5) + rng.choice("DF")
    elif kind == "trailer":
        tail = "".join(rng.choice(UPPER_NO_IO + DIGITS * 2) for _ in range(4)) + "挂"
    else:
        pool = UPPER_NO_IO + DIGITS * 3
        chars = [rng.choice(pool) for _ in range(5)]
        if sum(c.isalpha() for c in chars) > 2:
            chars = [c if c.isdigit() else rng.choice(DIGITS) for c in chars]
            chars[rng.randrange(5)] = rng.choice(UPPER_NO_IO)
        tail = "".join(chars)
    return prefix + tail


def plate_written(rng: random.Random, value: str) -> str:
    r = rng.random()
    if r < 0.08:
        return value[:2] + "·" + value[2:]
    if r < 0.12:
        return value[:2] + " " + value[2:]
    return value


_VIN_VALUES = {**{str(d): d for d in range(10)}}
_VIN_VALUES.update(zip("ABCDEFGH", range(1, 9), strict=True))
_VIN_VALUES.update(zip("JKLMN", range(1, 6), strict=True))
_VIN_VALUES.update({"P": 7, "R": 9})
_VIN_VALUES.update(zip("STUVWXYZ", range(2, 10), strict=True))
_VIN_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)
VIN_MAKERS = {
    "LSV": "大众",
    "LFV": "大众",
    "LSG": "别克",
    "LHG": "本田",
    "LVS": "福特",
    "LGB": "日产",
    "LBV": "宝马",
    "LGX": "比亚迪",
    "LNB": "北京",
    "LZW": "五菱",
}
_VIN_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ" + DIGITS


def vin(rng: random.Random, year_code: str | None = None) -> str:
    """A 17-character VIN with a correct ninth (check) character."""
    wmi = rng.choice(sorted(VIN_MAKERS))
    vds = "".join(rng.choice(_VIN_CHARS) for _ in range(5))
    year = year_code or rng.choice("DEFGHJKLMNPR")
    plant = rng.choice(_VIN_CHARS)
    serial = digits(rng, 6)
    partial = f"{wmi}{vds}0{year}{plant}{serial}"
    total = sum(_VIN_VALUES[c] * w for c, w in zip(partial, _VIN_WEIGHTS, strict=True))
    check = "X" if total % 11 == 10 else str(total % 11)
    return partial[:8] + check + partial[9:]


def driving_file_no(rng: random.Random, area_code: str) -> str:
    """驾驶证档案编号: twelve digits starting with the city code."""
    return area_code[:4] + digits(rng, 8)


# --- travel documents -------------------------------------------------------------------
def cn_passport(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return "E" + digits(rng, 8)
    return "E" + rng.choice(UPPER_NO_IO) + digits(rng, 7)


def hk_macau_permit(rng: random.Random, macau: bool = False) -> str:
    """港澳居民来往内地通行证 (回乡证): H/M + 8 digits, older cards 10."""
    return ("M" if macau else "H") + digits(rng, rng.choice((8, 8, 8, 10)))


def taiwan_permit(rng: random.Random) -> str:
    """台湾居民来往大陆通行证 (台胞证): eight digits."""
    return digits(rng, 8, first_nonzero=True)


def mainland_hk_permit(rng: random.Random) -> str:
    """往来港澳通行证 held by mainland residents."""
    return "C" + rng.choice(("", rng.choice(UPPER_NO_IO))) + digits(rng, 7) + rng.choice(("", "0"))


FOREIGN_PASSPORT_SHAPES = {
    "越南": lambda rng: rng.choice("BCN") + digits(rng, 7),
    "韩国": lambda rng: "M" + digits(rng, 8),
    "俄罗斯": lambda rng: digits(rng, 2, True) + rng.choice((" ", "")) + digits(rng, 7),
    "日本": lambda rng: "T" + rng.choice("KRZ") + digits(rng, 7),
    "美国": lambda rng: digits(rng, 9, True),
    "英国": lambda rng: digits(rng, 9, True),
    "缅甸": lambda rng: "M" + rng.choice("ABC") + digits(rng, 6),
    "老挝": lambda rng: "P" + digits(rng, 7),
    "巴基斯坦": lambda rng: "".join(rng.choice(UPPER_NO_IO) for _ in range(2)) + digits(rng, 7),
    "尼日利亚": lambda rng: "A" + digits(rng, 8),
}


def foreign_passport(rng: random.Random, country: str) -> str:
    return FOREIGN_PASSPORT_SHAPES[country](rng)


# --- online identities ---------------------------------------------------------------------
MAIL_DOMAINS = ("qq.com", "163.com", "126.com", "sina.com", "gmail.com", "hotmail.com", "139.com")


def email(rng: random.Random, handle: str) -> str:
    return f"{handle}@{rng.choice(MAIL_DOMAINS)}"


def qq(rng: random.Random) -> str:
    return digits(rng, rng.choice((6, 8, 9, 9, 10, 10, 10)), first_nonzero=True)


def wechat_id(rng: random.Random, handle: str) -> str:
    """A WeChat ID: starts with a letter; often a name handle with digits or ``wxid_…``."""
    if rng.random() < 0.2:
        return "wxid_" + "".join(rng.choice(string.ascii_lowercase + DIGITS) for _ in range(14))
    sep = rng.choice(("", "_", "-", ""))
    return f"{handle}{sep}{digits(rng, rng.choice((2, 4, 6)))}"


def ipv4(rng: random.Random) -> str:
    """A public IPv4 address (no private or reserved first octet)."""
    first = rng.choice((1, 14, 27, 36, 39, 42, 49, 58, 59, 60, 61, 101, 106, 110, 111, 112, 113,
                        114, 115, 116, 117, 118, 119, 120, 121, 122, 123, 124, 125, 171, 175, 180,
                        182, 183, 202, 210, 211, 218, 219, 220, 221, 222, 223))  # fmt: skip
    return f"{first}.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"


def ipv6(rng: random.Random) -> str:
    groups = ["240e", f"{rng.randrange(0x100, 0xFFF):x}"] + [
        f"{rng.randrange(0x10000):x}" for _ in range(4)
    ]
    return ":".join(groups) + "::" + f"{rng.randrange(1, 0xFFFF):x}"


# --- organisations ---------------------------------------------------------------------------
_ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_ORG_CHARS = uscc._alphabet  # GB 32100 leaves out I, O, S, V and Z


def _org_value(c: str) -> int:
    return int(c) if c.isdigit() else ord(c) - ord("A") + 10


def credit_code(rng: random.Random, area_code: str, kind: str = "91") -> str:
    """A unified social credit code (GB 32100) with both inner and outer check characters."""
    if rng.random() < 0.6:
        body = "MA" + "".join(rng.choice(_ORG_CHARS) for _ in range(6))
    else:
        body = digits(rng, 8)
    inner = 11 - sum(_org_value(c) * w for c, w in zip(body, _ORG_CODE_WEIGHTS, strict=True)) % 11
    inner_char = {10: "X", 11: "0"}.get(inner, str(inner))
    partial = f"{kind}{area_code}{body}{inner_char}"
    return partial + uscc.calc_check_digit(partial)
