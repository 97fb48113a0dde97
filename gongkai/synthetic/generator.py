"""Generate a synthetic export (export-v1 records) with gold annotations.

The generator decides everything that the domain rules key on before a template writes the
text: the region and dates, the record's status, confidentiality and procedure, and whether
the party is a minor (and from which source that can be read). The gold file then states what
a correct redactor must do with each record: publish or withhold (with the first reason in
precedence order), which spans to remove, which to keep.
"""

from __future__ import annotations

import datetime as dt
import json
import pathlib
import random
from typing import Any

from faker import Faker

from . import identifiers as ids
from .builder import BuiltText
from .documents import TEMPLATES, Case, MinorPlan, TemplateSpec
from .numerals import age_on
from .people import NameMaker
from .places import REGIONS, court, district_government

FIRST_DAY = dt.date(2019, 7, 1)
LAST_DAY = dt.date(2025, 10, 31)
Period = tuple[dt.date, dt.date]

# Withholding reasons in precedence order (the gold names the first that applies).
NOT_EFFECTIVE = "not_effective"
CONFIDENTIAL = "confidential"
MINOR = "minor"
SUMMARY_PROCEDURE = "summary_procedure"
WITHHOLD_ORDER = (NOT_EFFECTIVE, CONFIDENTIAL, MINOR, SUMMARY_PROCEDURE)

NOT_EFFECTIVE_STATUSES = ("changed", "revoked", "confirmed_illegal", "confirmed_void")
STATUS_SHARE = 0.06
CONFIDENTIAL_SHARE = 0.05
MINOR_SHARE = 0.2  # of records whose template can have a minor party
ADULT_BOUNDARY_SHARE = 0.06


def generate(n: int, seed: int, period: Period = (FIRST_DAY, LAST_DAY)) -> list[tuple[dict, dict]]:
    """n (record, gold) pairs, deterministic for a seed, decided within ``period``."""
    master = random.Random(seed)
    fake = Faker("zh_CN")
    schedule = _schedule(master, n)
    pairs = []
    for i, spec in enumerate(schedule):
        rng = random.Random(master.getrandbits(64))
        fake.seed_instance(rng.getrandbits(32))
        pairs.append(_one(rng, fake, spec, f"syn{seed}-{i + 1:05d}", period))
    return pairs


