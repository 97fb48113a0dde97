"""The redactor: one export-v1 record in, one :class:`RedactionResult` out.

Steps, in order: Presidio finds candidates (Gongkai's recognizers plus an ad-hoc recognizer
for the record's own structured values); detections inside stretches that must stay readable
are dropped; every name found anywhere is replaced everywhere; overlapping detections are
merged (the union is replaced, never less); persons get pseudonyms and everything else a typed
placeholder; the withholding rules and the leak guard decide publishability; doubts are
collected for the reviewer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from presidio_analyzer import RecognizerResult

from gongkai.redaction import entities
from gongkai.redaction.analyzer import LANGUAGE, build_analyzer, identifier_recognizers
from gongkai.redaction.doubts import find_doubts
from gongkai.redaction.guard import find_leaks, leak_withholding
from gongkai.redaction.keep import Stretches, keep_spans
from gongkai.redaction.names import (
    AMBIGUOUS_SURNAMES,
    NAME_DOTS,
    NOT_A_NAME_END,
    SHOP_NAMED_AFTER,
    VENUE_NAMED_AFTER,
    WEAK_AFTER_A_NAME,
    NameContext,
    common_words,
    division_here,
    find_all,
    is_han,
    is_nickname,
    no_given_name_words,
    segmenter,
    short_forms,
    surname_at,
)
from gongkai.redaction.policy import REASON_ORDER, PolicySettings, withholdings
from gongkai.redaction.recognizers.han_name import names_listed_with
from gongkai.redaction.recognizers.known_values import KnownValueRecognizer, find_spaced
from gongkai.redaction.recognizers.latin_name import NOT_NAMES, latin_names_listed_with
from gongkai.redaction.record import DecisionRecord
from gongkai.redaction.render import GIVEN_NAME_FINDER, Annotation, merge, render, resolve
from gongkai.redaction.result import RedactionResult, Withholding
from gongkai.redaction.roles import role_ends_at
from gongkai.redaction.text import analysis_text, letter_spaced_squeezed


@dataclass(frozen=True)
class RedactionSettings:
    score_threshold: float = 0.5  # at or above: replaced
    doubt_threshold: float = 0.25  # between this and the score threshold: a doubt
    policy: PolicySettings = field(default_factory=PolicySettings)


@dataclass
class _Detection:
    start: int
    end: int
    type: str
    recognizer: str
    score: float
    explanation: str

    @classmethod
    def from_result(cls, result: RecognizerResult) -> _Detection:
        expl = result.analysis_explanation
        recognizer = (
            result.recognition_metadata.get("recognizer_name", "")
            if (result.recognition_metadata)
            else ""
        )
        why = ""
        if expl is not None:
            recognizer = expl.recognizer or recognizer
            why = expl.textual_explanation or (
                f"pattern '{expl.pattern_name}'" if expl.pattern_name else ""
            )
            if expl.validation_result:
                why += "; check digit valid"
            if expl.supportive_context_word:
                why += f"; context word '{expl.supportive_context_word}'"
        return cls(result.start, result.end, result.entity_type, recognizer, result.score, why)


_NAME_DOTS = str.maketrans(dict.fromkeys(NAME_DOTS, "·"))
_PLACE_SUFFIX = frozenset("市省县区镇乡村路街巷州")
# Characters a known two-character name is not extended by: a verb, a count of people.
_NEVER_ADDED = frozenset("处一二两三四五六七八九十")
# Characters that, after a name the decision also writes whole, start what the person does
# (高峰按在餐桌上, 耗儿拿凳子, 曾凡你少管闲事, 杨胜用拳头), not a longer name. Not 先 or 家,
# which end given names too (王德先, 李成家): 李强先动手 stays a longer name, fail closed.
_STARTS_A_PREDICATE = frozenset(
    "则便却再还仍你我他她拿按出推拉抓打踢骂喊抢偷砸用驾骑带让给帮拍载哭陪跟"
)
# jieba's frequency from which a two-character given name is read as an everyday word when it
# stands alone (建国 3083, 胜利 8904; 志勇, 晓东 0, 立新 51).
_EVERYDAY_GIVEN_NAME = 100
# What runs on from a place's name into an institution's or a place's (文化体育和旅游局,
# 朝鲜族自治州), not across a verb or 的 (王芳开办的诊所: a person).
_INSTITUTION_AFTER = re.compile(
    "(?:(?![的在于到从向对把将被给系称开办经营])[\u3400-\u9fff]){1,10}?"
    "(?:局|委员会|院|厅|中心|办公室|州|县|市|旗|区|镇|乡)"
)
_WORD_AFTER_A_NAME = 100  # jieba's frequency of 联系, 提出 (not 莉使)
_FUNCTION_BEFORE_A_NAME = frozenset("有后对与和及向把将被在从由给让叫经")
_LATIN_NAME_WORD = re.compile(r"[A-ZÀ-Þ][A-Za-zÀ-ÿ'’\-]{2,}")
_LATIN_LETTER = re.compile(r"[A-Za-zÀ-ÿ]")
_CLAUSE_MARKS = frozenset('，,。；;：:、\n“"（(')


class Redactor:
    """Build once (loads the segmenter and recognizers), then call :meth:`redact` per record."""

    def __init__(self, settings: RedactionSettings | None = None) -> None:
        self.settings = settings or RedactionSettings()
        self.analyzer = build_analyzer()
        self.guard_recognizers = identifier_recognizers()
        segmenter()  # load jieba's dictionary now, not inside the first decision
        common_words(), no_given_name_words()  # and the small tables the name rules read

    def redact(self, record: DecisionRecord) -> RedactionResult:
        text = analysis_text(record.full_text)  # same length: offsets hold for the original
        threshold = self.settings.score_threshold
        keep = Stretches(keep_spans(record))
        known = KnownValueRecognizer(record)
        raw = self._analyze(text, known)
        squeezed = letter_spaced_squeezed(text)
        if squeezed is not None:  # 联 系 电 话 ：1 3 6 2 …: those lines read without the spaces
            squeezed_text, offsets, runs = squeezed
            for result in self._analyze(squeezed_text, known):
                start, end = offsets[result.start], offsets[result.end - 1] + 1
                if any(s < end and start < e for s, e in runs):
                    result.start, result.end = start, end
                    raw.append(result)
        accepted = [
            _Detection.from_result(r)
            for r in raw
            if r.score >= threshold and not keep.contains(r.start, r.end)
        ]
        accepted = _without_overhangs(text, accepted)
        weak = [_Detection.from_result(r) for r in raw if r.score < threshold]
        accepted += _listed_names(text, accepted, keep)
        accepted += _propagate_names(text, accepted, keep)
        # 住客陈思琪… 被偷拍人陈思琪、刘雨菲: a list may start at a mention found by propagation
        listed_late = _listed_names(text, accepted, keep)
        if listed_late:
            accepted += listed_late
            accepted += _propagate_names(text, accepted, keep)
        accepted += _given_names(text, accepted, keep)
        accepted += _propagate_identifiers(text, accepted)
        spans, redacted, replaced = render(record.full_text, merge(accepted), record)
        return RedactionResult(
            source_id=record.source_id,
            redacted_text=redacted,
            spans=spans,
            withholdings=self._withholdings(record, redacted, replaced, known),
            doubts=find_doubts(record, spans, weak, keep, known),
        )

    def _analyze(self, text: str, known: KnownValueRecognizer) -> list[RecognizerResult]:
        return self.analyzer.analyze(
            text,
            language=LANGUAGE,
            ad_hoc_recognizers=[known],
            return_decision_process=True,
            score_threshold=self.settings.doubt_threshold,
        )

    def rerender(
        self, record: DecisionRecord, annotations: Iterable[Annotation]
    ) -> RedactionResult:
        """The decision redacted as its annotations now say (machine detections with human
        corrections on top, in order), with the withholding rules and the leak guard run again.
        Doubts are the first redaction's; the caller keeps them."""
        text = record.full_text
        spans, redacted, replaced = render(text, resolve(annotations), record)
        known = KnownValueRecognizer(record)
        return RedactionResult(
            source_id=record.source_id,
            redacted_text=redacted,
            spans=spans,
            withholdings=self._withholdings(record, redacted, replaced, known),
        )

    def _withholdings(
        self,
        record: DecisionRecord,
        redacted: str,
        replaced: list[tuple[int, int]],
        known: KnownValueRecognizer,
    ) -> list[Withholding]:
        held = withholdings(record, self.settings.policy)
        threshold = self.settings.score_threshold
        leaked = find_leaks(redacted, record, known, self.guard_recognizers, threshold, replaced)
        if leaked:
            held.append(leak_withholding(leaked))
        held.sort(key=lambda w: REASON_ORDER.index(w.reason))
        return held


