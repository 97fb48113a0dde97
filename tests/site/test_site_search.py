"""gongkai.publication.read: search, filters, sorting, pagination, the change feed — on SQLite
and PostgreSQL alike."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace

import pytest
from sitetools import Channel, decision, many

from gongkai.publication import read
from gongkai.publication.read import InvalidQuery, SearchQuery


def ids(rows: list) -> list[str]:
    return [r.source_id for r in rows]


def found(channel: Channel, **query: object) -> set[str]:
    with channel.sessions() as session:
        q = SearchQuery(**query)  # type: ignore[arg-type]
        rows = read.search(session, q, limit=500)
        assert read.count(session, q) == len(rows)
        return set(ids(rows))


@pytest.fixture
def published(channel: Channel, corpus: dict) -> Channel:
    channel.publish(*corpus.values())
    return channel


# --- text queries -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("超速", {"speed1", "speed2"}),  # 2 characters
        ("酒驾", {"drunk1", "drunk2"}),
        ("居留", {"stay1", "stay2"}),
        ("醉酒后", {"drunk2"}),  # 3
        ("非法居留", {"stay1"}),  # 4
        ("超过规定时速50%", {"speed1"}),  # with digits and punctuation
        ("网络安全等级保护", {"cyber1"}),
        ("枪", {"gun1"}),  # 1 character
        ("超速 货车", {"speed2"}),  # two terms: both must occur
        ("居留 签证", {"stay2"}),
        ("外国人", {"stay1", "stay2"}),
        ("ml", {"drunk1"}),  # Latin letters, any case
        ("MG/100ML", {"drunk1"}),
        ("<script>", {"script1"}),
        ("赛车", set()),
        ("超速行驶超速", set()),
    ],
)
def test_text_queries_find_substrings(published: Channel, q: str, expected: set[str]) -> None:
    assert found(published, q=q) == expected


def test_punctuation_is_not_ignored(published: Channel) -> None:
    # speed1: 超速行驶，超过…; speed2: 超速，超过…
    assert found(published, q="超速，超过") == {"speed2"}
    assert found(published, q="行驶，超过") == {"speed1"}
    assert found(published, q="驶超") == set()
    assert found(published, q="行驶超过") == set()
    assert found(published, q="超速,超过") == set()  # a half-width comma is another character


def test_matches_equal_plain_substring_search(channel: Channel) -> None:
    """Random substrings (1–6 characters) of random texts: the index finds exactly the
    decisions whose text contains them."""
    rng = random.Random(7)
    alphabet = "超速酒驾居留罚款，。、（）违法行为人张某公安局0123ABCabc "
    items = []
    for i in range(60):
        body = "".join(rng.choice(alphabet) for _ in range(rng.randint(5, 60)))
        items.append(replace(decision(f"r{i:02d}", "x"), redacted_text=body))
    channel.publish(*items)
    texts = {item.source_id: item.redacted_text.lower() for item in items}
    probes = set()
    for _ in range(120):
        text = rng.choice(items).redacted_text
        start = rng.randrange(len(text))
        probes.add(text[start : start + rng.randint(1, 6)].strip())
    probes |= {"超速", "酒驾", "居留", "，。", "（", "a", "B", "0"}
    for probe in sorted(p for p in probes if p and " " not in p):
        expected = {sid for sid, t in texts.items() if probe.lower() in t}
        assert found(channel, q=probe) == expected, probe


def test_long_and_many_terms_are_refused_or_capped() -> None:
    with pytest.raises(InvalidQuery):
        SearchQuery(q="超" * (read.MAX_QUERY_CHARS + 1))
    assert len(SearchQuery(q=" ".join(f"词{i}" for i in range(20))).terms) == read.MAX_TERMS
    assert SearchQuery(q="  超速   超速 酒驾 ").terms == ("超速", "酒驾")
    with pytest.raises(InvalidQuery):
        SearchQuery(sort="random")


# --- filters -------------------------------------------------------------------------------------
def test_filters(published: Channel) -> None:
    assert found(published, agency="南宁市公安局兴宁分局") == {
        "gun1",
        "fight1",
        "script1",
        "formula1",
    }
    assert found(published, violation_type="非法居留") == {"stay1"}
    assert found(published, law="出境入境管理法") == {"stay1", "stay2"}
    assert found(published, penalty_type="限期出境") == {"stay1"}
    assert found(published, penalty_type="警告") == {"cyber1", "idcard1", "formula1"}
    assert found(published, date_from=dt.date(2025, 3, 1), date_to=dt.date(2025, 4, 1)) == {
        "speed1",
        "idcard1",
        "cyber1",
    }
    assert found(published, date_to=dt.date(2023, 12, 31)) == {"drunk2", "formula1"}
    assert found(published, fine_min_fen=100_000) == {"speed1", "drunk1", "stay1", "stay2"}
    assert found(published, fine_min_fen=50_000, fine_max_fen=100_000) == {
        "drunk1",
        "gun1",
        "fight1",
    }
    # Combined with text, and with each other.
    assert found(published, q="超速", agency="柳州市公安局交通警察支队") == {"speed2"}
    assert found(published, q="居留", penalty_type="罚款", fine_min_fen=600_000) == {"stay2"}
    assert found(published, q="酒驾", date_from=dt.date(2024, 1, 1)) == {"drunk1"}
    assert found(published, law="道路交通安全法", penalty_type="罚款", q="驾驶") == {
        "speed1",
        "speed2",
        "drunk1",
    }
    assert found(published, agency="没有这个机关") == set()


def test_filter_choices_list_published_values(published: Channel, corpus: dict) -> None:
    published.withdraw(corpus["gun1"], "撤销")
    with published.sessions() as session:
        choices = read.filter_choices(session)
    assert "枪支管理法" not in choices.laws
    assert choices.laws == sorted(
        {"道路交通安全法", "出境入境管理法", "网络安全法", "治安管理处罚法", "居民身份证法"}
    )
    assert "限期出境" in choices.penalty_types and "没收非法财物" not in choices.penalty_types
    assert "北京市公安局出入境管理总队" in choices.agencies
    assert "非法居留" in choices.violation_types


# --- status: only published decisions are found ------------------------------------------------
def test_only_published_decisions_are_found(published: Channel, corpus: dict) -> None:
    published.withdraw(corpus["speed1"], "经复议撤销")
    published.expire(corpus["drunk1"])
    published.hide(corpus["stay1"])
    assert found(published, q="超速") == {"speed2"}
    assert found(published, q="酒驾") == {"drunk2"}
    assert found(published, q="居留") == {"stay2"}
    assert found(published, penalty_type="限期出境") == set()
    assert "speed1" not in found(published)
    with published.sessions() as session:
        gone = read.get_decision(session, corpus["speed1"].public_id)
        assert gone is not None and read.is_gone(gone) and gone.notice == "经复议撤销"
        hidden = read.get_decision(session, corpus["stay1"].public_id)
        assert hidden is not None and not read.is_gone(hidden) and not read.is_live(hidden)
    published.restore(corpus["stay1"])
    assert found(published, q="居留") == {"stay1", "stay2"}


def test_a_correction_is_reindexed(published: Channel, corpus: dict) -> None:
    corrected = replace(
        corpus["speed1"],
        redacted_text="更正后的决定书：驾驶机动车闯红灯。",
        decision_date=dt.date(2021, 6, 1),
        agency="新机关",
        penalty_types=("警告",),
    )
    assert published.publish(corrected) == ["corrected"]
    assert found(published, q="超速") == {"speed2"}
    assert found(published, q="闯红灯") == {"speed1"}
    assert found(published, agency="新机关") == {"speed1"}
    assert "speed1" not in found(published, agency="南宁市公安局交通警察支队")
    assert found(published, date_to=dt.date(2021, 12, 31)) == {"speed1"}
    assert published.publish(corrected) == ["unchanged"]
    # Withdrawn, then published again: found again.
    published.withdraw(corrected, "撤回")
    assert found(published, q="闯红灯") == set()
    assert published.publish(corrected) == ["published"]
    assert found(published, q="闯红灯") == {"speed1"}


# --- sorting and pagination ---------------------------------------------------------------------
SORT_KEYS = {
    "date_desc": (lambda d: (d.decision_date, d.id), True),
    "date_asc": (lambda d: (d.decision_date, d.id), False),
    "fine_desc": (lambda d: (d.fine_amount_fen, d.decision_date, d.id), True),
    "fine_asc": (lambda d: (d.fine_amount_fen, d.decision_date, d.id), False),
}


@pytest.mark.parametrize("sort", sorted(SORT_KEYS))
@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"q": "超速"},
        {"q": "超速", "fine_min_fen": 50_000},
        {"agency": "乙市公安局", "date_from": dt.date(2024, 1, 10)},
        {"penalty_type": "警告", "q": "机动车"},
    ],
    ids=["all", "text", "text+fine", "agency+date", "penalty+text"],
)
def test_keyset_pages_cover_every_match_once_in_order(
    channel: Channel, sort: str, filters: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    channel.publish(*many(157))
    query = SearchQuery(sort=sort, **filters)
    with channel.sessions() as session:
        everything = read.search(session, query, limit=500)
        total = read.count(session, query)
    assert len(everything) == total > 10
    key, descending = SORT_KEYS[sort]
    assert everything == sorted(everything, key=key, reverse=descending)

    # Both ways of ordering text matches: read all and sort, or walk the sort index.
    for sort_limit in (10_000, 3):
        monkeypatch.setattr(read, "FTS_SORT_LIMIT", sort_limit)
        monkeypatch.setattr(read, "PG_SORT_LIMIT", sort_limit)
        seen, cursor, pages = [], None, 0
        while True:
            with channel.sessions() as session:
                page = read.search_after(session, query, cursor, limit=7)
            seen += ids(page.decisions)
            pages += 1
            assert pages <= total, "the cursor does not move on"
            if page.next_cursor is None:
                break
            cursor = page.next_cursor
        assert seen == ids(everything)
        assert pages == -(-total // 7)
        # Offset pages agree.
        with channel.sessions() as session:
            by_offset = []
            for offset in range(0, total, 9):
                by_offset += ids(read.search(session, query, limit=9, offset=offset))
        assert by_offset == ids(everything)


def test_cursor_survives_new_publications(channel: Channel) -> None:
    """A cursor points at a position, not an offset: decisions published meanwhile after the
    position do not shift what comes next."""
    items = many(40)
    channel.publish(*items[:30])
    query = SearchQuery(sort="date_asc")
    with channel.sessions() as session:
        first = read.search_after(session, query, None, limit=10)
    channel.publish(*items[30:])
    with channel.sessions() as session:
        rest = []
        cursor = first.next_cursor
        while cursor:
            page = read.search_after(session, query, cursor, limit=10)
            rest += ids(page.decisions)
            cursor = page.next_cursor
    assert ids(first.decisions) + rest == [i.source_id for i in items]


def test_bad_cursors_are_refused(channel: Channel) -> None:
    channel.publish(*many(5))
    query = SearchQuery()
    with channel.sessions() as session:
        good = read.search_after(session, query, None, limit=2).next_cursor
        assert good
        for bad in ("x", "!!!", good + "x", good[:-3], "e30"):
            with pytest.raises(InvalidQuery):
                read.search_after(session, query, bad)
        with pytest.raises(InvalidQuery):  # a cursor of another sort order
            read.search_after(session, SearchQuery(sort="fine_desc"), good)


def test_count_with_cap(channel: Channel) -> None:
    channel.publish(*many(60))
    with channel.sessions() as session:
        assert read.count(session, SearchQuery(q="超速")) == 20
        assert read.count(session, SearchQuery(q="超速"), cap=10) == 11
        assert read.count(session, SearchQuery(q="超速"), cap=50) == 20
        assert read.count(session, SearchQuery(), cap=10) == 11
        assert read.count(session, SearchQuery(fine_min_fen=100_000), cap=5) == 6


def test_iter_search_reads_in_batches(channel: Channel) -> None:
    channel.publish(*many(23))
    query = SearchQuery(q="机动车", sort="fine_asc")
    with channel.sessions() as session:
        expected = ids(read.search(session, query, limit=500))
    assert ids(read.iter_search(channel.sessions, query, batch=4)) == expected


# --- the change feed ----------------------------------------------------------------------------
def test_change_feed_lists_every_change_in_order(published: Channel, corpus: dict) -> None:
    published.withdraw(corpus["speed1"], "经复议撤销")
    published.publish(replace(corpus["speed2"], redacted_text="更正后的文本"))
    published.hide(corpus["stay1"])
    published.restore(corpus["stay1"])
    published.expire(corpus["drunk1"])
    with published.sessions() as session:
        everything = read.changes_since(session, None, limit=500)
        assert not everything.more
        kinds = [(c.public_id, c.kind) for c in everything.entries]
        assert [c.id for c in everything.entries] == sorted(c.id for c in everything.entries)
        assert kinds[: len(corpus)] == [(d.public_id, "published") for d in corpus.values()]
        assert kinds[len(corpus) :] == [
            (corpus["speed1"].public_id, "withdrawn"),
            (corpus["speed2"].public_id, "corrected"),
            (corpus["stay1"].public_id, "hidden"),
            (corpus["stay1"].public_id, "restored"),
            (corpus["drunk1"].public_id, "expired"),
        ]
        # Paging through with since= gives the same entries, each once.
        seen, since = [], 0
        while True:
            part = read.changes_since(session, since, limit=4)
            seen += [c.id for c in part.entries]
            if not part.more:
                break
            since = part.next_since
        assert seen == [c.id for c in everything.entries]
        last = everything.next_since
        assert read.changes_since(session, last).entries == []
        assert read.changes_since(session, str(last)).next_since == last
        with pytest.raises(InvalidQuery):
            read.changes_since(session, "yesterday")
        with pytest.raises(InvalidQuery):
            read.changes_since(session, -1)


def test_decision_record_carries_no_text_once_gone(published: Channel, corpus: dict) -> None:
    published.withdraw(corpus["speed1"], "经复议撤销")
    with published.sessions() as session:
        live = read.decision_record(read.get_decision(session, corpus["speed2"].public_id))
        gone = read.decision_record(read.get_decision(session, corpus["speed1"].public_id))
    assert live["redacted_text"] and live["notice"] is None
    assert live["fine_amount_yuan"] == "200.00" and live["penalty_types"] == ["罚款"]
    assert gone["redacted_text"] is None and gone["notice"] == "经复议撤销"
    assert gone["status"] == "withdrawn"
