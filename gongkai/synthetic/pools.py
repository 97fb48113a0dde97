"""Helper for the word pools written as one space-separated string (compact to read)."""

from __future__ import annotations


def words(text: str) -> tuple[str, ...]:
    """``words("欧阳 司马 上官")`` → ``("欧阳", "司马", "上官")``."""
    return tuple(text.split())
