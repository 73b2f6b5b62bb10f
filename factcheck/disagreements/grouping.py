"""Statements about the same quantity grouped, and the groups whose values cannot all be true kept.

Statements are compared only within a bucket (one kind of figure, one counted noun);
comparable pairs join a group (union-find), so a group is every statement reachable by a
chain of comparable pairs, and its severity is decided afterwards over all its pairs.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterator
from datetime import date

from factcheck.disagreements.blocking import candidate_pairs, copy_rows
from factcheck.disagreements.model import CHANGE, CONFLICT, ConflictGroup, Severity, Statement
from factcheck.disagreements.naming import distinct, subject_name
from factcheck.disagreements.pairs import comparable_pair, copied, disagree, prepare
from factcheck.disagreements.similarity import Stories
from factcheck.lang import ENGLISH, Language
from factcheck.quantities import extract
from factcheck.settings import ConflictSettings


def _buckets(statements: list[Statement]) -> list[list[int]]:
    """Indices of the statements by (kind of figure, counted noun): only these can be alike."""
    buckets: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, st in enumerate(statements):
        buckets[(st.kind_class, st.unit)].append(i)
    return list(buckets.values())


class _UnionFind:
    """Disjoint sets of indices, with path halving."""

    def __init__(self, size: int):
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        self.parent[self.find(i)] = self.find(j)


Interval = tuple[float, float]


def _disjoint(a: Interval, b: Interval) -> bool:
    """:func:`disagree` within a bucket (one kind of figure, so only the intervals decide)."""
    return not (a[0] <= b[1] + 1e-12 and b[0] <= a[1] + 1e-12)


def _components(
    statements: list[Statement], settings: ConflictSettings, stories: Stories | None
) -> list[list[Statement]]:
    """Every chain of comparable pairs within a bucket, in bucket then reading order.

    Only the pairs blocking keeps are judged (:mod:`.blocking`), and not those a chain has joined already;
    a statement's copies (a page copied under another name) join it unjudged.
    """
    buckets = _buckets(statements)
    sets = _UnionFind(len(statements))
    intervals = [st.quantity.interval() for st in statements]
    for members in buckets:
        rows = copy_rows(statements, members)
        for i, j in candidate_pairs(statements, members, settings, rows):
            if sets.find(i) == sets.find(j):
                continue
            differ = _disjoint(intervals[i], intervals[j])
            if comparable_pair(statements[i], statements[j], settings, stories, differ):
                sets.join(i, j)
        for row in rows:  # a statement's copies go where it goes
            for x in row[1:]:
                sets.join(members[x], members[row[0]])
    components: dict[int, list[Statement]] = defaultdict(list)
    for members in buckets:
        for i in members:
            components[sets.find(i)].append(statements[i])
    return list(components.values())


def _differ_in_time(a: Statement, b: Statement) -> bool:
    """Both statements are timed, differently: two dates, or a date against an era."""
    return (
        a.timed()
        and b.timed()
        and (a.as_of != b.as_of or a.as_of_text != b.as_of_text)
        and not (a.as_of and b.as_of and a.as_of == b.as_of)
    )


def _pair_severity(a: Statement, b: Statement, settings: ConflictSettings, stories: Stories | None) -> Severity | None:
    """What one pair of a group adds: nothing when it is no disagreement, else a change or a conflict.

    Parts are weighed against totals, and figures of one document against each other,
    only where the pair is comparable by itself.
    """
    if a.key == b.key or not disagree(a, b):
        return None
    if (a.part != b.part or a.article == b.article) and not comparable_pair(a, b, settings, stories):
        return None
    if copied(a, b, settings.copied) and a.position != b.position:
        return None
    if stories is not None and not stories.same_story(a, b, settings.same_story):
        return None
    return CHANGE if _differ_in_time(a, b) else CONFLICT


def _disagreeing_pairs(
    group: list[Statement], limit: int = ConflictSettings.severity_partners
) -> Iterator[tuple[int, int]]:
    """Pairs (i < j, group order) whose values disagree, and only those: for each statement, the
    ``limit`` nearest above it in value (so a group of g statements costs at most g x limit pairs).

    One kind of figure: two values disagree when their intervals are disjoint. With the
    intervals sorted by their low end, the partners above ``a`` are a suffix: a bisection.
    """
    intervals = [st.quantity.interval() for st in group]
    order = sorted(range(len(group)), key=lambda k: intervals[k][0])
    lows = [intervals[k][0] for k in order]
    for x, i in enumerate(order):
        start = bisect_right(lows, intervals[i][1] + 1e-12, lo=x + 1)
        for j in order[start : start + limit]:
            yield (i, j) if i < j else (j, i)


def _severity(group: list[Statement], settings: ConflictSettings, stories: Stories | None) -> Severity | None:
    """None when the values agree; a change when they differ only across stated times.

    Only disagreeing pairs can count; once a change is found, only pairs of one time can add a conflict.
    """
    severity: Severity | None = None
    for i, j in _disagreeing_pairs(group, settings.severity_partners):
        a, b = group[i], group[j]
        if severity == CHANGE and _differ_in_time(a, b):
            continue
        found = _pair_severity(a, b, settings, stories)
        if found == CONFLICT:
            return CONFLICT
        severity = severity or found
    return severity


def _borrow_years(group: list[Statement], language: Language) -> None:
    """ "By April" with no year takes the year another statement of the group gives that month."""
    known: dict[tuple[int | None, float], date] = {
        (s.as_of.month, s.quantity.value): s.as_of for s in group if s.as_of and s.dated_in_text
    }
    for st in group:
        if st.as_of is None and st.as_of_text:
            found = [q for q in extract(st.as_of_text, language=language) if q.is_date and q.month and not q.year]
            if found:
                match = known.get((found[0].month, st.quantity.value))
                if match:
                    st.as_of = match


def find_conflicts(
    statements: list[Statement],
    settings: ConflictSettings | None = None,
    stories: Stories | None = None,
    names: dict[str, str] | None = None,
    language: Language = ENGLISH,
) -> list[ConflictGroup]:
    """Group statements about the same quantity and keep the groups that disagree.

    ``names``: a readable word for each stem (:attr:`Analysis.surface`), for subjects, which are
    worded in ``language`` (the analysis's).
    Conflicts come first, then changes, each by subject.
    """
    settings = settings or ConflictSettings()
    names = names or {}
    prepare(statements, settings)
    groups = []
    for component in _components(statements, settings, stories):
        if len(component) < 2:
            continue
        severity = _severity(distinct(component), settings, stories)  # copies add no pair
        if severity:
            _borrow_years(component, language)
            groups.append(ConflictGroup(subject_name(component, names, language, settings), severity, component))
    groups.sort(key=lambda g: (g.severity != CONFLICT, g.subject))
    return groups
