"""When the model's reading changes the rules' verdict: the words only, and only when it is sure.

The rules keep figures, dates, versions and names: the model reads a claim only when the window
backs every date, states every figure's value, and backs enough of the claim's weight to be about
the same thing; it never overrules a contradiction or a dispute the rules found. Then
P(contradicted) at ``refuted`` or more turns `supported`, `partial` or `unverified` into
`contradicted`, and P(entailed) at ``supported`` or more turns `partial` or `unverified` into
`supported` when every name is backed too and every word left unbacked is a plain word that may be
said otherwise (never a word of logic, a denial or an opposite:
:func:`~factcheck.judges.rules.parts.said_otherwise`). Thresholds: :class:`~factcheck.settings.ModelSettings`.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from factcheck.alignment import Alignment, Part
from factcheck.catalogue import Verdict
from factcheck.judges.rules.figures import same_unit
from factcheck.judges.rules.parts import said_otherwise
from factcheck.lang import ENGLISH, Language
from factcheck.quantities import Quantity, entails, singular
from factcheck.settings import ModelSettings
from factcheck.verdicts import ClaimResult

WORDS_DECIDE: tuple[Verdict, ...] = ("supported", "partial", "unverified")  # verdicts the rules reached on words


@dataclass(frozen=True)
class Reading:
    """The model's probabilities for one (claim, evidence) pair."""

    supported: float
    refuted: float
    neither: float


@dataclass(frozen=True)
class Gate:
    """What the rules found of a claim's parts in its window: what decides whether the model reads it."""

    verdict: Verdict  # the rules'
    named: bool  # every name of the claim backed
    dated: bool  # every date of the claim backed
    stated: bool  # every figure backed, or its value stated of another noun (:func:`value_stated`)
    coverage: float  # share (0-1) of the claim's weight backed, a stated value counted as backed
    plain: bool = True  # every part left unbacked is a plain word that may be said otherwise (rules.parts)

    @classmethod
    def of(
        cls,
        result: ClaimResult,
        window: Sequence[Quantity],
        language: Language = ENGLISH,
        stems: Collection[str] = (),
    ) -> Gate | None:
        """None for a claim without parts or window, or whose verdict the rules did not reach on its words.
        ``stems``: the window's, which a word left unbacked must be unlike nothing of."""
        alignment = result.alignment
        if result.verdict not in WORDS_DECIDE or alignment is None or not alignment.parts:
            return None
        stated = [
            ok or (p.kind == "number" and value_stated(p, window))
            for p, ok in zip(alignment.parts, alignment.backed, strict=True)
        ]
        numbers = [ok for p, ok in zip(alignment.parts, stated, strict=True) if p.kind == "number"]
        coverage = Alignment(alignment.text, alignment.parts, stated).coverage()
        named, dated = not alignment.missing("name"), not alignment.missing("date")
        plain = all(said_otherwise(p, language, stems) for p in alignment.missing("word") if not counted(p, alignment))
        return cls(result.verdict, named, dated, all(numbers), coverage, plain)


def counted(part: Part, alignment: Alignment) -> bool:
    """Whether a word is the noun a figure of the claim counts ("employees" of "317 employees"): whether it is
    the same thing as the window's noun is the model's to read (:func:`value_stated`)."""
    return any(
        p.quantity is not None and p.quantity.unit and singular(part.text.lower()) == p.quantity.unit
        for p in alignment.parts
    )


def readable(gate: Gate, settings: ModelSettings) -> bool:
    """The model reads a claim whose verdict the rules reached on its words (not a contradiction or a
    dispute they found), whose window backs every date and states every figure's value, and backs at
    least ``topic`` of the claim's weight: the window speaks of what the claim speaks of, and what is
    left undecided is whether the words say the same thing."""
    return gate.dated and gate.stated and gate.coverage >= settings.topic


def value_stated(part: Part, window: Sequence[Quantity]) -> bool:
    """A claim's figure the window does not back, whose value it states of another noun ("317 people" for
    "317 employees"): whether the nouns are the same thing is words, the model's to read. The value itself
    is the rules' (:func:`~factcheck.quantities.entails`), and so is a unit of measure: the model never
    makes a figure agree."""
    claimed = part.quantity
    return claimed is not None and any(entails(x, claimed) and nouns_only(claimed, x) for x in window)


def nouns_only(claimed: Quantity, stated: Quantity) -> bool:
    """Two figures of one value that differ at most in the noun they count, never in a unit of measure:
    "317 employees" and "317 people" may be one thing, "1 MB" and "1 KB" are not (an abbreviated unit,
    two letters or one, is a unit of measure)."""
    if same_unit(claimed, stated) is not False:
        return True
    units = (claimed.unit or "", stated.unit or "")
    return claimed.kind == stated.kind == "count" and all(len(u) > 2 for u in units)


def decide(gate: Gate, reading: Reading, settings: ModelSettings) -> tuple[Verdict, str] | None:
    """The new verdict and its reason ("model: entails, 0.91"), or None: the rules' verdict stands.
    A contradiction the model is sure of wins over its entailment (both can clear low thresholds);
    an entailment needs every name of the claim backed as well: a name the window lacks is never
    supported, whatever the words; and so does a word of logic ("always", "since", "within") or an opposite
    the window lacks (``gate.plain``): measured, the model reads those past their sense (bench/README.md)."""
    if reading.refuted >= settings.refuted and reading.refuted >= reading.supported:
        return "contradicted", f"model: contradicts, {shown(reading.refuted)}"
    if gate.verdict != "supported" and gate.named and gate.plain and reading.supported >= settings.supported:
        return "supported", f"model: entails, {shown(reading.supported)}"
    return None


def shown(probability: float) -> str:
    """Two decimals, rounded down: a reason never shows the threshold it did not reach."""
    return f"{math.floor(probability * 100) / 100:.2f}"
