"""Channel stores: what a publication channel (``pilot``, ``public``) holds and serves.

Each channel has its own database holding only redacted text and public metadata: never
originals, never offsets into originals. The publish flow writes here through
:mod:`gongkai.publication.write`; the public site reads through
:mod:`gongkai.publication.read`. Imports only SQLAlchemy, Alembic and the standard library, so
the public site cannot reach the internal store.
"""

from .db import CHANNELS, ChannelSchemaOutOfDate, channel_url, open_channel, upgrade_channel
from .models import ChangeEntry, ChannelBase, ProblemReport, PublishedDecision, PublishedStatus
from .write import PublicDecision, expire, hide, publish, restore, withdraw

__all__ = [
    "CHANNELS",
    "ChangeEntry",
    "ChannelBase",
    "ChannelSchemaOutOfDate",
    "ProblemReport",
    "PublicDecision",
    "PublishedDecision",
    "PublishedStatus",
    "channel_url",
    "expire",
    "hide",
    "open_channel",
    "publish",
    "restore",
    "upgrade_channel",
    "withdraw",
]
