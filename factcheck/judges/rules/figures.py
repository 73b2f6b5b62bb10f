"""Figures against figures: whether a sentence's quantity is the claim's, agrees with it, or clashes.

Rules on single quantities, shared by the per-sentence stance (:mod:`.stance`) and the part-by-part
check (:mod:`.parts`): a figure agrees when its value makes the claim's true (in that direction: 212
satisfies "more than 40", but "more than 40" does not back 212) and it (likely) counts the same thing;
a share may be stated as two counts ("about a third" fits 54 of 142).
"""

from __future__ import annotations

from collections.abc import Callable

from factcheck.quantities import Quantity, distinctive, entails
from factcheck.quantities.versions import as_version
from factcheck.settings import VerdictSettings


def same_unit(a: Quantity, b: Quantity) -> bool | None:
    """True/False when both name what they count (versions: their product, else their series: 2.4.7 and 2.4.12
    are releases of 2.4); None when either does not."""
    if a.is_version and b.is_version and not (a.unit and b.unit):
        ka, kb = a.version_key(), b.version_key()
        return True if len(ka) >= 2 and len(kb) >= 2 and ka[:2] == kb[:2] else None
    if not a.unit or not b.unit:
        return None
    return a.unit == b.unit or a.unit.startswith(b.unit) or b.unit.startswith(a.unit)


def agrees(
    c: Quantity, x: Quantity, cover: float, thresholds: VerdictSettings, named: Callable[[], bool] = lambda: True
) -> bool:
    """Whether x backs the claim's c: its value makes c true (``entails``: an exact 212 backs "more than 40",
    "more than 40" does not back 212), and it (likely) counts the same thing: the same noun, or none named,
    or two distinctive figures where the sentence also names the claim's noun (``named()``), or a sentence
    so close (``same_subject_coverage``) that differently named things are one."""
    if not entails(x, c):
        return False
    same = same_unit(c, x)
    if same is not False:
        return True
    return (distinctive(c) and distinctive(x) and named()) or cover >= thresholds.same_subject_coverage


def ratio_fits(claim_q: Quantity, counts: list[Quantity]) -> list[Quantity]:
    """A share in the claim may be stated as two counts: "about a third" fits 54 of 142."""
    lo, hi = claim_q.interval()
    for part in counts:
        for whole in counts:
            if part is not whole and 0 < part.value < whole.value and lo <= part.value / whole.value <= hi:
                return [part, whole]
    return []


def range_ends(c: Quantity, found: list[Quantity]) -> list[Quantity]:
    """A range stated by its two ends, each a figure of its own: "between 1000 and 60000" fits "UID_MIN is 1000
    (resp. UID_MAX 60000)". Each end must be an exact figure of the same kind whose value is that end."""
    if c.hedge != "range" or c.lo is None or c.hi is None:
        return []
    exact = [x for x in found if x.hedge == "exact" and x.kind == c.kind and same_unit(c, x) is not False]

    def at(end: float) -> Quantity | None:
        return next((x for x in exact if x.interval()[0] <= end <= x.interval()[1]), None)

    low, high = at(c.lo), at(c.hi)
    return [low, high] if low is not None and high is not None and low is not high else []


def figure_backed(c: Quantity, found: list[Quantity]) -> bool:
    """A claim figure backed by a window's figures: one that entails it, a range by its two ends
    (:func:`range_ends`), or a share stated as two counts. A
    value the window says was replaced ("cut from $40") backs only a claim's replaced value."""
    found = [x for x in found if not x.former or c.former]
    if any(x.is_version for x in found):
        c = as_version(c)  # "coreutils 9.0" backed by "release 9.0"
    if c.is_version:
        found = [as_version(x) for x in found]
    if any(entails(x, c) and same_unit(c, x) is not False for x in found):
        return True  # of the same thing: 250 beds back no organizations, 40 offices no people
    if range_ends(c, found):
        return True
    return c.share and bool(ratio_fits(c, [x for x in found if x.kind == "count"]))
