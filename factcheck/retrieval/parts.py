"""One document's share of the BM25 index, computed alone and merged into the whole.

Everything about a document that the index needs and that depends on that document only
(its stemmed words, its term bags, the document frequencies it contributes) is a
:class:`DocumentTerms`, numbered in the document's own vocabulary. :class:`Merger` renumbers
the parts into one vocabulary and concatenates them: the global statistics (document
frequency, average length) are sums over the parts, so an index merged from cached parts
is the index built in one pass, to the bit. Parts are plain arrays, so they store and load
without Python objects per sentence (see :mod:`factcheck.cache`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import numpy as np

from factcheck.corpus import Document
from factcheck.words import stem, words

I32 = np.dtype("<i4")
F64 = np.dtype("<f8")
_LOWER_WORD = re.compile(r"\b[a-z][a-z'’-]*\b")


@dataclass(frozen=True)
class DocumentTerms:
    """A document's term bags in its own numbering (``terms[i]`` is local term ``i``)."""

    context: float  # the neighbour weight the sentence bags were built with
    terms: list[str]  # local vocabulary: stems, in order of first appearance
    words: list[str]  # words as tokenised, in order of first appearance ...
    stems: list[str]  # ... and the stem of each
    doc_ids: np.ndarray  # the whole document's bag: local term ids (int32) ...
    doc_tfs: np.ndarray  # ... and counts (float64)
    offsets: np.ndarray  # evidence sentence k's bag is [offsets[k], offsets[k+1]) of ids/tfs (int32)
    ids: np.ndarray  # local term ids (int32)
    tfs: np.ndarray  # own counts plus the neighbours' share (float64)
    lengths: np.ndarray  # each evidence sentence's bag length, summed as the one-pass build sums it (float64)
    df_ids: np.ndarray  # terms of the evidence sentences' own words (int32) ...
    df_counts: np.ndarray  # ... and in how many of them each occurs (int32)
    positions: np.ndarray  # each evidence sentence's position in the document's sentence list (int32)
    lowercase: list[str]  # words the document writes in lower case ("only"; not "Texas"), for names


