"""The review app's settings: one frozen dataclass, built by the CLI or by tests."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import URL

from gongkai.store.accounts import SESSION_LIFETIME
from gongkai.store.db import SQLITE_FILE_NAME, database_url


@dataclass(frozen=True)
class Settings:
    """How one instance of the review app runs.

    ``database_url`` wins over ``data_dir``; with neither, the store's own configuration applies
    (``GONGKAI_DATABASE_URL``, else ``$GONGKAI_DATA_DIR/gongkai.sqlite``).
    """

    database_url: str | URL | None = None
    data_dir: Path | None = None
    # Cookies only over HTTPS. The CLI turns it off when it serves plain HTTP on loopback.
    cookie_secure: bool = True
    session_lifetime: dt.timedelta = SESSION_LIFETIME
    # Host names the app answers to (DNS-rebinding guard); ``None`` accepts any.
    allowed_hosts: tuple[str, ...] | None = None
    # Signs the pre-session (login form) CSRF token. Random per process: a restart only
    # invalidates login forms that are open at that moment.
    secret_key: bytes = field(default_factory=lambda: secrets.token_bytes(32), repr=False)

    def resolved_database_url(self) -> str | URL:
        if self.database_url is not None:
            return self.database_url
        if self.data_dir is not None:
            return URL.create("sqlite", database=str(Path(self.data_dir) / SQLITE_FILE_NAME))
        return database_url()

    @property
    def session_cookie(self) -> str:
        # ``__Host-`` cookies must be Secure, host-only and path /: browsers enforce it.
        return "__Host-gongkai_session" if self.cookie_secure else "gongkai_session"

    @property
    def login_csrf_cookie(self) -> str:
        return "__Host-gongkai_login" if self.cookie_secure else "gongkai_login"
