"""Reducing a source format to text while remembering where each piece came from."""

from __future__ import annotations

import bisect
import html
import re
from html.parser import HTMLParser

from factcheck.lang.en import BLOCK_TAGS, SKIP_TAGS


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


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.parts: list[str] = []
        self.anchors: list[tuple[int, int, int]] = [(0, 1, 1)]
        self.length = 0
        self.skip = 0

    def _emit(self, text: str, anchor: bool = True) -> None:
        if anchor:
            line, col = self.getpos()
            self.anchors.append((self.length, line, col + 1))
        self.parts.append(text)
        self.length += len(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIP_TAGS and tag != "head":
            self.skip += 1
        if tag in BLOCK_TAGS:
            self._emit("\n\n", anchor=False)

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP_TAGS and tag != "head" and self.skip:
            self.skip -= 1
        if tag in BLOCK_TAGS:
            self._emit("\n\n", anchor=False)

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self._emit(data)

    def handle_entityref(self, name: str) -> None:
        if not self.skip:
            self._emit(html.unescape(f"&{name};"))

    def handle_charref(self, name: str) -> None:
        if not self.skip:
            self._emit(html.unescape(f"&#{name};"))


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


def html_to_text(source: str) -> tuple[str, PositionMap]:
    """Reduce HTML to its visible text, remembering where each piece came from."""
    parser = _TextExtractor()
    parser.feed(defuse(source))
    parser.close()
    return "".join(parser.parts).replace(HIDDEN_LT, "<"), PositionMap(parser.anchors)
