"""What the conflict finder works on and reports: statements, and groups of them that disagree."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from factcheck.catalogue import Resolution
from factcheck.quantities import Quantity

Severity = Literal["conflict", "change"]
CONFLICT: Severity = "conflict"  # values that cannot all be true of one thing at one time
CHANGE: Severity = "change"  # values that differ only across stated times: a timeline


@dataclass(slots=True)
class Statement:
    """One figure of a document sentence or a claim, with what it counts and when it was true."""

    quantity: Quantity
    sentence: str
    line: int
    doc: str | None = None
    article: str | None = None  # the first document with this one's text: a page copied is one article
    claim: str | None = None
    column: int | None = None
    as_of: date | None = None
    as_of_text: str | None = None
    dated_in_text: bool = False  # the time comes from the statement's own words, not its document
    unit: str = ""
    part: bool = False
    key: tuple[str, int] = ("", 0)  # the sentence (article, index) or claim it comes from: a copy's is the original's
    position: int = 0  # which of its sentence's figures it is
    words: Counter[str] = field(default_factory=Counter)  # content stem -> occurrences (at least 1)
    phrase_words: set[str] = field(default_factory=set)  # those of ``words`` in the counted noun phrase
    vector: dict[str, float] = field(default_factory=dict)

    @property
    def source(self) -> str:
        return f"claim {self.claim}" if self.claim is not None else f"{self.doc}:{self.line}"

    @property
    def kind_class(self) -> str:
        """Percents and fractions compare with each other; other kinds only with their own."""
        return "share" if self.quantity.share else self.quantity.kind

    @property
    def value(self) -> float:
        """As written: a percent as 67, a fraction as 0.667, a count as itself."""
        return round(self.quantity.value, 3)

    def timed(self) -> bool:
        return self.as_of is not None or self.as_of_text is not None


@dataclass
class ConflictGroup:
    """Statements of one quantity of one thing whose values disagree; a writer may have resolved it."""

    subject: str
    severity: Severity
    statements: list[Statement]
    resolution: Resolution | None = None

    @property
    def resolved(self) -> bool:
        return self.resolution is not None

    @property
    def claims(self) -> set[str]:
        return {s.claim for s in self.statements if s.claim is not None}

    def timeline(self) -> list[Statement]:
        """Statements in time order, undated ones last."""
        return sorted(self.statements, key=lambda s: (s.as_of is None, s.as_of or date.max))
