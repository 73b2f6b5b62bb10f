"""What a verdict is: a claim's result and the evidence it rests on, as plain data.

Who decides lives in :mod:`factcheck.judges` (the rules are the first judge); this module
holds only the values a judge returns, the reports carry, the formats render and the
cache remembers, so none of those depends on how a verdict was reached.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from factcheck.alignment import Alignment, Span
from factcheck.catalogue import Claim, Verdict
from factcheck.corpus import Sentence
from factcheck.quantities import Quantity

Stance = Literal["supports", "contradicts", "neutral"]
SUPPORTS: Stance = "supports"
CONTRADICTS: Stance = "contradicts"
NEUTRAL: Stance = "neutral"

__all__ = ["CONTRADICTS", "NEUTRAL", "SUPPORTS", "ClaimResult", "Evidence", "Span", "Stance"]


@dataclass
class Evidence:
    sentence: Sentence
    score: float
    stance: Stance
    agreeing: list[Quantity] = field(default_factory=list)  # the sentence's numbers that fit
    disagreeing: list[Quantity] = field(default_factory=list)  # the sentence's numbers that do not
    as_of: date | None = None
    as_of_text: str | None = None
    reason: str | None = None  # why its stance: "number: 12 vs 34", "negated: is NOT quitting", "model: entails, 0.91"
    context: list[Sentence] = field(default_factory=list, repr=False)  # its neighbours, for the window

    @property
    def doc(self) -> str:
        return self.sentence.doc

    @property
    def line(self) -> int:
        return self.sentence.line


@dataclass
class ClaimResult:
    claim: Claim
    verdict: Verdict
    evidence: list[Evidence]
    unsupported: list[Span] = field(default_factory=list)  # parts of the claim no evidence backs
    alignment: Alignment | None = field(default=None, repr=False)  # each part of the claim and whether it is backed

    @property
    def expected(self) -> Verdict:
        return self.claim.expect or "supported"

    @property
    def ok(self) -> bool:
        return self.verdict == self.expected
