"""The rules judge: figures, dates, names and words checked by named rules a reader can follow.

Per claim, in order:

1. each sentence found gets a stance (:func:`.stance.stance`): its figures and dates against the
   claim's (:mod:`.figures`), its coverage of the claim's weighted words;
2. the stances give a verdict: a sentence of another subject set aside where they disagree
   (:func:`.subject.another_subject`), time taken into account (:func:`.decide.decide`);
3. the verdict is checked part by part against its evidence window, and for denials
   (:func:`.parts.refine`): ``supported`` only when every part is backed.

Each rule is a function whose docstring says what it decides; the thresholds are
:class:`~factcheck.settings.VerdictSettings`.
"""

from __future__ import annotations

import hashlib
import inspect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from factcheck.alignment import claim_parts
from factcheck.judges.base import Case
from factcheck.judges.rules.decide import by_time, decide
from factcheck.judges.rules.figures import agrees, figure_backed, range_ends, ratio_fits
from factcheck.judges.rules.parts import (
    by_likeness,
    by_parts,
    deciding_sentence,
    denied,
    evidence_window,
    fully_backed,
    refine,
)
from factcheck.judges.rules.stance import (
    about_another_time,
    align_numbers,
    by_clauses,
    clashes,
    decisive,
    judge_dates,
    judge_numbers,
    release_line,
    replaced,
    respective,
    stance,
    under_another_version,
    unnamed_clash,
)
from factcheck.judges.rules.subject import another_subject
from factcheck.quantities import Quantity, extract
from factcheck.quantities.time import claim_times, for_times
from factcheck.retrieval.base import Hit, Vocabulary
from factcheck.settings import Settings, VerdictSettings
from factcheck.verdicts import CONTRADICTS, NEUTRAL, SUPPORTS, ClaimResult, Evidence

if TYPE_CHECKING:
    from factcheck.analysis import Analysis

NAME = "rules"


class RulesJudge:
    """The rules of this package, with one run's thresholds."""

    def __init__(self, thresholds: VerdictSettings | None = None):
        self.thresholds = thresholds or VerdictSettings()

    @classmethod
    def of(cls, settings: Settings) -> RulesJudge:
        return cls(settings.verdicts)

    @property
    def identity(self) -> str:
        return f"{NAME}:{hashlib.sha256(repr(self.thresholds).encode()).hexdigest()[:16]}"

    def wanted(self, top: int) -> int:
        return max(top, self.thresholds.candidates)

    def judge(self, cases: Sequence[Case], vocabulary: Vocabulary, analysis: Analysis, top: int) -> list[ClaimResult]:
        return [judge_case(case, vocabulary, analysis, top, self.thresholds) for case in cases]


def judge_case(
    case: Case, vocabulary: Vocabulary, analysis: Analysis, top: int, thresholds: VerdictSettings
) -> ClaimResult:
    """Weigh each sentence found, decide, and check the decision part by part."""
    return weigh(case, vocabulary, analysis, top, thresholds).result


@dataclass
class Weighed:
    """A claim as the rules left it: the result, every sentence weighed, and the one the verdict rests on
    (what a judge reading the words after the rules, :mod:`factcheck.judges.model`, starts from)."""

    result: ClaimResult
    judged: list[Evidence]
    anchor: Evidence | None


def weigh(case: Case, vocabulary: Vocabulary, analysis: Analysis, top: int, thresholds: VerdictSettings) -> Weighed:
    """:func:`judge_case`, keeping what it weighed."""
    claim = case.claim
    claim_qs = extract(claim.text, language=analysis.language)
    judged = [_stance_of(hit, claim_qs, claim.text, analysis, thresholds) for hit in case.hits]
    if {SUPPORTS, CONTRADICTS} <= {e.stance for e in judged}:
        parts = claim_parts(claim.text, claim_qs, vocabulary.term_weight, vocabulary.is_common_word, analysis.language)
        another_subject(judged, parts, analysis.language, thresholds)
    first = decide(judged, any(q.is_date for q in claim_qs))
    anchor = deciding_sentence(first, judged)
    verdict, alignment = refine(claim, claim_qs, first, judged, vocabulary, analysis, thresholds)
    unsupported = alignment.unsupported(analysis.language) if alignment and verdict != "supported" else []
    if verdict in ("partial", "unverified", "contradicted"):
        for e in judged:  # a sentence whose figures agree does not support a claim it backs only in part
            if e.stance == SUPPORTS:
                e.stance = NEUTRAL
    return Weighed(ClaimResult(claim, verdict, shown_first(judged, top), unsupported, alignment), judged, anchor)


def _stance_of(
    hit: Hit, claim_qs: list[Quantity], claim_text: str, analysis: Analysis, thresholds: VerdictSettings
) -> Evidence:
    found = analysis.quantities(hit.sentence)
    doc_date, doc_date_text = analysis.dates.get(hit.sentence.doc, (None, None))
    times = claim_times(claim_qs, doc_date)  # a neighbour's figure for another time lends the sentence nothing
    context = [q for n in hit.context for q in for_times(times, n.text, analysis.quantities(n), doc_date)]
    heading = analysis.heading(hit.sentence)
    under = (heading, analysis.heading_quantities(heading)) if heading else None
    item = analysis.is_line(hit.sentence)
    return stance(
        claim_qs, hit, found, context, doc_date, doc_date_text, thresholds, claim_text, analysis.language, under, item
    )


def shown_first(judged: list[Evidence], top: int) -> list[Evidence]:
    """What decided the verdict first, then the best of the rest: ``top`` sentences."""
    order = {SUPPORTS: 0, CONTRADICTS: 0, NEUTRAL: 1}
    return sorted(judged, key=lambda e: (order[e.stance], -e.score))[:top]


# The rules in the order a claim meets them: their docstrings are their documentation (docs/verdict-rules.md).
RULES: tuple[Callable[..., object], ...] = (
    stance,
    replaced,
    judge_dates,
    by_clauses,
    judge_numbers,
    release_line,
    under_another_version,
    align_numbers,
    agrees,
    ratio_fits,
    range_ends,
    clashes,
    unnamed_clash,
    respective,
    decisive,
    about_another_time,
    another_subject,
    decide,
    by_time,
    deciding_sentence,
    evidence_window,
    by_parts,
    fully_backed,
    by_likeness,
    figure_backed,
    denied,
)


def reference() -> str:
    """docs/verdict-rules.md: each rule's name, module and docstring, in the order a claim meets them."""
    lines = [
        "# Verdict rules",
        "",
        'The rules judge (`judge = "rules"`, the default), rule by rule, in the order a claim meets them.',
        "Written from the rules' own docstrings by `python -m factcheck.judges.rules > docs/verdict-rules.md`;",
        "a test fails when this page and the code drift apart. Thresholds: `[tool.factcheck.thresholds]`.",
    ]
    for rule in RULES:
        module = rule.__module__.removeprefix("factcheck.judges.rules.")
        lines += ["", f"## `{rule.__name__}` ({module})", "", inspect.cleandoc(rule.__doc__ or "")]
    return "\n".join(lines) + "\n"
