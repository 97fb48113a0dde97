"""Prefect flows of the pipeline: ingest → redact → review batches (``gongkai.flows``).

Thin: they compose ``gongkai.redaction`` and ``gongkai.store``. Importing this package sets
Prefect's offline defaults (temporary local server, home under the data directory, quiet)
for whatever is not configured already, before any flow module imports Prefect.
"""

from gongkai.flows.settings import configure_prefect

configure_prefect()
