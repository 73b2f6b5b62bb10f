"""Positions in reduced text, and making HTML safe for html.parser: shared by the readers that reduce a
format to text (web pages, Word, PDF, Markdown)."""

from __future__ import annotations

import bisect
import re


class PositionMap:
    """Maps offsets in reduced text back to (line, column) in the source file."""

    def __init__(self, anchors: list[tuple[int, int, int]]):
        # anchors: (text_offset, line, column), sorted by offset
        self._offsets = [a[0] for a in anchors]
        self._anchors = anchors

    @classmethod
    def identity(cls, text: str) -> PositionMap:
        anchors = [(0, 1, 1)]
        for m in re.finditer("\n", text):
            anchors.append((m.end(), len(anchors) + 1, 1))
        return cls(anchors)

    def locate(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self._offsets, offset) - 1
        base, line, column = self._anchors[max(i, 0)]
        return line, column + (offset - base)


def row_sentence(header: list[str], cells: list[str]) -> str:
    """A table's row as a sentence: "codec: zstd; ratio: 2.887." — each cell with its column's name (none where
    the table names no columns)."""
    names = [*header, *[""] * (len(cells) - len(header))]
    pairs = [f"{h}: {c}" if h else c for h, c in zip(names, cells, strict=False) if c]
    return "; ".join(pairs).rstrip(".") + "."


_ROW = re.compile(r"[^;:]{1,80}: [^;]*(?:; [^;:]{1,80}: [^;]*)+")


def is_row(text: str) -> bool:
    """Whether a sentence is a table's row as :func:`row_sentence` wrote it: "Field: pd_lsn; Length: 8 bytes."."""
    return _ROW.fullmatch(text) is not None


def first_cell(text: str) -> int:
    """Where a row's first cell ends (its key: "Release: 2.1"), or 0 for a sentence that is no row."""
    return text.find(";") if is_row(text) else 0


HIDDEN_LT = "\x00"  # never in a document (the readers refuse NUL bytes), so it can stand for "<"


def defuse(source: str) -> str:
    """``source`` with each "<" that cannot open a tag replaced by NUL (same length, same offsets).

    html.parser scans from every "<" to the next ">" (or the end): "<p <p <p …" or an unclosed
    "<!--" repeated took time quadratic in the file. A "<" whose tag would hold another "<"
    before any ">" (and no quote that might hide it) is text; a comment that closes is kept whole.
    """
    out = list(source)
    i = source.find("<")
    no_comment_end_from = len(source) + 1
    while i != -1:
        nxt = source.find("<", i + 1)
        if source.startswith("<!--", i) and i < no_comment_end_from:
            end = source.find("-->", i + 4)
            if end != -1:
                i = source.find("<", end + 3)
                continue
            no_comment_end_from = i
        stop = len(source) if nxt == -1 else nxt
        if source.find(">", i + 1, stop) == -1 and not _quoted(source, i + 1, stop) and nxt != -1:
            out[i] = HIDDEN_LT
        i = nxt
    return "".join(out)


def _quoted(source: str, start: int, stop: int) -> bool:
    return source.find('"', start, stop) != -1 or source.find("'", start, stop) != -1
