"""Shared pieces for Gongkai's Presidio recognizers.

Chinese has no word boundaries, so Presidio's token/lemma context enhancer cannot see context
words next to a match. :class:`ChinesePatternRecognizer` looks at the characters just before a
match instead (``CONTEXT_WINDOW``) and boosts the score when one of its ``CONTEXT`` words is
there. Subclasses keep Presidio's habits: ``PATTERNS`` and ``CONTEXT`` as class constants that
the constructor falls back to, weak regex scores, and ``validate_result`` (check digits) or
``invalidate_result`` (obvious fakes) to earn or lose confidence.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate
from typing import Any, ClassVar, NamedTuple

import regex
from presidio_analyzer import Pattern, PatternRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from gongkai.redaction.text import FULLWIDTH_DIGITS

# Building blocks for patterns. Python's ``\d`` also matches other scripts' digits, so digits
# are spelled out; full-width forms are accepted everywhere because the case system's users
# type them.
DIGIT = "[0-9０-９]"
LETTER = "[A-Za-zＡ-Ｚａ-ｚ]"
ALNUM = "[0-9A-Za-z０-９Ａ-Ｚａ-ｚ]"
SEP = "[ \u3000\\-－‐—]"  # one separator a writer may put inside a number
NOT_ALNUM_BEFORE = "(?<![0-9A-Za-z０-９Ａ-Ｚａ-ｚ])"
NOT_ALNUM_AFTER = "(?![0-9A-Za-z０-９Ａ-Ｚａ-ｚ])"


# Characters numbers and codes are written with, separators included. Windows are widened to
# their runs, and a trigger made of these alone (``TRIGGER_IN_NUMBERS``) is scanned over the
# runs joined, a sixth of a decision, not the whole.
_NUMBER_CHAR = "[0-9A-Za-z０-９Ａ-Ｚａ-ｚ@＠._\\-－‐— \u3000+＋()（）:：．\n]"
_RUN_JOIN = "\x00"  # between two runs in the joined text: no trigger matches it


class NumberRuns(NamedTuple):
    starts: list[int]  # where each run starts and ends in the text
    ends: list[int]
    joined: str  # the runs joined by NULs
    joined_starts: list[int]  # where each run starts in ``joined``


# (One character, then a repeat: the regex engine skips to a pattern's first character only
# when it is a single character class.)
_NUMBER_RUN_SPLIT = re.compile(f"({_NUMBER_CHAR}{_NUMBER_CHAR}*)")


@lru_cache(maxsize=4)
def number_runs(text: str) -> NumberRuns:
    """``text``'s runs of number characters: found once per decision, shared by every
    recognizer."""
    pieces = _NUMBER_RUN_SPLIT.split(text)  # gap, run, gap, run, …, gap
    runs = pieces[1::2]
    bounds = list(accumulate(map(len, pieces)))  # where each piece ends
    joined_starts = (
        list(accumulate((len(run) + len(_RUN_JOIN) for run in runs[:-1]), initial=0))
        if runs
        else []
    )
    return NumberRuns(bounds[0::2][: len(runs)], bounds[1::2], _RUN_JOIN.join(runs), joined_starts)


class ChinesePatternRecognizer(PatternRecognizer):
    """A pattern recognizer for Chinese text with character-window context."""

    ENTITY: ClassVar[str]
    PATTERNS: ClassVar[list[Pattern]] = []
    CONTEXT: ClassVar[list[str]] = []
    CONTEXT_WINDOW: ClassVar[int] = 12
    CONTEXT_BOOST: ClassVar[float] = 0.4
    # A cheap pattern that any match needs somewhere in the text (an @ for an e-mail): when it
    # is absent, the recognizer's patterns are not run at all. Compiled with whichever engine
    # scans a decision faster, measured per pattern (``regex`` for case-insensitive labels,
    # ``re`` for patterns that start with one character class or a branch of literals).
    TRIGGER: ClassVar[re.Pattern[str] | regex.Pattern[str] | None] = None
    # True when every TRIGGER match is made of number characters (``_NUMBER_CHAR``) and the
    # TRIGGER looks at nothing outside its own match (a lookbehind on the match's own first
    # character is fine, and so is "the character before is not a digit": the runs keep
    # the digits before a match, and put a NUL where anything else stood): its matches are
    # then exactly its matches in the number runs.
    TRIGGER_IN_NUMBERS: ClassVar[bool] = False
    # When set, the patterns run only on windows of text around the TRIGGER's matches (this
    # many characters before and after, widened to the edges of any number or word they cut),
    # not on the whole decision: every match must then lie next to a trigger match.
    WINDOW: ClassVar[int | None] = None
    # Not Presidio's default IGNORECASE: patterns spell out the cases they accept ([A-Za-z],
    # (?i:passport)). Case-insensitive classes cost the regex engine a case lookup per
    # character tried, about a tenth of the whole redaction.
    REGEX_FLAGS: ClassVar[int] = re.DOTALL | re.MULTILINE

    def __init__(
        self,
        patterns: list[Pattern] | None = None,
        context: list[str] | None = None,
        supported_language: str = "zh",
        supported_entity: str | None = None,
    ) -> None:
        super().__init__(
            supported_entity=supported_entity or self.ENTITY,
            name=type(self).__name__,
            supported_language=supported_language,
            patterns=patterns if patterns is not None else list(self.PATTERNS),
            context=context if context is not None else list(self.CONTEXT),
            global_regex_flags=self.REGEX_FLAGS,
        )
        self._compiled: list[tuple[Pattern, Any]] = []
        self._compiled_key: tuple[int, list[Pattern], int] | None = None

    def analyze(
        self,
        text: str,
        entities: list[str] | None,
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        if self.TRIGGER is None:
            return self._match_patterns(text, [(0, len(text))], regex_flags)
        if self.WINDOW is None:
            if not self.triggered(text):
                return []
            return self._match_patterns(text, [(0, len(text))], regex_flags)
        return self._match_patterns(text, self._windows(text, self.WINDOW), regex_flags)

    def _match_patterns(
        self, text: str, windows: list[tuple[int, int]], regex_flags: int | None
    ) -> list[RecognizerResult]:
        """Presidio's pattern evaluation (validation, invalidation, explanations, duplicates
        removed), run over several windows of ``text`` at once. Each window is matched as a
        text of its own, as before; what is left out is Presidio's per-pattern timing and
        debug logging, which cost more than the matching itself on short windows."""
        if not windows:
            return []
        flags = regex_flags or self.global_regex_flags
        compiled = self._compiled_patterns(flags)
        entity = self.supported_entities[0]
        metadata = {
            RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
        }
        results: list[RecognizerResult] = []
        for window_start, window_end in windows:
            window = text[window_start:window_end]
            for pattern, compiled_regex in compiled:
                for match in compiled_regex.finditer(window):
                    start, end = match.span()
                    if start == end:
                        continue
                    value = window[start:end]
                    validation = self.validate_result(value)
                    score = pattern.score
                    if validation is not None:
                        score = self.MAX_SCORE if validation else self.MIN_SCORE
                    else:
                        score = self.unvalidated_score(value, score)
                    if self.invalidate_result(value):
                        score = self.MIN_SCORE
                    if score <= self.MIN_SCORE:
                        continue
                    explanation = self.build_regex_explanation(
                        self.name, pattern.name, pattern.regex, pattern.score, validation, flags
                    )
                    explanation.score = score
                    results.append(
                        RecognizerResult(
                            entity_type=entity,
                            start=window_start + start,
                            end=window_start + end,
                            score=score,
                            analysis_explanation=explanation,
                            recognition_metadata=dict(metadata),
                        )
                    )
        return remove_duplicates(results) if len(results) > 1 else results

    def unvalidated_score(self, pattern_text: str, score: float) -> float:
        """The score of a match that validation could neither confirm nor reject (by default
        the pattern's)."""
        return score

    def _compiled_patterns(self, flags: int) -> list[tuple[Pattern, Any]]:
        # Compiled again when the flags or the pattern list change (a list is replaced, not
        # edited in place, by whoever changes a recognizer's patterns).
        cached = self._compiled_key
        if (
            cached is None
            or cached[0] != flags
            or cached[1] is not self.patterns
            or cached[2] != len(self.patterns)
        ):
            self._compiled = [(p, regex.compile(p.regex, flags=flags)) for p in self.patterns]
            self._compiled_key = (flags, self.patterns, len(self.patterns))
        return self._compiled

    def _windows(self, text: str, margin: int) -> list[tuple[int, int]]:
        assert self.TRIGGER is not None
        windows: list[tuple[int, int]] = []
        runs = number_runs(text)
        run_starts, run_ends = runs.starts, runs.ends
        for trigger_start, trigger_end in self.trigger_spans(text):
            start = max(0, trigger_start - margin)
            end = min(len(text), trigger_end + margin)
            # Never cut a number or word: a lookbehind at the window's edge would see nothing.
            i = bisect_right(run_starts, start - 1) - 1
            if start > 0 and i >= 0 and run_ends[i] > start - 1:
                start = run_starts[i]
            i = bisect_right(run_starts, end) - 1
            if i >= 0 and run_ends[i] > end:
                end = run_ends[i]
            if windows and start <= windows[-1][1]:
                windows[-1] = (windows[-1][0], max(end, windows[-1][1]))
            else:
                windows.append((start, end))
        return windows

    def trigger_spans(self, text: str) -> list[tuple[int, int]]:
        """Where the TRIGGER matches ``text``, in order."""
        assert self.TRIGGER is not None
        if not self.TRIGGER_IN_NUMBERS:
            return [match.span() for match in self.TRIGGER.finditer(text)]
        runs = number_runs(text)
        spans = []
        for match in self.TRIGGER.finditer(runs.joined):
            i = bisect_right(runs.joined_starts, match.start()) - 1
            shift = runs.starts[i] - runs.joined_starts[i]
            spans.append((match.start() + shift, match.end() + shift))
        return spans

    def triggered(self, text: str) -> bool:
        """Whether the TRIGGER matches anywhere in ``text``."""
        assert self.TRIGGER is not None
        if self.TRIGGER_IN_NUMBERS:
            return self.TRIGGER.search(number_runs(text).joined) is not None
        return self.TRIGGER.search(text) is not None

    def context_word_before(self, text: str, start: int) -> str | None:
        """The first configured context word found in the window before ``start``."""
        window = text[max(0, start - self.CONTEXT_WINDOW) : start]
        for word in self.context or ():
            if word in window:
                return word
        return None

    def enhance_using_context(
        self,
        text: str,
        raw_recognizer_results: list[RecognizerResult],
        other_raw_recognizer_results: list[RecognizerResult],
        nlp_artifacts: NlpArtifacts | None,
        context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        for result in raw_recognizer_results:
            word = self.context_word_before(text, result.start)
            if word is None:
                continue
            result.score = min(1.0, result.score + self.CONTEXT_BOOST)
            result.recognition_metadata[RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY] = True
            if result.analysis_explanation is not None:
                result.analysis_explanation.set_supportive_context_word(word)
                result.analysis_explanation.set_improved_score(result.score)
        return raw_recognizer_results


# Full-width digits and every X to ASCII upper case; everything else but ASCII digits dropped.
_DIGITS_AND_X = str.maketrans(FULLWIDTH_DIGITS | dict.fromkeys("ＸｘxX", "X"))
_NOT_DIGIT_OR_X = re.compile("[^0-9X]+")


def remove_duplicates(results: list[RecognizerResult]) -> list[RecognizerResult]:
    """Presidio's ``EntityRecognizer.remove_duplicates``, step for step (duplicates, zero scores
    and results contained in an equal or better one of the same type removed; score order),
    without hashing a formatted string per result."""
    unique: dict[tuple[int, int, float, str], RecognizerResult] = {}
    for result in results:
        unique.setdefault((result.start, result.end, result.score, result.entity_type), result)
    ordered = sorted(
        unique.values(), key=lambda r: (str(r.entity_type), r.start, r.start - r.end, -r.score)
    )
    kept: list[RecognizerResult] = []
    active: list[RecognizerResult] = []
    entity_type: str | None = None
    for result in ordered:
        if result.entity_type != entity_type:
            entity_type, active = result.entity_type, []
        if result.score == 0:
            continue
        active = [other for other in active if other.end >= result.start]
        if any(
            other.start <= result.start and result.end <= other.end and result.score <= other.score
            for other in active
        ):
            continue
        kept.append(result)
        active.append(result)
    return sorted(kept, key=lambda r: (-r.score, r.start, r.start - r.end))


@lru_cache(maxsize=256)
def digits_only(value: str) -> str:
    """The ASCII digits (and X) of a matched value, full-width folded, separators dropped.

    Cached: a recognizer's validation and invalidation both ask about the same match."""
    return _NOT_DIGIT_OR_X.sub("", value.translate(_DIGITS_AND_X))
