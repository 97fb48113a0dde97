"""From an original text and the stretches to replace, the redacted text.

The published text is never edited by hand: it is rendered, deterministically, from the
original plus the annotations in force, machine detections and human corrections alike. The
redactor renders its own detections with :func:`render`; the review app renders them again
after each correction with :func:`resolve` and :func:`render`, so a correction can be undone and
a decision re-redacted without losing what people fixed.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, Literal, Protocol, TypeVar

from gongkai.redaction import entities, pseudonyms
from gongkai.redaction.names import NAME_DOTS, find_all, is_familiar_form, is_han, short_forms
from gongkai.redaction.recognizers.known_values import party_name_aliases
from gongkai.redaction.record import DecisionRecord
from gongkai.redaction.result import Span
from gongkai.redaction.text import fold


class Stretch(Protocol):
    """A stretch of the original to replace, whoever found it."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def type(self) -> str: ...
    @property
    def recognizer(self) -> str: ...
    @property
    def score(self) -> float: ...
    @property
    def explanation(self) -> str: ...


@dataclass(frozen=True)
class Annotation:
    """One stretch of an original to redact (``redact``) or to leave readable (``keep``).

    ``recognizer`` names who said so: a recognizer for the machine, ``user:…`` for a person.
    """

    start: int
    end: int
    type: str
    action: Literal["redact", "keep"] = "redact"
    recognizer: str = ""
    score: float = 1.0
    explanation: str = ""
    human: bool = False


def occurrences(text: str, value: str) -> list[tuple[int, int]]:
    """Every place ``value`` stands in ``text`` (what a correction applies to)."""
    if not value.strip():
        return []
    return [(start, start + len(value)) for start in find_all(text, value)]


def resolve(annotations: Iterable[Annotation]) -> list[Annotation]:
    """The stretches to replace, from annotations in the order they were made.

    Machine detections come first; each human correction then applies on top: ``keep``
    removes every stretch it overlaps, ``redact`` adds one. Overlapping stretches left become
    one (the union is replaced, never less).
    """
    current: list[Annotation] = []
    for annotation in annotations:
        if annotation.action == "keep":
            current = [
                a for a in current if not (a.start < annotation.end and annotation.start < a.end)
            ]
        else:
            current.append(annotation)
    return merge(current)


T = TypeVar("T", bound=Any)  # a dataclass that is a Stretch


def merge(stretches: Sequence[T]) -> list[T]:
    """Overlapping stretches become one: the union, typed by its longest member."""
    merged: list[T] = []
    group: list[T] = []
    end = -1
    for s in sorted(stretches, key=lambda s: (s.start, -s.end)):
        if group and s.start < end:
            group.append(s)
            end = max(end, s.end)
            continue
        if group:
            merged.append(_union(group))
        group, end = [s], s.end
    if group:
        merged.append(_union(group))
    return merged


def _union(group: list[T]) -> T:
    if len(group) == 1:
        return group[0]
    main = max(group, key=lambda s: (s.end - s.start, s.type == entities.PERSON, s.score))
    start, end = min(s.start for s in group), max(s.end for s in group)
    return replace(
        main,
        start=start,
        end=end,
        score=max(s.score for s in group),
        explanation=main.explanation + f"; merged with {len(group) - 1} overlapping detection(s)",
    )


def render(
    text: str, stretches: Sequence[Stretch], record: DecisionRecord
) -> tuple[list[Span], str, list[tuple[int, int]]]:
    """Replace ``stretches`` (sorted, not overlapping) in ``text``: persons get pseudonyms,
    everything else a typed placeholder. Returns the spans, the redacted text, and where each
    replacement stands in it."""
    people = _people(text, [s for s in stretches if s.type == entities.PERSON], record)
    spans = []
    for s in stretches:
        if s.type == entities.PERSON:
            replacement = people[person_key(text[s.start : s.end])]
        else:
            replacement = entities.placeholder(s.type)
        spans.append(
            Span(
                s.start, s.end, s.type, replacement, s.recognizer, round(s.score, 3), s.explanation
            )
        )
    redacted, replaced = _apply(text, spans)
    return spans, redacted, replaced


