"""Score a redaction output against a gold file (from :mod:`gongkai.synthetic` or hand-made).

The gold file holds, per record, whether it may be published (and the first withholding
reason), the spans that must be removed (``pii``; persons with a stable id and the expected
pseudonym prefix) and the spans that must stay readable (``keep``). The output is what
``gongkai redact`` writes: one JSON object per record with ``publishable``, the withholding
reasons, ``redacted_text`` and ``spans`` (offsets into the original text, with the
replacement written for each).

The measures are deliberately strict, because a leak is the failure that matters:

* a gold PII item is **leaked** when any of its characters is not covered by an output span,
  or when the replacement written over it still contains it; for identifiers, addresses and
  dates it is also leaked when its value (folded, separators removed) is still found in the
  redacted text;
* a record missing from the output counts as a failure everywhere: all its PII leaked, its
  persons inconsistent, its keep items damaged, its withholding decision wrong;
* leaks are counted on every record, publishable or not: the redactor must redact all of them
  (withheld decisions are still reviewed on the pilot channel).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

PERSON = "PERSON"
_EXAMPLE_LIMIT = 25

# Folding for the "value still in the text" check: full-width to ASCII, lower case, no
# separators. Kept here rather than imported from the redactor so that a bug in the redactor's
# own folding cannot hide a leak from the evaluation.
_SEPARATORS = frozenset(" \t\r\n-‐‑–—－·.．・•_/\\:：\u3000")


def _fold(ch: str) -> str:
    code = ord(ch)
    if 0xFF01 <= code <= 0xFF5E:
        ch = chr(code - 0xFEE0)
    return ch.lower()


def compact(value: str) -> str:
    """A value folded to half-width lower case with separators removed."""
    return "".join(_fold(c) for c in value if c not in _SEPARATORS and _fold(c) not in _SEPARATORS)


@dataclass
class TypeCount:
    total: int = 0
    failed: int = 0  # leaked (PII) or damaged (keep items)


@dataclass
class EvaluationReport:
    """Counts behind every measure; the rates are properties so they never disagree."""

    records: int = 0
    missing_records: int = 0
    extra_records: int = 0  # in the output but not in the gold (reported, not scored)
    withhold_correct: int = 0
    wrongly_withheld: int = 0  # gold publishable, output withheld
    wrongly_published: int = 0  # gold withheld, output publishable
    wrong_reason: int = 0  # both withhold, but the gold reason is not among the output's
    pii_by_type: dict[str, TypeCount] = field(default_factory=dict)
    keep_by_type: dict[str, TypeCount] = field(default_factory=dict)
    persons: int = 0
    persons_consistent: int = 0
    examples: list[dict[str, Any]] = field(default_factory=list)

    # -- derived measures ------------------------------------------------------------------
    @property
    def identifier_leaks(self) -> int:
        return sum(c.failed for t, c in self.pii_by_type.items() if t != PERSON)

    @property
    def name_leaks(self) -> int:
        return self.pii_by_type.get(PERSON, TypeCount()).failed

    @property
    def person_mentions(self) -> int:
        return self.pii_by_type.get(PERSON, TypeCount()).total

    @property
    def name_recall(self) -> float:
        total = self.person_mentions
        return 1.0 if not total else (total - self.name_leaks) / total

    @property
    def pseudonym_consistency(self) -> float:
        return 1.0 if not self.persons else self.persons_consistent / self.persons

    @property
    def keep_items(self) -> int:
        return sum(c.total for c in self.keep_by_type.values())

    @property
    def keep_rate(self) -> float:
        total = self.keep_items
        damaged = sum(c.failed for c in self.keep_by_type.values())
        return 1.0 if not total else (total - damaged) / total

    @property
    def withhold_accuracy(self) -> float:
        return 1.0 if not self.records else self.withhold_correct / self.records

    def to_dict(self) -> dict[str, Any]:
        return {
            "records": self.records,
            "missing_records": self.missing_records,
            "extra_records": self.extra_records,
            "withhold_accuracy": self.withhold_accuracy,
            "wrongly_withheld": self.wrongly_withheld,
            "wrongly_published": self.wrongly_published,
            "wrong_reason": self.wrong_reason,
            "name_recall": self.name_recall,
            "name_leaks": self.name_leaks,
            "person_mentions": self.person_mentions,
            "pseudonym_consistency": self.pseudonym_consistency,
            "persons": self.persons,
            "persons_consistent": self.persons_consistent,
            "identifier_leaks": self.identifier_leaks,
            "keep_rate": self.keep_rate,
            "keep_items": self.keep_items,
            "leaks_by_type": {t: asdict(c) for t, c in sorted(self.pii_by_type.items())},
            "keep_by_type": {t: asdict(c) for t, c in sorted(self.keep_by_type.items())},
            "examples": list(self.examples),
        }

    def format(self) -> str:
        """A plain-text summary with Chinese and English labels."""
        rows = [
            ("记录数 records", f"{self.records}"),
            ("缺失记录 missing records", f"{self.missing_records}"),
            ("多余记录 extra records", f"{self.extra_records}"),
            (
                "发布判断准确率 withhold accuracy",
                f"{self.withhold_accuracy:.2%}  (误扣 wrongly withheld {self.wrongly_withheld}, "
                f"误发 wrongly published {self.wrongly_published}, "
                f"理由不符 wrong reason {self.wrong_reason})",
            ),
            (
                "姓名召回率 name recall",
                f"{self.name_recall:.2%}  ({self.person_mentions - self.name_leaks}"
                f"/{self.person_mentions})",
            ),
            (
                "化名一致率 pseudonym consistency",
                f"{self.pseudonym_consistency:.2%}  ({self.persons_consistent}/{self.persons})",
            ),
            ("保留率 keep rate", f"{self.keep_rate:.2%}  ({self.keep_items} items)"),
            ("标识符泄露 identifier leaks", f"{self.identifier_leaks}"),
            ("姓名泄露 name leaks", f"{self.name_leaks}"),
        ]
        width = max(_display_width(label) for label, _ in rows) + 2
        lines = ["Gongkai 脱敏评估 redaction evaluation", "=" * 40]
        lines += [f"{_pad(label, width)}{value}" for label, value in rows]
        lines += ["", "应删除项 items to remove", _table(self.pii_by_type, "泄露 leaked")]
        lines += ["", "应保留项 items to keep", _table(self.keep_by_type, "被删 damaged")]
        return "\n".join(lines)


def _display_width(text: str) -> int:
    return sum(2 if ord(c) > 0x2E80 else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(1, width - _display_width(text))


def _table(counts: dict[str, TypeCount], failed_label: str) -> str:
    def row(*cells: str) -> str:
        kind, total, failed = cells
        return (
            _pad(kind, 18)
            + " " * (14 - _display_width(total))
            + total
            + " " * (14 - _display_width(failed))
            + failed
        )

    lines = [row("type", "总数 total", failed_label), "-" * 46]
    for kind, c in sorted(counts.items(), key=lambda kv: (-kv[1].total, kv[0])):
        lines.append(row(kind, str(c.total), str(c.failed)))
    return "\n".join(lines)


# --- reading -------------------------------------------------------------------------
def _read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with Path(path).open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}: not JSON ({exc.msg})") from None
            if not isinstance(obj, dict):
                raise ValueError(f"{path}:{number}: expected a JSON object")
            yield obj


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    replacement: str


def _spans(output: dict[str, Any] | None) -> list[_Span]:
    if not output:
        return []
    spans = []
    for raw in output.get("spans") or []:
        start, end = int(raw["start"]), int(raw["end"])
        if end > start:
            spans.append(_Span(start, end, str(raw.get("replacement") or "")))
    return sorted(spans, key=lambda s: (s.start, s.end))


def _reasons(output: dict[str, Any]) -> list[str]:
    reasons = output.get("withhold_reasons")
    if reasons is None:
        reason = output.get("withhold_reason")
        reasons = [reason] if reason else []
    return [str(r) for r in reasons]


# --- scoring -------------------------------------------------------------------------
class _Coverage:
    """Which original characters the output's spans replaced."""

    def __init__(self, spans: list[_Span]) -> None:
        self.spans = spans
        self.covered: set[int] = set()
        for s in spans:
            self.covered.update(range(s.start, s.end))

    def overlapping(self, start: int, end: int) -> list[_Span]:
        return [s for s in self.spans if s.start < end and s.end > start]

    def removed(self, item: dict[str, Any]) -> bool:
        """Every character replaced, and the replacement does not repeat the original."""
        start, end = item["start"], item["end"]
        if any(i not in self.covered for i in range(start, end)):
            return False
        written = "".join(s.replacement for s in self.overlapping(start, end))
        return item["text"] not in written

    def replacement(self, item: dict[str, Any]) -> str | None:
        """What replaced a mention, or None when it was not (wholly) replaced."""
        if not self.removed(item):
            return None
        return "".join(s.replacement for s in self.overlapping(item["start"], item["end"]))


