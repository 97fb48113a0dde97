"""The leak guard: scan the *redacted* text again, fail closed on any hit.

Two checks. First, every known personal value of the record (party name, ID number, birth
date), however spaced or written, anywhere in the redacted text. Second, every identifier the
recognizers know: a cheap pre-screen finds every identifier-shaped stretch left in the text
(digit and letter runs, ``@``, plate prefixes, account labels), and the same identifier
recognizers that redacted the text then judge those stretches with their context. Anything
found outside the stretches that must stay readable makes the decision unpublishable.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from presidio_analyzer import EntityRecognizer, RecognizerResult

from gongkai.redaction import entities
from gongkai.redaction.keep import Stretches, keep_spans
from gongkai.redaction.recognizers.known_values import KnownValueRecognizer
from gongkai.redaction.record import DecisionRecord
from gongkai.redaction.result import Withholding
from gongkai.redaction.text import ascii_lookalikes, first_character_alternation

_ALNUM = "0-9A-Za-z０-９Ａ-Ｚａ-ｚ"
_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领"
# Anything an identifier recognizer could match starts inside one of these shapes: a run of
# number characters, an e-mail's @, a plate's province, an account label.
_ACCOUNT_LABELS = ("昵称", "网名", "账号", "账户", "微信", "QQ", "扣扣")
_IDENTIFIER_SHAPE = re.compile(
    first_character_alternation(
        (f"{_ALNUM}+＋(（", rf"[{_ALNUM} _\-－‐—.．/:：@＠()（）]{{4,}}"),
        (rf"{_ALNUM}._\-", rf"[{_ALNUM}._\-]*[@＠][{_ALNUM}._\-]*"),
        ("@＠", rf"[{_ALNUM}._\-]*"),
        (_PROVINCES, "[A-Za-zＡ-Ｚａ-ｚ]"),
        *[(label[0], label[1:]) for label in _ACCOUNT_LABELS],
    )
)
_CONTEXT_BEFORE = 16  # characters of context the recognizers look at before a match
_CONTEXT_AFTER = 24
_JOIN = "\n\n"


def find_leaks(
    redacted_text: str,
    record: DecisionRecord,
    known: KnownValueRecognizer,
    recognizers: list[EntityRecognizer],
    threshold: float,
    replacements: list[tuple[int, int]],
) -> list[str]:
    """Entity types still present in ``redacted_text`` (empty when it is clean).

    ``replacements`` are where placeholders and pseudonyms stand in the redacted text; a
    match that lies wholly inside one is the placeholder itself (昵称“【账号】”), not a leak.
    """
    redacted_text = ascii_lookalikes(redacted_text)
    placeholders = Stretches(replacements)
    # The party's own values are a leak wherever they stand, kept stretches included.
    leaked = {
        kind
        for kind, start, end, _ in known.find(redacted_text, strict=True)
        if not placeholders.contains(start, end)
    }
    windows = _windows(redacted_text, placeholders)
    if not windows:
        return sorted(leaked)
    # One analyzer call over all windows, joined by blank lines (no identifier spans one).
    joined_starts, parts, offset = [], [], 0
    for start, end in windows:
        joined_starts.append(offset)
        parts.append(redacted_text[start:end])
        offset += end - start + len(_JOIN)
    joined = _JOIN.join(parts)
    keep: Stretches | None = None  # computed only when something is found
    for result in _identifiers(joined, recognizers, threshold):
        if keep is None:
            keep = Stretches(keep_spans(record, redacted_text) + replacements)
        i = bisect_right(joined_starts, result.start) - 1
        shift = windows[i][0] - joined_starts[i]
        if not keep.contains(result.start + shift, result.end + shift):
            leaked.add(result.entity_type)
    return sorted(leaked)


def _identifiers(
    text: str, recognizers: list[EntityRecognizer], threshold: float
) -> list[RecognizerResult]:
    """The identifier recognizers run directly (with their character context): the same
    judgement as in the redaction pass, without the analyzer's bookkeeping."""
    found = []
    for recognizer in recognizers:
        results = recognizer.analyze(text, None, None)
        if results:
            results = recognizer.enhance_using_context(text, results, [], None)
            found += [r for r in results if r.score >= threshold]
    return [r for r in found if r.entity_type in entities.IDENTIFIER_TYPES]


def _windows(text: str, placeholders: Stretches) -> list[tuple[int, int]]:
    """Merged stretches around every identifier-shaped run that is not a placeholder."""
    windows: list[tuple[int, int]] = []
    for match in _IDENTIFIER_SHAPE.finditer(text):
        if placeholders.contains(*match.span()):
            continue
        start = max(0, match.start() - _CONTEXT_BEFORE)
        end = min(len(text), match.end() + _CONTEXT_AFTER)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(end, windows[-1][1]))
        else:
            windows.append((start, end))
    return windows


def leak_withholding(leaked: list[str]) -> Withholding:
    return Withholding(
        "leak_guard",
        "脱敏后复查仍发现个人信息（" + "、".join(leaked) + "），为防泄露暂不公开，须人工复核",
    )
