"""Run a single recognizer through a tiny Presidio engine, so context boosting is exercised."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerRegistry, RecognizerResult
from presidio_analyzer.nlp_engine import NoOpNlpEngine

FOUND = 0.5  # the engine's threshold for "found"


def analyze_with(
    recognizer: EntityRecognizer, text: str, threshold: float = FOUND
) -> list[RecognizerResult]:
    registry = RecognizerRegistry(supported_languages=["zh"])
    registry.add_recognizer(recognizer)
    engine = AnalyzerEngine(
        nlp_engine=NoOpNlpEngine(models=[{"lang_code": "zh", "model_name": "noop"}]),
        registry=registry,
        supported_languages=["zh"],
    )
    return sorted(
        engine.analyze(text, language="zh", score_threshold=threshold), key=lambda r: r.start
    )


@pytest.fixture
def analyze() -> Callable[..., list[RecognizerResult]]:
    """``analyze(recognizer, text, threshold=0.5)`` → results sorted by start."""
    return analyze_with
