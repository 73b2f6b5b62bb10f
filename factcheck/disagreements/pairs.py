"""Whether two statements speak of the same quantity of the same thing, and whether they disagree."""

from __future__ import annotations

from collections import defaultdict

from rapidfuzz import fuzz, utils

from factcheck.disagreements.model import Statement
from factcheck.disagreements.similarity import Stories, statement_cosine, vectorise
from factcheck.quantities import compatible, distinctive
from factcheck.settings import ConflictSettings


def disagree(a: Statement, b: Statement) -> bool:
    """Values that cannot both be true of one thing, their wording (rounding, hedges) understood."""
    return not compatible(a.quantity, b.quantity)


def copied(a: Statement, b: Statement, cutoff: float) -> bool:
    """Whether the two sentences are one text, quoted or copied (a claim from its source)."""
    return fuzz.ratio(a.sentence, b.sentence, processor=utils.default_process) >= cutoff


def stated_times_differ(a: Statement, b: Statement) -> bool:
    """Both statements date themselves in their own words, and not alike."""
    return a.dated_in_text and b.dated_in_text and (a.as_of != b.as_of or a.as_of_text != b.as_of_text)


def _cosine_needed(a: Statement, b: Statement, settings: ConflictSettings) -> float:
    """One distinctive figure repeated by two sources is one fact, however differently worded;
    a generic figure ("nine", "100") needs its sentence worded alike."""
    both = distinctive(a.quantity) and distinctive(b.quantity)
    if both and a.quantity.value == b.quantity.value:
        return settings.same_figure
    if both:
        return settings.same_subject_cosine
    return max(settings.same_subject_cosine, settings.small_figure)


def comparable_pair(
    a: Statement, b: Statement, settings: ConflictSettings, stories: Stories | None = None, differ: bool | None = None
) -> bool:
    """Whether two statements speak of the same quantity of the same thing.

    ``differ``: :func:`disagree` of the pair, when the caller knows it already. The documents'
    stories are weighed last, only for a pair that passes on its own words (the costliest test).
    """
    if a.key == b.key or a.kind_class != b.kind_class or a.unit != b.unit:
        return False
    if a.article is not None and a.article == b.article:
        differ = disagree(a, b) if differ is None else differ
        if differ and not stated_times_differ(a, b):
            # One document (or its copy) giving two figures for one noun speaks of two things (or two times).
            return False
    if not _worded_alike(a, b, settings, differ):
        return False
    return stories is None or stories.same_story(a, b, settings.same_story)


def _worded_alike(a: Statement, b: Statement, settings: ConflictSettings, differ: bool | None) -> bool:
    """A copy that changed its figure, or words alike enough for the pair's figures."""
    if copied(a, b, settings.copied):
        # A copy is no second source; but a copy that changed a figure has drifted.
        return a.position == b.position and (disagree(a, b) if differ is None else differ)
    # A part ("54 agencies, a third of all") is compared with a total only when worded alike.
    if a.part != b.part:
        return statement_cosine(a, b) >= settings.mirrors_part
    return statement_cosine(a, b) >= _cosine_needed(a, b, settings)


def inherit_parts(statements: list[Statement], settings: ConflictSettings) -> None:
    """A statement repeating a part (a claim, a headline) is that part too.

    "ACLU: end deals with 54 local agencies" repeats the body's "54 ... agencies, about a
    third of all agreements": the same figure for the same thing, so not a total either.
    Parts are looked up by (noun, kind, value), so each statement meets only its own figure's.
    """
    parts: dict[tuple[str, str, float], list[Statement]] = defaultdict(list)
    for p in statements:
        if p.part:
            parts[(p.unit, p.kind_class, p.quantity.value)].append(p)
    for st in statements:
        if st.part:
            continue
        for p in parts.get((st.unit, st.kind_class, st.quantity.value), ()):
            if p.key != st.key and statement_cosine(p, st) >= settings.same_part:
                st.part = True
                break


def prepare(statements: list[Statement], settings: ConflictSettings) -> None:
    """Ready statements for :func:`comparable_pair`: word vectors over all of them, then parts inherited.

    :func:`~factcheck.disagreements.grouping.find_conflicts` does this first; so does any
    caller that judges pairs itself (the conflict-pairs benchmark).
    """
    vectorise(statements, settings.phrase_weight)
    inherit_parts(statements, settings)
