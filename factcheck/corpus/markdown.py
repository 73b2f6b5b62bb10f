"""Markdown: read as CommonMark (markdown-it-py), every character of prose kept at its line and column.

A README or changelog hides its facts in structure: "## 1.12 (2022-04-07)" says when every
line under it was released, and "| zstd | 2.887 |" under "| codec | ratio |" says that
zstd's ratio is 2.887. Each table row becomes one sentence, "codec: zstd; ratio: 2.887.",
placed at the row's line; each heading becomes the ``section`` of the sentences after it
(its own sentence included).

What a reader of the rendered page sees is what becomes text: emphasis markers, link
targets, images and HTML tags are dropped, struck-through text (``~~old~~``) too, and code
blocks are not prose (a figure in a code sample backs nothing). The parser gives each block
its lines; within a block each piece of text (a text token, an entity, a code span) is
found in the block's source from where the previous one ended, so every character keeps
its place in the file. markdown-it-py is a linear-time parser (issue 21: the regular
expressions before it were cubic on a heading of spaces, quadratic on a long table rule).
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_inline import image as image_rule
from markdown_it.rules_inline import link as link_rule
from markdown_it.rules_inline.state_inline import StateInline
from markdown_it.token import Token

from factcheck.corpus.extracted import Extracted, decode_text
from factcheck.corpus.html import HIDDEN_LT, PositionMap, defuse, row_sentence
from factcheck.corpus.webpage import BLOCK_TAGS, SKIP_TAGS
from factcheck.limits import MARKDOWN_PIECE_CHARS, MAX_MARKDOWN_BYTES, MIB

# CommonMark with GitHub's tables and strikethrough, its blocks read first; then each block's inline
# content, one block at a time (its tokens dropped after it). text_join off: an escape or an entity
# stays its own token, whose markup is its source ("\*", "&amp;"), so it can be found there. Inline
# nesting (links and emphasis inside each other) is bounded lower than blocks': the parser's work on
# "[[[[..." is that depth for every "[".
_BLOCKS = MarkdownIt("commonmark").enable(["table", "strikethrough"]).disable("inline")
_INLINE = MarkdownIt("commonmark", {"maxNesting": 8}).enable(["strikethrough"]).disable("text_join")
_LITERAL = ("text", "text_special", "code_inline")
_NEAR = 64  # the most syntax that stands between two pieces of text, not counting spaces or links
Piece = tuple[str, int]  # text, and its offset in the block's source (-1: a line break, placed nowhere)


# What a blank line does not end: a fenced code block, and the HTML blocks that run to a closing
# mark (CommonMark's kinds 1 to 5), each with an opening that starts one again.
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})(.*)")
_HTML_RUNS = [
    (
        re.compile(r" {0,3}<(script|pre|style|textarea)(?=\s|>|$)", re.I),
        re.compile(r"</(script|pre|style|textarea)>", re.I),
    ),
    (re.compile(r" {0,3}<!--"), re.compile(r"-->")),
    (re.compile(r" {0,3}<\?"), re.compile(r"\?>")),
    (re.compile(r" {0,3}<![A-Za-z]"), re.compile(r">")),
    (re.compile(r" {0,3}<!\[CDATA\["), re.compile(r"\]\]>")),
]


@dataclass(frozen=True)
class _Piece:
    text: str
    line: int  # the file's line (0-based) of the text's first line
    column: int  # the file's column (0-based) of the text's first character
    opened: bool = False  # its first line is not the file's: it opens again the code or HTML block cut


class _Runs:
    """Whether a line stands inside a fenced code block or a long HTML block, one line at a time."""

    def __init__(self) -> None:
        self.fence = ""  # the open fence's marker
        self.closing: re.Pattern[str] | None = None  # what ends the open HTML block
        self.opening = ""  # what starts it again, for a piece cut inside it

    def inside(self) -> bool:
        return bool(self.fence) or self.closing is not None

    def see(self, line: str) -> None:
        if self.fence:
            m = _FENCE.fullmatch(line)
            if m and m.group(1)[0] == self.fence[0] and len(m.group(1)) >= len(self.fence) and not m.group(2).strip():
                self.fence = ""
        elif self.closing is not None:
            if self.closing.search(line):
                self.closing = None
        elif (m := _FENCE.match(line)) and not (m.group(1)[0] == "`" and "`" in m.group(2)):
            self.fence = self.opening = m.group(1)
        else:
            for start, end in _HTML_RUNS:
                opened = start.match(line)
                if opened:
                    self.opening = opened.group(0).strip()
                    self.closing = None if end.search(line, opened.end()) else end
                    break


def _pieces(source: str, size: int = MARKDOWN_PIECE_CHARS) -> Iterator[_Piece]:
    """The source in pieces the parser can take one at a time, each of about ``size`` characters.

    A piece ends before a line that starts a new top-level block after a blank line, outside any
    fenced code or long HTML block: nothing CommonMark reads runs across such a place. Where none
    comes within 4 x ``size`` (a paragraph or a list that long), it ends at a line anyway (a code
    block cut so is opened again in the next piece), and inside a line that long, at a space.
    """
    runs = _Runs()
    start, first, column, carry = 0, 0, 0, ""
    pos, line, blank = 0, 0, True
    while pos < len(source):
        end = source.find("\n", pos)
        end = len(source) if end < 0 else end
        clean = blank and not runs.inside() and source[pos] not in " \t\n"
        if pos > start and (end - start > 4 * size or (pos - start >= size and clean)):
            yield _Piece(carry + source[start:pos], first - bool(carry), 0 if carry else column, bool(carry))
            carry = runs.opening + "\n" if runs.inside() else ""
            start, first, column = pos, line, 0
        while end - start > 4 * size and not runs.inside():  # a line that long (outside code): cut at a space
            cut = source.rfind(" ", start + size, start + 4 * size)
            cut = cut + 1 if cut > start else start + 4 * size
            yield _Piece(source[start:cut], first, column)
            start, first, column = cut, line, cut - pos
        text = source[pos:end]
        runs.see(text)
        blank = not text.strip(" \t")
        pos, line = end + 1, line + 1
    if start < len(source) or not source:
        yield _Piece(carry + source[start:], first - bool(carry), 0 if carry else column, bool(carry))


class _Positions(PositionMap):
    """A position map whose columns stay on their line: a table row is restated ("codec: zstd; ...")
    longer than it is written, so a sentence starting inside it is placed at most at its line's end."""

    def __init__(self, anchors: list[tuple[int, int, int]], widths: list[int]) -> None:
        super().__init__(anchors)
        self.widths = widths

    def locate(self, offset: int) -> tuple[int, int]:
        line, column = super().locate(offset)
        return line, min(column, self.widths[line - 1] + 1) if line <= len(self.widths) else column


