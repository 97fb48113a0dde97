"""Document templates; importing this package registers all of them in ``TEMPLATES``."""

from . import cyber, exit_entry, special, traffic, zhian
from .case import TEMPLATES, Case, MinorPlan, Sanction, TemplateSpec

__all__ = [
    "TEMPLATES",
    "Case",
    "MinorPlan",
    "Sanction",
    "TemplateSpec",
    "cyber",
    "exit_entry",
    "special",
    "traffic",
    "zhian",
]
