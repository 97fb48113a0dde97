"""Ethnic-minority names and Chinese renderings of foreign names, written with a middle dot."""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import AnalysisExplanation, LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from gongkai.redaction import entities
from gongkai.redaction.names import HAN
from gongkai.redaction.recognizers.han_name import ROLE_WORDS

_DOTS = "·•・‧∙"
_DOTTED_RE = re.compile(rf"[{HAN}]{{1,12}}(?:[{_DOTS}][{HAN}]{{1,10}})+")
# Characters that end the part after the last dot: verbs and particles that follow a name.
_TRAILING = re.compile(
    r"(?:[的了在与和及等是被把对将从说称并因于向系为到就也又都均还已曾仍共随之其]"
    r"|驾驶|持有|居住|入境|出境|非法|未|无).*$"
)
_ROLES = sorted(set(ROLE_WORDS), key=len, reverse=True)
_LEADING_NOISE = re.compile(
    r"^.*[的了在与和及等是被把对将从说称并因于向系为到就也又都均还已曾仍共随]"
)


class DottedNameRecognizer(LocalRecognizer):
    """买买提江·吐尔逊, 阿依古丽·买买提, 约翰·史密斯: a middle dot inside Han text is a name.

    The run before the first dot often starts with a role word or a verb (违法行为人买买提江…);
    those are cut off, as are verbs glued after the last part (…吐尔逊驾驶).
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
        if not any(dot in text for dot in _DOTS):
            return results
        for match in _DOTTED_RE.finditer(text):
            start, end = match.span()
            value = match.group(0)
            first_dot = min(value.find(d) for d in _DOTS if d in value)
            head = value[:first_dot]
            cut = _strip_role(head)
            cut = _LEADING_NOISE.sub("", cut) or cut
            start += len(head) - len(cut)
            last_dot = max(value.rfind(d) for d in _DOTS)
            tail = value[last_dot + 1 :]
            trimmed = _TRAILING.sub("", tail)
            if not trimmed:
                continue
            end -= len(tail) - len(trimmed)
            if end - start < 3 or not cut:
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
        return results


def _strip_role(head: str) -> str:
    """Drop the longest role word (and anything before it) from the front part."""
    best = -1
    for role in _ROLES:
        pos = head.rfind(role)
        if pos != -1:
            best = max(best, pos + len(role))
    cut = head[best:] if best >= 0 else head
    return cut.lstrip("：:")
