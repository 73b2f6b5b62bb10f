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
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import fuzz, process

from factcheck.analysis import Analysis
from factcheck.corpus import Document, Sentence
from factcheck.quantities import compatible, extract
from factcheck.retrieval.base import Hit
from factcheck.settings import RetrievalSettings
from factcheck.words import stem, words


class _BM25:
    """An inverted-index BM25 over bags of (possibly fractional) term counts.

    Each posting list is a pair of numpy arrays (sentence ids, term-frequency factors
    already normalised for length), so a query is one scatter-add per term rather than
    a Python loop over every posting.
    """

    def __init__(self, bags: list[dict[str, float]], df: Counter[str], k1: float, b: float):
        self.n = len(bags)
        lengths = np.array([sum(bag.values()) for bag in bags], dtype=np.float64)
        avg = float(lengths.mean()) if self.n else 0.0
        avg = avg or 1.0  # a corpus without a word (an empty document): no 0/0
        raw: dict[str, tuple[list[int], list[float]]] = defaultdict(lambda: ([], []))
        for i, bag in enumerate(bags):
            for term, tf in bag.items():
                ids, tfs = raw[term]
                ids.append(i)
                tfs.append(tf)
        norm = k1 * (1 - b + b * lengths / avg) if self.n else lengths
        self.postings: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        for term, (ids, tfs) in raw.items():
            id_arr = np.array(ids, dtype=np.int64)
            tf_arr = np.array(tfs, dtype=np.float64)
            self.postings[term] = (id_arr, tf_arr * (k1 + 1) / (tf_arr + norm[id_arr]))
        n = self.n
        self._idf = {t: math.log(1 + (n - d + 0.5) / (d + 0.5)) for t, d in df.items()}
        self._idf_unseen = math.log(1 + (n + 0.5) / 0.5)

    def idf(self, term: str) -> float:
        return self._idf.get(term, self._idf_unseen)

    def knows(self, term: str) -> bool:
        return term in self.postings

    def scores(self, query: Counter[str]) -> np.ndarray:
        """BM25 of every item for the query (zero where no term is shared)."""
        out = np.zeros(self.n, dtype=np.float64)
        for term, qtf in query.items():
            posting = self.postings.get(term)
            if posting is not None:
                ids, factors = posting
                out[ids] += self.idf(term) * qtf * factors
        return out


@dataclass
class _Bags:
    """The term bags BM25 is built from, gathered in one pass over the corpus."""

    docs: list[dict[str, float]] = field(default_factory=list)
    doc_df: Counter[str] = field(default_factory=Counter)
    sents: list[dict[str, float]] = field(default_factory=list)
    sent_df: Counter[str] = field(default_factory=Counter)
    stems: dict[str, str] = field(default_factory=dict)  # word -> stem, once per word

    def stemmed(self, text: str) -> list[str]:
        out = []
        for w in words(text):
            st = self.stems.get(w)
            if st is None:
                st = self.stems[w] = stem(w)
            out.append(st)
        return out


