"""What the property tests and the fuzzer feed factcheck, and the invariants they check.

Each target is a function of generated input that raises AssertionError (or anything
else) when an invariant breaks. ``tests/test_properties.py`` runs every target for a
few hundred examples per test run; ``python -m tests.fuzz --minutes 10`` runs them for as
long as asked, at volume, and reports every crash and every hang.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from typing import Any

from hypothesis import strategies as st
from markdown_it import MarkdownIt

from factcheck import api
from factcheck.catalogue import Catalogue, parse_catalogue
from factcheck.corpus import Corpus, Unreadable
from factcheck.corpus.load import read_document
from factcheck.corpus.markdown import read_markdown
from factcheck.corpus.readers import decode_text
from factcheck.errors import FactcheckError
from factcheck.limits import MARKDOWN_PIECE_CHARS
from factcheck.output import FORMATS, Asked, render
from factcheck.quantities import extract
from factcheck.sanitize import visible


def _safe(text: str) -> bool:
    """Nothing in ``text`` that :func:`factcheck.sanitize.visible` would replace."""
    return visible(text) == text


# ------------------------------------------------------------------ inputs

# Pieces hostile input is made of: stops in runs, dates no calendar holds, figures, markup,
# terminal escapes, YAML's syntax, and the words the extractor looks for.
FRAGMENTS = [
    ".",
    "....",
    "!",
    "!!!",
    "?",
    "???",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\t",
    "\r\n",
    "\r",
    "\x1b[2J",
    "\x00",
    "\x0c",
    "\x85",
    "\u202e",
    "\ufeff",
    "\ufffe",
    "\u2028",
    "é",
    "’",
    "”",
    "“",
    "—",
    "•",
    "- ",
    "* ",
    "# ",
    "> ",
    "1",
    "42",
    "2022",
    "3.5",
    "1,234",
    "67%",
    "$5m",
    "€3",
    "287(g)",
    "2014-19-19",
    "2022-02-30",
    "2022-04-05",
    "March 31, 2022",
    "Feb. 29",
    "31 April",
    "April 2022",
    "May",
    "by April",
    "one in five",
    "two-thirds",
    "half",
    "a third",
    "dozens of",
    "hundreds",
    "nearly",
    "about",
    "more than",
    "agencies",
    "people",
    "the",
    "Start Date: ",
    "Posted: Jun. 15, 2023",
    "At the end of the Obama administration",
    "U.S.",
    "Dr.",
    "e.g.",
    "<p>",
    "</p>",
    "<b>",
    "<script>",
    "</script>",
    "<!--",
    "-->",
    "&amp;",
    "&#27;",
    "&#x9b;",
    "&#0;",
    "<br/>",
    "claims:",
    "id:",
    "text:",
    "sources:",
    "expect:",
    "note:",
    "documents:",
    "resolutions:",
    "subject:",
    "value:",
    "[",
    "]",
    "{",
    "}",
    ":",
    ",",
    "'",
    '"',
    "&a",
    "*a",
    "!!binary",
    "%YAML 1.1",
    "---",
    "...",
    "<<:",
    "~",
    "null",
    "yes",
    "supported",
    "contradicted",
]

soup = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=4)), max_size=60).map("".join)
hostile_text = st.one_of(st.text(max_size=300), soup)
# At volume: a hostile piece repeated up to 200,000 characters, so a quadratic step shows as a hang.
repeated = st.tuples(soup, st.integers(1, 5000)).map(lambda t: (t[0] * t[1])[:200_000])
large_text = st.one_of(hostile_text, repeated)


@st.composite
def catalogue_text(draw: st.DrawFn) -> str:
    """Mostly well-formed catalogues with hostile values, and sometimes plain soup."""
    if draw(st.booleans()):
        return draw(hostile_text)
    lines = ["claims:"]
    for n in range(draw(st.integers(0, 4))):
        lines.append(f"  - id: c{n}{draw(st.sampled_from(['', 'x', ' # c', ':']))}")
        lines.append(f"    text: {draw(soup)!s}".replace("\n", " "))
        if draw(st.booleans()):
            lines.append(f"    expect: {draw(st.sampled_from(['supported', 'contradicted', 'bogus', '']))}")
    if draw(st.booleans()):
        lines.append(draw(soup))
    return "\n".join(lines) + "\n"


@st.composite
def quoted_catalogue(draw: st.DrawFn) -> str:
    """A sound catalogue whose texts are double-quoted YAML with escapes: control characters get in."""
    claims = []
    for n in range(draw(st.integers(1, 3))):
        raw = draw(st.text(min_size=1, max_size=80).filter(lambda t: t.strip()))
        text = json.dumps("A claim of 42 agencies " + raw)  # JSON strings are YAML double-quoted scalars
        claims.append(f"  - id: c{n}\n    text: {text}\n")
    return "claims:\n" + "".join(claims)


# Markdown's syntax, to be put together in every order: blocks that run over blank lines (fences,
# comments), containers, tables, emphasis, links and their definitions, entities and escapes.
MARKDOWN = [
    "# ",
    "## ",
    "### x ###",
    "\n",
    "\n\n",
    "    ",
    "\t",
    "> ",
    "- ",
    "* ",
    "1. ",
    "2) ",
    "| a | b |\n",
    "|---|:--:|\n",
    "| 142 | **34** |\n",
    "```\n",
    "```py\n",
    "~~~\n",
    "`",
    "``",
    "**",
    "*",
    "_",
    "__",
    "~~",
    "[",
    "]",
    "](",
    "](http://x.org/2019 'title')",
    ")",
    "![",
    "[ref]",
    "[ref]: http://example.org/77\n",
    "<http://a.b/c>",
    "<div>",
    "</div>",
    "<!--",
    "-->",
    "<script>",
    "</script>",
    "&amp;",
    "&#42;",
    "\\*",
    "\\\n",
    "===\n",
    "---\n",
    "  \n",
    "The program had 142 partner agencies.",
    "In 2017, 34 agencies.",
]
markdown_soup = st.lists(st.one_of(st.sampled_from(MARKDOWN), st.sampled_from(FRAGMENTS)), max_size=80).map("".join)
markdown_text = st.one_of(
    markdown_soup, st.tuples(markdown_soup, st.integers(1, 3000)).map(lambda t: (t[0] * t[1])[:200_000])
)

# A .docx body's pieces: paragraphs with runs, tabs and breaks, tables, content controls, text boxes.
DOCX = [
    "<w:p>",
    "</w:p>",
    "<w:r>",
    "</w:r>",
    "<w:t>The program had 142 partner agencies.</w:t>",
    "<w:t xml:space='preserve'> 34 </w:t>",
    "<w:tab/>",
    "<w:br/>",
    "<w:noBreakHyphen/>",
    "<w:delText>deleted 99</w:delText>",
    "<w:tbl>",
    "</w:tbl>",
    "<w:tr>",
    "</w:tr>",
    "<w:tc>",
    "</w:tc>",
    "<w:sdt><w:sdtContent>",
    "</w:sdtContent></w:sdt>",
    "<w:txbxContent>",
    "</w:txbxContent>",
    "<w:p><w:r><w:t>State</w:t></w:r></w:p>",
    "&amp;",
    "<",
]
docx_body = st.lists(st.one_of(st.sampled_from(DOCX), st.text(max_size=4)), max_size=60).map("".join)
docx_xml = st.one_of(docx_body, st.tuples(docx_body, st.integers(1, 20_000)).map(lambda t: t[0] * t[1]))

documents = st.dictionaries(
    st.sampled_from(["a.txt", "b.md", "c.html", "d/e.txt", "f\x1b[2J.txt"]),
    st.one_of(hostile_text, st.binary(max_size=200).map(lambda b: b.decode("utf-8", "replace"))),
    min_size=1,
    max_size=3,
)

# ------------------------------------------------------------------ invariants


def catalogue_loads_or_says_why(text: str) -> None:
    """The catalogue loader either loads or raises FactcheckError: one line, nothing unsafe."""
    try:
        catalogue = parse_catalogue(Path("claims.yaml"), text)
    except FactcheckError as exc:
        message = str(exc)
        assert "\n" not in message and _safe(message), message
        return
    for claim in catalogue.claims:
        assert claim.text and _safe(claim.text) and _safe(claim.id)


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(i + 1 for i, c in enumerate(text) if c == "\n")
    return starts


def _located(text: str, starts: list[int], line: int, column: int) -> int:
    """The offset of 1-based (line, column) in ``text``, which must lie on that line."""
    assert 1 <= line <= len(starts), (line, len(starts))
    end = starts[line] - 1 if line < len(starts) else len(text)
    assert 1 <= column <= end - starts[line - 1] + 1, (line, column)
    return starts[line - 1] + column - 1


def sentences_point_at_their_text(name: str, raw: bytes) -> None:
    """A reader either reads or says Unreadable; each sentence's line and column is where its text starts."""
    try:
        document, warnings = read_document(name, raw)
    except Unreadable:
        return
    assert all(_safe(w) for w in warnings)
    if not name.endswith((".txt", ".md")):
        return  # HTML positions point into the markup; checked to lie inside the file
    text = visible(decode_text(raw))
    starts = _line_starts(text)
    chars = set(text)
    rows = _table_rows(text) if name.endswith(".md") else set()
    for sentence in document.sentences:
        assert sentence.text and _safe(sentence.text)
        start = _located(text, starts, sentence.line, sentence.column)
        if name.endswith(".md"):
            _markdown_sentence_at(sentence.text, text, start, chars if sentence.line in rows else None)
            continue
        folded = " ".join(text[start : start + 4 * len(sentence.text) + 64].split())
        assert folded.startswith(sentence.text), (sentence, text[start : start + 40])


