"""Staff accounts and sign-in sessions for the review app.

Passwords are hashed with Argon2id (``argon2-cffi``). A session is a random token in an
HttpOnly cookie; the store keeps only its SHA-256, with the session's CSRF token and expiry.
Every sign-in, failed sign-in and sign-out is audited. After ``MAX_FAILED_LOGINS`` failures for
one user name within ``FAILED_LOGIN_WINDOW`` (counted from the audit log, since the last
successful sign-in), further attempts are refused without checking the password.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .audit import audit
from .models import AuditEntry, Role, User, UserSession, utcnow

SESSION_LIFETIME = dt.timedelta(hours=8)  # one working day
MIN_PASSWORD_LENGTH = 10
MAX_FAILED_LOGINS = 10
FAILED_LOGIN_WINDOW = dt.timedelta(minutes=15)

_hasher = PasswordHasher()
# Verified against when the user does not exist, so a wrong name costs as long as a wrong
# password (no user enumeration by timing).
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


class AccountError(ValueError):
    """A user cannot be created or changed as asked (the message says why, in Chinese)."""


class LoginThrottled(AccountError):
    """Too many failed sign-ins for this user name lately; try again later."""


@dataclass(frozen=True)
class SignedIn:
    """Who a valid session belongs to."""

    user: User
    session: UserSession

    @property
    def csrf_token(self) -> str:
        return self.session.csrf_token


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def add_user(
    session: Session,
    username: str,
    password: str,
    role: Role | str,
    *,
    display_name: str | None = None,
    actor: str = "cli",
) -> User:
    username = username.strip()
    if not username or len(username) > 128 or not username.isprintable():
        raise AccountError("用户名不能为空，且不超过 128 个字符")
    display_name = (display_name or "").strip() or username
    if len(display_name) > 255 or not display_name.isprintable():
        raise AccountError("姓名不超过 255 个字符，且不能含控制字符")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"密码至少 {MIN_PASSWORD_LENGTH} 个字符")
    try:
        role = Role(role)
    except ValueError as error:
        raise AccountError(
            f"未知角色 {role!r}（可用：{', '.join(r.value for r in Role)}）"
        ) from error
    if session.scalar(select(User.id).where(User.username == username)) is not None:
        raise AccountError(f"用户 {username} 已存在")
    user = User(
        username=username,
        display_name=display_name,
        password_hash=_hasher.hash(password),
        role=role.value,
        active=True,
        created_at=utcnow(),
    )
    session.add(user)
    session.flush()
    audit(session, actor=actor, action="user_added", subject=user, details={"role": role.value})
    return user


def authenticate(
    session: Session,
    username: str,
    password: str,
    *,
    details: dict[str, Any] | None = None,
) -> User | None:
    """The active user with this name and password, or ``None``; audited either way
    (``details``, e.g. the client address, go into the audit entry).

    Raises :class:`LoginThrottled` (after auditing the attempt) when the name has had too many
    failures lately: the password is then not even checked.
    """
    name = username.strip()[:100] or "?"
    if recent_failed_logins(session, name) >= MAX_FAILED_LOGINS:
        _audit_failure(session, name, "throttled", details)
        raise LoginThrottled("登录失败次数过多，请稍后再试")
    user = session.scalar(select(User).where(User.username == username.strip()))
    try:
        ok = _hasher.verify(user.password_hash if user else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        ok = False
    if user is None or not ok or not user.active:
        reason = "unknown_user" if user is None else "wrong_password" if not ok else "inactive"
        _audit_failure(session, name, reason, details)
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    audit(session, actor=user.actor, action="login", subject=user, details=details)
    return user


def _audit_failure(
    session: Session, name: str, reason: str, details: dict[str, Any] | None
) -> None:
    # The actor is unknown: whoever typed the name is not necessarily its owner.
    audit(
        session,
        actor="anonymous",
        action="login_failed",
        subject=("user", name),
        details={"reason": reason, **(details or {})},
    )


def recent_failed_logins(session: Session, username: str) -> int:
    """Failed sign-ins for ``username`` within the window and since its last success."""
    for_user = (AuditEntry.subject_type == "user", AuditEntry.subject_id == username)
    last_ok = session.scalar(
        select(func.max(AuditEntry.id)).where(*for_user, AuditEntry.action == "login")
    )
    failures = (
        select(func.count())
        .select_from(AuditEntry)
        .where(
            *for_user,
            AuditEntry.action == "login_failed",
            AuditEntry.at > utcnow() - FAILED_LOGIN_WINDOW,
            AuditEntry.id > (last_ok or 0),
        )
    )
    return session.scalar(failures) or 0


def start_session(
    session: Session, user: User, *, lifetime: dt.timedelta = SESSION_LIFETIME
) -> tuple[str, UserSession]:
    """A new session for ``user``: the cookie token (shown once) and the stored row."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    row = UserSession(
        token_hash=_hash_token(token),
        user_id=user.id,
        csrf_token=secrets.token_hex(32),
        created_at=now,
        expires_at=now + lifetime,
    )
    session.add(row)
    session.flush()
    return token, row


def signed_in(session: Session, token: str | None) -> SignedIn | None:
    """The user of a live session token, or ``None`` (unknown, expired, ended, inactive)."""
    if not token:
        return None
    row = session.scalar(select(UserSession).where(UserSession.token_hash == _hash_token(token)))
    if row is None or row.ended_at is not None or row.expires_at <= utcnow():
        return None
    user = session.get(User, row.user_id)
    if user is None or not user.active:
        return None
    return SignedIn(user, row)


def csrf_matches(expected: str, given: str | None) -> bool:
    """Constant-time comparison; any string may be given (bytes, so non-ASCII cannot raise)."""
    return bool(given) and hmac.compare_digest(expected.encode(), (given or "").encode())


def end_session(session: Session, current: SignedIn) -> None:
    current.session.ended_at = utcnow()
    audit(session, actor=current.user.actor, action="logout", subject=current.user)


def get_user(session: Session, username: str) -> User | None:
    return session.scalar(select(User).where(User.username == username))


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.username)))
