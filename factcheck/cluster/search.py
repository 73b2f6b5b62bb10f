"""``verify`` on a cluster: the shards search, the client merges and judges; the verdicts are a local run's.

Why the results are the same, to the byte:

* BM25 weighs by corpus-wide figures (document frequencies, item count, average length). Each
  shard sends its counts once; the client sums them (the averages from the lengths in reading
  order, as one process computes them) and sends the totals back; every shard then scores its
  sentences exactly as the one-process index would.
* A claim's terms need the whole vocabulary: the client knows every stem from the summed
  frequencies; a word the corpus lacks goes to each shard's closest word, and the best wins, ties
  to the first read (shards are runs of documents in reading order).
* The ranking divides by the best candidate's and the best document's score. Round one: each
  shard scores a batch of claims (the scores stay on the worker) and sends its maxima per claim;
  the client takes the largest. Round two: each shard ranks its candidates under those
  (:func:`~factcheck.retrieval.bm25.ranked`, as the one process does) and sends its ``pool``
  best, with the number bonus; the client merges them by (score, shard, position), which is the
  one process's order, re-ranks by the bonus as it does, and keeps the best ``k``.
* The verdict step reads the documents of those hits (date, lede, names) and whether the corpus
  writes a word in lower case: the shards send exactly those, and the run's judge reads them unchanged.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from factcheck.analysis import Analysis
from factcheck.api import Progress, claims_to_judge
from factcheck.catalogue import Catalogue, Claim
from factcheck.cluster import shard
from factcheck.cluster.load import Sharded
from factcheck.cluster.session import Session
from factcheck.context import RunContext
from factcheck.corpus import Corpus, Document
from factcheck.judges import Case
from factcheck.reports import VerifyReport
from factcheck.retrieval import Hit
from factcheck.retrieval.bm25 import query_terms
from factcheck.retrieval.postings import Totals
from factcheck.verdicts import ClaimResult
from factcheck.words import SURFACE_TOKEN, stem, words

BATCH = 32  # claims per round trip: bounds the scores a worker keeps between rounds, the documents the client holds


def reduce_totals(summaries: list[shard.Summary]) -> shard.CorpusTotals:
    """The corpus-wide figures from each shard's counts: frequencies summed, lengths averaged in reading order."""
    return shard.CorpusTotals(
        Totals.of(_joined([s.sent_lengths for s in summaries]), _summed([s.sent_df for s in summaries])),
        Totals.of(_joined([s.doc_lengths for s in summaries]), _summed([s.doc_df for s in summaries])),
    )


def _joined(arrays: list[np.ndarray]) -> np.ndarray:
    return np.concatenate(arrays) if arrays else np.zeros(0, np.float64)


def _summed(counts: list[dict[str, int]]) -> dict[str, int]:
    total: dict[str, int] = {}
    for df in counts:
        for term, d in df.items():
            total[term] = total.get(term, 0) + d
    return total


class _Words:
    """The vocabulary a judge asks: terms weighed by the corpus-wide totals, and whether a word is written
    in lower case somewhere in the corpus (as the shards answered for the batch's claims)."""

    def __init__(self, totals: Totals, batch: _Batch):
        self.totals = totals
        self._common, self._asked = batch.common, batch.asked

    def term_weight(self, term: str) -> float:
        return self.totals.idf(term)

    def is_common_word(self, word: str) -> bool:
        lower = word.lower()
        if lower not in self._asked:
            raise RuntimeError(f"the shards were not asked whether the corpus writes {lower!r}")
        return lower in self._common


@dataclass
class _Batch:
    claims: list[Claim]
    queries: list[shard.Query]
    common: set[str]
    asked: set[str]


class Searchers:
    """Every shard's index on its worker, and the corpus-wide totals they weigh by."""

    def __init__(self, session: Session, sharded: Sharded, context: RunContext):
        self.session = session
        self.context = context
        self.settings = settings = context.settings
        self.totals = reduce_totals(sharded.summaries)
        sent = session.everywhere(self.totals)
        self.futures = [session.on(i, shard.index, f, sent, settings.retrieval) for i, f in enumerate(sharded.shards)]

    def each(self, function: Any, *args: Any) -> list[Any]:
        """``function(searcher, *args)`` on every shard, where it lives; the answers in shard order."""
        return self.session.gather([self.session.on(i, function, f, *args) for i, f in enumerate(self.futures)])

    def batch(self, claims: list[Claim]) -> _Batch:
        """The claims' queries; the closest words for those the corpus lacks and the words' case, from the shards."""
        vocabulary = self.totals.documents.df
        unknown = sorted(
            {w for c in claims for w in words(c.text) if not (stem(w) in vocabulary or w.isdigit() or len(w) < 5)}
        )
        asked = {m.group(0).lower() for c in claims for m in SURFACE_TOKEN.finditer(c.text)}
        found: list[shard.Lookups] = self.each(shard.lookups, unknown, sorted(asked))
        nearest = _nearest(found)
        queries = [
            shard.Query(c.text, query_terms(c.text, vocabulary.__contains__, nearest.get), c.documents) for c in claims
        ]
        return _Batch(claims, queries, set().union(*(f.common for f in found)), asked)

    def hits(self, batch: _Batch, k: int) -> list[list[Hit]]:
        """Round one: each shard scores the claims (kept there) and sends its maxima, the largest kept;
        round two: each shard's best under those, merged."""
        scored = [self.session.on(i, shard.scores, f, batch.queries) for i, f in enumerate(self.futures)]
        per_shard = self.session.gather([self.session.on(i, shard.maxima, f) for i, f in enumerate(scored)])
        best = [_best(column) for column in zip(*per_shard, strict=True)]
        found: list[list[list[shard.Candidate]]] = self.session.gather(
            [
                self.session.on(i, shard.shortlists, f, scores, batch.queries, best)
                for i, (f, scores) in enumerate(zip(self.futures, scored, strict=True))
            ]
        )
        pool = self.settings.retrieval.pool
        return [_merged([c for per in column for c in per], pool, k) for column in zip(*found, strict=True)]


