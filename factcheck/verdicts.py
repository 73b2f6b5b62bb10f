"""From evidence to a verdict: does a sentence support the claim, contradict it, or neither?

A sentence supports a claim when it speaks of the same thing (enough of the claim's
weighted words) and every number of the claim finds an agreeing number there, the
wording's latitude understood ("about a third" fits 54 of 142). It contradicts when it
is clearly about the same thing and states a figure of the same kind, for the same
noun, that cannot be squared with the claim's. A loose match that merely lacks the
claim's numbers contradicts nothing.

Time matters: when a claim names its time ("by April 2022") a figure stated for
another time is a change, not a contradiction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from factcheck.alignment import Alignment, Span, Window, align, claim_parts
from factcheck.analysis import Analysis
from factcheck.catalogue import Claim, Verdict
from factcheck.corpus import Sentence
from factcheck.lang import ENGLISH, Language
from factcheck.polarity import denial, opposite
from factcheck.quantities import Quantity, comparable, compatible, distinctive, entails, extract, statement_time
from factcheck.quantities.units import per_unit
from factcheck.retrieval import Hit, Retriever
from factcheck.settings import VerdictSettings

Stance = Literal["supports", "contradicts", "neutral"]
SUPPORTS: Stance = "supports"
CONTRADICTS: Stance = "contradicts"
NEUTRAL: Stance = "neutral"
LEDE_SENTENCES = 3  # headline, dek and first line: what every sentence of a story is about


@dataclass
class Evidence:
    sentence: Sentence
    score: float
    stance: Stance
    agreeing: list[Quantity] = field(default_factory=list)  # the sentence's numbers that fit
    disagreeing: list[Quantity] = field(default_factory=list)  # the sentence's numbers that do not
    as_of: date | None = None
    as_of_text: str | None = None
    reason: str | None = None  # why it contradicts: "number: 12 vs 34", "negated: is NOT quitting"
    context: list[Sentence] = field(default_factory=list, repr=False)  # its neighbours, for the window

    @property
    def doc(self) -> str:
        return self.sentence.doc

    @property
    def line(self) -> int:
        return self.sentence.line


@dataclass
class ClaimResult:
    claim: Claim
    verdict: Verdict
    evidence: list[Evidence]
    unsupported: list[Span] = field(default_factory=list)  # parts of the claim no evidence backs
    alignment: Alignment | None = field(default=None, repr=False)  # each part of the claim and whether it is backed

    @property
    def expected(self) -> Verdict:
        return self.claim.expect or "supported"

    @property
    def ok(self) -> bool:
        return self.verdict == self.expected


def _same_unit(a: Quantity, b: Quantity) -> bool | None:
    """True/False when both name what they count; None when either does not."""
    if not a.unit or not b.unit:
        return None
    return a.unit == b.unit or a.unit.startswith(b.unit) or b.unit.startswith(a.unit)


def _fits(c: Quantity, x: Quantity, cover: float, thresholds: VerdictSettings) -> bool:
    """Whether x agrees with the claim's c: same value, and (likely) the same thing counted."""
    if not compatible(c, x):
        return False
    same = _same_unit(c, x)
    return same is not False or (distinctive(c) and distinctive(x)) or cover >= thresholds.same_subject_coverage


def _ratio_fits(claim_q: Quantity, counts: list[Quantity]) -> list[Quantity]:
    """A share in the claim may be stated as two counts: "about a third" fits 54 of 142."""
    lo, hi = claim_q.interval()
    for part in counts:
        for whole in counts:
            if part is not whole and 0 < part.value < whole.value and lo <= part.value / whole.value <= hi:
                return [part, whole]
    return []


@dataclass
class _Sides:
    """A claim's and a sentence's quantities, sorted into figures and dates."""

    numbers: list[Quantity]
    dates: list[Quantity]
    own_numbers: list[Quantity]
    own_dates: list[Quantity]
    claim_text: str = ""
    sentence_text: str = ""
    language: Language = ENGLISH

    @classmethod
    def of(
        cls,
        claim_qs: list[Quantity],
        found: list[Quantity],
        claim_text: str = "",
        sentence_text: str = "",
        language: Language = ENGLISH,
    ) -> _Sides:
        return cls(
            [q for q in claim_qs if not q.is_date],
            [q for q in claim_qs if q.is_date],
            [q for q in found if not q.is_date],
            [q for q in found if q.is_date],
            claim_text,
            sentence_text,
            language,
        )

    def same_rate(self, c: Quantity, x: Quantity) -> bool:
        """Both totals, or both rates per the same thing: "3.4 million litres a day" is no tank's size."""
        return per_unit(self.claim_text, c.end, self.language) == per_unit(self.sentence_text, x.end, self.language)


