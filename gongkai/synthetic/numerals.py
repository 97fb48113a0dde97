"""Chinese numerals, dates and money as decisions write them.

Decisions mix Arabic digits (``500元``, ``2023年3月16日``) with Chinese numerals (``五百元``,
``行政拘留十日``), financial capitals (``贰佰元整``) and the seal-date form
(``二〇二三年三月十七日``).
"""

from __future__ import annotations

import datetime as dt

_DIGITS = "零一二三四五六七八九"
_CAPITAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_SMALL_UNITS = ("", "十", "百", "千")
_CAPITAL_UNITS = ("", "拾", "佰", "仟")


def _below_10000(n: int, digits: str, units: tuple[str, ...], zero_ok: bool) -> str:
    out = []
    pending_zero = False
    for power in (3, 2, 1, 0):
        d = (n // 10**power) % 10
        if d == 0:
            if out:
                pending_zero = True
            continue
        if pending_zero or (zero_ok and not out and power < 3):
            out.append(digits[0])
        pending_zero = False
        out.append(digits[d] + units[power])
    return "".join(out)


def _number(n: int, digits: str, units: tuple[str, ...]) -> str:
    if n == 0:
        return digits[0]
    if n < 0:
        raise ValueError(n)
    high, low = divmod(n, 10000)
    if high == 0:
        text = _below_10000(low, digits, units, zero_ok=False)
    else:
        text = _below_10000(high, digits, units, zero_ok=False) + "万"
        if low:
            text += _below_10000(low, digits, units, zero_ok=low < 1000)
    return text


def cn_int(n: int) -> str:
    """``15`` → ``十五``, ``2600`` → ``二千六百``, as in ``行政拘留十五日``."""
    text = _number(n, _DIGITS, _SMALL_UNITS)
    return text[1:] if text.startswith("一十") else text


def capital_yuan(n: int) -> str:
    """Financial capitals: ``12450`` → ``壹万贰仟肆佰伍拾元整``."""
    return _number(n, _CAPITAL_DIGITS, _CAPITAL_UNITS) + "元整"


def seal_date(d: dt.date) -> str:
    """The date under the seal: ``二〇二三年三月十七日``."""
    year = "".join("〇一二三四五六七八九"[int(c)] for c in str(d.year))
    return f"{year}年{cn_int(d.month)}月{cn_int(d.day)}日"


def ymd(d: dt.date, padded: bool = False) -> str:
    """``2023年3月17日`` (or ``2023年03月17日`` as some systems print it)."""
    if padded:
        return f"{d.year}年{d.month:02d}月{d.day:02d}日"
    return f"{d.year}年{d.month}月{d.day}日"


def age_on(birth: dt.date, day: dt.date) -> int:
    """Completed years of age on ``day`` (the birthday itself counts)."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))
