"""Source documents: loading, HTML reduction, sentence splitting with positions.

Every sentence keeps the file, line and column it starts at, so evidence can be
cited as ``file:line``. Page furniture ("top of page", "See All", player clocks) is
kept as a sentence, because a neighbour may need it for context, but is never
offered as evidence.
"""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

from factcheck.errors import FactcheckError
from factcheck.quantities import MONTHS

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024


@dataclass
class Sentence:
    """One sentence of a document, where it stands, and whether it may serve as evidence."""

    doc: str  # path relative to the documents folder, with forward slashes
    index: int  # position in the document's sentence list
    text: str
    line: int  # 1-based
    column: int  # 1-based
    evidence: bool = True


@dataclass
class Document:
    path: str
    sentences: list[Sentence]
    date: date | None = None  # the document's own date, where the text gives one
    date_text: str | None = None


@dataclass
class Corpus:
    root: Path
    documents: list[Document]
    warnings: list[str] = field(default_factory=list)

    def document(self, path: str) -> Document:
        for doc in self.documents:
            if doc.path == path:
                return doc
        raise KeyError(path)


# --------------------------------------------------------------------------- text


class _PositionMap:
    """Maps offsets in reduced text back to (line, column) in the source file."""

    def __init__(self, anchors: list[tuple[int, int, int]]):
        # anchors: (text_offset, line, column), sorted by offset
        self._offsets = [a[0] for a in anchors]
        self._anchors = anchors

    @classmethod
    def identity(cls, text: str) -> _PositionMap:
        anchors = [(0, 1, 1)]
        for m in re.finditer("\n", text):
            anchors.append((m.end(), len(anchors) + 1, 1))
        return cls(anchors)

    def locate(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self._offsets, offset) - 1
        base, line, column = self._anchors[max(i, 0)]
        return line, column + (offset - base)


