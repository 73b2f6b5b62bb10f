"""The verdict checked part by part against its evidence window, and for denials.

``supported`` must mean every part of the claim (its figures, dates, names and words) is backed
by the window: the sentence the verdict rests on, its neighbours, the next best sentences of its
document, its lede and the headings they stand under. A denial or an opposite predicate in a
sentence that speaks of the claim turns the verdict to ``contradicted``.
"""

from __future__ import annotations

from factcheck.alignment import Alignment, Window, align, claim_parts, with_like_words
from factcheck.analysis import Analysis
from factcheck.catalogue import Claim, Verdict
from factcheck.judges.rules.figures import figure_backed
from factcheck.lang import Language
from factcheck.polarity import denial, opposite
from factcheck.quantities import Quantity, extract
from factcheck.retrieval.base import Vocabulary
from factcheck.settings import VerdictSettings
from factcheck.verdicts import CONTRADICTS, SUPPORTS, Evidence

LEDE_SENTENCES = 3  # headline, dek and first line: what every sentence of a story is about


def deciding_sentence(verdict: Verdict, judged: list[Evidence]) -> Evidence | None:
    """The sentence the verdict rests on: the best supporting one, else the best contradicting, else the top hit."""
    for wanted in (SUPPORTS,) if verdict == "supported" else (CONTRADICTS,) if verdict == "contradicted" else ():
        best = [e for e in judged if e.stance == wanted]
        if best:
            return max(best, key=lambda e: e.score)
    return next((e for e in judged if not e.sentence.question), None)


def evidence_window(anchor: Evidence, judged: list[Evidence], analysis: Analysis, extra: int) -> Window:
    """The anchor, its neighbours, the next ``extra`` best sentences of its document, its lede, and
    the headings they stand under."""
    same_doc = [e.sentence for e in judged if e is not anchor and e.doc == anchor.doc and not e.sentence.question][
        :extra
    ]
    around = [s for s in (*anchor.context, *analysis.lede(anchor.doc, LEDE_SENTENCES)) if not s.question]
    sentences = [anchor.sentence, *around, *same_doc]
    quantities = [q for s in sentences for q in analysis.quantities(s)]
    sections = list(dict.fromkeys(s.section for s in (anchor.sentence, *same_doc) if s.section))
    quantities += [q for section in sections for q in extract(section, language=analysis.language)]
    texts = [s.text for s in sentences] + sections
    return Window.of(texts, quantities, lambda name: analysis.is_topic(anchor.doc, name), analysis.language)


def fully_backed(alignment: Alignment, unbacked_words: int) -> bool:
    """Every figure and name backed, and at most ``unbacked_words`` plain words (paraphrase) not found."""
    if alignment.missing("number", "date", "name"):
        return False
    return len(alignment.missing("word")) <= unbacked_words


def by_parts(verdict: Verdict, alignment: Alignment, anchor: Evidence, thresholds: VerdictSettings) -> Verdict:
    """``supported`` only when every part is backed; ``partial`` when its subject is found but not all it says."""
    if verdict in ("contradicted", "disputed"):
        return verdict
    if verdict == "supported" and fully_backed(alignment, thresholds.max_unbacked_words):
        return "supported"
    if anchor.score >= thresholds.support_window and fully_backed(alignment, thresholds.max_unbacked_words_text):
        return "supported"
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
) -> tuple[Verdict, Alignment]:
    """A claim not ``supported`` only for plain words the window does not spell is ``supported`` when each of
    them has a like word in the window (word vectors: cosine at least ``word_cosine``, never an opposite) and
    every part is then backed as :func:`by_parts` asks; the words so matched become the deciding sentence's
    reason ("purchased ≈ bought"). Otherwise the verdict and the words unbacked stay as they were: likeness
    only ever completes a support."""
    if decided == "supported" or not alignment.missing("word"):
        return decided, alignment
    liked = with_like_words(alignment, window, thresholds)
    if not liked.alike or by_parts(verdict, liked, anchor, thresholds) != "supported":
        return decided, alignment
    anchor.reason = "; ".join(liked.alike)  # for the reader to check
    return "supported", liked


def denied(
    claim: str, parts_alone: Alignment, anchor: Evidence, thresholds: VerdictSettings, language: Language
) -> str | None:
    """A denial or opposite predicate in a sentence that speaks of the claim (most parts backed by it alone)."""
    if parts_alone.share() < thresholds.polarity_share:
        return None
    shared = {
        p.stem for p, ok in zip(parts_alone.parts, parts_alone.backed, strict=True) if ok and p.kind == "word"
    }  # not names
    sentence = anchor.sentence.text
    return denial(claim, sentence, shared, language, thresholds) or opposite(claim, sentence, language, thresholds)


def refine(
    claim: Claim,
    claim_qs: list[Quantity],
    verdict: Verdict,
    judged: list[Evidence],
    vocabulary: Vocabulary,
    analysis: Analysis,
    thresholds: VerdictSettings,
) -> tuple[Verdict, Alignment | None]:
    """Check the verdict part by part against its evidence window, and for denials."""
    anchor = deciding_sentence(verdict, judged)
    if anchor is None:
        return verdict, None
    parts = claim_parts(claim.text, claim_qs, vocabulary.term_weight, vocabulary.is_common_word, analysis.language)
    window = evidence_window(anchor, judged, analysis, thresholds.window_extra)
    alignment = align(claim.text, parts, window, figure_backed, thresholds)
    verdict, alignment = by_likeness(
        verdict, by_parts(verdict, alignment, anchor, thresholds), alignment, window, anchor, thresholds
    )
    if verdict in ("supported", "partial", "unverified"):
        alone = Window.of([anchor.sentence.text], analysis.quantities(anchor.sentence), language=analysis.language)
        parts_alone = align(claim.text, parts, alone, figure_backed, thresholds)
        reason = denied(claim.text, parts_alone, anchor, thresholds, analysis.language)
        if reason:
            anchor.stance, anchor.reason = CONTRADICTS, reason
            verdict = "contradicted"
    return verdict, alignment
