"""The shared pattern loop gives what Presidio's own PatternRecognizer gives, window by window."""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import regex
from presidio_analyzer import EntityRecognizer, Pattern, PatternRecognizer, RecognizerResult

from gongkai.redaction.analyzer import all_recognizers, identifier_recognizers
from gongkai.redaction.recognizers.base import ChinesePatternRecognizer, remove_duplicates

TEXTS = [
    "违法行为人张某（身份证号：11010519491231002X，联系电话：138 0013 8000），"
    "驾驶京A·D12345号小型汽车，其银行卡号6222 0212 3456 7890 128内转入赃款。",
    "当事人护照号码E12345678，微信号wxid_abc12345，QQ：123456789，邮箱zhang@example.com，"
    "登录IP 192.168.1.20，车架号LSVAM4187C2184847，固话010-62345678。",
    "本决定书编号：京公（朝）行罚决字〔2025〕第012345号，罚款人民币伍佰元（500元）。",
]


def _presidio(recognizer: ChinesePatternRecognizer, text: str) -> set[tuple]:
    """Presidio's PatternRecognizer.analyze on each window, the way the recognizer windows."""
    if recognizer.WINDOW is None:
        if recognizer.TRIGGER is not None and recognizer.TRIGGER.search(text) is None:
            return set()
        windows = [(0, len(text))]
    else:
        windows = recognizer._windows(text, recognizer.WINDOW)
    found: set[tuple] = set()
    for start, end in windows:
        for r in PatternRecognizer.analyze(recognizer, text[start:end], None):
            found.add(_key(r, start))
    return found


def _key(result: RecognizerResult, shift: int = 0) -> tuple:
    explanation = result.analysis_explanation
    assert explanation is not None
    return (
        result.entity_type,
        result.start + shift,
        result.end + shift,
        result.score,
        explanation.pattern_name,
        explanation.original_score,
        explanation.validation_result,
    )


@pytest.mark.parametrize(("text", "at_least"), list(zip(TEXTS, [4, 6, 0], strict=True)))
def test_pattern_loop_matches_presidio(text: str, at_least: int) -> None:
    compared = 0
    for recognizer in identifier_recognizers():
        if not isinstance(recognizer, ChinesePatternRecognizer):
            continue
        ours = {_key(r) for r in ChinesePatternRecognizer.analyze(recognizer, text, None)}
        assert ours == _presidio(recognizer, text), recognizer.name
        compared += len(ours)
    assert compared >= at_least  # the first two texts hold identifiers, the last none


def test_results_carry_the_recognizer_identity() -> None:
    recognizer = next(r for r in identifier_recognizers() if r.name == "PhoneRecognizer")
    [result] = recognizer.analyze("联系电话：13800138000。", None)
    assert result.recognition_metadata[RecognizerResult.RECOGNIZER_NAME_KEY] == "PhoneRecognizer"
    assert result.recognition_metadata[RecognizerResult.RECOGNIZER_IDENTIFIER_KEY] == recognizer.id


# Numbers where a trigger could slip: at the very start and end, broken by a line break,
# full-width, IPv6, next to letters, dashes and brackets.
NUMBER_TEXTS = [
    *TEXTS,
    "13800138000",
    "电话13800138000",
    "身份证号11010519491231\n002X，手机（０２０）８７６５４３２１",
    "IP：2001:db8::1 与 １９２．１６８．１．２０；车架号LSVAM4187C2184847A",
    "卡号6222-0212-3456-7890-128、6222 0212 3456 7890 128。VIN:lsvam4187c2184847",
    "\n\n110105 19491231 002X\n",
]


def test_triggers_in_numbers_match_as_on_the_whole_text() -> None:
    recognizers = [
        r
        for r in identifier_recognizers()
        if isinstance(r, ChinesePatternRecognizer) and r.TRIGGER_IN_NUMBERS
    ]
    assert {r.name for r in recognizers} >= {"PhoneRecognizer", "ResidentIdRecognizer"}
    found = 0
    for recognizer in recognizers:
        assert recognizer.TRIGGER is not None
        # no lookaround, but for lookbehinds on a match's own first character, and a character
        # before it that is not one of some number characters (the joined runs keep it: any
        # other character becomes the NUL between runs, which is not one of them either)
        pattern = re.sub(r"\(\?<=\[[^\]]*\]\)", "", recognizer.TRIGGER.pattern)
        pattern = re.sub(r"\(\?<!\[[0-9A-Za-z０-９Ａ-Ｚａ-ｚ\-]*\]\.\)", "", pattern)
        assert "(?=" not in pattern
        assert "(?!" not in pattern
        assert "(?<" not in pattern
        for text in NUMBER_TEXTS:
            expected = [m.span() for m in recognizer.TRIGGER.finditer(text)]
            assert list(recognizer.trigger_spans(text)) == expected, (recognizer.name, text)
            found += len(expected)
    assert found >= 10


@pytest.mark.parametrize(
    ("text", "trigger", "windows"),
    [
        # both edges fall inside one run: widened to the run's edges
        ("号码ABC12345DEF尾", 5, [(2, 13)]),
        # a run right after the end or right before the start is taken in whole (a
        # lookahead or lookbehind at the window's edge must see it)
        ("甲乙丙12345丁戊AB", 3, [(1, 12)]),
        ("AB甲乙12345丙丁戊己", 4, [(0, 11)]),
        # the window is clipped to the text
        ("12345", 0, [(0, 5)]),
    ],
)
def test_windows_never_cut_a_number_or_word(
    text: str, trigger: int, windows: list[tuple[int, int]]
) -> None:
    class Digits(ChinesePatternRecognizer):
        ENTITY = "TEST"
        TRIGGER = re.compile("[0-9]{5}")
        WINDOW = 2
        PATTERNS = [Pattern("five digits", "[0-9]{5}", 0.5)]

    recognizer = Digits()
    assert recognizer.TRIGGER is not None
    assert recognizer.TRIGGER.search(text).start() == trigger  # type: ignore[union-attr]
    assert recognizer._windows(text, recognizer.WINDOW) == windows


