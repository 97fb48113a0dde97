"""The report's settings, read from the environment.

| variable | default | meaning |
| --- | --- | --- |
| `GONGKAI_PUBLISH_WORKING_DAYS` | 7 | publication deadline in working days (国办发〔2018〕118号) |

The same setting the flows use.

Read here rather than through ``gongkai.flows.settings``: importing the flows package sets up
Prefect, which the report and the review app do not need.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

WORKING_DAYS_ENV = "GONGKAI_PUBLISH_WORKING_DAYS"
DEFAULT_WORKING_DAYS = 7


class SettingsError(ValueError):
    """A setting with a value the report cannot use."""


def deadline_working_days(environ: Mapping[str, str] | None = None) -> int:
    env = os.environ if environ is None else environ
    raw = env.get(WORKING_DAYS_ENV)
    if raw is None or not raw.strip():
        return DEFAULT_WORKING_DAYS
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{WORKING_DAYS_ENV}={raw!r}: expected a whole number") from None
    if value < 0:
        raise SettingsError(f"{WORKING_DAYS_ENV}={raw!r}: must be at least 0")
    return value
