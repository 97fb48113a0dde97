"""Search speed and index size of a channel store (issue 6).

Builds a channel store of N synthetic published decisions, then times a fixed mix of searches
the public site makes, and reports index size against text size, build time, and search latency
p50/p95/p99 (overall and per kind of query).

The texts: ``gongkai.synthetic.generate`` writes a pool of decisions (``--pool``, default
10,000: 37 document templates across traffic, exit-entry, cyber-security, ID-card, firearms and
治安 cases), each redacted *from its gold annotations* (names → surname + 某, everything else →
the redactor's typed placeholders such as 【身份证号】) rather than by running the redactor, which
would cost ~10 ms a decision and measures nothing here. The N decisions cycle through the pool,
each with its own source id, decision number, date (2019–2025) and fine, so texts repeat every
``--pool`` rows; an FTS index stores every row's positions separately, so repetition changes its
size very little (it is reported, with the text size, over all N rows).

Building goes through ``gongkai.publication.write.publish`` (what the publish flow calls), in
transactions of 1,000 decisions, followed by an FTS ``optimize`` (SQLite). Each timed search is
what one request of the site runs: an HTML page = one page of 20 by offset + the count (capped
at the numbered pages' reach, 2,000, as the site does); an API page = one keyset page of 20
(+ the capped count on the first page; deep pages: from a cursor ~4,000 rows in). Every query runs
``--repeat`` times (default 5) after one warm-up; latency figures are over all timed runs.

Prints a human summary, then one JSON object on the last line.
Usage: python benchmarks/search_bench.py [--n 100000] [--pool 10000] [--repeat 5] [--seed 11]
       [--url DATABASE_URL] [--keep PATH]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text

LAW_RE = re.compile(r"《(?:中华人民共和国)?([^》]+)》")
FIRST_DAY = dt.date(2019, 1, 1)
DAYS = (dt.date(2025, 12, 31) - FIRST_DAY).days


# --- texts ----------------------------------------------------------------------------------
def redact_from_gold(record: dict[str, Any], gold: dict[str, Any]) -> str:
    """The record's text with every gold personal-data span replaced as the redactor would."""
    from gongkai.redaction.entities import placeholder

    full = record["full_text"]
    out, last = [], 0
    for span in sorted(gold["pii"], key=lambda s: s["start"]):
        if span["start"] < last:
            continue  # nested spans: the outer one already replaced it
        out.append(full[last : span["start"]])
        if span["type"] == "PERSON":
            out.append((span.get("pseudonym_prefix") or "") + "某")
        else:
            out.append(placeholder(span["type"]))
        last = span["end"]
    out.append(full[last:])
    return "".join(out)


def law_of(legal_basis: str) -> str:
    match = LAW_RE.search(legal_basis)
    return match.group(1) if match else "其他"


def text_pool(size: int, seed: int) -> list[dict[str, Any]]:
    from gongkai.synthetic import generate

    pool = []
    for record, gold in generate(size, seed):
        pool.append(
            {
                "agency": record["agency"],
                "violation_type": record["violation_type"],
                "legal_basis": record["legal_basis"],
                "law": law_of(record["legal_basis"]),
                "penalty_types": tuple(record["penalty_types"]),
                "fine_fen": round(float(record.get("fine_amount_yuan") or 0) * 100),
                "text": redact_from_gold(record, gold),
            }
        )
    return pool


