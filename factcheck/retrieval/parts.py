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
from collections.abc import Callable
from dataclasses import dataclass
from itertools import chain, repeat

import numpy as np

from factcheck.corpus import Document
from factcheck.words import stem, words

I32 = np.dtype("<i4")
U32 = np.dtype("<u4")
F64 = np.dtype("<f8")
_LOWER_WORD = re.compile(r"\b[a-z][a-z'’-]*\b")


@dataclass(frozen=True)
class DocumentTerms:
    """A document's term bags in its own numbering (``terms[i]`` is local term ``i``).

    Word lists are kept as one string each, a word per line (words hold no line breaks): a
    run may hold every document's parts at once, and a string is a small fraction of a
    list of strings' memory. :func:`lines` reads them back.
    """

    context: float  # the neighbour weight the sentence bags were built with
    terms: str  # local vocabulary: stems, in order of first appearance
    words: str  # words as tokenised, in order of first appearance ...
    stems: str  # ... and the stem of each
    doc_ids: np.ndarray  # the whole document's bag: local term ids (int32) ...
    doc_counts: np.ndarray  # ... and counts (uint32)
    offsets: np.ndarray  # evidence sentence k's bag is [offsets[k], offsets[k+1]) of ids/own/near (int32)
    ids: np.ndarray  # local term ids (int32)
    own: np.ndarray  # how often the sentence has the term (uint32) ...
    near: np.ndarray  # ... and its neighbours: its tf is own + context * near (uint32)
    lengths: np.ndarray  # each evidence sentence's bag length, summed as the one-pass build sums it (float64)
    df_ids: np.ndarray  # terms of the evidence sentences' own words (int32) ...
    df_counts: np.ndarray  # ... and in how many of them each occurs (int32)
    positions: np.ndarray  # each evidence sentence's position in the document's sentence list (int32)
    lowercase: str  # words the document writes in lower case ("only"; not "Texas"), for names


class _Numbering:
    """Local term ids and the document's words, in order of first appearance."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.stems: dict[str, str] = {}

    def stemmed(self, text: str) -> list[str]:
        stems = self.stems
        found = words(text)
        for w in found:
            if w not in stems:
                stems[w] = stem(w)
        return list(map(stems.__getitem__, found))

    def id(self, term: str) -> int:
        found = self.ids.get(term)
        if found is None:
            found = self.ids[term] = len(self.ids)
        return found


def _neighbours(counts: list[dict[int, int]], i: int, last: int) -> dict[int, int]:
    """The words of the sentences before and after ``i``, in order of first appearance (before, then after),
    their counts summed (as integers: the neighbour weight multiplies the sum, as it always has)."""
    if 0 < i < last:
        merged = counts[i - 1].copy()
        get = merged.get
        for term, c in counts[i + 1].items():
            merged[term] = get(term, 0) + c
        return merged
    if i > 0:
        return counts[i - 1]
    return counts[i + 1] if i < last else {}


def document_terms(doc: Document, context: float) -> DocumentTerms:
    """A document's bag, and a bag per evidence sentence: its words plus ``context`` times its neighbours'."""
    numbering = _Numbering()
    doc_tokens = [numbering.stemmed(x.text) for x in doc.sentences]
    doc_bag = Counter(chain.from_iterable(doc_tokens))
    doc_ids = [numbering.id(t) for t in doc_bag]  # every term numbered, in order of first appearance
    counts: list[dict[int, int]] = [Counter(map(numbering.ids.__getitem__, toks)) for toks in doc_tokens]
    owned: list[dict[int, int]] = []  # the evidence sentences' own bags, counted into df at the end
    offsets: list[int] = [0]
    ids: list[int] = []
    own_counts: list[int] = []
    near_counts: list[int] = []
    lengths: list[float] = []
    positions: list[int] = []
    last = len(doc.sentences) - 1
    for i, sent in enumerate(doc.sentences):
        if not sent.evidence:
            continue
        positions.append(i)
        own = counts[i]
        near = _neighbours(counts, i, last)
        bag: dict[int, float] = dict(own)
        get = bag.get
        for term, c in near.items():
            bag[term] = get(term, 0.0) + context * c  # the tf a posting's counts give (Scorer.tfs)
        owned.append(own)
        lengths.append(sum(bag.values()))  # summed in this order, as it always was: the same bits
        ids.extend(bag)
        own_counts.extend(map(own.get, bag, repeat(0)))
        near_counts.extend(map(near.get, bag, repeat(0)))
        offsets.append(len(ids))
    df = Counter(chain.from_iterable(owned))  # in how many evidence sentences each term is one of its own words
    lowercase = dict.fromkeys(_LOWER_WORD.findall("\n".join(x.text for x in doc.sentences)))
    return DocumentTerms(
        context,
        "\n".join(numbering.ids),
        "\n".join(numbering.stems),
        "\n".join(numbering.stems.values()),
        np.array(doc_ids, I32),
        np.array(list(doc_bag.values()), U32),
        np.array(offsets, I32),
        np.array(ids, I32),
        np.array(own_counts, U32),
        np.array(near_counts, U32),
        np.array(lengths, F64),
        np.array(list(df), I32),
        np.array(list(df.values()), I32),
        np.array(positions, I32),
        "\n".join(lowercase),
    )


def lines(joined: str) -> list[str]:
    """A word list kept one word per line."""
    return joined.split("\n") if joined else []


def narrow(counts: np.ndarray) -> np.ndarray:
    """Counts in the narrowest unsigned type that holds them: a posting's counts are small (a sentence is
    at most MAX_SENTENCE_CHARS long), so a byte each, where a tf kept as a float took eight."""
    top = int(counts.max()) if len(counts) else 0
    kind = np.uint8 if top <= 0xFF else np.uint16 if top <= 0xFFFF else np.uint32
    return counts.astype(kind, copy=False)


def widest(arrays: list[np.ndarray]) -> np.dtype:
    """The type that holds every one of these arrays' values (unsigned counts)."""
    return np.result_type(np.uint8, *{a.dtype for a in arrays})


