"""The verdict checked part by part against its evidence window, and for denials.

``supported`` must mean every part of the claim (its figures, dates, names and words) is backed
by the window: the sentence the verdict rests on, its neighbours, the next best sentences of its
document, its lede and the headings they stand under. A denial or an opposite predicate in a
sentence that speaks of the claim turns the verdict to ``contradicted``.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from functools import cache
from itertools import chain

from factcheck.alignment import (
    Alignment,
    Part,
    Window,
    align,
    claim_parts,
    literal_word,
    unalike,
    with_like_words,
)
from factcheck.analysis import Analysis
from factcheck.catalogue import Claim, Verdict
from factcheck.corpus.html import is_row
from factcheck.judges.rules.figures import figure_backed
from factcheck.lang import ENGLISH, Language
from factcheck.polarity import CLAIM_DENIES, denial, may_gainsay, opposite, prospective
from factcheck.quantities import Quantity
from factcheck.quantities.time import When, claim_times, for_times, superseded
from factcheck.retrieval.base import Vocabulary
from factcheck.settings import VerdictSettings
from factcheck.verdicts import CONTRADICTS, NEUTRAL, SUPPORTS, Evidence

LEDE_SENTENCES = 3  # headline, dek and first line: what every sentence of a story is about


def deciding_sentence(verdict: Verdict, judged: list[Evidence]) -> Evidence | None:
    """The sentence the verdict rests on: the best supporting one, else the best contradicting, else the top hit."""
    for wanted in (SUPPORTS,) if verdict == "supported" else (CONTRADICTS,) if verdict == "contradicted" else ():
        best = [e for e in judged if e.stance == wanted]
        if best:
            return max(best, key=lambda e: e.score)
    return next((e for e in judged if not e.sentence.question), None)


def evidence_window(
    anchor: Evidence, judged: list[Evidence], analysis: Analysis, extra: int, times: list[When] | None = None
) -> Window:
    """The anchor, its neighbours, the next ``extra`` best sentences of its document, its lede, the headings
    they stand under (:func:`implied`: what a changelog's heading says of the items under it), and its
    document's file name (:func:`_named`); for a table's row, not the other rows.
    A figure its sentence dates for another time than the claim's ``times`` backs nothing."""
    same_doc = [e.sentence for e in judged if e is not anchor and e.doc == anchor.doc and not e.sentence.question][
        :extra
    ]
    around = [s for s in (*anchor.context, *analysis.lede(anchor.doc, LEDE_SENTENCES)) if not s.question]
    if is_row(anchor.sentence.text):  # a table's other rows are other things: their words back nothing of this one
        around, same_doc = [s for s in around if not is_row(s.text)], [s for s in same_doc if not is_row(s.text)]
    sentences = [anchor.sentence, *around, *same_doc]
    doc_date = analysis.dates.get(anchor.doc, (None, None))[0]
    quantities = [
        q
        for s in sentences
        for q in for_times(times or [], s.text, analysis.quantities(s), doc_date, analysis.language)
    ]
    headings = list(dict.fromkeys(h for s in (anchor.sentence, *same_doc) if (h := analysis.heading(s))))
    quantities += [q for heading in headings for q in analysis.heading_quantities(heading)]
    texts = [s.text for s in sentences] + headings + [" ".join(sorted(implied(anchor, analysis))), _named(anchor.doc)]
    return Window.of(texts, quantities, lambda name: analysis.is_topic(anchor.doc, name), analysis.language)


def _named(doc: str) -> str:
    """The words of a document's file name: a reader knows what they read ("the README's benchmark" in
    zstd-README.md, "the handbook's example" in debian-handbook-how-to-migrate.html)."""
    return re.sub(r"[\W_]+", " ", doc.rsplit("/", 1)[-1])


def implied(anchor: Evidence, analysis: Analysis) -> frozenset[str]:
    """Words a reader takes from where a sentence stands: an item under a version's heading says the version
    brought it ("added", "new": "* Support for lzip archives" under "version 2.6"); a version beside a date
    (in the sentence or its heading) says it was released then ("version 2.7 - 2019-03-14")."""
    language = analysis.language
    heading = analysis.heading(anchor.sentence)
    under = analysis.heading_quantities(heading) if heading else []
    words: set[str] = set()
    if any(q.is_version for q in under):
        words |= language.changelog_words
    for found in (analysis.quantities(anchor.sentence), under):
        if any(q.is_version for q in found) and any(q.is_date for q in found):
            words |= language.release_words
    return frozenset(words)


def fully_backed(
    alignment: Alignment,
    unbacked_words: int,
    language: Language = ENGLISH,
    alone: Alignment | None = None,
    window: Window | None = None,
) -> bool:
    """Every figure and name backed, and at most ``unbacked_words`` plain words (paraphrase) not found, each
    one a reader may take as said in other words (:func:`said_otherwise`, against the ``window``), and only
    where the deciding sentence ``alone`` says all the rest: a paraphrase restates one sentence, it is not
    pieced together. Without ``alone``, no word may be left unfound."""
    if alignment.missing("number", "date", "name"):
        return False
    missing = alignment.missing("word")
    if not missing:
        return True
    if len(missing) > unbacked_words or alone is None:
        return False
    if {p.start for p in alone.missing()} != {p.start for p in missing}:
        return False
    stems = window.stems if window else set()
    return all(said_otherwise(p, language, stems) for p in missing)


def said_otherwise(part: Part, language: Language, window: Collection[str] = ()) -> bool:
    """Whether a plain word the window does not spell may be a paraphrase of what it says: a word written in
    lowercase letters (a capital may be a name), not a word of logic (quantity, scope, time or condition:
    "every", "since", "within"), a denial cue, an opposite predicate or a number word, which say what they
    say and nothing else; and unlike nothing the ``window`` (its stems) says: "bought" is no paraphrase where
    the window says "sold" (:func:`~factcheck.alignment.unalike`)."""
    word = part.text.lower()
    if not part.text.isalpha() or not part.text.islower() or word in language.logical:
        return False
    return not literal_word(part, language) and not any(unalike(part.stem, s, language) for s in window)


def clause_backed(alignment: Alignment, language: Language, least: int) -> bool:
    """Whether one clause of the claim is wholly backed while another is not: "formed in 1986 | and toured
    Japan". A clause counts with at least ``least`` parts (``clause_parts``), one of them a plain word (a
    statement, not a date or a name alone)."""
    held = missed = False
    for start, end in clauses(alignment.text, language):
        inside = [(p, ok) for p, ok in zip(alignment.parts, alignment.backed, strict=True) if start <= p.start < end]
        if all(ok for _, ok in inside):
            substantial = len(inside) >= least and any(p.kind == "word" for p, _ in inside)
            held = held or substantial
        else:
            missed = True
    return held and missed


@cache
def _clause_break(language: Language) -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in language.clause_breaks)
    return re.compile(rf"\s*;\s*|,\s+(?:(?:{words})\s+)?|\s+(?:{words})\s+", re.IGNORECASE)


