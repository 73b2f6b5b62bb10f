"""Comparing two stated quantities: can both be true, and would a mismatch mean anything.

Comparison is interval overlap (see ``Quantity.interval``; touching is not overlap), after checking the two measure
the same kind of thing: a share never compares with a count, nor money with either. Versions compare as versions,
number by number (3.9 before 3.10, 3.1 not 3.10), never as decimals; dates field by field, at the precision written.
"""

from __future__ import annotations

from dataclasses import replace

from factcheck.quantities.model import Quantity


def compatible(a: Quantity, b: Quantity) -> bool:
    """Whether two statements can both be true of the same thing."""
    if a.is_date or b.is_date:
        if not (a.is_date and b.is_date):
            return False
        return all(x is None or y is None or x == y for x, y in ((a.year, b.year), (a.month, b.month), (a.day, b.day)))
    if a.is_version or b.is_version:
        return a.is_version and b.is_version and _versions_fit(a, b)
    if a.share != b.share or (a.kind == "money") != (b.kind == "money"):
        return False
    return _overlap(a.interval(), b.interval())


def _overlap(a: tuple[float, float], b: tuple[float, float], eps: float = 1e-12) -> bool:
    """Intervals that share a stretch of values, or a point lying in the other.

    Two rounding intervals that merely touch (2.5% is 2.45-2.55, 2.6% is 2.55-2.65) are two
    different figures, not one: each says the value is on its side of the boundary.
    """
    lo, hi = max(a[0], b[0]), min(a[1], b[1])
    if hi < lo - eps:
        return False
    return hi - lo > eps or a[1] - a[0] <= eps or b[1] - b[0] <= eps


def entails(evidence: Quantity, claim: Quantity) -> bool:
    """Whether what the evidence states makes the claim's figure (or date) true.

    An exact figure must fall within what the claim's wording allows ("about 140" is
    backed by 142); a hedged or vague one must lie wholly within it ("thousands" does not
    back 12,000, "more than 50" does not back "more than 100"). Intervals that merely
    touch (2.5% and 2.6%) do not back each other; one value does not back a range ("25% on
    average" is no "10-60%"). A date must state, and equally, every part of the claim's
    (year, month, day): "2018" does not back "October 2018".
    """
    if claim.is_date or evidence.is_date:
        pairs = ((claim.year, evidence.year), (claim.month, evidence.month), (claim.day, evidence.day))
        return claim.is_date and evidence.is_date and all(c is None or c == e for c, e in pairs)
    if claim.is_version or evidence.is_version:
        return version_entails(evidence, claim)
    if not comparable(evidence, claim):
        return False
    if claim.hedge == "range" and evidence.hedge != "range":
        return False  # one value (25% on average) is no range of them (10-60%)
    if same_bound(claim, evidence):
        return not bounds_apart(claim, evidence)
    lo, hi = claim.interval()
    if evidence.hedge == "exact" and evidence.lo is None:
        v = evidence.normalised()
        return lo - 1e-12 <= v <= hi + 1e-12
    e_lo, e_hi = evidence.interval()
    return lo - 1e-12 <= e_lo and e_hi <= hi + 1e-12


_CAP = ("at_most", "less")
_FLOOR = ("at_least", "more")
_STATED = ("at_least", "at_most")


def same_bound(a: Quantity, b: Quantity) -> bool:
    """Two figures stating the same kind of bound: two caps ("up to 256", "at most 100", "less than 100") or two
    floors ("at least 5", "no fewer than 10"), one of them a bound stated as such ("up to", "at least", "as many
    as": the bound's own value; "more than 50" alone is a loose floor, not a bound's value)."""
    if a.is_version or b.is_version or a.is_date or b.is_date:
        return False
    if a.hedge not in _STATED and b.hedge not in _STATED:
        return False
    return (a.hedge in _CAP and b.hedge in _CAP) or (a.hedge in _FLOOR and b.hedge in _FLOOR)


def bounds_apart(a: Quantity, b: Quantity) -> bool:
    """Two bounds of the same kind (:func:`same_bound`) with other values: a claim that states a cap or a floor
    states that bound's value, so "adds up to 256 bytes" is not backed, but contradicted, by "adds up to 100
    bytes", and "at least ten days" by "at least 5 days". Values equal within their rounding are one bound."""
    if not (same_bound(a, b) and comparable(a, b)):
        return False
    return not _overlap(
        replace(a, hedge="exact", partial=False).interval(), replace(b, hedge="exact", partial=False).interval()
    )


def _same_series(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    """Versions that can name the same release: equal, or one the series of the other (2.4 and 2.4.7)."""
    n = min(len(a), len(b))
    return n > 0 and a[:n] == b[:n]


_FROM = ("at_least", "more")
_UP_TO = ("at_most", "less")


def _versions_fit(a: Quantity, b: Quantity) -> bool:
    """Whether two versions can both be true: two minimums (or two maximums) only when they are one ("3.18 or
    newer" is no "3.20 or later"); a version against a bound when it lies within it (3.11.2 is within "since
    3.8.6", 1.9 is not within "1.11.3 or later"); two versions when one is the other or its series."""
    ka, kb = a.version_key(), b.version_key()
    if _same_series(ka, kb):
        return True
    bounds = (a.hedge in _FROM, a.hedge in _UP_TO, b.hedge in _FROM, b.hedge in _UP_TO)
    if (bounds[0] and bounds[2]) or (bounds[1] and bounds[3]) or not any(bounds):
        return False  # two minimums, two maximums, or two releases: different ones
    low, high = (ka, kb) if bounds[0] or bounds[3] else (kb, ka)  # low is a minimum, or high a maximum
    return low <= high


def version_entails(evidence: Quantity, claim: Quantity) -> bool:
    """A version backs the claim's when it names the claim's release or one of its series (2.4.7 backs "the 2.4
    series", not the reverse). "3.18 or newer" states the minimum 3.18: a requirement of 3.18 backs it, and
    3.20 or later does not."""
    if not (evidence.is_version and claim.is_version):
        return False
    e, c = evidence.version_key(), claim.version_key()
    return len(e) >= len(c) > 0 and e[: len(c)] == c


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
    if a.is_version or b.is_version:
        return a.is_version and b.is_version
    return a.share == b.share and (a.kind == "money") == (b.kind == "money")