def _table_rows(text: str) -> set[int]:
    """The lines (1-based) of a Markdown file's table rows, as CommonMark with tables reads it: in
    a document the reader takes in one piece (else every line may be one)."""
    if len(text) > MARKDOWN_PIECE_CHARS:
        return set(range(1, text.count("\n") + 2))
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    return {t.map[0] + 1 for t in tokens if t.type == "tr_open" and t.map}


def _markdown_sentence_at(sentence: str, text: str, start: int, row: set[str] | None) -> None:
    """Markdown drops its syntax (emphasis, link targets) from the text: what is left stands in the
    file in order from the sentence's place; a table row (``row``: the file's characters), restated
    as "column: cell; ...", takes its letters from the file; an entity or an escape ("&amp;",
    "\\*") stands for what it reads as."""
    words = re.findall(r"\w+", sentence)
    if row is not None:
        assert set("".join(words)) <= row, sentence
        return
    assert sentence[0] == text[start] or text[start] in "&\\", (sentence, text[start : start + 40])
    if "&" in text[start : start + 4 * len(sentence) + 64]:
        return  # "&#65;" reads as "A"
    at = start
    for char in "".join(words):
        at = text.find(char, at) + 1
        assert at > 0, (sentence, text[start : start + 40])


def markdown_reads_with_positions(raw: bytes) -> None:
    """The Markdown reader reads or says Unreadable; each sentence stands where it says (see
    :func:`sentences_point_at_their_text`), and read in small pieces every character still
    points inside the file."""
    sentences_point_at_their_text("b.md", raw)
    try:
        extracted = read_markdown(raw, size=256)
    except Unreadable:
        return
    lines = decode_text(raw).split("\n")
    for offset, char in enumerate(extracted.text):
        if not char.isspace():
            line, column = extracted.positions.locate(offset)
            assert 1 <= line <= len(lines) and 1 <= column <= len(lines[line - 1]) + 1, (offset, line, column)


