"""The site's and the index's small parts: tokenisation, keys, URLs, tokens, rate limits,
excerpts, formatting, and who imports whom."""

from __future__ import annotations

import ast
import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from gongkai.publication import index
from gongkai.publication.read import InvalidQuery, SearchQuery
from gongkai.web.site import security, urls
from gongkai.web.site.ratelimit import TokenBucket
from gongkai.web.site.snippets import excerpt
from gongkai.web.site.templating import cn_date, yuan

ROOT = Path(__file__).resolve().parents[2]


# --- the index ----------------------------------------------------------------------------------
def test_body_tokens_are_overlapping_pairs() -> None:
    assert index.body_tokens("超速行驶") == "超速 速行 行驶 驶"
    assert index.body_tokens("Ab1") == "ab b1 1"
    assert index.body_tokens("超，速") == "超\ue000ff0c\ue001 \ue000ff0c\ue001速 速"
    assert index.body_tokens("a b") == "a\ue00020\ue001 \ue00020\ue001b b"
    assert index.body_tokens("") == ""


def test_term_queries() -> None:
    assert index.term_query("超速") == 'body : "超速"'
    assert index.term_query("超速行驶") == 'body : "超速 速行 行驶"'
    assert index.term_query("枪") == 'body : "枪" *'
    assert index.term_query('"') == 'body : "\ue00022\ue001" *'  # quotes are encoded
    assert index.fts_query([], []) is None
    assert index.fts_query(["超速"], ["ag1"]) == 'body : "超速" AND tags : ag1'


def test_tsqueries_are_quoted() -> None:
    assert index.tsquery_for("超") == ("'超':*", False)
    assert index.tsquery_for("超速") == ("'超速'", False)
    assert index.tsquery_for("超速超速") == ("'超速' & '速超'", True)
    assert index.tsquery_for("it's") == ("'it' & 't''' & '''s'", True)
    assert index.tsquery_for("a\\") == ("'a\\\\'", False)


def test_tags_differ_by_kind_and_value() -> None:
    assert index.tag("law", "网络安全法") != index.tag("agency", "网络安全法")
    assert index.tag("law", "网络安全法") == index.tag("law", "网络安全法")
    assert index.tag("law", "网络安全法").startswith("lw") and len(index.tag("law", "x")) == 18


def test_fts_key_orders_by_date_then_id_and_matches_sqlite() -> None:
    days = [dt.date(2019, 7, 1), dt.date(2024, 2, 29), dt.date(2025, 12, 31)]
    keys = [index.fts_key(d, i) for d in days for i in (1, 7, index.ID_MASK)]
    assert keys == sorted(keys)
    assert index.fts_key(days[1], 7) & index.ID_MASK == 7
    with pytest.raises(ValueError):
        index.fts_key(days[0], index.ID_MASK + 1)
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE d (id INTEGER, decision_date TEXT)")
    for day in days:
        db.execute("INSERT INTO d VALUES (?, ?)", (123, day.isoformat()))
    computed = [row[0] for row in db.execute(f"SELECT {index.SQL_FTS_KEY} FROM d ORDER BY rowid")]
    assert computed == [index.fts_key(day, 123) for day in days]


# --- URLs ----------------------------------------------------------------------------------------
def test_search_urls_round_trip() -> None:
    params = {
        "q": " 超速  货车 ",
        "agency": "南宁市公安局",
        "violation": "超速行驶",
        "penalty": "罚款",
        "law": "道路交通安全法",
        "from": "2024-01-01",
        "to": "2024-12-31",
        "fine_min": "1,000元",
        "fine_max": "2000.5",
        "sort": "fine_desc",
    }
    query = urls.parse_search(params)
    assert query.q == "超速 货车" and query.fine_min_fen == 100_000
    assert query.fine_max_fen == 200_050 and query.date_to == dt.date(2024, 12, 31)
    again = urls.parse_search(urls.search_params(query))
    assert again == query
    url = urls.search_url("/", query, page=3)
    assert url.startswith("/?q=%E8%B6%85%E9%80%9F%20%E8%B4%A7%E8%BD%A6&agency=")
    assert url.endswith("&sort=fine_desc&page=3")
    assert urls.search_url("/", SearchQuery()) == "/"
    assert urls.search_params(SearchQuery(sort="date_desc")) == {}


