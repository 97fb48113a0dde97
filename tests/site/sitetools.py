"""Helpers for the site tests: a channel store handle and decisions to publish."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from gongkai.publication import PublicDecision, expire, hide, publish, restore, withdraw

NOW = dt.datetime(2026, 1, 5, 8, 0, tzinfo=dt.UTC)


@dataclass
class Channel:
    """A channel store for one test, with helpers that write through gongkai.publication."""

    engine: Engine
    url: str
    backend: str
    sessions: sessionmaker[Session]
    clock: int = 0

    def now(self) -> dt.datetime:
        self.clock += 1
        return NOW + dt.timedelta(minutes=self.clock)

    def publish(self, *items: PublicDecision) -> list[str]:
        with self.sessions.begin() as session:
            return [publish(session, item, now=self.now()) for item in items]

    def withdraw(self, item: PublicDecision, notice: str) -> bool:
        with self.sessions.begin() as session:
            return withdraw(session, item.source_id, notice=notice, now=self.now())

    def expire(self, item: PublicDecision, notice: str = "公示期满") -> bool:
        with self.sessions.begin() as session:
            return expire(session, item.source_id, now=self.now(), notice=notice)

    def hide(self, item: PublicDecision) -> bool:
        with self.sessions.begin() as session:
            return hide(session, item.public_id, now=self.now(), reason="test")

    def restore(self, item: PublicDecision) -> bool:
        with self.sessions.begin() as session:
            return restore(session, item.source_id, now=self.now())

    def sql(self, statement: str) -> list[tuple]:
        with self.engine.connect() as connection:
            return [tuple(r) for r in connection.execute(text(statement))]


# --- decisions --------------------------------------------------------------------------------
LAWS = {
    "道路交通安全法": "《中华人民共和国道路交通安全法》第九十九条第一款第（四）项",
    "出境入境管理法": "《中华人民共和国出境入境管理法》第七十八条第一款",
    "网络安全法": "《中华人民共和国网络安全法》第六十一条",
    "治安管理处罚法": "《中华人民共和国治安管理处罚法》第四十三条第一款",
    "居民身份证法": "《中华人民共和国居民身份证法》第十六条第（二）项",
    "枪支管理法": "《中华人民共和国枪支管理法》第四十四条第一款第（五）项",
}


def decision(
    source_id: str,
    text_body: str,
    *,
    law: str = "道路交通安全法",
    agency: str = "南宁市公安局交通警察支队",
    violation: str = "超速行驶",
    penalties: tuple[str, ...] = ("罚款",),
    fine_yuan: int = 200,
    day: dt.date = dt.date(2025, 3, 1),
) -> PublicDecision:
    """A public decision whose redacted text is a short, realistic decision around
    ``text_body``."""
    full = (
        f"{agency}\n行政处罚决定书\n{agency[:2]}公（{source_id}）行罚决字[{day.year}]第{source_id}号\n"
        f"违法行为人张某，男，公民身份号码：【身份证号】，住【详细地址】。\n"
        f"现查明：{text_body}\n以上事实有当事人陈述和申辩等证据证实。\n"
        f"根据{LAWS[law]}之规定，现决定对张某{'、'.join(penalties)}。\n"
        f"{agency}\n{day.year}年{day.month}月{day.day}日"
    )
    return PublicDecision(
        source_id=source_id,
        decision_no=f"{agency[:2]}公（{source_id}）行罚决字[{day.year}]第{source_id}号",
        agency=agency,
        decision_date=day,
        violation_type=violation,
        legal_basis=LAWS[law],
        law=law,
        penalty_types=penalties,
        fine_amount_fen=fine_yuan * 100,
        redacted_text=full,
    )


def make_corpus() -> dict[str, PublicDecision]:
    d = dt.date
    items = [
        decision(
            "speed1",
            "张某驾驶小型轿车超速行驶，超过规定时速50%以上。",
            fine_yuan=1500,
            day=d(2025, 3, 2),
        ),
        decision(
            "speed2",
            "王某驾驶货车在高速公路上超速，超过规定时速20%。",
            fine_yuan=200,
            day=d(2024, 7, 15),
            agency="柳州市公安局交通警察支队",
        ),
        decision(
            "drunk1",
            "李某酒驾，饮酒后驾驶机动车，血液酒精含量为45mg/100ml。",
            violation="饮酒后驾驶机动车",
            penalties=("罚款", "暂扣机动车驾驶证"),
            fine_yuan=1000,
            day=d(2025, 1, 20),
        ),
        decision(
            "drunk2",
            "赵某醉酒后驾驶机动车（酒驾）。",
            violation="醉酒后驾驶机动车",
            penalties=("吊销机动车驾驶证",),
            fine_yuan=0,
            day=d(2023, 11, 5),
        ),
        decision(
            "stay1",
            "外国人约翰某非法居留三十日，未办理居留证件。",
            law="出境入境管理法",
            agency="北京市公安局出入境管理总队",
            violation="非法居留",
            penalties=("罚款", "限期出境"),
            fine_yuan=5000,
            day=d(2025, 2, 10),
        ),
        decision(
            "stay2",
            "外国人玛某持旅游签证入境后非法就业并逾期居留。",
            law="出境入境管理法",
            agency="上海市公安局出入境管理局",
            violation="外国人非法就业",
            penalties=("罚款",),
            fine_yuan=10000,
            day=d(2024, 9, 1),
        ),
        decision(
            "cyber1",
            "某网络科技有限公司未落实网络安全等级保护制度，未采取防范计算机病毒措施。",
            law="网络安全法",
            agency="杭州市公安局网络安全保卫支队",
            violation="未履行网络安全保护义务",
            penalties=("警告",),
            fine_yuan=0,
            day=d(2025, 4, 1),
        ),
        decision(
            "idcard1",
            "张某将本人居民身份证出借给他人使用，他人持该证在网吧上网。",
            law="居民身份证法",
            agency="洛阳市公安局洛龙分局",
            violation="出借居民身份证",
            penalties=("警告",),
            fine_yuan=0,
            day=d(2025, 3, 2),
        ),
        decision(
            "gun1",
            "刘某非法携带仿真枪进入公共场所。",
            law="枪支管理法",
            agency="南宁市公安局兴宁分局",
            violation="非法携带枪支",
            penalties=("罚款", "没收非法财物"),
            fine_yuan=500,
            day=d(2024, 12, 30),
        ),
        decision(
            "fight1",
            "孙某因琐事与他人发生争执，殴打他人致轻微伤。",
            law="治安管理处罚法",
            agency="南宁市公安局兴宁分局",
            violation="殴打他人",
            penalties=("行政拘留", "罚款"),
            fine_yuan=500,
            day=d(2025, 5, 6),
        ),
        decision(
            "script1",
            "文本中含有<script>alert('x')</script>及 & 符号与“引号”。",
            law="治安管理处罚法",
            agency="南宁市公安局兴宁分局",
            violation="寻衅滋事",
            penalties=("行政拘留",),
            fine_yuan=0,
            day=d(2025, 5, 7),
        ),
        decision(
            "formula1",
            '=HYPERLINK("http://example.invalid") 开头的说明。',
            law="治安管理处罚法",
            agency="南宁市公安局兴宁分局",
            violation="-其他",
            penalties=("警告",),
            fine_yuan=0,
            day=d(2022, 1, 1),
        ),
    ]
    return {item.source_id: item for item in items}


def many(n: int, *, start: dt.date = dt.date(2024, 1, 1)) -> list[PublicDecision]:
    """``n`` decisions with repeated dates and fines (ties for the sort orders): every third
    mentions 超速, every fifth 居留."""
    items = []
    for i in range(n):
        body = "驾驶机动车超速行驶。" if i % 3 == 0 else "违反规定停放机动车。"
        if i % 5 == 0:
            body += "外国人非法居留。"
        item = decision(
            f"m{i:04d}",
            body,
            fine_yuan=[0, 200, 200, 500, 1000][i % 5],
            day=start + dt.timedelta(days=i // 4),
            agency=["甲市公安局", "乙市公安局", "丙市公安局"][i % 3],
            penalties=("罚款",) if i % 2 else ("警告", "罚款"),
        )
        items.append(item)
    return items


def with_text(item: PublicDecision, body: str) -> PublicDecision:
    return replace(item, redacted_text=body)
