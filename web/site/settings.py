"""The public site's settings: one frozen dataclass, built by the CLI or by tests."""

from __future__ import annotations

import datetime as dt
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import URL

from gongkai.publication.db import channel_url

DATA_DIR_ENV = "GONGKAI_DATA_DIR"


@dataclass(frozen=True)
class Settings:
    """How one instance of a channel's site runs.

    ``database_url``: the channel store (default: ``GONGKAI_<CHANNEL>_DATABASE_URL``, else
    ``channel-<channel>.sqlite`` in the data directory).
    """

    database_url: str | URL | None = None
    # Absolute address of the site (``https://gongkai.example.gov.cn``) for the Atom feed, the
    # sitemap and snapshot links; ``None``: taken from each request.
    base_url: str | None = None
    # Where the daily snapshot is written and served from (default: <data dir>/snapshots/<channel>).
    snapshot_dir: Path | None = None
    page_size: int = 20
    # Numbered HTML pages stop here (page × size rows deep); the API's cursors have no limit.
    max_html_page: int = 100
    api_max_page_size: int = 200
    # The API's first page counts matches up to this many (more: ``count_more_than``).
    api_count_cap: int = 2_000
    # Searches (HTML, API, CSV) per client address: a token bucket refilled at this rate.
    search_per_minute: float = 120.0
    search_burst: int = 40
    # Problem reports per client address.
    reports_per_hour: float = 10.0
    report_burst: int = 5
    report_form_max_age: dt.timedelta = dt.timedelta(hours=12)
    report_message_max_chars: int = 2000
    # How long the filter choices (distinct agencies, laws…) are cached.
    choices_ttl_seconds: float = 300.0
    # Host names the app answers to (DNS-rebinding guard); ``None`` accepts any.
    allowed_hosts: tuple[str, ...] | None = None
    # Send Strict-Transport-Security (behind a TLS proxy).
    hsts: bool = False
    # Signs the problem-report form tokens. Random per process: a restart only invalidates
    # report forms that are open at that moment.
    secret_key: bytes = field(default_factory=lambda: secrets.token_bytes(32), repr=False)

    def resolved_database_url(self, channel: str) -> str | URL:
        return self.database_url if self.database_url is not None else channel_url(channel)

    def resolved_snapshot_dir(self, channel: str) -> Path:
        if self.snapshot_dir is not None:
            return Path(self.snapshot_dir)
        return Path(os.environ.get(DATA_DIR_ENV) or "data") / "snapshots" / channel