# --- the store ------------------------------------------------------------------------------
def build_store(engine: Engine, n: int, pool: list[dict[str, Any]], seed: int) -> float:
    """Publish ``n`` decisions; return the seconds it took (index optimisation included)."""
    from gongkai.publication import PublicDecision, index, publish
    from gongkai.publication.db import upgrade_channel
    from gongkai.store.db import make_sessionmaker

    upgrade_channel(engine)
    sessions = make_sessionmaker(engine)
    rng = random.Random(seed)
    now = dt.datetime(2026, 1, 5, 8, 0, tzinfo=dt.UTC)
    started = time.perf_counter()
    for start in range(0, n, 1000):
        with sessions.begin() as session:
            for i in range(start, min(n, start + 1000)):
                base = pool[i % len(pool)]
                date = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
                item = PublicDecision(
                    source_id=f"bench-{i:07d}",
                    decision_no=f"公（治）行罚决字[{date.year}]第{i:07d}号",
                    agency=base["agency"],
                    decision_date=date,
                    violation_type=base["violation_type"],
                    legal_basis=base["legal_basis"],
                    law=base["law"],
                    penalty_types=base["penalty_types"],
                    fine_amount_fen=base["fine_fen"],
                    redacted_text=base["text"],
                )
                publish(session, item, now=now + dt.timedelta(seconds=i))
    with engine.begin() as connection:
        index.optimize(connection)
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE published_decisions"))
    else:
        with engine.begin() as connection:
            connection.execute(text("ANALYZE"))
    return time.perf_counter() - started


def sizes(engine: Engine) -> dict[str, int]:
    """Bytes of redacted text (UTF-8) and of the search index."""
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            text_bytes, chars = connection.execute(
                text(
                    "SELECT sum(length(CAST(redacted_text AS BLOB))), sum(length(redacted_text)) "
                    "FROM published_decisions"
                )
            ).one()
            fts = connection.execute(
                text(
                    "SELECT (SELECT sum(length(block)) FROM published_fts_data)"
                    " + (SELECT coalesce(sum(length(term)) + 16 * count(*), 0)"
                    " FROM published_fts_idx)"
                )
            ).scalar_one()
            page_size = connection.execute(text("PRAGMA page_size")).scalar_one()
            pages = connection.execute(text("PRAGMA page_count")).scalar_one()
            return {
                "text_bytes": int(text_bytes),
                "text_chars": int(chars),
                "index_bytes": int(fts),
                "database_bytes": int(page_size) * int(pages),
            }
        text_bytes, chars = connection.execute(
            text(
                "SELECT sum(octet_length(redacted_text)), sum(length(redacted_text)) "
                "FROM published_decisions"
            )
        ).one()
        gin = connection.execute(
            text("SELECT pg_relation_size('ix_published_decisions_search_bigrams')")
        ).scalar_one()
        column = connection.execute(
            text("SELECT sum(pg_column_size(search_bigrams)) FROM published_decisions")
        ).scalar_one()
        db = connection.execute(text("SELECT pg_database_size(current_database())")).scalar_one()
        return {
            "text_bytes": int(text_bytes),
            "text_chars": int(chars),
            "index_bytes": int(gin) + int(column),
            "gin_bytes": int(gin),
            "tsvector_column_bytes": int(column),
            "database_bytes": int(db),
        }


# --- the queries ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Probe:
    kind: str  # "2-char", "3-char", "4-char", "filter-only", "deep page"
    label: str
    q: str = ""
    filters: tuple[tuple[str, Any], ...] = ()
    sort: str = "date_desc"
    mode: str = "html"  # html: offset page + count; api: keyset page; deep-api; deep-html
    page: int = 1