@dataclass
class Postings:
    """One kind of item's postings over the merged vocabulary, sorted by term (items ascending within a
    term): ``ids[starts[t]:starts[t+1]]``, ``own`` and ``near`` alike hold term ``t``; item lengths; df per term."""

    ids: np.ndarray  # int32
    own: np.ndarray  # the term's count in the item (unsigned, narrowest)
    near: np.ndarray  # ... and in its neighbours (sentences; zeros for documents)
    starts: np.ndarray  # int64, one more than terms
    lengths: np.ndarray  # float64, per item
    df: np.ndarray  # int64, per term: in how many items it occurs (own words only, for sentences)
    context: float  # the neighbour weight: a posting's tf is own + context * near


class Merger:
    """Parts renumbered into one vocabulary as they come, in reading order; each part can be dropped once added.

    Only arrays are kept per part, so merging a large corpus holds its postings, not every
    document's word lists at once; the columns are concatenated one at a time and their
    pieces released, so a build holds little more than the postings it makes.
    """

    def __init__(self) -> None:
        self.vocabulary: dict[str, int] = {}
        self.surface: Counter[str] = Counter()  # word -> documents that have it (its stem is stem(word))
        self.lowercase: Counter[str] = Counter()  # word -> documents that write it in lower case
        self.positions: list[np.ndarray] = []
        self.context: float | None = None  # the parts' neighbour weight (all the same)
        self._remaps: list[np.ndarray] = []  # per part, its local term ids' numbers in the vocabulary
        self._columns: dict[str, list[np.ndarray]] = {
            name: []
            for name in ("terms", "own", "near", "lengths", "sizes", "df_ids", "df_counts", "doc_terms", "doc_counts")
        }

    def add(self, part: DocumentTerms) -> None:
        if self.context is None:
            self.context = part.context
        elif part.context != self.context:
            raise ValueError("parts made with different neighbour weights cannot be merged")
        vocabulary = self.vocabulary
        terms = lines(part.terms)
        new = [t for t in terms if t not in vocabulary]  # a part's terms are distinct
        vocabulary.update(zip(new, range(len(vocabulary), len(vocabulary) + len(new)), strict=True))
        remap = np.fromiter(map(vocabulary.__getitem__, terms), dtype=np.int32, count=len(terms))
        self.surface.update(lines(part.words))  # a part's words are distinct: a count of documents
        self.lowercase.update(lines(part.lowercase))
        c = self._columns
        self._remaps.append(remap)
        for name, value in (
            ("terms", narrow(part.ids)),  # local ids, most often under 2^16: renumbered when placed
            ("own", narrow(part.own)),
            ("near", narrow(part.near)),
            ("lengths", part.lengths),
            ("sizes", np.diff(part.offsets)),
            ("df_ids", remap[part.df_ids]),
            ("df_counts", part.df_counts),
            ("doc_terms", narrow(part.doc_ids)),
            ("doc_counts", narrow(part.doc_counts)),
        ):
            c[name].append(value)
        self.positions.append(part.positions)

    def _take(self, name: str, dtype: np.dtype) -> np.ndarray:
        """A column concatenated, its pieces released."""
        pieces = self._columns[name]
        out = _cat(pieces, dtype)
        pieces.clear()
        return out

    def sentences(self) -> Postings:
        """The evidence sentences' postings (call once)."""
        c = self._columns
        sizes = c["sizes"]
        firsts: list[int] = np.cumsum([0] + [len(x) for x in sizes]).tolist()  # each part's first item

        def items(k: int) -> np.ndarray:
            local: np.ndarray = np.repeat(np.arange(len(sizes[k]), dtype=np.int32), sizes[k])
            local += firsts[k]
            return local

        df = self._df(self._take("df_ids", I32), self._take("df_counts", I32))
        terms = _Terms(c["terms"], self._remaps)
        ids, (own, near), starts = _by_term(terms, items, [c["own"], c["near"]], len(self.vocabulary))
        sizes.clear()
        return Postings(ids, own, near, starts, self._take("lengths", F64), df, self.context or 0.0)

    def documents(self) -> Postings:
        """The whole documents' postings (call once)."""
        terms, counts = self._columns["doc_terms"], self._columns["doc_counts"]
        lengths = np.array([float(x.sum()) for x in counts], F64)
        sizes = [len(x) for x in terms]
        ids, (own,), starts = _by_term(
            _Terms(terms, self._remaps), lambda d: np.full(sizes[d], d, np.int32), [counts], len(self.vocabulary)
        )
        return Postings(ids, own, np.zeros(len(own), np.uint8), starts, lengths, np.diff(starts), 0.0)

    def _df(self, ids: np.ndarray, counts: np.ndarray) -> np.ndarray:
        return np.bincount(ids, weights=counts, minlength=len(self.vocabulary)).astype(np.int64)