def clauses(text: str, language: Language) -> list[tuple[int, int]]:
    """The claim's clauses as (start, end): split at semicolons, commas and the words that open a clause."""
    bounds = [0]
    for m in _clause_break(language).finditer(text):
        bounds += [m.start(), m.end()]
    bounds.append(len(text))
    return [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2) if bounds[i + 1] > bounds[i]]


def by_parts(
    verdict: Verdict,
    alignment: Alignment,
    anchor: Evidence,
    thresholds: VerdictSettings,
    language: Language,
    alone: Alignment | None = None,
    window: Window | None = None,
) -> Verdict:
    """``supported`` only when every part is backed (by the window only if the sentence it rests on was not
    set aside: a figure for another time, or replaced); ``partial`` when its subject is found but not all it
    says, or when one clause of it is wholly backed and another is not ("formed in 1986, and toured Japan")."""
    if verdict in ("contradicted", "disputed"):
        return verdict
    if verdict == "supported" and fully_backed(alignment, thresholds.max_unbacked_words, language, alone, window):
        return "supported"
    set_aside = anchor.stance == NEUTRAL and anchor.reason is not None  # its figures for another time, or replaced
    if (
        anchor.score >= thresholds.support_window
        and not set_aside
        and fully_backed(alignment, thresholds.max_unbacked_words_text, language, alone, window)
    ):
        return "supported"
    if clause_backed(alignment, language, thresholds.clause_parts):
        return "partial"
    if alignment.missing("name") or not alignment.missing():
        return "unverified"  # about something else; or every part found, but not closely enough to support
    if verdict == "supported" or alignment.coverage() >= thresholds.partial_coverage:
        return "partial"
    return "unverified"


def by_likeness(
    verdict: Verdict,
    decided: Verdict,
    alignment: Alignment,
    window: Window,
    anchor: Evidence,
    thresholds: VerdictSettings,
    language: Language,
) -> tuple[Verdict, Alignment]:
    """A claim not ``supported`` only for plain words the window does not spell is ``supported`` when each of
    them has a like word in the window (word vectors: cosine at least ``word_cosine``, never an opposite) and
    every part is then backed as :func:`by_parts` asks; the words so matched become the deciding sentence's
    reason ("purchased ≈ bought"). Otherwise the verdict and the words unbacked stay as they were: likeness
    only ever completes a support."""
    if decided == "supported" or not alignment.missing("word"):
        return decided, alignment
    liked = with_like_words(alignment, window, thresholds)
    if not liked.alike or by_parts(verdict, liked, anchor, thresholds, language) != "supported":
        return decided, alignment
    anchor.reason = "; ".join(liked.alike)  # for the reader to check
    return "supported", liked


def denied(
    claim: str, parts_alone: Alignment, anchor: Evidence, thresholds: VerdictSettings, language: Language
) -> str | None:
    """A denial, an opposite predicate or a prospect ("is likely to be removed") in the sentence the verdict
    rests on, when it speaks of the claim (most parts backed by it alone)."""
    if parts_alone.share() < thresholds.polarity_share:
        return None
    sentence = anchor.sentence.text
    if superseded(claim, language) and superseded(sentence, language):
        return None  # "no longer carries" says what "used to get" says
    shared, names = _shared(parts_alone)
    return (
        denial(claim, sentence, shared, language, thresholds)
        or opposite(claim, sentence, language, thresholds)
        or prospective(claim, sentence, shared, names, language, thresholds)
    )