def _without_overhangs(text: str, detections: list[_Detection]) -> list[_Detection]:
    """与万国庆联系: a name found by a rule that runs a character or two past the party's own
    name (known from the record) is that name; the known span stands for it."""
    known = [
        (d.start, d.end)
        for d in detections
        if d.type == entities.PERSON and d.recognizer == KnownValueRecognizer.__name__
    ]
    if not known:
        return detections
    return [
        d
        for d in detections
        if d.type != entities.PERSON
        or d.recognizer == KnownValueRecognizer.__name__
        or not any(_overhangs(text, d, start, end) for start, end in known)
    ]


def _overhangs(text: str, d: _Detection, start: int, end: int) -> bool:
    """``d`` is the known name ``text[start:end]`` and the start of a word after it (与万国庆
    联系, 万国庆提出) or a function character before it (有万国庆的陈述, 后万国庆等人); not
    another person's longer name (侯莉 and 侯莉莉)."""
    if d.start == start and end < d.end <= end + 2:
        if end - start < 3 and text[end] not in NOT_A_NAME_END:
            return False  # 李建 and 李建国家中: 李建国 may be another person
        return segmenter().freq(text[end : end + 2]) >= _WORD_AFTER_A_NAME
    if d.end == end and d.start == start - 1:
        return text[d.start] in _FUNCTION_BEFORE_A_NAME
    return False


