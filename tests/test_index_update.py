"""A saved index updated for a few changed documents is the index a new build makes, to the bit.

Term numbering differs (new terms come last); everything else is compared exactly: per term
(by its stem), each scorer's postings, factors, counts, IDF and document frequency; the items'
documents, positions and lengths; the sorted word lists and their counts. And a search over
the updated index returns what one over a new build returns.
"""

from __future__ import annotations

import os
import random
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from factcheck.analysis import Analysis
from factcheck.cache.index import changes
from factcheck.cache.load import load_cached
from factcheck.cache.store import Cache
from factcheck.corpus import load_corpus
from factcheck.retrieval import Index, bm25
from factcheck.retrieval.postings import Arrays, Scorer
from factcheck.settings import RetrievalSettings

OLD = 1_600_000_000


def _scorer(vocabulary: list[str], scorer: Scorer) -> dict[str, Any]:
    per_term = {}
    for t, term in enumerate(vocabulary):
        lo, hi = int(scorer.starts[t]), int(scorer.starts[t + 1])
        per_term[term] = (
            scorer.ids[lo:hi].tolist(),
            scorer.factors(lo, hi).tolist(),
            scorer.own[lo:hi].tolist(),
            scorer.near[lo:hi].tolist(),
            float(scorer.idf[t]),
            int(scorer.df[t]),
        )
    return {
        "terms": per_term,
        "lengths": scorer.lengths.tolist(),
        "norm": scorer.norm.tolist(),
        "unseen": float(scorer.unseen[0]),
        "n": scorer.items,
        "weights": (scorer.context, scorer.k1),
    }


def _canonical(a: Arrays) -> dict[str, Any]:
    """Everything of an index but its term numbering, as plain values."""
    return {
        "sentences": _scorer(a.vocabulary, a.sentences),
        "documents": _scorer(a.vocabulary, a.documents),
        "vocabulary": sorted(a.vocabulary),
        "doc_of": a.doc_of.tolist(),
        "sentence_of": a.sentence_of.tolist(),
        "surface": (a.surface_words, a.surface_stems, a.surface_counts.tolist()),
        "lowercase": (a.lowercase, a.lowercase_counts.tolist()),
    }


@pytest.fixture
def folder(tmp_path: Path, wice_slice: Path) -> Path:
    docs = tmp_path / "docs"
    shutil.copytree(wice_slice / "docs", docs)
    for path in docs.iterdir():
        os.utime(path, (OLD, OLD))
    return docs


def _cached_index(docs: Path, cache: Path, monkeypatch: pytest.MonkeyPatch, may_build: bool) -> Arrays:
    if not may_build:

        def refuse(*args: object, **kwargs: object) -> Arrays:
            raise AssertionError("built the index instead of updating it")

        monkeypatch.setattr(bm25, "build", refuse)
    corpus, store = load_cached(docs, cache, RetrievalSettings().context)
    assert isinstance(store, Cache)
    arrays = bm25.index_arrays(corpus, RetrievalSettings(), store=store)
    store.settle()  # saved by a thread: the next run must find it
    monkeypatch.undo()
    return arrays


def _fresh_index(docs: Path) -> Arrays:
    return bm25.index_arrays(load_corpus(docs), RetrievalSettings())