def make_docx(body: str, notes: str = "", method: int = zipfile.ZIP_DEFLATED) -> bytes:
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as zf:
        zf.writestr("word/document.xml", f"<?xml version='1.0'?><w:document {ns}><w:body>{body}</w:body></w:document>")
        if notes:
            zf.writestr(
                "word/footnotes.xml", f"<w:footnotes {ns}><w:footnote w:id='1'>{notes}</w:footnote></w:footnotes>"
            )
    return buf.getvalue()


def docx_reads_or_says_why(body: str, notes: str, flips: list[tuple[int, int]]) -> None:
    """A .docx (its XML from pieces, its bytes maybe damaged) is read, or Unreadable: nothing else
    escapes, and every sentence is a block's text at its number."""
    raw = bytearray(make_docx(body, notes))
    for at, bits in flips:
        raw[at % len(raw)] ^= bits or 1
    try:
        document, warnings = read_document("a.docx", bytes(raw))
    except Unreadable as exc:
        assert str(exc) and "\n" not in str(exc) and _safe(str(exc)), str(exc)
        return
    assert all(_safe(w) for w in warnings)
    for sentence in document.sentences:
        assert sentence.text and _safe(sentence.text) and sentence.line >= 1 and sentence.column >= 1, sentence


def html_positions_lie_in_the_file(raw: bytes) -> None:
    try:
        document, _ = read_document("page.html", raw)
    except Unreadable:
        return
    lines = decode_text(raw).split("\n")
    for sentence in document.sentences:
        assert 1 <= sentence.line <= len(lines) and sentence.column >= 1, sentence


def quantities_lie_in_their_text(text: str) -> None:
    """The extractor never raises, and every quantity's span is its text, inside the sentence."""
    for q in extract(text, limit=None):
        assert 0 <= q.start < q.end <= len(text), q
        assert text[q.start : q.end] == q.text, q


