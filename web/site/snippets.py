"""Where a search's terms occur in a decision: a short excerpt with the matches marked, as
segments that the template escapes one by one (never HTML built from the text)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Segment:
    text: str
    match: bool


def excerpt(body: str, terms: tuple[str, ...], *, width: int = 120) -> list[Segment]:
    """About ``width`` characters of ``body`` around the first occurrence of a term, every
    occurrence of any term inside marked; the start of the text when there are no terms."""
    flat = " ".join(body.split())
    lower = flat.lower()
    if len(lower) != len(flat):  # a rare character whose lower case is longer
        lower = flat
    needles = [t.lower() for t in terms if t]
    first = min((i for i in (lower.find(n) for n in needles) if i >= 0), default=-1)
    start = 0 if first < 0 else max(0, first - width // 3)
    end = min(len(flat), start + width)
    segments: list[Segment] = []
    if start > 0:
        segments.append(Segment("…", False))
    position = start
    while position < end and needles:
        hits = [(lower.find(n, position, end), n) for n in needles]
        hits = [(i, n) for i, n in hits if i >= 0]
        if not hits:
            break
        i, needle = min(hits, key=lambda h: (h[0], -len(h[1])))
        if i > position:
            segments.append(Segment(flat[position:i], False))
        segments.append(Segment(flat[i : i + len(needle)], True))
        position = i + len(needle)
    if position < end:
        segments.append(Segment(flat[position:end], False))
    if end < len(flat):
        segments.append(Segment("…", False))
    return segments
