"""The verdict from the stances of the evidence, time taken into account."""

from __future__ import annotations

from datetime import date

from factcheck.catalogue import Verdict
from factcheck.quantities.time import later
from factcheck.verdicts import CONTRADICTS, SUPPORTS, Evidence


def decide(evidence: list[Evidence], claim_dated: bool = False) -> Verdict:
    """Supporting and contradicting sentences both: ``disputed``, unless time settles it (:func:`by_time`);
    one side only: ``supported`` or ``contradicted``; neither: ``unverified``."""
    supports = [e for e in evidence if e.stance == SUPPORTS]
    contradicts = [e for e in evidence if e.stance == CONTRADICTS]
    if supports and contradicts:
        return by_time(supports, contradicts, claim_dated) or "disputed"
    if supports:
        return "supported"
    if contradicts:
        return "contradicted"
    return "unverified"


def _latest(evidence: list[Evidence]) -> date | None:
    return max((e.as_of for e in evidence if e.as_of), default=None)


def by_time(supports: list[Evidence], contradicts: list[Evidence], claim_dated: bool) -> Verdict | None:
    """An undated claim speaks of now: the latest dated source decides, when all are dated and one side's
    latest is plainly later (a year is the whole year: 2023 is neither before nor after March 2023). When the
    date is what the claim says, a later source decides only if it is also the closest. None: time settles
    nothing."""
    latest_s, latest_c = _latest(supports), _latest(contradicts)
    if not all(e.as_of for e in supports + contradicts) or not latest_s or not latest_c:
        return None
    newer = later(latest_s, latest_c)
    if newer is None or latest_s == latest_c:
        return None
    winner: Verdict = "supported" if newer else "contradicted"
    best = max(supports + contradicts, key=lambda e: e.score)
    if not claim_dated or (best.stance == SUPPORTS) == (winner == "supported"):
        return winner
    return None
