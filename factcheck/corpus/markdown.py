"""Markdown: headings give context to what follows them, and a table row states its cells.

A README or changelog hides its facts in structure: "## 1.12 (2022-04-07)" says when every
line under it was released, and "| zstd | 2.887 |" under "| codec | ratio |" says that
zstd's ratio is 2.887. Each table row becomes one sentence, "codec: zstd; ratio: 2.887.",
placed at the row's line; each heading becomes the ``section`` of the sentences after it.
"""

from __future__ import annotations

import re

from factcheck.corpus.extracted import Extracted, decode_text
from factcheck.corpus.html import PositionMap

_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(?P<text>.+?)\s*#*\s*$")
_ROW = re.compile(r"^\s*\|(?P<cells>.*)\|\s*$")
_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")


def _cells(line: str) -> list[str]:
    m = _ROW.match(line)
    return [c.strip() for c in m.group("cells").split("|")] if m else []


def _row_sentence(header: list[str], cells: list[str]) -> str:
    """ "codec: zstd; ratio: 2.887." — each cell with its column's name."""
    pairs = [f"{h}: {c}" if h else c for h, c in zip(header, cells, strict=False) if c]
    return "; ".join(pairs).rstrip(".") + "."


class _Builder:
    """Text and position anchors, one source line (or table row) at a time."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.anchors: list[tuple[int, int, int]] = [(0, 1, 1)]
        self.length = 0
        self.sections: list[tuple[int, str]] = []

    def add(self, text: str, line: int) -> None:
        self.anchors.append((self.length, line, 1))
        self.parts.append(text)
        self.length += len(text)


def read_markdown(raw: bytes) -> Extracted:
    lines = decode_text(raw).split("\n")
    out = _Builder()
    header: list[str] | None = None
    for n, line in enumerate(lines, 1):
        heading = _HEADING.match(line)
        if heading:
            out.sections.append((out.length, heading.group("text")))
        if _RULE.match(line) and header is not None:
            continue
        cells = _cells(line)
        if cells and not any(cells):  # "||": a row of empty cells states nothing
            out.add("\n", n)
            continue
        if not cells:
            header = None
            out.add(line + "\n", n)
            continue
        is_header = header is None and n < len(lines) and bool(_RULE.match(lines[n]))
        if is_header:
            header = cells
            out.add("\n", n)
        else:
            out.add(_row_sentence(header or [], cells) + "\n\n", n)
    return Extracted("".join(out.parts), PositionMap(out.anchors), out.sections)
