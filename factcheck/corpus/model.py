"""The corpus model: documents split into sentences, each knowing where it stands."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any


@dataclass(slots=True)
class Sentence:
    """One sentence of a document, where it stands, and whether it may serve as evidence."""

    doc: str  # path relative to the documents folder, with forward slashes
    index: int  # position in the document's sentence list
    text: str
    line: int  # 1-based
    column: int  # 1-based
    evidence: bool = True
    section: str | None = None  # the heading it stands under, where the format has headings
    question: bool = False  # asks rather than states: found and shown, but it backs and contradicts nothing
    page: int | None = None  # 1-based, for paged formats (PDF); ``line`` is then the line on that page


@dataclass(slots=True)
class Document:
    path: str
    sentences: list[Sentence]
    date: date | None = None  # the document's own date, where the text gives one
    date_text: str | None = None
    notes: list[str] = field(default_factory=list)  # warnings from reading it: a sentence cut, too many numbers

    def release(self) -> None:
        """Let go of the sentences where they can be read again (a lazy document); a plain one keeps them."""


_SLOT: Any = Document.__dict__["sentences"]  # the slot a lazy document fills on first use


class LazyDocument(Document):
    """A document whose sentences are read on first use (from the cache): a search touches few documents."""

    __slots__ = ("_load",)

    def __init__(
        self,
        path: str,
        load: Callable[[], list[Sentence]],
        date: date | None = None,
        date_text: str | None = None,
        notes: list[str] | None = None,
    ):
        self.path, self.date, self.date_text, self.notes = path, date, date_text, notes or []
        self._load = load

    @property
    def sentences(self) -> list[Sentence]:
        try:
            return _SLOT.__get__(self)  # type: ignore[no-any-return]
        except AttributeError:
            loaded = self._load()
            _SLOT.__set__(self, loaded)
            return loaded

    @sentences.setter
    def sentences(self, value: list[Sentence]) -> None:
        _SLOT.__set__(self, value)

    def release(self) -> None:
        """Drop the sentences read; they are read again if asked for (a pass over every document holds one)."""
        with contextlib.suppress(AttributeError):  # not read yet
            _SLOT.__delete__(self)

    @property
    def loaded(self) -> bool:
        """Whether the sentences were read."""
        try:
            _SLOT.__get__(self)
        except AttributeError:
            return False
        return True


@dataclass(slots=True)
class Corpus:
    root: Path
    documents: list[Document]
    warnings: list[str] = field(default_factory=list)

    def document(self, path: str) -> Document:
        """The document at a relative path (KeyError when there is none)."""
        for doc in self.documents:
            if doc.path == path:
                return doc
        raise KeyError(path)
