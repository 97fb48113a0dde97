"""Offset-preserving text normalisation.

Decisions write the same number many ways (full-width digits, ``Ｘ``/``x``, spaces and dashes
inside). Matching works on a *folded* copy of the text in which every character maps to exactly
one character, so offsets found in the folded text are offsets in the original.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

_FULLWIDTH_OFFSET = 0xFEE0
#: Full-width digits to ASCII (a str.maketrans mapping).
FULLWIDTH_DIGITS = {chr(c): chr(c - _FULLWIDTH_OFFSET) for c in range(0xFF10, 0xFF1A)}


def _fold_char(ch: str) -> str:
    code = ord(ch)
    if 0xFF01 <= code <= 0xFF5E:  # full-width ASCII block
        ch = chr(code - _FULLWIDTH_OFFSET)
    elif ch == "\u3000":
        ch = " "
    return ch.lower()


_FOLD_TABLE = {chr(c): _fold_char(chr(c)) for c in range(0xFF01, 0xFF5F)}
_FOLD_TABLE["\u3000"] = " "
_FOLDED_CHAR = re.compile("[\uff01-\uff5e\u3000]")


def _folded_char(match: re.Match[str]) -> str:
    return _FOLD_TABLE[match.group()]


# Full-width punctuation that stands in almost every sentence of a Chinese text: replaced by
# str.replace first, so the regex below calls back into Python only for the rare others.
_COMMON_FULLWIDTH = [(ch, _FOLD_TABLE[ch]) for ch in "，（）：；"]


@lru_cache(maxsize=64)
def fold(text: str) -> str:
    """Full-width to half-width and lower case, one character for one character; zeros typed
    as 〇 or O among digits as 0.

    Cached: the engine, the guard and the policy fold the same decision text several times.
    (Replacing the few full-width characters is about twice as fast as ``str.translate``,
    which looks up every character of a Chinese text in the table.)
    """
    folded = text
    for full, half in _COMMON_FULLWIDTH:
        folded = folded.replace(full, half)
    if _FOLDED_CHAR.search(folded) is not None:
        folded = _FOLDED_CHAR.sub(_folded_char, folded)
    folded = folded.lower()
    if len(folded) != len(text):  # some Unicode lower-casings change length (e.g. 'İ')
        folded = "".join(_fold_char(c) if len(_fold_char(c)) == 1 else c for c in text)
    if "〇" in folded or "○" in folded or "o" in folded:
        folded = _ZERO_LOOKALIKES.sub(_zeros, folded)  # 2〇〇9.1〇.〇3 is 2009.10.03
    return folded


# Letters that Unicode case folding makes equal to an ASCII letter (Kelvin sign, long s, dotted
# capital I, dotless i). Patterns spell their cases out ([A-Za-z]) instead of matching with
# IGNORECASE, which folded these; the analysis text maps them to ASCII so that an identifier
# written with one of them is still found.
_ASCII_LOOKALIKES = str.maketrans({"\u212a": "K", "\u017f": "s", "\u0130": "I", "\u0131": "i"})


# A zero typed as 〇 or ○ next to digits (2〇〇9.1〇.〇3), or as the letter O between two digits
# (0373-5O82): a clerk's or a scanner's zero. (〇 among Chinese numerals, 二〇二五年, stays.)
# (The candidate character first, then what stands around it: scanned for those characters
# only, not tried at every position of the text.)
_ZERO_LOOKALIKES = re.compile(
    "[〇○Oo](?:(?<=[0-9０-９][〇○])[〇○]*|(?<=[〇○])[〇○]*(?=[0-9０-９])|(?<=[0-9][Oo])(?=[0-9]))"
)


def _zeros(match: re.Match[str]) -> str:
    return "0" * len(match.group())


def ascii_lookalikes(text: str) -> str:
    """``text`` with the letters that case-fold to ASCII written in ASCII, zeros written as 〇
    or O among digits written 0, and the O and l a scanner reads in a number written as digits
    (same length)."""
    # four substring tests are several times faster than one character-class search
    if "\u212a" in text or "\u017f" in text or "\u0130" in text or "\u0131" in text:
        text = text.translate(_ASCII_LOOKALIKES)
    if "〇" in text or "○" in text or "O" in text or "o" in text:
        text = _ZERO_LOOKALIKES.sub(_zeros, text)
    if _OCR_LETTER_BY_A_DIGIT.search(text) is not None:
        text = _ocr_digits(text)
    return text


# l3l-2OO4-8871, 6222 O210 0112 2337, 23O1O3 2OO7O1O1 6114: O, o, l and I read for 0 and 1 in a
# number by a scanner or a typist. A run of digits, these letters and short separators is read
# as digits when it holds at least six digits, no more letters than digits, and no other letter
# touches it (not a word such as Oil or a code such as IOS 17).
_OCR_LETTER_BY_A_DIGIT = re.compile("[OolI](?:(?<=[0-9][OolI])|(?=[0-9]))")
_OCR_RUN_CHARS = frozenset("0123456789OolI -")
_OCR_DIGITS = str.maketrans("OolI", "0011")
# I1234567, O12345678: one letter, then digits only: a passport's or a permit's own letter
_DOCUMENT_NUMBER = re.compile("[OolI][0-9]{6,}")


def _is_ascii_letter(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def _ocr_digits(text: str) -> str:
    chars = list(text)
    for match in _OCR_LETTER_BY_A_DIGIT.finditer(text):
        start = end = match.start()
        while start > 0 and text[start - 1] in _OCR_RUN_CHARS:
            start -= 1
        while end < len(text) and text[end] in _OCR_RUN_CHARS:
            end += 1
        run = text[start:end].strip(" -")
        start = text.index(run, start)
        end = start + len(run)
        digits = sum(c.isdigit() for c in run)
        letters = sum(c in "OolI" for c in run)
        if (
            digits >= 6
            and letters <= digits
            and not _is_ascii_letter(text[start - 1 : start])
            and not _is_ascii_letter(text[end : end + 1])
            and not _DOCUMENT_NUMBER.fullmatch(run)
        ):
            chars[start:end] = run.translate(_OCR_DIGITS)
    return "".join(chars)


# Traditional forms of the characters addresses are built with (Hong Kong, Macao and Taiwan
# parties write 文化路一段188巷12號5樓, 板橋區): read as their simplified forms, one for one.
_TRADITIONAL_ADDRESS = str.maketrans("號樓棟區縣層鎮鄉莊園灣廈門", "号楼栋区县层镇乡庄园湾厦门")
_TRADITIONAL_ADDRESS_RE = re.compile("[號樓棟區縣層鎮鄉莊園灣廈門]")


def analysis_text(text: str) -> str:
    """The text the recognizers read: ``text`` with ASCII lookalikes and the traditional
    address characters mapped, character for character (offsets hold for ``text``)."""
    text = ascii_lookalikes(text)
    if _TRADITIONAL_ADDRESS_RE.search(text) is not None:
        text = text.translate(_TRADITIONAL_ADDRESS)
    return text


# A stretch typed or scanned with a space between every two characters (出 生 日 期 ：1 9 8 3 年).
_LETTER_SPACED_HINT = re.compile(r" \S \S \S")
_LETTER_SPACED = re.compile(r"\S(?: \S){3,}")
_A_TITLE = re.compile("[\u4e00-\u9fff]{2,16}(?:决定书|通知书|告知书|笔录)")


def letter_spaced_squeezed(text: str) -> tuple[str, list[int], list[tuple[int, int]]] | None:
    """The lines of ``text`` that hold a letter-spaced stretch, with the stretches' spaces taken
    out (联 系 电 话 ：1 3 6 … becomes 联系电话：136…), joined by line breaks; for each character of
    the result its offset in ``text``; and where the stretches stand in ``text``. ``None`` when
    ``text`` has no such stretch."""
    if _LETTER_SPACED_HINT.search(text) is None:
        return None
    runs = [
        run.span()
        for run in _LETTER_SPACED.finditer(text)
        if not _A_TITLE.fullmatch(run.group()[::2])  # 行 政 处 罚 决 定 书: nothing to find
    ]
    if not runs:
        return None
    out: list[str] = []
    offsets: list[int] = []
    line_end = -1
    for start, end in runs:
        if start > line_end:  # a new line: what stands before the stretch on it
            line_start = text.rfind("\n", 0, start) + 1
            if out:
                out.append("\n")
                offsets.append(line_end)
            pos = line_start
        out.append(text[pos:start])
        offsets.extend(range(pos, start))
        out.append(text[start:end:2])
        offsets.extend(range(start, end, 2))
        pos = end
        line_end = text.find("\n", end)
        if line_end == -1:
            line_end = len(text)
        next_start = next((s for s, _ in runs if s > start), None)
        if next_start is None or next_start > line_end:  # the rest of the line
            out.append(text[pos:line_end])
            offsets.extend(range(pos, line_end))
    return "".join(out), offsets, runs


SEPARATORS = " \t-‐‑–—－·.．"


def compact(value: str) -> str:
    """A value with separators removed and folded: the key used to compare identifiers."""
    return "".join(c for c in fold(value) if c not in SEPARATORS and not c.isspace())


HAN_RE = re.compile(r"[\u3400-\u9fff]")


def is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff"


def trie_pattern(words: Iterable[str]) -> str:
    """A regex alternation of literal ``words`` factored into a trie (违法(?:行为人|嫌疑人)…).

    It matches what the plain alternation of the words sorted longest first matches: at one
    position only one branch of each node can go on, and an optional ending is greedy, so the
    longer word is tried first. Python's ``re`` tries a plain alternation word by word at
    every position; the trie settles most positions on the first character.
    """
    trie: dict[str, dict] = {}
    for word in set(words):
        if not word:
            continue
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_node_pattern(trie)


class WordsFirstPattern:
    """A compiled regex whose every match starts with one of ``words`` (each two characters or
    longer), searched by first finding where a word's first two characters stand.

    Python's ``re`` tries the branches of an alternation one by one, and at a position where
    none goes on it tries them all: with four hundred role words (two hundred first characters,
    人, 行, 法, 公 among them) that is some three thousand instructions at every fourth
    character of a decision, found by profiling to be 4 % of a redaction. Here one character
    class scan finds the candidates, a set lookup keeps those that begin a word, and the full
    pattern runs only there. ``match`` and ``finditer`` return what the pattern's own return.
    """

    def __init__(self, pattern: str, words: Iterable[str]) -> None:
        words = list(words)
        if any(len(word) < 2 for word in words):
            raise ValueError("every word needs two characters")
        self.pattern = re.compile(pattern)
        self._starts = frozenset(word[:2] for word in words)
        firsts = "".join(sorted({word[0] for word in words}))
        seconds = "".join(sorted({word[1] for word in words}))
        self._candidates = re.compile(f"[{re.escape(firsts)}][{re.escape(seconds)}]")

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        end = len(text) if endpos is None else endpos
        if text[pos : min(pos + 2, end)] not in self._starts:
            return None
        return self.pattern.match(text, pos, end)

    def finditer(
        self, text: str, pos: int = 0, endpos: int | None = None
    ) -> Iterator[re.Match[str]]:
        end = len(text) if endpos is None else endpos
        search, match, starts = self._candidates.search, self.pattern.match, self._starts
        while (candidate := search(text, pos, end)) is not None:
            start = candidate.start()
            found = match(text, start, end) if text[start : start + 2] in starts else None
            if found is None:
                pos = start + 1
            else:
                yield found
                pos = found.end()


def _trie_node_pattern(node: dict[str, dict]) -> str:
    ends_here = "" in node
    branches = [
        re.escape(ch) + _trie_node_pattern(child) for ch, child in sorted(node.items()) if ch
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends_here:
        return ("(?:" + body + ")?") if len(branches) > 1 or len(body) > 1 else body + "?"
    return body


def first_character_alternation(*alternatives: tuple[str, str]) -> str:
    """An alternation ``F1R1|F2R2|…`` written so that Python's ``re`` scans a text for it fast.

    Each alternative is given as (the class of its first character, as the inside of a
    ``[…]``; the regex for the rest). ``re`` skips quickly to candidate positions only for a
    pattern whose first element is a literal, a single character class, or an alternation
    whose branches all start with a literal; a repeat, a lookaround or an alternation of
    classes in front makes it try a full match at every position of the text (three to five
    times slower on a decision). So the first character is matched once, by the union of
    the classes, and a one-character lookbehind then picks the alternatives it can start, in
    their order: ``[F1F2…](?:(?<=[F1])R1|(?<=[F2])R2|…)`` matches what the plain alternation
    matches. A lookbehind on the match start in ``Ri`` must reach one character further back.
    """
    union = "".join(first for first, _ in alternatives)
    branches = "|".join(f"(?<=[{first}])(?:{rest})" for first, rest in alternatives)
    return f"[{union}](?:{branches})"
