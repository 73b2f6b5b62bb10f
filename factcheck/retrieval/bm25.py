"""Finding the sentences that speak to a claim.

Plain fuzzy string similarity cannot find evidence in an open corpus: long sentences
sharing a few common words outscore the one sharing the rare ones. So ranking is term
weighted first (BM25 over stemmed words), and then refined:

* the sentence's neighbours lend it a little of their words, so "By April ... there
  were 142." is found for "142 agencies by April 2022";
* how well the sentence's whole document matches the claim counts too;
* numbers that agree with the claim's count;
* rapidfuzz forgives typos and inflections a stemmer misses, by mapping claim words
  absent from the corpus to their closest vocabulary word.

The score shown to users (0-100) is coverage: the share of the claim's term weight
(IDF) the sentence carries, its own words counting fully and its neighbours' partly.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from factcheck.analysis import Analysis
from factcheck.corpus import Corpus, Document, Sentence
from factcheck.quantities import compatible, extract
from factcheck.retrieval.base import Hit
from factcheck.retrieval.parts import DocumentTerms, document_terms, merge
from factcheck.settings import RetrievalSettings
from factcheck.words import stem, tokens, words


def _terms_of(corpus: Corpus, doc: Document, context: float) -> DocumentTerms:
    """The document's parts as the cache gave them, when made with this neighbour weight; else computed."""
    cached = corpus.terms.get(doc.path)
    if cached is not None and cached.context == context:
        return cached
    return document_terms(doc, context)


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


class _BM25:
    """An inverted-index BM25 over bags of (possibly fractional) term counts.

    The postings are one compressed table (CSR): per term a slice of item ids (int32)
    and of term-frequency factors already normalised for length (float64), so a query is
    one scatter-add per term. A query touches only its terms' postings: scores are
    summed in a buffer kept between queries, and only the touched items are reset.
    """

    def __init__(
        self,
        postings: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
        vocabulary: dict[str, int],
        df: dict[str, int],
        k1: float,
        b: float,
        totals: Totals | None = None,
    ):
        items, terms, tfs, lengths = postings
        self.n = n = len(lengths)
        self.totals = whole = totals or Totals.of(lengths, df)  # a shard's: the whole corpus's
        avg = whole.avg
        order = np.argsort(terms, kind="stable")  # by term; items ascending within a term
        self.ids = items[order]
        tfs = tfs[order]
        norm = k1 * (1 - b + b * lengths / avg) if n else lengths
        self.factors = tfs * (k1 + 1) / (tfs + norm[self.ids])
        self.starts = np.searchsorted(terms[order], np.arange(len(vocabulary) + 1)).astype(np.int64)
        self.vocabulary = vocabulary
        self._idf = {t: whole.weight(d) for t, d in whole.df.items()}
        self._idf_unseen = whole.unseen
        self.buffer = np.zeros(n, dtype=np.float64)

    def idf(self, term: str) -> float:
        return self._idf.get(term, self._idf_unseen)

    def knows(self, term: str) -> bool:
        return term in self.vocabulary

    def accumulate(self, query: Counter[str]) -> np.ndarray:
        """BM25 of the items sharing a term with the query, into :attr:`buffer`; their ids, ascending.

        Call :meth:`clear` with the ids before the next query.
        """
        touched = []
        for term, qtf in query.items():
            t = self.vocabulary.get(term)
            if t is not None:
                lo, hi = self.starts[t], self.starts[t + 1]
                ids = self.ids[lo:hi]
                self.buffer[ids] += self.idf(term) * qtf * self.factors[lo:hi]
                touched.append(ids)
        return np.unique(np.concatenate(touched)) if touched else np.zeros(0, dtype=np.int32)

    def clear(self, touched: np.ndarray) -> None:
        self.buffer[touched] = 0.0


def query_terms(text: str, knows: Callable[[str], bool], nearest: Callable[[str], str | None]) -> Counter[str]:
    """Stemmed claim terms; a word the corpus lacks (``knows``) maps to its ``nearest`` vocabulary word's stem."""
    q: Counter[str] = Counter()
    for w in words(text):
        st = stem(w)
        if knows(st) or w.isdigit() or len(w) < 5:
            q[st] += 1
            continue
        q[nearest(w) or st] += 1
    return q


