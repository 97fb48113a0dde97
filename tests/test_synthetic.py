"""The synthetic corpus: valid records, exact gold, variety, withholding shares."""

from __future__ import annotations

import collections
import datetime as dt
import itertools
import json
import re
import time

import pytest
from stdnum.cn import ric

from gongkai.evaluation import compact, perfect_output, score_pairs
from gongkai.redaction.entities import ALL_TYPES, PERSON
from gongkai.redaction.record import parse_record
from gongkai.synthetic import generate, write_demo_data
from gongkai.synthetic.builder import KEEP_TYPES
from gongkai.synthetic.documents import TEMPLATES
from gongkai.synthetic.people import (
    COMPOUND_SURNAMES,
    RARE_SURNAMES,
    WORD_NAMES,
)

SEED = 20240601
REASONS = ("not_effective", "confidential", "minor", "summary_procedure")


@pytest.fixture(scope="module")
def corpus() -> list[tuple[dict, dict]]:
    return generate(500, SEED)


@pytest.fixture(scope="module")
def big_corpus() -> list[tuple[dict, dict]]:
    return generate(1000, 1)


def _persons(corpus):
    for _, gold in corpus:
        for item in gold["pii"]:
            if item["type"] == PERSON:
                yield item


def test_deterministic_for_a_seed() -> None:
    assert generate(40, 5) == generate(40, 5)
    assert generate(40, 5) != generate(40, 6)


def test_every_record_parses(corpus) -> None:
    for record, _ in corpus:
        parsed = parse_record(record)
        assert parsed.full_text == record["full_text"]


def test_gold_spans_are_exact_and_disjoint(corpus) -> None:
    for record, gold in corpus:
        text = record["full_text"]
        assert list(gold) == [
            "source_id", "publishable", "withhold_reason", "pii", "keep", "template"
        ]  # fmt: skip
        assert gold["source_id"] == record["source_id"]
        items = gold["pii"] + gold["keep"]
        for item in items:
            assert text[item["start"] : item["end"]] == item["text"], item
        for item in gold["pii"]:
            assert item["type"] in ALL_TYPES
            if item["type"] == PERSON:
                assert list(item) == [
                    "start", "end", "type", "text", "person", "pseudonym_prefix"
                ]  # fmt: skip
                prefix = item["pseudonym_prefix"]
                assert prefix is None or item["text"].startswith(prefix)
        for item in gold["keep"]:
            assert item["type"] in KEEP_TYPES
        ordered = sorted(items, key=lambda i: i["start"])
        for a, b in itertools.pairwise(ordered):
            assert a["end"] <= b["start"], (a, b)


def test_gold_is_self_consistent(corpus) -> None:
    """A perfect redactor scores perfectly: no annotated value is left elsewhere in the text."""
    report = score_pairs((gold, perfect_output(record, gold)) for record, gold in corpus)
    assert report.identifier_leaks == 0
    assert report.name_leaks == 0
    assert report.pseudonym_consistency == 1.0
    assert report.keep_rate == 1.0
    assert report.withhold_accuracy == 1.0


def test_every_template_appears(corpus) -> None:
    seen = collections.Counter(gold["template"] for _, gold in corpus)
    assert set(seen) == set(TEMPLATES)
    assert len(TEMPLATES) >= 25


def test_withholding_shares(big_corpus) -> None:
    n = len(big_corpus)
    first = collections.Counter(gold["withhold_reason"] for _, gold in big_corpus)
    for reason in REASONS:
        assert 0.03 <= first[reason] / n <= 0.15, (reason, first[reason])
    assert 0.65 <= first[None] / n <= 0.85


def test_withholding_follows_the_fields(corpus) -> None:
    for record, gold in corpus:
        reason = gold["withhold_reason"]
        assert gold["publishable"] == (reason is None)
        if record["status"] != "effective":
            assert reason == "not_effective"
        elif record.get("confidential"):
            assert reason == "confidential"
        elif reason != "minor":
            expected = "summary_procedure" if record.get("procedure") == "simple" else None
            assert reason == expected
        if reason == "minor":
            assert record["party_type"] == "natural_person"


def test_minor_age_is_read_from_many_sources(big_corpus) -> None:
    minors = [(r, g) for r, g in big_corpus if g["withhold_reason"] == "minor"]
    no_birth_field = [r for r, _ in minors if not r.get("party_birth_date")]
    no_field_no_id = [r for r in no_birth_field if not r.get("party_id_number")]
    assert no_birth_field and no_field_no_id
    # some were 17 at the act but 18 by the decision: the act date must be used
    late = [
        r
        for r, _ in minors
        if r.get("party_id_number")
        and _age(ric.get_birth_date(_plain_id(r["party_id_number"])), r["decision_date"]) >= 18
    ]
    assert late
    # some adults are exactly 18
    adults_18 = [
        r
        for r, g in big_corpus
        if g["publishable"]
        and r.get("party_birth_date")
        and _age(dt.date.fromisoformat(r["party_birth_date"]), r["decision_date"]) == 18
    ]
    assert adults_18


def _plain_id(value: str) -> str:
    return compact(value).upper()


