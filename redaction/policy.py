"""Which decisions may not be published at all (``shared/domain.md``: withheld for content).

Each rule returns a :class:`Withholding` naming the rule and its legal basis, or nothing.
Policy choices (as opposed to settled law) are settings in :class:`PolicySettings`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from gongkai.redaction.dates import DATE_SCAN_RE, chinese_number, parse_date_parts, youngest_age
from gongkai.redaction.names import find_all, segmenter, surname_at
from gongkai.redaction.recognizers.known_values import find_spaced, party_name_parts
from gongkai.redaction.record import DecisionRecord
from gongkai.redaction.result import Withholding
from gongkai.redaction.roles import role_ends_at
from gongkai.redaction.text import fold

# Precedence of reasons when several apply: the first one is reported as `withhold_reason`.
REASON_ORDER = ("not_effective", "confidential", "minor", "summary_procedure", "leak_guard")

STATUS_LABELS = {
    "changed": "已变更",
    "revoked": "已撤销",
    "confirmed_illegal": "已被确认违法",
    "confirmed_void": "已被确认无效",
}


@dataclass(frozen=True)
class PolicySettings:
    adult_age: int = 18  # 未成年人保护法 art. 2
    withhold_summary_procedure: bool = True
    party_paragraph_chars: int = 320


_FACTS_MARKER = re.compile(r"现查明|经查明|经查|查明|经调查|违法事实")
_FACTS_START = re.compile(r"[。\n](?=[ \u3000]*(?:[0-9]{4}|[一二][〇零○一二三四五六七八九]{3})年)")
_PARTY_LABEL = re.compile(r"违法行为人|被处罚人|违法嫌疑人|当事人|姓名")
_DATE_RE = DATE_SCAN_RE
_AGE_RE = regex.compile(
    r"(?=[0-9０-９一二三四五六七八九十])(?<![0-9０-９])"
    r"([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})[ ]?周?岁"
)
# (The literal 时 first, then what stands before it: scanned as fast as a word search.)
_AGE_AT_THE_ACT = re.compile(
    r"时(?:(?<=案发时)|(?<=作案时)|(?<=违法时)|(?<=行为时)|(?<=事发时)|(?<=发生时))[，, ]?"
    r"(?:年仅|年龄为?|仅|才|只有|已满|刚满|年满)?"
    r"([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})[ ]?周?岁"
)
# The words for the person the act harmed, in every rule that tells someone else apart.
_VICTIMS = "被侵害人|受害人|被害人|被骗人|被打人"
# A child or younger relative, named as such (其女儿, 之子, 侄女).
_RELATIVES = "女儿|儿子|之子|之女|其子|其女|外孙女|外孙|孙子|孙女|侄子|侄女|弟弟|妹妹"
# 其女儿陈小红（14岁）: a relative named, then the relative's age in brackets.
_A_RELATIVES_AGE = re.compile(
    f"(?P<relation>{_RELATIVES}|外孙|外孙女)"
    "(?P<name>[\u3400-\u9fff]{0,4})[（(][男女，,、 ]{0,3}$"
)
_BIRTH_CUE_BEFORE = re.compile(
    r"(?:出生日期|出生年月日?|生日|生于|出生于)(?:为|是)?[：: ]*$"
    # 张某，男，2008年11月3日，汉族: the party's list right after the gender
    r"|(?:^|[，,、\t│|｜ ])[男女]性?(?:[，,、][ ]?|[ \t│|｜]{1,4})$"
)
# A table's column headed 出生日期 (姓名<tab>性别<tab>出生日期 over 隋佳乐<tab>男<tab>2008.11.3).
_BIRTH_HEADER = re.compile(r"出生日期|出生年月日?|出生时间|生日")
_TABLE_CELLS = re.compile(r"[ ]*(?:[\t│|｜]|[ ]{2,})[ ]*")
# 莫俊杰的出生日期为…, 莫俊杰实际出生日期是…: what follows the party's name before a birth date
_PARTYS_BIRTH_AFTER_NAME = re.compile(
    r"(?:的|之)?(?:实际|真实)?(?:出生日期|出生时间|出生年月日?|生日)"
    r"(?:应|实)?(?:为|是|系|：|:)?[ ]*"
)
_SHORT_YEAR_BIRTH = re.compile(
    r"(?:生于|出生于|出生日期[：:]?|出生年月[：:]?)[ ]*(?<![0-9])([0-9]{2})年"
    r"([0-9]{1,2})月(?:([0-9]{1,2})日)?"
)
_NOMINAL_AGE = re.compile(r"虚岁[ ]?([0-9]{1,2}|[一二三四五六七八九十]{1,3})")
_BORN_ON = re.compile(r"(?:于|系|是|在)?[ ]*")
_BIRTH_CUE_AFTER = re.compile(r"^[ ]*(?:出生|生)")
# An ID number in the text, possibly spaced, dashed or broken by a line (410311 20070305 0512).
# (Starts with a digit, then checks the character before it: scanned far faster than a pattern
# that starts with a lookbehind.)
_ID_RE = re.compile(
    r"[0-9](?<![0-9].)"
    r"(?:(?:[ \-\n]?[0-9]){16}[ \-\n]?[0-9x](?![0-9])|(?:[ \-\n]?[0-9]){14}(?![0-9x]))"
)
_MINOR_PHRASES = regex.compile(
    # (not in a law's title: 《中华人民共和国未成年人保护法》, 预防未成年人犯罪法)
    r"(?<!预防)未成年(?!人保护法|人犯罪法)"
    r"|(?:未年?满|不满)(?:十八|18)周?岁|(?:已满|年满)(?:十四|十六|14|16)周?岁(?:不满|未满)(?:十八|18)"
)
# What the party did *to* a minor (出借给未满十八周岁的…, 带领未成年人…, 参赌人员中有2名未成年人):
# the phrase then names someone else. Anything else keeps the decision withheld (fail closed).
_OBJECT_VERB = (
    r"(?:给(?!予)|向|带领|容留|接纳|接待|招用|雇用|雇佣|允许|中有|现场有|[0-9０-９一二两三四五六七八九十]名"
    r"|教唆|胁迫|引诱|诱骗|诱使|唆使|拉拢|强迫|欺骗|拐骗|收留|留宿|殴打|猥亵|侵害"
    r"|组织|介绍|出售给|出借给|出租给|提供给)"
)
_MINORS_AS_TARGETS = re.compile("以未成年人?(?:为|作为)[^。；;，,]{0,8}对象")
_OBJECT_OF_THE_ACT = re.compile(_OBJECT_VERB + r"[ \u3000]?$")
# 郑宇航年仅十七岁, 年方16岁: an age stressed as young, told anywhere in the decision.
_YOUNG_AGE = re.compile(
    r"(?:年仅|时年仅?|年方|仅有|只有|刚满|才满)"
    r"([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})[ ]?周?岁(?!以下|以上|以内)"
)
# 其女儿年仅5岁, 被侵害人年仅十五岁, 向年仅15岁的王某: the words before name someone else.
_SOMEONE_ELSE_BEFORE = re.compile(
    _OBJECT_VERB + f"|(?:{_RELATIVES}|同学|同伴|孩子|小孩|男孩|女孩|{_VICTIMS})"
)


# 唐一诺系未成年人, 明知胡小龙未满十八周岁: a named person is said to be a minor. Someone else
# only when the words before (系) end with a name the decision introduces elsewhere with a
# bracket (唐一诺（女，…）) that is not the party's; anything else (该男孩系, 案发时系, 刘某某系)
# keeps the decision withheld.
# 韩子豪（2012年4月3日出生）系未成年人: the name before the bracket
_NAMED_MINOR_AFTER_BRACKET = re.compile(
    r"([\u4e00-\u9fff]{2,4})[（(][^（()）\n]{1,40}[）)](?:系|是|为|属)[ \u3000]?$"
)
_NAMED_MINOR = re.compile(r"([\u4e00-\u9fff]{2,12}?)(?:系|是|为|属)?[ \u3000]?$")
_PARTY_WORDS = ("违法行为人", "当事人", "被处罚人", "行为人", "该人", "本人", "该男子", "该女子")


def _about_someone_else(text: str, at: int, party_names: Sequence[str] = ()) -> bool:
    if _OBJECT_OF_THE_ACT.search(text, max(0, at - 6), at) is not None:
        return True
    if _MINORS_AS_TARGETS.match(text, max(0, at - 1)):
        return True  # 鉴于邓宇航以未成年人为诈骗对象: the people the party targeted
    if _in_someone_elses_bracket(text, at, party_names):
        return True
    if _a_relative_named_at_the_sentence_start(text, at, party_names):
        return True
    named = _NAMED_MINOR_AFTER_BRACKET.search(text, max(0, at - 60), at) or _NAMED_MINOR.search(
        text, max(0, at - 16), at
    )
    if named is None:
        return False
    who = named.group(1)
    if any(word in who for word in _PARTY_WORDS) or who.endswith("其"):
        return False
    if _SOMEONE_ELSES_ROLE_AT_END.search(who) and not (
        _VICTIM_WORDS.search(who) and _MUTUAL.search(text)
    ):
        return True  # 经核，被侵害人系未成年人; 该证人系未成年人 (not when both sides were hurt)
    listed = re.search("[和与及]", who) or text[named.start() - 1 : named.start()] in "、，,"
    if listed and not named.group(0).rstrip(" \u3000").endswith(("系", "是", "为", "属")):
        return False  # 张伟、王强未满十八周岁: one of several people, the party perhaps
    for length in (2, 3, 4):
        name = who[-length:]
        if (
            len(name) < length
            or any(_shares_a_name_part(name, party) for party in party_names)
            or _an_alias_of_the_party(text, name, party_names)
        ):
            continue
        if surname_at(name, 0) and re.search(re.escape(name) + "[（(]", text):
            return True
    return False


_VICTIM_WORDS = re.compile(_VICTIMS)
_MUTUAL = re.compile("互殴|互相殴打|相互殴打|双方均|双方互")
_SENTENCE_SUBJECT = re.compile("[ \u3000]*([\u4e00-\u9fff]{2,4}?)(?:系|是|于)")
_SOMEONE_ELSES_ROLE_AT_END = re.compile(f"(?:{_VICTIMS}|证人|报警人|举报人|目击者)$")
_ALIAS_WORDS = re.compile("又名|别名|化名|绰号|外号|小名|乳名|曾用名|人称|网名|叫")


def _a_relative_named_at_the_sentence_start(text: str, at: int, party_names: Sequence[str]) -> bool:
    """交由其子林子轩驾驶。林子轩系2008年9月3日出生，未满十八周岁: the sentence is about a
    person the decision introduces as the party's child or other relative."""
    start = max(text.rfind("。", 0, at), text.rfind("\n", 0, at)) + 1
    subject = _SENTENCE_SUBJECT.match(text, start, at)
    if subject is None:
        return False
    who = subject.group(1)
    between = text[subject.end() : at]
    return (
        not any(_shares_a_name_part(who, party) for party in party_names)
        # (王小军系在校学生，王强案发时16周岁; 二人均未满十八周岁: the party too)
        and not any(_shares_a_name_part(between, party) for party in party_names)
        and not _SEVERAL_PEOPLE.search(between)
        and "亦" not in between
        and "也" not in between
        and re.search(f"(?:{_RELATIVES})" + re.escape(who), text) is not None
    )