def _render(fmt: str, report: Any) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        render(report, FORMATS[fmt], Asked())
    return out.getvalue()


def _check_document(fmt: str, rendered: str) -> None:
    assert _safe(rendered.replace("\n", "").replace("\t", "")), fmt
    if fmt == "json":
        json.loads(rendered)
    elif fmt == "sarif":
        log = json.loads(rendered)
        assert log["version"] == "2.1.0" and log["runs"][0]["tool"]["driver"]["name"] == "factcheck"
        for result in log["runs"][0]["results"]:
            assert result["message"]["text"] and result["ruleId"]
    elif fmt == "junit":
        ET.fromstring(rendered.encode("utf-8"))
    elif fmt == "github":
        lines = rendered.rstrip("\n").split("\n")  # the runner reads commands line by line, at "\n" only
        assert all(ln.startswith("::") for ln in lines[:-1]), lines


def formats_stay_valid(texts: dict[str, str], catalogue: str) -> None:
    """Whatever the documents and claims hold, every format writes a valid document."""
    try:
        cat: Catalogue | None = parse_catalogue(Path("claims.yaml"), catalogue)
    except FactcheckError:
        cat = None
    readable = {}
    for name, text in texts.items():  # as load_corpus does: an unreadable document is skipped
        with contextlib.suppress(Unreadable):
            readable[name] = read_document(name, text)[0]
    if not readable:
        return
    corpus = Corpus(Path("."), list(readable.values()))
    reports: list[Any] = [api.conflicts(corpus, catalogue=cat)]
    if cat is not None:
        reports.append(api.verify(cat, corpus))
    for report in reports:
        for fmt in FORMATS:
            _check_document(fmt, _render(fmt, report))


def errors_stay_valid(message: str, path: str) -> None:
    """A bad-input error quoting hostile text is a valid document in every format."""
    from factcheck.output import render_error

    exc = FactcheckError(message, path or None, 3, 4, hint=message[:10] or None)
    for name, fmt in FORMATS.items():
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            render_error(exc, fmt, "factcheck verify")
        if out.getvalue():
            _check_document(name, out.getvalue())


# ------------------------------------------------------------------ lock file and PDF


@st.composite
def lock_text(draw: st.DrawFn) -> str:
    """A lock file: a well-formed one with fields made hostile, or anything at all."""
    url = draw(st.sampled_from(["https://example.org/a", "http://x.test/p?q=1", "ftp://x", "", "\n::error::x"]))
    fetched = draw(st.sampled_from(["2025-11-24T10:00:00Z", "2025-11-24", "garbage", "null", '"\\n::error::x"']))
    file = draw(st.sampled_from(["x.html", "../../secret.txt", "/etc/passwd", "null", "a/b/c.pdf", "~"]))
    sha = draw(st.sampled_from(["0" * 64, "xyz", "null", "1" * 63]))
    size = draw(st.sampled_from(["12", "-1", "1e9", "null", "true"]))
    entry = (
        f"  {url or 'u'}:\n    url: {url}\n    final_url: {url}\n    fetched: {fetched}\n"
        f"    content_type: text/html\n    status: 200\n    sha256: {sha}\n    bytes: {size}\n    file: {file}\n"
    )
    well = f"snapshots:\n{entry}"
    return draw(st.one_of(st.just(well), st.text(max_size=400), st.just(well + entry), large_text))


def lock_reads_or_says_why(text: str) -> None:
    """``read_lock`` on any text: a Lock whose files stay in the project, or the one error type, on one line."""
    from factcheck.confine import Project
    from factcheck.snapshots import read_lock

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "sources.lock.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
        project = Project(root.resolve())
        try:
            lock = read_lock(root / "sources.lock.yaml", project)
        except FactcheckError as exc:
            assert "\n" not in str(exc) and _safe(str(exc)), str(exc)
            return
        for entry in lock.entries.values():
            assert project.refusal(lock.folder / entry.file) is None, entry.file


PDF_SEED = (Path(__file__).resolve().parent.parent / "data" / "formats" / "report.pdf").read_bytes()


def pdf_reads_or_says_why(flips: list[tuple[int, int]], cut: int) -> None:
    """A real PDF with bytes changed and its end cut: text with positions inside the text, or Unreadable."""
    from factcheck.corpus.pdf import read_pdf

    raw = bytearray(PDF_SEED)
    for at, value in flips:
        raw[at % len(raw)] = value
    data = bytes(raw[: max(1, len(raw) - cut)])
    try:
        got = read_pdf(data)
    except Unreadable as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert all(0 <= p <= len(got.text) for p in got.pages), got.pages