def test_an_updated_index_is_a_new_build(folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    first = _cached_index(folder, cache, monkeypatch, may_build=True)
    assert _canonical(first) == _canonical(_fresh_index(folder))
    pages = sorted(folder.iterdir())
    # an edit that brings words no page had and drops the page's own rare words
    pages[3].write_text("Zyxquaffle statistics: 12,345 glorptions were counted in 2031.\n", encoding="utf-8")
    pages[7].unlink()  # a deletion
    pages[11].rename(folder / ("renamed-" + pages[11].name))  # a rename: the old name gone, a new one
    (folder / "aaa-new.txt").write_text("A new first page. It says 17 agencies joined.\n", encoding="utf-8")
    updated = _cached_index(folder, cache, monkeypatch, may_build=False)
    fresh = _fresh_index(folder)
    assert "zyxquaffl" in updated.vocabulary and "zyxquaffle" in updated.surface_words
    assert _canonical(updated) == _canonical(fresh)
    gone = set(first.vocabulary) - set(fresh.vocabulary)
    assert gone and not gone & set(updated.vocabulary)  # the edited page's own terms are gone from both

    corpus = load_corpus(folder)
    analysis = Analysis(corpus)
    old_way = Index(analysis)
    monkeypatch.setattr(bm25, "index_arrays", lambda corpus, settings, totals=None, store=None: updated)
    new_way = Index(analysis)
    for claim in ("17 agencies joined", "glorptions counted in 2031", "the population of the town in 2010"):
        assert new_way.search(claim, k=5) == old_way.search(claim, k=5)


def test_an_update_is_planned_only_when_it_pays() -> None:
    before = [("a", "1"), ("b", "2"), ("c", "3"), ("d", "4")]
    assert changes(before, [("a", "1"), ("b", "9"), ("c", "3"), ("d", "4")]) == ([0, -1, 2, 3], [1])
    assert changes(before, [("a", "1"), ("c", "3"), ("d", "4"), ("e", "5")]) == ([0, 2, 3, -1], [1])
    assert changes(before, before) is None  # nothing to update
    assert changes(before, [("a", "7"), ("b", "8"), ("c", "9"), ("d", "4")]) is None  # most changed: build
    assert changes(before, [("b", "2"), ("a", "1"), ("c", "3"), ("d", "4")]) is None  # order changed


def test_a_corpus_where_every_word_is_new_still_matches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(4):
        (docs / f"p{i}.txt").write_text(f"Page {i} says {i + 10} things about topic{i}.\n", encoding="utf-8")
    cache = tmp_path / "cache"
    _cached_index(docs, cache, monkeypatch, may_build=True)
    (docs / "p2.txt").write_text("Completely different wording, nothing shared.\n", encoding="utf-8")
    updated = _cached_index(docs, cache, monkeypatch, may_build=False)
    assert _canonical(updated) == _canonical(_fresh_index(docs))
    assert np.all(np.diff(updated.documents.starts) > 0)  # no term left without a document


def _random_text(r: random.Random) -> str:
    words = [
        "apple",
        "banana",
        "cherry",
        "date",
        "elder",
        "fig",
        "grape",
        "honey",
        "iris",
        "jade",
        "kiwi",
        "lemon",
        "mango",
        "nut",
        "olive",
        "pear",
    ]
    lines = [
        " ".join(r.choice(words[: r.randint(2, len(words))]) for _ in range(r.randint(1, 12))).capitalize() + "."
        for _ in range(r.randint(0, 6))
    ]
    if r.random() < 0.2:
        lines.append(" ".join(["pear"] * r.randint(200, 400)) + ".")  # counts past a byte
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("seed", range(3))
def test_random_updates_of_a_saved_index_equal_a_new_build(
    seed: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Random corpora edited, cut and grown: the saved index (memory-mapped, its pages let go of as the update
    reads them, in blocks of a few postings) updated equals a new build, dtypes too; from no document as well."""
    from factcheck.corpus.load import parse_document
    from factcheck.retrieval import postings, saved, update
    from factcheck.retrieval.parts import document_terms

    monkeypatch.setattr(update, "MERGE_BLOCK", 3)
    r = random.Random(seed)
    k1, b, context = 1.2, 0.35, 0.15

    def terms(name: str, text: str) -> Any:
        return document_terms(parse_document(name, text.encode()), context)

    for case in range(40):
        docs = [(f"d{i}.txt", _random_text(r)) for i in range(r.randint(0, 6))]
        parts = [terms(*d) for d in docs]
        saved.save(postings.build(iter(parts), k1, b), tmp_path / f"i{case}", "k")
        base = saved.load(tmp_path / f"i{case}")
        now = [(p, t, j) if r.random() < 0.7 else (p, _random_text(r), -1) for j, (p, t) in enumerate(docs)]  # edited
        now = [d for d in now if r.random() < 0.85]
        for k in range(r.randint(0, 2)):
            now.insert(r.randint(0, len(now)), (f"n{k}.txt", _random_text(r), -1))
        kept = [j for _, _, j in now]
        removed = {j: parts[j] for j in range(len(docs)) if j not in kept}
        added = {q: terms(p, t) for q, (p, t, j) in enumerate(now) if j < 0}
        updated = update.update(base, kept, removed, added, k1, b)
        fresh = postings.build(iter([terms(p, t) for p, t, _ in now]), k1, b)
        assert _canonical(updated) == _canonical(fresh), case
        for got, want in ((updated.sentences, fresh.sentences), (updated.documents, fresh.documents)):
            assert (got.own.dtype, got.near.dtype) == (want.own.dtype, want.near.dtype), case
        assert _canonical(saved.load(tmp_path / f"i{case}")) == _canonical(base), case  # pages let go, not lost