def _still_in_text(value: str, folded_text: str) -> bool:
    key = compact(value)
    if not key:
        return False
    head = r"(?<![0-9a-z])" if key[0].isascii() and key[0].isalnum() else ""
    tail = r"(?![0-9a-z])" if key[-1].isascii() and key[-1].isalnum() else ""
    return re.search(head + re.escape(key) + tail, folded_text) is not None


def evaluate(gold_path: Path, output_path: Path) -> EvaluationReport:
    """Compare a redaction output file with a gold file, matching records by ``source_id``."""
    outputs: dict[str, dict[str, Any]] = {}
    for obj in _read_jsonl(output_path):
        outputs[str(obj.get("source_id"))] = obj  # a later line supersedes an earlier one
    report = EvaluationReport()
    seen: set[str] = set()
    for gold in _read_jsonl(gold_path):
        sid = str(gold["source_id"])
        seen.add(sid)
        _score_record(report, gold, outputs.get(sid))
    report.extra_records = len(set(outputs) - seen)
    return report


def score_pairs(pairs: Iterable[tuple[dict[str, Any], dict[str, Any] | None]]) -> EvaluationReport:
    """The same scoring for in-memory (gold, output) pairs, as tests and benchmarks use."""
    report = EvaluationReport()
    for gold, output in pairs:
        _score_record(report, gold, output)
    return report