def _an_alias_of_the_party(text: str, name: str, party_names: Sequence[str]) -> bool:
    """刘晨阳（又名刘明）, 外号叫阿阳的刘晨阳: the decision gives ``name`` as the party's other
    name somewhere (an alias word between the two within a few characters)."""
    for at in find_all(text, name):
        window = text[max(0, at - 16) : at + len(name) + 16]
        if _ALIAS_WORDS.search(window) and any(
            _shares_a_name_part(window, party) for party in party_names if party
        ):
            return True
    return False


# 被侵害人苏日娜（女，…时年15周岁，系未成年人）, 其孙子蒙小军（12岁）: a bracket that describes
# a person introduced by a victim's, witness's or relative's word.
_OPEN_BRACKET_BEFORE = re.compile(r"[（(][^（()）\n]*$")
_SOMEONE_ELSE_NAMED = re.compile(
    f"(?:{_RELATIVES}|{_VICTIMS}|证人|同学|同伴)"
    r"[：:]?([\u4e00-\u9fff·]{1,8})$"
)


def _in_someone_elses_bracket(text: str, at: int, party_names: Sequence[str]) -> bool:
    """被侵害人苏日娜（女，…系未成年人）: the bracket describes one person, introduced by a
    role word that is not the party's, whose name shares nothing with the party's; not a
    bracket about several people (（二人均系未成年人）) or one that names the party."""
    bracket = _OPEN_BRACKET_BEFORE.search(text, max(0, at - 80), at)
    if bracket is None:
        return False
    close = _BRACKET_CLOSE.search(text, at)
    inside = text[bracket.start() : close.start() if close else at]
    if _SEVERAL_PEOPLE.search(inside) or any(
        _shares_a_name_part(inside, party) for party in party_names
    ):
        return False
    named = _SOMEONE_ELSE_NAMED.search(text, max(0, bracket.start() - 16), bracket.start())
    if named is not None:
        who = named.group(1)
        return not any(_shares_a_name_part(who, party) for party in party_names)
    # 观众唐子睿（男，…系未成年人）: a name with a surname after any role word but the party's
    for length in (2, 3, 4):
        start = bracket.start() - length
        who = text[start : bracket.start()]
        if (
            start > 0
            and all("\u4e00" <= ch <= "\u9fff" for ch in who)
            and surname_at(who, 0)
            and role_ends_at(text, start)
            and not _PARTY_ROLE_BEFORE.search(text, max(0, start - 6), start)
            and not any(_shares_a_name_part(who, party) for party in party_names)
        ):
            return True
    return False