class Index:
    """All evidence-eligible sentences of a corpus, ready to be searched."""

    def __init__(self, analysis: Analysis, settings: RetrievalSettings | None = None):
        self.settings = s = settings or RetrievalSettings()
        self.analysis = analysis
        self.sentences: list[Sentence] = []
        self._neighbours: list[list[Sentence]] = []
        self._own: list[Counter[str]] = []
        self._ctx: list[Counter[str]] = []
        self.doc_of: list[int] = []
        bags = _Bags()
        for d_index, doc in enumerate(analysis.corpus.documents):
            self._add_document(d_index, doc, bags)
        self._sent = _BM25(bags.sents, bags.sent_df, s.k1, s.b)
        self._doc = _BM25(bags.docs, bags.doc_df, s.k1, s.b)
        self._surface = bags.stems
        # Vocabulary for typo-forgiving lookups, bucketed by first letter to keep them cheap.
        self._vocab: dict[str, list[str]] = defaultdict(list)
        for w in bags.stems:
            if len(w) >= 4 and not w[0].isdigit():
                self._vocab[w[0]].append(w)
        self._by_doc: dict[str, list[int]] = defaultdict(list)
        for i, sent in enumerate(self.sentences):
            self._by_doc[sent.doc].append(i)
        self._doc_of = np.array(self.doc_of, dtype=np.int64)

    def _add_document(self, d_index: int, doc: Document, bags: _Bags) -> None:
        """One document's bag, and a bag per evidence sentence: its words plus a share of its neighbours'."""
        doc_tokens = [bags.stemmed(x.text) for x in doc.sentences]
        doc_bag: Counter[str] = Counter()
        for toks in doc_tokens:
            doc_bag.update(toks)
        bags.docs.append(dict(doc_bag))
        bags.doc_df.update(doc_bag.keys())
        for i, sent in enumerate(doc.sentences):
            if not sent.evidence:
                continue
            own = Counter(doc_tokens[i])
            ctx: Counter[str] = Counter()
            neighbours = []
            for j in (i - 1, i + 1):
                if 0 <= j < len(doc.sentences):
                    ctx.update(doc_tokens[j])
                    neighbours.append(doc.sentences[j])
            bag: dict[str, float] = dict(own)
            for term, c in ctx.items():
                bag[term] = bag.get(term, 0.0) + self.settings.context * c
            bags.sent_df.update(own.keys())
            bags.sents.append(bag)
            self.sentences.append(sent)
            self._neighbours.append(neighbours)
            self._own.append(own)
            self._ctx.append(ctx)
            self.doc_of.append(d_index)

    # ---------------------------------------------------------------- query

    def _query(self, text: str) -> Counter[str]:
        """Stemmed claim terms; words the corpus lacks map to their nearest vocabulary word."""
        q: Counter[str] = Counter()
        for w in words(text):
            st = stem(w)
            if self._doc.knows(st) or w.isdigit() or len(w) < 5:
                q[st] += 1
                continue
            candidates = self._vocab.get(w[0], [])
            best = process.extractOne(w, candidates, scorer=fuzz.ratio, score_cutoff=self.settings.fuzzy_cutoff)
            q[self._surface[best[0]] if best else st] += 1
        return q

    def coverage(self, query: Counter[str], i: int) -> float:
        """Share (0-100) of the claim's IDF weight found in sentence i; neighbours count half."""
        total = 0.0
        got = 0.0
        own, ctx = self._own[i], self._ctx[i]
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
        out: list[int] = []
        for path in dict.fromkeys(sources):
            out.extend(self._by_doc.get(path, []))
        return np.array(out, dtype=np.int64)

    def search(self, claim: str, k: int = 3, sources: list[str] | None = None) -> list[Hit]:
        """The best ``k`` sentences for a claim, best first."""
        s = self.settings
        query = self._query(claim)
        allowed = self.allowed(sources)
        sent_scores = self._sent.scores(query)
        candidates = np.flatnonzero(sent_scores) if allowed is None else allowed[sent_scores[allowed] > 0]
        if candidates.size == 0:
            return []
        values = sent_scores[candidates]
        combined_values = values / values.max()
        if s.document and (sources is None or len(sources) > 1):
            doc_scores = self._doc.scores(query)
            top_doc = doc_scores.max() or 1.0
            combined_values += s.document * doc_scores[self._doc_of[candidates]] / top_doc
        order = np.lexsort((candidates, -combined_values))[: s.pool]  # best first; ties by position
        shortlist = [int(i) for i in candidates[order]]
        combined = {i: float(v) for i, v in zip(shortlist, combined_values[order], strict=True)}
        claim_numbers = [q for q in extract(claim) if not q.is_date]
        if claim_numbers and s.numbers:
            for i in shortlist:
                found = self.analysis.quantities(self.sentences[i])
                agree = sum(1 for c in claim_numbers if any(compatible(c, x) for x in found))
                combined[i] += s.numbers * agree / len(claim_numbers)
            shortlist.sort(key=combined.__getitem__, reverse=True)
        hits = []
        for i in shortlist[:k]:
            hits.append(Hit(self.sentences[i], round(self.coverage(query, i), 1), self._neighbours[i]))
        return hits
