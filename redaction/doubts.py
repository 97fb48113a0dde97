"""What a human reviewer should look at: the redactor's own doubts about a decision.

The review step routes any decision with a doubt to full reading, so doubts must be specific
(where, what kind) and must not repeat a personal value in their message.
"""

from __future__ import annotations

import re
from typing import Protocol

import regex

from gongkai.redaction.keep import Stretches
from gongkai.redaction.names import TRANSLITERATION, surname_at
from gongkai.redaction.recognizers.known_values import KnownValueRecognizer
from gongkai.redaction.recognizers.latin_name import NOT_NAMES
from gongkai.redaction.record import DecisionRecord
from gongkai.redaction.result import Doubt, Span
from gongkai.redaction.roles import ROLE_WORD_RE


class _Located(Protocol):
    start: int
    end: int
    type: str


_GENDER_MARKER = regex.compile(r"[（(][男女][，,、）)]|[，,][男女][，,]")
# (First a character, then a lookbehind on the one before it: scanned far faster than a
# pattern that starts with a lookbehind.)
_LATIN_WORD = regex.compile(r"[A-Z](?<![A-Za-z0-9].)[A-Za-z'’\-]*[A-Za-z](?![A-Za-z0-9])")
_LONG_NUMBER = re.compile(
    r"[0-9０-９](?<![0-9A-Za-z０-９].)(?:[0-9０-９ \-－]?[0-9０-９]){6,}[0-9Xx０-９]?"
)
_NUMBER_LABELS = re.compile(
    r"(?:案件编号|编号|警号|文号|决字|档案号|登记号|序号|执法记录仪)[：:（(\s]*$"
)
_NOT_PERSONAL_AFTER = re.compile(
    r"^[ ]*(?:元|年|月|日|号|时|分|米|公里|千米|次|人|条|份|张|部|台|克|升|吨|万|亿|％|%)"
)
_LAYOUT_CUES = ("违法行为人", "被处罚人", "当事人", "被处罚单位", "违法单位", "姓名", "违法嫌疑人")
# 以上事实有X的陈述…: whoever made a statement is a person; X left readable is worth a look.
_STATEMENT = re.compile(r"的(?<=[\u4e00-\u9fff]的)(?:陈述|证言|供述|证词)")
_STATEMENT_DELIMITERS = frozenset("有、，,和及与：:（）()\n ")
_NOT_PERSONS = ("单位", "公司", "本人", "对方", "双方", "人员", "负责人", "当事人", "违法行为人")


def find_doubts(
    record: DecisionRecord,
    spans: list[Span],
    weak: list[_Located],
    keep: Stretches,
    known: KnownValueRecognizer,
) -> list[Doubt]:
    text = record.full_text
    replaced = Stretches([(s.start, s.end) for s in spans])
    doubts: list[Doubt] = []

    def touched(start: int, end: int) -> bool:
        return replaced.overlaps(start, end)

    def free(start: int, end: int) -> bool:
        return not touched(start, end) and not keep.contains(start, end)

    for match in _GENDER_MARKER.finditer(text):
        end = match.start()
        start = end
        while start > end - 4 and start > 0 and "\u4e00" <= text[start - 1] <= "\u9fff":
            start -= 1
        if end - start >= 2 and not touched(start, end):
            doubts.append(Doubt("name_like_left", "性别标注前的疑似姓名未被替换", start, end))
    for match in _STATEMENT.finditer(text):
        end = match.start()
        start = end
        while start > end - 10 and start > 0 and text[start - 1] not in _STATEMENT_DELIMITERS:
            start -= 1
        for role in ROLE_WORD_RE.finditer(text, start, end):
            start = max(start, role.end())  # 违法行为人张某的陈述: the name after the role
        run = text[start:end]
        name_like = surname_at(text, start) or all(c in TRANSLITERATION for c in run)
        if 2 <= len(run) <= 5 and name_like and free(start, end) and not run.endswith(_NOT_PERSONS):
            doubts.append(Doubt("name_like_left", "作出陈述或证言的人名未被替换", start, end))
    for match in _LATIN_WORD.finditer(text):
        start, end = match.span()
        if match.group(0).upper() not in NOT_NAMES and free(start, end):
            doubts.append(Doubt("name_like_left", "未替换的外文词，可能是外文姓名", start, end))
    for match in _LONG_NUMBER.finditer(text):
        start, end = match.span()
        if not free(start, end):
            continue
        if _NUMBER_LABELS.search(text[max(0, start - 10) : start]):
            continue
        if _NOT_PERSONAL_AFTER.match(text[end : end + 3]):
            continue
        doubts.append(
            Doubt("unclassified_number", "未能归类的长数字，请确认是否为个人信息", start, end)
        )
    for item in weak:
        if free(item.start, item.end):
            doubts.append(
                Doubt("weak_detection", f"低置信度的疑似{item.type}未被替换", item.start, item.end)
            )
    doubts.extend(_fields_not_found(record, known))
    doubts.extend(_layout(record))
    return doubts


def _fields_not_found(record: DecisionRecord, known: KnownValueRecognizer) -> list[Doubt]:
    """Structured values the text does not contain: the record and the text may describe
    different people, or the text writes the value in a way nothing here recognises."""
    found = {field for *_, field in known.find(record.full_text)}
    doubts = []
    if record.is_natural_person and "party_name" not in found:
        doubts.append(Doubt("field_value_not_found", "正文中未找到当事人姓名字段的值"))
    if known.id_kind and "party_id_number" not in found:
        doubts.append(Doubt("field_value_not_found", "正文中未找到证件号码字段的值"))
    if record.party_birth_date and "party_birth_date" not in found and not known.id_kind:
        doubts.append(Doubt("field_value_not_found", "正文中未找到出生日期字段的值"))
    return doubts


def _layout(record: DecisionRecord) -> list[Doubt]:
    text = record.full_text
    doubts = []
    if len(text) < 120:
        doubts.append(Doubt("unfamiliar_layout", "正文过短，不像完整的处罚决定书"))
    head = "".join(text[:300].split())
    if "决定" not in head:
        doubts.append(Doubt("unfamiliar_layout", "开头未见“决定书”标题"))
    if not any(cue in text for cue in _LAYOUT_CUES):
        doubts.append(Doubt("unfamiliar_layout", "未见当事人栏目（违法行为人/被处罚人/当事人）"))
    return doubts