def stance(
    claim_qs: list[Quantity],
    hit: Hit,
    found: list[Quantity],
    context: list[Quantity],
    doc_date: date | None,
    doc_date_text: str | None,
    thresholds: VerdictSettings,
    claim_text: str = "",
    language: Language = ENGLISH,
) -> Evidence:
    """Judge one sentence against the claim's quantities (read in ``language``)."""
    sides = _Sides.of(claim_qs, found, claim_text, hit.sentence.text, language)
    as_of, as_of_text, _ = statement_time(hit.sentence.text, found, doc_date, doc_date_text, language)
    evidence = Evidence(hit.sentence, hit.score, NEUTRAL, as_of=as_of, as_of_text=as_of_text, context=hit.context)
    if hit.sentence.question:
        pass  # a question states nothing: shown, never a stance
    elif not sides.numbers and not sides.dates:
        if hit.score >= thresholds.support_text:
            evidence.stance = SUPPORTS
    elif not sides.numbers:
        _judge_dates(evidence, sides, thresholds)
    else:
        _judge_numbers(evidence, sides, context, doc_date, thresholds)
    return evidence


def _listed(quantities: list[Quantity]) -> str:
    """The figures as written, each once: "2015, 2016"."""
    return ", ".join(dict.fromkeys(q.text for q in quantities))


def _judge_dates(evidence: Evidence, sides: _Sides, thresholds: VerdictSettings) -> None:
    """The dates are the claim's content: "released in April 2022"."""
    agree = [x for c in sides.dates for x in sides.own_dates if compatible(c, x)]
    clash = [x for c in sides.dates for x in sides.own_dates if not compatible(c, x)]
    if all(any(compatible(c, x) for x in sides.own_dates) for c in sides.dates):
        if evidence.score >= thresholds.support_numbers:
            evidence.stance, evidence.agreeing = SUPPORTS, agree
    elif clash and evidence.score >= thresholds.contradict_unnamed:
        # Another date in a sentence is often another event's: only a close sentence contradicts.
        evidence.stance, evidence.disagreeing = CONTRADICTS, clash
        evidence.reason = f"date: {_listed(sides.dates)} vs {_listed(clash)}"


def _clashes(c: Quantity, sides: _Sides, cover: float, thresholds: VerdictSettings) -> list[Quantity]:
    """The sentence's figures that measure what the claim's ``c`` measures and cannot equal it."""
    return [
        x
        for x in sides.own_numbers
        if comparable(c, x)
        and not compatible(c, x)
        and "vague" not in (c.hedge, x.hedge)
        and sides.same_rate(c, x)
        and (_same_unit(c, x) or (_same_unit(c, x) is None and cover >= thresholds.contradict_unnamed))
    ]


def _align_numbers(
    sides: _Sides, context: list[Quantity], cover: float, thresholds: VerdictSettings
) -> tuple[list[Quantity], list[Quantity], bool]:
    """Each claim figure against the sentence: (agreeing, disagreeing, whether every figure agrees)."""
    agreeing: list[Quantity] = []
    disagreeing: list[Quantity] = []
    all_agree = True
    for c in sides.numbers:
        fits = [x for x in sides.own_numbers if _fits(c, x, cover, thresholds)]
        if not fits and c.share:
            fits = _ratio_fits(c, [x for x in sides.own_numbers if x.kind == "count"])
        if (
            not fits
            and cover >= thresholds.support_text
            and any(not x.is_date and _fits(c, x, cover, thresholds) for x in context)
        ):
            all_agree = False  # a neighbour's figure: enough not to contradict, not enough to support
            continue
        if fits:
            agreeing.extend(fits)
            continue
        all_agree = False
        disagreeing.extend(_clashes(c, sides, cover, thresholds))
    return agreeing, disagreeing, all_agree


def _about_another_time(sides: _Sides, doc_date: date | None, disagreeing: list[Quantity]) -> bool:
    """A claim naming its time is neither backed nor contradicted by a figure for another time."""
    if not sides.dates or not (sides.own_dates or doc_date):
        return False
    when = sides.own_dates[0] if sides.own_dates else None
    if when is not None:
        return not any(compatible(c, when) for c in sides.dates)
    stated = sides.dates[0]
    return doc_date is not None and bool(stated.year) and stated.year != doc_date.year and bool(disagreeing)


def _judge_numbers(
    evidence: Evidence, sides: _Sides, context: list[Quantity], doc_date: date | None, thresholds: VerdictSettings
) -> None:
    """Numbers are the content; dates in the claim say when."""
    agreeing, disagreeing, all_agree = _align_numbers(sides, context, evidence.score, thresholds)
    evidence.agreeing = agreeing
    if _about_another_time(sides, doc_date, disagreeing):
        return
    if all_agree and evidence.score >= thresholds.support_numbers:
        evidence.stance = SUPPORTS
    elif disagreeing and evidence.score >= thresholds.contradict and not agreeing:
        evidence.stance, evidence.disagreeing = CONTRADICTS, disagreeing
        evidence.reason = f"number: {_listed(sides.numbers)} vs {_listed(disagreeing)}"


