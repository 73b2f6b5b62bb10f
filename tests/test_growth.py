"""Growth: conflicts and verify stay near linear, and blocking loses no comparable pair below its bounds.

Times are compared as ratios between sizes of one run, never against absolute seconds. For 4x
the input, linear work takes ~4x the time and all-pairs work ~16x; the bound (GROWTH_BOUND) sits
between them with room for a busy machine, so it fails on quadratic growth, not on noise.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from factcheck import Catalogue, Claim, Corpus, from_texts
from factcheck.analysis import Analysis
from factcheck.api import conflicts, verify
from factcheck.disagreements import Stories, comparable_pair, prepare, statements_for
from factcheck.disagreements.blocking import candidate_pairs
from factcheck.disagreements.grouping import _buckets
from factcheck.settings import ConflictSettings

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from corpus import Synthetic

GROWTH_BOUND = 10.0


def _best(fn: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def _document(n: int) -> Corpus:
    return from_texts({"report.txt": "\n".join(Synthetic().sentences(n))})


def _files(n: int) -> Corpus:
    return from_texts({f"f{i}.txt": s for i, s in enumerate(Synthetic().sentences(n))})


def test_conflicts_over_one_document_grow_near_linearly() -> None:
    small, large = _document(500), _document(2000)
    ratio = _best(lambda: conflicts(large)) / _best(lambda: conflicts(small))
    assert ratio < GROWTH_BOUND, f"4x the statements took {ratio:.1f}x the time"


def test_conflicts_over_one_line_files_grow_near_linearly() -> None:
    small, large = _files(400), _files(1600)
    ratio = _best(lambda: conflicts(large)) / _best(lambda: conflicts(small))
    assert ratio < GROWTH_BOUND, f"4x the files took {ratio:.1f}x the time"


def test_verify_grows_near_linearly_with_the_claims() -> None:
    corpus = _document(1000)
    texts = Synthetic(seed=3).sentences(800)
    small = Catalogue([Claim(f"c{i}", t) for i, t in enumerate(texts[:200])])
    large = Catalogue([Claim(f"c{i}", t) for i, t in enumerate(texts)])
    ratio = _best(lambda: verify(large, corpus), 2) / _best(lambda: verify(small, corpus), 2)
    assert ratio < GROWTH_BOUND, f"4x the claims took {ratio:.1f}x the time"


def _copies_and_paraphrases() -> Corpus:
    """Statements where copies share no content word, and generic figures, beside synthetic ones."""
    texts = {f"s{i}.txt": s for i, s in enumerate(Synthetic(seed=5).sentences(300))}
    texts.update(
        {
            "a.txt": "There were 142 agencies.",
            "b.txt": "There were 150 agencies.",
            "c.txt": "The program had 142 agencies.",
            "d.txt": "The programme had 148 agencies.",
            "e.txt": "About 100 agencies joined the program.",
            "f.txt": "Some 300 agencies joined the program.",
        }
    )
    return from_texts(texts)


def _candidates(n: int) -> tuple[int, int]:
    """(statements, candidate pairs) over one synthetic document of ``n`` sentences."""
    statements = statements_for(Analysis(_document(n)), None)
    settings = ConflictSettings()
    prepare(statements, settings)
    return len(statements), sum(len(candidate_pairs(statements, m, settings)) for m in _buckets(statements))


def test_candidate_pairs_grow_linearly_with_the_statements() -> None:
    """A bounded number of partners per statement: 8x the statements, about 8x the pairs.

    Counted, not timed, so no noise: the index of every shared word proposed 8 pairs per
    statement at 1,000 and 56 at 8,000 (quadratic); blocking now proposes 7-8 at both.
    """
    settings = ConflictSettings()
    (n_small, small), (n_large, large) = _candidates(1000), _candidates(8000)
    assert large / n_large < 1.5 * small / n_small, (
        f"pairs per statement {small / n_small:.1f} -> {large / n_large:.1f}"
    )
    bound = 2 * settings.partners + 2 * settings.copy_window  # proposals per statement
    assert large <= n_large * bound


def test_blocking_keeps_every_comparable_pair() -> None:
    """Every pair comparable_pair accepts is among the pairs blocking offers (checked against all pairs):
    no statement here has more partners, nor a word more postings, than blocking's bounds."""
    analysis = Analysis(_copies_and_paraphrases())
    claims = Catalogue([Claim("x", "There were 150 agencies."), Claim("y", "The program had 148 agencies.")])
    statements = statements_for(analysis, claims)
    settings = ConflictSettings()
    prepare(statements, settings)
    stories = Stories(analysis)
    for members in _buckets(statements):
        offered = set(candidate_pairs(statements, members, settings))
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                if comparable_pair(statements[i], statements[j], settings, stories):
                    assert (i, j) in offered, (statements[i].sentence, statements[j].sentence)


def test_a_groups_severity_weighs_a_bounded_number_of_pairs() -> None:
    """A group of g statements, all values apart: at most g x severity_partners pairs, not g^2 / 2."""
    from factcheck.disagreements.grouping import _disagreeing_pairs

    partners = ConflictSettings().severity_partners
    texts = {f"d{i}.txt": f"The valley program had {100 + 7 * i} partner agencies." for i in range(600)}
    group = statements_for(Analysis(from_texts(texts)), None)
    pairs = list(_disagreeing_pairs(group))
    assert len(pairs) <= len(group) * partners < len(group) * (len(group) - 1) // 2
    assert len(set(pairs)) == len(pairs) and all(i < j for i, j in pairs)


def test_the_per_text_caches_keep_a_bounded_number_of_texts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Memory: an Analysis keeps the quantities and words of the last TEXTS_KEPT texts, not every text read;
    what it returns does not depend on what it kept."""
    from factcheck import analysis as analysis_module

    monkeypatch.setattr(analysis_module, "TEXTS_KEPT", 8)
    corpus = _document(60)
    kept = Analysis(corpus)
    surface: dict[str, str] = {}
    sentences = [s for d in corpus.documents for s in d.sentences]
    for sentence in sentences + sentences[:5]:  # the first five again, long evicted
        assert kept.quantities(sentence) == analysis_module.extract(sentence.text)
        assert kept.content_words(sentence) == analysis_module._content(sentence.text, surface)
    assert kept._quantities.cache_info().currsize == kept._content.cache_info().currsize == 8
    assert kept.surface == surface  # readable forms as first read, evictions or not
