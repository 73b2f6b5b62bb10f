"""A worker's share of the corpus: documents read, split, indexed and searched where they stay.

This module runs on the cluster's workers and imports no Dask: :mod:`factcheck.cluster.session`
submits its functions, whose arguments and results are plain values. A shard is a contiguous run
of the corpus's documents in reading order, so (shard, position) orders sentences as the one-process
index numbers them, and ties between equal scores break the same way.

What a shard sends back is small (counts, maxima, candidates, a few documents); the documents,
their sentences and the index stay in the worker's memory, held by the client as futures.
"""

from __future__ import annotations

import os
import socket
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from factcheck.analysis import Analysis
from factcheck.corpus import Corpus, Document, Unreadable
from factcheck.corpus.load import read_documents
from factcheck.disagreements import Statement, document_statements, sentence_words
from factcheck.disagreements.similarity import document_bags
from factcheck.disagreements.statements import article_key
from factcheck.retrieval import Hit, Index
from factcheck.retrieval.bm25 import ranked
from factcheck.retrieval.parts import DocumentTerms, Merger, document_terms
from factcheck.retrieval.postings import Arrays, Totals, Updater
from factcheck.settings import RetrievalSettings

BUILT: list[tuple[int, int]] = []  # (shard, documents) of every shard read in this process: where the work ran
_SCORING = threading.Lock()  # an index's score buffers serve one query at a time (a worker may run tasks in threads)


@dataclass
class Shard:
    """Documents read on this worker (with their index parts when ``verify`` will search them)."""

    number: int
    corpus: Corpus
    files: list[Document | str]  # per file given: the document without its sentences, or why it was skipped
    missing: str | None = None  # a file (or the folder) this worker cannot see
    host: str = ""
    parts: dict[str, DocumentTerms] = field(default_factory=dict)  # path -> index parts, for verify


class _Parts:
    """The shard's parts as a store gives them to the index (each once); nothing kept between runs."""

    def __init__(self, parts: dict[str, DocumentTerms]):
        self._parts = parts

    def parts(self, path: str) -> DocumentTerms | None:
        return self._parts.pop(path, None)

    def index(self, settings: str, documents: list[str], make: Callable[[], Arrays], update: Updater) -> Arrays:
        return make()


def _here() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _invisible(folder: Path, rels: list[str]) -> str | None:
    """The first of the client's files this worker cannot see: the folder is not shared with it."""
    if not folder.is_dir():
        return f"{folder}{os.sep}"
    return next((rel for rel in rels if not os.path.lexists(folder / rel)), None)


def stub(doc: Document) -> Document:
    """What the client keeps of a document: its path, date and warnings; not its sentences."""
    return Document(doc.path, [], doc.date, doc.date_text, list(doc.notes))


def _shard(number: int, root: Path, got: list[Document | Unreadable], context: float | None) -> Shard:
    documents = [d for d in got if isinstance(d, Document)]
    corpus = Corpus(root, documents)
    parts = {}
    if context is not None:  # verify: each document's index parts, as the cache would hold them
        parts = {d.path: document_terms(d, context) for d in documents}
    BUILT.append((number, len(documents)))
    files: list[Document | str] = [stub(d) if isinstance(d, Document) else str(d) for d in got]
    return Shard(number, corpus, files, host=_here(), parts=parts)


def read_files(number: int, root: str, rels: list[str], context: float | None) -> Shard:
    """The files (relative to ``root``, which every worker must see at the same path), read and split
    as the one-process reader does; with index parts when ``context`` (the neighbour weight) is given."""
    folder = Path(root)
    missing = _invisible(folder, rels)
    if missing is not None:
        return Shard(number, Corpus(folder, []), [], missing, _here())
    return _shard(number, folder, read_documents(folder, [folder / rel for rel in rels]), context)


def of_documents(number: int, documents: list[Document], context: float | None) -> Shard:
    """Documents the client read (the snapshots of cited URLs), shipped to a worker."""
    return _shard(number, Path("."), list(documents), context)


@dataclass(frozen=True)
class Summary:
    """What the client learns of a shard once: its files, and the counts the corpus-wide figures sum."""

    number: int
    host: str
    files: list[Document | str]
    missing: str | None
    sent_lengths: np.ndarray
    sent_df: dict[str, int]
    doc_lengths: np.ndarray
    doc_df: dict[str, int]


def summary(shard: Shard) -> Summary:
    """The shard's files, and (when indexed) its sentences' and documents' lengths and document frequencies."""
    empty = np.zeros(0, np.float64)
    parts = [shard.parts[d.path] for d in shard.corpus.documents if d.path in shard.parts]
    if not parts:
        return Summary(shard.number, shard.host, shard.files, shard.missing, empty, {}, empty, {})
    merger = Merger()
    for part in parts:
        merger.add(part)
    terms = list(merger.vocabulary)
    sentences, documents = merger.sentences(), merger.documents()
    return Summary(
        shard.number,
        shard.host,
        shard.files,
        shard.missing,
        sentences.lengths,
        _present(terms, sentences.df),
        documents.lengths,
        _present(terms, documents.df),
    )