class Index:
    """All evidence-eligible sentences of a corpus, ready to be searched.

    Built from each document's :class:`~factcheck.retrieval.parts.DocumentTerms`: the ones the
    corpus carries (read from the cache) where they were made with these settings, else computed.
    """

    def __init__(
        self,
        analysis: Analysis,
        settings: RetrievalSettings | None = None,
        totals: tuple[Totals, Totals] | None = None,  # sentences', documents': a shard's, of the whole corpus
    ):
        self.settings = s = settings or RetrievalSettings()
        self.analysis = analysis
        self.sentences: list[Sentence] = []
        self._spans: dict[str, list[tuple[int, int]]] = defaultdict(list)  # a document's sentences: [start, end)
        doc_of = []
        parts = []
        for d_index, doc in enumerate(analysis.corpus.documents):
            start = len(self.sentences)
            self.sentences.extend(x for x in doc.sentences if x.evidence)
            self._spans[doc.path].append((start, len(self.sentences)))
            doc_of.append(np.full(len(self.sentences) - start, d_index, dtype=np.int32))
            parts.append(_terms_of(analysis.corpus, doc, s.context))
        merged = merge(parts)
        self._sent = _BM25(
            (merged.sent_items, merged.sent_terms, merged.sent_tfs, merged.sent_lengths),
            merged.vocabulary,
            merged.sent_df,
            s.k1,
            s.b,
            totals[0] if totals else None,
        )
        self._doc = _BM25(
            (merged.doc_items, merged.doc_terms, merged.doc_tfs, merged.doc_lengths),
            merged.vocabulary,
            merged.doc_df,
            s.k1,
            s.b,
            totals[1] if totals else None,
        )
        self._surface = merged.surface
        # Vocabulary for typo-forgiving lookups, bucketed by first letter to keep them cheap.
        self._vocab: dict[str, list[str]] = defaultdict(list)
        for w in merged.surface:
            if len(w) >= 4 and not w[0].isdigit():
                self._vocab[w[0]].append(w)
        self._doc_of = np.concatenate(doc_of) if doc_of else np.zeros(0, np.int32)

    def _neighbours(self, i: int) -> list[Sentence]:
        """The sentences before and after sentence i in its document (evidence or not)."""
        sent = self.sentences[i]
        around = self.analysis.corpus.documents[int(self._doc_of[i])].sentences
        return [around[j] for j in (sent.index - 1, sent.index + 1) if 0 <= j < len(around)]

    # ---------------------------------------------------------------- query

    def _query(self, text: str) -> Counter[str]:
        """Stemmed claim terms; words the corpus lacks map to their nearest vocabulary word."""
        return query_terms(text, self._doc.knows, self._nearest_stem)

    def nearest(self, word: str) -> tuple[str, float, int] | None:
        """The vocabulary word closest to ``word`` (word, ratio, rank among those of its first letter), if close."""
        candidates = self._vocab.get(word[0], [])
        best: tuple[str, float, int] | None = process.extractOne(
            word, candidates, scorer=fuzz.ratio, score_cutoff=self.settings.fuzzy_cutoff
        )
        return best

    def _nearest_stem(self, word: str) -> str | None:
        best = self.nearest(word)
        return self._surface[best[0]] if best else None

    def term_weight(self, term: str) -> float:
        return self._sent.idf(term)

    def coverage(self, query: Counter[str], i: int) -> float:
        """Share (0-100) of the claim's IDF weight found in sentence i; neighbours count half."""
        total = 0.0
        got = 0.0
        own = set(tokens(self.sentences[i].text))
        ctx = {t for x in self._neighbours(i) for t in tokens(x.text)}
        for term in query:
            w = self._sent.idf(term)
            total += w
            if term in own:
                got += w
            elif term in ctx:
                got += self.settings.neighbour_coverage * w
        return 100.0 * got / total if total else 0.0

    def allowed(self, sources: list[str] | None) -> np.ndarray | None:
        if sources is None:
            return None
        spans = [span for path in dict.fromkeys(sources) for span in self._spans.get(path, [])]
        return np.concatenate([np.arange(a, b, dtype=np.int64) for a, b in spans]) if spans else np.zeros(0, np.int64)

    def search(self, claim: str, k: int = 3, sources: list[str] | None = None) -> list[Hit]:
        """The best ``k`` sentences for a claim, best first."""
        query = self._query(claim)
        touched = self._sent.accumulate(query)
        try:
            shortlist, combined = self._shortlist(query, touched, sources)
        finally:
            self._sent.clear(touched)
        if not shortlist:
            return []
        self.agreeing_numbers(claim, shortlist, combined)
        return [self.hit(query, i) for i in shortlist[:k]]

    def agreeing_numbers(self, claim: str, shortlist: list[int], combined: dict[int, float]) -> None:
        """A bonus per claim figure a candidate's numbers agree with, and the shortlist sorted again (stable)."""
        s = self.settings
        claim_numbers = [q for q in extract(claim) if not q.is_date]
        if claim_numbers and s.numbers:
            for i in shortlist:
                found = self.analysis.quantities(self.sentences[i])
                agree = sum(1 for c in claim_numbers if any(compatible(c, x) for x in found))
                combined[i] += s.numbers * agree / len(claim_numbers)
            shortlist.sort(key=combined.__getitem__, reverse=True)

    def hit(self, query: Counter[str], i: int) -> Hit:
        return Hit(self.sentences[i], round(self.coverage(query, i), 1), self._neighbours(i))

    def candidates(self, touched: np.ndarray, sources: list[str] | None) -> np.ndarray:
        """The sentences in the running after :meth:`_BM25.accumulate`: those scored, of the named sources if any."""
        sent_scores = self._sent.buffer
        allowed = self.allowed(sources)
        found: np.ndarray = touched[sent_scores[touched] != 0] if allowed is None else allowed[sent_scores[allowed] > 0]
        return found

    def weighs_document(self, sources: list[str] | None) -> bool:
        """Whether the document's match counts: not when the claim names a single document."""
        return bool(self.settings.document) and (sources is None or len(sources) > 1)

    def _shortlist(
        self, query: Counter[str], touched: np.ndarray, sources: list[str] | None
    ) -> tuple[list[int], dict[int, float]]:
        """The ``pool`` best sentences by BM25 with the document's match, and their combined scores."""
        s = self.settings
        sent_scores = self._sent.buffer
        candidates = self.candidates(touched, sources)
        if candidates.size == 0:
            return [], {}
        values = sent_scores[candidates]
        doc_values, top_doc = None, 1.0
        if self.weighs_document(sources):
            docs = self._doc.accumulate(query)
            doc_scores = self._doc.buffer
            top_doc = (doc_scores[docs].max() if docs.size else 0.0) or 1.0
            doc_values = doc_scores[self._doc_of[candidates]]
            self._doc.clear(docs)
        return ranked(candidates, values, values.max(), doc_values, top_doc, s.document, s.pool)


def ranked(
    candidates: np.ndarray,
    values: np.ndarray,
    top: float,
    doc_values: np.ndarray | None,
    top_doc: float,
    document: float,
    pool: int,
) -> tuple[list[int], dict[int, float]]:
    """The ``pool`` best candidates, best first (ties by position), and their combined scores: BM25 over the
    best candidate's (``top``), plus ``document`` times their document's match over the best document's.

    A shard of a cluster (:mod:`factcheck.cluster`) passes the whole corpus's ``top`` and ``top_doc``.
    """
    combined_values = values / top
    if doc_values is not None:
        combined_values += document * doc_values / top_doc
    order = np.lexsort((candidates, -combined_values))[:pool]  # best first; ties by position
    shortlist = [int(i) for i in candidates[order]]
    return shortlist, {i: float(v) for i, v in zip(shortlist, combined_values[order], strict=True)}
