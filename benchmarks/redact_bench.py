"""Redaction speed on one core: Gongkai's engine against a baseline, on the same decisions.

Baseline (as the issue defines it): Presidio with a blank Chinese spaCy pipeline, the same
identifier recognizers, and jieba part-of-speech tags (`nr`) for person names.

Throughput is measured in CPU time (time.process_time), best of five passes for Gongkai
(one pass for the much slower baseline), on one core: the process is single-threaded. Each of
Gongkai's passes redacts decisions it has not seen before (five corpora of the same generator,
different seeds), so its per-process caches (segmenter windows, folded texts) help only as much
as they would on a real stream of new decisions; the baseline runs on the first corpus.
Prints a human summary, then the figures as one JSON object on the last line.
Usage: python benchmarks/redact_bench.py [--n 500] [--seed 3]
"""

from __future__ import annotations

import argparse
import json
import os
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")

PASSES = 5


def _corpus(n: int, seed: int):
    from gongkai.redaction.record import parse_record
    from gongkai.synthetic import generate

    return [parse_record(record) for record, _gold in generate(n, seed)]


def _baseline_engine():
    import jieba.posseg as pseg
    import spacy
    from presidio_analyzer import (
        AnalysisExplanation,
        AnalyzerEngine,
        LocalRecognizer,
        RecognizerRegistry,
        RecognizerResult,
    )
    from presidio_analyzer.nlp_engine import SpacyNlpEngine

    from gongkai.redaction.analyzer import identifier_recognizers

    class BlankChineseNlpEngine(SpacyNlpEngine):
        def __init__(self) -> None:
            super().__init__(models=[{"lang_code": "zh", "model_name": "blank"}])

        def load(self) -> None:
            self.nlp = {"zh": spacy.blank("zh")}

    class JiebaPersonRecognizer(LocalRecognizer):
        def load(self) -> None:
            pass

        def analyze(self, text, entities=None, nlp_artifacts=None):
            results, pos = [], 0
            for word, flag in pseg.cut(text):
                if flag == "nr" and len(word) >= 2:
                    expl = AnalysisExplanation("JiebaPerson", 0.85, textual_explanation="nr")
                    results.append(RecognizerResult("PERSON", pos, pos + len(word), 0.85, expl))
                pos += len(word)
            return results

    registry = RecognizerRegistry(supported_languages=["zh"])
    for recognizer in identifier_recognizers():
        registry.add_recognizer(recognizer)
    registry.add_recognizer(
        JiebaPersonRecognizer(supported_entities=["PERSON"], supported_language="zh")
    )
    engine = BlankChineseNlpEngine()
    engine.load()
    analyzer = AnalyzerEngine(nlp_engine=engine, registry=registry, supported_languages=["zh"])
    pseg.lcut("预热")  # load jieba's dictionary outside the timed loop
    return analyzer


def _rate(fn, corpora) -> tuple[float, float]:
    """Characters and decisions per second of the best pass by characters (the least disturbed
    by other processes), one corpus each."""
    best = (0.0, 0.0)
    for records in corpora:
        chars = sum(len(r.full_text) for r in records)
        started = time.process_time()  # CPU time of this process: other processes don't count
        for record in records:
            fn(record)
        seconds = time.process_time() - started
        best = max(best, (chars / seconds, len(records) / seconds))
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=500)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()

    import_started = time.perf_counter()
    from gongkai.redaction.engine import Redactor

    import_seconds = time.perf_counter() - import_started
    started = time.perf_counter()
    redactor = Redactor()
    startup_seconds = time.perf_counter() - started

    corpora = [_corpus(args.n, args.seed + 1000 * i) for i in range(PASSES)]
    records = corpora[0]
    warm = _corpus(20, args.seed + 999)
    for record in warm:
        redactor.redact(record)
    chars_per_s, docs_per_s = _rate(redactor.redact, corpora)

    baseline = _baseline_engine()
    for record in warm:
        baseline.analyze(record.full_text, language="zh")
    base_chars_per_s, base_docs_per_s = _rate(
        lambda r: baseline.analyze(r.full_text, language="zh"), [records]
    )
    mean_chars = sum(len(r.full_text) for r in records) / len(records)
    figures = {
        "decisions": len(records),
        "mean_chars_per_decision": round(mean_chars),
        "chars_per_s": round(chars_per_s),
        "decisions_per_s": round(docs_per_s, 1),
        "baseline_chars_per_s": round(base_chars_per_s),
        "baseline_decisions_per_s": round(base_docs_per_s, 1),
        "speedup_vs_baseline": round(chars_per_s / base_chars_per_s, 2),
        "engine_startup_s": round(startup_seconds, 3),
        "import_s": round(import_seconds, 3),
    }
    print(
        f"Gongkai: {figures['chars_per_s']:,} chars/s ({figures['decisions_per_s']} decisions/s); "
        f"baseline: {figures['baseline_chars_per_s']:,} chars/s; "
        f"speed-up ×{figures['speedup_vs_baseline']}; start-up {figures['engine_startup_s']} s "
        f"(+ {figures['import_s']} s importing Presidio/spaCy)"
    )
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
