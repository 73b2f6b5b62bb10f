"""The main text of a web page, with line and column in the saved file.

A news page or report page is mostly furniture: menus, cookie banners, share buttons,
"related" lists and footers. This reader keeps

- only the inside of ``<main>``, ``<article>`` or ``role="main"`` when the page has one,
- and there (or in the whole body, when it has none) nothing inside ``nav``, ``header`` or
  ``footer`` (outside the main part), ``form``, ``dialog``, ``button``, hidden elements, or
  elements whose id, class or role names furniture (cookie, consent, banner, menu, share,
  newsletter, related, ...),
- a box beside the text (``aside``, ``role="complementary"``, a "sidebar" class: a note, a
  tip, a fact box) kept, as a person reads it on the page (issue 19), unless it is
  navigation: it holds a menu, or most of its text is links,

and reduces the rest to text as :mod:`factcheck.corpus.html` does, every piece anchored to
where it stands in the file. A table's row becomes one sentence, each cell with its column's name
("Release: 2.1; Year: 2001; GPL compatible?: no."), as Markdown's rows do, placed at the row's start;
a table holding another table (a page laid out in tables) is read as text. The standard library's
HTMLParser is enough, and keeps the positions an extractor such as trafilatura throws away (measured
in the README).
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from factcheck.corpus.html import HIDDEN_LT, PositionMap, defuse, row_sentence

# Tags that end a line of text, and tags whose content is never text (HTML's, in no language).
BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "section", "article",
    "header", "footer", "blockquote", "pre", "title", "table", "hr", "figcaption", "aside", "nav", "dd", "dt", "main",
    "form",
}  # fmt: skip
SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "head"}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
FURNITURE_TAGS = {"nav", "form", "dialog", "button", "select", "menu", "iframe"}
FURNITURE_ROLES = {"navigation", "banner", "contentinfo", "dialog", "alertdialog", "menu", "search"}
FURNITURE_NAMES = re.compile(
    r"cookie|consent|gdpr|banner|newsletter|subscri|share|social|related|recommend|breadcrumb|"
    r"menu|navbar|(?:^|[-_ ])nav(?:$|[-_ ])|masthead|site-header|site-footer|footer|promo|advert|"
    r"(?:^|[-_ ])ads?(?:$|[-_ ])|paywall|popup|modal|skip-link|comments?(?:$|[-_ ])",
    re.IGNORECASE,
)
BOX_NAMES = re.compile(r"sidebar|aside", re.IGNORECASE)
NAVIGATION = {"nav", "menu"}  # furniture that makes the box holding it navigation
LINK_SHARE = 0.5  # a box more than half of whose text is links is a list of links: navigation
MAIN_TAGS = {"main", "article"}
_HAS_MAIN = re.compile(r"<(?:main|article)\b|role\s*=\s*[\"']?main\b", re.IGNORECASE)


def _is_furniture(tag: str, attrs: dict[str, str | None], in_main: bool) -> bool:
    if tag in FURNITURE_TAGS or tag in SKIP_TAGS:
        return True
    if tag in ("header", "footer") and not in_main:
        return True
    if "hidden" in attrs or (attrs.get("aria-hidden") or "").lower() == "true":
        return True
    if (attrs.get("role") or "").lower() in FURNITURE_ROLES:
        return True
    names = " ".join(attrs.get(k) or "" for k in ("id", "class"))
    return bool(names and FURNITURE_NAMES.search(names))


def _is_box(tag: str, attrs: dict[str, str | None]) -> bool:
    """A box beside the text: an aside, a complementary region, a sidebar."""
    if tag == "aside" or (attrs.get("role") or "").lower() == "complementary":
        return True
    names = " ".join(attrs.get(k) or "" for k in ("id", "class"))
    return bool(names and BOX_NAMES.search(names))


def _is_navigation(tag: str, attrs: dict[str, str | None]) -> bool:
    names = " ".join(attrs.get(k) or "" for k in ("id", "class"))
    return tag in NAVIGATION or (attrs.get("role") or "").lower() in ("navigation", "menu") or "menu" in names.lower()


CELL_TAGS = {"td", "th"}
_SPACES = re.compile(r"\s+")
_NEWLINE = re.compile("\n")


class _Table:
    """An open table: its columns' names, the row being read (its cells, where it starts), the cell being read."""

    def __init__(self) -> None:
        self.header: list[str] | None = None
        self.cells: list[str] = []
        self.heads: list[bool] = []  # each cell of the row: a <th>
        self.cell: list[str] | None = None
        self.start: tuple[int, int] | None = None  # the row's line and column
        self.plain = False  # it holds a table: read as text, not as rows


