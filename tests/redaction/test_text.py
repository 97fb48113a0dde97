"""Text helpers: the trie alternation matches what the plain alternation matches."""

from __future__ import annotations

import random
import re

import pytest

from gongkai.redaction.roles import ROLE_WORDS
from gongkai.redaction.text import (
    WordsFirstPattern,
    ascii_lookalikes,
    first_character_alternation,
    fold,
    letter_spaced_squeezed,
    trie_pattern,
)


def _longest_first(words: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(sorted(set(words), key=len, reverse=True)))


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def test_trie_prefers_the_longest_word() -> None:
    pattern = re.compile(trie_pattern(["证人", "证人证言", "人", "违法行为人", "违法嫌疑人"]))
    assert [m.group() for m in pattern.finditer("证人证言，证人证，违法嫌疑人")] == [
        "证人证言",
        "证人",
        "违法嫌疑人",
    ]


def test_trie_escapes_metacharacters() -> None:
    pattern = re.compile(trie_pattern(["a.b", "a.b+", "(x)"]))
    assert _spans(pattern, "axb a.b+ (x)") == [(4, 8), (9, 12)]


def test_trie_matches_like_the_plain_alternation_on_random_text() -> None:
    rng = random.Random(7)
    alphabet = "违法行为人证被侵害同案人员"
    for _ in range(200):
        words = ["".join(rng.choices(alphabet, k=rng.randint(1, 5))) for _ in range(12)]
        text = "".join(rng.choices(alphabet + "，张", k=80))
        assert _spans(re.compile(trie_pattern(words)), text) == _spans(_longest_first(words), text)


def test_role_words_trie_matches_the_plain_alternation() -> None:
    text = "违法行为人张三、被侵害人李四、证人王五、同案违法行为人赵六的妻子孙七；其丈夫周八"
    assert _spans(re.compile(trie_pattern(ROLE_WORDS)), text) == _spans(
        _longest_first(list(ROLE_WORDS)), text
    )


def test_words_first_pattern_matches_like_its_pattern_on_random_text() -> None:
    rng = random.Random(11)
    alphabet = "违法行为人证被侵害同案员"
    for _ in range(200):
        words = ["".join(rng.choices(alphabet, k=rng.randint(2, 4))) for _ in range(10)]
        regex = f"(?:{trie_pattern(words)})(?:为|是)?(?=[张李])"
        fast, plain = WordsFirstPattern(regex, words), re.compile(regex)
        text = "".join(rng.choices(alphabet + "，张李为", k=80))
        pos, endpos = rng.randint(0, 20), rng.randint(50, 80)
        assert _spans(fast, text) == _spans(plain, text)
        assert [m.span() for m in fast.finditer(text, pos, endpos)] == [
            m.span() for m in plain.finditer(text, pos, endpos)
        ]
        for start in range(len(text)):
            expected = plain.match(text, start, endpos)
            found = fast.match(text, start, endpos)
            assert (found and found.span()) == (expected and expected.span())


def test_words_first_pattern_needs_two_characters_per_word() -> None:
    with pytest.raises(ValueError, match="two characters"):
        WordsFirstPattern("人|证人", ["人", "证人"])


def test_first_character_alternation_matches_the_plain_alternation() -> None:
    rng = random.Random(11)
    alphabet = "ab12中文（(，"
    classes = ["a", "ab", "1-2", "中", "（(", "b1"]
    rests = ["", "b", "[0-9]{1,2}", "文?", "[a中]+", "(?=，)", "(?<=a.)1"]
    for _ in range(300):
        alternatives = [(rng.choice(classes), rng.choice(rests)) for _ in range(rng.randint(1, 4))]
        plain = re.compile("|".join(f"[{first}]{rest}" for first, rest in alternatives))
        scanned = re.compile(first_character_alternation(*alternatives))
        for _ in range(20):
            text = "".join(rng.choices(alphabet, k=rng.randint(0, 20)))
            assert [(m.span(), m.group()) for m in scanned.finditer(text)] == [
                (m.span(), m.group()) for m in plain.finditer(text)
            ], (alternatives, text)


def test_first_character_alternation_starts_with_one_character_class() -> None:
    from re import _compiler, _parser  # type: ignore[attr-defined]

    charset_prefix = getattr(_compiler, "_get_charset_prefix", None)
    if charset_prefix is None:
        pytest.skip("this Python's re compiler has no charset prefix to check")
    pattern = first_character_alternation(("0-9", "[0-9]{3}"), ("一二", "[〇一二]{3}年"))
    assert charset_prefix(_parser.parse(pattern, 0), 0)  # what lets ``re`` skip to candidates


def test_ascii_lookalikes_keeps_length_and_maps_only_case_folding_letters() -> None:
    text = "京A12\u212a45 l\u0131s \u017fun \u0130D 张三 Ｋ"
    mapped = ascii_lookalikes(text)
    assert mapped == "京A12K45 lis sun ID 张三 Ｋ"
    assert len(mapped) == len(text)
    assert ascii_lookalikes("无需改动") == "无需改动"


@pytest.mark.parametrize(
    ("text", "mapped"),
    [
        ("出生日期2〇〇9.1〇.〇3，", "出生日期2009.10.03，"),  # 〇 for a zero among digits
        ("电话0373-5O82 614", "电话0373-5082 614"),  # the letter O between digits
        ("二〇二五年十月", "二〇二五年十月"),  # Chinese numerals stay
        ("Oslo 2O24", "Oslo 2024"),
        ("FOO号", "FOO号"),
    ],
)
def test_zeros_typed_as_letters_are_zeros(text: str, mapped: str) -> None:
    assert ascii_lookalikes(text) == mapped
    assert fold(text) == mapped.lower().replace("，", ",")


def test_letter_spaced_lines_are_squeezed_with_their_offsets() -> None:
    text = "头\n联 系 电 话 ：1 3 6 2 7 1 4 8 0 5 9，尾\n中间\n出 生 日 期 ：1 9 8 3 年\n尾"
    squeezed, offsets, runs = letter_spaced_squeezed(text)
    assert squeezed == "联系电话：13627148059，尾\n出生日期：1983年"
    assert [text[i] for i in offsets] == list(squeezed)
    assert [text[s:e] for s, e in runs][:2] == ["联 系 电 话 ：", "1 3 6 2 7 1 4 8 0 5 9"]
    assert letter_spaced_squeezed("电话138 1234 5678，住址略") is None


def test_a_letter_spaced_title_is_not_read_again() -> None:
    assert letter_spaced_squeezed("洛阳市公安局\n行 政 处 罚 决 定 书\n洛公决字") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("联系方式│l86-4567-2310 ", "联系方式│186-4567-2310 "),
        ("联系电话：l3l-2OO4-8871。", "联系电话：131-2004-8871。"),
        ("卡号6222 O210 0112 2337、", "卡号6222 0210 0112 2337、"),
        ("身份证号码  23O1O3 2OO7O1O1 6114", "身份证号码  230103 20070101 6114"),
        # words and codes with letters stay
        ("Oil 2023 IOS 17 2023年", "Oil 2023 IOS 17 2023年"),
        ("HELLO 1234567，版本V1.0.1", "HELLO 1234567，版本V1.0.1"),
        # a document number's own letter stays
        ("持I1234567号护照，证件l0123456", "持I1234567号护照，证件l0123456"),
    ],
)
def test_letters_a_scanner_reads_in_a_number_are_digits(text, expected):
    from gongkai.redaction.text import ascii_lookalikes

    assert ascii_lookalikes(text) == expected
