"""Which statements of a bucket are worth comparing: blocking, so a run is not all pairs.

:func:`~factcheck.disagreements.pairs.comparable_pair` accepts a pair in one of two ways:

* its words are alike enough — a cosine of unit vectors of at least ``t``, where ``t``
  depends on the pair (0.1 for one distinctive figure repeated, 0.25, 0.5, 0.9 for a part
  against a total: see :func:`_limits`);
* its sentences are copies (rapidfuzz ratio at least ``copied``).

Words (exact). Split each vector ``y`` into an indexed part ``I(y)`` and the rest ``U(y)``
with ``|U(y)| < t``: the words most common in the bucket go to ``U`` while their squared
weights allow. For any unit vector ``x``, ``x·y = x·I(y) + x·U(y) <= x·I(y) + |U(y)|``, so a
pair with ``x·y >= t`` must share a word of ``I(y)``: probing the inverted index of the
``I`` parts with every word of ``x`` finds every pair that can pass, and no pair is lost.
Common words ("year", "report") carry little weight, so they mostly stay out of the index
and its postings stay short. Distinctive figures repeated (0.1) use a second index keyed
by (value, word), whose postings only hold statements of one value.

Copies (exact). Sentences at a ratio of 90 may share no content word ("There were 142
agencies." and "There were 150 agencies."), so copies are found apart: within a bucket,
statements of one position are compared by rapidfuzz in C (``process.cdist``), only
against those whose length allows the ratio, in row blocks so memory stays bounded.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator

import numpy as np
from rapidfuzz import fuzz, process, utils

from factcheck.disagreements.model import Statement
from factcheck.quantities import distinctive
from factcheck.settings import ConflictSettings

_MARGIN = 0.999  # keep |U| a little under the threshold, for float rounding
_CELLS = 4_000_000  # rapidfuzz matrix cells per block

Postings = dict[object, list[int]]


def _limits(settings: ConflictSettings) -> tuple[float, float, float]:
    """The least cosine any partner needs: (a generic figure, a distinctive one, one of the same value)."""
    s = settings
    generic = min(max(s.same_subject_cosine, s.small_figure), s.mirrors_part)
    other = min(generic, s.same_subject_cosine)
    return generic, other, min(other, s.same_figure)


def indexed_words(vector: dict[str, float], df: Counter[str], limit: float) -> list[str]:
    """The words of ``vector`` to index: all but the most common, whose norm stays under ``limit``."""
    if limit <= 0:
        return list(vector)
    budget = (limit * _MARGIN) ** 2
    spent = 0.0
    order = sorted(vector, key=lambda w: (-df[w], w))
    for k, w in enumerate(order):
        spent += vector[w] * vector[w]
        if spent >= budget:
            return order[k:]
    return []


def _index(statements: list[Statement], members: list[int], settings: ConflictSettings) -> tuple[Postings, Postings]:
    """Inverted indexes of the bucket's indexed words: by word, and by (value, word) for distinctive figures."""
    generic, other, same_value = _limits(settings)
    df: Counter[str] = Counter()
    for i in members:
        df.update(statements[i].vector.keys())
    by_word: Postings = defaultdict(list)
    by_value: Postings = defaultdict(list)
    for x, i in enumerate(members):
        st = statements[i]
        special = distinctive(st.quantity)
        for w in indexed_words(st.vector, df, other if special else generic):
            by_word[w].append(x)
        if special:
            for w in indexed_words(st.vector, df, same_value):
                by_value[(st.quantity.value, w)].append(x)
    return by_word, by_value


def _word_partners(
    statements: list[Statement], members: list[int], settings: ConflictSettings
) -> Iterator[tuple[int, set[int]]]:
    """For each position in the bucket, the later positions sharing an indexed word with it."""
    by_word, by_value = _index(statements, members, settings)
    for x, i in enumerate(members):
        st = statements[i]
        found: set[int] = set()
        for w in st.vector:
            found.update(by_word.get(w, ()))
        if distinctive(st.quantity):
            for w in st.vector:
                found.update(by_value.get((st.quantity.value, w), ()))
        yield x, {y for y in found if y > x}


def _copy_pairs(texts: list[str], cutoff: float) -> Iterator[tuple[int, int]]:
    """Pairs (i < j) of processed texts at a rapidfuzz ratio of ``cutoff`` or more.

    The ratio is 2M/(la+lb) for M matched characters, so it needs min/max length >= r/(2-r):
    texts sorted by length are compared only within that window, a block of rows at a time.
    """
    order = sorted(range(len(texts)), key=lambda k: len(texts[k]))
    lengths = np.array([len(texts[k]) for k in order], dtype=np.float64)
    r = min(max(cutoff / 100.0, 0.0), 1.0)
    stretch = (2 - r) / r if r > 0 else float("inf")
    start = 0
    while start < len(order):
        end = min(len(order), start + max(1, _CELLS // max(1, len(order) - start)))
        stop = int(np.searchsorted(lengths, lengths[end - 1] * stretch, side="right")) if r > 0 else len(order)
        rows = [texts[k] for k in order[start:end]]
        cols = [texts[k] for k in order[start:stop]]
        scores = process.cdist(rows, cols, scorer=fuzz.ratio, score_cutoff=cutoff, dtype=np.float32, workers=1)
        for a, b in zip(*np.nonzero(scores >= cutoff), strict=True):
            if b > a:
                yield order[start + int(a)], order[start + int(b)]
        start = end


def _copy_partners(statements: list[Statement], members: list[int], cutoff: float) -> dict[int, set[int]]:
    """For each position in the bucket, the later positions whose sentence is a copy and whose figure
    stands at the same place in it (a copy is comparable only then)."""
    by_position: dict[int, list[int]] = defaultdict(list)
    for x, i in enumerate(members):
        by_position[statements[i].position].append(x)
    out: dict[int, set[int]] = defaultdict(set)
    for xs in by_position.values():
        if len(xs) < 2:
            continue
        texts = [utils.default_process(statements[members[x]].sentence) for x in xs]
        for a, b in _copy_pairs(texts, cutoff):
            x, y = sorted((xs[a], xs[b]))
            out[x].add(y)
    return out


def candidate_pairs(
    statements: list[Statement], members: list[int], settings: ConflictSettings
) -> Iterator[tuple[int, int]]:
    """Every pair (statement indices) of one bucket that :func:`comparable_pair` could accept,
    in bucket order; vectors must be set (:func:`~factcheck.disagreements.pairs.prepare`)."""
    copies = _copy_partners(statements, members, settings.copied)
    for x, partners in _word_partners(statements, members, settings):
        for y in sorted(partners | copies.pop(x, set())):
            yield members[x], members[y]