def _shares_a_name_part(text: str, party: str) -> bool:
    """Does ``text`` hold the party's name or two characters of it in a row (小明 of 张小明), or a
    pseudonym (刘某某) that may stand for it?"""
    party = "".join(party.split())
    text = "".join(text.split())
    if "某" in text:
        return True
    if not party:
        return False
    if len(party) < 2:
        return party in text
    return any(party[i : i + 2] in text for i in range(len(party) - 1))


_BRACKET_CLOSE = re.compile("[）)\n]")
# （二人均系未成年人）, （均未满十八周岁）, （与张小明同为未成年人）: about several people
_SEVERAL_PEOPLE = re.compile("均|都|同为|二人|两人|三人|几人|等人|兄弟|姐妹|双方")


_PARTY_ROLE_BEFORE = re.compile(
    "(?:违法行为人|被处罚人|违法嫌疑人|当事人|行为人|嫌疑人|被传唤人)[：:]?$"
)


_SUMMARY_RE = re.compile(r"简易程序|当场处罚决定书")
# 本案不适用简易程序, 民警遂未适用简易程序当场处罚: a summary procedure not taken.
_NOT_TAKEN = re.compile(r"(?:不|未|没有|(?<!除)非|不宜|无法|不予|不能)(?:适用|采用|按照?|依照?)?$")
# 违法经历：2023年5月曾因…被简易程序处罚一次: an earlier case, not this decision's procedure.
_EARLIER_CASE = re.compile(r"曾因|曾于|曾被|曾经因|曾经被|违法经历|前科|此前因|此前曾|以前曾")
# 本案依照一般程序办理, 本案不适用简易程序，本局依照一般程序办理: the decision names its own
# procedure as general (not 本案不适用一般程序, 本案原拟按一般程序, nor 本案不适用简易程序 alone).
_THIS_CASE_GENERAL = re.compile(
    r"本案[^。；;\n]{0,16}?(?<![不未非拟])(?:依照|依|按照|按|适用|采用)(?:一般|普通)程序"
)
_THIS_CASE = re.compile(r"本案|本决定|此案")
_CLAUSE_START = re.compile(r"[。；;，,\n][^。；;，,\n]*$")
_PASSIVE_CLAUSE = re.compile(r"[，,][ ]*被")