def write_demo_data(
    n: int,
    out_dir: pathlib.Path,
    seed: int,
    files: int = 1,
    period: Period = (FIRST_DAY, LAST_DAY),
) -> tuple[list[pathlib.Path], pathlib.Path]:
    """Write the export as JSON Lines (split over ``files`` files named export-0001.jsonl …)
    and the gold file gold.jsonl into out_dir; return (export paths, gold path)."""
    out_dir = pathlib.Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    pairs = generate(n, seed, period)
    files = max(1, files)
    per_file = -(-len(pairs) // files) if pairs else 0
    paths = []
    for k in range(files):
        path = out_dir / f"export-{k + 1:04d}.jsonl"
        chunk = pairs[k * per_file : (k + 1) * per_file]
        path.write_text("".join(_jsonl(record) for record, _ in chunk), encoding="utf-8")
        paths.append(path)
    gold_path = out_dir / "gold.jsonl"
    gold_path.write_text("".join(_jsonl(gold) for _, gold in pairs), encoding="utf-8")
    return paths, gold_path


def _jsonl(obj: dict) -> str:
    return json.dumps(obj, ensure_ascii=False) + "\n"


# --- planning ------------------------------------------------------------------------------
def _schedule(rng: random.Random, n: int) -> list[TemplateSpec]:
    """Templates drawn by weight, then patched so every template occurs when n allows."""
    specs = list(TEMPLATES.values())
    chosen = rng.choices(specs, weights=[s.weight for s in specs], k=n)
    if n >= len(specs):
        counts: dict[str, int] = {}
        for spec in chosen:
            counts[spec.name] = counts.get(spec.name, 0) + 1
        for spec in specs:
            if counts.get(spec.name):
                continue
            while True:
                k = rng.randrange(n)
                if counts[chosen[k].name] > 1:
                    counts[chosen[k].name] -= 1
                    chosen[k] = spec
                    counts[spec.name] = 1
                    break
    return chosen


def _minor_plan(rng: random.Random, spec: TemplateSpec) -> MinorPlan:
    if not spec.minor_ok:
        return MinorPlan(minor=False)
    r = rng.random()
    if r < MINOR_SHARE:
        mode = rng.choices(("field", "id_only", "text_only", "conflict"), (40, 25, 20, 15))[0]
        boundary = "day_before_18" if spec.exact_act_date and rng.random() < 0.25 else None
        return MinorPlan(minor=True, mode=mode, boundary=boundary)
    if r < MINOR_SHARE + ADULT_BOUNDARY_SHARE and spec.exact_act_date:
        return MinorPlan(minor=False, boundary=rng.choice(("day_after_18", "on_18th")))
    return MinorPlan(minor=False)


def _one(
    rng: random.Random, fake: Faker, spec: TemplateSpec, source_id: str, period: Period
) -> tuple[dict, dict]:
    region = rng.choices(REGIONS, weights=[r.weight for r in REGIONS])[0]
    district = rng.choice(region.districts)
    first, last = period
    decision_date = first + dt.timedelta(days=rng.randrange((last - first).days))
    act_date = decision_date - dt.timedelta(days=rng.randint(*spec.gap))
    plan = _minor_plan(rng, spec)
    case = Case(
        rng=rng,
        fake=fake,
        names=NameMaker(rng, fake),
        region=region,
        district=district,
        decision_date=decision_date,
        act_date=act_date,
        plan=plan,
        template=spec.name,
        procedure=spec.procedure,
    )
    case.id_text_style = rng.choices(("plain", "spaced", "fullwidth", "lower_x"), (88, 4, 3, 5))[0]
    spec.build(case)
    built = case.b.build()
    record = _record(rng, case, built, source_id)
    return record, _gold(case, built, record, source_id)


# --- the export record ------------------------------------------------------------------------
def _record(rng: random.Random, c: Case, built: BuiltText, source_id: str) -> dict[str, Any]:
    rec: dict[str, Any] = {
        "source_id": source_id,
        "decision_no": c.decision_no,
        "agency": c.agency,
        "decision_date": c.decision_date.isoformat(),
    }
    optional: dict[str, Any] = {}
    if c.org is not None:
        rec["party_type"] = c.org.party_type
        rec["party_name"] = c.org.name
        optional.update(party_id_type=None, party_id_number=None, party_birth_date=None)
        optional["party_credit_code"] = c.org.credit_code
    else:
        p = c.party
        assert p is not None, c.template
        rec["party_type"] = "natural_person"
        rec["party_name"] = c.name_in_field or p.name
        id_type, id_number = _party_document(c)
        if id_number and c.plan.mode != "text_only":
            style = rng.choices(("plain", "fullwidth", "lower_x"), (88, 6, 6))[0]
            if c.id_text_style == "lower_x" and rng.random() < 0.5:
                style = "plain"  # the text has the lower-case x, the field the capital
            optional["party_id_type"] = id_type
            optional["party_id_number"] = ids.id_written(id_number, style)
        else:
            optional.update(party_id_type=None, party_id_number=None)
        optional["party_birth_date"] = _field_birth(rng, c)
        optional["party_credit_code"] = None
    for key in ("party_id_type", "party_id_number", "party_birth_date", "party_credit_code"):
        value = optional.get(key)
        if value is None and rng.random() < 0.5:
            continue  # missing rather than null
        if value is not None and key == "party_birth_date" and rng.random() < 0.05:
            continue  # optional, and sometimes just not filled in
        rec[key] = value
    rec["violation_type"] = c.violation_type
    rec["legal_basis"] = c.legal_basis
    rec["penalty_types"] = c.sanction.penalty_types()
    fine = c.sanction.fine
    rec["fine_amount_yuan"] = float(fine) if rng.random() < 0.05 else fine
    if c.procedure == "simple" or rng.random() < 0.6:
        rec["procedure"] = c.procedure
    confidential = rng.random() < CONFIDENTIAL_SHARE
    if confidential or rng.random() < 0.3:
        rec["confidential"] = confidential
    status = "effective"
    if rng.random() < STATUS_SHARE:
        status = rng.choice(NOT_EFFECTIVE_STATUSES)
    rec["status"] = status
    if status != "effective":
        rec["status_reason"] = _status_reason(rng, c, status)
    if rng.random() < 0.6 or status != "effective":
        later = c.decision_date + dt.timedelta(
            days=rng.randint(0, 200) if status == "effective" else rng.randint(30, 300)
        )
        rec["updated_at"] = (
            f"{later.isoformat()}T{rng.randint(8, 18):02d}:{rng.randint(0, 59):02d}:00+08:00"
        )
    if rng.random() < 0.15:
        rec["case_no"] = f"A{c.district.code}{rng.randint(10**12, 10**13 - 1)}"
    rec["full_text"] = built.text
    return rec


def _party_document(c: Case) -> tuple[str | None, str | None]:
    p = c.party
    assert p is not None
    if p.kind in ("foreign", "hk", "tw"):
        return p.doc_type, p.doc_number
    return ("居民身份证", p.id_number) if p.id_number else (None, None)


def _field_birth(rng: random.Random, c: Case) -> str | None:
    p = c.party
    assert p is not None
    plan = c.plan
    if plan.mode in ("id_only", "text_only"):
        return None
    if plan.mode == "conflict":
        wrong = p.birth.replace(year=p.birth.year - rng.randint(3, 12))
        return wrong.isoformat()
    if rng.random() < 0.12 and not plan.boundary:
        return None
    return p.birth.isoformat()


def _status_reason(rng: random.Random, c: Case, status: str) -> str:
    gov = district_government(c.region, c.district)
    crt = court(rng, c.region, c.district)
    return {
        "changed": rng.choice(("经行政复议，", "经复核，")) + "原决定适用法律不当，变更处罚内容",
        "revoked": f"经{gov}行政复议，决定撤销该行政处罚决定",
        "confirmed_illegal": f"经{crt}判决，确认该行政处罚决定违法",
        "confirmed_void": f"经{crt}判决，确认该行政处罚决定无效",
    }[status]


# --- gold ---------------------------------------------------------------------------------
def withhold_reasons(record: dict, minor: bool) -> list[str]:
    """All reasons that withhold a record, in precedence order (domain.md)."""
    reasons = []
    if record["status"] != "effective":
        reasons.append(NOT_EFFECTIVE)
    if record.get("confidential"):
        reasons.append(CONFIDENTIAL)
    if minor:
        reasons.append(MINOR)
    if record.get("procedure") == "simple":
        reasons.append(SUMMARY_PROCEDURE)
    return reasons


def _gold(c: Case, built: BuiltText, record: dict, source_id: str) -> dict:
    minor = False
    if c.party is not None and c.org is None:
        minor = age_on(c.party.birth, c.act_date) < 18
        assert minor == c.plan.minor, (source_id, c.plan)
    reasons = withhold_reasons(record, minor)
    return {
        "source_id": source_id,
        "publishable": not reasons,
        "withhold_reason": reasons[0] if reasons else None,
        "pii": [s.to_gold() for s in built.pii],
        "keep": [s.to_gold() for s in built.keep],
        "template": c.template,
    }
