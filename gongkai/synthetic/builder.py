"""An append-only text builder that records gold offsets as the text is written.

Every piece of a synthetic decision goes through :class:`DocBuilder`. Pieces that must be
removed (``pii``/``person``) or must stay readable (``keep``) are recorded with their exact
offsets at the moment they are appended, so the gold annotations are right by construction
instead of being found again afterwards with a search that could pick the wrong occurrence.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from gongkai.redaction.entities import PERSON

# Kinds of text that must survive redaction (the "keep" half of the gold file).
AGENCY = "AGENCY"  # the deciding organ, and other public-security organs named
DECISION_NO = "DECISION_NO"  # the document number
LAW = "LAW"  # law name with article, e.g. 《中华人民共和国治安管理处罚法》第四十三条第一款
FINE = "FINE"  # a fine or confiscated amount
DATE = "DATE"  # the decision date
PLACE = "PLACE"  # province / city / district where the act happened
VENUE = "VENUE"  # a business venue (shop, hotel, KTV, internet café)
ORG = "ORG"  # the penalised organisation
CREDIT_CODE = "CREDIT_CODE"  # its unified social credit code
COURT = "COURT"  # court named for litigation
GOVERNMENT = "GOVERNMENT"  # government named for administrative review
POLICE_STATION = "POLICE_STATION"  # 派出所 named in the facts

KEEP_TYPES = frozenset(
    {
        AGENCY,
        DECISION_NO,
        LAW,
        FINE,
        DATE,
        PLACE,
        VENUE,
        ORG,
        CREDIT_CODE,
        COURT,
        GOVERNMENT,
        POLICE_STATION,
    }
)


class Named(Protocol):
    """What the builder needs to know about a person to annotate a mention."""

    name: str
    latin: str | None
    prefix: str


@dataclass(frozen=True)
class Span:
    """One gold annotation: ``text == full_text[start:end]``."""

    start: int
    end: int
    type: str
    text: str
    person: str | None = None
    pseudonym_prefix: str | None = None

    def to_gold(self) -> dict:
        item: dict = {"start": self.start, "end": self.end, "type": self.type, "text": self.text}
        if self.type == PERSON:
            item["person"] = self.person
            item["pseudonym_prefix"] = self.pseudonym_prefix
        return item


@dataclass(frozen=True)
class BuiltText:
    text: str
    pii: tuple[Span, ...]
    keep: tuple[Span, ...]


class DocBuilder:
    """Append text piece by piece; annotated pieces remember where they landed."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self._pii: list[Span] = []
        self._keep: list[Span] = []
        self._person_ids: dict[int, tuple[Named, str]] = {}

    # -- plain text -------------------------------------------------------------------
    def text(self, *pieces: str) -> DocBuilder:
        for piece in pieces:
            self._parts.append(piece)
            self._length += len(piece)
        return self

    def nl(self) -> DocBuilder:
        """End the current line (decisions separate lines with ``\\n``)."""
        return self.text("\n")

    def line(self, *pieces: str) -> DocBuilder:
        return self.text(*pieces).nl()

    # -- annotated text ---------------------------------------------------------------
    def _span(self, kind: str, value: str, **extra: str | None) -> Span:
        if not value:
            raise ValueError(f"empty {kind} value")
        start = self._length
        self.text(value)
        return Span(start, self._length, kind, value, **extra)

    def pii(self, kind: str, value: str) -> DocBuilder:
        """Text that must be removed (an identifier, address, birth date…)."""
        if kind == PERSON:
            raise ValueError("use person() for names, so mentions get a person id")
        self._pii.append(self._span(kind, value))
        return self

    def keep(self, kind: str, value: str) -> DocBuilder:
        """Text that must stay readable (agency, law article, fine, court…)."""
        if kind not in KEEP_TYPES:
            raise ValueError(f"unknown keep type {kind!r}")
        self._keep.append(self._span(kind, value))
        return self

    def person_id(self, who: Named) -> str:
        """Stable id of a person within this document, in order of first mention."""
        key = id(who)
        if key not in self._person_ids:
            # the object is kept alive with its id: a person made for one mention and then
            # dropped must not hand its id (and so its person) to the next one
            self._person_ids[key] = (who, f"p{len(self._person_ids) + 1}")
        return self._person_ids[key][1]

    def person(self, who: Named, written: str | None = None) -> DocBuilder:
        """A mention of a natural person by (Chinese) name, optionally written differently."""
        self._pii.append(
            self._span(
                PERSON, written or who.name, person=self.person_id(who), pseudonym_prefix=who.prefix
            )
        )
        return self

    def latin(self, who: Named) -> DocBuilder:
        """A mention by the Latin-letter name: removed outright, so no pseudonym prefix."""
        if not who.latin:
            raise ValueError(f"{who.name} has no Latin name")
        self._pii.append(
            self._span(PERSON, who.latin, person=self.person_id(who), pseudonym_prefix=None)
        )
        return self

    # -- result -----------------------------------------------------------------------
    @property
    def length(self) -> int:
        return self._length

    def build(self) -> BuiltText:
        text = "".join(self._parts)
        for span in (*self._pii, *self._keep):
            assert text[span.start : span.end] == span.text, span
        return BuiltText(text, tuple(self._pii), tuple(self._keep))
