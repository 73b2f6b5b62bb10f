"""The searchable index as plain arrays, built from the documents' parts.

Everything a search needs after the build is here, and nothing is a Python object per
sentence or per posting: per scorer (sentences, documents) the postings sorted by term
(item ids and BM25 term factors), where each term's slice starts, and each term's IDF;
which document and which sentence of it each item is; the vocabulary. So the index can
be saved as ``.npy`` files and memory-mapped back (:mod:`~factcheck.retrieval.saved`): a
run where no document changed loads it in a fraction of a second instead of merging and
sorting the postings again, and pages in only the postings its claims touch; and a few
changed documents update it in place (:mod:`~factcheck.retrieval.update`). What keeps an
index between runs is an :class:`IndexStore` (the cache), named here so that the
retrieval side needs nothing of the cache.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from factcheck.retrieval.parts import DocumentTerms, Merger, Postings
from factcheck.words import stem


@dataclass(frozen=True)
class Scorer:
    """BM25 over one kind of item, ready to query: ``ids[starts[t]:starts[t+1]]`` hold term ``t``.

    A posting keeps its counts, not its float tf or factor: the item's own count of the term and
    its neighbours' (a byte each, where two floats took sixteen), and each item its length
    normalisation. :meth:`factors` makes a term's BM25 factors from them when a query asks for
    that term, with the operations a stored factor was made with, so the same bits. The counts
    are also what a changed document updates the index from (:mod:`~factcheck.retrieval.update`).
    """

    ids: np.ndarray  # item of each posting, by term then item (int32)
    own: np.ndarray  # the term's count in the item's own words (unsigned, the narrowest that holds them)
    near: np.ndarray  # ... and in its neighbours' (sentences; zeros for documents)
    starts: np.ndarray  # per term, where its postings start; one more than terms (int64)
    idf: np.ndarray  # per term (float64)
    unseen: np.ndarray  # the IDF of a term no item has, as a 1-element array (float64)
    norm: np.ndarray  # per item, k1 (1 - b + b len/avg) (float64)
    lengths: np.ndarray  # per item, its bag's length (float64)
    df: np.ndarray  # per term, in how many items it occurs (own words only, for sentences) (int64)
    items: int
    context: float  # the neighbour weight: a posting's tf is own + context * near
    k1: float

    def tfs(self, lo: int, hi: int) -> np.ndarray:
        """The tf of postings ``lo:hi``: own + context * near, as the document's bag summed it (float64)."""
        tf = self.own[lo:hi].astype(np.float64)
        if self.context:
            tf += np.multiply(self.near[lo:hi], self.context, dtype=np.float64)
        return tf

    def factors(self, lo: int, hi: int) -> np.ndarray:
        """The BM25 factor of postings ``lo:hi``: tf (k1 + 1) / (tf + k1 (1 - b + b len/avg)) (float64)."""
        tf = self.tfs(lo, hi)
        denominator = np.take(self.norm, self.ids[lo:hi])  # faster than indexing with an array
        denominator += tf
        out: np.ndarray = np.multiply(tf, self.k1 + 1)
        out /= denominator
        return out


@dataclass(frozen=True)
class Arrays:
    """A whole index: two scorers, where each item comes from, and the words for query lookups.

    Word lists are sorted, each with the number of documents that have the word: they are a
    function of the set of documents, whatever their order, so an updated index equals a new one.
    """

    vocabulary: list[str]  # term id -> stem
    sentences: Scorer  # evidence sentences, each with its neighbours' words at a lower weight
    documents: Scorer  # whole documents
    doc_of: np.ndarray  # item -> document number in the corpus (int32), ascending
    sentence_of: np.ndarray  # item -> its position in the document's sentence list (int32)
    surface_words: list[str]  # every word read, sorted ...
    surface_stems: list[str]  # ... its stem
    surface_counts: np.ndarray  # ... and how many documents have it (int64)
    lowercase: list[str]  # words the corpus writes in lower case somewhere ("only" is; "texas" is not), sorted
    lowercase_counts: np.ndarray  # ... and how many documents do (int64)


