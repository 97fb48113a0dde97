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

from .annual import annual_report
from .facts import DecisionFacts, PublicationFacts, load_facts
from .figures import Figures, Report, Section, Timeliness, build_report, figures_for
from .render import FORMATS, read_csv, render, render_csv, render_html, render_markdown

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
