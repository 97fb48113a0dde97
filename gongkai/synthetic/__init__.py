"""Synthetic penalty decisions with gold annotations, for tests, evaluation and the demo.

``generate(n, seed)`` returns export-v1 records paired with gold annotations;
``write_demo_data`` writes them as an export drop folder plus ``gold.jsonl``.
"""

from .generator import generate, write_demo_data

__all__ = ["generate", "write_demo_data"]