@dataclass(frozen=True)
class Totals:
    """The corpus-wide figures BM25 weighs by: items, their average length, each term's document frequency.

    One process takes them from its own postings; a shard of a cluster (:mod:`factcheck.cluster`) is
    given the whole corpus's, so that it scores its items as the one process would, to the bit.
    """

    n: int
    avg: float
    df: dict[str, int]

    @classmethod
    def of(cls, lengths: np.ndarray, df: dict[str, int]) -> Totals:
        n = len(lengths)
        avg = float(lengths.mean()) if n else 0.0
        return cls(n, avg or 1.0, df)  # a corpus without a word (an empty document): no 0/0

    def weight(self, d: int) -> float:
        """IDF of a term found in ``d`` items."""
        return math.log(1 + (self.n - d + 0.5) / (d + 0.5))

    @property
    def unseen(self) -> float:
        """IDF of a term no item has."""
        return math.log(1 + (self.n + 0.5) / 0.5)

    def idf(self, term: str) -> float:
        d = self.df.get(term)
        return self.unseen if d is None else self.weight(d)


def idfs(n: int, df: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per term, log(1 + (n - df + .5) / (df + .5)); a term no item has gets the unseen value."""
    unseen = math.log(1 + (n + 0.5) / 0.5)
    values = [math.log(1 + (n - d + 0.5) / (d + 0.5)) if d else unseen for d in df.tolist()]
    return np.array(values, np.float64), np.array([unseen], np.float64)


def norms(lengths: np.ndarray, avg: float, k1: float, b: float) -> np.ndarray:
    """Each item's length normalisation, k1 (1 - b + b len/avg)."""
    return k1 * (1 - b + b * lengths / avg) if len(lengths) else lengths.astype(np.float64)


def average_length(lengths: np.ndarray) -> float:
    return (float(lengths.mean()) if len(lengths) else 0.0) or 1.0  # an empty document: no 0/0


def _scorer(postings: Postings, vocabulary: list[str], k1: float, b: float, totals: Totals | None = None) -> Scorer:
    """The postings with their items' length normalisation and each term's IDF.

    ``totals``: the whole corpus's figures, for a shard of it; else this index's own.
    """
    p = postings
    norm = norms(p.lengths, totals.avg if totals else average_length(p.lengths), k1, b)
    if totals is None:
        idf, unseen = idfs(len(p.lengths), p.df)
    else:
        idf, unseen = np.array([totals.idf(t) for t in vocabulary], np.float64), np.array([totals.unseen], np.float64)
    return Scorer(p.ids, p.own, p.near, p.starts, idf, unseen, norm, p.lengths, p.df, len(p.lengths), p.context, k1)


def build(parts: Iterable[DocumentTerms], k1: float, b: float, totals: tuple[Totals, Totals] | None = None) -> Arrays:
    """The index of the documents whose parts these are (in corpus order; each is dropped once merged).

    ``totals``: the whole corpus's figures (sentences', documents'), when these documents are a shard of it.
    """
    merger = Merger()
    for part in parts:
        merger.add(part)
    vocabulary = list(merger.vocabulary)
    sentences = _scorer(merger.sentences(), vocabulary, k1, b, totals[0] if totals else None)
    documents = _scorer(merger.documents(), vocabulary, k1, b, totals[1] if totals else None)
    positions = merger.positions
    surface = sorted(merger.surface)
    lowercase = sorted(merger.lowercase)
    return Arrays(
        vocabulary,
        sentences,
        documents,
        np.repeat(np.arange(len(positions), dtype=np.int32), [len(p) for p in positions]),
        np.concatenate(positions).astype(np.int32) if positions else np.zeros(0, np.int32),
        surface,
        [stem(w) for w in surface],  # as each part stemmed it
        np.array([merger.surface[w] for w in surface], np.int64),
        lowercase,
        np.array([merger.lowercase[w] for w in lowercase], np.int64),
    )


# ---------------------------------------------------------------- kept between runs


Updater = Callable[[Arrays, list[int], dict[int, DocumentTerms]], Arrays]
"""Given an index, which of its documents each document now is (-1: new), and the parts of those gone."""


class IndexStore(Protocol):
    """Keeps an index between runs (:class:`factcheck.cache.Cache`)."""

    def parts(self, path: str) -> DocumentTerms | None:
        """The document's index parts as read (each given once: the index is built from them once), if known."""
        ...

    def index(self, settings: str, documents: list[str], make: Callable[[], Arrays], update: Updater) -> Arrays:
        """The index kept for these documents (paths, in order) and settings; else the one kept for a few
        documents fewer or more, ``update``d; else ``make()``. Kept for next time."""
        ...
