"""A saved index updated in place for a few changed documents, rather than built again.

Decides how a run whose documents differ from the saved index's by a few (edited, added or
removed: the cache decides when an update pays, :func:`factcheck.cache.index.changes`) gets its
index: from the saved one and the changed documents' parts alone, no other document read
again, equal to what :func:`~factcheck.retrieval.postings.build` makes of the new corpus, to
the bit (tests/test_index_update.py holds it to that). The base's postings are renumbered a
block at a time (:data:`MERGE_BLOCK`) into arrays of the final size, the pages of the mapped
base let go of behind it (:func:`~factcheck.retrieval.saved.let_go`), so an update does not
hold two copies of the index.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import numpy as np

from factcheck.retrieval.parts import DocumentTerms, lines, narrow, widest
from factcheck.retrieval.postings import Arrays, Scorer, average_length, build, idfs, norms
from factcheck.retrieval.saved import let_go


def update(
    base: Arrays,
    kept: list[int],
    removed: dict[int, DocumentTerms],
    added: dict[int, DocumentTerms],
    k1: float,
    b: float,
) -> Arrays:
    """The index of a corpus a few documents away from ``base``'s: what :func:`build` would make of it, to the bit.

    ``kept[q]``: the document of ``base`` that the new corpus's document ``q`` is, or -1 when
    ``q`` is new (its parts are ``added[q]``); every document of ``base`` not kept is in
    ``removed``, with its parts. Base documents keep their order. Linear in the postings (no
    sort of them, no document read again): items and terms are renumbered with arrays, the
    new postings put in place by binary search, and the factors and IDFs computed again
    from the counts, since every one of them moves with the corpus's size and average length.
    Terms are numbered differently from a new build's; nothing a search returns depends on that.
    """
    if not kept:
        return build((), k1, b)  # no document left: the empty index a new build makes
    change = _Change(base, kept, removed, added)
    documents = change.documents(k1, b)
    sentences, doc_of, sentence_of = change.sentences(k1, b)
    vocabulary = change.vocabulary
    present = np.diff(documents.starts) > 0  # terms no document has any more: a new build would not have them
    if not present.all():
        vocabulary = [t for t, keep in zip(vocabulary, present.tolist(), strict=True) if keep]
        sentences, documents = _without(sentences, present), _without(documents, present)
    surface, stems, surface_counts = _counted(
        (base.surface_words, base.surface_stems, base.surface_counts),
        removed,
        added,
        lambda p: (lines(p.words), lines(p.stems)),
    )
    lowercase, _, lowercase_counts = _counted(
        (base.lowercase, base.lowercase, base.lowercase_counts), removed, added, lambda p: (lines(p.lowercase),) * 2
    )
    words = (surface, stems, surface_counts, lowercase, lowercase_counts)
    return Arrays(vocabulary, sentences, documents, doc_of, sentence_of, *words)


class _Change:
    """The documents removed and added, in the base's term numbering (new terms appended), and the new numbers."""

    def __init__(
        self, base: Arrays, kept: list[int], removed: dict[int, DocumentTerms], added: dict[int, DocumentTerms]
    ):
        self.base, self.kept, self.removed, self.added = base, kept, removed, added
        self.vocabulary = list(base.vocabulary)
        self._known = {t: i for i, t in enumerate(self.vocabulary)}
        self.removed_ids = {j: self._remap(part) for j, part in removed.items()}
        self.added_ids = {q: self._remap(part) for q, part in added.items()}
        self.place = np.full(base.documents.items, -1, np.int32)  # base document -> new number, -1 when gone
        for q, j in enumerate(kept):
            if j >= 0:
                self.place[j] = q

    def _remap(self, part: DocumentTerms) -> np.ndarray:
        """The part's local term ids in the index's numbering, its terms new to the index appended."""
        terms = lines(part.terms)
        for t in terms:
            if t not in self._known:
                self._known[t] = len(self.vocabulary)
                self.vocabulary.append(t)
        return np.fromiter(map(self._known.__getitem__, terms), dtype=np.int64, count=len(terms))

    def documents(self, k1: float, b: float) -> Scorer:
        """The documents' scorer: an item per document."""
        new = _postings(
            [
                (
                    np.full(len(p.doc_ids), q),
                    self.added_ids[q][p.doc_ids],
                    p.doc_counts,
                    np.zeros_like(p.doc_ids, np.uint8),
                )
                for q, p in self.added.items()
            ]
        )
        lengths = np.zeros(len(self.kept), np.float64)
        alive = self.place >= 0
        lengths[self.place[alive]] = self.base.documents.lengths[alive]
        for q, p in self.added.items():
            lengths[q] = float(p.doc_counts.sum())  # as Merger.documents sums it
        gone = _cat64([self.removed_ids[j][p.doc_ids] for j, p in self.removed.items()])
        terms = len(self.vocabulary)
        base = self.base.documents
        return _updated_scorer(base, self.place, gone, new, terms, lengths, None, k1, b, base.context)

    def sentences(self, k1: float, b: float) -> tuple[Scorer, np.ndarray, np.ndarray]:
        """The sentences' scorer, and each item's document and position in it."""
        base, place = self.base, self.place
        base_start = np.searchsorted(base.doc_of, np.arange(len(place) + 1)).astype(np.int64)
        sizes = np.array(
            [
                base_start[j + 1] - base_start[j] if j >= 0 else len(self.added[q].positions)
                for q, j in enumerate(self.kept)
            ],
            np.int64,
        )
        new_start = np.concatenate(([0], np.cumsum(sizes))).astype(np.int64)
        shift = np.where(place >= 0, new_start[np.maximum(place, 0)] - base_start[:-1], 0)
        item_place = (np.arange(base.sentences.items, dtype=np.int64) + shift[base.doc_of]).astype(np.int32)
        item_place[place[base.doc_of] < 0] = -1
        lengths = np.zeros(int(new_start[-1]), np.float64)
        sentence_of = np.zeros(int(new_start[-1]), np.int32)
        still = item_place >= 0
        lengths[item_place[still]] = base.sentences.lengths[still]
        sentence_of[item_place[still]] = base.sentence_of[still]
        for q, p in self.added.items():
            lengths[new_start[q] : new_start[q + 1]] = p.lengths
            sentence_of[new_start[q] : new_start[q + 1]] = p.positions
        new = _postings(
            [
                (
                    new_start[q] + np.repeat(np.arange(len(p.positions)), np.diff(p.offsets)),
                    self.added_ids[q][p.ids],
                    p.own,
                    p.near,
                )
                for q, p in self.added.items()
            ]
        )
        terms = len(self.vocabulary)
        gone = _cat64([self.removed_ids[j][p.ids] for j, p in self.removed.items()])
        df = self._sentence_df()
        scorer = _updated_scorer(base.sentences, item_place, gone, new, terms, lengths, df, k1, b, self._context())
        return scorer, np.repeat(np.arange(len(self.kept), dtype=np.int32), sizes), sentence_of

    def _context(self) -> float:
        """The neighbour weight of the sentences' postings: the new parts', as a build would take it from the
        parts; the base's when none is new (an index built from no document has none of its own)."""
        return next(iter(self.added.values())).context if self.added else self.base.sentences.context

    def _sentence_df(self) -> np.ndarray:
        """In how many evidence sentences each term occurs (own words): the base's, less the removed, plus the added."""
        terms = len(self.vocabulary)
        df = np.zeros(terms, np.int64)
        df[: len(self.base.sentences.df)] = self.base.sentences.df
        for signed, parts, ids in ((-1, self.removed, self.removed_ids), (1, self.added, self.added_ids)):
            for key, p in parts.items():
                df += signed * np.bincount(ids[key][p.df_ids], weights=p.df_counts, minlength=terms).astype(np.int64)
        return df


