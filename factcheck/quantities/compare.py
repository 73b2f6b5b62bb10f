"""Comparing two stated quantities: can both be true, and would a mismatch mean anything.

Comparison is interval overlap (see ``Quantity.interval``), after checking the two measure
the same kind of thing: a share never compares with a count, nor money with either.
"""

from __future__ import annotations

from factcheck.quantities.model import Quantity


def compatible(a: Quantity, b: Quantity) -> bool:
    """Whether two statements can both be true of the same thing."""
    if a.is_date or b.is_date:
        if not (a.is_date and b.is_date):
            return False
        return all(x is None or y is None or x == y for x, y in ((a.year, b.year), (a.month, b.month), (a.day, b.day)))
    if a.share != b.share or (a.kind == "money") != (b.kind == "money"):
        return False
    alo, ahi = a.interval()
    blo, bhi = b.interval()
    return alo <= bhi + 1e-12 and blo <= ahi + 1e-12


def distinctive(q: Quantity) -> bool:
    """A figure specific enough to identify its subject by itself: 54 or 138, not 1 or 100."""
    if q.hedge != "exact" or q.kind != "count":
        return q.kind == "percent" and q.hedge == "exact" and q.value not in (50, 100)
    v = q.value
    return v > 12 and not (v % 100 == 0 or (v >= 1000 and v % 1000 == 0))


def comparable(a: Quantity, b: Quantity) -> bool:
    """Whether two quantities measure the same kind of thing (so a mismatch means something)."""
    if a.is_date or b.is_date:
        return a.is_date and b.is_date
    return a.share == b.share and (a.kind == "money") == (b.kind == "money")
