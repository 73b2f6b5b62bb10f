"""The model judge: the rules first, then a small cross-encoder reading the words they could not.

``judge = "model"`` (``--judge model``). Per claim the rules weigh the sentences and decide
(:func:`factcheck.judges.rules.weigh`): figures, dates, versions and names are theirs, and a
contradiction or a dispute they find stands. Where they left the verdict to the words, the model
reads the claim with the sentences the verdict rests on (:mod:`~factcheck.judges.model.window`) and, when it is sure,
says whether the words are entailed or contradicted (:mod:`~factcheck.judges.model.decide`); its reason is shown
("model: entails, 0.91"). The claims of one call are read in one onnxruntime call; the model is
loaded on the first claim it reads (:mod:`~factcheck.judges.model.runtime`), never from a network.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck.judges.base import Case
from factcheck.judges.model.decide import WORDS_DECIDE, Gate, Reading, decide, readable
from factcheck.judges.model.runtime import Model, check_installed, data_folder, loaded, model_digest
from factcheck.judges.model.window import candidates, evidence_text
from factcheck.judges.rules import RulesJudge, Weighed, shown_first, weigh
from factcheck.judges.rules.parts import evidence_window
from factcheck.retrieval.base import Vocabulary
from factcheck.settings import ModelSettings, Settings
from factcheck.verdicts import CONTRADICTS, NEUTRAL, SUPPORTS

if TYPE_CHECKING:
    from factcheck.analysis import Analysis
    from factcheck.verdicts import ClaimResult

NAME = "model"

__all__ = ["NAME", "Gate", "ModelJudge", "Reading", "decide", "readable"]


class ModelJudge:
    """The rules with one run's thresholds, and the shipped model (or the one in ``folder``) over them."""

    def __init__(self, settings: Settings | None = None, folder: Path | None = None):
        settings = settings or Settings()
        self.rules = RulesJudge(settings.verdicts)
        self.settings: ModelSettings = settings.model
        self.folder = folder or data_folder()
        self._model: Model | None = None

    @classmethod
    def of(cls, settings: Settings) -> ModelJudge:
        """Cheap: the model loads on first use; ``conflicts``, which makes a judge and never asks it, runs
        without the judge extra."""
        return cls(settings)

    @property
    def identity(self) -> str:
        """The weights' sha256, the thresholds and the rules': a verdict of other weights is not remembered."""
        knobs = hashlib.sha256(f"{self.settings!r}|{self.rules.identity}".encode()).hexdigest()[:16]
        return f"{NAME}:{model_digest(self.folder)[:16]}:{knobs}"

    def wanted(self, top: int) -> int:
        return self.rules.wanted(top)

    def model(self) -> Model:
        """This process's model, loaded on first use (:func:`~factcheck.judges.model.runtime.loaded`)."""
        if self._model is None or not self._model.in_this_process():
            self._model = loaded(self.folder)
        return self._model

    def judge(self, cases: Sequence[Case], vocabulary: Vocabulary, analysis: Analysis, top: int) -> list[ClaimResult]:
        if self._model is None:
            check_installed()  # the one-line error whether or not this batch needs the model: the run asked for it
        weighed = [weigh(case, vocabulary, analysis, top, self.rules.thresholds) for case in cases]
        gates = [self.gate(w, analysis) for w in weighed]
        asked = [(w, g) for w, g in zip(weighed, gates, strict=True) if g is not None and readable(g, self.settings)]
        for (w, gate), reading in zip(asked, self.read([w for w, _ in asked]), strict=True):
            if reading is not None:
                settle(w, gate, reading, self.settings, top)
        return [w.result for w in weighed]

    def gate(self, w: Weighed, analysis: Analysis) -> Gate | None:
        """What decides whether the model reads the claim (:class:`.decide.Gate`), from the rules' window."""
        if w.anchor is None or w.result.verdict not in WORDS_DECIDE:
            return None
        window = evidence_window(w.anchor, w.judged, analysis, self.rules.thresholds.window_extra)
        return Gate.of(w.result, window.quantities, analysis.language, window.stems)

    def read(self, weighed: Sequence[Weighed]) -> list[Reading | None]:
        """The model's reading of each claim (None where the claim leaves the evidence no room): one call."""
        if not weighed:
            return []
        model = self.model()
        pairs: dict[int, tuple[str, str]] = {}
        for i, w in enumerate(weighed):
            assert w.anchor is not None  # a claim without one is not read
            sentences = candidates(w.anchor, w.judged, self.rules.thresholds.window_extra)
            evidence = evidence_text(w.result.claim.text, sentences, model.lengths, model.card.max_length)
            if evidence is not None:
                pairs[i] = (w.result.claim.text, evidence)
        found = model.probabilities(list(pairs.values()))
        readings: list[Reading | None] = [None] * len(weighed)
        for i, p in zip(pairs, found, strict=True):
            readings[i] = Reading(float(p[0]), float(p[1]), float(p[2]))
        return readings


def settle(w: Weighed, gate: Gate, reading: Reading, settings: ModelSettings, top: int) -> None:
    """The model's verdict, when it is sure, on the result: the anchor takes its stance and reason."""
    result, anchor = w.result, w.anchor
    changed = decide(gate, reading, settings)
    if changed is None or anchor is None:
        return
    result.verdict, anchor.reason = changed
    anchor.stance = SUPPORTS if result.verdict == "supported" else CONTRADICTS
    if result.verdict == "supported":
        result.unsupported = []
    else:
        for e in w.judged:  # a sentence contradicted by the model's reading supports nothing beside it
            if e is not anchor and e.stance == SUPPORTS:
                e.stance = NEUTRAL
    result.evidence = shown_first(w.judged, top)
