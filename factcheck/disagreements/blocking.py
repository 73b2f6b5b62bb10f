"""Which statements of a bucket are worth comparing: blocking, so a run is never all pairs.

:func:`~factcheck.disagreements.pairs.comparable_pair` accepts a pair in one of two ways:
its words are alike enough (a cosine of unit vectors of at least ``t``: 0.1 for one
distinctive figure repeated, 0.25, 0.5, 0.9 for a part against a total), or its sentences
are copies (rapidfuzz ratio at least ``copied``). Blocking proposes, for each statement, a
bounded number of partners that can pass; only those are judged.

Copies first. A page copied under another name is the same article, and its statements
have the original's key (:mod:`.statements`): the statements of one bucket with one key and
figure position are one *row*, interchangeable in every judgement. Rows, not statements, are
indexed and judged (:mod:`.grouping` joins a row's copies to it), so a word's posting counts
distinct statements. Two statements with the same sentence and figure position (a line of
boilerplate in two articles) are never comparable (a copy with the same figure is no second
source), so they are never proposed.

Words. Each row's vector ``y`` is split into an indexed part ``I(y)`` and the rest ``U(y)``
with ``|U(y)| < t``: the words most common in the bucket go to ``U`` while their squared
weights allow. For any unit vector ``x``, ``x·y <= x·I(y) + |U(y)|``, so a pair with
``x·y >= t`` shares a word of ``I(y)``. Two bounds keep the work linear:

* a word whose posting holds more than ``max_posting`` distinct sentences (or more than ten
  times as many rows: boilerplate) proposes no pair by itself (a stopword of the bucket: pairs
  come from the rarer words they share); a line syndicated in many articles counts once;
* each row keeps its ``partners`` best partners by ``x·I(y)`` (ties: the earlier row), at most
  two of them with one sentence, so a line repeated in many articles does not crowd the rest out.

So a row is scored against at most ``words × 10 × max_posting`` others, and proposes at most
``partners`` from the word index, as many from a second index keyed by (value, word) for
distinctive figures repeated (threshold 0.1), and ``2 × copy_window`` copies: O(n · m)
candidate pairs, with sorting O(n log n). Below these bounds no pair is lost
(``tests/test_growth.py`` checks it against all pairs).

Near copies (rapidfuzz ratio 90, which may share no content word: "There were 142
agencies." / "There were 150 agencies.") are proposed by sorted neighbourhood: the texts of
one figure position, digits masked, sorted forwards and backwards; each row is proposed with
those of the ``copy_window`` rows after it in either order (whose sentence differs from its
own) that are copies by the ratio.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, utils

from factcheck.disagreements.model import Statement
from factcheck.quantities import distinctive
from factcheck.settings import ConflictSettings

_MARGIN = 0.999  # keep |U| a little under the threshold, for float rounding
_CELLS = 1_000_000  # scored (row, row, word) entries per block: memory stays bounded
_DIGIT = re.compile(r"\d")
_PER_TEXT = 2  # a row's partners with one sentence (a line syndicated in many articles)
_ROWS_PER_TEXT = 10  # a posting's rows per sentence allowed: boilerplate in thousands of articles proposes nothing

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
Entries = tuple[Ints, Ints, Floats]  # (row, column, weight), sorted by row


def _top(values: np.ndarray, empty: int) -> int:
    """The largest value, or ``empty`` when there is none."""
    return int(values.max()) if values.size else empty


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


def copy_rows(statements: list[Statement], members: list[int]) -> list[list[int]]:
    """Bucket positions grouped by (key, figure position): a statement and its copies, in bucket order."""
    rows: dict[tuple[tuple[str, int], int], list[int]] = {}
    for x, i in enumerate(members):
        st = statements[i]
        rows.setdefault((st.key, st.position), []).append(x)
    return list(rows.values())


def _text_ids(reps: list[Statement]) -> Ints:
    """Each row's (sentence, figure position) as a number: rows with one are never comparable."""
    ids: dict[tuple[str, int], int] = {}
    return np.array([ids.setdefault((st.sentence, st.position), len(ids)) for st in reps], np.int64)