_NAME_DOTS = str.maketrans(dict.fromkeys(NAME_DOTS, "·"))
#: The recognizer name of a given name found alone (张志勇 … 志勇), set by the engine.
GIVEN_NAME_FINDER = "GivenNamePropagation"

# What may stand between two spellings of one person: NGUYEN THI HONG（中文译名：阮氏红）.
_SAME_PERSON_BETWEEN = re.compile(
    # (NGUYEN THI HOA，中文名阮氏花: a comma and the rendering's label)
    r"[，,][ \u3000]*(?:中文译名|中文名|译名|中文姓名|英文姓名|英文名|外文姓名|外文名|护照姓名)"
    r"[：:为]?[ \u3000]*|"
    r"[ \u3000]*[（(][ \u3000]*"
    r"(?:中文译名|中文名|译名|中文姓名|英文姓名|英文名|外文姓名|外文名|护照姓名|护照上姓名"
    r"|俄文姓名|俄文名|韩文名|韩文姓名|日文名|越南文名|泰文名)?"
    r"[：:]?[ \u3000]*"
)
# A label in between says the two spellings are one person, whatever their scripts
# (ROMANOV Sergei（俄文姓名Романов Сергей…）).
_NAME_LABEL = re.compile("名")

# …and between a name and another name of the same person: 杨过（曾用名：杨改之）,
# 常青（外号“小四”）.
# The alias must close its bracket or item (杨过（曾用名：杨改之）, 杨过，曾用名杨改之，): in
# 刘某，自称张伟的表哥 the name after 自称 is someone else's.
_ALIAS_BETWEEN = re.compile(
    r"[ \u3000]*(?:[（(][ \u3000]*"
    r"(?:曾用名|原名|化名|又名|别名|绰号|外号|诨号|小名|乳名|又称|人称|自称)"
    r"|[，,][ \u3000]*(?:曾用名|原名|化名|又名|别名))"
    r"(?:为|是|叫)?[：:]?[ \u3000]*[“\"「『]?"
)
_ALIAS_END = re.compile(r"[”\"」』]?[ \u3000]*[）)，,。；;\n]")


@lru_cache(maxsize=4096)
def person_key(name: str) -> str:
    """One spelling for one person: case, width, spaces and the kind of middle dot ignored.

    (Cached here, and folded without ``fold``'s cache, which holds whole decisions for the
    guard and the policy: a decision's names would push them out.)"""
    return "".join(fold.__wrapped__(name).split()).translate(_NAME_DOTS)


