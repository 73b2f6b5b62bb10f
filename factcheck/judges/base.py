"""What a judge promises: a batch of claims, each with the sentences retrieval found, to verdicts.

A judge sees what a careful reader would: the claim and its best sentences (each with its
neighbours), the corpus's analysis (dates, ledes, quantities) and the vocabulary's word
weights. It never searches: retrieval is the :class:`~factcheck.retrieval.Retriever`'s, so a
judge runs the same on one machine, in forked workers and on a cluster's client.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from factcheck.catalogue import Claim
from factcheck.retrieval.base import Hit, Vocabulary
from factcheck.verdicts import ClaimResult

if TYPE_CHECKING:
    from factcheck.analysis import Analysis


@dataclass(frozen=True)
class Case:
    """One claim to judge and the sentences retrieval found for it, best first."""

    claim: Claim
    hits: list[Hit]


class Judge(Protocol):
    """Decides verdicts for many claims per call (a model batches them; the rules take them in turn).

    Making one must be cheap (every run's context makes its judge, ``conflicts`` too): a judge that
    loads weights loads them on its first :meth:`judge`."""

    @property
    def identity(self) -> str:
        """Its name and a digest of its data (thresholds, weights): remembered verdicts are keyed on it."""
        ...

    def wanted(self, top: int) -> int:
        """How many sentences per claim it reads, when ``top`` are shown."""
        ...

    def judge(self, cases: Sequence[Case], vocabulary: Vocabulary, analysis: Analysis, top: int) -> list[ClaimResult]:
        """A result per case, in order, each showing at most ``top`` evidence sentences."""
        ...