class _Columns:
    """Entries of a sparse matrix, built row by row; columns numbered as first met."""

    def __init__(self) -> None:
        self.ids: dict[object, int] = {}
        self.rows: list[int] = []
        self.cols: list[int] = []
        self.weights: list[float] = []

    def add(self, row: int, key: object, weight: float, new: bool = True) -> None:
        col = self.ids.get(key)
        if col is None:
            if not new:
                return
            col = self.ids[key] = len(self.ids)
        self.rows.append(row)
        self.cols.append(col)
        self.weights.append(weight)

    def entries(self) -> Entries:
        return (np.array(self.rows, np.int64), np.array(self.cols, np.int64), np.array(self.weights, np.float64))


def _indexes(reps: list[Statement], settings: ConflictSettings) -> list[tuple[Entries, Entries]]:
    """(probe, index) entries of the word index and of the (value, word) index of distinctive figures."""
    generic, other, same_value = _limits(settings)
    df: Counter[str] = Counter()
    for st in reps:
        df.update(st.vector.keys())
    words, values = _Columns(), _Columns()
    for r, st in enumerate(reps):
        special = distinctive(st.quantity)
        for w in indexed_words(st.vector, df, other if special else generic):
            words.add(r, w, st.vector[w])
        if special:
            for w in indexed_words(st.vector, df, same_value):
                values.add(r, (st.quantity.value, w), st.vector[w])
    word_probe, value_probe = _Columns(), _Columns()
    word_probe.ids, value_probe.ids = words.ids, values.ids
    for r, st in enumerate(reps):
        for w, v in st.vector.items():
            word_probe.add(r, w, v, new=False)
            if distinctive(st.quantity):
                value_probe.add(r, (st.quantity.value, w), v, new=False)
    return [(word_probe.entries(), words.entries()), (value_probe.entries(), values.entries())]


def _blocks(lengths: Ints, rows: Ints) -> list[tuple[int, int]]:
    """Slices of the probe entries, cut at row boundaries, each with about ``_CELLS`` scored entries."""
    if len(rows) == 0:
        return []
    cut = np.flatnonzero(np.diff(rows)) + 1  # where a new row starts
    starts = np.concatenate(([0], cut))
    before = np.concatenate(([0], np.cumsum(lengths)))[starts]
    block = before // _CELLS
    edges = starts[np.flatnonzero(np.diff(block)) + 1]
    bounds = [0, *edges.tolist(), len(rows)]
    return list(pairwise(bounds))


