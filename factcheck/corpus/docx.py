"""Word (.docx): paragraphs, headings and tables, each at its paragraph number.

A .docx is a zip of XML; the body is ``word/document.xml``. The standard library reads it
(zipfile, ElementTree), so no dependency is needed. Every paragraph of the body, and every
row of a table, becomes one block of text; its "line" is its number in the document
(1-based, in reading order), and the column counts characters within it. A table row is
written with its column headings ("State: Texas; Agencies: 42"), so a figure in a
table keeps what it counts. Tracked deletions, page headers, footers and comments are
not part of the body and are left out.
"""

from __future__ import annotations

import io
import zipfile
from xml.etree import ElementTree

from factcheck.corpus.extracted import Extracted, Unreadable
from factcheck.corpus.html import PositionMap

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_XML_BYTES = 64 * 1024 * 1024  # the unzipped body; a zip bomb stops here


def _body(raw: bytes) -> ElementTree.Element:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            info = zf.getinfo("word/document.xml")
            if info.file_size > MAX_XML_BYTES:
                raise Unreadable(f"its text is over {MAX_XML_BYTES // (1024 * 1024)} MiB unzipped")
            xml = zf.read(info)
    except (zipfile.BadZipFile, KeyError):
        raise Unreadable("not a Word .docx file (no word/document.xml inside)") from None
    if b"<!DOCTYPE" in xml or b"<!ENTITY" in xml:
        raise Unreadable("its XML declares entities, which Word never writes")
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError as exc:
        raise Unreadable(f"its XML is broken ({exc})") from None
    body = root.find(f"{W}body")
    if body is None:
        raise Unreadable("has no document body")
    return body


def _text(element: ElementTree.Element) -> str:
    """The visible text of a paragraph (or a cell): runs, tabs and breaks; deletions left out."""
    parts: list[str] = []
    for node in element.iter():
        tag = node.tag
        if tag == f"{W}t" and node.text:
            parts.append(node.text)
        elif tag in (f"{W}tab", f"{W}br", f"{W}cr"):
            parts.append(" ")
        elif tag == f"{W}noBreakHyphen":
            parts.append("-")
    return " ".join("".join(parts).split())


def _row_texts(table: ElementTree.Element) -> list[str]:
    rows = [[_text(cell) for cell in row.findall(f"{W}tc")] for row in table.findall(f"{W}tr")]
    if len(rows) < 2 or len(rows[0]) < 2 or not all(rows[0]):
        return ["; ".join(c for c in cells if c) for cells in rows]
    head = rows[0]
    out = ["; ".join(head)]
    for cells in rows[1:]:
        out.append("; ".join(f"{h}: {c}" if h and c else c for h, c in zip(head, cells, strict=False) if c))
    return out


def blocks(body: ElementTree.Element) -> list[str]:
    """Paragraphs and table rows in reading order (sections' structured content included)."""
    out: list[str] = []
    for child in body:
        if child.tag == f"{W}p":
            out.append(_text(child))
        elif child.tag == f"{W}tbl":
            out.extend(_row_texts(child))
        elif child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                out.extend(blocks(content))
    return out


def read_docx(raw: bytes) -> Extracted:
    paragraphs = blocks(_body(raw))
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