_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th",
    "section", "article", "header", "footer", "blockquote", "pre", "title", "table", "hr",
    "figcaption", "aside", "nav", "dd", "dt", "main", "form",
}
_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "head"}


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.parts: list[str] = []
        self.anchors: list[tuple[int, int, int]] = [(0, 1, 1)]
        self.length = 0
        self.skip = 0
        self.in_title = False

    def _emit(self, text: str, anchor: bool = True) -> None:
        if anchor:
            line, col = self.getpos()
            self.anchors.append((self.length, line, col + 1))
        self.parts.append(text)
        self.length += len(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS and tag != "head":
            self.skip += 1
        if tag in _BLOCK_TAGS:
            self._emit("\n\n", anchor=False)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS and tag != "head" and self.skip:
            self.skip -= 1
        if tag in _BLOCK_TAGS:
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


def html_to_text(source: str) -> tuple[str, _PositionMap]:
    """Reduce HTML to its visible text, remembering where each piece came from."""
    parser = _TextExtractor()
    parser.feed(source)
    parser.close()
    return "".join(parser.parts), _PositionMap(parser.anchors)


# ---------------------------------------------------------------------- sentences

_TITLES = {
    "mr", "mrs", "ms", "dr", "prof", "lt", "sen", "sens", "rep", "reps", "gov", "gen", "col",
    "sgt", "capt", "cmdr", "adm", "maj", "st", "mt", "jr", "sr", "rev", "hon", "pres", "supt",
    "det", "insp", "atty", "no", "nos", "vs", "v", "fig", "figs", "dept", "ft", "ave", "blvd",
    "approx", "est", "vol", "pp", "cf", "al", "ph", "messrs",
}
_MONTH_ABBREVIATIONS = {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
_SOFT_ABBREVIATIONS = {"inc", "co", "corp", "ltd", "etc", "llc", "bros"}
_NEVER_END = {"e.g", "i.e", "cf"}
# Words that start a new sentence after an ambiguous abbreviation ("... in the U.S. The ...").
_STARTERS = {
    "the", "this", "that", "these", "those", "it", "its", "he", "she", "they", "we", "i", "you",
    "in", "a", "an", "but", "and", "however", "there", "his", "her", "their", "our", "on", "at",
    "as", "if", "when", "while", "after", "before", "since", "for", "by", "with", "what", "meanwhile",
}

_BOUNDARY = re.compile(r"([.!?]+)([\"'”’)\]]*)(?=\s)")
_LEADING_MARKS = re.compile(r"^[\s•·▪●◦‣∙*\-–—#>|]+")


def _is_boundary(text: str, m: re.Match[str], after: int) -> bool:
    """Decide whether the terminal punctuation matched by ``m`` closes a sentence."""
    nxt = text[after:after + 1]
    if not nxt:
        return True
    if nxt.islower():
        return False
    if not (nxt.isupper() or nxt.isdigit() or nxt in "\"'“‘([¿¡"):
        return False
    if m.group(1) != "." or m.group(2):
        return True  # ! or ?, or a quotation closed after the stop: ."
    # The word carrying the full stop.
    end = m.end(1)
    start = max(text.rfind(" ", 0, end), text.rfind("\n", 0, end)) + 1
    word = text[start:end].lstrip("\"'“‘([").rstrip(".")
    lower = word.lower()
    next_word = re.match(r"[\w’']+", text[after:])
    next_lower = next_word.group(0).lower() if next_word else ""
    if lower in _NEVER_END:
        return False
    if lower in _TITLES:
        return False
    if lower in _MONTH_ABBREVIATIONS:
        return not nxt.isdigit()
    if len(word) == 1 and word.isupper():
        return False  # an initial: "Ellen M. Gilmer"
    if "." in word or lower in _SOFT_ABBREVIATIONS:
        # U.S., a.m., Inc.: a sentence ends only if a usual sentence opener follows.
        return next_lower in _STARTERS
    return True


def _continues(prev_line: str, next_line: str) -> bool:
    """Whether a single line break sits inside a sentence (hard-wrapped text)."""
    nxt = next_line.lstrip()
    if not nxt or not prev_line.strip():
        return False
    if _LEADING_MARKS.match(nxt) and not nxt[0].isalnum():
        return False  # a bullet starts something new
    if nxt[0].islower():
        return True
    prev = prev_line.rstrip()
    return len(prev) >= 60 and prev[-1] not in ".!?:;\"”’)"


def split_spans(text: str) -> list[tuple[int, int]]:
    """Split text into sentence spans (start, end offsets), trimmed of whitespace and bullets."""
    spans: list[tuple[int, int]] = []
    # 1. Blocks: runs of lines that belong together.
    lines = text.split("\n")
    offsets = []
    pos = 0
    for ln in lines:
        offsets.append(pos)
        pos += len(ln) + 1
    blocks: list[tuple[int, int]] = []
    block_start: int | None = None
    for i, ln in enumerate(lines):
        if not ln.strip():
            if block_start is not None:
                blocks.append((block_start, offsets[i] - 1))
                block_start = None
            continue
        if block_start is None:
            block_start = offsets[i]
        elif not _continues(lines[i - 1], ln):
            blocks.append((block_start, offsets[i] - 1))
            block_start = offsets[i]
    if block_start is not None:
        blocks.append((block_start, len(text)))
    # 2. Sentences within a block.
    for b_start, b_end in blocks:
        block = text[b_start:b_end]
        start = 0
        for m in _BOUNDARY.finditer(block):
            after = m.end()
            while after < len(block) and block[after].isspace():
                after += 1
            if _is_boundary(block, m, after):
                spans.append((b_start + start, b_start + m.end()))
                start = after
        spans.append((b_start + start, b_end))
    trimmed = []
    for s, e in spans:
        chunk = text[s:e]
        lead = _LEADING_MARKS.match(chunk)
        if lead:
            s += lead.end()
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            trimmed.append((s, e))
    return trimmed


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text`` as strings, whitespace folded."""
    return [" ".join(text[s:e].split()) for s, e in split_spans(text)]


_FURNITURE = {
    "top of page", "bottom of page", "see all", "see all video", "join the discussion", "leave a comment",
    "join the discussion leave a comment", "or", "to comment", "load more", "most popular",
    "recent posts", "learn more", "share", "share this", "print", "email", "advertisement",
    "skip to content", "skip to main content", "read more", "subscribe", "sign up", "log in",
    "comments", "related", "related articles", "back to top", "menu", "search", "close",
}
_WORD = re.compile(r"[^\W\d_]+")


def is_furniture(sentence: str) -> bool:
    """Page furniture: navigation, players, comment prompts. Never evidence."""
    norm = " ".join(_WORD.findall(sentence.lower()))
    if norm in _FURNITURE:
        return True
    if re.fullmatch(r"[\d:/\s.\-]+", sentence):
        return True  # "00:00 / 00:00"
    if "see all" in norm and len(norm.split()) <= 6:
        return True
    if norm.startswith("join the discussion"):
        return True
    return len(_WORD.findall(sentence)) < 3


# -------------------------------------------------------------------------- dates

_FULL_DATE = re.compile(
    r"\b(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?\s+"
    r"(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d{2})\b",
    re.IGNORECASE,
)
_DATE_LABEL = re.compile(r"^\s*(posted|published|updated|date|dated|for immediate release|released)\b", re.I)


def _parse_full_date(m: re.Match[str]) -> date | None:
    try:
        return date(int(m.group("year")), MONTHS[m.group("month").lower()], int(m.group("day")))
    except ValueError:
        return None


def document_date(text: str) -> tuple[date | None, str | None]:
    """The document's own date: a labelled one ("Posted: Jun. 15, 2023") or a lone dateline.

    A column of several standalone dates near the top is a sidebar of other articles,
    not the document's date, so it is ignored.
    """
    lines = [ln.strip() for ln in text.splitlines()[:40]]
    labelled = []
    standalone = []
    for i, ln in enumerate(lines):
        m = _FULL_DATE.search(ln)
        if not m:
            continue
        prev = lines[i - 1] if i else ""
        if _DATE_LABEL.match(ln) or (_DATE_LABEL.match(prev) and m.start() == 0):
            labelled.append(m)
        elif m.group(0) == ln.rstrip(".").strip():
            standalone.append(m)
    for m in labelled:
        d = _parse_full_date(m)
        if d:
            return d, m.group(0)
    if len(standalone) == 1:
        d = _parse_full_date(standalone[0])
        if d:
            return d, standalone[0].group(0)
    return None, None


# ------------------------------------------------------------------------ loading


def parse_document(rel: str, source: str, is_html: bool) -> Document:
    if is_html:
        text, positions = html_to_text(source)
    else:
        text, positions = source, _PositionMap.identity(source)
    sentences: list[Sentence] = []
    for s, e in split_spans(text):
        line, column = positions.locate(s)
        body = " ".join(text[s:e].split())
        sentences.append(Sentence(rel, len(sentences), body, line, column, not is_furniture(body)))
    when, when_text = document_date(text)
    return Document(rel, sentences, when, when_text)


def _rel(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def find_files(root: Path) -> list[Path]:
    return sorted(
        p for p in root.rglob("*")
        if p.is_file() and p.suffix.lower() in SUFFIXES and not any(part.startswith(".") for part in p.relative_to(root).parts)
    )


def load_corpus(root: Path, only: set[str] | None = None) -> Corpus:
    """Read every document under ``root`` (or just the relative paths in ``only``)."""
    if not root.exists():
        raise FactcheckError("documents folder not found", str(root), hint="pass --docs DIR or set 'documents:' in the catalogue")
    if not root.is_dir():
        raise FactcheckError("documents path is not a folder", str(root), hint="pass --docs DIR naming a folder of .txt/.md/.html files")
    files = find_files(root)
    if not files:
        raise FactcheckError(
            "no documents found (.txt, .md or .html)", str(root), hint="put the source documents there or pass --docs DIR"
        )
    warnings: list[str] = []
    documents = []
    for path in files:
        rel = _rel(path, root)
        if only is not None and rel not in only:
            continue
        try:
            size = path.stat().st_size
            if size > MAX_DOCUMENT_BYTES:
                warnings.append(f"{rel}: skipped, larger than {MAX_DOCUMENT_BYTES // (1024 * 1024)} MiB")
                continue
            raw = path.read_bytes()
        except OSError as exc:
            warnings.append(f"{rel}: skipped, cannot be read ({exc.strerror})")
            continue
        if b"\x00" in raw:
            warnings.append(f"{rel}: skipped, looks binary (NUL bytes)")
            continue
        try:
            source = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            warnings.append(f"{rel}: skipped, not UTF-8 (byte {exc.start}); convert it with iconv")
            continue
        source = source.replace("\r\n", "\n").replace("\r", "\n")
        documents.append(parse_document(rel, source, path.suffix.lower() in (".html", ".htm")))
    if not documents:
        raise FactcheckError("no readable documents", str(root), hint="; ".join(warnings) or None)
    return Corpus(root, documents, warnings)
