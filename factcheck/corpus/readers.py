"""Document readers, one entry per format: bytes in, text with positions out.

To read a new format, write a function ``bytes -> Extracted`` and register it for its
suffixes (see ARCHITECTURE.md). A reader raises :class:`Unreadable` for a file it
cannot read; the loader turns that into a warning naming the file and skips it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from factcheck.corpus.extracted import Extracted, Unreadable, decode_text
from factcheck.corpus.html import PositionMap

__all__ = ["READERS", "Extracted", "Reader", "Unreadable", "decode_text", "reader_for", "register", "suffixes"]


@dataclass(frozen=True)
class Reader:
    name: str
    suffixes: tuple[str, ...]
    read: Callable[[bytes], Extracted]
    types: tuple[str, ...] = ()  # media types ("application/pdf") it reads, for fetched URLs


def read_plain(raw: bytes) -> Extracted:
    text = decode_text(raw)
    return Extracted(text, PositionMap.identity(text))


def read_html(raw: bytes) -> Extracted:
    """A web page's main text: menus, banners, footers and other furniture left out."""
    from factcheck.corpus.webpage import main_text

    text, positions = main_text(decode_text(raw))
    return Extracted(text, positions)


def _read_markdown(raw: bytes) -> Extracted:
    from factcheck.corpus.markdown import read_markdown

    return read_markdown(raw)


def read_pdf(raw: bytes) -> Extracted:
    from factcheck.corpus.pdf import read_pdf as read

    return read(raw)


def read_docx(raw: bytes) -> Extracted:
    from factcheck.corpus.docx import read_docx as read

    return read(raw)


READERS: list[Reader] = [
    Reader("text", (".txt",), read_plain),
    Reader("markdown", (".md", ".markdown"), _read_markdown),
    Reader("html", (".html", ".htm"), read_html, ("text/html", "application/xhtml+xml")),
    Reader("pdf", (".pdf",), read_pdf, ("application/pdf",)),
    Reader("docx", (".docx",), read_docx),
]


def register(reader: Reader) -> None:
    """Add a reader; a later registration wins for a suffix both claim."""
    READERS.append(reader)


def reader_for(path: str) -> Reader | None:
    lower = path.lower()
    for reader in reversed(READERS):
        if lower.endswith(reader.suffixes):
            return reader
    return None


def reader_for_type(media_type: str) -> Reader | None:
    """The reader of a media type (``text/html; charset=utf-8`` -> html), None when there is none."""
    kind = media_type.split(";")[0].strip().lower()
    for reader in reversed(READERS):
        if kind in reader.types:
            return reader
    return None


def suffixes() -> tuple[str, ...]:
    return tuple(s for reader in READERS for s in reader.suffixes)
