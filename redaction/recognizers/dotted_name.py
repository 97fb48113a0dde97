"""Ethnic-minority names and Chinese renderings of foreign names, written with a middle dot."""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import AnalysisExplanation, LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from gongkai.redaction import entities
from gongkai.redaction.names import NAME_DOTS, TRANSLITERATION, is_han, segmenter
from gongkai.redaction.roles import ROLE_WORDS

DOTS = NAME_DOTS  # writers also join name parts with a full stop or a dash
_MAX_PART = 14  # characters on either side of a dot
# A writer who types half-width commas between Chinese words may type half-width full stops too
# (双方发生争执.庄志明报警): there "." joins a name only between two transliteration characters
# (阿卜杜拉.吐尔逊).
_HALF_WIDTH_COMMA = re.compile("[\u3400-\u9fff],[\u3400-\u9fff]")
_DIGITS = "0123456789０１２３４５６７８９"
# A dot between Han characters, or a Latin initial between two dots (约翰·A·史密斯, 莎拉·K.·李).
_DOT_BETWEEN_HAN = re.compile(
    f"[{re.escape(DOTS)}](?<=[\u3400-\u9fff].)(?:[A-Z][.．]?[{re.escape(DOTS)}])?"
    "(?=[\u3400-\u9fff])"
)
_INITIAL_JOINT = re.compile(
    f"[{re.escape(DOTS)}]?[A-Z][.．]?[{re.escape(DOTS)}](?=[\u3400-\u9fff])"
)
# A dictionary word this frequent is everyday text, not a name part (公安局·…).
_EVERYDAY_FREQ = 500
# Single characters that end a name part when ordinary text follows them.
_FUNCTION = frozenset(
    "的了在与和及等是被把对将从说称并因于向系为到就也又都均还已曾仍共随之其给后经由"
)
# Single characters that end a name part wherever they stand (verbs, markers).
_SINGLE_STOPS = _FUNCTION - TRANSLITERATION | frozenset(
    "持将把被对给让使以用自往至现再即便遂而或拟原"
    "未拒扇抓扯踢砸骂偷抢拽着"  # verbs after a name (…比比未依法, …赖特扇其耳光, …陪着)
)
_ROLES = sorted(set(ROLE_WORDS), key=len, reverse=True)


class DottedNameRecognizer(LocalRecognizer):
    """买买提江·吐尔逊, 阿依古丽·买买提, 约翰·史密斯: Han text joined by a middle dot is a name.

    The hard part is where the name begins and ends, since the text around it has no spaces
    (现决定给予买买提江·吐尔逊行政拘留五日). Role words are cut off, then jieba segments each side
    and the name takes the unknown or rare words next to the dot, stopping at frequent words
    and at function characters that are followed by ordinary text (…吐尔逊于2023年, but
    阿布都拉 keeps its 都).
    """

    ENTITY: ClassVar[str] = entities.PERSON
    SCORE: ClassVar[float] = 0.85

    def __init__(self, supported_language: str = "zh") -> None:
        super().__init__(
            supported_entities=[self.ENTITY],
            name=type(self).__name__,
            supported_language=supported_language,
        )

    def load(self) -> None:
        pass

    def analyze(
        self,
        text: str,
        entities: list[str] | None = None,
        nlp_artifacts: NlpArtifacts | None = None,
    ) -> list[RecognizerResult]:
        results: list[RecognizerResult] = []
        if not any(dot in text for dot in DOTS):
            return results
        half_width = _HALF_WIDTH_COMMA.search(text) is not None
        pos = 0
        while pos < len(text):
            dot, joint_end = _next_dot(text, pos)
            if dot < 0:
                break
            if (
                half_width
                and text[dot] == "."
                and not (text[dot - 1] in TRANSLITERATION and text[dot + 1] in TRANSLITERATION)
            ):
                pos = dot + 1  # 争执.庄志明: a full stop
                continue
            start = name_start(text, dot)
            end, last_dot = _name_end(text, joint_end)
            pos = last_dot + 1
            if start is None or end is None or end - start < 3:
                continue
            explanation = AnalysisExplanation(
                recognizer=self.name,
                original_score=self.SCORE,
                textual_explanation="name parts joined by a middle dot",
            )
            results.append(
                RecognizerResult(
                    self.ENTITY, start, end, self.SCORE, analysis_explanation=explanation
                )
            )
            pos = max(pos, end)
        return results


