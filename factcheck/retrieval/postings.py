"""The searchable index as plain arrays: built from the documents' parts, or loaded from disk.

Everything a search needs after the build is here, and nothing is a Python object per
sentence or per posting: per scorer (sentences, documents) the postings sorted by term
(item ids and BM25 term factors), where each term's slice starts, and each term's IDF;
which document and which sentence of it each item is; the vocabulary. So the index can
be saved as ``.npy`` files and memory-mapped back: a run where no document changed
loads it in a fraction of a second instead of merging and sorting the postings again,
and pages in only the postings its claims touch.
"""

from __future__ import annotations

import contextlib
import json
import math
import mmap
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from factcheck.retrieval.parts import DocumentTerms, Merger, Postings, lines, narrow, widest
from factcheck.words import stem

FORMAT = 3  # of a saved index; bump when the files change shape


@dataclass(frozen=True)
class Scorer:
    """BM25 over one kind of item, ready to query: ``ids[starts[t]:starts[t+1]]`` hold term ``t``.

    A posting keeps its counts, not its float tf or factor: the item's own count of the term and
    its neighbours' (a byte each, where two floats took sixteen), and each item its length
    normalisation. :meth:`factors` makes a term's BM25 factors from them when a query asks for
    that term, with the operations a stored factor was made with, so the same bits. The counts
    are also what a changed document updates the index from (:func:`update`).
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


def _idf(n: int, df: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per term, log(1 + (n - df + .5) / (df + .5)); a term no item has gets the unseen value."""
    unseen = math.log(1 + (n + 0.5) / 0.5)
    values = [math.log(1 + (n - d + 0.5) / (d + 0.5)) if d else unseen for d in df.tolist()]
    return np.array(values, np.float64), np.array([unseen], np.float64)


def _norm(lengths: np.ndarray, avg: float, k1: float, b: float) -> np.ndarray:
    """Each item's length normalisation, k1 (1 - b + b len/avg)."""
    return k1 * (1 - b + b * lengths / avg) if len(lengths) else lengths.astype(np.float64)


def _average(lengths: np.ndarray) -> float:
    return (float(lengths.mean()) if len(lengths) else 0.0) or 1.0  # an empty document: no 0/0


def _scorer(postings: Postings, vocabulary: list[str], k1: float, b: float, totals: Totals | None = None) -> Scorer:
    """The postings with their items' length normalisation and each term's IDF.

    ``totals``: the whole corpus's figures, for a shard of it; else this index's own.
    """
    p = postings
    norm = _norm(p.lengths, totals.avg if totals else _average(p.lengths), k1, b)
    if totals is None:
        idf, unseen = _idf(len(p.lengths), p.df)
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


# ---------------------------------------------------------------- updated in place


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
    norm = _norm(lengths, _average(lengths), k1, b)
    idf, unseen = _idf(len(lengths), df)
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
            _let_go(column, lo, min(hi, len(column)))
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


# ---------------------------------------------------------------- on disk


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


_LISTS = ("vocabulary", "surface_words", "surface_stems", "lowercase")


def save(arrays: Arrays, folder: Path, key: str, made_of: Any = None) -> None:
    """The index as .npy files and one JSON of word lists, in a folder that appears whole or not at all.

    ``made_of``: what the store needs to know later of the documents it was made from (JSON), if anything.
    """
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=folder.parent))
    try:
        for name, value in _flat_arrays(arrays).items():
            np.save(tmp / f"{name}.npy", value, allow_pickle=False)
        words = {name: getattr(arrays, name) for name in _LISTS}
        scorers = (arrays.sentences, arrays.documents)
        meta = {
            "format": FORMAT,
            "key": key,
            "items": [x.items for x in scorers],
            "weights": [[x.context, x.k1] for x in scorers],  # floats: JSON keeps every bit
            **words,
        }
        (tmp / "words.json").write_text(json.dumps(meta, separators=(",", ":")), encoding="utf-8")
        if made_of is not None:
            (tmp / "made_of.json").write_text(json.dumps(made_of, separators=(",", ":")), encoding="utf-8")
        old = folder.with_name(f".old-{os.getpid()}")
        if folder.exists():
            os.replace(folder, old)
        os.replace(tmp, folder)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


_SCALARS = ("items", "context", "k1")  # of a Scorer: kept in words.json, not as arrays


def _flat_arrays(arrays: Arrays) -> dict[str, np.ndarray]:
    out = {
        "doc_of": arrays.doc_of,
        "sentence_of": arrays.sentence_of,
        "surface_counts": arrays.surface_counts,
        "lowercase_counts": arrays.lowercase_counts,
    }
    for prefix, scorer in (("s", arrays.sentences), ("d", arrays.documents)):
        for f in fields(Scorer):
            if f.name not in _SCALARS:
                out[f"{prefix}_{f.name}"] = getattr(scorer, f.name)
    return out