def _summary_procedure_named(text: str) -> bool:
    """The text says this decision was made by summary procedure: 简易程序 named in a clause that
    does not tell of an earlier case, nor goes on with one told in the clause before it
    (冉某曾于2024年9月因…，被交巡警适用简易程序当场处罚), nor of another act when the decision
    says its own case follows the general procedure."""
    declared_general = _THIS_CASE_GENERAL.search(text) is not None
    for match in _SUMMARY_RE.finditer(text):
        if match.group() == "简易程序" and _NOT_TAKEN.search(
            text, max(0, match.start() - 4), match.start()
        ):
            continue
        clause = _CLAUSE_START.search(text, max(0, match.start() - 80), match.start())
        start = clause.start() if clause else max(0, match.start() - 80)
        if _EARLIER_CASE.search(text, start, match.start()):
            continue
        if (
            declared_general
            and match.group() == "简易程序"
            and not _THIS_CASE.search(text, start, match.end())
        ):
            continue  # 交巡警依照简易程序对其违法停车…; 本案依照一般程序办理: another act's
        if clause and _PASSIVE_CLAUSE.match(text, start):
            before = _CLAUSE_START.search(text, max(0, start - 80), start)
            if _EARLIER_CASE.search(text, before.start() if before else max(0, start - 80), start):
                continue
        return True
    return False