def _next_dot(text: str, pos: int) -> tuple[int, int]:
    """The next dot between name parts and the last dot of its joint (the same one unless a
    Latin initial stands between two dots)."""
    match = _DOT_BETWEEN_HAN.search(text, pos)
    return (match.start(), match.end() - 1) if match else (-1, -1)


def name_start(text: str, dot: int) -> int | None:
    """Where the name part that ends at ``dot`` begins (role words cut off)."""
    run_start = dot
    while run_start > 0 and dot - run_start < _MAX_PART and is_han(text[run_start - 1]):
        run_start -= 1
    head = text[run_start:dot]
    cut = 0
    for role in _ROLES:
        at = head.rfind(role)
        if at != -1:
            cut = max(cut, at + len(role))
    head = head[cut:]
    if not head:
        return None
    tokens = segmenter().cut_words(head)
    kept = 0
    for i in range(len(tokens) - 1, -1, -1):
        token = tokens[i]
        if not _name_part(token, next_to_dot=not kept):
            break
        if (
            len(token) == 1
            and token not in TRANSLITERATION
            and kept
            and (i == 0 or not _name_part(tokens[i - 1]))
        ):
            break  # 有艾合买提·…, 致玉素甫·…: a stray character before the name
        kept += len(token)
    start = dot - kept
    # 29日托马斯·赖特: the end of a date is not part of the name
    if kept and start > 0 and text[start - 1] in _DIGITS and text[start] in "日月年号时分":
        kept -= 1
    return dot - kept if kept else None


def _name_end(text: str, dot: int) -> tuple[int | None, int]:
    """End of the name whose (first) dot is at ``dot``, and the last dot it spans."""
    end: int | None = None
    while True:
        run_end = dot + 1
        while run_end < len(text) and run_end - dot <= _MAX_PART and is_han(text[run_end]):
            run_end += 1
        tokens = segmenter().cut_words(text[dot + 1 : run_end])
        taken = 0
        for i, token in enumerate(tokens):
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            if not _name_part(token, next_to_dot=i == 0):
                break
            if (
                len(token) == 1
                and token not in TRANSLITERATION
                and i > 0
                and (nxt is None or not _name_part(nxt))
            ):
                break  # …亚森原系…: a stray character at the end is ordinary text
            if token in _FUNCTION and (nxt is None or not (_name_part(nxt) or nxt in _FUNCTION)):
                break  # …热合曼于2023年 (but 阿不都在…: 都 belongs to the name)
            taken += len(token)
        if not taken:
            return end, dot
        end = dot + 1 + taken
        if text[end - 1] == "于" and text[end : end + 1] in _DIGITS and taken > 2:
            end -= 1  # …吐尔逊于7月9日: 于 and a date, whatever the segmenter glued (逊于)
        if end < len(text) - 1 and text[end] in DOTS and end == run_end and is_han(text[end + 1]):
            dot = end  # A·B·C: the name goes on after another dot
            continue
        joint = _INITIAL_JOINT.match(text, end) if end == run_end else None
        if joint and (text[end] in DOTS or text[end - 1 : end] in DOTS):
            dot = joint.end() - 1  # 约翰·A·史密斯 … ·K·: an initial between the parts
            continue
        return end, dot


# Time words made of transliteration characters (次日阿卜杜拉·吐尔逊被查获): no name part.
_TIME_WORDS = frozenset(
    {"次日", "当日", "同日", "翌日", "当晚", "当天", "次月", "同年", "当年"}
    | {"依法", "拒不", "不予", "不服"}  # everyday words, no time, all the same
)


def _name_part(token: str, next_to_dot: bool = False) -> bool:
    """Could this token still belong to a transliterated name? (买买提, 努尔, 史密斯: yes;
    给予, 行政拘留, 琐事: no; a single character unless it is a function word or verb).

    Right next to the dot any word that is not an everyday one counts (安德烈·…)."""
    if len(token) == 1:
        return token not in _SINGLE_STOPS
    if token in _TIME_WORDS:
        return False
    if all(ch in TRANSLITERATION for ch in token):
        return True
    return next_to_dot and segmenter().freq(token) < _EVERYDAY_FREQ
