"""The evaluation against tiny hand-made gold/output pairs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gongkai.evaluation import EvaluationReport, evaluate, perfect_output
from gongkai.synthetic import generate

TEXT = (
    "违法行为人张三，身份证号410305198607210313，其妻李梅（电话13903792586）。"
    "张三在洛阳市涧西区殴打欧阳明、欧阳明辉，JOHN SMITH（约翰·史密斯）在场。"
    "根据《中华人民共和国治安管理处罚法》第四十三条第一款，对张三罚款五百元。"
    "洛阳市公安局涧西分局"
)


def at(text: str, sub: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(sub, start + 1)
    return start, start + len(sub)


def person(sub: str, pid: str, prefix: str | None, nth: int = 0) -> dict:
    start, end = at(TEXT, sub, nth)
    return {
        "start": start,
        "end": end,
        "type": "PERSON",
        "text": sub,
        "person": pid,
        "pseudonym_prefix": prefix,
    }


def item(sub: str, kind: str, nth: int = 0) -> dict:
    start, end = at(TEXT, sub, nth)
    return {"start": start, "end": end, "type": kind, "text": sub}


def gold_record(source_id: str = "r1", publishable: bool = True, reason: str | None = None) -> dict:
    return {
        "source_id": source_id,
        "publishable": publishable,
        "withhold_reason": reason,
        "pii": sorted(
            [
                person("张三", "p1", "张"),
                person("张三", "p1", "张", 1),
                person("张三", "p1", "张", 2),
                person("李梅", "p2", "李"),
                person("欧阳明", "p3", "欧阳"),
                person("欧阳明辉", "p4", "欧阳"),
                person("JOHN SMITH", "p5", None),
                person("约翰·史密斯", "p5", "约"),
                item("410305198607210313", "CN_RESIDENT_ID"),
                item("13903792586", "PHONE_NUMBER"),
            ],
            key=lambda i: i["start"],
        ),
        "keep": [
            item("洛阳市涧西区", "PLACE"),
            item("《中华人民共和国治安管理处罚法》第四十三条第一款", "LAW"),
            item("五百元", "FINE"),
            item("洛阳市公安局涧西分局", "AGENCY"),
        ],
        "template": "hand_made",
    }


def perfect(gold: dict) -> dict:
    return perfect_output({"full_text": TEXT}, gold)


def write(tmp_path: Path, golds: list[dict], outputs: list[dict]) -> EvaluationReport:
    gold_path, output_path = tmp_path / "gold.jsonl", tmp_path / "out.jsonl"
    gold_path.write_text("".join(json.dumps(g, ensure_ascii=False) + "\n" for g in golds), "utf-8")
    output_path.write_text(
        "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in outputs), "utf-8"
    )
    return evaluate(gold_path, output_path)


def without_span(output: dict, text: str) -> dict:
    """The output with the span over ``text`` dropped and the text put back."""
    out = dict(output)
    out["spans"] = [s for s in output["spans"] if TEXT[s["start"] : s["end"]] != text]
    out["redacted_text"] = rebuild(out["spans"])
    return out


def rebuild(spans: list[dict]) -> str:
    pieces, last = [], 0
    for s in sorted(spans, key=lambda s: s["start"]):
        pieces += [TEXT[last : s["start"]], s["replacement"]]
        last = s["end"]
    return "".join([*pieces, TEXT[last:]])


def test_perfect_output_scores_one(tmp_path) -> None:
    gold = gold_record()
    report = write(tmp_path, [gold], [perfect(gold)])
    assert report.records == 1 and report.missing_records == 0
    assert report.withhold_accuracy == 1.0
    assert report.name_recall == 1.0
    assert report.pseudonym_consistency == 1.0
    assert report.persons == 5
    assert report.keep_rate == 1.0
    assert report.identifier_leaks == 0 and report.name_leaks == 0


def test_perfect_output_tells_same_surname_apart() -> None:
    spans = perfect(gold_record())["spans"]
    names = {TEXT[s["start"] : s["end"]]: s["replacement"] for s in spans}
    assert names["欧阳明"] != names["欧阳明辉"]
    assert names["欧阳明"].startswith("欧阳")


def test_missed_id_is_an_identifier_leak(tmp_path) -> None:
    gold = gold_record()
    report = write(tmp_path, [gold], [without_span(perfect(gold), "410305198607210313")])
    assert report.pii_by_type["CN_RESIDENT_ID"].failed == 1
    assert report.identifier_leaks == 1
    assert report.name_leaks == 0


def test_value_left_elsewhere_in_the_text_is_a_leak(tmp_path) -> None:
    gold = gold_record()
    out = perfect(gold)
    out["redacted_text"] += "（另：410305 19860721 0313）"  # folded and spaced, still the ID
    report = write(tmp_path, [gold], [out])
    assert report.pii_by_type["CN_RESIDENT_ID"].failed == 1


def test_partly_covered_or_repeated_name_is_a_leak(tmp_path) -> None:
    gold = gold_record()
    out = perfect(gold)
    start, end = at(TEXT, "李梅")
    for span in out["spans"]:
        if span["start"] == start:
            span["end"] = end - 1  # 李 covered, 梅 not
    zs, ze = at(TEXT, "欧阳明辉")
    for span in out["spans"]:
        if span["start"] == zs and span["end"] == ze:
            span["replacement"] = "欧阳明辉"  # "replaced" by itself
    report = write(tmp_path, [gold], [out])
    assert report.name_leaks == 2
    assert report.name_recall == pytest.approx(6 / 8)


def test_latin_name_only_needs_removal(tmp_path) -> None:
    gold = gold_record()
    out = perfect(gold)
    start, _ = at(TEXT, "JOHN SMITH")
    for span in out["spans"]:
        if span["start"] == start:
            span["replacement"] = "【外籍人员】"
    report = write(tmp_path, [gold], [out])
    assert report.name_leaks == 0
    assert report.pseudonym_consistency == 1.0
    leaked = write(tmp_path, [gold], [without_span(perfect(gold), "JOHN SMITH")])
    assert leaked.name_leaks == 1


def test_over_redacted_keep_item_lowers_keep_rate(tmp_path) -> None:
    gold = gold_record()
    out = perfect(gold)
    start, end = at(TEXT, "洛阳市涧西区")
    out["spans"].append({"start": start, "end": end, "type": "ADDRESS", "replacement": "【地址】"})
    report = write(tmp_path, [gold], [out])
    assert report.keep_rate == pytest.approx(3 / 4)
    assert report.keep_by_type["PLACE"].failed == 1
    assert report.identifier_leaks == 0


def _replace(out: dict, sub: str, replacement: str, nth: int = 0) -> None:
    start, end = at(TEXT, sub, nth)
    for span in out["spans"]:
        if span["start"] == start and span["end"] == end:
            span["replacement"] = replacement


def test_inconsistent_pseudonym_for_one_person(tmp_path) -> None:
    gold = gold_record()
    out = perfect(gold)
    _replace(out, "张三", "张某某", nth=2)
    report = write(tmp_path, [gold], [out])
    assert report.persons_consistent == 4
    assert report.pseudonym_consistency == pytest.approx(4 / 5)
    assert report.name_leaks == 0


def test_two_people_with_one_pseudonym(tmp_path) -> None:
    gold = gold_record()
    out = perfect(gold)
    _replace(out, "欧阳明", "欧阳某")
    _replace(out, "欧阳明辉", "欧阳某")
    report = write(tmp_path, [gold], [out])
    assert report.persons_consistent == 3


def test_wrong_prefix_for_a_compound_surname(tmp_path) -> None:
    gold = gold_record()
    out = perfect(gold)
    _replace(out, "欧阳明", "欧某")
    report = write(tmp_path, [gold], [out])
    assert report.persons_consistent == 4


def test_wrong_publishable_lowers_withhold_accuracy(tmp_path) -> None:
    published = gold_record("a")
    withheld = gold_record("b", publishable=False, reason="minor")
    out_a = perfect(published) | {"publishable": False, "withhold_reason": "confidential"}
    out_a["withhold_reasons"] = ["confidential"]
    out_b = perfect(withheld) | {"publishable": True, "withhold_reason": None}
    out_b["withhold_reasons"] = []
    report = write(tmp_path, [published, withheld], [out_a, out_b])
    assert report.withhold_accuracy == 0.0
    assert report.wrongly_withheld == 1 and report.wrongly_published == 1


def test_withhold_reason_must_match(tmp_path) -> None:
    gold = gold_record(publishable=False, reason="summary_procedure")
    right = perfect(gold) | {"withhold_reasons": ["minor", "summary_procedure"]}
    assert write(tmp_path, [gold], [right]).withhold_accuracy == 1.0
    wrong = perfect(gold) | {"withhold_reasons": ["confidential"]}
    report = write(tmp_path, [gold], [wrong])
    assert report.withhold_accuracy == 0.0 and report.wrong_reason == 1
    legacy = perfect(gold)
    del legacy["withhold_reasons"]  # only the single reason given
    assert write(tmp_path, [gold], [legacy]).withhold_accuracy == 1.0


def test_missing_record_counts_as_failure(tmp_path) -> None:
    first, second = gold_record("a"), gold_record("b")
    report = write(tmp_path, [first, second], [perfect(first), perfect(gold_record("zzz"))])
    assert report.records == 2
    assert report.missing_records == 1
    assert report.extra_records == 1
    assert report.withhold_accuracy == 0.5
    assert report.identifier_leaks == 2
    assert report.name_recall == 0.5
    assert report.keep_rate == 0.5


def test_report_dict_and_table(tmp_path) -> None:
    gold = gold_record()
    report = write(tmp_path, [gold], [without_span(perfect(gold), "13903792586")])
    data = report.to_dict()
    assert data["identifier_leaks"] == 1
    assert data["leaks_by_type"]["PHONE_NUMBER"] == {"total": 1, "failed": 1}
    assert data["examples"][0]["kind"] == "leak"
    json.dumps(data, ensure_ascii=False)
    table = report.format()
    for label in ("name recall", "姓名召回率", "keep rate", "withhold accuracy", "PHONE_NUMBER"):
        assert label in table


def test_synthetic_gold_with_perfect_output(tmp_path) -> None:
    pairs = generate(40, 11)
    golds = [g for _, g in pairs]
    outputs = [perfect_output(r, g) for r, g in pairs]
    report = write(tmp_path, golds, outputs)
    assert report.records == 40
    assert report.identifier_leaks == 0 and report.name_leaks == 0
    assert report.keep_rate == report.withhold_accuracy == report.pseudonym_consistency == 1.0
