"""One sentence against the claim: supports, contradicts, or neither, with the figures that decided.

A sentence supports a claim when it speaks of the same thing (enough of the claim's weighted
words) and every number of the claim finds an agreeing number there, the wording's latitude
understood. It contradicts when it is clearly about the same thing and states a figure of the
same kind, for the same noun, that cannot be squared with the claim's. A loose match that merely
lacks the claim's numbers contradicts nothing. A claim naming its time is neither backed nor
contradicted by a figure for another time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from factcheck.judges.rules.figures import agrees, ratio_fits, same_unit
from factcheck.lang import ENGLISH, Language
from factcheck.quantities import Quantity, comparable, compatible, statement_time
from factcheck.quantities.units import per_unit
from factcheck.retrieval.base import Hit
from factcheck.settings import VerdictSettings
from factcheck.verdicts import CONTRADICTS, NEUTRAL, SUPPORTS, Evidence


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
    """One sentence against the claim: a question states nothing (never a stance); a claim without figures
    or dates is supported by a sentence covering ``support_text`` of its weighted words; with dates only,
    :func:`judge_dates` decides; with figures, :func:`judge_numbers`. The sentence's time (its own date,
    else its document's) is kept with it."""
    sides = _Sides.of(claim_qs, found, claim_text, hit.sentence.text, language)
    as_of, as_of_text, _ = statement_time(hit.sentence.text, found, doc_date, doc_date_text, language)
    evidence = Evidence(hit.sentence, hit.score, NEUTRAL, as_of=as_of, as_of_text=as_of_text, context=hit.context)
    if hit.sentence.question:
        pass  # a question states nothing: shown, never a stance
    elif not sides.numbers and not sides.dates:
        if hit.score >= thresholds.support_text:
            evidence.stance = SUPPORTS
    elif not sides.numbers:
        judge_dates(evidence, sides, thresholds)
    else:
        judge_numbers(evidence, sides, context, doc_date, thresholds)
    return evidence


def _listed(quantities: list[Quantity]) -> str:
    """The figures as written, each once: "2015, 2016"."""
    return ", ".join(dict.fromkeys(q.text for q in quantities))


def judge_dates(evidence: Evidence, sides: _Sides, thresholds: VerdictSettings) -> None:
    """The dates are the claim's content ("released in April 2022"): every claim date matched by the sentence
    supports (at ``support_numbers`` coverage); another date contradicts only in a close sentence
    (``contradict_unnamed``), since a sentence's other date is often another event's."""
    agree = [x for c in sides.dates for x in sides.own_dates if compatible(c, x)]
    clash = [x for c in sides.dates for x in sides.own_dates if not compatible(c, x)]
    if all(any(compatible(c, x) for x in sides.own_dates) for c in sides.dates):
        if evidence.score >= thresholds.support_numbers:
            evidence.stance, evidence.agreeing = SUPPORTS, agree
    elif clash and evidence.score >= thresholds.contradict_unnamed:
        # Another date in a sentence is often another event's: only a close sentence contradicts.
        evidence.stance, evidence.disagreeing = CONTRADICTS, clash
        evidence.reason = f"date: {_listed(sides.dates)} vs {_listed(clash)}"


def clashes(c: Quantity, sides: _Sides, cover: float, thresholds: VerdictSettings) -> list[Quantity]:
    """The sentence's figures that measure what the claim's ``c`` measures and cannot equal it."""
    return [
        x
        for x in sides.own_numbers
        if comparable(c, x)
        and not compatible(c, x)
        and "vague" not in (c.hedge, x.hedge)
        and sides.same_rate(c, x)
        and (same_unit(c, x) or (same_unit(c, x) is None and cover >= thresholds.contradict_unnamed))
    ]


def align_numbers(
    sides: _Sides, context: list[Quantity], cover: float, thresholds: VerdictSettings
) -> tuple[list[Quantity], list[Quantity], bool]:
    """Each claim figure against the sentence: (agreeing, disagreeing, whether every figure agrees)."""
    agreeing: list[Quantity] = []
    disagreeing: list[Quantity] = []
    all_agree = True
    for c in sides.numbers:
        fits = [x for x in sides.own_numbers if agrees(c, x, cover, thresholds)]
        if not fits and c.share:
            fits = ratio_fits(c, [x for x in sides.own_numbers if x.kind == "count"])
        if (
            not fits
            and cover >= thresholds.support_text
            and any(not x.is_date and agrees(c, x, cover, thresholds) for x in context)
        ):
            all_agree = False  # a neighbour's figure: enough not to contradict, not enough to support
            continue
        if fits:
            agreeing.extend(fits)
            continue
        all_agree = False
        disagreeing.extend(clashes(c, sides, cover, thresholds))
    return agreeing, disagreeing, all_agree


def about_another_time(sides: _Sides, doc_date: date | None, disagreeing: list[Quantity]) -> bool:
    """A claim naming its time is neither backed nor contradicted by a figure for another time."""
    if not sides.dates or not (sides.own_dates or doc_date):
        return False
    when = sides.own_dates[0] if sides.own_dates else None
    if when is not None:
        return not any(compatible(c, when) for c in sides.dates)
    stated = sides.dates[0]
    return doc_date is not None and bool(stated.year) and stated.year != doc_date.year and bool(disagreeing)


def judge_numbers(
    evidence: Evidence, sides: _Sides, context: list[Quantity], doc_date: date | None, thresholds: VerdictSettings
) -> None:
    """Figures are the content and the claim's dates say when: every figure agreeing supports (at
    ``support_numbers`` coverage); a clashing figure with none agreeing contradicts (at ``contradict``);
    a figure for another time than the claim names does neither (:func:`about_another_time`)."""
    agreeing, disagreeing, all_agree = align_numbers(sides, context, evidence.score, thresholds)
    evidence.agreeing = agreeing
    if about_another_time(sides, doc_date, disagreeing):
        return
    if all_agree and evidence.score >= thresholds.support_numbers:
        evidence.stance = SUPPORTS
    elif disagreeing and evidence.score >= thresholds.contradict and not agreeing:
        evidence.stance, evidence.disagreeing = CONTRADICTS, disagreeing
        evidence.reason = f"number: {_listed(sides.numbers)} vs {_listed(disagreeing)}"