def _first_line_of(content: str, first: int, lines: list[str]) -> int:
    """The block's first line that its content starts on: the parser strips leading lines that Python
    calls blank but CommonMark does not (a line of U+2028 alone: found by the fuzzer), so the content can
    begin a line or more below the block's first line."""
    head = content.split("\n", 1)[0].strip(" \t")
    while head and first < len(lines) - 1 and head not in lines[first] and not lines[first].strip():
        first += 1
    return first


class _Lines:
    """Where each line of a block's source (as the parser hands it over) stands in the file.

    The parser strips a block's container markers ("> ", "- ") and indentation from each line;
    what remains ends the piece's line (a heading's closing "#"s and trailing spaces aside), so
    it is found there from the right.
    """

    def __init__(self, content: str, first: int, piece: _Piece, lines: list[str]) -> None:
        self.starts: list[int] = []
        self.places: list[tuple[int, int]] = []
        offset = 0
        first = _first_line_of(content, first, lines)
        for k, part in enumerate(content.split("\n")):
            n = first + k
            line = lines[n] if n < len(lines) else ""
            core = part.strip(" \t")
            lead = len(part) - len(part.lstrip(" \t"))
            found = line.rfind(core) if core else -1
            base = found if found >= 0 else len(line) - len(line.lstrip(" \t"))
            self.starts.append(offset)
            self.places.append((piece.line + n + 1, base - lead + 1 + (piece.column if n == 0 else 0)))
            offset += len(part) + 1

    def locate(self, offset: int) -> tuple[int, int]:
        k = bisect.bisect_right(self.starts, offset) - 1
        line, column = self.places[k]
        return line, max(1, column + offset - self.starts[k])


