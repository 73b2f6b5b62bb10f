"""Every tuned number in one place, with the set it was tuned on.

One frozen :class:`Settings` with a section per stage. Each field says what it decides
and where its value comes from; all of them can be set under ``[tool.factcheck]`` in
pyproject.toml (``[tool.factcheck.retrieval]``, ``.thresholds`` for verdicts,
``.conflicts``, ``.model``). Values tuned on a set name it: WiCE dev is ``bench/wice.py``, the
labelled seeds set ``bench/score_labelled.py``, conflict pairs ``bench/score_conflicts.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any


@dataclass(frozen=True)
class RetrievalSettings:
    """Ranking weights. Tuned on WiCE dev (bench/wice.py): dev figures, not held out."""

    k1: float = 1.2  # BM25 term-frequency saturation (the usual value, not tuned)
    b: float = 0.35  # less length normalisation than the usual 0.75: long sentences carry evidence (WiCE dev)
    context: float = 0.15  # how much a neighbour's words count in a sentence's BM25 bag (WiCE dev)
    document: float = 0.35  # weight of the whole document's BM25 match (WiCE dev)
    numbers: float = 0.15  # bonus when the sentence's numbers agree with the claim's (WiCE dev)
    fuzzy_cutoff: float = 88.0  # rapidfuzz ratio mapping an unknown claim word onto the corpus (by hand)
    neighbour_coverage: float = 0.5  # credit in the 0-100 coverage score for a word only a neighbour has (by hand)
    pool: int = 15  # candidates re-ranked by number agreement before the top k are cut (WiCE dev)


@dataclass(frozen=True)
class VerdictSettings:
    """Coverage (0-100) a sentence needs. Tuned on bench/labelled-claims.yaml (dev figures)."""

    support_text: float = 65.0  # a claim without numbers: most of its weighted words present
    support_numbers: float = 35.0  # with every number agreeing, less wording is needed
    contradict: float = 45.0  # a disagreeing number counts only in a sentence this close
    contradict_unnamed: float = 60.0  # ... and this close when neither figure names what it counts
    same_subject_coverage: float = 80.0  # so close that differently named things are the same thing
    candidates: int = 10  # sentences examined per claim (more than are shown)
    max_unbacked_words: int = 0  # plain words a claim whose figures agree may leave unfound, each a lowercase word that
    # is no word of logic ('every', 'since'), denial or opposite, where the deciding sentence alone says the rest
    # (judges/rules/parts.py said_otherwise). 1 lets paraphrase through, and with it '300 workers were hired' for
    # '... laid off': at 1 (with _text) the real-documents dev set goes 86 -> 89/202 and the held-out set 59 ->
    # 64/166, but with a false supported more on each (bench/README.md), so the default is none
    max_unbacked_words_text: int = 0  # ... and a claim backed by its words alone (WiCE dev)
    support_window: float = 60.0  # coverage of the top sentence for a claim backed part by part (WiCE dev)
    partial_coverage: float = 0.5  # share (0-1) of the claim's weight (IDF) backed for 'partial', not 'unverified'
    polarity_share: float = 0.6  # share (0-1) of the claim's parts one sentence must back before its denial counts
    item_words: float = 0.66  # share (0-1) of a claim's words (outside its figures) a changelog's item must hold for
    # its heading's version to back the claim at support_numbers ("Support for lzip archives" under "version 2.6",
    # not "[bug introduced in ...]"); set by hand on the real-documents dev set (bench/realdocs, issue 19)
    subject_margin: float = 0.0  # weight of claim words by which one side of a dispute must say more of the claim
    # than a sentence of the other side to set it aside as of another subject (judges/rules/subject.py); set by
    # hand on the real-documents dev set (bench/realdocs, issue 19)
    clause_parts: int = 3  # parts a clause of the claim needs to be a statement of its own ("formed in 1986"), not a
    # phrase, for "one clause backed, another not: partial" (judges/rules/parts.py); set by hand on the real-documents
    # dev set (bench/realdocs, issue 19)
    heading_words: int = 10  # words (with a letter) a short line may hold and still head what follows it ("version
    # 2.6", "Git v2.39 Release Notes"; analysis.py); a longer line is prose; set by hand on bench/realdocs (issue 19)
    heading_chars: int = 200  # ... and characters (a longer line is prose, read without counting its words)
    table_rows: int = 3  # versioned short lines in a row that make a table of releases, not headings (bench/realdocs)
    window_extra: int = 2  # more sentences of the same document looked at with the deciding one
    spelling_ratio: float = 85.0  # rapidfuzz ratio (0-100) backing a claim word by a spelling variant
    # ("Hernandez" / "Hernández"; alignment.py); set by hand on the seeds
    word_cosine: float = 0.7  # cosine (-1 to 1) of two words' vectors backing a claim's plain word by a like word
    # of the evidence ("purchased" / "bought"; alignment.py; above 1: never). Tuned (bench/tune_word_cosine.py) on
    # WiCE nst train (the lowest with matches 0.85 precise: 9/10) and WiCE dev folds 0,1,2 (no loss of precision)
    spelling_min_length: int = 5  # shorter words get no spelling variant: they differ by one letter too easily
    # ("rose" / "rise"); set by hand on the seeds
    negation_reach: int = 6  # words after a denial cue that it denies ("not" ... "quitting"; polarity.py); set by
    # hand on the seeds


@dataclass(frozen=True)
class ModelSettings:
    """The model judge (`judge = "model"`, docs/judge-model.md): how sure the model must be to change the
    rules' verdict. Probabilities (0-1), tuned for the shipped model on HealthVer dev folds 0-2 and WiCE dev
    folds 0-2 only (bench/tune_model.py: the best HealthVer macro-F1 plus WiCE `supported` recall keeping
    WiCE `supported` precision at 0.88 and HealthVer false `supported` at 2% or under)."""

    supported: float = 0.9  # P(entailed) turning `partial` or `unverified` into `supported` (every name backed)
    refuted: float = 0.4  # P(contradicted), and no less than P(entailed), turning a verdict into `contradicted`
    topic: float = 0.0  # share (0-1) of the claim's weight (IDF) the window must back before the model reads it


@dataclass(frozen=True)
class ConflictSettings:
    """Grouping thresholds (cosines 0-1 unless named). Tuned on bench/conflict-pairs.yaml."""

    same_subject_cosine: float = 0.25  # cosine of two statements' weighted words for one subject
    phrase_weight: float = 3.0  # the counted noun phrase outweighs the rest of the sentence
    copied: float = 90.0  # rapidfuzz ratio (0-100) above which a claim is a copy of a sentence
    same_part: float = 0.12  # cosine at which a statement repeating a part's figure is that part
    same_figure: float = 0.1  # cosine enough when both state the same distinctive figure (142)
    small_figure: float = 0.5  # cosine needed when a figure is generic ("nine", "100")
    same_story: float = 0.15  # cosine of two documents' words for them to cover one story (seeds vs WiCE pages)
    mirrors_part: float = 0.9  # cosine at which a part and a total are worded alike: the same subject
    partners: int = 10  # blocking: the best partners by shared words each statement proposes (per index)
    max_posting: int = 50  # blocking: a word in more statements of a bucket proposes no pair (WiCE dev's longest: 25)
    copy_window: int = 8  # blocking: near copies proposed, per direction of sorted texts
    resolution_match: float = 85.0  # rapidfuzz token-set ratio (0-100) matching a resolution's subject
    severity_partners: int = 64  # disagreeing partners per statement a group's severity weighs: bounds the
    # pairs at 16,000 statements (bench/growth.py's one-document case); WiCE dev's groups still weigh all
    qualifier_words: int = 5  # words back from a shared word to the preposition of a subject's qualifier
    # ("in the 287(g) program"; naming.py); set by hand on the seeds


@dataclass(frozen=True)
class Settings:
    """All settings of a run; ``Settings()`` is the measured default."""

    retrieval: RetrievalSettings = field(default_factory=RetrievalSettings)
    verdicts: VerdictSettings = field(default_factory=VerdictSettings)
    conflicts: ConflictSettings = field(default_factory=ConflictSettings)
    model: ModelSettings = field(default_factory=ModelSettings)
    judge: str = "rules"  # who decides verdicts: a name registered in factcheck.judges (the rules by default)

    def updated(self, section: str, values: dict[str, Any]) -> Settings:
        """A copy with some fields of one section replaced (names checked by the caller)."""
        return replace(self, **{section: replace(getattr(self, section), **values)})


def field_names(section: type) -> list[str]:
    return [f.name for f in fields(section)]