def _nearest(found: list[shard.Lookups]) -> dict[str, str]:
    """Per unknown word, the closest vocabulary word's stem: the best ratio, then the first in alphabetical order
    (as one process picks it from its sorted word list)."""
    best: dict[str, tuple[float, str, str]] = {}
    for lookups in found:
        for word, (ratio, spelling, word_stem) in lookups.nearest.items():
            key = (-ratio, spelling, word_stem)
            if word not in best or key < best[word]:
                best[word] = key
    return {word: key[2] for word, key in best.items()}


def _best(maxima: tuple[tuple[float | None, float], ...]) -> tuple[float, float] | None:
    """The corpus-wide best candidate's and best document's scores; None when no shard has a candidate."""
    sentences = [m for m, _ in maxima if m is not None]
    return (max(sentences), max(d for _, d in maxima)) if sentences else None


def _merged(candidates: list[shard.Candidate], pool: int, k: int) -> list[Hit]:
    """The one process's ``pool`` best (ties by position), re-ranked by agreeing numbers (stable), cut to ``k``."""
    candidates.sort(key=lambda c: (-c.combined, c.shard, c.position))
    shortlist = sorted(candidates[:pool], key=lambda c: c.reranked, reverse=True)
    return [c.hit for c in shortlist[:k]]


def _batches(claims: list[Claim]) -> Iterator[list[Claim]]:
    for start in range(0, len(claims), BATCH):
        yield claims[start : start + BATCH]


@dataclass
class _Searched:
    """A batch searched on the shards: its hits per claim, and the documents they come from."""

    batch: _Batch
    hits: list[list[Hit]]
    documents: list[Document]


def _searched(searchers: Searchers, claims: list[Claim], k: int) -> _Searched:
    batch = searchers.batch(claims)
    hits = searchers.hits(batch, k)
    paths = sorted({h.sentence.doc for found in hits for h in found})
    documents = [d for part in searchers.each(shard.documents, paths) for d in part]
    return _Searched(batch, hits, documents)


def _judged(searchers: Searchers, root: Path, found: _Searched, top: int) -> list[ClaimResult]:
    """A searched batch judged here, on the documents its evidence comes from."""
    analysis = Analysis(Corpus(root, found.documents))
    cases = [Case(claim, hits) for claim, hits in zip(found.batch.claims, found.hits, strict=True)]
    words = _Words(searchers.totals.sentences, found.batch)
    return searchers.context.judge.judge(cases, words, analysis, top)


def _pipelined(searchers: Searchers, claims: list[Claim], k: int) -> Iterator[_Searched]:
    """The batches searched in order, the next one on the cluster while this one is judged here
    (one ahead: the client holds the documents of two batches at most)."""
    batches = list(_batches(claims))
    with ThreadPoolExecutor(max_workers=1) as pool:
        ahead = pool.submit(_searched, searchers, batches[0], k) if batches else None
        for following in [*batches[1:], None]:
            assert ahead is not None
            current = ahead.result()
            ahead = pool.submit(_searched, searchers, following, k) if following else None
            yield current


def verify_sharded(
    session: Session,
    catalogue: Catalogue,
    sharded: Sharded,
    context: RunContext,
    *,
    top: int = 3,
    only: set[str] | None = None,
    progress: Progress | None = None,
) -> VerifyReport:
    """``api.verify`` with the corpus on the cluster's workers."""
    corpus = sharded.corpus
    selected = claims_to_judge(catalogue, [d.path for d in corpus.documents], top, only)
    searchers = Searchers(session, sharded, context)
    sharded.shards = []  # the workers drop the read shards once indexed (the indexes keep the documents)
    k = context.judge.wanted(top)
    results: list[ClaimResult] = []
    for found in _pipelined(searchers, selected, k):
        results.extend(_judged(searchers, corpus.root, found, top))
        if progress:
            progress(len(results), len(selected))
    return VerifyReport(catalogue.path, corpus.root, results, list(corpus.warnings), total_claims=len(catalogue.claims))