def saved_key(folder: Path) -> str | None:
    """The key the index in ``folder`` was saved under, without loading it; None when there is none."""
    try:
        with open(folder / "words.json", encoding="utf-8") as fh:
            head = fh.read(200)
    except OSError:
        return None
    found = re.match(r'\{"format":(\d+),"key":"([0-9a-f]+)"', head)
    return found.group(2) if found and int(found.group(1)) == FORMAT else None


def saved_items(folder: Path) -> int | None:
    """How many sentences the index saved in ``folder`` holds; None when there is none (or it cannot be read)."""
    try:
        meta = json.loads((folder / "words.json").read_text(encoding="utf-8"))
        return int(meta["items"][0])
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None


def load(folder: Path) -> Arrays:
    """The index saved in ``folder``, its arrays memory-mapped; ValueError (or OSError) when it is not whole."""
    meta: dict[str, Any] = json.loads((folder / "words.json").read_text(encoding="utf-8"))
    if meta.get("format") != FORMAT:
        raise ValueError("saved by another version")
    flat = {p.stem: _mapped(p) for p in folder.glob("*.npy")}
    scorers = []
    for prefix, items, (context, k1) in zip("sd", meta["items"], meta["weights"], strict=True):
        given: dict[str, Any] = {f.name: flat[f"{prefix}_{f.name}"] for f in fields(Scorer) if f.name not in _SCALARS}
        scorers.append(Scorer(**given, items=int(items), context=float(context), k1=float(k1)))
    arrays = Arrays(
        meta["vocabulary"],
        scorers[0],
        scorers[1],
        flat["doc_of"],
        flat["sentence_of"],
        meta["surface_words"],
        meta["surface_stems"],
        flat["surface_counts"],
        meta["lowercase"],
        flat["lowercase_counts"],
    )
    _check(arrays)
    return arrays


def _mapped(path: Path) -> np.ndarray:
    """A saved one-dimensional array, memory-mapped read-only: a plain array whose base is the mapping (not an
    ``np.memmap``, whose indexing costs a Python call per slice), so :func:`_let_go` can drop its pages."""
    with open(path, "rb") as fh:
        version = np.lib.format.read_magic(fh)
        read_header = np.lib.format.read_array_header_1_0 if version == (1, 0) else np.lib.format.read_array_header_2_0
        shape, _, dtype = read_header(fh)  # one-dimensional: the order does not matter
        if len(shape) != 1 or dtype.hasobject:
            raise ValueError(f"{path.name}: not an array of numbers")
        offset = fh.tell()
        if shape[0] == 0:
            return np.zeros(0, dtype)
        mapping = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    return np.frombuffer(mapping, dtype=dtype, count=shape[0], offset=offset)


def _let_go(array: np.ndarray, lo: int, hi: int) -> None:
    """Drop the pages of ``array[lo:hi]`` from this process, when it is a saved array mapped by :func:`_mapped`
    (they are read from the file again if touched again): an update reads the whole saved index once, and
    would otherwise hold all of it beside the index it makes."""
    base = array.base
    mapping = base.obj if isinstance(base, memoryview) else base  # np.frombuffer keeps a view of the mapping
    if not isinstance(mapping, mmap.mmap) or array.flags.writeable or not hasattr(mmap, "MADV_DONTNEED") or hi <= lo:
        return  # only a read-only mapping of a file, whose pages the file gives back: never data held nowhere else
    start = array.ctypes.data - np.frombuffer(mapping, np.uint8).ctypes.data + lo * array.itemsize
    end = start + (hi - lo) * array.itemsize
    first = start - start % mmap.PAGESIZE
    with contextlib.suppress(OSError, ValueError):  # only memory is at stake
        mapping.madvise(mmap.MADV_DONTNEED, first, end - first)


def made_of(folder: Path) -> Any:
    """What :func:`save` was told the index in ``folder`` is made of; None when it was told nothing or is unreadable."""
    try:
        return json.loads((folder / "made_of.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _check(a: Arrays) -> None:
    """The shapes fit together (a truncated or mixed-up folder is not searched)."""
    terms = len(a.vocabulary)
    for scorer in (a.sentences, a.documents):
        if len(scorer.starts) != terms + 1 or len(scorer.idf) != terms or len(scorer.df) != terms:
            raise ValueError("postings do not fit the vocabulary")
        if not len(scorer.ids) == len(scorer.own) == len(scorer.near) or not scorer.items == len(scorer.lengths) == len(
            scorer.norm
        ):
            raise ValueError("postings do not fit their counts")
        if scorer.starts[-1] != len(scorer.ids) or scorer.unseen.shape != (1,):
            raise ValueError("postings do not fit their starts")
    if len(a.doc_of) != a.sentences.items or len(a.sentence_of) != a.sentences.items:
        raise ValueError("items do not fit their documents")
    if not len(a.surface_words) == len(a.surface_stems) == len(a.surface_counts):
        raise ValueError("words do not fit their stems")
    if len(a.lowercase) != len(a.lowercase_counts):
        raise ValueError("words do not fit their counts")
