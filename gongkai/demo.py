"""What ``gongkai demo`` does after its pipeline pass: demo accounts, the built-in demo
approver, publication to the pilot and (for one agency) the public channel, and the three web
apps served together on 127.0.0.1.

Demo mode only. The built-in demo approver is not a login: it is the audit actor
:data:`DEMO_APPROVER`, and every approval it makes is also recorded as a
``demo_auto_approved`` entry whose reason says so. It approves only what the review rules let
through without a human:

- batches whose decisions all come from the demo's own export files (never other data that
  happens to be in the store);
- batches with no unresolved doubt and no leak-guard hit on the text as now rendered (the
  checks the review app makes before an approval) — it never resolves a doubt or changes a
  redaction; such batches stay in the queue for the demo logins;
- decisions seen by review for the first time: one already approved, rejected or sent back
  to review before (say by the publish flow's leak guard) is left to a human, so running the
  demo again approves nothing twice.

Every step is safe to repeat: accounts that exist are left alone, closed batches stay closed,
the public channel stays open for the agency chosen the first time, and a publication pass
with nothing new changes nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import hashlib
import signal
import socket
import threading
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, sessionmaker

LOOPBACK = "127.0.0.1"
DEMO_PASSWORD = "gongkai-demo"  # printed by the command: these are demo accounts
DEMO_APPROVER = "demo:approver（演示模式）"  # the built-in demo approver: an audit actor
DEMO_APPROVAL_REASON = (
    "演示模式自动批准：内置演示审批人批准，未经人工审阅；仅用于合成演示数据"
    "（无未处理疑点、未触发泄露检查的批次）"
)
DEMO_APPROVAL_ACTION = "demo_auto_approved"
DEFAULT_PORTS = {"review": 8000, "public": 8001, "pilot": 8002}


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str  # gongkai.store.models.Role
    display_name: str


DEMO_ACCOUNTS = (
    DemoAccount("demo-reviewer", "reviewer", "演示审核员"),
    DemoAccount("demo-approver", "approver", "演示审批人"),
    DemoAccount("demo-admin", "admin", "演示管理员"),
)


@contextlib.contextmanager
def _sessions() -> Iterator[sessionmaker[Session]]:
    """Sessions on the internal store, on an engine disposed afterwards."""
    from gongkai.store import make_engine, make_sessionmaker

    engine = make_engine()
    try:
        yield make_sessionmaker(engine)
    finally:
        engine.dispose()


# --- accounts --------------------------------------------------------------------------------


def ensure_demo_accounts(
    session: Session, accounts: Sequence[DemoAccount] = DEMO_ACCOUNTS
) -> list[tuple[DemoAccount, bool]]:
    """Create the demo staff accounts that do not exist yet (password :data:`DEMO_PASSWORD`,
    audited as added by :data:`DEMO_APPROVER`); returns each account and whether it was
    created now. An existing account is left as it is (its password too)."""
    from gongkai.store.accounts import add_user
    from gongkai.store.models import User

    out: list[tuple[DemoAccount, bool]] = []
    for account in accounts:
        exists = session.scalar(select(User.id).where(User.username == account.username))
        if exists is None:
            add_user(
                session,
                account.username,
                DEMO_PASSWORD,
                account.role,
                display_name=account.display_name,
                actor=DEMO_APPROVER,
            )
        out.append((account, exists is None))
    return out


# --- the built-in demo approver --------------------------------------------------------------


@dataclass
class ApprovalSummary:
    """What the demo approver did: batches and decisions approved, and the batches it left
    open by reason (:data:`LEFT_OPEN` keys)."""

    approved_batches: int = 0
    approved_decisions: int = 0
    left: Counter[str] = field(default_factory=Counter)


# Why a batch was left open for a human.
LEFT_OPEN = {
    "doubts": "有未处理的疑点",
    "blocked": "未通过泄露检查",
    "not_demo": "含非演示数据",
    "seen_before": "曾经审核或被退回",
}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _demo_keys(session: Session, export_files: Iterable[Path]) -> set[str]:
    """The names under which the store knows the demo's export files: their paths, and any
    path a file of the same content was ingested from (a data directory moved elsewhere)."""
    from gongkai.store import ExportFile

    paths = [Path(path).absolute() for path in export_files]
    digests = [_sha256(path) for path in paths if path.is_file()]
    known = session.scalars(select(ExportFile.path).where(ExportFile.sha256.in_(digests)))
    return {str(path) for path in paths} | set(known)


def _all_from_demo(session: Session, batch_id: int, demo_keys: set[str]) -> bool:
    from gongkai.store import Decision, RecordVersion

    paths = session.scalars(
        select(RecordVersion.file_path)
        .join(Decision, Decision.current_version_id == RecordVersion.id)
        .where(Decision.batch_id == batch_id)
    )
    return all(path in demo_keys for path in paths)


def _seen_before(session: Session, source_ids: Sequence[str]) -> bool:
    """Has any of these decisions been approved, rejected or sent back to review before?"""
    from gongkai.store import AuditEntry, DecisionState

    found = session.scalar(
        select(AuditEntry.id)
        .where(
            AuditEntry.subject_type == "decision",
            AuditEntry.subject_id.in_(list(source_ids)),
            or_(
                AuditEntry.action == "returned_to_review",
                AuditEntry.to_state.in_(
                    [DecisionState.APPROVED.value, DecisionState.REJECTED.value]
                ),
            ),
        )
        .limit(1)
    )
    return found is not None


def approve_demo_batch(session: Session, batch_id: int, demo_keys: set[str]) -> str:
    """Approve one open batch as the demo approver if the rules allow it without a human.
    Returns what happened: ``approved``, ``doubts``, ``blocked``, ``not_demo``,
    ``seen_before`` or ``closed``."""
    from gongkai.store import BatchState, ReviewBatch, audit
    from gongkai.store.review import annotations_in_force, approve_batch, batch_decisions
    from gongkai.web.review.rendering import render_decision

    batch = session.get(ReviewBatch, batch_id)
    if batch is None or batch.state != BatchState.OPEN.value:
        return "closed"
    if not _all_from_demo(session, batch_id, demo_keys):
        return "not_demo"
    views = batch_decisions(session, batch)
    if not views or _seen_before(session, [v.decision.source_id for v in views]):
        return "seen_before"
    if any(v.open_doubts for v in views):
        return "doubts"
    blocked = {}
    for view in views:
        hit = render_decision(view, annotations_in_force(session, view)).leak_guard_hit
        if hit:
            blocked[view.decision.source_id] = hit
    if blocked:
        return "blocked"
    approved = approve_batch(session, batch, actor=DEMO_APPROVER)
    audit(
        session,
        actor=DEMO_APPROVER,
        action=DEMO_APPROVAL_ACTION,
        subject=batch,
        reason=DEMO_APPROVAL_REASON,
        details={"demo": True, "decisions": [d.source_id for d in approved]},
    )
    return "approved"


def approve_demo_batches(export_files: Iterable[Path]) -> ApprovalSummary:
    """Every open review batch, one transaction each, through :func:`approve_demo_batch`."""
    from gongkai.store import BatchState, Decision, ReviewBatch

    summary = ApprovalSummary()
    with _sessions() as sessions:
        with sessions() as session:
            keys = _demo_keys(session, export_files)
            batch_ids = list(
                session.scalars(
                    select(ReviewBatch.id)
                    .where(ReviewBatch.state == BatchState.OPEN.value)
                    .order_by(ReviewBatch.id)
                )
            )
        for batch_id in batch_ids:
            with sessions.begin() as session:
                outcome = approve_demo_batch(session, batch_id, keys)
                if outcome == "approved":
                    size = session.scalars(select(Decision.id).where(Decision.batch_id == batch_id))
                    summary.approved_batches += 1
                    summary.approved_decisions += len(list(size))
            if outcome in LEFT_OPEN:
                summary.left[outcome] += 1
    return summary


# --- publication -----------------------------------------------------------------------------


def publication_pass(today: dt.date | None = None) -> dict[str, int]:
    """One run of the publication flows (as ``gongkai publish``)."""
    from gongkai.flows.publish import publication_pass as run
    from gongkai.flows.settings import local_run_settings
    from gongkai.pipeline import prepare

    prepare()
    with local_run_settings():
        return run(today)


def china_today() -> dt.date:
    from gongkai.flows.publish import china_today as today

    return today()


def public_candidates(today: dt.date) -> Counter[str]:
    """Per agency, the decisions live on the pilot channel that the public channel may carry
    today: no channel rule in force keeps them off it (the 治安 sealing among them) and their
    publicity period has not ended."""
    from gongkai.flows.publish import channel_sessions, item_metadata
    from gongkai.publication.models import PublishedDecision
    from gongkai.publication.rules import load_publication_settings

    settings = load_publication_settings()
    counts: Counter[str] = Counter()
    with channel_sessions("pilot")() as session:
        rows = session.scalars(
            select(PublishedDecision).where(PublishedDecision.status == "published")
        )
        for row in rows:
            if settings.rules.excluding(item_metadata(row), "public", today) is not None:
                continue
            if row.expires_on is not None and today >= row.expires_on:
                continue
            counts[row.agency] += 1
    return counts


def choose_public_agency(counts: Counter[str]) -> str | None:
    """The agency with most decisions for the public channel; ties to the first by name."""
    if not counts:
        return None
    return min(counts, key=lambda agency: (-counts[agency], agency))


def demo_public_agency() -> str | None:
    """The agency the demo opened the public channel for before, if any."""
    from gongkai.store import channel_openings

    with _sessions() as sessions, sessions() as session:
        for opening in channel_openings(session, "public"):
            if opening.opened_by == DEMO_APPROVER:
                return opening.agency
    return None


def open_public_for(agency: str, today: dt.date) -> bool:
    """Open the public channel for ``agency`` from ``today`` (audited as the demo approver);
    whether anything changed."""
    from gongkai.store import open_channel_for

    with _sessions() as sessions, sessions.begin() as session:
        _, changed = open_channel_for(
            session, channel="public", agency=agency, opens_on=today, actor=DEMO_APPROVER
        )
    return changed


@dataclass
class PublicationSummary:
    agency: str | None
    opened_now: bool
    first: dict[str, int]  # the pass before the opening
    second: dict[str, int] = field(default_factory=dict)  # after it


def publish_demo(today: dt.date | None = None) -> PublicationSummary:
    """Publish to the pilot channel, open the public channel for one agency (the one chosen
    before, or the one with most decisions the public channel may carry), publish again."""
    day = today or china_today()
    first = publication_pass(day)
    agency = demo_public_agency()
    opened = False
    if agency is None:
        agency = choose_public_agency(public_candidates(day))
        if agency is not None:
            opened = open_public_for(agency, day)
    second = publication_pass(day) if opened else {}
    return PublicationSummary(agency, opened, first, second)


def channel_counts() -> dict[str, int]:
    """Decisions live on each channel now."""
    from sqlalchemy import func

    from gongkai.flows.publish import channel_sessions
    from gongkai.publication.db import CHANNELS
    from gongkai.publication.models import PublishedDecision

    out = {}
    for name in CHANNELS:
        with channel_sessions(name)() as session:
            out[name] = (
                session.scalar(
                    select(func.count())
                    .select_from(PublishedDecision)
                    .where(PublishedDecision.status == "published")
                )
                or 0
            )
    return out


# --- serving the three apps ------------------------------------------------------------------


def _uvicorn_server_class() -> type:
    import uvicorn

    class QuietSignals(uvicorn.Server):
        """A uvicorn server that leaves signals to :class:`DemoServers` (three servers in
        one loop would otherwise each replace the others' handlers)."""

        @contextlib.contextmanager
        def capture_signals(self) -> Iterator[None]:
            yield

    return QuietSignals


@dataclass(frozen=True)
class Site:
    name: str  # review, pilot, public
    label: str
    app: Any  # an ASGI app
    port: int
    proxy_headers: bool = False


def build_sites(ports: dict[str, int]) -> list[Site]:
    """The review app and both channels' sites, as ``gongkai serve`` and ``gongkai
    serve-public`` build them (loopback host names only, plain-HTTP cookies)."""
    from gongkai.web.review.app import Settings as ReviewSettings
    from gongkai.web.review.app import create_app as review_app
    from gongkai.web.site.app import Settings as SiteSettings
    from gongkai.web.site.app import create_app as site_app

    hosts = (LOOPBACK, "localhost")
    return [
        Site(
            "review",
            "审核系统（内部）",
            review_app(ReviewSettings(cookie_secure=False, allowed_hosts=hosts)),
            ports["review"],
        ),
        Site(
            "pilot",
            "试点网站（内网）",
            site_app("pilot", SiteSettings(allowed_hosts=hosts)),
            ports["pilot"],
            proxy_headers=True,
        ),
        Site(
            "public",
            "公开网站（互联网）",
            site_app("public", SiteSettings(allowed_hosts=hosts)),
            ports["public"],
            proxy_headers=True,
        ),
    ]


class PortInUse(OSError):
    """A port asked for is taken (the message names it)."""


def bind(port: int) -> socket.socket:
    """A listening socket on 127.0.0.1:``port`` (0: any free port)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((LOOPBACK, port))
    except OSError as exc:
        sock.close()
        raise PortInUse(f"{LOOPBACK}:{port} 无法使用（{exc.strerror}）") from None
    sock.listen(2048)
    sock.setblocking(False)
    return sock


class DemoServers:
    """The sites served by uvicorn in one asyncio loop, on sockets bound up front (a port
    in use fails before anything starts; port 0 picks a free one). :meth:`run` blocks until
    :meth:`stop`, or Ctrl-C / SIGTERM when run in the main thread."""

    def __init__(self, sites: Sequence[Site], log_level: str = "warning") -> None:
        import uvicorn

        server_class = _uvicorn_server_class()
        self.sites = list(sites)
        self.sockets: list[socket.socket] = []
        try:
            for site in self.sites:
                self.sockets.append(bind(site.port))
        except PortInUse:
            self.close()
            raise
        self.servers = [
            server_class(
                uvicorn.Config(
                    site.app,
                    log_level=log_level,
                    server_header=False,
                    proxy_headers=site.proxy_headers,
                    forwarded_allow_ips=LOOPBACK,
                )
            )
            for site in self.sites
        ]
        self.started = threading.Event()

    @property
    def urls(self) -> dict[str, str]:
        return {
            site.name: f"http://{LOOPBACK}:{sock.getsockname()[1]}/"
            for site, sock in zip(self.sites, self.sockets, strict=True)
        }

    def stop(self) -> None:
        for server in self.servers:
            server.should_exit = True

    def _on_signal(self, sig: int, _frame: Any) -> None:
        # A second Ctrl-C stops at once, without waiting for open connections.
        force = sig == signal.SIGINT and all(s.should_exit for s in self.servers)
        for server in self.servers:
            server.should_exit = True
            server.force_exit = server.force_exit or force

    def close(self) -> None:
        for sock in self.sockets:
            sock.close()

    async def _serve(self) -> None:
        tasks = [
            asyncio.create_task(server.serve(sockets=[sock]))
            for server, sock in zip(self.servers, self.sockets, strict=True)
        ]

        async def announce() -> None:
            while not all(s.started for s in self.servers):
                if any(t.done() for t in tasks):
                    return
                await asyncio.sleep(0.05)
            self.started.set()

        await asyncio.gather(announce(), *tasks)

    def run(self) -> None:
        main = threading.current_thread() is threading.main_thread()
        previous: dict[int, Any] = {}
        if main:
            for sig in (signal.SIGINT, signal.SIGTERM):
                previous[sig] = signal.signal(sig, self._on_signal)
        try:
            asyncio.run(self._serve())
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
            self.close()


# --- what the command prints -----------------------------------------------------------------


def create_demo_accounts() -> list[tuple[DemoAccount, bool]]:
    """:func:`ensure_demo_accounts` in a transaction of its own."""
    with _sessions() as sessions, sessions.begin() as session:
        return ensure_demo_accounts(session)


def format_accounts(accounts: Sequence[tuple[DemoAccount, bool]]) -> str:
    width = max(len(account.username) for account, _ in accounts)
    lines = []
    for account, created in accounts:
        state = "新建" if created else "已存在，未改动"
        lines.append(
            f"  {account.username.ljust(width)}  密码 {DEMO_PASSWORD}  "
            f"{account.display_name}（{account.role}，{state}）"
        )
    return "\n".join(lines)


def format_approvals(summary: ApprovalSummary) -> str:
    line = (
        f"演示审批（{DEMO_APPROVER}）：批准 {summary.approved_batches} 个批次、"
        f"{summary.approved_decisions} 份决定书"
    )
    left = "，".join(f"{LEFT_OPEN[k]} {n} 个" for k, n in sorted(summary.left.items()) if n)
    return line + (f"；留待人工审核的批次：{left}" if left else "")


def format_publication(summary: PublicationSummary, live: dict[str, int]) -> str:
    def written(counts: dict[str, int], key: str) -> int:
        return counts.get(key, 0)

    passes = [summary.first, summary.second]
    lines = [
        f"发布：新公开 {sum(written(c, 'published') for c in passes)} 份；"
        f"写入试点 {sum(written(c, 'pilot') for c in passes)}，"
        f"写入互联网 {sum(written(c, 'public') for c in passes)}；"
        f"渠道规则不予公开 {written(summary.first, 'excluded')}（如治安记录封存），"
        f"泄露检查拦截 {written(summary.first, 'blocked')}",
    ]
    if summary.agency is None:
        lines.append("互联网渠道：没有可在互联网公开的决定书，未开放任何单位")
    else:
        state = "本次开放" if summary.opened_now else "此前已开放"
        lines.append(f"互联网渠道：为演示单位「{summary.agency}」开放（{state}）")
    lines.append(f"渠道现有：试点 {live.get('pilot', 0)} 份，互联网 {live.get('public', 0)} 份")
    return "\n".join(lines)