def _scores(probe: Entries, index: Entries, cap: int, texts: Ints) -> Entries:
    """(row, partner row, x·I(y)) for every pair of other sentences sharing an indexed word whose posting holds
    ``cap`` sentences or fewer (a line syndicated in many articles counts once), in ``_ROWS_PER_TEXT x cap``
    rows or fewer."""
    irow, icol, iw = index
    order = np.argsort(icol, kind="stable")
    irow, icol, iw = irow[order], icol[order], iw[order]
    size = _top(probe[1], -1) + 1
    counts = np.bincount(icol, minlength=size)
    span = _top(texts, 0) + 1
    sentences = np.bincount(np.unique(icol * span + texts[irow]) // span, minlength=size)  # distinct, per word
    width = _top(irow, 0) + 1
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    prow, pcol, pw = probe
    keep = (counts[pcol] > 0) & (sentences[pcol] <= cap) & (counts[pcol] <= _ROWS_PER_TEXT * cap)
    prow, pcol, pw = prow[keep], pcol[keep], pw[keep]
    lengths = counts[pcol]
    found: list[Entries] = []
    for lo, hi in _blocks(lengths, prow):
        n = lengths[lo:hi]
        owner = np.repeat(np.arange(lo, hi), n)
        pos = starts[pcol[owner]] + np.arange(int(n.sum())) - np.repeat(np.cumsum(n) - n, n)
        a, b, s = prow[owner], irow[pos], pw[owner] * iw[pos]
        other = texts[a] != texts[b]
        unique, inverse = np.unique(a[other] * width + b[other], return_inverse=True)
        found.append((unique // width, unique % width, np.bincount(inverse, s[other]).astype(np.float64)))
    if not found:
        empty = np.zeros(0, np.int64)
        return empty, empty, np.zeros(0, np.float64)
    return (
        np.concatenate([f[0] for f in found]),
        np.concatenate([f[1] for f in found]),
        np.concatenate([f[2] for f in found]),
    )


def _ranks(groups: Ints) -> Ints:
    """Each entry's place within its run of equal (sorted) group numbers: 0, 1, 2, ..."""
    starts = np.flatnonzero(np.concatenate(([True], groups[1:] != groups[:-1])))
    return np.arange(len(groups)) - np.repeat(starts, np.diff(np.append(starts, len(groups))))


def _best(scored: Entries, m: int, texts: Ints) -> list[tuple[int, int]]:
    """Each row's ``m`` highest-scoring partners (ties: the earlier row), at most ``_PER_TEXT`` of them
    with one sentence: a line repeated in many articles does not crowd the others out (its other rows
    propose their own partners)."""
    a, b, s = scored
    order = np.lexsort((b, -s, texts[b], a))
    a, b, s = a[order], b[order], s[order]
    pair_text = a * (_top(texts, 0) + 1) + texts[b]
    keep = _ranks(pair_text) < _PER_TEXT
    a, b, s = a[keep], b[keep], s[keep]
    order = np.lexsort((b, -s, a))
    a, b = a[order], b[order]
    keep = _ranks(a) < m
    return list(zip(a[keep].tolist(), b[keep].tolist(), strict=True))


def _copy_neighbours(reps: list[Statement], texts: Ints, window: int, cutoff: float) -> list[tuple[int, int]]:
    """Rows whose sentences sort near each other (digits masked, forwards and backwards), per figure position,
    and are copies (rapidfuzz ratio ``cutoff``, as :func:`~factcheck.disagreements.pairs.copied` reads it);
    rows of one sentence are skipped, so a repeated line does not fill the window."""
    by_position: dict[int, list[int]] = {}
    for r, st in enumerate(reps):
        by_position.setdefault(st.position, []).append(r)
    out: list[tuple[int, int]] = []
    for rows in by_position.values():
        plain = {r: utils.default_process(reps[r].sentence) for r in rows}
        masked = {r: _DIGIT.sub("0", text) for r, text in plain.items()}
        forwards = sorted(rows, key=lambda r: (masked[r], texts[r], r))
        backwards = sorted(rows, key=lambda r: (masked[r][::-1], texts[r], r))
        for order in (forwards, backwards):
            after = len(order)  # where the next different sentence starts, from the end backwards
            starts = [0] * len(order)
            for k in range(len(order) - 1, -1, -1):
                if k + 1 < len(order) and texts[order[k + 1]] != texts[order[k]]:
                    after = k + 1
                starts[k] = after
            for k, r in enumerate(order):
                for q in order[starts[k] : starts[k] + window]:
                    if fuzz.ratio(plain[r], plain[q], score_cutoff=cutoff):
                        out.append((r, q))
    return out


def candidate_pairs(
    statements: list[Statement], members: list[int], settings: ConflictSettings, rows: list[list[int]] | None = None
) -> list[tuple[int, int]]:
    """The pairs of one bucket worth judging, as statement indices of the rows' first statements (i before j
    in the bucket), in bucket order; vectors must be set (:func:`~factcheck.disagreements.pairs.prepare`).

    ``rows``: :func:`copy_rows` of the bucket, when the caller has them."""
    rows = copy_rows(statements, members) if rows is None else rows
    reps = [statements[members[row[0]]] for row in rows]
    texts = _text_ids(reps)
    proposed = _copy_neighbours(reps, texts, settings.copy_window, settings.copied)
    for probe, index in _indexes(reps, settings):
        proposed.extend(_best(_scores(probe, index, settings.max_posting, texts), settings.partners, texts))
    firsts = [members[row[0]] for row in rows]
    return sorted({(firsts[r], firsts[q]) if r < q else (firsts[q], firsts[r]) for r, q in proposed})
