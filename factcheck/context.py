"""One run's context: what a run reads and judges with, built once where paths are resolved.

:mod:`factcheck.project` builds it (the cache it read the documents through, the settings of
``[tool.factcheck]``), the library (:mod:`factcheck.api`) and the cluster take it; a library
user who builds none gets the defaults: no store, the BM25 index, the judge the settings name.
The corpus itself stays plain data: whatever remembers things between runs is the store here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from factcheck.judges import Judge, judge_for
from factcheck.lang import ENGLISH, Language
from factcheck.memo import Memo
from factcheck.retrieval.base import Retriever
from factcheck.retrieval.bm25 import Index
from factcheck.retrieval.postings import IndexStore
from factcheck.settings import RetrievalSettings, Settings

if TYPE_CHECKING:
    from factcheck.analysis import Analysis


class Store(IndexStore, Protocol):
    """Keeps an index and verdicts between runs (the cache, :class:`factcheck.cache.Cache`)."""

    def verdicts(self, settings: str, documents: list[str]) -> Memo | None:
        """The results kept for these documents and settings (None: these documents cannot be keyed)."""
        ...

    def keep(self, memo: Memo) -> None:
        """Save a run's results for the next."""
        ...


# (analysis, retrieval settings, store) -> the first stage that finds each claim's sentences
RetrieverFactory = Callable[["Analysis", RetrievalSettings, "IndexStore | None"], Retriever]


def bm25(analysis: Analysis, settings: RetrievalSettings, store: IndexStore | None) -> Retriever:
    """The BM25 index with neighbours (:class:`~factcheck.retrieval.Index`), from the store's parts when kept."""
    return Index(analysis, settings, store=store)


@dataclass(frozen=True)
class RunContext:
    """The settings, the judge, the store (or none), the retriever factory and the language of one run."""

    settings: Settings
    judge: Judge
    store: Store | None = field(default=None, repr=False, compare=False)
    retriever: RetrieverFactory = bm25
    language: Language = ENGLISH  # what the analysis reads claims and sentences in (factcheck.lang)

    @classmethod
    def of(
        cls,
        settings: Settings | None = None,
        *,
        store: Store | None = None,
        retriever: RetrieverFactory = bm25,
        judge: Judge | None = None,
        language: Language = ENGLISH,
    ) -> RunContext:
        """A context with the defaults filled in: ``Settings()``, and the judge the settings name."""
        settings = settings or Settings()
        return cls(settings, judge or judge_for(settings), store, retriever, language)
