"""Finding the sentences that speak to a claim.

Plain fuzzy string similarity cannot find evidence in an open corpus: long sentences
sharing a few common words outscore the one sharing the rare ones. So ranking is term
weighted first (BM25 over stemmed words), and then refined:

* the sentence's neighbours lend it a little of their words, so "By April ... there
  were 142." is found for "142 agencies by April 2022";
* how well the sentence's whole document matches the claim counts too;
* numbers that back the claim's ("212 rangers" for 212 rangers; not "more than 40 rangers",
  nor "212 visitors");
* rapidfuzz forgives typos and inflections a stemmer misses, by mapping claim words
  absent from the corpus to their closest vocabulary word.

The score shown to users (0-100) is coverage: the share of the claim's term weight
(IDF) the sentence carries, its own words counting fully and its neighbours' partly.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable

import numpy as np
from rapidfuzz import fuzz, process

from factcheck.analysis import Analysis
from factcheck.corpus import Corpus, Document, Sentence
from factcheck.quantities import Quantity, entails, extract
from factcheck.retrieval.base import Hit
from factcheck.retrieval.parts import DocumentTerms, document_terms
from factcheck.retrieval.postings import Arrays, IndexStore, Scorer, Totals, build
from factcheck.retrieval.update import update
from factcheck.settings import RetrievalSettings
from factcheck.words import stem, tokens, words


def _terms_of(store: IndexStore | None, doc: Document, context: float) -> DocumentTerms:
    """The document's parts as the cache gave them, when made with this neighbour weight; else computed."""
    cached = store.parts(doc.path) if store is not None else None
    if cached is not None and cached.context == context:
        return cached
    return document_terms(doc, context)


def index_arrays(
    corpus: Corpus,
    settings: RetrievalSettings,
    totals: tuple[Totals, Totals] | None = None,
    store: IndexStore | None = None,
) -> Arrays:
    """The corpus's index: from the store that read it (the cache) when it kept one for these documents.

    ``totals``: the whole corpus's figures, when this corpus is a shard of it (never kept).
    """
    s = settings

    def make() -> Arrays:
        return build((_terms_of(store, doc, s.context) for doc in corpus.documents), s.k1, s.b, totals)

    def updated(base: Arrays, kept: list[int], removed: dict[int, DocumentTerms]) -> Arrays:
        docs = corpus.documents
        added = {q: _terms_of(store, docs[q], s.context) for q, j in enumerate(kept) if j < 0}
        return update(base, kept, removed, added, s.k1, s.b)

    if store is None or totals is not None:
        return make()
    return store.index(f"{s.context!r}|{s.k1!r}|{s.b!r}", [d.path for d in corpus.documents], make, updated)


class _BM25:
    """One scorer's postings with a score buffer kept between queries.

    A query is one scatter-add per term into the buffer; the items it touched are the
    buffer's nonzero entries (every posting adds a positive amount), and only they are
    reset afterwards.
    """

    def __init__(self, scorer: Scorer, vocabulary: dict[str, int], totals: Totals | None = None):
        self.scorer = scorer
        self.vocabulary = vocabulary
        self.totals = totals  # a shard's: the whole corpus's, which also weigh terms this shard lacks
        self.buffer = np.zeros(scorer.items, dtype=np.float64)
        self._unseen = float(scorer.unseen[0])

    def idf(self, term: str) -> float:
        if self.totals is not None:
            return self.totals.idf(term)
        t = self.vocabulary.get(term)
        return self._unseen if t is None else float(self.scorer.idf[t])

    def knows(self, term: str) -> bool:
        return term in self.vocabulary

    def accumulate(self, query: Counter[str]) -> np.ndarray:
        """BM25 of the items sharing a term with the query, into :attr:`buffer`; their ids, ascending.

        Call :meth:`clear` with the ids before the next query.
        """
        sc = self.scorer
        for term, qtf in query.items():
            t = self.vocabulary.get(term)
            if t is not None:
                lo, hi = sc.starts[t], sc.starts[t + 1]
                self.buffer[sc.ids[lo:hi]] += float(sc.idf[t]) * qtf * sc.factors(lo, hi)
        return np.flatnonzero(self.buffer != 0.0)  # numpy finds the set entries of a boolean array ~5x faster

    def clear(self, touched: np.ndarray) -> None:
        self.buffer[touched] = 0.0