def _listed_names(text: str, detections: list[_Detection], keep: Stretches) -> list[_Detection]:
    """Names listed with any person found (after it or right before it), whichever recognizer
    found it."""
    seeds = [(d.start, d.end) for d in detections if d.type == entities.PERSON]
    return [
        _Detection(start, end, entities.PERSON, recognizer, 0.75, "listed with a name")
        for recognizer, listed in (
            ("HanNameRecognizer", names_listed_with(NameContext(text), seeds)),
            ("LatinNameRecognizer", latin_names_listed_with(text, seeds)),
        )
        for start, end in listed
        if not keep.contains(start, end)
    ]


def _propagate_names(text: str, detections: list[_Detection], keep: Stretches) -> list[_Detection]:
    """Once a name is found anywhere in a decision, every occurrence is replaced."""
    found = {(d.start, d.end) for d in detections if d.type == entities.PERSON}
    names: dict[str, str] = {}
    for d in detections:
        if d.type == entities.PERSON:
            names.setdefault(text[d.start : d.end], d.recognizer)
    # A dotted name's first part is how the decision may refer to the person later
    # (伊万诺夫·谢尔盖 … 伊万诺夫).
    for name in list(names):
        parts = name.translate(_NAME_DOTS).split("·")
        if len(parts) > 1 and len(parts[0]) >= 2:
            names.setdefault(name[: len(parts[0])], names[name])
    # A Latin name's words are how the decision may refer to the person later (Emily R.
    # JOHNSON … 撞了Emily; SMITH随即推搡).
    for name in list(names):
        words = _LATIN_NAME_WORD.findall(name)
        if len(words) > 1:
            for word in words:
                if word.upper() not in NOT_NAMES:
                    names.setdefault(word, names[name])
    ctx = NameContext(text)
    taken: list[tuple[int, int]] = sorted(found)
    extra: list[_Detection] = []
    for name in sorted(names, key=len, reverse=True):
        if len(name) < 2:
            continue
        for start in find_all(text, name):
            end = start + len(name)
            if (start, end) in found or keep.contains(start, end):
                continue
            if _LATIN_LETTER.match(text[start - 1 : start]) or _LATIN_LETTER.match(
                text[end : end + 1]
            ):
                continue  # part of a longer Latin word (LEE in LEEDS)
            start, end = _whole_name(ctx, start, end)
            # (a shorter detection inside this occurrence is part of it: 丽蓬·乔玛尼 found
            # where 诗丽蓬·乔玛尼 stands)
            if any(s < end and start < e and not (start <= s and e <= end) for s, e in taken):
                continue
            if text[end : end + 1] in _PLACE_SUFFIX or division_here(text, start) > end - start:
                continue  # 高山镇, 江河路, 乌兰察布市: the same characters naming a place
            if _inside_an_institution(ctx, start, end):
                continue  # 瓜州县文化体育和旅游局: a word in a body's name
            if is_nickname(name) and SHOP_NAMED_AFTER.match(text, end):
                continue  # 阿强便利店: a shop named after the nickname
            taken.append((start, end))
            extra.append(
                _Detection(
                    start,
                    end,
                    entities.PERSON,
                    "NamePropagation",
                    1.0,
                    f"same name found elsewhere in this decision by {names[name]}",
                )
            )
    # 冼 志强, 其木\n格: the same name with a stray space or line break inside
    for name in names:
        if len(name) < 2 or not all(is_han(c) for c in name):
            continue
        for start, end in find_spaced(text, name):
            if end - start == len(name) or keep.contains(start, end):
                continue  # written whole: found above
            if any(s < end and start < e for s, e in taken):
                continue
            taken.append((start, end))
            extra.append(
                _Detection(
                    start,
                    end,
                    entities.PERSON,
                    "NamePropagation",
                    1.0,
                    f"same name, spaced, found elsewhere in this decision by {names[name]}",
                )
            )
    return extra