def decide(evidence: list[Evidence], claim_dated: bool = False) -> Verdict:
    """The verdict from the stances of the evidence, time taken into account."""
    supports = [e for e in evidence if e.stance == SUPPORTS]
    contradicts = [e for e in evidence if e.stance == CONTRADICTS]
    if supports and contradicts:
        # An undated claim speaks of now: the latest dated source decides, when all are dated. When
        # the date is what the claim says, a later source decides only if it is also the closest.
        latest_s = max((e.as_of for e in supports if e.as_of), default=None)
        latest_c = max((e.as_of for e in contradicts if e.as_of), default=None)
        if all(e.as_of for e in supports + contradicts) and latest_s and latest_c and latest_s != latest_c:
            winner: Verdict = "supported" if latest_s > latest_c else "contradicted"
            best = max(supports + contradicts, key=lambda e: e.score)
            if not claim_dated or (best.stance == SUPPORTS) == (winner == "supported"):
                return winner
        return "disputed"
    if supports:
        return "supported"
    if contradicts:
        return "contradicted"
    return "unverified"


def _figure_backed(c: Quantity, found: list[Quantity]) -> bool:
    """A claim figure backed by a window's figures: one that entails it, or a share stated as two counts."""
    if any(entails(x, c) and _same_unit(c, x) is not False for x in found):
        return True  # of the same thing: 250 beds back no organizations, 40 offices no people
    return c.share and bool(_ratio_fits(c, [x for x in found if x.kind == "count"]))


def _anchor(verdict: Verdict, judged: list[Evidence]) -> Evidence | None:
    """The sentence the verdict rests on: the best supporting one, else the best contradicting, else the top hit."""
    for wanted in (SUPPORTS,) if verdict == "supported" else (CONTRADICTS,) if verdict == "contradicted" else ():
        best = [e for e in judged if e.stance == wanted]
        if best:
            return max(best, key=lambda e: e.score)
    return next((e for e in judged if not e.sentence.question), None)


def _window(anchor: Evidence, judged: list[Evidence], analysis: Analysis, extra: int) -> Window:
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


def _by_parts(verdict: Verdict, alignment: Alignment, anchor: Evidence, thresholds: VerdictSettings) -> Verdict:
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


def _polarity(
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


def _refine(
    claim: Claim,
    claim_qs: list[Quantity],
    verdict: Verdict,
    judged: list[Evidence],
    index: Retriever,
    analysis: Analysis,
    thresholds: VerdictSettings,
) -> tuple[Verdict, Alignment | None]:
    """Check the verdict part by part against its evidence window, and for denials."""
    anchor = _anchor(verdict, judged)
    if anchor is None:
        return verdict, None
    parts = claim_parts(claim.text, claim_qs, index.term_weight, index.is_common_word, analysis.language)
    window = _window(anchor, judged, analysis, thresholds.window_extra)
    alignment = align(claim.text, parts, window, _figure_backed, thresholds)
    verdict = _by_parts(verdict, alignment, anchor, thresholds)
    if verdict in ("supported", "partial", "unverified"):
        alone = Window.of([anchor.sentence.text], analysis.quantities(anchor.sentence), language=analysis.language)
        parts_alone = align(claim.text, parts, alone, _figure_backed, thresholds)
        reason = _polarity(claim.text, parts_alone, anchor, thresholds, analysis.language)
        if reason:
            anchor.stance, anchor.reason = CONTRADICTS, reason
            verdict = "contradicted"
    return verdict, alignment


def judge(
    claim: Claim, index: Retriever, analysis: Analysis, k: int = 3, thresholds: VerdictSettings | None = None
) -> ClaimResult:
    """Search, weigh each candidate sentence, decide, and check the decision part by part."""
    thresholds = thresholds or VerdictSettings()
    claim_qs = extract(claim.text, language=analysis.language)
    hits = index.search(claim.text, k=max(k, thresholds.candidates), sources=claim.documents)
    judged = []
    for hit in hits:
        found = analysis.quantities(hit.sentence)
        context = [q for n in hit.context for q in analysis.quantities(n)]
        doc_date, doc_date_text = analysis.dates.get(hit.sentence.doc, (None, None))
        judged.append(
            stance(claim_qs, hit, found, context, doc_date, doc_date_text, thresholds, claim.text, analysis.language)
        )
    dated = any(q.is_date for q in claim_qs)
    verdict, alignment = _refine(claim, claim_qs, decide(judged, dated), judged, index, analysis, thresholds)
    unsupported = alignment.unsupported(analysis.language) if alignment and verdict != "supported" else []
    if verdict in ("partial", "unverified", "contradicted"):
        for e in judged:  # a sentence whose figures agree does not support a claim it backs only in part
            if e.stance == SUPPORTS:
                e.stance = NEUTRAL
    # Show what decided the verdict first, then the best of the rest.
    order = {SUPPORTS: 0, CONTRADICTS: 0, NEUTRAL: 1}
    shown = sorted(judged, key=lambda e: (order[e.stance], -e.score))[:k]
    return ClaimResult(claim, verdict, shown, unsupported, alignment)