def _people(text: str, persons: Sequence[Stretch], record: DecisionRecord) -> dict[str, str]:
    """Group name spellings into people and give each person one pseudonym."""
    keys = [person_key(text[s.start : s.end]) for s in persons]
    by_start = sorted(range(len(persons)), key=lambda i: persons[i].start)
    keys_in_order = list(dict.fromkeys(keys[i] for i in by_start))
    parent = {k: k for k in keys_in_order}

    def root(k: str) -> str:
        while parent[k] != k:
            k = parent[k]
        return k

    def link(a: str, b: str) -> None:
        if a in parent and b in parent and root(a) != root(b):
            ra, rb = root(a), root(b)
            first, second = sorted((ra, rb), key=keys_in_order.index)
            parent[second] = first

    if record.is_natural_person:
        parts = [person_key(p) for p in party_name_aliases(record.party_name)]
        for other in parts[1:]:
            link(parts[0], other)
    # 谢尔盖·彼得罗维奇·伊万诺夫 … 谢尔盖彼得罗维奇伊万诺夫: the same name with and without dots
    undotted: dict[str, str] = {}
    for key in keys_in_order:
        link(undotted.setdefault(key.replace("·", ""), key), key)
    # 艾力·买买提 … 艾力: a dotted name's first part, found on its own, is the same person (the
    # engine propagates that part for this reason).
    for key in keys_in_order:
        head = key.split("·")[0]
        if "·" in key and len(head) >= 2:
            link(key, head)
    # Emily R. JOHNSON … 撞了Emily: a Latin word found alone is the one person whose name has it
    # (and BROWN, Oliver James … Oliver J. BROWN: a name whose initials stand for the words it
    # lacks of another; not David SMITH beside David John SMITH, his son)
    owners_of_word: dict[str, set[str]] = {}
    spelled: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
    for s in persons:
        spelling = text[s.start : s.end]
        words = _LATIN_WORD.findall(spelling)
        if _is_latin(spelling) and len(words) > 1:
            initials = frozenset(person_key(i) for i in _LATIN_INITIAL.findall(spelling))
            spelled[person_key(spelling)] = (frozenset(person_key(w) for w in words), initials)
            for word in words:
                owners_of_word.setdefault(person_key(word), set()).add(person_key(spelling))
    for key in keys_in_order:
        owners = owners_of_word.get(key, set()) - {key}
        if len(owners) == 1:
            link(next(iter(owners)), key)
    for a, b in itertools.permutations(spelled, 2):
        (short, initials), (long_, _) = spelled[a], spelled[b]
        missing = long_ - short
        if short < long_ and initials and {w[:1] for w in missing} == initials:
            link(a, b)
    # 张志勇 … 志勇: a given name the engine found alone belongs to the one person whose name
    # ends with it.
    given_only = set(keys) - {
        key for s, key in zip(persons, keys, strict=True) if s.recognizer != GIVEN_NAME_FINDER
    }
    # (and 甘子聪 … 阿聪称, 陳家豪 … “豪仔”: a familiar form, whoever found it)
    familiar = {key for key in keys if is_familiar_form(key)}
    for key in given_only | familiar:
        owners = [k for k in keys_in_order if k != key and key in short_forms(k)]
        if len(owners) == 1 and not (key in familiar and _in_one_sentence(text, owners[0], key)):
            link(owners[0], key)  # (not 王强与阿强发生争执: two people, one sentence)
    ordered = sorted(persons, key=lambda s: s.start)
    for first, second in itertools.pairwise(ordered):
        between = text[first.end : second.start]
        a, b = text[first.start : first.end], text[second.start : second.end]
        # (two Han names need a label between: 张三（李四之子） names two people)
        spellings = _SAME_PERSON_BETWEEN.fullmatch(between) and (
            _is_latin(a) or _is_latin(b) or _NAME_LABEL.search(between)
        )
        alias = _ALIAS_BETWEEN.fullmatch(between) and _ALIAS_END.match(text, second.end)
        if spellings or alias:
            link(person_key(a), person_key(b))

    groups: dict[str, list[str]] = {}
    for key in keys_in_order:
        groups.setdefault(root(key), []).append(key)
    for group in groups.values():  # the full name gives the pseudonym, not the given name
        group.sort(key=lambda k: k in given_only or k in familiar)
    order = list(groups)
    names = pseudonyms.assign([groups[r] for r in order])
    by_root = dict(zip(order, names, strict=True))
    return {key: by_root[root(key)] for key in keys_in_order}


_SENTENCE_END = re.compile("[。；;！!？?\n]")


def _in_one_sentence(text: str, a: str, b: str) -> bool:
    return any(a in sentence and b in sentence for sentence in _SENTENCE_END.split(text))


_LATIN_WORD = re.compile(r"[^\W\d_]{2,}")
_LATIN_INITIAL = re.compile(r"(?<![^\W\d_])([A-Z])\.")


def _is_latin(name: str) -> bool:
    """Written in another script than Chinese (Latin, Cyrillic, Hangul)."""
    return not is_han(name[:1])


def _apply(text: str, spans: list[Span]) -> tuple[str, list[tuple[int, int]]]:
    out: list[str] = []
    replaced: list[tuple[int, int]] = []
    last = length = 0
    for span in spans:
        kept = text[last : span.start]
        out.append(kept)
        length += len(kept)
        out.append(span.replacement)
        replaced.append((length, length + len(span.replacement)))
        length += len(span.replacement)
        last = span.end
    out.append(text[last:])
    return "".join(out), replaced