def probes(pool: list[dict[str, Any]]) -> list[Probe]:
    agency = max(
        {p["agency"] for p in pool}, key=lambda a: sum(p["agency"] == a for p in pool[:2000])
    )
    year = (("date_from", dt.date(2023, 1, 1)), ("date_to", dt.date(2023, 12, 31)))
    return [
        Probe("2-char", "超速", "超速"),
        Probe("2-char", "酒驾", "酒驾"),
        Probe("2-char", "居留", "居留"),
        Probe("2-char", "殴打", "殴打"),
        Probe("2-char", "罚款 (in most texts)", "罚款"),
        Probe("2-char", "赌博 api", "赌博", mode="api"),
        Probe("3-char", "身份证", "身份证"),
        Probe("3-char", "醉酒后", "醉酒后"),
        Probe("3-char", "公安局 (in every text)", "公安局"),
        Probe("3-char", "网吧 上网 (2 terms)", "网吧 上网"),
        Probe("4-char", "非法居留", "非法居留"),
        Probe("4-char", "殴打他人", "殴打他人"),
        Probe("4-char", "核定载质量", "核定载质量"),
        Probe("4-char", "行政拘留 api", "行政拘留", mode="api"),
        Probe("2-char+filter", "殴打 + agency", "殴打", (("agency", agency),)),
        Probe("2-char+filter", "饮酒 + law", "饮酒", (("law", "道路交通安全法"),)),
        Probe("2-char+filter", "居留 + penalty", "居留", (("penalty_type", "罚款"),)),
        Probe("3-char+filter", "身份证 + 2023", "身份证", year),
        Probe(
            "4-char+filter",
            "行政拘留 + fine ≥ 500, by fine",
            "行政拘留",
            (("fine_min_fen", 50_000),),
            sort="fine_desc",
        ),
        Probe("2-char", "拘留, by fine", "拘留", sort="fine_desc"),
        Probe("filter-only", "all, newest first", ""),
        Probe("filter-only", "agency", "", (("agency", agency),)),
        Probe("filter-only", "law 出境入境管理法", "", (("law", "出境入境管理法"),)),
        Probe("filter-only", "penalty 限期出境", "", (("penalty_type", "限期出境"),)),
        Probe("filter-only", "2023, by fine", "", year, sort="fine_desc"),
        Probe("deep page", "all, api page 200", "", mode="deep-api", page=200),
        Probe("deep page", "罚款, api page 200", "罚款", mode="deep-api", page=200),
        Probe("deep page", "all, html page 100", "", mode="html", page=100),
        Probe("deep page", "殴打 by fine, html page 50", "殴打", sort="fine_desc", page=50),
        Probe("deep page", "拘留, html page 50", "拘留", mode="html", page=50),
    ]


def run_probe(sessions: Any, probe: Probe, cursor: str | None) -> int:
    """What one request of the site runs (see web/site/views): an HTML page counts up to the
    numbered pages' reach (exactly when there is neither text nor filter); the API's first
    page counts up to its cap; later API pages do not count."""
    from gongkai.publication.read import SearchQuery, count, search, search_after
    from gongkai.web.site.settings import Settings

    settings = Settings()
    query = SearchQuery(q=probe.q, sort=probe.sort, **dict(probe.filters))
    with sessions() as session:
        if probe.mode in ("api", "deep-api"):
            page = search_after(session, query, cursor, limit=settings.page_size)
            if cursor is None:
                count(session, query, cap=settings.api_count_cap)
            return len(page.decisions)
        size = settings.page_size
        rows = search(session, query, limit=size, offset=(probe.page - 1) * size)
        broad = bool(query.terms) or query.is_filtered
        count(session, query, cap=settings.max_html_page * size if broad else None)
        return len(rows)