def denied_elsewhere(
    claim: str, parts_alone: Alignment, said: Evidence, thresholds: VerdictSettings, language: Language
) -> str | None:
    """Another sentence found, when it says every word and name of the claim by itself (it is about the claim,
    not about something near it: "does not allow dogs in the cafe" says nothing of "dogs in the garden"): what
    it says is yet to come ("support for psycopg2 is likely to be removed"), and, when it took the claim's side,
    what it denies itself (a claim's own "does not" is answered by the sentence the verdict rests on)."""
    if any(p.kind == "name" or not p.text[:1].isupper() for p in parts_alone.missing("word", "name")):
        return None  # every name and every plain word; a claim's opening capital ("Django 4.2 removed") may be
        # the subject the whole document is about
    sentence = said.sentence.text
    if superseded(claim, language) and superseded(sentence, language):
        return None
    shared, names = _shared(parts_alone)
    found = denial(claim, sentence, shared, language, thresholds) if said.stance == SUPPORTS else None
    if found and found.endswith(CLAIM_DENIES):
        found = None
    return found or prospective(claim, sentence, shared, names, language, thresholds)


def _shared(parts_alone: Alignment) -> tuple[set[str], set[str]]:
    """The stems of the claim's plain words and of its names that the sentence backs."""
    backed = [p for p, ok in zip(parts_alone.parts, parts_alone.backed, strict=True) if ok]
    return {p.stem for p in backed if p.kind == "word"}, {p.stem for p in backed if p.kind == "name"}


def refine(
    claim: Claim,
    claim_qs: list[Quantity],
    verdict: Verdict,
    judged: list[Evidence],
    vocabulary: Vocabulary,
    analysis: Analysis,
    thresholds: VerdictSettings,
) -> tuple[Verdict, Alignment | None]:
    """Check the verdict part by part against its evidence window, and for denials (:func:`gainsaid`)."""
    anchor = deciding_sentence(verdict, judged)
    if anchor is None:
        return verdict, None
    parts = claim_parts(claim.text, claim_qs, vocabulary.term_weight, vocabulary.is_common_word, analysis.language)
    doc_date = analysis.dates.get(anchor.doc, (None, None))[0]
    times = claim_times(claim_qs, doc_date)
    window = evidence_window(anchor, judged, analysis, thresholds.window_extra, times)
    alignment = align(claim.text, parts, window, figure_backed, thresholds)
    language = analysis.language
    anchor_alone = alone(claim.text, parts, anchor, analysis, thresholds)
    decided = by_parts(verdict, alignment, anchor, thresholds, language, anchor_alone, window)
    verdict, alignment = by_likeness(verdict, decided, alignment, window, anchor, thresholds, language)
    if verdict in ("supported", "partial", "unverified") and gainsaid(
        claim.text, parts, anchor, anchor_alone, judged, analysis, thresholds
    ):
        return "contradicted", alignment
    return verdict, alignment


def gainsaid(
    claim: str,
    parts: list[Part],
    anchor: Evidence,
    anchor_alone: Alignment,
    judged: list[Evidence],
    analysis: Analysis,
    thresholds: VerdictSettings,
) -> bool:
    """Whether the deciding sentence denies the claim (:func:`denied`), or, where it does not say the whole
    claim by itself, another sentence found does (:func:`denied_elsewhere`); the sentence that does takes the
    stance ``contradicts`` and the reason."""
    language = analysis.language
    found: Iterable[tuple[Evidence, str | None]] = [(anchor, denied(claim, anchor_alone, anchor, thresholds, language))]
    if anchor_alone.missing():  # a sentence that says the whole claim is outweighed by nothing elsewhere
        others = (
            e for e in judged if e is not anchor and not e.sentence.question and may_gainsay(e.sentence.text, language)
        )
        found = chain(  # read one by one: the first that gainsays the claim ends the reading
            found,
            (
                (e, denied_elsewhere(claim, alone(claim, parts, e, analysis, thresholds), e, thresholds, language))
                for e in others
            ),
        )
    for said, reason in found:
        if reason:
            said.stance, said.reason = CONTRADICTS, reason
            return True
    return False


def alone(
    claim: str, parts: list[Part], anchor: Evidence, analysis: Analysis, thresholds: VerdictSettings
) -> Alignment:
    """The claim's parts against the deciding sentence alone, with the versions and dates of the heading it
    stands under (where it stands is part of what it says: "3.11" of its title) and the names its document is
    about."""
    heading = analysis.heading(anchor.sentence)
    under = analysis.heading_quantities(heading) if heading else []
    found = [*analysis.quantities(anchor.sentence), *(q for q in under if q.is_version or q.is_date)]
    window = Window.of(
        [anchor.sentence.text], found, lambda name: analysis.is_topic(anchor.doc, name), analysis.language
    )
    return align(claim, parts, window, figure_backed, thresholds)
