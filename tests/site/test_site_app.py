"""The public site over HTTP, on SQLite and PostgreSQL: what a reader and a reuser see."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient
from sitetools import Channel, many

from gongkai.publication import read
from gongkai.publication.read import SearchQuery

DECISION_LINK = re.compile(r'href="/decisions/([0-9a-f]{16})"')
REPORT_TOKEN = re.compile(r'name="token" value="([^"]+)"')


@pytest.fixture
def published(channel: Channel, corpus: dict) -> Channel:
    channel.publish(*corpus.values())
    return channel


def linked_ids(html: str) -> list[str]:
    return list(dict.fromkeys(DECISION_LINK.findall(html)))


def public_ids(corpus: dict, *names: str) -> set[str]:
    return {corpus[n].public_id for n in names}


# --- the search page --------------------------------------------------------------------------
def test_search_page_finds_two_character_queries(
    published: Channel, client: TestClient, corpus: dict
) -> None:
    for q, names in [
        ("超速", ("speed1", "speed2")),
        ("酒驾", ("drunk1", "drunk2")),
        ("居留", ("stay1", "stay2")),
    ]:
        page = client.get("/", params={"q": q})
        assert page.status_code == 200
        assert set(linked_ids(page.text)) == public_ids(corpus, *names)
        assert 'class="total">2<' in page.text
        assert f"<mark>{q}</mark>" in page.text
        assert f'value="{q}"' in page.text  # the form keeps the query
        assert '<html lang="zh-CN">' in page.text
        assert 'name="robots"' not in page.text


def test_every_search_is_a_url(published: Channel, client: TestClient, corpus: dict) -> None:
    page = client.get(
        "/",
        params={
            "q": "驾驶",
            "law": "道路交通安全法",
            "penalty": "罚款",
            "sort": "fine_desc",
            "from": "2024-01-01",
            "fine_min": "150",
        },
    )
    assert page.status_code == 200
    assert linked_ids(page.text) == [corpus[n].public_id for n in ("speed1", "drunk1", "speed2")]
    # The JSON and CSV links carry the same search.
    json_link = re.search(r'href="(/api/decisions\?[^"]+)"', page.text).group(1)
    params = parse_qs(urlsplit(json_link.replace("&amp;", "&")).query)
    assert params == {
        "q": ["驾驶"],
        "law": ["道路交通安全法"],
        "penalty": ["罚款"],
        "from": ["2024-01-01"],
        "fine_min": ["150"],
        "sort": ["fine_desc"],
    }
    api = client.get(json_link.replace("&amp;", "&")).json()
    assert [d["public_id"] for d in api["decisions"]] == linked_ids(page.text)
    # Each active filter links to the same search without it.
    removal = re.search(r'<li>法律：道路交通安全法 <a href="([^"]+)"', page.text).group(1)
    assert "law=" not in removal and "q=%E9%A9%BE%E9%A9%B6" in removal
    assert "selected>道路交通安全法</option>" in page.text


def test_search_page_pagination(channel: Channel, client: TestClient) -> None:
    items = many(75)
    channel.publish(*items)
    first = client.get("/", params={"q": "机动车"})
    assert 'class="total">75<' in first.text
    assert len(linked_ids(first.text)) == 20
    assert 'href="/?q=%E6%9C%BA%E5%8A%A8%E8%BD%A6&amp;page=4"' in first.text
    seen = []
    for page in range(1, 5):
        html = client.get("/", params={"q": "机动车", "page": page}).text
        seen += linked_ids(html)
    assert len(seen) == len(set(seen)) == 75
    assert client.get("/", params={"q": "机动车", "page": 5}).status_code == 400
    assert client.get("/", params={"page": "x"}).status_code == 400


def test_numbered_pages_stop_at_the_setting(channel: Channel, make_site, many_decisions) -> None:
    channel.publish(*many_decisions(30))
    with TestClient(make_site(channel, page_size=5, max_html_page=3)) as client:
        page = client.get("/", params={"q": "机动车"})
        assert '超过 <strong class="total">15</strong> 件' in page.text
        assert "网页只列出前 3 页" in page.text
        assert client.get("/", params={"q": "机动车", "page": 4}).status_code == 400
        api = client.get("/api/decisions", params={"q": "机动车", "size": 5}).json()
        assert api["count"] == 30


def test_invalid_searches_answer_400_with_the_form(client: TestClient) -> None:
    for params in (
        {"from": "2024-13-01"},
        {"fine_min": "abc"},
        {"sort": "x"},
        {"q": "超" * 300},
        {"fine_max": "-5"},
    ):
        page = client.get("/", params=params)
        assert page.status_code == 400
        assert 'class="error"' in page.text and 'name="q"' in page.text
        api = client.get("/api/decisions", params=params)
        assert api.status_code == 400 and api.json()["error"]


# --- decision pages -----------------------------------------------------------------------------
def test_decision_page(published: Channel, client: TestClient, corpus: dict) -> None:
    item = corpus["stay1"]
    page = client.get(f"/decisions/{item.public_id}")
    assert page.status_code == 200
    for shown in (
        item.decision_no,
        item.agency,
        "2025年2月10日",
        "罚款、限期出境",
        "5,000元",
        "外国人约翰某非法居留三十日",
        item.legal_basis,
    ):
        assert shown in page.text
    assert 'name="robots"' not in page.text and "x-robots-tag" not in page.headers
    assert f'href="/api/decisions/{item.public_id}"' in page.text
    assert 'action="/decisions/' + item.public_id + '/report"' in page.text
    assert client.get("/decisions/0000000000000000").status_code == 404


def test_text_is_escaped(published: Channel, client: TestClient, corpus: dict) -> None:
    item = corpus["script1"]
    page = client.get(f"/decisions/{item.public_id}")
    assert "<script>" not in page.text
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page.text
    assert "&amp; 符号" in page.text
    search = client.get("/", params={"q": "<script>"})
    assert "<script>" not in search.text
    assert "<mark>&lt;script&gt;</mark>" in search.text
    assert (
        client.get(f"/api/decisions/{item.public_id}").json()["redacted_text"].count("<script>")
        == 1
    )


@pytest.mark.parametrize("how", ["withdraw", "expire"])
def test_withdrawn_and_expired_decisions_answer_410_with_notice(
    published: Channel, client: TestClient, corpus: dict, how: str
) -> None:
    item = corpus["speed1"]
    notice = (
        "经南宁市人民政府行政复议，决定撤销该行政处罚决定。" if how == "withdraw" else "公示期满"
    )
    if how == "withdraw":
        published.withdraw(item, notice)
    else:
        published.expire(item, notice)
    page = client.get(f"/decisions/{item.public_id}")
    assert page.status_code == 410
    assert '<meta name="robots" content="noindex">' in page.text
    assert page.headers["x-robots-tag"] == "noindex"
    assert notice in page.text and item.decision_no in page.text
    assert "超过规定时速" not in page.text  # the text is gone
    assert ("已撤回" if how == "withdraw" else "公示期已满") in page.text
    api = client.get(f"/api/decisions/{item.public_id}")
    assert api.status_code == 410 and api.json()["notice"] == notice
    assert api.json()["redacted_text"] is None
    assert client.get(f"/decisions/{item.public_id}.csv").status_code == 410
    assert item.public_id not in client.get("/", params={"q": "超速"}).text
    notices = client.get("/notices")
    assert (item.decision_no in notices.text) == (how == "withdraw")


# --- report a problem (纠错) ---------------------------------------------------------------------
def report(client: TestClient, public_id: str, **form: str) -> object:
    page = client.get(f"/decisions/{public_id}")
    token = REPORT_TOKEN.search(page.text).group(1)
    data = {"kind": "error", "message": "", "token": token, "website": ""}
    data.update(form)
    return client.post(f"/decisions/{public_id}/report", data=data)


def test_a_leak_report_hides_the_decision_at_once(
    published: Channel, client: TestClient, corpus: dict
) -> None:
    item = corpus["stay1"]
    answer = report(client, item.public_id, kind="leak", message="第二段有完整姓名")
    assert answer.status_code == 303
    thanks = client.get(answer.headers["location"])
    assert "已暂停公开" in thanks.text
    page = client.get(f"/decisions/{item.public_id}")
    assert page.status_code == 404 and "复核" in page.text
    assert page.headers["x-robots-tag"] == "noindex"
    assert item.public_id not in client.get("/", params={"q": "居留"}).text
    assert client.get(f"/api/decisions/{item.public_id}").status_code == 404
    changes = client.get("/api/changes").json()["changes"]
    assert changes[-1]["kind"] == "hidden" and changes[-1]["public_id"] == item.public_id
    assert "姓名" not in (changes[-1]["reason"] or "")  # never the reader's message
    rows = published.sql("SELECT public_id, kind, message FROM problem_reports")
    assert rows == [(item.public_id, "leak", "第二段有完整姓名")]
    # Legal staff re-reviewed it: it is back.
    published.restore(item)
    assert client.get(f"/decisions/{item.public_id}").status_code == 200


def test_an_error_report_is_stored_and_the_decision_stays(
    published: Channel, client: TestClient, corpus: dict
) -> None:
    item = corpus["gun1"]
    assert report(client, item.public_id, kind="error", message="日期有误").status_code == 303
    assert client.get(f"/decisions/{item.public_id}").status_code == 200
    assert published.sql("SELECT kind, message FROM problem_reports") == [("error", "日期有误")]
    # An error report needs a message.
    assert report(client, item.public_id, kind="error", message=" ").status_code == 400


def test_report_form_is_protected(
    published: Channel, client: TestClient, corpus: dict, channel: Channel, make_site
) -> None:
    item, other = corpus["gun1"], corpus["fight1"]
    token = REPORT_TOKEN.search(client.get(f"/decisions/{other.public_id}").text).group(1)
    form = {"kind": "leak", "message": "", "website": ""}
    # No token, a forged one, another decision's token.
    for bad in ("", "123.abc", token):
        answer = client.post(f"/decisions/{item.public_id}/report", data={**form, "token": bad})
        assert answer.status_code == 403
    # A filled-in honeypot.
    assert report(client, item.public_id, kind="leak", website="http://spam").status_code == 403
    assert published.sql("SELECT count(*) FROM problem_reports") == [(0,)]
    assert client.get(f"/decisions/{item.public_id}").status_code == 200
    # Too many reports from one address.
    with TestClient(
        make_site(channel, reports_per_hour=1.0, report_burst=2), follow_redirects=False
    ) as limited:
        codes = [report(limited, item.public_id, message=f"错误{i}").status_code for i in range(3)]
        assert codes == [303, 303, 429]
    # An expired form.
    with TestClient(make_site(channel)) as c:
        import datetime as dt

        from gongkai.web.site import security

        old = security.report_token(
            c.app.state.settings.secret_key, item.public_id, now=1_000_000_000
        )
        answer = c.post(
            f"/decisions/{item.public_id}/report",
            data={**form, "kind": "error", "message": "x", "token": old},
        )
        assert answer.status_code == 403
        assert c.app.state.settings.report_form_max_age < dt.timedelta(days=1)


def test_reports_on_unknown_or_withdrawn_decisions_are_refused(
    published: Channel, client: TestClient, corpus: dict
) -> None:
    item = corpus["speed1"]
    token = REPORT_TOKEN.search(client.get(f"/decisions/{item.public_id}").text).group(1)
    published.withdraw(item, "撤销")
    answer = client.post(
        f"/decisions/{item.public_id}/report", data={"kind": "leak", "token": token, "message": ""}
    )
    assert answer.status_code == 404
    assert published.sql("SELECT count(*) FROM problem_reports") == [(0,)]


# --- security -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/decisions/0000000000000000",
        "/api/decisions",
        "/api/changes",
        "/feed.atom",
        "/static/site.css",
        "/data",
        "/sitemap.xml",
    ],
)
def test_security_headers(published: Channel, client: TestClient, path: str) -> None:
    answer = client.get(path)
    csp = answer.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "script-src 'none'" in csp
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["x-frame-options"] == "DENY"
    assert answer.headers["referrer-policy"] == "strict-origin-when-cross-origin"
    if path.startswith("/static/"):
        assert answer.headers["cache-control"].startswith("public")
    else:
        assert answer.headers["cache-control"] == "no-store"


def test_pages_have_no_inline_script_or_style(
    published: Channel, client: TestClient, corpus: dict
) -> None:
    for path in ["/", "/?q=超速", f"/decisions/{corpus['speed1'].public_id}", "/data", "/notices"]:
        html = client.get(path).text
        assert "<script" not in html and "style=" not in html and "<style" not in html
        assert not re.search(r'(src|href|action)="(https?:)?//', html)  # nothing remote


def test_search_rate_limit(published: Channel, channel: Channel, make_site) -> None:
    with TestClient(make_site(channel, search_per_minute=6.0, search_burst=3)) as client:
        codes = [client.get("/", params={"q": "超速"}).status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        limited = client.get("/api/decisions", params={"q": "超速"})
        assert limited.status_code == 429 and int(limited.headers["retry-after"]) >= 1
        assert limited.json()["status"] == 429
        assert client.get("/decisions.csv").status_code == 429
        # Decision pages are not searches.
        assert client.get("/data").status_code == 200


def test_the_site_reads_through_a_read_only_connection(
    published: Channel, client: TestClient
) -> None:
    from sqlalchemy import text

    with client.app.state.read_engine.connect() as connection, pytest.raises(Exception) as err:
        connection.execute(text("DELETE FROM problem_reports"))
    assert "read" in str(err.value).lower()


def test_the_site_refuses_an_out_of_date_store(tmp_path) -> None:
    from gongkai.publication import ChannelSchemaOutOfDate
    from gongkai.publication.db import open_channel
    from gongkai.web.site.app import Settings, create_app

    path = tmp_path / "empty.sqlite"
    open_channel("public", f"sqlite:///{path}").dispose()
    import sqlite3

    sqlite3.connect(path).close()
    with pytest.raises(ChannelSchemaOutOfDate):
        create_app("public", Settings(database_url=f"sqlite:///{path}"))
    with pytest.raises(ValueError):
        create_app("intranet", Settings(database_url=f"sqlite:///{path}"))


# --- JSON API, CSV, feeds ----------------------------------------------------------------------
def test_api_cursor_pagination_walks_every_result(channel: Channel, client: TestClient) -> None:
    channel.publish(*many(130))
    url = "/api/decisions?q=%E6%9C%BA%E5%8A%A8%E8%BD%A6&sort=fine_asc&size=17"
    first = client.get(url).json()
    assert first["count"] == 130 and first["count_more_than"] is None
    seen, body, pages = [], first, 0
    while True:
        seen += [d["public_id"] for d in body["decisions"]]
        pages += 1
        if body["next"] is None:
            break
        assert body["next"].startswith("https://gongkai.example.gov.cn/api/decisions?")
        body = client.get(body["next"].removeprefix("https://gongkai.example.gov.cn")).json()
        assert "count" not in body
    assert len(seen) == len(set(seen)) == 130 and pages == 8
    fines = []
    for pid in seen:
        fines.append(client.get(f"/api/decisions/{pid}").json()["fine_amount_fen"])
    assert fines == sorted(fines)
    assert client.get("/api/decisions", params={"cursor": "nonsense"}).status_code == 400
    assert client.get("/api/decisions", params={"size": "1000"}).status_code == 400


def test_api_decision(published: Channel, client: TestClient, corpus: dict) -> None:
    item = corpus["drunk1"]
    body = client.get(f"/api/decisions/{item.public_id}").json()
    assert body["decision_no"] == item.decision_no
    assert body["penalty_types"] == ["罚款", "暂扣机动车驾驶证"]
    assert body["fine_amount_fen"] == 100_000 and body["fine_amount_yuan"] == "1000.00"
    assert body["decision_date"] == "2025-01-20" and body["status"] == "published"
    assert body["url"] == f"https://gongkai.example.gov.cn/decisions/{item.public_id}"
    assert body["redacted_text"] == item.redacted_text
    assert "source_id" not in body and "content_hash" not in body
    assert client.get("/api/decisions/nope").status_code == 404


def test_change_feed_over_http(published: Channel, client: TestClient, corpus: dict) -> None:
    published.withdraw(corpus["speed1"], "撤销")
    published.publish(replace(corpus["speed2"], redacted_text="更正"))
    body = client.get("/api/changes", params={"since": 0, "limit": 5}).json()
    assert [c["kind"] for c in body["changes"]] == ["published"] * 5 and body["more"]
    ids_seen = [c["id"] for c in body["changes"]]
    while body["more"]:
        body = client.get("/api/changes", params={"since": body["next_since"], "limit": 5}).json()
        ids_seen += [c["id"] for c in body["changes"]]
    assert ids_seen == sorted(ids_seen) and len(ids_seen) == len(corpus) + 2
    assert [c["kind"] for c in body["changes"]][-2:] == ["withdrawn", "corrected"]
    assert body["changes"][-2]["reason"] == "撤销"
    empty = client.get("/api/changes", params={"since": body["next_since"]}).json()
    assert empty["changes"] == [] and empty["next_since"] == body["next_since"]
    assert client.get("/api/changes", params={"since": "x"}).status_code == 400


def read_csv(content: bytes) -> list[dict[str, str]]:
    assert content.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM for spreadsheets
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def test_csv_export_of_a_search(published: Channel, client: TestClient, corpus: dict) -> None:
    answer = client.get("/decisions.csv", params={"law": "治安管理处罚法", "sort": "date_asc"})
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/csv")
    assert "attachment" in answer.headers["content-disposition"]
    rows = read_csv(answer.content)
    assert [r["编号"] for r in rows] == [
        corpus[n].public_id for n in ("formula1", "fight1", "script1")
    ]
    formula = rows[0]
    assert formula["违法行为"] == "'-其他"  # no spreadsheet formula
    assert formula["决定书正文（已脱敏）"].startswith("南宁市公安局兴宁分局")
    script = rows[2]
    assert "<script>alert('x')</script>" in script["决定书正文（已脱敏）"]
    assert (
        script["网址"] == f"https://gongkai.example.gov.cn/decisions/{corpus['script1'].public_id}"
    )
    assert rows[1]["罚款金额（元）"] == "500.00" and rows[1]["处罚种类"] == "行政拘留、罚款"
    one = read_csv(client.get(f"/decisions/{corpus['stay1'].public_id}.csv").content)
    assert len(one) == 1 and one[0]["文书编号"] == corpus["stay1"].decision_no


def test_csv_export_streams_every_match(channel: Channel, client: TestClient) -> None:
    channel.publish(*many(1234))
    rows = read_csv(client.get("/decisions.csv", params={"q": "超速"}).content)
    assert len(rows) == len({r["编号"] for r in rows}) == 412


def test_atom_feed_and_sitemap_are_well_formed(
    published: Channel, client: TestClient, corpus: dict
) -> None:
    published.withdraw(corpus["speed1"], "撤销")
    published.publish(replace(corpus["gun1"], redacted_text="控制字符\x01\x0b 也不破坏 XML"))
    feed = client.get("/feed.atom")
    assert feed.headers["content-type"].startswith("application/atom+xml")
    root = ET.fromstring(feed.content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = root.findall("a:entry", ns)
    links = {e.find("a:link", ns).get("href") for e in entries}
    base = "https://gongkai.example.gov.cn/decisions/"
    assert links == {base + d.public_id for n, d in corpus.items() if n != "speed1"}
    assert root.find("a:updated", ns).text.endswith("Z")

    index = ET.fromstring(client.get("/sitemap.xml").content)
    sm = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = [e.text for e in index.findall("s:sitemap/s:loc", sm)]
    assert locations == ["https://gongkai.example.gov.cn/sitemap-1.xml"]
    urlset = ET.fromstring(client.get("/sitemap-1.xml").content)
    urls = {e.text for e in urlset.findall("s:url/s:loc", sm)}
    assert base + corpus["speed1"].public_id not in urls
    assert {base + d.public_id for n, d in corpus.items() if n != "speed1"} <= urls
    assert client.get("/sitemap-2.xml").status_code == 404
    robots = client.get("/robots.txt").text
    assert "Sitemap: https://gongkai.example.gov.cn/sitemap.xml" in robots


def test_pilot_channel_is_never_indexed(published: Channel, make_site, corpus: dict) -> None:
    with TestClient(make_site(published, name="pilot")) as client:
        page = client.get("/")
        assert page.headers["x-robots-tag"] == "noindex"
        assert '<meta name="robots" content="noindex">' in page.text
        assert "内网试点" in page.text
        assert client.get("/robots.txt").text == "User-agent: *\nDisallow: /\n"
        assert (
            client.get(f"/api/decisions/{corpus['gun1'].public_id}").headers["x-robots-tag"]
            == "noindex"
        )


# --- snapshot -----------------------------------------------------------------------------------
def test_snapshot_files(published: Channel, client: TestClient, corpus: dict, tmp_path) -> None:
    from gongkai.publication.snapshot import build_snapshot

    assert client.get("/data/decisions.csv").status_code == 404
    assert "尚未生成" in client.get("/data").text
    published.withdraw(corpus["speed1"], "撤销")
    manifest = build_snapshot(
        published.engine, client.app.state.snapshot_dir, base_url="https://gongkai.example.gov.cn"
    )
    live = len(corpus) - 1
    assert manifest.decisions == live
    with published.sessions() as session:
        assert manifest.change_cursor == read.changes_since(session, 0, limit=500).next_since
    data_page = client.get("/data").text
    assert manifest.files["decisions.csv"]["sha256"] in data_page
    csv_rows = read_csv(client.get("/data/decisions.csv").content)
    lines = client.get("/data/decisions.jsonl").text.splitlines()
    records = [json.loads(line) for line in lines]
    assert len(csv_rows) == len(records) == live
    assert {r["public_id"] for r in records} == {
        d.public_id for n, d in corpus.items() if n != "speed1"
    }
    assert all(r["status"] == "published" and r["redacted_text"] for r in records)
    assert json.loads(client.get("/data/manifest.json").text)["decisions"] == live
    assert client.get("/data/other.txt").status_code == 404
    assert client.get("/data/..%2Fchannel-public.sqlite").status_code == 404
    import hashlib

    digest = hashlib.sha256(client.get("/data/decisions.jsonl").content).hexdigest()
    assert digest == manifest.files["decisions.jsonl"]["sha256"]
    # Rebuilt: the files are replaced whole, nothing temporary is left behind.
    build_snapshot(published.engine, client.app.state.snapshot_dir)
    names = sorted(p.name for p in client.app.state.snapshot_dir.iterdir())
    assert names == ["decisions.csv", "decisions.jsonl", "manifest.json"]


def test_counts_in_the_search_page_agree_with_read(published: Channel, client: TestClient) -> None:
    with published.sessions() as session:
        total = read.count(session, SearchQuery(law="道路交通安全法"))
    page = client.get("/", params={"law": "道路交通安全法"})
    assert f'class="total">{total}<' in page.text


# --- the commands -------------------------------------------------------------------------------
def test_commands(sqlite_channel: Channel, corpus: dict, tmp_path) -> None:
    import typer
    from typer.testing import CliRunner

    from gongkai.web.site.cli import serve_public, snapshot

    app = typer.Typer()
    app.command("serve-public")(serve_public)
    app.command("snapshot")(snapshot)
    runner = CliRunner()
    help_text = runner.invoke(app, ["serve-public", "--help"]).output
    assert "--channel" in help_text and "pilot" in help_text and "--port" in help_text
    sqlite_channel.publish(*corpus.values())
    out = tmp_path / "snap"
    done = runner.invoke(
        app, ["snapshot", "--channel", "public", "--url", sqlite_channel.url, "--out", str(out)]
    )
    assert done.exit_code == 0, done.output
    assert f"{len(corpus)} 件决定书" in done.output
    assert sorted(p.name for p in out.iterdir()) == [
        "decisions.csv",
        "decisions.jsonl",
        "manifest.json",
    ]
    refused = runner.invoke(
        app, ["serve-public", "--channel", "public", "--url", f"sqlite:///{tmp_path / 'no.sqlite'}"]
    )
    assert refused.exit_code == 2