def _given_names(text: str, detections: list[_Detection], keep: Stretches) -> list[_Detection]:
    """张志勇 … 志勇将邻居打伤: a found person's two-character given name, standing alone as a
    name, is that person too. Not when it is an everyday word (海洋, 胜利), when two people
    found share it, when another surname stands right before it (李志勇 is someone else), or
    when a place word follows (立新路)."""
    owners: dict[str, set[str]] = {}
    for d in detections:
        if d.type == entities.PERSON:
            name = text[d.start : d.end]
            for form in short_forms(name):
                owners.setdefault(form, set()).add(name)
    if not owners:
        return []
    ctx = NameContext(text)
    taken = [(d.start, d.end) for d in detections]
    extra: list[_Detection] = []
    for given, names in owners.items():
        if (
            len(names) > 1
            or (  # never alone: the common case
                given in next(iter(names)) and text.count(given) == text.count(next(iter(names)))
            )
            or given in common_words()
            or segmenter().freq(given) >= _EVERYDAY_GIVEN_NAME
        ):
            continue
        for start in find_all(text, given):
            end = start + len(given)
            if any(s < end and start < e for s, e in taken) or keep.contains(start, end):
                continue
            if (start >= 2 and surname_at(text, start - 2) == 2) or (
                start >= 1
                and surname_at(text, start - 1) == 1
                and text[start - 1] not in AMBIGUOUS_SURNAMES
            ):
                continue
            if text[end : end + 1] in _PLACE_SUFFIX or VENUE_NAMED_AFTER.match(text, end):
                continue  # 立新路, “志鹏台球室”: a place or venue named after someone
            # a name boundary after it, or a clause starts with it (，海燕先动手) and its last
            # character makes no word with the next (not 志强|调)
            if not ctx.name_boundary(end) and not (
                (start == 0 or text[start - 1] in _CLAUSE_MARKS)
                and segmenter().freq(text[start + 1 : start + 3]) < _EVERYDAY_GIVEN_NAME
            ):
                continue
            taken.append((start, end))
            extra.append(
                _Detection(
                    start,
                    end,
                    entities.PERSON,
                    GIVEN_NAME_FINDER,
                    0.9,
                    f"given name of {next(iter(names))} found elsewhere in this decision",
                )
            )
    return extra


