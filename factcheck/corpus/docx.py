"""Word (.docx): paragraphs, headings, tables, footnotes and endnotes, each at its paragraph number.

A .docx is a zip of XML; the body is ``word/document.xml``, the notes ``word/footnotes.xml``
and ``word/endnotes.xml``. The standard library reads it (zipfile, ElementTree), so no
dependency is needed. Every paragraph of the body, and every row of a table, becomes one
block of text; its "line" is its number in the document (1-based, in reading order, the
notes after the body), and the column counts characters within it. A table row is written
with its column headings ("State: Texas; Agencies: 42"), so a figure in a table keeps what
it counts. Tracked deletions, page headers, footers and comments are not read.

A .docx is bounded by what it expands to, not by its size on disk (issue 21: a 169 KB file
held 1.6M paragraphs): each XML part is decompressed a chunk at a time and parsed as it
comes, each block let go once read, so time and memory stay within the bounds in
``factcheck.limits`` (the XML unzipped, the blocks, the nesting, and the text: no more
than a plain document may hold); past one, the file is skipped with the reason. So is a
part that is encrypted, compressed in a way Word never uses, or corrupt.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from xml.parsers import expat

from factcheck.corpus.extracted import Extracted, Unreadable
from factcheck.corpus.html import PositionMap
from factcheck.limits import MAX_DOCUMENT_BYTES, MAX_DOCX_BLOCKS, MAX_DOCX_NESTING, MAX_DOCX_XML_BYTES, MIB

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main}"  # expat's names: namespace}name
BODY = "word/document.xml"
NOTES = ("word/footnotes.xml", "word/endnotes.xml")
CHUNK = 64 * 1024
_P, _T, _TBL, _TR, _TC, _HYPHEN = (W + n for n in ("p", "t", "tbl", "tr", "tc", "noBreakHyphen"))
_SPACE = {W + n for n in ("tab", "br", "cr")}
# Where paragraphs and tables stand as blocks: the body, content controls, the notes.
_STREAMED = {W + n for n in ("body", "sdt", "sdtContent", "footnotes", "footnote", "endnotes", "endnote")}


def _chunks(zf: zipfile.ZipFile, name: str, budget: list[int]) -> Iterator[bytes]:
    """A part's XML, unzipped a chunk at a time; ``budget`` is what all parts may still unzip to."""
    info = zf.getinfo(name)
    if info.flag_bits & 0x1:
        raise Unreadable("it is encrypted (a password is needed)")
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise Unreadable(f"{name} is compressed with method {info.compress_type}, which Word never uses")
    with zf.open(info) as part:
        while chunk := part.read(CHUNK):
            budget[0] -= len(chunk)
            if budget[0] < 0:
                raise Unreadable(f"its XML is over {MAX_DOCX_XML_BYTES // MIB} MiB unzipped (a zip bomb?)")
            yield chunk


