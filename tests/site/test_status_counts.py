"""The per-status counts that database triggers keep (migration 0004) agree with the rows at
every step of a decision's life on the channel, and the site's counts read them."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sitetools import Channel, many

from gongkai.publication import read
from gongkai.publication.read import SearchQuery


def _stored(channel: Channel) -> dict[str, int]:
    return {s: n for s, n in channel.sql("SELECT status, decisions FROM status_counts") if n}


def _actual(channel: Channel) -> dict[str, int]:
    rows = channel.sql("SELECT status, count(*) FROM published_decisions GROUP BY status")
    return {s: int(n) for s, n in rows}


def test_counts_follow_every_change(channel: Channel) -> None:
    items = many(12)
    channel.publish(*items)
    assert _stored(channel) == _actual(channel) == {"published": 12}
    channel.withdraw(items[0], "经复议撤销")
    channel.expire(items[1])
    channel.hide(items[2])
    channel.publish(replace(items[3], redacted_text=items[3].redacted_text + "（更正）"))
    assert _stored(channel) == _actual(channel)
    assert _actual(channel) == {"published": 9, "withdrawn": 1, "expired": 1, "hidden": 1}
    channel.restore(items[2])
    channel.publish(items[0])  # a withdrawn decision published again
    assert _stored(channel) == _actual(channel) == {"published": 11, "expired": 1}
    with channel.engine.begin() as connection:  # rows removed by hand are counted out too
        connection.exec_driver_sql("DELETE FROM published_decisions WHERE status = 'expired'")
    assert _stored(channel) == _actual(channel) == {"published": 11}

    with channel.sessions() as session:
        assert read.published_count(session) == 11
        assert read.count(session, SearchQuery()) == 11
        assert read.count(session, SearchQuery(), cap=5) == 6
        assert read.withdrawal_count(session) == 0


def test_a_failed_transaction_leaves_the_counts_alone(channel: Channel) -> None:
    channel.publish(*many(3))
    with pytest.raises(RuntimeError), channel.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE published_decisions SET status = 'withdrawn'")
        raise RuntimeError("crash before commit")
    assert _stored(channel) == _actual(channel) == {"published": 3}