class _Numbering:
    """Local term ids and the document's words, in order of first appearance."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.stems: dict[str, str] = {}

    def stemmed(self, text: str) -> list[str]:
        out = []
        for w in words(text):
            st = self.stems.get(w)
            if st is None:
                st = self.stems[w] = stem(w)
            out.append(st)
        return out

    def id(self, term: str) -> int:
        found = self.ids.get(term)
        if found is None:
            found = self.ids[term] = len(self.ids)
        return found


def document_terms(doc: Document, context: float) -> DocumentTerms:
    """A document's bag, and a bag per evidence sentence: its words plus ``context`` times its neighbours'."""
    numbering = _Numbering()
    doc_tokens = [numbering.stemmed(x.text) for x in doc.sentences]
    doc_bag: Counter[str] = Counter()
    for toks in doc_tokens:
        doc_bag.update(toks)
    doc_ids = [numbering.id(t) for t in doc_bag]
    df: Counter[int] = Counter()
    offsets: list[int] = [0]
    ids: list[int] = []
    tfs: list[float] = []
    lengths: list[float] = []
    positions: list[int] = []
    lowercase: dict[str, None] = {}
    for i, sent in enumerate(doc.sentences):
        lowercase.update(dict.fromkeys(_LOWER_WORD.findall(sent.text)))
        if not sent.evidence:
            continue
        positions.append(i)
        own = Counter(doc_tokens[i])
        ctx: Counter[str] = Counter()
        for j in (i - 1, i + 1):
            if 0 <= j < len(doc.sentences):
                ctx.update(doc_tokens[j])
        bag: dict[str, float] = dict(own)
        for term, c in ctx.items():
            bag[term] = bag.get(term, 0.0) + context * c
        df.update(numbering.id(t) for t in own)
        lengths.append(sum(bag.values()))
        ids.extend(numbering.id(t) for t in bag)
        tfs.extend(bag.values())
        offsets.append(len(ids))
    return DocumentTerms(
        context,
        list(numbering.ids),
        list(numbering.stems),
        list(numbering.stems.values()),
        np.array(doc_ids, I32),
        np.array(list(doc_bag.values()), F64),
        np.array(offsets, I32),
        np.array(ids, I32),
        np.array(tfs, F64),
        np.array(lengths, F64),
        np.array(list(df), I32),
        np.array(list(df.values()), I32),
        np.array(positions, I32),
        list(lowercase),
    )


@dataclass
class Merged:
    """The parts renumbered into one vocabulary: postings as (item, term, tf) arrays, ready for BM25."""

    vocabulary: dict[str, int]
    sent_items: np.ndarray
    sent_terms: np.ndarray
    sent_tfs: np.ndarray
    sent_lengths: np.ndarray
    sent_df: dict[str, int]
    doc_items: np.ndarray
    doc_terms: np.ndarray
    doc_tfs: np.ndarray
    doc_lengths: np.ndarray
    doc_df: dict[str, int]
    surface: dict[str, str]  # word -> stem, in order of first appearance over the corpus


class Merger:
    """Parts renumbered into one vocabulary as they come, in reading order; each part can be dropped once added.

    Only arrays are kept per part, so merging a large corpus holds its postings, not every
    document's word lists at once.
    """

    def __init__(self) -> None:
        self.vocabulary: dict[str, int] = {}
        self.surface: dict[str, str] = {}
        self.lowercase: set[str] = set()
        self._sent: list[tuple[np.ndarray, ...]] = []  # per part: terms, tfs, lengths, sizes, df ids, df counts
        self._doc: list[tuple[np.ndarray, ...]] = []  # per part: terms, tfs
        self.positions: list[np.ndarray] = []

    def add(self, part: DocumentTerms) -> None:
        vocabulary = self.vocabulary
        remap = np.array([vocabulary.setdefault(t, len(vocabulary)) for t in part.terms], dtype=np.int32)
        for w, st in zip(part.words, part.stems, strict=True):
            self.surface.setdefault(w, st)
        self.lowercase.update(part.lowercase)
        sizes = np.diff(part.offsets)
        self._sent.append((remap[part.ids], part.tfs, part.lengths, sizes, remap[part.df_ids], part.df_counts))
        self._doc.append((remap[part.doc_ids], part.doc_tfs))
        self.positions.append(part.positions)

    def merged(self) -> Merged:
        """The postings concatenated, with document frequencies summed over the parts."""
        names = np.array(list(self.vocabulary), dtype=object)
        sent, doc = self._sent, self._doc
        sent_counts = np.array([len(p[2]) for p in sent], dtype=np.int64)
        doc_items = np.repeat(np.arange(len(doc), dtype=np.int32), [len(p[0]) for p in doc])
        return Merged(
            self.vocabulary,
            _items(sent_counts, [p[3] for p in sent]),
            _cat([p[0] for p in sent], I32),
            _cat([p[1] for p in sent], F64),
            _cat([p[2] for p in sent], F64),
            _df(names, [p[4] for p in sent], [p[5] for p in sent]),
            doc_items,
            _cat([p[0] for p in doc], I32),
            _cat([p[1] for p in doc], F64),
            np.array([p[1].sum() for p in doc], F64),
            _df(names, [p[0] for p in doc], [np.ones(len(p[0]), I32) for p in doc]),
            self.surface,
        )


def _cat(arrays: list[np.ndarray], dtype: np.dtype) -> np.ndarray:
    return np.concatenate(arrays).astype(dtype, copy=False) if arrays else np.zeros(0, dtype)


def _items(counts: np.ndarray, sizes: list[np.ndarray]) -> np.ndarray:
    """Global item id of every posting: items are numbered across parts, each bag's postings share one."""
    if not sizes:
        return np.zeros(0, I32)
    per_bag = np.concatenate(sizes) if sizes else np.zeros(0, np.int64)
    return np.repeat(np.arange(int(counts.sum()), dtype=np.int32), per_bag)


def _df(names: np.ndarray, ids: list[np.ndarray], counts: list[np.ndarray]) -> dict[str, int]:
    """Document frequencies summed over the parts, by term."""
    total = np.zeros(len(names), np.int64)
    if ids:
        total = np.bincount(_cat(ids, I32), weights=_cat(counts, I32), minlength=len(names)).astype(np.int64)
    present = np.flatnonzero(total)
    return dict(zip(names[present].tolist(), total[present].tolist(), strict=True))
