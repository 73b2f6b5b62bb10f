"""PDF with a text layer: text in reading order, one flow per paragraph, with page and line.

pypdfium2 (PDFium, the engine of Chrome's viewer) gives each page's text in the order it
was laid out, columns one after another, ligatures expanded, and marks a hyphen that
breaks a word at a line end (U+FFFE or U+0002). This module then

- undoes those hyphens (``en-`` / ``forcement`` -> ``enforcement``),
- leaves out running headers, footers and page numbers: lines at the top or bottom of a
  page that repeat on other pages once digits are ignored, or that are a page number,
- joins the lines of a paragraph with spaces (a line much shorter than the page's full
  lines ends a paragraph), so a sentence wrapped over lines, columns or pages stays whole,
- keeps, for every piece of text, its page and its line on that page (1-based, counted in
  reading order over all text lines of the page, headers included).

Measured against pypdf and pdfplumber on the fixtures in ``tests/data/formats`` (see the
README, "Formats"): pypdf splits kerned words ("of ficers") and keeps ligature glyphs,
pdfplumber interleaves the two columns line by line; both are 5-20x slower.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from factcheck.corpus.extracted import Extracted, Unreadable
from factcheck.corpus.html import PositionMap

_BREAK_HYPHENS = ("\ufffe", "\x02")  # PDFium's marks for a hyphen at a line end
_LIGATURES = re.compile("[\ufb00-\ufb06]")
_PAGE_NUMBER = re.compile(r"^[\W_]*(?:page|p\.)?\s*#+(?:\s*(?:of|/)\s*#+)?[\W_]*$")
_EDGE_LINES = 2  # lines at the top and at the bottom of a page that may be furniture
_SHORT_LINE = 0.75  # a line under this share of the page's full line length ends a paragraph


@dataclass(frozen=True)
class Line:
    text: str
    number: int  # line on its page, 1-based


def _source_lines(page_text: str) -> list[str]:
    """The page's text lines as printed: PDFium's joined hyphenations split back into two lines."""
    text = page_text.replace("\r\n", "\n").replace("\r", "\n")
    for mark in _BREAK_HYPHENS:
        text = text.replace(mark, "-\u0000\n")  # \0 remembers: a hyphen the layout added
    text = _LIGATURES.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), text)
    return [ln.rstrip() for ln in text.split("\n")]


def _page_lines(raw: bytes) -> list[list[Line]]:
    try:
        import pypdfium2 as pdfium
    except ImportError:  # pragma: no cover - a dependency of factcheck
        raise Unreadable("needs pypdfium2 (pip install pypdfium2)") from None
    try:
        pdf = pdfium.PdfDocument(raw)
    except pdfium.PdfiumError as exc:
        raise Unreadable(f"not a readable PDF ({exc})") from None
    pages: list[list[Line]] = []
    try:
        for number in range(len(pdf)):
            try:
                text = pdf[number].get_textpage().get_text_range()
            except pdfium.PdfiumError as exc:  # a damaged page (found by the fuzzer): the file, not a traceback
                raise Unreadable(f"page {number + 1} cannot be read ({exc})") from None
            lines = [Line(t, n) for n, t in enumerate(_source_lines(text), 1) if t.strip()]
            pages.append(lines)
    finally:
        pdf.close()
    return pages


def _norm(text: str) -> str:
    return " ".join(re.sub(r"\d+", "#", text.replace("\u0000", "").lower()).split())


def _edges(lines: list[Line]) -> list[Line]:
    if len(lines) <= 2 * _EDGE_LINES:
        return list(lines)
    return lines[:_EDGE_LINES] + lines[-_EDGE_LINES:]


def running_lines(pages: list[list[Line]]) -> set[tuple[int, int]]:
    """(page index, line number) of headers, footers and page numbers."""
    seen: Counter[str] = Counter()
    for lines in pages:
        seen.update({_norm(ln.text) for ln in _edges(lines)})
    repeats = max(2, (len(pages) + 1) // 2)
    found: set[tuple[int, int]] = set()
    for i, lines in enumerate(pages):
        for ln in _edges(lines):
            norm = _norm(ln.text)
            if _PAGE_NUMBER.match(norm) or (len(pages) > 1 and seen[norm] >= repeats):
                found.add((i, ln.number))
    return found


def _full_length(lines: list[Line]) -> int:
    lengths = sorted(len(ln.text) for ln in lines)
    return lengths[int(len(lengths) * 0.9)] if lengths else 0


class _Flow:
    """The text being built, with an anchor (offset, line on page, column 1) per source line."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.anchors: list[tuple[int, int, int]] = [(0, 1, 1)]
        self.page_starts: list[int] = []
        self.pending = ""  # what goes between the last line and the next one

    def add(self, line: Line, ends_paragraph: bool) -> None:
        text = line.text.strip()
        self._put(self.pending)
        self.anchors.append((self.length, line.number, 1))
        if text.endswith("-\u0000"):
            self._put(text[:-2])
            self.pending = ""
        else:
            self._put(text)
            self.pending = "\n\n" if ends_paragraph else " "

    def _put(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)


def read_pdf(raw: bytes) -> Extracted:
    """The PDF's text, read in a child process with a memory and a time limit (:mod:`.isolated`)."""
    from factcheck import limits
    from factcheck.corpus.isolated import run_isolated

    return run_isolated(read_pdf_here, raw, limits.MAX_PDF_MEMORY, limits.MAX_PDF_SECONDS)


def read_pdf_here(raw: bytes) -> Extracted:
    """The PDF's text, read in this process."""
    pages = _page_lines(raw)
    if not any(pages):
        raise Unreadable("has no text layer (a scan?); factcheck does no OCR: run ocrmypdf on it first")
    furniture = running_lines(pages)
    flow = _Flow()
    for i, lines in enumerate(pages):
        flow.page_starts.append(flow.length + len(flow.pending))
        full = _full_length(lines)
        for ln in lines:
            if (i, ln.number) in furniture:
                continue
            short = len(ln.text.strip()) < _SHORT_LINE * full
            flow.add(ln, short and not ln.text.endswith("-\u0000"))
    text = "".join(flow.parts)
    # A last page with no text starts where the text ends (found by the fuzzer: it started past it).
    return Extracted(text, PositionMap(flow.anchors), pages=tuple(min(p, len(text)) for p in flow.page_starts))
