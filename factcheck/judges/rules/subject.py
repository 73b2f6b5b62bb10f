"""Which of two disagreeing sentences speaks of the claim's subject.

A sentence that agrees with the claim's figures and one that clashes with them make a dispute only
when both speak of what the claim speaks of. A careful reader sets aside the one that lacks what
the claim is about where the other has it: the 2 bytes of ``pd_checksum`` say nothing of
``pd_lsn``'s 8; quicklz 1.5.0's speed says nothing of zstd 1.5.1's.
"""

from __future__ import annotations

from factcheck.alignment import Part, Window
from factcheck.lang import Language
from factcheck.settings import VerdictSettings
from factcheck.verdicts import CONTRADICTS, NEUTRAL, SUPPORTS, Evidence


def another_subject(judged: list[Evidence], parts: list[Part], language: Language, thresholds: VerdictSettings) -> None:
    """Supporting and contradicting sentences both: each sentence is weighed by the claim's names and words
    it says (each word by its weight, figures aside). A sentence is set aside (neutral, "another subject")
    when the other side's best sentence says claim words it lacks that outweigh those it says and that
    sentence lacks, by ``subject_margin``: it speaks of another thing. Where every sentence of both sides
    would be set aside, nothing is: the dispute stands."""
    sides = {side: [e for e in judged if e.stance == side] for side in (SUPPORTS, CONTRADICTS)}
    if not all(sides.values()):
        return
    words = [p for p in parts if p.kind in ("name", "word")]
    said = {id(e): _said(e, words, language, thresholds) for e in (*sides[SUPPORTS], *sides[CONTRADICTS])}
    best = {side: max(es, key=lambda e: _weight(said[id(e)])) for side, es in sides.items()}
    distinct = _distinct_names(words)
    aside = []
    for side, other in ((SUPPORTS, CONTRADICTS), (CONTRADICTS, SUPPORTS)):
        theirs = said[id(best[other])]
        for e in sides[side]:
            ours = said[id(e)]
            if _outweighed(theirs - ours, ours - theirs, distinct, thresholds):
                aside.append((e, [p.text for p in words if p in theirs - ours]))
    if len(aside) == len(sides[SUPPORTS]) + len(sides[CONTRADICTS]):
        return
    for e, lacks in aside:
        e.stance, e.reason = NEUTRAL, f"another subject: lacks {', '.join(dict.fromkeys(lacks))}"


def _distinct_names(words: list[Part]) -> frozenset[Part]:
    """The claim's names that weigh at least the mean of its names and words: rare in the documents, so they say
    what the claim is about ("MD5"), where a name most of them say ("bzip2" in bzip2's manual) does not."""
    if not words:
        return frozenset()
    mean = sum(p.weight for p in words) / len(words)
    return frozenset(p for p in words if p.kind == "name" and p.weight >= mean)


def _outweighed(
    lacks: frozenset[Part], says: frozenset[Part], distinct: frozenset[Part], thresholds: VerdictSettings
) -> bool:
    """Whether what a sentence lacks of the other side's outweighs what it says that the other lacks. Distinct
    names come before words (:func:`_distinct_names`): a sentence lacking one the other says, and saying none the
    other lacks, speaks of another thing whatever words it has ("This paper ... 1.2 CPU cycles per byte" against
    "MD5 computation takes 6.8-7.1 CPU cycles/byte", for "In the paper, MD5 needs roughly 7 CPU cycles per
    byte"); and the reverse keeps it. Otherwise the weights decide, by ``subject_margin``."""
    lacks_name, says_name = bool(lacks & distinct), bool(says & distinct)
    if lacks_name != says_name:
        return lacks_name
    return _weight(lacks) > _weight(says) + thresholds.subject_margin


def _said(e: Evidence, words: list[Part], language: Language, thresholds: VerdictSettings) -> frozenset[Part]:
    """The claim's names and words the sentence says by itself (not its neighbours: a table's row stands beside
    rows of other things)."""
    alone = Window.of([e.sentence.text], [], language=language)
    return frozenset(p for p in words if alone.backs_word(p, thresholds))


def _weight(parts: frozenset[Part]) -> float:
    return sum(p.weight for p in parts)