def act_date(
    record: DecisionRecord,
    settings: PolicySettings | None = None,
    party_span: tuple[int, int] | None = None,
) -> dt.date:
    """The date of the act if the facts give one, else the decision date.

    The facts start at 现查明/经查 or, without such a marker, after the party paragraph; their
    first full date that is not after the decision is the act's. (An act cannot be after the
    decision, so later dates are ignored.) ``party_span`` is the party paragraph's span when
    the caller has it already.
    """
    text = record.full_text
    marker = _FACTS_MARKER.search(text)
    if marker:
        facts_start = marker.end()
    else:
        facts_start = (party_span or _party_paragraph_span(record, settings))[1]
    for match in _DATE_RE.finditer(text, facts_start):
        if text.startswith(("生", "出生", " 出生"), match.end()):
            continue  # 经查，冉秀琼（女，1983年5月25日生）…: a birth date, not the act's
        parts = parse_date_parts(match.group(0))
        if parts and parts[1] and parts[2]:
            day = dt.date(*parts)  # type: ignore[arg-type]
            if day <= record.decision_date:
                return day
            break
    return record.decision_date


def _party_paragraph_span(
    record: DecisionRecord, settings: PolicySettings | None
) -> tuple[int, int]:
    """Where the text about the penalised party stands: from its first mention to the facts
    (or a fixed length)."""
    settings = settings or PolicySettings()
    text = fold(record.full_text)
    starts = [
        spans[0][0]
        for spans in (find_spaced(text, fold(part)) for part in party_name_parts(record.party_name))
        if spans
    ]
    label = _PARTY_LABEL.search(text)
    if label:
        starts.append(label.start())
    start = min(starts) if starts else 0
    end = start + settings.party_paragraph_chars
    marker = _FACTS_MARKER.search(text, start)
    if marker and marker.start() < end:
        end = marker.start()
    else:
        # no 现查明: the facts begin with the first sentence that opens with a date
        facts = _FACTS_START.search(text, start, end)
        if facts:
            end = facts.start() + 1
    return start, end