class _Blocks:
    """Paragraphs and table rows in reading order, from the XML parser's callbacks as they come.

    No tree is built: a block's text is gathered as it is read, so a body of a million
    paragraphs takes the memory of one, and the time of reading them.
    """

    def __init__(self) -> None:
        self.out: list[str] = []
        self.open: list[str] = []  # the open elements' names
        self.texts: list[list[str]] = []  # the open paragraphs' text (a text box's paragraph inside another)
        self.in_text = False  # inside a w:t: its characters are text
        self.cell: list[str] | None = None  # the open cell of a table at block level
        self.row: list[str] | None = None
        self.head: list[str] | None = None  # the first row of that table
        self.rows = 0
        self.tables = 0  # tables open; the outermost, at block level, is read row by row
        self.table = False  # whether the outermost open table stands at block level
        self.seen = False  # a body (or notes) element met
        self.size = 0  # characters of text read

    def start(self, name: str, attrs: object) -> None:
        if len(self.open) >= MAX_DOCX_NESTING:
            raise Unreadable(f"its XML is nested deeper than {MAX_DOCX_NESTING} levels")
        if name == _T:
            self.in_text = bool(self.texts)
        elif name == _P:
            self.texts.append([])
        elif name in _SPACE and self.texts:
            self.texts[-1].append(" ")
        elif name == _HYPHEN and self.texts:
            self.texts[-1].append("-")
        elif name == _TBL:
            self.tables += 1
            if self.tables == 1:
                self.table, self.head, self.rows = self._at_block_level(), None, 0
        elif name == _TR and self._in_table():
            self.row = []
        elif name == _TC and self._in_table():
            self.cell = []
        elif name in _STREAMED:
            self.seen = True
        self.open.append(name)

    def text(self, data: str) -> None:
        if self.in_text:
            self.texts[-1].append(data)
            self.size += len(data)
            if self.size > MAX_DOCUMENT_BYTES:  # as much text as a plain document may hold
                raise Unreadable(f"its text is over {MAX_DOCUMENT_BYTES // MIB} MiB")

    def end(self, name: str) -> None:
        self.open.pop()
        if name == _T:
            self.in_text = False
        elif name == _P:
            self._paragraph(" ".join("".join(self.texts.pop()).split()))
        elif name == _TC and self._in_table() and self.row is not None:
            self.row.append(" ".join(" ".join(self.cell or []).split()))
            self.cell = None
        elif name == _TR and self._in_table() and self.row is not None:
            self._table_row(self.row)
            self.row = None
        elif name == _TBL:
            self.tables -= 1

    def _at_block_level(self) -> bool:
        return all(name in _STREAMED for name in self.open[1:])

    def _in_table(self) -> bool:
        """Inside the outermost table, itself at block level (a nested table's rows are its cell's text)."""
        return self.table and self.tables == 1

    def _paragraph(self, text: str) -> None:
        if self.texts:  # a paragraph inside another (a text box): part of its text
            self.texts[-1].append(" " + text)
        elif self.cell is not None:
            self.cell.append(text)
        elif self.tables == 0 and self._at_block_level():
            self._block(text)

    def _table_row(self, cells: list[str]) -> None:
        """The first row names the columns when it has two or more and none is empty."""
        self.rows += 1
        if self.rows == 1:
            self.head = cells if len(cells) >= 2 and all(cells) else None
            self._block("; ".join(c for c in cells if c))
        elif self.head is None:
            self._block("; ".join(c for c in cells if c))
        else:
            pairs = zip(self.head, cells, strict=False)
            self._block("; ".join(f"{h}: {c}" if h and c else c for h, c in pairs if c))

    def _block(self, text: str) -> None:
        if len(self.out) >= MAX_DOCX_BLOCKS:
            raise Unreadable(f"it has more than {MAX_DOCX_BLOCKS:,} paragraphs and table rows")
        self.out.append(text)


def _no_doctype(*_: object) -> None:
    raise Unreadable("its XML declares entities, which Word never writes")


def _parse(chunks: Iterator[bytes], blocks: _Blocks, part: str) -> None:
    """Feed one XML part to ``blocks`` (expat, names as "namespace}name")."""
    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True
    parser.StartElementHandler = blocks.start
    parser.EndElementHandler = blocks.end
    parser.CharacterDataHandler = blocks.text
    parser.StartDoctypeDeclHandler = _no_doctype  # a DOCTYPE is where entities are declared
    parser.EntityDeclHandler = _no_doctype
    try:
        for chunk in chunks:
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError as exc:
        raise Unreadable(f"its XML is broken ({part}: {expat.ErrorString(exc.code)}, line {exc.lineno})") from None


def blocks(raw: bytes) -> list[str]:
    """The text of every paragraph and table row: the body's, then the footnotes' and endnotes'."""
    out = _Blocks()
    budget = [MAX_DOCX_XML_BYTES]
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            names = set(zf.namelist())
            if BODY not in names:
                raise Unreadable("not a Word .docx file (no word/document.xml inside)")
            _parse(_chunks(zf, BODY, budget), out, BODY)
            if not out.seen:
                raise Unreadable("has no document body")
            for part in NOTES:
                if part in names:
                    _parse(_chunks(zf, part, budget), out, part)
    except zipfile.BadZipFile as exc:
        if "File is not a zip file" in str(exc):
            raise Unreadable("not a Word .docx file (no word/document.xml inside)") from None
        raise Unreadable(f"its zip data is corrupt ({exc})") from None
    except (zlib.error, EOFError, OSError, NotImplementedError, RuntimeError, ValueError) as exc:
        raise Unreadable(f"its zip data is corrupt ({exc or type(exc).__name__})") from None
    return out.out


def read_docx(raw: bytes) -> Extracted:
    paragraphs = blocks(raw)
    parts: list[str] = []
    anchors: list[tuple[int, int, int]] = [(0, 1, 1)]
    length = 0
    for number, text in enumerate(paragraphs, 1):
        if not text:
            continue
        if parts:
            parts.append("\n\n")
            length += 2
        anchors.append((length, number, 1))
        parts.append(text)
        length += len(text)
    if not parts:
        raise Unreadable("has no text")
    return Extracted("".join(parts), PositionMap(anchors))
