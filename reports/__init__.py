"""Reporting (issue 7): the penalty part of the annual government-information disclosure report
(政府信息公开条例 arts. 49–50) and the review app's operations dashboard, computed from the
internal store's states, publications and audit log. Imported as ``gongkai.reports``.

- :mod:`.facts` reads the store (read-only) into plain values;
- :mod:`.figures` computes the figures from them (pure functions);
- :mod:`.render` writes HTML / Markdown (Jinja2, ``templates/report/``) or CSV;
- :mod:`.dashboard` gathers what the dashboard page shows;
- :mod:`.cli` is ``gongkai report``.

What each figure means: ``docs/report.md``.
"""

from __future__ import annotations

import importlib
from typing import Any

# Loaded on first use (PEP 562): `gongkai --help` and `gongkai serve-public` import the CLI
# module of this package, and must not load the internal store's modules through it.
_EXPORTS = {
    "annual_report": "annual",
    "DecisionFacts": "facts",
    "PublicationFacts": "facts",
    "load_facts": "facts",
    "Figures": "figures",
    "Report": "figures",
    "Section": "figures",
    "Timeliness": "figures",
    "build_report": "figures",
    "figures_for": "figures",
    "FORMATS": "render",
    "read_csv": "render",
    "render": "render",
    "render_csv": "render",
    "render_html": "render",
    "render_markdown": "render",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # the function, not the submodule of the same name (render)
    return value


__all__ = [
    "FORMATS",
    "DecisionFacts",
    "Figures",
    "PublicationFacts",
    "Report",
    "Section",
    "Timeliness",
    "annual_report",
    "build_report",
    "figures_for",
    "load_facts",
    "read_csv",
    "render",
    "render_csv",
    "render_html",
    "render_markdown",
]