class _Walk:
    """An inline token's children in order, each visible piece with its offset in the source."""

    def __init__(self, token: Token, env: dict[str, Any]) -> None:
        self.source = token.content
        self.env = env
        self.at = 0  # how far the source is accounted for
        self.ends: list[int] = []  # where each open link ends in the source
        self.struck = 0
        self.blank = (0, 0)  # the run of spaces from ``at``: (at, where it ends)

    def pieces(self) -> Iterator[Piece]:
        for child in _INLINE.inline.parse(self.source, _INLINE, self.env, []):
            kind = child.type
            if kind in _LITERAL:
                text, start = self._literal(child)
                if text and not self.struck:
                    yield text, start
            elif kind in ("softbreak", "hardbreak"):
                self._past("\n")
                if not self.struck:
                    yield "\n", -1
            elif kind == "link_open":
                self._open_link(child)
            elif kind == "link_close":
                self.at = max(self.at, self.ends.pop() if self.ends else self.at)
            elif kind == "image":
                self.at = self._skip_rule(image_rule, self._find("!["))
            elif kind == "html_inline":
                self._past(child.content)
            elif child.markup:  # emphasis and strikethrough markers
                self.struck += (kind == "s_open") - (kind == "s_close")
                self._past(child.markup)

    def _find(self, needle: str) -> int:
        """Where ``needle`` stands next: at ``at``, past a run of spaces or a mark or two of syntax.

        Looked for that near only: a piece the parser changed (an autolink's normalised address)
        is not found, and a search to the end of the block for each would be quadratic.
        """
        if self.blank[0] != self.at:
            end = self.at
            while end < len(self.source) and self.source[end] in " \t\n":
                end += 1
            self.blank = (self.at, end)
        return self.source.find(needle, self.at, self.blank[1] + len(needle) + _NEAR)

    def _past(self, markup: str) -> None:
        found = self._find(markup)
        if found >= 0:
            self.at = found + len(markup)

    def _literal(self, token: Token) -> Piece:
        """A text token is its source; an escape or entity stands for its markup; a code span for its inside."""
        if token.type == "text":
            found = self._find(token.content)
            if found < 0:  # an autolink's text is its normalised address
                return token.content, self.at
            self.at = found + len(token.content)
            return token.content, found
        found = self._find(token.markup)
        if found < 0:
            return token.content, self.at
        if token.type == "text_special":
            self.at = found + len(token.markup)
            return token.content, found
        return self._code(token, found + len(token.markup))

    def _code(self, token: Token, start: int) -> Piece:
        """A code span: line ends inside it became spaces and one space each side may be stripped."""
        size = len(token.content)
        for begin in (start, start + 1):
            inside = self.source[begin : begin + size]
            if inside.replace("\n", " ") == token.content:
                close = self.source.find(token.markup, begin + size, begin + size + len(token.markup) + 2)
                self.at = close + len(token.markup) if close >= 0 else begin + size
                return inside, begin
        return token.content, start

    def _open_link(self, token: Token) -> None:
        if token.markup == "autolink":  # <https://...>: its text is the address
            start = self._find("<")
            end = self.source.find(">", start + 1) if start >= 0 else -1
            self.at = start + 1 if start >= 0 else self.at
            self.ends.append(end + 1 if end >= 0 else self.at)
            return
        start = self._find("[")
        self.ends.append(self._skip_rule(link_rule, start))
        self.at = start + 1 if start >= 0 else self.at

    def _skip_rule(self, rule: Any, start: int) -> int:
        """Where the link or image at ``start`` ends: the parser's own rule run again there, silently."""
        if start < 0:
            return self.at
        state = StateInline(self.source, _INLINE, self.env, [])
        state.pos = start
        return int(state.pos) if rule(state, True) else self.at


