"""Source documents: readers by format, sentences with their positions, document dates.

Every sentence keeps the file, line and column it starts at, so evidence can be cited
as ``file:line``. Page furniture ("top of page", "See All", player clocks) is kept as a
sentence, because a neighbour may need it for context, but is never offered as evidence.
"""

from __future__ import annotations

from factcheck.corpus.load import find_files, from_texts, load_corpus, parse_document
from factcheck.corpus.model import Corpus, Document, Sentence
from factcheck.corpus.readers import READERS, Extracted, Reader, Unreadable, register
from factcheck.limits import MAX_DOCUMENT_BYTES

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "READERS",
    "Corpus",
    "Document",
    "Extracted",
    "Reader",
    "Sentence",
    "Unreadable",
    "find_files",
    "from_texts",
    "load_corpus",
    "parse_document",
    "register",
]