def deep_cursor(sessions: Any, probe: Probe) -> str | None:
    from gongkai.publication.read import SearchQuery, search_after

    query = SearchQuery(q=probe.q, sort=probe.sort, **dict(probe.filters))
    cursor = None
    with sessions() as session:
        for _ in range(probe.page - 1):
            page = search_after(session, query, cursor, limit=20)
            cursor = page.next_cursor
            if cursor is None:
                break
    return cursor


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def time_searches(engine: Engine, pool: list[dict[str, Any]], repeat: int) -> dict[str, Any]:
    from gongkai.publication.read import SearchQuery, count
    from gongkai.store.db import make_sessionmaker

    sessions = make_sessionmaker(engine)
    all_ms: list[float] = []
    by_kind: dict[str, list[float]] = {}
    table = []
    for probe in probes(pool):
        cursor = deep_cursor(sessions, probe) if probe.mode == "deep-api" else None
        run_probe(sessions, probe, cursor)  # warm-up
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            got = run_probe(sessions, probe, cursor)
            times.append((time.perf_counter() - started) * 1000)
        with sessions() as session:
            query = SearchQuery(q=probe.q, sort=probe.sort, **dict(probe.filters))
            hits = count(session, query)
        all_ms += times
        by_kind.setdefault(probe.kind, []).extend(times)
        table.append(
            {
                "kind": probe.kind,
                "query": probe.label,
                "mode": probe.mode,
                "hits": hits,
                "rows": got,
                "median_ms": round(statistics.median(times), 2),
                "max_ms": round(max(times), 2),
            }
        )
    return {
        "p50_ms": round(percentile(all_ms, 50), 2),
        "p95_ms": round(percentile(all_ms, 95), 2),
        "p99_ms": round(percentile(all_ms, 99), 2),
        "by_kind": {
            k: {"p50_ms": round(percentile(v, 50), 2), "p95_ms": round(percentile(v, 95), 2)}
            for k, v in by_kind.items()
        },
        "queries": table,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="decisions in the store")
    parser.add_argument("--pool", type=int, default=10_000, help="distinct generated texts")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per query")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--url", help="an empty database to build in (default: a SQLite file)")
    parser.add_argument("--keep", type=Path, help="SQLite file to build (kept afterwards)")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="time searches on a store an earlier run built (--keep file or --url) with the "
        "same --n, --pool and --seed; no build time is reported",
    )
    args = parser.parse_args(argv)

    from gongkai.publication.db import open_channel

    tmp = tempfile.TemporaryDirectory(prefix="gongkai-search-bench-")
    url = args.url or f"sqlite:///{args.keep or Path(tmp.name) / 'channel-public.sqlite'}"
    if args.keep and args.keep.exists() and not args.reuse:
        sys.exit(f"{args.keep} exists: give a new file, or --reuse it")
    engine = open_channel("public", url)
    try:
        started = time.perf_counter()
        pool = text_pool(min(args.pool, args.n), args.seed)
        pool_s = time.perf_counter() - started
        print(f"generated {len(pool):,} texts in {pool_s:.1f} s", file=sys.stderr)
        build_s: float | None = None
        if not args.reuse:
            build_s = build_store(engine, args.n, pool, args.seed)
            print(f"published {args.n:,} decisions in {build_s:.1f} s", file=sys.stderr)
        size = sizes(engine)
        timing = time_searches(engine, pool, args.repeat)
    finally:
        engine.dispose()
        tmp.cleanup()

    ratio = size["index_bytes"] / size["text_bytes"]
    print(f"\nbackend {engine.dialect.name}, {args.n:,} decisions, {len(pool):,} distinct texts")
    print(
        f"text {size['text_bytes'] / 1e6:.1f} MB ({size['text_chars'] / args.n:.0f} chars a "
        f"decision), index {size['index_bytes'] / 1e6:.1f} MB = {ratio:.2f}× the text"
    )
    if build_s is not None:
        print(f"build {build_s:.1f} s ({args.n / build_s:.0f} decisions/s, index included)")
    print(f"{'kind':<15} {'query':<34} {'mode':<9} {'hits':>7} {'median':>8} {'max':>8}")
    for row in timing["queries"]:
        print(
            f"{row['kind']:<15} {row['query']:<34} {row['mode']:<9} {row['hits']:>7} "
            f"{row['median_ms']:>6.1f}ms {row['max_ms']:>6.1f}ms"
        )
    print(f"p50 {timing['p50_ms']} ms, p95 {timing['p95_ms']} ms, p99 {timing['p99_ms']} ms")
    result = {
        "benchmark": "search",
        "backend": engine.dialect.name,
        "n": args.n,
        "distinct_texts": len(pool),
        "cpu_count": os.cpu_count(),
        "text_bytes": size["text_bytes"],
        "index_bytes": size["index_bytes"],
        "index_to_text": round(ratio, 3),
        "database_bytes": size["database_bytes"],
        "build_s": round(build_s, 1) if build_s is not None else None,
        "p50_ms": timing["p50_ms"],
        "p95_ms": timing["p95_ms"],
        "p99_ms": timing["p99_ms"],
        "by_kind": timing["by_kind"],
        "queries": timing["queries"],
    }
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