class _HtmlText(HTMLParser):
    """The text of a block of raw HTML in Markdown, each piece at its offset in the block."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.starts = [0]
        for line in source.split("\n")[:-1]:
            self.starts.append(self.starts[-1] + len(line) + 1)
        self.out: list[Piece] = []
        self.skip = 0

    def _put(self, text: str) -> None:
        if not self.skip:
            line, column = self.getpos()
            self.out.append((text.replace(HIDDEN_LT, "<"), self.starts[line - 1] + column))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.skip += tag in SKIP_TAGS
        if tag in BLOCK_TAGS:
            self.out.append(("\n", -1))

    def handle_endtag(self, tag: str) -> None:
        self.skip = max(0, self.skip - (tag in SKIP_TAGS))
        if tag in BLOCK_TAGS:
            self.out.append(("\n", -1))

    def handle_data(self, data: str) -> None:
        self._put(data)

    def handle_entityref(self, name: str) -> None:
        self._put(html.unescape(f"&{name};"))

    def handle_charref(self, name: str) -> None:
        self._put(html.unescape(f"&#{name};"))


def _html_pieces(source: str) -> list[Piece]:
    parser = _HtmlText(source)
    parser.feed(defuse(source))  # "<p <p <p ...": html.parser is quadratic on a "<" that opens no tag
    parser.close()
    return parser.out


class _Builder:
    """The document's text, block by block, with an anchor back to the file for every piece."""

    def __init__(self) -> None:
        self.piece = _Piece("", 0, 0)
        self.lines: list[str] = []
        self.env: dict[str, Any] = {}
        self.parts: list[str] = []
        self.anchors: list[tuple[int, int, int]] = [(0, 1, 1)]
        self.length = 0
        self.sections: list[tuple[int, str]] = []
        self.heading = False
        self.cells: list[str] | None = None  # the table row being read
        self.header: list[str] | None = None
        self.row_line = (0, 1)

    def read(self, piece: _Piece) -> None:
        self.piece, self.lines = piece, piece.text.split("\n")
        for token in _BLOCKS.parse(piece.text, self.env):
            self.block(token)

    def add(self, text: str, line: int = 0, column: int = 1) -> None:
        if line:
            self.anchors.append((self.length, line, column))
        self.parts.append(text)
        self.length += len(text)

    def block(self, token: Token) -> None:
        kind = token.type
        if kind in ("heading_open", "heading_close"):
            self.heading = kind == "heading_open"
        elif kind == "inline" and self.cells is not None:
            self.cells.append(" ".join("".join(t for t, _ in _Walk(token, self.env).pieces()).split()))
        elif kind == "inline":
            self.prose(token, _Walk(token, self.env).pieces())
        elif kind == "html_block":
            self.prose(token, iter(_html_pieces(token.content)))
        elif kind == "tr_open":
            self.cells = []
            self.row_line = _Lines(token.content, (token.map or [0])[0], self.piece, self.lines).places[0]
        elif kind == "tr_close":
            self.row(self.cells or [])
            self.cells = None
        elif kind == "thead_open":
            self.header = None
        # code blocks and fences are not prose: nothing of them is read

    def prose(self, token: Token, pieces: Iterator[Piece]) -> None:
        lines = _Lines(token.content, (token.map or [0])[0], self.piece, self.lines)
        start, first = self.length, len(self.parts)
        for text, offset in pieces:
            if offset < 0:
                self.add(text)
                continue
            for k, part in enumerate(text.split("\n")):  # a code span or HTML text over lines
                if k:
                    self.add("\n")
                    offset = token.content.find("\n", offset) + 1
                line, column = lines.locate(offset)
                if part and not (self.piece.opened and line == self.piece.line + 1):  # not the opening put back
                    self.add(part, line, column)
        if self.heading:  # placed just before the heading's text, so its own sentence stands under it
            self.sections.append((start - 1, " ".join("".join(self.parts[first:]).split())))
        self.add("\n\n")

    def row(self, cells: list[str]) -> None:
        if self.header is None:  # the head row names the columns; it states nothing
            self.header = cells
        elif any(cells):  # a row of empty cells states nothing
            self.add(row_sentence(self.header, cells) + "\n\n", *self.row_line)


def read_markdown(raw: bytes, size: int = MARKDOWN_PIECE_CHARS) -> Extracted:
    """The text a reader of the rendered page sees, headings as sections, table rows as sentences."""
    source = decode_text(raw)
    if len(raw) > MAX_MARKDOWN_BYTES:
        note = f"over {MAX_MARKDOWN_BYTES // MIB} MiB of Markdown: read as plain text, its markup kept"
        return Extracted(source, PositionMap.identity(source), notes=(note,))
    out = _Builder()
    pieces = list(_pieces(source, size))
    if len(pieces) > 1 and "]:" in source:  # a link's definition may stand in a later piece
        for piece in pieces:
            _BLOCKS.parse(piece.text, out.env)
    for piece in pieces:
        out.read(piece)
    widths = [len(line) for line in source.split("\n")]
    return Extracted("".join(out.parts), _Positions(out.anchors, widths), out.sections)
