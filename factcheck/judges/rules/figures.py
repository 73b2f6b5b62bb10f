"""Figures against figures: whether a sentence's quantity is the claim's, agrees with it, or clashes.

Rules on single quantities, shared by the per-sentence stance (:mod:`.stance`) and the part-by-part
check (:mod:`.parts`): a figure agrees when its value fits and it (likely) counts the same thing; a
share may be stated as two counts ("about a third" fits 54 of 142).
"""

from __future__ import annotations

from factcheck.quantities import Quantity, compatible, distinctive, entails
from factcheck.settings import VerdictSettings


def same_unit(a: Quantity, b: Quantity) -> bool | None:
    """True/False when both name what they count; None when either does not."""
    if not a.unit or not b.unit:
        return None
    return a.unit == b.unit or a.unit.startswith(b.unit) or b.unit.startswith(a.unit)


def agrees(c: Quantity, x: Quantity, cover: float, thresholds: VerdictSettings) -> bool:
    """Whether x agrees with the claim's c: same value, and (likely) the same thing counted."""
    if not compatible(c, x):
        return False
    same = same_unit(c, x)
    return same is not False or (distinctive(c) and distinctive(x)) or cover >= thresholds.same_subject_coverage


def ratio_fits(claim_q: Quantity, counts: list[Quantity]) -> list[Quantity]:
    """A share in the claim may be stated as two counts: "about a third" fits 54 of 142."""
    lo, hi = claim_q.interval()
    for part in counts:
        for whole in counts:
            if part is not whole and 0 < part.value < whole.value and lo <= part.value / whole.value <= hi:
                return [part, whole]
    return []


def figure_backed(c: Quantity, found: list[Quantity]) -> bool:
    """A claim figure backed by a window's figures: one that entails it, or a share stated as two counts."""
    if any(entails(x, c) and same_unit(c, x) is not False for x in found):
        return True  # of the same thing: 250 beds back no organizations, 40 offices no people
    return c.share and bool(ratio_fits(c, [x for x in found if x.kind == "count"]))
