"""How alike two statements, or two documents, are: cosines of IDF-weighted word vectors."""

from __future__ import annotations

import math
from collections import Counter, defaultdict

import numpy as np
import numpy.typing as npt

from factcheck.analysis import Analysis
from factcheck.disagreements.model import Statement
from factcheck.disagreements.statements import Reading, read_documents_once

Vector = dict[str, float]
Matrix = npt.NDArray[np.float32]


def unit_vector(weights: Vector) -> Vector:
    norm = math.sqrt(sum(v * v for v in weights.values())) or 1.0
    return {w: v / norm for w, v in weights.items()}


def dot(a: Vector, b: Vector) -> float:
    """Cosine of two unit vectors, walking the shorter one."""
    small, big = (a, b) if len(a) <= len(b) else (b, a)
    return sum(v * big.get(w, 0.0) for w, v in small.items())


def statement_cosine(a: Statement, b: Statement) -> float:
    """How alike two vectorised statements' words are (see :func:`vectorise`)."""
    return dot(a.vector, b.vector)


def vectorise(statements: list[Statement], phrase_weight: float) -> None:
    """IDF-weighted, length-normalised word vectors; words of the counted phrase weigh more.

    Document frequency counts sources (sentences and claims), not statements, so a
    sentence with three figures does not triple its words' frequency.
    """
    per_source: dict[tuple[str, int], set[str]] = defaultdict(set)
    for st in statements:
        per_source[st.key].update(st.words.keys())
    df: Counter[str] = Counter()
    for vocabulary in per_source.values():
        df.update(vocabulary)
    n = max(len(per_source), 1)
    done: dict[tuple[tuple[str, int], int], Vector] = {}  # a statement's copies share its vector
    for st in statements:
        found = done.get((st.key, st.position))
        if found is None:
            vec: Vector = {}
            for w, count in st.words.items():
                boost = phrase_weight if w in st.phrase_words else 1.0
                vec[w] = boost * (1 + math.log(count)) * math.log(1 + n / df[w])
            found = done[(st.key, st.position)] = unit_vector(vec)
        st.vector = found


def _shared_word_products(vectors: list[Vector], shared: dict[str, int]) -> Matrix:
    """All pairs' cosines at once, over the words more than one document has."""
    dense = np.zeros((len(vectors), len(shared)), dtype=np.float32)
    for i, vec in enumerate(vectors):
        for w, v in vec.items():
            j = shared.get(w)
            if j is not None:
                dense[i, j] = v
    products: Matrix = dense @ dense.T
    return products


def document_bags(analysis: Analysis) -> list[Counter[str]]:
    """Each document's words: those of its evidence sentences, in reading order."""
    return [
        Counter(w for s in d.sentences if s.evidence for w in analysis.content_words(s))
        for d in analysis.corpus.documents
    ]


class Stories:
    """How alike two documents are: sources can only disagree if they cover one story.

    Documents of one story (the five 287(g) articles) are 0.17-0.24 alike; unrelated web
    pages (WiCE) 0.04 at the median and under 0.12 for 99% of pairs. Past the all-pairs
    matrix's size, a pair's cosine is computed when first asked, over sorted word ids, and
    kept. A page copied under another name is one article: one vector, counted once.
    """

    MAX_CELLS = 25_000_000  # documents x shared words for the all-pairs matrix; lazier beyond
    MAX_DOCUMENTS = 2_000  # the matrix is documents x documents (16 MB at 2,000): lazier beyond, memory stays linear

    def __init__(self, analysis: Analysis):
        reading = read_documents_once(analysis)
        self._of_bags(reading.articles, reading.bags, reading.article_of)

    @classmethod
    def of_reading(cls, reading: Reading) -> Stories:
        """From one pass over the documents (:func:`read_documents_once`): each article's words (a page copied
        is one article)."""
        return cls.of_bags(reading.articles, reading.bags, reading.article_of)

    @classmethod
    def of_bags(cls, paths: list[str], bags: list[Counter[str]], article_of: dict[str, str]) -> Stories:
        """From each article's words (evidence sentences', in reading order) and each document's article:
        a cluster's shards send these."""
        stories = cls.__new__(cls)
        stories._of_bags(paths, bags, article_of)
        return stories

    def _of_bags(self, paths: list[str], bags: list[Counter[str]], article_of: dict[str, str]) -> None:
        """``bags`` are used up: each is let go of once its row is made, so the bags and the vectors made
        from them are not all held at once."""
        df: Counter[str] = Counter()
        for bag in bags:
            df.update(bag.keys())
        n = max(len(bags), 1)
        row = {path: i for i, path in enumerate(paths)}
        self._row = {path: row[article] for path, article in article_of.items()}
        # Words in one document only add nothing to any pair: the matrix needs the shared ones.
        shared = {w: j for j, w in enumerate(w for w, d in df.items() if d > 1)}
        dense = len(bags) * len(shared) <= self.MAX_CELLS and len(bags) <= self.MAX_DOCUMENTS
        vectors: list[Vector] = []  # kept for the all-pairs matrix only
        self._sparse: list[SparseRow] = []
        for i, bag in enumerate(bags):
            vector = unit_vector({w: (1 + math.log(c)) * math.log(1 + n / df[w]) for w, c in bag.items()})
            bags[i] = Counter()
            self._sparse.append(_sparse_row(vector, shared))
            if dense:
                vectors.append(vector)
        self._matrix: Matrix | None = _shared_word_products(vectors, shared) if dense else None
        self._cache: dict[tuple[int, int], float] = {}

    def similarity(self, a: str, b: str) -> float:
        """Cosine of two documents' words, from the matrix or computed once per pair."""
        i, j = self._row[a], self._row[b]
        if self._matrix is not None:
            return float(self._matrix[i, j])
        key = (i, j) if i < j else (j, i)
        found = self._cache.get(key)
        if found is None:
            (ia, va), (ib, vb) = self._sparse[key[0]], self._sparse[key[1]]
            _, x, y = np.intersect1d(ia, ib, assume_unique=True, return_indices=True)
            found = self._cache[key] = float(np.dot(va[x], vb[y]))
        return found

    def same_story(self, a: Statement, b: Statement, threshold: float) -> bool:
        """Claims speak of the corpus's story; two documents must share theirs."""
        if a.doc is None or b.doc is None or a.article == b.article:
            return True
        return self.similarity(a.doc, b.doc) >= threshold


SparseRow = tuple[npt.NDArray[np.int32], npt.NDArray[np.float64]]


def _sparse_row(vector: Vector, shared: dict[str, int]) -> SparseRow:
    """A document's shared words as sorted ids, and their weights."""
    pairs = sorted((shared[w], v) for w, v in vector.items() if w in shared)
    return np.array([p[0] for p in pairs], np.int32), np.array([p[1] for p in pairs], np.float64)