def _present(terms: list[str], df: np.ndarray) -> dict[str, int]:
    """Document frequencies by term, of the terms some item has."""
    return {t: d for t, d in zip(terms, df.tolist(), strict=True) if d}


# ---------------------------------------------------------------- verify: searching


@dataclass
class Searcher:
    """A shard's index, weighing terms by the whole corpus's figures."""

    number: int
    index: Index


@dataclass(frozen=True)
class CorpusTotals:
    """The figures BM25 weighs by, of the whole corpus: reduced once on the client, sent to every worker."""

    sentences: Totals
    documents: Totals


def index(shard: Shard, totals: CorpusTotals, settings: RetrievalSettings) -> Searcher:
    """The shard's index, weighing by the whole corpus's totals rather than its own."""
    corpus = Corpus(shard.corpus.root, shard.corpus.documents)
    found = Index(Analysis(corpus), settings, (totals.sentences, totals.documents), _Parts(shard.parts))
    shard.parts = {}  # merged into the index: the parts need not outlive the read shard
    return Searcher(shard.number, found)


@dataclass(frozen=True)
class Query:
    """A claim as every shard searches it: its text (for its figures), its terms, its named sources."""

    claim: str
    terms: Counter[str]
    sources: list[str] | None


@dataclass(frozen=True)
class Lookups:
    """Per word the corpus lacks: the closest word here (ratio, the word, its stem);
    and which of the claims' words this shard writes in lower case somewhere."""

    nearest: dict[str, tuple[float, str, str]]
    common: set[str]


def lookups(searcher: Searcher, unknown: list[str], lowered: list[str]) -> Lookups:
    index = searcher.index
    nearest = {}
    for word in unknown:
        best = index.nearest(word)
        if best is not None:
            nearest[word] = (float(best[1]), best[0], index.stem_of(best[0]))
    return Lookups(nearest, {w for w in lowered if index.is_common_word(w)})


@dataclass(frozen=True)
class Scores:
    """A query's candidates on a shard, scored once and kept on the worker between the two rounds."""

    candidates: np.ndarray  # sentence positions in the shard
    values: np.ndarray  # their BM25
    doc_values: np.ndarray | None  # their document's BM25, when the document's match counts
    top_document: float  # the best document's BM25 here, over every document the query touches (0: none)

    @property
    def best(self) -> float | None:
        return float(self.values.max()) if self.candidates.size else None


def scores(searcher: Searcher, queries: list[Query]) -> list[Scores]:
    """Each query scored over the shard (the postings its terms touch), as the one-process index scores it."""
    with _SCORING:
        return [_scores(searcher.index, q) for q in queries]


def _scores(index: Index, q: Query) -> Scores:
    return Scores(*index.first_stage(q.terms, q.sources))


def maxima(scored: list[Scores]) -> list[tuple[float | None, float]]:
    """Per query: the best candidate's BM25 here (None: no candidate) and the best document's."""
    return [(s.best, s.top_document) for s in scored]


@dataclass(frozen=True)
class Candidate:
    """A sentence in a shard's shortlist: its combined score before and after the number bonus, where it stands."""

    combined: float
    reranked: float
    shard: int
    position: int
    hit: Hit


def shortlists(
    searcher: Searcher, scored: list[Scores], queries: list[Query], best: list[tuple[float, float] | None]
) -> list[list[Candidate]]:
    """Per query, the shard's ``pool`` best sentences ranked by the corpus-wide ``best`` scores (None: skip)."""
    index = searcher.index
    settings = index.settings
    out: list[list[Candidate]] = []
    for q, found, top in zip(queries, scored, best, strict=True):
        if top is None or found.candidates.size == 0:
            out.append([])
            continue
        shortlist, combined = ranked(
            found.candidates, found.values, top[0], found.doc_values, top[1] or 1.0, settings.document, settings.pool
        )
        before = dict(combined)
        index.agreeing_numbers(q.claim, shortlist, combined)
        out.append([Candidate(before[i], combined[i], searcher.number, i, index.hit(q.terms, i)) for i in shortlist])
    return out


def documents(searcher: Searcher, paths: list[str]) -> list[Document]:
    """Whole documents the verdicts read (date, lede, names), by path."""
    wanted = set(paths)
    return [d for d in searcher.index.analysis.corpus.documents if d.path in wanted]


# ---------------------------------------------------------------- conflicts: statements


@dataclass(frozen=True)
class Told:
    """A shard's statements, each document's words (for stories), and the readable form of each stem,
    first from the sentences' words, then from the statements' phrases (the order a run reads them)."""

    statements: list[Statement]
    paths: list[str]
    bags: list[Counter[str]]
    articles: list[bytes]  # each document's article key: the client finds copies across shards
    surface_read: dict[str, str]
    surface_phrases: dict[str, str]


def statements(shard: Shard) -> Told:
    analysis = Analysis(shard.corpus)
    sentence_words(analysis)
    read = dict(analysis.surface)
    found = document_statements(analysis)
    phrases = {k: v for k, v in analysis.surface.items() if k not in read}
    paths = [d.path for d in shard.corpus.documents]
    keys = [article_key(d) for d in shard.corpus.documents]
    return Told(found, paths, document_bags(analysis), keys, read, phrases)