def _fixture_texts() -> list[str]:
    texts = [*TEXTS, *NUMBER_TEXTS]
    for export in sorted(Path(__file__).parents[2].glob("fixtures/*/export.jsonl")):
        for line in export.read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line).get("full_text", ""))
    return texts


def test_patterns_spell_out_the_cases_they_accept() -> None:
    """Patterns run without IGNORECASE (a case lookup per character tried is slow); each
    pattern accepts on its own every case it means to ([A-Za-z], (?i:passport)), so it finds
    what it found with IGNORECASE, in any case the text is written in."""
    texts = _fixture_texts()
    texts += [t.swapcase() for t in texts] + [t.upper() for t in texts]
    compared = 0
    for recognizer in all_recognizers():
        if not isinstance(recognizer, ChinesePatternRecognizer) or recognizer.name in {
            "LatinNameRecognizer"  # case is the evidence there: Wang Fang, not "wang fang"
        }:
            continue
        assert not recognizer.global_regex_flags & re.IGNORECASE, recognizer.name
        for pattern in recognizer.patterns:
            plain = regex.compile(pattern.regex, recognizer.global_regex_flags)
            ignoring = regex.compile(pattern.regex, recognizer.global_regex_flags | re.I)
            for text in texts:
                spans = [m.span() for m in plain.finditer(text)]
                assert spans == [m.span() for m in ignoring.finditer(text)], pattern.name
                compared += len(spans)
    assert compared > 1000


@pytest.mark.parametrize(
    ("recognizer_name", "text", "value"),
    [
        ("QqRecognizer", "ｑｑ号：12345678", "12345678"),
        ("WeChatRecognizer", "WECHAT ID：zhang_san88", "zhang_san88"),
        ("WeChatRecognizer", "Weixin：zhang_san88", "zhang_san88"),
        ("WeChatRecognizer", "转账给WXID_abcdef123", "WXID_abcdef123"),
        ("TravelDocumentRecognizer", "PASSPORT NO. E12345678", "E12345678"),
        ("AccountRecognizer", "抖音id：huahua_2020", "huahua_2020"),
        ("HealthRecognizer", "经检测为hiv阳性", "hiv阳性"),
        ("PhoneRecognizer", "联系电话：010-62345678 EXT.123", "010-62345678 EXT.123"),
    ],
)
def test_labels_are_read_in_any_case(
    analyze: Callable[..., list[RecognizerResult]], recognizer_name: str, text: str, value: str
) -> None:
    [recognizer] = [r for r in all_recognizers() if r.name == recognizer_name]
    found = {text[r.start : r.end] for r in analyze(recognizer, text)}
    assert value in found


def test_remove_duplicates_is_presidios_step_for_step() -> None:
    rng = random.Random(7)
    for _ in range(3000):
        results = []
        for _ in range(rng.randint(0, 9)):
            start = rng.randint(0, 10)
            results.append(
                RecognizerResult(
                    rng.choice(["ID_NUMBER", "PHONE"]),
                    start,
                    start + rng.randint(1, 5),
                    rng.choice([0.0, 0.1, 0.3, 0.5, 0.5, 1.0]),
                )
            )
        expected = EntityRecognizer.remove_duplicates(list(results))
        assert [id(r) for r in remove_duplicates(list(results))] == [id(r) for r in expected]


def test_windows_find_what_the_whole_text_gives() -> None:
    """A recognizer that runs its patterns only around its trigger finds exactly what its
    patterns find on the whole decision."""
    texts = _fixture_texts()
    compared = 0
    for recognizer in all_recognizers():
        if not isinstance(recognizer, ChinesePatternRecognizer) or recognizer.TRIGGER is None:
            continue
        for text in texts:
            whole = {_key(r) for r in PatternRecognizer.analyze(recognizer, text, None)}
            whole = {k for k in whole if k[3] > recognizer.MIN_SCORE}
            ours = {_key(r) for r in ChinesePatternRecognizer.analyze(recognizer, text, None)}
            assert ours == whole, (recognizer.name, text)
            compared += len(ours)
    assert compared > 500


def test_triggers_start_with_one_character_or_class() -> None:
    """Triggers are scanned over every decision: ``re`` skips fast to where they can start only
    when they start with a literal or one character class (see first_character_alternation)."""
    compiler = pytest.importorskip("re._compiler")
    parser = pytest.importorskip("re._parser")
    if not hasattr(compiler, "_get_charset_prefix"):
        pytest.skip("this Python's re compiler has no prefix analysis to check")
    checked = 0
    for recognizer in all_recognizers():
        trigger = getattr(recognizer, "TRIGGER", None)
        if not isinstance(trigger, re.Pattern):
            continue  # the regex module does its own first-character analysis
        parsed = parser.parse(trigger.pattern, trigger.flags)
        literal = compiler._get_literal_prefix(parsed, trigger.flags)[0]
        assert literal or compiler._get_charset_prefix(parsed, trigger.flags), recognizer.name
        checked += 1
    assert checked >= 10
