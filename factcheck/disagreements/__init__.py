"""Where the documents, or the claims, disagree about the same quantity.

Every number stated in the documents and the catalogue becomes a *statement*: its
value as worded, the noun it counts, when it was true (a date in the sentence, an era
such as "at the end of the Obama administration", else the document's own date), and
what it is about (the weighted words of its sentence). Statements counting the same
noun whose sentences are about the same thing form a group; a group whose values cannot
all be true is reported — as a *change* when the differing values carry different
stated times (shown as a timeline), as a *conflict* otherwise.

What is not a disagreement: the same figure rounded ("67%" and "nearly two-thirds"),
different things counted (48 hours, 100 organizations), a part against its whole ("54
agencies, about a third of all agreements"), two figures of one sentence, and a claim
against the sentence it was copied from.

The modules, in the order a run uses them: :mod:`.statements` (figures to statements),
:mod:`.similarity` (word vectors, document stories), :mod:`.pairs` (is a pair comparable,
does it disagree), :mod:`.grouping` (groups and their severity), :mod:`.naming` (a
group's subject), :mod:`.resolutions` (a writer's decisions); :mod:`.model` holds the types.
"""

from __future__ import annotations

from factcheck.disagreements.grouping import find_conflicts
from factcheck.disagreements.model import CHANGE, CONFLICT, ConflictGroup, Severity, Statement
from factcheck.disagreements.naming import plural, subject_name
from factcheck.disagreements.pairs import comparable_pair, disagree, prepare
from factcheck.disagreements.resolutions import apply_resolutions
from factcheck.disagreements.similarity import Stories, statement_cosine
from factcheck.disagreements.statements import (
    SentenceWords,
    claim_statements,
    document_statements,
    sentence_words,
    statements_for,
)

__all__ = [
    "CHANGE",
    "CONFLICT",
    "ConflictGroup",
    "SentenceWords",
    "Severity",
    "Statement",
    "Stories",
    "apply_resolutions",
    "claim_statements",
    "comparable_pair",
    "disagree",
    "document_statements",
    "find_conflicts",
    "plural",
    "prepare",
    "sentence_words",
    "statement_cosine",
    "statements_for",
    "subject_name",
]
