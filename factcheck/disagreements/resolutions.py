"""A writer's decisions (``resolutions:`` in the catalogue) matched to the groups they settle."""

from __future__ import annotations

from rapidfuzz import fuzz, utils

from factcheck.catalogue import Resolution
from factcheck.disagreements.model import ConflictGroup
from factcheck.quantities import compatible, describe, extract
from factcheck.settings import ConflictSettings


def _value_in_group(value: str, group: ConflictGroup) -> bool:
    """Whether the resolution's value is one the group states (as a figure, or word for word)."""
    wanted = extract(value)
    if not wanted:
        return any(value.strip().lower() == s.quantity.text.lower() for s in group.statements)
    return any(
        compatible(wanted[0], s.quantity) or describe(wanted[0]) == describe(s.quantity) for s in group.statements
    )


def _settles(res: Resolution, group: ConflictGroup, cutoff: float) -> bool:
    """A resolution names the group by one of its claims or by its subject, and states one of its values."""
    by_claims = bool(res.claims) and bool(set(res.claims) & group.claims)
    by_subject = fuzz.token_set_ratio(res.subject, group.subject, processor=utils.default_process) >= cutoff
    if not (by_claims or by_subject):
        return False
    return res.value is None or _value_in_group(res.value, group)


def apply_resolutions(
    groups: list[ConflictGroup], resolutions: list[Resolution], settings: ConflictSettings | None = None
) -> list[Resolution]:
    """Mark the groups a writer has decided; return resolutions that matched nothing.

    A resolution may settle several groups; a later one settling the same group wins.
    """
    cutoff = (settings or ConflictSettings()).resolution_match
    unused = []
    for res in resolutions:
        matched = False
        for group in groups:
            if _settles(res, group, cutoff):
                group.resolution = res
                matched = True
        if not matched:
            unused.append(res)
    return unused
