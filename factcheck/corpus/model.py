"""The corpus model: documents split into sentences, each knowing where it stands."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from factcheck.retrieval.parts import DocumentTerms


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


@dataclass(slots=True)
class Corpus:
    root: Path
    documents: list[Document]
    warnings: list[str] = field(default_factory=list)
    # path -> the document's index parts, where the cache had them (factcheck.cache); the index computes the rest
    terms: dict[str, DocumentTerms] = field(default_factory=dict, repr=False, compare=False)

    def document(self, path: str) -> Document:
        """The document at a relative path (KeyError when there is none)."""
        for doc in self.documents:
            if doc.path == path:
                return doc
        raise KeyError(path)

    @classmethod
    def from_texts(cls, texts: dict[str, str], root: Path = Path(".")) -> Corpus:
        """A corpus held in memory: relative path -> text, read by the reader of its suffix."""
        from factcheck.corpus.load import parse_document

        documents = [parse_document(path, text) for path, text in texts.items()]
        return cls(root, documents, [note for doc in documents for note in doc.notes])
