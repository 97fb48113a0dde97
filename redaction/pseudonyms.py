"""Pseudonyms for natural persons: surname + 某, numbered when two people would share one."""

from __future__ import annotations

from collections.abc import Iterable

from gongkai.redaction.names import is_han, pseudonym_prefix_of, surname_at

FOREIGN_PREFIX = "外籍"


def base_pseudonym(names: Iterable[str]) -> str:
    """The pseudonym for one person known by ``names`` (all spellings of that person).

    Han names keep the surname (two-character surnames whole); minority names and Chinese
    renderings of foreign names keep their first character; a person known only by a Latin
    name becomes 外籍某.
    """
    han_names = [n for n in names if n and is_han(n[0])]
    if not han_names:
        return FOREIGN_PREFIX + "某"
    # the first undotted spelling: the name a person is introduced by, not a later nickname
    name = min(han_names, key=lambda n: any(d in n for d in "·•・‧∙"))
    if any(d in name for d in "·•・‧∙") or not surname_at(name, 0):
        return name[0] + "某"
    return pseudonym_prefix_of(name) + "某"


def assign(people: list[list[str]]) -> list[str]:
    """Pseudonyms for people in order of first appearance; clashes become 张某1, 张某2 …"""
    bases = [base_pseudonym(names) for names in people]
    totals: dict[str, int] = {}
    for base in bases:
        totals[base] = totals.get(base, 0) + 1
    seen: dict[str, int] = {}
    out = []
    for base in bases:
        if totals[base] == 1:
            out.append(base)
            continue
        seen[base] = seen.get(base, 0) + 1
        out.append(f"{base}{seen[base]}")
    return out