def minor_ages(record: DecisionRecord, settings: PolicySettings) -> list[tuple[int, str]]:
    """Every reading of the party's age at the time of the act, with where it came from."""
    party_span = _party_paragraph_span(record, settings)
    when = act_date(record, settings, party_span)
    readings: list[tuple[int, str]] = []
    if record.party_birth_date:
        readings.append((youngest_age(_parts(record.party_birth_date), when), "出生日期字段"))
    if record.party_id_number:
        born = _birth_from_id(fold(record.party_id_number).replace(" ", ""))
        if born:
            readings.append((youngest_age(born, when), "身份证号码中的出生日期"))
    text = fold(record.full_text)
    paragraph = text[party_span[0] : party_span[1]]
    for match in _DATE_RE.finditer(paragraph):
        before = paragraph[max(0, match.start() - 8) : match.start()]
        after = paragraph[match.end() : match.end() + 3]
        if _BIRTH_CUE_BEFORE.search(before) or _BIRTH_CUE_AFTER.match(after):
            parts = parse_date_parts(match.group(0))
            if parts:
                readings.append((youngest_age(parts, when), "正文中的出生日期"))
    # 出生医学证明载明，莫俊杰的出生日期为2008年…: the party's birth told anywhere
    for part in party_name_parts(record.party_name):
        if len(part) < 2:
            continue
        name = fold(part)
        for at in find_all(text, name):
            cue = _PARTYS_BIRTH_AFTER_NAME.match(text, at + len(name))
            date = _DATE_RE.match(text, cue.end()) if cue else None
            if cue is None:  # 记载诸葛鸣于2008年5月2日出生
                on = _BORN_ON.match(text, at + len(name))
                date = _DATE_RE.match(text, on.end()) if on else None
                if date and not _BIRTH_CUE_AFTER.match(text[date.end() : date.end() + 3]):
                    date = None
            parts = parse_date_parts(date.group(0)) if date else None
            if parts:
                readings.append((youngest_age(parts, when), "正文中载明的当事人出生日期"))
    # 生于09年3月: a two-digit year after a birth cue (read in this century when it can be:
    # the younger reading, fail closed)
    for match in _SHORT_YEAR_BIRTH.finditer(paragraph):
        year = int(match.group(1))
        year += 2000 if 2000 + year <= when.year else 1900
        day = int(match.group(3)) if match.group(3) else None
        readings.append((youngest_age((year, int(match.group(2)), day), when), "正文中的出生日期"))
    # 自述虚岁十七: a nominal age counts a year at birth and one at the new year
    for match in _NOMINAL_AGE.finditer(paragraph):
        age = chinese_number(match.group(1))
        if age is not None and 0 < age < 120:
            readings.append((age - 2, "正文中的虚岁"))
    for cell in _birth_column_cells(paragraph):
        parts = parse_date_parts(cell)
        if parts:
            readings.append((youngest_age(parts, when), "正文表格中的出生日期"))
    for match in _ID_RE.finditer(paragraph):
        born = _birth_from_id(re.sub("[ \\-\n]", "", match.group(0)))
        if born:
            readings.append((youngest_age(born, when), "正文中的身份证号码"))
    for match in _AGE_RE.finditer(paragraph):
        age = chinese_number(match.group(1))
        if (
            age is not None
            and 0 < age < 120
            and not _in_an_earlier_case(paragraph, match.start())
            and not _a_relatives_age(paragraph, match.start(), record)
        ):
            readings.append((age, "正文中的年龄"))
    return readings


def _birth_column_cells(paragraph: str) -> list[str]:
    """The cells under a 出生日期 header in the rows below it (a table laid out with tabs, bars
    or runs of spaces)."""
    cells: list[str] = []
    column: int | None = None
    for line in paragraph.split("\n"):
        row = [cell for cell in _TABLE_CELLS.split(line.strip(" │|｜")) if cell]
        headed = [i for i, cell in enumerate(row) if _BIRTH_HEADER.fullmatch(cell)]
        if headed:
            column = headed[0]
        elif column is not None and len(row) > column:
            cells.append(row[column])
    return cells


def _a_relatives_age(paragraph: str, at: int, record: DecisionRecord) -> bool:
    """其女儿刘小红（14岁）: the age of a relative the paragraph names, not the party's own (a
    party introduced as 李四之子张小明（15岁） is still the party)."""
    relative = _A_RELATIVES_AGE.search(paragraph, max(0, at - 12), at)
    if relative is None:
        return False
    named = relative.group("name")
    if not named:
        # 其子（男，9岁）: the party's child; but 系王大明之子（15岁）: the party
        return relative.group("relation").startswith("其")
    return not any(named in part for part in party_name_parts(record.party_name))


def _in_an_earlier_case(text: str, at: int) -> bool:
    """违法经历：2022年6月（时年十七周岁）因盗窃…: the clause tells of an earlier case."""
    clause = _CLAUSE_START.search(text, max(0, at - 80), at)
    start = clause.start() if clause else max(0, at - 80)
    return _EARLIER_CASE.search(text, start, at) is not None


def withholdings(record: DecisionRecord, settings: PolicySettings) -> list[Withholding]:
    """All content rules that keep this decision off every channel, in precedence order."""
    found: list[Withholding] = []
    if record.status != "effective":
        label = STATUS_LABELS.get(record.status, record.status)
        found.append(
            Withholding(
                "not_effective",
                f"决定{label}，不再公开（行政处罚法第四十八条第二款）",
            )
        )
    if record.confidential:
        found.append(
            Withholding(
                "confidential", "案件系统标记为涉密或不宜公开（公安机关执法公开规定第六条）"
            )
        )
    if record.is_natural_person:
        minor = _minor(record, settings)
        if minor:
            found.append(minor)
    if settings.withhold_summary_procedure and (
        record.procedure == "simple" or _summary_procedure_named(record.full_text)
    ):
        found.append(
            Withholding("summary_procedure", "适用简易程序（当场处罚）作出的决定，不予公开")
        )
    return found