class _Box:
    """An open box: where its text starts in the output, and how much of it is links."""

    def __init__(self, tag: str, parts: int, anchors: int, length: int) -> None:
        self.tag, self.depth = tag, 1  # open elements of its tag, itself included
        self.parts, self.anchors, self.length = parts, anchors, length
        self.text = self.links = 0
        self.navigation = False


def _is_main(tag: str, attrs: dict[str, str | None]) -> bool:
    return tag in MAIN_TAGS or (attrs.get("role") or "").lower() == "main"


class _MainText(HTMLParser):
    def __init__(self, main_only: bool) -> None:
        super().__init__(convert_charrefs=False)
        self.parts: list[str] = []
        self.anchors: list[tuple[int, int, int]] = [(0, 1, 1)]
        self.length = 0
        self.main_only = main_only
        self.skip: list[str] = []  # open elements inside a skipped one (the skipped one first)
        self.main: list[str] = []  # open elements inside the main part
        self.boxes: list[_Box] = []  # open boxes beside the text, outermost first
        self.in_link = 0
        self.tables: list[_Table] = []  # open tables, outermost first
        self.pre = 0  # open <pre> elements: their line breaks are the text's

    @property
    def emitting(self) -> bool:
        return not self.skip and (bool(self.main) or not self.main_only)

    @property
    def _cell(self) -> list[str] | None:
        """The cell of a table read as rows that text goes to now, if any."""
        table = self.tables[-1] if self.tables else None
        return table.cell if table is not None and not table.plain else None

    def _table_tag(self, tag: str) -> bool:
        """A table's own tag, or a block inside its cell: True where it is handled here (nothing emitted)."""
        if tag == "table":
            for outer in self.tables:
                if not outer.plain:
                    self._end_row(outer)
                    outer.plain = True  # a table in a table: a layout, read as text
            self.tables.append(_Table())
            return False
        table = self.tables[-1] if self.tables else None
        if table is None or table.plain:
            return False
        if tag == "tr":
            self._end_row(table)
            table.start = self.getpos()
        elif tag in CELL_TAGS:
            self._end_cell(table)
            table.cell, table.start = [], table.start or self.getpos()
            table.heads.append(tag == "th")
        elif table.cell is not None and tag in BLOCK_TAGS:
            table.cell.append(" ")
        return True

    def _end_cell(self, table: _Table) -> None:
        if table.cell is not None:
            table.cells.append(_SPACES.sub(" ", "".join(table.cell)).strip())
            table.cell = None

    def _end_row(self, table: _Table) -> None:
        """The row read: the columns' names when it is the first and all head cells, else a sentence."""
        self._end_cell(table)
        cells, heads, start = table.cells, table.heads, table.start
        table.cells, table.heads, table.start = [], [], None
        if not any(cells) or start is None:
            return
        if table.header is None and all(heads):
            table.header = cells  # the head row names the columns; it states nothing
            return
        line, column = start
        self._emit("\n\n", anchor=False)
        self.anchors.append((self.length, line, column + 1))
        self._emit(row_sentence(table.header or [], cells), anchor=False)
        self._emit("\n\n", anchor=False)

    def _emit(self, text: str, anchor: bool = True) -> None:
        if anchor:
            line, col = self.getpos()
            self.anchors.append((self.length, line, col + 1))
            for box in self.boxes:
                box.text += len(text)
                box.links += len(text) if self.in_link else 0
            if "\n" in text and not self.pre:  # a line break in a paragraph is a space; each line keeps its place
                for m in _NEWLINE.finditer(text):
                    line += 1
                    self.anchors.append((self.length + m.end(), line, 1))
                text = text.replace("\n", " ")
        self.parts.append(text)
        self.length += len(text)

    def _open_box(self, tag: str, attrs: dict[str, str | None]) -> None:
        """Count a box's own tag while it is open (to find its end); open a box where text is kept."""
        for box in self.boxes:
            box.depth += tag == box.tag
        if self.emitting and _is_box(tag, attrs):
            self.boxes.append(_Box(tag, len(self.parts), len(self.anchors), self.length))

    def _close_box(self, tag: str) -> None:
        for box in self.boxes:
            box.depth -= tag == box.tag
        while self.boxes and self.boxes[-1].depth <= 0:
            self.drop_if_navigation(self.boxes.pop())

    def drop_if_navigation(self, box: _Box) -> None:
        """A box that holds a menu, or whose text is mostly links, is navigation: its text is taken back."""
        if box.navigation or box.links > LINK_SHARE * box.text:
            del self.parts[box.parts :], self.anchors[box.anchors :]
            self.length = box.length

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.emitting and tag in BLOCK_TAGS and not self._table_tag(tag):
            self._emit("\n\n", anchor=False)
        if tag in VOID_TAGS:
            return
        if tag == "body" and self.skip[:1] == ["head"]:
            self.skip.clear()  # a <head> never closed
        named = dict(attrs)
        judged = bool(self.main) or not self.main_only  # outside the main part nothing is emitted anyway
        if self.skip or (judged and tag not in ("html", "body") and _is_furniture(tag, named, bool(self.main))):
            if self.boxes and not self.skip and _is_navigation(tag, named):
                self.boxes[-1].navigation = True
            self.skip.append(tag)
            return
        if self.main or _is_main(tag, named):
            self.main.append(tag)
        self.pre += tag == "pre"
        self._open_box(tag, named)
        self.in_link += tag == "a" and self.emitting

    def handle_endtag(self, tag: str) -> None:
        skipped = bool(self.skip)
        for stack in (self.skip, self.main):
            if tag in stack:
                del stack[len(stack) - 1 - stack[::-1].index(tag) :]
                break
        if not skipped and self.boxes:
            self._close_box(tag)
        if tag == "a" and not skipped:
            self.in_link = max(0, self.in_link - 1)
        if tag == "pre" and not skipped:
            self.pre = max(0, self.pre - 1)
        if tag in BLOCK_TAGS and self.emitting and not self._table_end(tag):
            self._emit("\n\n", anchor=False)

    def _table_end(self, tag: str) -> bool:
        """A table's own end tag, or a block's inside its cell: True where it is handled here."""
        table = self.tables[-1] if self.tables else None
        if table is None:
            return False
        if tag == "table":
            if not table.plain:
                self._end_row(table)
            self.tables.pop()
            return False
        if table.plain:
            return False
        if tag in CELL_TAGS:
            self._end_cell(table)
        elif tag == "tr":
            self._end_row(table)
        elif table.cell is not None:
            table.cell.append(" ")
        return True

    def _text(self, text: str) -> None:
        cell = self._cell
        if cell is None:
            self._emit(text)
            return
        cell.append(text)
        for box in self.boxes:
            box.text += len(text)
            box.links += len(text) if self.in_link else 0

    def handle_data(self, data: str) -> None:
        if self.emitting:
            self._text(data)

    def handle_entityref(self, name: str) -> None:
        if self.emitting:
            self._text(html.unescape(f"&{name};"))

    def handle_charref(self, name: str) -> None:
        if self.emitting:
            self._text(html.unescape(f"&#{name};"))


def main_text(source: str) -> tuple[str, PositionMap]:
    """The page's main text, furniture left out; the whole visible text when nothing is left."""
    defused = defuse(source)  # "<p <p <p ...": html.parser is quadratic on a "<" that opens no tag
    for main_only in (True, False) if _HAS_MAIN.search(source) else (False,):
        parser = _MainText(main_only)
        parser.feed(defused)
        parser.close()
        while parser.boxes:  # a box never closed ends with the page
            parser.drop_if_navigation(parser.boxes.pop())
        text = "".join(parser.parts).replace(HIDDEN_LT, "<")
        if text.strip():
            return text, PositionMap(parser.anchors)
    return "", PositionMap([(0, 1, 1)])
