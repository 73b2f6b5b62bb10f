"""What a retrieval backend promises: the best sentences for a claim, with a 0-100 score."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from factcheck.corpus import Sentence


@dataclass
class Hit:
    sentence: Sentence
    score: float  # 0-100 coverage of the claim's weighted terms
    context: list[Sentence] = field(default_factory=list)  # neighbours that lent words


class Vocabulary(Protocol):
    """What a judge asks of the corpus's words: how much a term says, and whether a word is a name."""

    def term_weight(self, term: str) -> float:
        """How much a (stemmed) term says: rare terms more (IDF); weighs the parts of a claim."""
        ...

    def is_common_word(self, word: str) -> bool:
        """Whether the corpus writes the word in lower case somewhere ("Only" is; "Texas" is not): names are not."""
        ...


class Retriever(Vocabulary, Protocol):
    """A first stage for verdicts: BM25 here; an engine (tantivy, SQLite FTS5) could be another."""

    def search(self, claim: str, k: int = 3, sources: list[str] | None = None) -> list[Hit]:
        """The best ``k`` evidence sentences for a claim, best first (``sources``: only these documents)."""
        ...