class _Terms:
    """Each part's postings' terms, kept as local ids and the part's renumbering (two bytes a posting, not four)."""

    def __init__(self, local: list[np.ndarray], remaps: list[np.ndarray]):
        self.local, self.remaps = local, remaps

    def __len__(self) -> int:
        return len(self.local)

    def __getitem__(self, k: int) -> np.ndarray:
        return self.remaps[k][self.local[k]]  # type: ignore[no-any-return]

    def drop(self, k: int) -> None:
        self.local[k] = _EMPTY


_EMPTY = np.zeros(0, np.uint8)


def _by_term(
    terms: _Terms, items: Callable[[int], np.ndarray], columns: list[list[np.ndarray]], vocabulary: int
) -> tuple[np.ndarray, list[np.ndarray], np.ndarray]:
    """Postings given part by part (part ``k``'s items are ``items(k)``, its values ``column[k]`` of each
    column), in item order, placed by term (items ascending within a term): a counting sort, linear in the
    postings, where a sort of all of them would be n log n; each part's arrays are released once placed.
    Returns ids, the columns placed alike, and where each term's postings start."""
    counts = np.zeros(vocabulary, np.int64)
    for lo in range(0, len(terms), COUNT_PARTS):
        group = [terms[k] for k in range(lo, min(lo + COUNT_PARTS, len(terms)))]
        counts += np.bincount(_cat(group, I32), minlength=vocabulary)
    starts = np.concatenate(([0], np.cumsum(counts)))
    free = starts[:-1].copy()  # where each term's next posting goes
    total = int(starts[-1])
    ids = np.empty(total, np.int32)
    placed = [np.empty(total, widest(column)) for column in columns]
    for column in columns:
        column.reverse()  # taken from the end
    for k in range(len(terms)):
        t = terms[k]
        terms.drop(k)
        values = [column.pop() for column in columns]
        if not len(t):
            continue
        order = np.argsort(t, kind="stable")  # a part's own postings by term, in item order within one
        ranked = t[order]
        first = np.flatnonzero(np.concatenate(([True], ranked[1:] != ranked[:-1])))
        run = np.diff(np.append(first, len(ranked)))
        at = np.empty(len(t), np.int64)
        at[order] = free[ranked] + (np.arange(len(ranked)) - np.repeat(first, run))
        free[ranked[first]] += run
        ids[at] = items(k)
        for out, value in zip(placed, values, strict=True):
            out[at] = value
    return ids, placed, starts


COUNT_PARTS = 512  # parts whose terms are counted at once


def _cat(arrays: list[np.ndarray], dtype: np.dtype) -> np.ndarray:
    return np.concatenate(arrays).astype(dtype, copy=False) if arrays else np.zeros(0, dtype)