_New = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]  # postings' items, terms, own and near counts


def _cat64(arrays: list[np.ndarray]) -> np.ndarray:
    return np.concatenate(arrays).astype(np.int64) if arrays else np.zeros(0, np.int64)


def _postings(pieces: list[_New]) -> _New:
    """The new documents' postings, given as (items, terms, own, near) per document, sorted by term then item."""
    if not pieces:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.uint8), np.zeros(0, np.uint8)
    items, terms, own, near = (np.concatenate(column) for column in zip(*pieces, strict=True))
    items = items.astype(np.int64)
    order = np.lexsort((items, terms))
    return items[order], terms[order], narrow(own[order]), narrow(near[order])


def _updated_scorer(
    base: Scorer,
    place: np.ndarray,
    gone: np.ndarray,
    new: _New,
    terms: int,
    lengths: np.ndarray,
    df: np.ndarray | None,
    k1: float,
    b: float,
    context: float,
) -> Scorer:
    """``base``'s postings renumbered by ``place`` (-1: dropped; ``gone``: the dropped postings' terms), ``new``
    put in by binary search within their terms' postings; length normalisation and IDFs computed again."""
    old_counts = np.zeros(terms, np.int64)
    old_counts[: len(base.starts) - 1] = np.diff(base.starts)
    kept_counts = old_counts - np.bincount(gone, minlength=terms)
    if (kept_counts < 0).any():
        raise ValueError("the removed documents' parts do not fit the index")
    kept_starts = np.concatenate(([0], np.cumsum(kept_counts)))
    new_items, new_terms = new[0], new[1]
    at = _positions(base, place, kept_starts, new_terms, new_items)
    ids, own, near = _merged(base, place, int(kept_starts[-1]), at, new)
    counts = kept_counts + np.bincount(new_terms, minlength=terms)
    starts = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
    if df is None:  # documents: in how many items a term occurs is its postings' count
        df = counts
    norm = norms(lengths, average_length(lengths), k1, b)
    idf, unseen = idfs(len(lengths), df)
    return Scorer(ids, own, near, starts, idf, unseen, norm, lengths, df, len(lengths), context, k1)