def _inside_an_institution(ctx: NameContext, start: int, end: int) -> bool:
    """The characters run on from a place's name into more of a word (瓜州县文化体育和旅游局):
    an institution's name, not a person after a place."""
    text = ctx.text
    return (
        start > 0
        and text[start - 1] in "省市县区"
        and not ctx.name_boundary(end)
        and _INSTITUTION_AFTER.match(text, end) is not None
    )


def _ends_before_a_word(ctx: NameContext, start: int, end: int) -> bool:
    """The name is whole elsewhere in the decision (followed by punctuation or a function
    character somewhere) and the next characters here make a word of their own (击打林俊头面部:
    头面) or start a predicate (李强先动手)."""
    text = ctx.text
    _, followers = ctx.occurrences(text[start:end])
    if not ("<punct>" in followers or followers & WEAK_AFTER_A_NAME):
        return False
    return (
        text[end] in _STARTS_A_PREDICATE
        or segmenter().freq(text[end : end + 2]) >= 50
        or len(segmenter().cut_words(text[end : end + 4])[0]) > 1  # 和平|信以为真
    )


def _propagate_identifiers(text: str, detections: list[_Detection]) -> list[_Detection]:
    """An identifier found once is removed wherever the decision repeats it (微信号“anran_0228”
    after a labelled first mention), kept stretches included: a value is personal whatever
    stands around it."""
    taken = [(d.start, d.end) for d in detections]
    values: dict[str, _Detection] = {}
    for d in detections:
        if d.type in entities.IDENTIFIER_TYPES and d.end - d.start >= 5:
            values.setdefault(text[d.start : d.end], d)
    extra: list[_Detection] = []
    for value, found in values.items():
        for start in find_all(text, value):
            end = start + len(value)
            if any(s <= start and end <= e for s, e in taken):
                continue
            if _code_char(text[start - 1 : start]) or _code_char(text[end : end + 1]):
                continue  # part of a longer number or code
            taken.append((start, end))
            extra.append(
                _Detection(
                    start,
                    end,
                    found.type,
                    "IdentifierPropagation",
                    1.0,
                    f"same value found elsewhere in this decision by {found.recognizer}",
                )
            )
    return extra


def _code_char(ch: str) -> bool:
    return bool(ch) and (ch.isascii() or "０" <= ch <= "ｚ") and ch.isalnum()


def _whole_name(ctx: NameContext, start: int, end: int) -> tuple[int, int]:
    """A known short name inside a longer one is the longer name (李海 in 李海军, 海燕 in
    金海燕): extend rather than leave a character of someone's name readable."""
    text = ctx.text
    if (
        end - start == 2
        and is_han(text[end : end + 1])
        and text[end] not in _PLACE_SUFFIX
        and text[end] not in _NEVER_ADDED  # 对洛桑处行政拘留, 洛桑三人
        and text[end] not in NOT_A_NAME_END  # 彭浩为左手擦伤
        and not ctx.name_boundary(end)
        and len(segmenter().cut_words(text[end : end + 3])[0]) == 1  # 张磊|鼻骨: not 张磊鼻
        and not _ends_before_a_word(ctx, start, end)  # 林俊|头面部 when 林俊 stands alone too
    ):
        end += 1
    if (
        start > 0
        and end - start == 2
        and surname_at(text, start - 1) == 1
        and text[start - 1] not in AMBIGUOUS_SURNAMES
        and common_words().get(text[start - 1 : end]) is None
        and not role_ends_at(text, start)
        and segmenter().freq(text[start - 1 : start + 1]) < 100
    ):
        start -= 1
    return start, end
