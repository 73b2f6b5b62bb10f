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

import json
import math
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from factcheck.retrieval.parts import DocumentTerms, Merger, Postings

FORMAT = 1  # of a saved index; bump when the files change shape


@dataclass(frozen=True)
class Scorer:
    """BM25 over one kind of item, ready to query: ``ids[starts[t]:starts[t+1]]`` hold term ``t``."""

    ids: np.ndarray  # item of each posting, by term then item (int32)
    factors: np.ndarray  # (k1 + 1) tf / (tf + k1 (1 - b + b len/avg)) of each posting (float64)
    starts: np.ndarray  # per term, where its postings start; one more than terms (int64)
    idf: np.ndarray  # per term (float64)
    unseen: np.ndarray  # the IDF of a term no item has, as a 1-element array (float64)
    items: int


@dataclass(frozen=True)
class Arrays:
    """A whole index: two scorers, where each item comes from, and the words for query lookups."""

    vocabulary: list[str]  # term id -> stem
    sentences: Scorer  # evidence sentences, each with its neighbours' words at a lower weight
    documents: Scorer  # whole documents
    doc_of: np.ndarray  # item -> document number in the corpus (int32), ascending
    sentence_of: np.ndarray  # item -> its position in the document's sentence list (int32)
    surface_words: list[str]  # every word read, in order of first appearance ...
    surface_stems: list[str]  # ... and its stem
    lowercase: list[str]  # words the corpus writes in lower case somewhere ("only" is; "texas" is not)


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


def _scorer(postings: Postings, vocabulary: list[str], k1: float, b: float, totals: Totals | None = None) -> Scorer:
    """Postings sorted by term, with the length-normalised factors; computed in place, pieces released early.

    ``totals``: the whole corpus's figures, for a shard of it; else this index's own.
    """
    lengths = postings.lengths
    n = len(lengths)
    terms_in_all = len(vocabulary)
    avg = totals.avg if totals else (float(lengths.mean()) if n else 0.0) or 1.0  # an empty document: no 0/0
    order = np.argsort(postings.terms, kind="stable")  # by term; items ascending within a term
    starts = np.searchsorted(postings.terms[order], np.arange(terms_in_all + 1)).astype(np.int64)
    postings.terms = np.zeros(0, np.int32)
    ids = postings.items[order]
    postings.items = ids
    factors = postings.tfs[order]
    postings.tfs = factors
    del order
    norm = k1 * (1 - b + b * lengths / avg) if n else lengths
    denominator = norm[ids]  # tf * (k1 + 1) / (tf + norm), as before, without a temporary per step
    denominator += factors
    factors *= k1 + 1
    factors /= denominator
    del denominator
    if totals is None:
        idf, unseen = _idf(n, postings.df)
    else:
        idf, unseen = np.array([totals.idf(t) for t in vocabulary], np.float64), np.array([totals.unseen], np.float64)
    return Scorer(ids, factors, starts, idf, unseen, n)


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
    return Arrays(
        vocabulary,
        sentences,
        documents,
        np.repeat(np.arange(len(positions), dtype=np.int32), [len(p) for p in positions]),
        np.concatenate(positions).astype(np.int32) if positions else np.zeros(0, np.int32),
        list(merger.surface),
        list(merger.surface.values()),
        sorted(merger.lowercase),
    )


# ---------------------------------------------------------------- on disk


class IndexStore(Protocol):
    """Keeps an index between runs (:class:`factcheck.cache.Cache`)."""

    def parts(self, path: str) -> DocumentTerms | None:
        """The document's index parts as read (each given once: the index is built from them once), if known."""
        ...

    def index(self, settings: str, documents: list[str], make: Callable[[], Arrays]) -> Arrays:
        """The index kept for these documents (paths, in order) and settings; else ``make()``, kept for next time."""
        ...


_LISTS = ("vocabulary", "surface_words", "surface_stems", "lowercase")


def save(arrays: Arrays, folder: Path, key: str) -> None:
    """The index as .npy files and one JSON of word lists, in a folder that appears whole or not at all."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=folder.parent))
    try:
        for name, value in _flat_arrays(arrays).items():
            np.save(tmp / f"{name}.npy", value, allow_pickle=False)
        words = {name: getattr(arrays, name) for name in _LISTS}
        meta = {"format": FORMAT, "key": key, "items": [arrays.sentences.items, arrays.documents.items], **words}
        (tmp / "words.json").write_text(json.dumps(meta, separators=(",", ":")), encoding="utf-8")
        old = folder.with_name(f".old-{os.getpid()}")
        if folder.exists():
            os.replace(folder, old)
        os.replace(tmp, folder)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _flat_arrays(arrays: Arrays) -> dict[str, np.ndarray]:
    out = {"doc_of": arrays.doc_of, "sentence_of": arrays.sentence_of}
    for prefix, scorer in (("s", arrays.sentences), ("d", arrays.documents)):
        for f in fields(Scorer):
            if f.name != "items":
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
    # plain views of the mappings: np.memmap's own indexing costs a Python call per slice
    flat = {p.stem: np.load(p, mmap_mode="r", allow_pickle=False).view(np.ndarray) for p in folder.glob("*.npy")}
    scorers = []
    for prefix, items in zip("sd", meta["items"], strict=True):
        given: dict[str, Any] = {f.name: flat[f"{prefix}_{f.name}"] for f in fields(Scorer) if f.name != "items"}
        scorers.append(Scorer(**given, items=int(items)))
    arrays = Arrays(
        meta["vocabulary"],
        scorers[0],
        scorers[1],
        flat["doc_of"],
        flat["sentence_of"],
        meta["surface_words"],
        meta["surface_stems"],
        meta["lowercase"],
    )
    _check(arrays)
    return arrays


def _check(a: Arrays) -> None:
    """The shapes fit together (a truncated or mixed-up folder is not searched)."""
    terms = len(a.vocabulary)
    for scorer in (a.sentences, a.documents):
        if len(scorer.starts) != terms + 1 or len(scorer.idf) != terms or len(scorer.ids) != len(scorer.factors):
            raise ValueError("postings do not fit the vocabulary")
        if scorer.starts[-1] != len(scorer.ids) or scorer.unseen.shape != (1,):
            raise ValueError("postings do not fit their starts")
    if len(a.doc_of) != a.sentences.items or len(a.sentence_of) != a.sentences.items:
        raise ValueError("items do not fit their documents")
    if len(a.surface_words) != len(a.surface_stems):
        raise ValueError("words do not fit their stems")