def _example(report: EvaluationReport, **info: Any) -> None:
    if len(report.examples) < _EXAMPLE_LIMIT:
        report.examples.append(info)


def _score_record(
    report: EvaluationReport, gold: dict[str, Any], out: dict[str, Any] | None
) -> None:
    sid = gold["source_id"]
    report.records += 1
    missing = out is None
    if missing:
        report.missing_records += 1
        _example(report, source_id=sid, kind="missing_record")
    coverage = _Coverage(_spans(out))
    redacted = (out or {}).get("redacted_text")
    folded = compact(redacted) if isinstance(redacted, str) else None

    # withholding
    if not missing:
        assert out is not None
        published = bool(out.get("publishable"))
        if gold["publishable"]:
            ok = published
            if not ok:
                report.wrongly_withheld += 1
        elif published:
            ok = False
            report.wrongly_published += 1
        else:
            ok = gold.get("withhold_reason") in _reasons(out)
            if not ok:
                report.wrong_reason += 1
        if ok:
            report.withhold_correct += 1
        else:
            _example(
                report,
                source_id=sid,
                kind="withhold",
                gold=gold.get("withhold_reason"),
                output=_reasons(out),
                publishable=published,
            )

    # items to remove
    for item in gold.get("pii", []):
        counts = report.pii_by_type.setdefault(item["type"], TypeCount())
        counts.total += 1
        leaked = missing or not coverage.removed(item)
        if not leaked and item["type"] != PERSON and folded is not None:
            leaked = _still_in_text(item["text"], folded)
        if leaked:
            counts.failed += 1
            _example(report, source_id=sid, kind="leak", type=item["type"], text=item["text"])

    # pseudonym consistency, per person
    mentions: dict[str, list[dict[str, Any]]] = {}
    for item in gold.get("pii", []):
        if item["type"] == PERSON and item.get("pseudonym_prefix"):
            mentions.setdefault(item["person"], []).append(item)
    written = {
        pid: [None if missing else coverage.replacement(m) for m in items]
        for pid, items in mentions.items()
    }
    for pid, items in mentions.items():
        report.persons += 1
        mine = written[pid]
        others = {r for other, reps in written.items() if other != pid for r in reps if r}
        first = mine[0]
        ok = (
            first is not None
            and all(r == first for r in mine)
            and first not in others
            and first.startswith(items[0]["pseudonym_prefix"])
        )
        if ok:
            report.persons_consistent += 1
        else:
            _example(report, source_id=sid, kind="pseudonym", person=pid, replacements=mine)

    # items to keep
    for item in gold.get("keep", []):
        counts = report.keep_by_type.setdefault(item["type"], TypeCount())
        counts.total += 1
        if missing or coverage.overlapping(item["start"], item["end"]):
            counts.failed += 1
            _example(report, source_id=sid, kind="keep", type=item["type"], text=item["text"])


def perfect_output(record: dict[str, Any], gold: dict[str, Any]) -> dict[str, Any]:
    """The output a perfect redactor would write for a gold record.

    Used to test the evaluation itself and to check that a gold file is self-consistent (a
    perfect output must score 1.0 with no leaks: a value left unannotated somewhere in the
    text would show up as a leak).
    """
    prefixes: dict[str, str] = {}
    for item in gold["pii"]:
        if item["type"] == PERSON and item.get("pseudonym_prefix"):
            prefixes.setdefault(item["person"], item["pseudonym_prefix"])
    by_prefix: dict[str, list[str]] = {}
    for pid, prefix in prefixes.items():
        by_prefix.setdefault(prefix, []).append(pid)
    pseudonyms = {}
    for prefix, pids in by_prefix.items():
        for n, pid in enumerate(pids, 1):
            pseudonyms[pid] = f"{prefix}某" + (str(n) if len(pids) > 1 else "")
    spans = []
    for item in sorted(gold["pii"], key=lambda i: i["start"]):
        if item["type"] != PERSON:
            replacement = f"【{item['type']}】"
        elif item.get("pseudonym_prefix"):
            replacement = pseudonyms[item["person"]]
        else:
            replacement = pseudonyms.get(item["person"], "某外籍人员")
        spans.append(
            {
                "start": item["start"],
                "end": item["end"],
                "type": item["type"],
                "replacement": replacement,
            }
        )
    text = record["full_text"]
    pieces, last = [], 0
    for span in spans:
        pieces += [text[last : span["start"]], span["replacement"]]
        last = span["end"]
    pieces.append(text[last:])
    reasons = [gold["withhold_reason"]] if gold["withhold_reason"] else []
    return {
        "source_id": gold["source_id"],
        "publishable": gold["publishable"],
        "withhold_reason": gold["withhold_reason"],
        "withhold_reasons": reasons,
        "redacted_text": "".join(pieces),
        "spans": spans,
        "doubts": [],
    }