def _minor(record: DecisionRecord, settings: PolicySettings) -> Withholding | None:
    readings = minor_ages(record, settings)
    young = [(age, source) for age, source in readings if age < settings.adult_age]
    if young:
        age, source = min(young)
        return Withholding(
            "minor",
            f"当事人违法行为时未满十八周岁（{source}：{age}岁），"
            "依未成年人保护法第一百零三条不得公开",
        )
    names = [name for name in party_name_parts(record.party_name) if name]
    if any(
        not _about_someone_else(record.full_text, m.start(), names)
        for m in _MINOR_PHRASES.finditer(record.full_text)
    ):
        return Withholding(
            "minor", "正文载明当事人为未成年人，依未成年人保护法第一百零三条不得公开"
        )
    # 高宇轩系一所中学的高二学生，案发时年仅16周岁: an age at the time of the act, anywhere
    for m in _AGE_AT_THE_ACT.finditer(record.full_text):
        age = chinese_number(m.group(1))
        phrase = m.start() - 2  # 案发时: the match starts at 时
        if (
            age is not None
            and age < settings.adult_age
            and not _about_someone_else(record.full_text, phrase, names)
            and not _in_an_earlier_case(record.full_text, phrase)
        ):
            return Withholding(
                "minor",
                f"正文载明当事人违法行为时{age}周岁，依未成年人保护法第一百零三条不得公开",
            )
    for m in _YOUNG_AGE.finditer(record.full_text):
        age = chinese_number(m.group(1))
        if (
            age is not None
            and age < settings.adult_age
            and _young_age_is_the_partys(record.full_text, m.start(), names)
            and not _describes_someone_who_follows(record.full_text, m.end(), names)
        ):
            return Withholding(
                "minor",
                f"正文载明当事人年仅{age}周岁，依未成年人保护法第一百零三条不得公开",
            )
    return None


def _young_age_is_the_partys(text: str, at: int, names: Sequence[str]) -> bool:
    """Whose is the age stressed at ``at``: the party's unless its clause names someone else
    before it (a relative, a victim, a person introduced elsewhere) and not the party; an
    earlier case does not count. Unclear is the party's (fail closed)."""
    if _in_an_earlier_case(text, at):
        return False
    clause = _CLAUSE_START.search(text, max(0, at - 40), at)
    before = text[clause.start() if clause else max(0, at - 40) : at]
    # what stands between the party's name (when the clause names the party) and the age
    after_party = max(
        (before.rfind(name) + len(name) for name in names if name in before), default=0
    )
    before = before[after_party:]
    if _SOMEONE_ELSE_BEFORE.search(before):
        return False
    return after_party > 0 or not _about_someone_else(text, at, names)


def _describes_someone_who_follows(text: str, end: int, names: Sequence[str]) -> bool:
    """结识年仅十四岁的方宇轩: the age describes the person named right after it, not the party
    (年仅十六岁的汪子俊 names the party; 年仅十六岁的他 may be the party)."""
    follows = _WHO_FOLLOWS.match(text, end)
    if follows is None:
        return False
    who = follows.group(1)
    if any(word in who for word in _PARTY_WORDS):
        return False
    if _SOMEONE_ELSE_BEFORE.match(who):
        return True  # 年仅十五岁的被侵害人
    # a name the decision writes again elsewhere, not an everyday word (高中学生, 司机, 时候)
    return (
        surname_at(who, 0) > 0
        and segmenter().freq(who[:2]) < 20
        and text.count(who[:3]) >= 2
        and not any(_shares_a_name_part(who, n) for n in names)
    )


_WHO_FOLLOWS = re.compile("的([\u4e00-\u9fff]{2,4})")


def _parts(day: dt.date) -> tuple[int, int | None, int | None]:
    return day.year, day.month, day.day


def _birth_from_id(number: str) -> tuple[int, int | None, int | None] | None:
    digits = number.upper()
    if len(digits) == 18:
        raw = digits[6:14]
    elif len(digits) == 15:
        raw = "19" + digits[6:12]
    else:
        return None
    try:
        born = dt.date(int(raw[:4]), int(raw[4:6]), int(raw[6:8]))
    except ValueError:
        return None
    return _parts(born)