def _positions(
    base: Scorer, place: np.ndarray, kept_starts: np.ndarray, terms: np.ndarray, items: np.ndarray
) -> np.ndarray:
    """Where each new posting (sorted by term, then item) goes among the kept postings (by term, then item):
    a binary search within its term's kept postings, one per distinct term (at most the new documents'
    vocabulary). ``place`` keeps the base items' order, so a term's kept postings stay sorted."""
    at = np.empty(len(terms), np.int64)
    if not len(terms):
        return at
    known = len(base.starts) - 1
    bounds = np.flatnonzero(np.diff(terms)) + 1
    for lo, hi in zip(np.concatenate(([0], bounds)), np.concatenate((bounds, [len(terms)])), strict=True):
        t = int(terms[lo])
        kept = place[base.ids[int(base.starts[t]) : int(base.starts[t + 1])]] if t < known else place[:0]
        at[lo:hi] = kept_starts[t] + np.searchsorted(kept[kept >= 0], items[lo:hi])
    return at


MERGE_BLOCK = 1 << 20  # base postings renumbered at once: temporaries stay small


def _merged(
    base: Scorer, place: np.ndarray, kept: int, at: np.ndarray, new: _New
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The base's postings renumbered by ``place`` (-1: dropped), ``kept`` of them, with the new ones put in
    before the kept posting each ``at`` names (as ``np.insert`` would), written once into arrays of the
    final size, a block of the base at a time: no copy of the whole index is made on the way."""
    new_items, _, new_own, new_near = new
    total = kept + len(at)
    ids = np.empty(total, np.int32)
    own = np.empty(total, widest([base.own, new_own]))
    near = np.empty(total, widest([base.near, new_near]))
    done = 0  # kept postings written so far
    for lo in range(0, len(base.ids), MERGE_BLOCK):
        hi = lo + MERGE_BLOCK
        mapped = place[base.ids[lo:hi]]
        keep = mapped >= 0
        count = int(keep.sum())
        if done + count > kept:
            raise ValueError("the removed documents' parts do not fit the index")
        rank = np.arange(done, done + count)
        where = rank + np.searchsorted(at, rank, side="right")  # after the new postings put in before it
        ids[where] = mapped[keep]
        own[where] = base.own[lo:hi][keep]
        near[where] = base.near[lo:hi][keep]
        for column in (base.ids, base.own, base.near):
            let_go(column, lo, min(hi, len(column)))
        done += count
    if done != kept:
        raise ValueError("the removed documents' parts do not fit the index")
    where = at + np.arange(len(at))
    ids[where], own[where], near[where] = new_items, new_own, new_near
    return ids, narrow(own), narrow(near)  # a new build is as narrow as its counts


def _without(scorer: Scorer, present: np.ndarray) -> Scorer:
    """The scorer without the terms not ``present`` (which have no postings)."""
    starts = np.append(scorer.starts[:-1][present], scorer.starts[-1])
    return replace(scorer, starts=starts, idf=scorer.idf[present], df=scorer.df[present])


def _counted(
    base: tuple[list[str], list[str], np.ndarray],
    removed: dict[int, DocumentTerms],
    added: dict[int, DocumentTerms],
    read: Callable[[DocumentTerms], tuple[list[str], list[str]]],
) -> tuple[list[str], list[str], np.ndarray]:
    """A sorted word list with documents counted, less the removed documents' words, plus the added ones'."""
    words, stems, counts = base
    table = {w: [st, c] for w, st, c in zip(words, stems, counts.tolist(), strict=True)}
    for part in removed.values():
        for w in read(part)[0]:
            table[w][1] -= 1
    for part in added.values():
        for w, st in zip(*read(part), strict=True):
            table.setdefault(w, [st, 0])[1] += 1
    kept = sorted(w for w, (_, c) in table.items() if c > 0)
    return kept, [table[w][0] for w in kept], np.array([table[w][1] for w in kept], np.int64)