@pytest.mark.parametrize(
    "params",
    [
        {"from": "yesterday"},
        {"to": "2024-02-30"},
        {"fine_min": "lots"},
        {"fine_max": "-1"},
        {"fine_min": "NaN"},
        {"fine_min": "1e12"},
        {"sort": "relevance"},
        {"agency": "局" * 300},
    ],
)
def test_bad_search_urls(params: dict[str, str]) -> None:
    with pytest.raises(InvalidQuery):
        urls.parse_search(params)


def test_active_filters_link_to_the_search_without_them() -> None:
    query = urls.parse_search({"q": "超速", "law": "道路交通安全法"})
    filters = {f["label"]: f["remove"] for f in urls.active_filters(query)}
    assert (
        filters["检索词"] == "/?law=%E9%81%93%E8%B7%AF%E4%BA%A4%E9%80%9A%E5%AE%89%E5%85%A8%E6%B3%95"
    )
    assert filters["法律"] == "/?q=%E8%B6%85%E9%80%9F"


# --- report tokens and rate limits -------------------------------------------------------------
def test_report_tokens() -> None:
    secret = b"k" * 32
    token = security.report_token(secret, "abc", now=1_000_000)
    ok = security.report_token_is_valid
    assert ok(secret, "abc", token, max_age=3600, now=1_000_100)
    assert not ok(secret, "abd", token, max_age=3600, now=1_000_100)  # another decision
    assert not ok(b"x" * 32, "abc", token, max_age=3600, now=1_000_100)  # another secret
    assert not ok(secret, "abc", token, max_age=3600, now=1_004_000)  # too old
    assert not ok(secret, "abc", token, max_age=3600, now=999_000)  # from the future
    for bad in (None, "", "x", "1.2", "abc.def", token + "0", token.replace(".", "")):
        assert not ok(secret, "abc", bad, max_age=3600, now=1_000_100)


def test_token_bucket() -> None:
    now = [0.0]
    bucket = TokenBucket(rate=1.0, burst=3, max_keys=2, clock=lambda: now[0])
    assert [bucket.take("a") for _ in range(3)] == [0.0, 0.0, 0.0]
    assert bucket.take("a") == pytest.approx(1.0)
    assert bucket.take("b") == 0.0  # per key
    now[0] = 0.5
    assert bucket.take("a") == pytest.approx(0.5)
    now[0] = 2.0
    assert bucket.take("a") == 0.0
    now[0] = 100.0
    bucket.take("c")  # a third key: quiet (full) buckets are dropped
    assert len(bucket._buckets) <= 2
    assert TokenBucket(rate=0, burst=1).take("x") == 0.0  # disabled


# --- presentation --------------------------------------------------------------------------------
def test_excerpt_marks_every_term() -> None:
    body = "前言。" * 30 + "驾驶机动车超速行驶，超过规定时速。酒驾另案处理。"
    segments = excerpt(body, ("超速", "酒驾", "超过"), width=40)
    marked = [s.text for s in segments if s.match]
    assert marked == ["超速", "超过", "酒驾"]
    assert segments[0].text == "…"
    assert "".join(s.text for s in segments[1:-1]) in body.replace("\n", " ")
    assert not any(s.match for s in excerpt("没有命中", ("超速",)))
    upper = excerpt("Speed LIMIT", ("limit",))
    assert [s.text for s in upper if s.match] == ["LIMIT"]


def test_formatting() -> None:
    assert yuan(50_000) == "500元"
    assert yuan(12_345) == "123.45元"
    assert yuan(123_456_700) == "1,234,567元"
    assert yuan(0) == "0元"
    assert cn_date(dt.date(2024, 3, 1)) == "2024年3月1日"


# --- boundaries ----------------------------------------------------------------------------------
def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_the_site_sees_only_its_channel_store() -> None:
    """The public site imports nothing of the internal store or the review app, and the read
    side of publication only SQLAlchemy and the standard library."""
    files = sorted((ROOT / "web" / "site").rglob("*.py"))
    files += [ROOT / "publication" / n for n in ("read.py", "index.py", "snapshot.py")]
    assert len(files) > 10
    for path in files:
        for name in _imports(path):
            assert not name.startswith(("gongkai.store", "gongkai.web.review", "gongkai.flows")), (
                path,
                name,
            )