def _best_first(values: np.ndarray, items: np.ndarray, k: int) -> np.ndarray:
    """Positions of the ``k`` highest values, best first, ties by item; without sorting all of them."""
    if len(values) > k:
        cut = np.partition(values, len(values) - k)[len(values) - k]
        keep = np.flatnonzero(values >= cut)
        order = np.lexsort((items[keep], -values[keep]))[:k]
        return keep[order]
    return np.lexsort((items, -values))[:k]


class Index:
    """All evidence-eligible sentences of a corpus, ready to be searched.

    Built from each document's :class:`~factcheck.retrieval.parts.DocumentTerms` (see
    :func:`index_arrays`); an item is an evidence sentence, known by its document's number
    and its position there, so the index holds no sentence objects of its own.
    """

    def __init__(
        self,
        analysis: Analysis,
        settings: RetrievalSettings | None = None,
        totals: tuple[Totals, Totals] | None = None,  # sentences', documents': a shard's, of the whole corpus
        store: IndexStore | None = None,  # where the documents' parts and the saved index are (the cache)
    ):
        self.settings = s = settings or RetrievalSettings()
        self.analysis = analysis
        self.documents = analysis.corpus.documents
        self.arrays = a = index_arrays(analysis.corpus, s, totals, store)
        vocabulary = {t: i for i, t in enumerate(a.vocabulary)}
        self._sent = _BM25(a.sentences, vocabulary, totals[0] if totals else None)
        self._doc = _BM25(a.documents, vocabulary, totals[1] if totals else None)
        self._doc_of = a.doc_of
        self._lowercase = set(a.lowercase)
        self._surface: dict[str, str] | None = None
        self._vocab: dict[str, list[str]] | None = None
        self._doc_start: np.ndarray | None = None
        self._numbers: dict[str, list[int]] = defaultdict(list)  # path -> document numbers (made on first use)

    def __len__(self) -> int:
        return self.arrays.sentences.items

    def sentence(self, i: int) -> Sentence:
        """Item ``i``: its document's sentence at its position."""
        return self.documents[int(self._doc_of[i])].sentences[int(self.arrays.sentence_of[i])]

    def is_common_word(self, word: str) -> bool:
        """Whether the corpus writes this word in lower case somewhere: "Only" is, "Texas" is not."""
        return word.lower() in self._lowercase

    def _neighbours(self, i: int) -> list[Sentence]:
        """The sentences before and after sentence i in its document (evidence or not)."""
        sent = self.sentence(i)
        around = self.documents[int(self._doc_of[i])].sentences
        return [around[j] for j in (sent.index - 1, sent.index + 1) if 0 <= j < len(around)]

    # ---------------------------------------------------------------- query

    def _query(self, text: str) -> Counter[str]:
        """Stemmed claim terms; words the corpus lacks map to their nearest vocabulary word."""
        return query_terms(text, self._doc.knows, self._nearest_stem)

    def nearest(self, word: str) -> tuple[str, float, int] | None:
        """The vocabulary word closest to ``word`` (word, ratio, rank among those of its first letter), if close;
        of equally close ones, the first in alphabetical order."""
        candidates = self._spellings().get(word[0], [])
        best: tuple[str, float, int] | None = process.extractOne(
            word, candidates, scorer=fuzz.ratio, score_cutoff=self.settings.fuzzy_cutoff
        )
        return best

    def _nearest_stem(self, word: str) -> str | None:
        best = self.nearest(word)
        return self.stem_of(best[0]) if best else None

    def _spellings(self) -> dict[str, list[str]]:
        """Vocabulary for typo-forgiving lookups, bucketed by first letter to keep them cheap (made on first use)."""
        if self._vocab is None:
            self._vocab = defaultdict(list)
            for w in self.arrays.surface_words:
                if len(w) >= 4 and not w[0].isdigit():
                    self._vocab[w[0]].append(w)
        return self._vocab

    def stem_of(self, word: str) -> str:
        """The stem of a word of the vocabulary, as the index read it."""
        if self._surface is None:
            self._surface = dict(zip(self.arrays.surface_words, self.arrays.surface_stems, strict=True))
        return self._surface[word]

    def term_weight(self, term: str) -> float:
        return self._sent.idf(term)

    def coverage(self, query: Counter[str], i: int) -> float:
        """Share (0-100) of the claim's IDF weight found in sentence i; neighbours count half."""
        total = 0.0
        got = 0.0
        own = set(tokens(self.sentence(i).text))
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
        if self._doc_start is None:
            self._doc_start = np.searchsorted(self._doc_of, np.arange(len(self.documents) + 1))
            for d, doc in enumerate(self.documents):
                self._numbers[doc.path].append(d)
        start = self._doc_start
        ranges = [(start[d], start[d + 1]) for path in dict.fromkeys(sources) for d in self._numbers.get(path, [])]
        return np.concatenate([np.arange(a, b, dtype=np.int64) for a, b in ranges]) if ranges else np.zeros(0, np.int64)

    def search(self, claim: str, k: int = 3, sources: list[str] | None = None) -> list[Hit]:
        """The best ``k`` sentences for a claim, best first."""
        query = self._query(claim)
        shortlist, combined = self._shortlist(query, sources)
        if not shortlist:
            return []
        self.agreeing_numbers(claim, shortlist, combined)
        return [self.hit(query, i) for i in shortlist[:k]]

    def agreeing_numbers(self, claim: str, shortlist: list[int], combined: dict[int, float]) -> None:
        """A bonus per claim figure a candidate's numbers back (:func:`backs`), and the shortlist sorted again
        (stable)."""
        s = self.settings
        claim_numbers = [q for q in extract(claim, language=self.analysis.language) if not q.is_date]
        if claim_numbers and s.numbers:
            for i in shortlist:
                found = self.analysis.quantities(self.sentence(i))
                agree = sum(1 for c in claim_numbers if any(backs(x, c) for x in found))
                combined[i] += s.numbers * agree / len(claim_numbers)
            shortlist.sort(key=combined.__getitem__, reverse=True)

    def hit(self, query: Counter[str], i: int) -> Hit:
        return Hit(self.sentence(i), round(self.coverage(query, i), 1), self._neighbours(i))

    def candidates(self, touched: np.ndarray, sources: list[str] | None) -> np.ndarray:
        """The sentences in the running after :meth:`_BM25.accumulate` (all scored), of the named sources if any."""
        allowed = self.allowed(sources)
        return touched if allowed is None else allowed[self._sent.buffer[allowed] > 0]

    def weighs_document(self, sources: list[str] | None) -> bool:
        """Whether the document's match counts: not when the claim names a single document."""
        return bool(self.settings.document) and (sources is None or len(sources) > 1)

    def first_stage(
        self, query: Counter[str], sources: list[str] | None
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray | None, float]:
        """The candidates (of the named sources, if any) and their BM25; their document's BM25 and the best
        document's over those the query touches (0: none), or None and 0 when the document's match does not
        count. A shard of a cluster sends these; one process ranks them at once."""
        touched = self._sent.accumulate(query)
        try:
            candidates = self.candidates(touched, sources)
            values = self._sent.buffer[candidates]
        finally:
            self._sent.clear(touched)
        if not self.weighs_document(sources):
            return candidates, values, None, 0.0
        docs = self._doc.accumulate(query)
        try:
            top = float(self._doc.buffer[docs].max()) if docs.size else 0.0
            return candidates, values, self._doc.buffer[self._doc_of[candidates]], top
        finally:
            self._doc.clear(docs)

    def _shortlist(self, query: Counter[str], sources: list[str] | None) -> tuple[list[int], dict[int, float]]:
        """The ``pool`` best sentences by BM25 with the document's match, and their combined scores."""
        s = self.settings
        candidates, values, doc_values, top_doc = self.first_stage(query, sources)
        if candidates.size == 0:
            return [], {}
        return ranked(candidates, values, values.max(), doc_values, top_doc or 1.0, s.document, s.pool)


def backs(x: Quantity, c: Quantity) -> bool:
    """Whether a sentence's figure backs the claim's: its value makes the claim's true, in that direction
    (212 backs "more than 40", not the reverse), and it does not count another named thing."""
    return entails(x, c) and (not c.unit or not x.unit or c.unit == x.unit)


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
    order = _best_first(combined_values, candidates, pool)
    shortlist = [int(i) for i in candidates[order]]
    return shortlist, {i: float(v) for i, v in zip(shortlist, combined_values[order], strict=True)}