def _age(birth: dt.date, on: str) -> int:
    day = dt.date.fromisoformat(on)
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def test_party_values_appear_in_text(corpus) -> None:
    people = [(r, g) for r, g in corpus if r["party_type"] == "natural_person"]
    named = 0
    for record, _ in people:
        forms = re.split(r"[（）]", record["party_name"])
        if any(form and form in record["full_text"] for form in forms):
            named += 1
    assert named / len(people) > 0.97
    with_id = [r for r, _ in people if r.get("party_id_number")]
    found = sum(compact(r["party_id_number"]) in compact(r["full_text"]) for r in with_id)
    assert found / len(with_id) > 0.85


def test_structured_values_sometimes_written_differently(corpus) -> None:
    differing_id = [
        r
        for r, _ in corpus
        if r.get("party_id_number") and r["party_id_number"] not in r["full_text"]
    ]
    assert len(differing_id) >= 10
    assert any("（" in r["party_name"] and r["party_name"] not in r["full_text"] for r, _ in corpus)


def test_name_variety(corpus) -> None:
    mentions = [m for m in _persons(corpus) if m["pseudonym_prefix"]]
    surnames = {m["pseudonym_prefix"] for m in mentions}
    given = {m["text"][len(m["pseudonym_prefix"]) :] for m in mentions}
    assert len(surnames) >= 150
    assert len(given) >= 600
    assert len({m["text"] for m in mentions}) >= 900


def test_hard_name_categories_present(corpus) -> None:
    mentions = list(_persons(corpus))
    texts = {m["text"] for m in mentions}
    prefixes = {m["pseudonym_prefix"] for m in mentions}
    assert prefixes & set(COMPOUND_SURNAMES), "two-character surnames"
    assert prefixes & set(RARE_SURNAMES), "rare surnames"
    assert texts & set(WORD_NAMES), "names that are ordinary words"
    assert any(
        len(t) == 2 and t[0] == p for t, p in ((m["text"], m["pseudonym_prefix"]) for m in mentions)
    )
    assert any("·" in t for t in texts), "minority names with a middle dot"
    assert any(
        m["pseudonym_prefix"] is None and re.fullmatch(r"[A-Za-z ,]+", m["text"]) for m in mentions
    )
    assert {"扎", "巴", "阿", "格", "次", "其"} & prefixes, "Tibetan / Mongolian / Yi names"
    # several people share a surname within one decision
    shared = 0
    for _, gold in corpus:
        by_person = {m["person"]: m["pseudonym_prefix"] for m in gold["pii"] if m["type"] == PERSON}
        counts = collections.Counter(p for p in by_person.values() if p)
        shared += any(c > 1 for c in counts.values())
    assert shared >= 50


def test_identifier_variety(corpus) -> None:
    by_type = collections.defaultdict(list)
    for _, gold in corpus:
        for item in gold["pii"]:
            by_type[item["type"]].append(item["text"])
    for kind in ALL_TYPES:
        assert by_type[kind], kind
    ids = by_type["CN_RESIDENT_ID"]
    assert any(re.search(r"[０-９]", v) for v in ids), "full-width IDs"
    assert any(v.endswith("x") for v in ids), "lower-case x"
    assert any(" " in v for v in ids), "spaced IDs"
    assert any(len(v) == 15 for v in ids), "old 15-digit IDs"
    phones = by_type["PHONE_NUMBER"]
    assert any("86" in v[:4] for v in phones) and any("-" in v for v in phones)
    plates = by_type["LICENCE_PLATE"]
    assert any(re.fullmatch(r"..[DF]\d{5}", v) for v in plates), "new-energy plates"
    assert all(len(v) == 17 for v in by_type["VIN"])


def test_keep_items_cover_what_must_stay(corpus) -> None:
    kinds = collections.Counter(item["type"] for _, gold in corpus for item in gold["keep"])
    assert set(kinds) == set(KEEP_TYPES)
    for record, gold in corpus:
        kept = {item["type"] for item in gold["keep"]}
        assert {"AGENCY", "DECISION_NO", "DATE"} <= kept
        assert record["decision_no"] in {
            i["text"] for i in gold["keep"] if i["type"] == "DECISION_NO"
        }


def test_fine_field_matches_text(corpus) -> None:
    for record, gold in corpus:
        fine = record["fine_amount_yuan"]
        assert ("罚款" in record["penalty_types"]) == (fine > 0)
        if fine:
            assert any(item["type"] == "FINE" for item in gold["keep"])


def test_fast_enough() -> None:
    start = time.perf_counter()
    generate(500, 99)
    assert time.perf_counter() - start < 3.0


def test_write_demo_data(tmp_path) -> None:
    paths, gold_path = write_demo_data(25, tmp_path, seed=3, files=3)
    assert [p.name for p in paths] == [
        "export-0001.jsonl",
        "export-0002.jsonl",
        "export-0003.jsonl",
    ]
    records = [json.loads(line) for p in paths for line in p.read_text("utf-8").splitlines()]
    golds = [json.loads(line) for line in gold_path.read_text("utf-8").splitlines()]
    assert len(records) == len(golds) == 25
    assert [r["source_id"] for r in records] == [g["source_id"] for g in golds]
    assert records == [r for r, _ in generate(25, 3)]
