"""Issue 21 (and 19), the document readers: Markdown on a real parser, text in UTF-16/32, special
files in the documents folder, .docx bounded by what it expands to, HTML asides kept.

Each failed before the change that names it: a stall, a traceback, a wrong verdict, or silence.
Through the command line over real files where the user meets it, else through the library.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import json
import os
import socket
import stat
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.corpus import Unreadable, load_corpus
from factcheck.corpus.load import read_document, read_documents
from factcheck.corpus.markdown import read_markdown

from .conftest import run
from .fuzz import targets as t
from .test_hostile import project


def sentences(name: str, text: str | bytes) -> list[tuple[str, int, int]]:
    document, _ = read_document(name, text)
    return [(s.text, s.line, s.column) for s in document.sentences]


# ------------------------------------------------------------------ Markdown on markdown-it-py


def test_bold_figure_reads_as_the_figure_at_its_line_and_column() -> None:
    got = sentences("a.md", "# Partners\n\nIn 2017 the program had **142** partner agencies.\n")
    assert got == [("Partners", 1, 3), ("In 2017 the program had 142 partner agencies.", 3, 1)]


def test_link_targets_and_emphasis_marks_are_not_evidence_text() -> None:
    text = (
        '> See [the *annual* report](https://example.org/2019/report-77.html "Report 77") and\n'
        "> <https://example.org/a>: the program had __142__ partner agencies.\n"
    )
    got = sentences("a.md", text)
    assert got == [
        ("See the annual report and https://example.org/a: the program had 142 partner agencies.", 1, 3),
    ]
    extracted = read_markdown(text.encode())
    lines = text.split("\n")
    for word in ("annual", "report", "and", "program", "142"):  # every piece at its place in the file
        line, column = extracted.positions.locate(extracted.text.index(word))
        assert lines[line - 1][column - 1 :].startswith(word), word


def test_code_blocks_are_not_prose() -> None:
    text = (
        "The program had 142 partner agencies.\n\n"
        "```python\nagencies = 34  # The program had 34 partner agencies.\n\nprint(agencies)\n```\n\n"
        "    The program had 35 partner agencies.\n\n"
        "Inline `code` stays a word.\n"
    )
    assert [s for s, _, _ in sentences("a.md", text)] == [
        "The program had 142 partner agencies.",
        "Inline code stays a word.",
    ]


def test_a_figure_in_a_fenced_code_block_does_not_dispute_a_claim(runner: CliRunner, tmp_path: Path) -> None:
    readme = (
        "# Partners\n\nIn 2017 the program had **142** partner agencies.\n\n"
        "```text\nThe program had 34 partner agencies.\n```\n"
    )
    claims, docs = project(tmp_path, {"README.md": readme})
    result = run(runner, "verify", "--claims", str(claims), "--docs", str(docs), "--format", "json")
    assert result.exit_code == 0, result.stdout
    assert result.stderr == ""
    claim = json.loads(result.stdout)["claims"][0]
    assert claim["verdict"] == "supported"
    assert [(e["doc"], e["line"], e["sentence"]) for e in claim["evidence"]] == [
        ("README.md", 3, "In 2017 the program had 142 partner agencies."),
    ]


def test_struck_text_html_and_entities() -> None:
    text = (
        "The program had ~~34~~ 142 partner agencies &amp; 3 offices.\n\n"
        '<div class="note">\nIt opened <b>12</b> branches.\n</div>\n\n'
        "<!-- a comment with 99 agencies\n\nover two paragraphs -->\n"
    )
    assert [s for s, _, _ in sentences("a.md", text)] == [
        "The program had 142 partner agencies & 3 offices.",
        "It opened 12 branches.",
    ]
    assert sentences("a.md", text)[1][1:] == (4, 1)


def test_table_rows_state_their_cells_without_markup() -> None:
    text = "| codec | **ratio** |\n|---|--:|\n| [zstd](https://z) | `2.887` |\n| | |\n> | a | b |\n> |---|---|\n> | 1 | 2 |\n"
    assert sentences("a.md", text) == [("codec: zstd; ratio: 2.887.", 3, 1), ("a: 1; b: 2.", 7, 1)]


def test_a_long_document_reads_the_same_in_pieces() -> None:
    """The parser takes a long document a piece at a time; nothing CommonMark reads runs across a cut."""
    block = (
        "## Release {n}\n\nThe program had [{n} partner agencies][ref] in *one*\nparagraph over two lines.\n\n"
        "```\ncode {n}\n\nstill code {n}\n```\n\n<!--\n\nhidden {n}\n\n-->\n\n- item {n}\n\n  still item {n}\n\n"
        "| k | v |\n|---|---|\n| row | {n} |\n\n"
    )
    text = "".join(block.format(n=n) for n in range(300)) + "[ref]: https://example.org/partners\n"
    whole = read_markdown(text.encode(), size=10**9)
    cut = read_markdown(text.encode(), size=500)
    assert cut.text == whole.text
    assert "hidden" not in whole.text and "code" not in whole.text and "ref" not in whole.text
    for offset in range(0, len(whole.text), 97):
        assert cut.positions.locate(offset) == whole.positions.locate(offset)
    assert cut.sections == whole.sections


def test_the_cubic_heading_and_quadratic_table_rule_now_read() -> None:
    """Growth is measured in tests/test_hostile_growth.py; here, what they read as."""
    assert sentences("a.md", "# x" + " " * 2000 + "y\n\nThe program had 142 partner agencies.\n") == [
        ("x", 1, 3),  # a "sentence" of 2,002 characters, cut at the spaces
        ("y", 1, 2004),
        ("The program had 142 partner agencies.", 3, 1),
    ]
    rule = "| a | b |\n|" + "-" * 100_000 + "|---|\n| 1 | 2 |\n"
    assert sentences("a.md", rule) == [("a: 1; b: 2.", 3, 1)]
    rule = "| a | b |\n|" + "-|" * 100_000 + "\n| 1 | 2 |\n"  # 100,000 columns ruled under 2: not a table
    assert [s for s in sentences("a.md", rule) if "-" not in s[0]] == [("a | b |", 1, 3), ("1 | 2 |", 3, 3)]


def test_markdown_sections_name_what_stands_under_them(tmp_path: Path) -> None:
    (tmp_path / "NEWS.md").write_text(
        "Version 2.6\n===========\n\n* Support for **lzip** archives.\n\n## 2.7 (2019-03-14)\n\nFaster reads.\n",
        encoding="utf-8",
    )
    corpus = load_corpus(tmp_path)
    assert [(s.text, s.line, s.section) for s in corpus.documents[0].sentences] == [
        ("Version 2.6", 1, "Version 2.6"),
        ("Support for lzip archives.", 4, "Version 2.6"),
        ("2.7 (2019-03-14)", 6, "2.7 (2019-03-14)"),
        ("Faster reads.", 8, "2.7 (2019-03-14)"),
    ]


def test_markdown_past_its_bound_is_read_as_plain_text(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("factcheck.corpus.markdown.MAX_MARKDOWN_BYTES", 1024)
    readme = "# Partners\n\n" + "Some words of filler here. " * 40 + "\n\nThe program had **142** partner agencies.\n"
    claims, docs = project(tmp_path, {"README.md": readme})
    result = run(runner, "verify", "--claims", str(claims), "--docs", str(docs), "--format", "json")
    assert result.exit_code == 0, result.stdout
    assert (
        result.stderr == "factcheck: warning: README.md: over 0 MiB of Markdown: read as plain text, its markup kept\n"
    )
    evidence = json.loads(result.stdout)["claims"][0]["evidence"][0]
    assert (evidence["line"], evidence["sentence"]) == (5, "The program had **142** partner agencies.")


# ------------------------------------------------------------------ text in UTF-16 and UTF-32


def test_utf16_and_utf32_with_a_byte_order_mark_are_read(runner: CliRunner, tmp_path: Path) -> None:
    text = "Intro line.\r\nThe program had 142 partner agencies, says the café.\r\n"
    html = "<html><body><p>Intro line.</p>\n<p>The program had 142 partner agencies, says the café.</p></body></html>"
    claims, docs = project(
        tmp_path,
        {
            "le16.txt": text.encode("utf-16"),  # Python writes the mark, little-endian here
            "be16.md": codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
            "be32.html": codecs.BOM_UTF32_BE + html.encode("utf-32-be"),
            "le32.txt": codecs.BOM_UTF32_LE + text.encode("utf-32-le"),
            "bom8.txt": codecs.BOM_UTF8 + text.encode("utf-8"),
        },
    )
    result = run(runner, "verify", "--claims", str(claims), "--docs", str(docs), "--format", "json")
    assert result.exit_code == 0, result.stdout
    assert result.stderr == ""
    assert json.loads(result.stdout)["claims"][0]["verdict"] == "supported"
    read = {d.path: [(s.text, s.line) for s in d.sentences] for d in load_corpus(docs).documents}
    assert read == {
        doc: [("Intro line.", 1), ("The program had 142 partner agencies, says the café.", 2)]
        for doc in ("be16.md", "be32.html", "bom8.txt", "le16.txt", "le32.txt")
    }


def test_nul_bytes_without_a_mark_and_broken_utf16_are_named(runner: CliRunner, tmp_path: Path) -> None:
    claims, docs = project(
        tmp_path,
        {
            "a.txt": "The program had 142 partner agencies.\n",
            "nomark.txt": "No mark here.\n".encode("utf-16-le"),
            "odd.txt": codecs.BOM_UTF16_LE + "Odd.".encode("utf-16-le") + b"\x00\xd8",  # a lone surrogate
            "nul.txt": "A NUL \x00 inside.".encode("utf-16"),
        },
    )
    result = run(runner, "verify", "--claims", str(claims), "--docs", str(docs))
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "factcheck: warning: nomark.txt: skipped, looks binary (NUL bytes)",
        "factcheck: warning: nul.txt: skipped, looks binary (NUL characters)",
        "factcheck: warning: odd.txt: skipped, not UTF-16 (byte 10)",
    ]


# ------------------------------------------------------------------ special files in the documents folder


def _unblock_after(fifo: Path, seconds: float) -> threading.Timer:
    """Should a change open the FIFO, its reader is freed (and the test fails) rather than hanging CI."""

    def unblock() -> None:
        with contextlib.suppress(OSError):
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))

    timer = threading.Timer(seconds, unblock)
    timer.start()
    return timer


def test_fifos_sockets_and_devices_are_named_and_never_opened(runner: CliRunner, tmp_path: Path) -> None:
    claims, docs = project(tmp_path, {"a.txt": "The program had 142 partner agencies.\n"})
    os.mkfifo(docs / "pipe.txt")
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(docs / "sock.md"))
        expected = [
            "factcheck: warning: pipe.txt: skipped, a named pipe (FIFO), not a file: never opened",
            "factcheck: warning: sock.md: skipped, a socket, not a file: never opened",
        ]
        try:
            os.mknod(docs / "zero.html", 0o600 | stat.S_IFCHR, os.makedev(1, 5))  # /dev/zero's numbers
            expected.append("factcheck: warning: zero.html: skipped, a character device, not a file: never opened")
        except OSError:
            pass  # no right to make a device here: the FIFO and the socket stand for it
        timer = _unblock_after(docs / "pipe.txt", 10)
        start = time.perf_counter()
        result = run(runner, "verify", "--claims", str(claims), "--docs", str(docs))
        timer.cancel()
    assert time.perf_counter() - start < 10
    assert result.exit_code == 0, result.stdout
    assert result.stderr.splitlines() == expected


def test_a_document_swapped_for_a_fifo_after_listing_is_refused_not_waited_on(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "late.txt")
    timer = _unblock_after(tmp_path / "late.txt", 10)
    got = read_documents(tmp_path, [tmp_path / "late.txt"])
    timer.cancel()
    assert [str(g) for g in got] == ["not a regular file but a named pipe (FIFO)"]


def test_a_symlink_loop_is_called_a_loop(runner: CliRunner, tmp_path: Path) -> None:
    claims, docs = project(tmp_path, {"a.txt": "The program had 142 partner agencies.\n"})
    (docs / "b.txt").symlink_to("c.txt")
    (docs / "c.txt").symlink_to("b.txt")
    (docs / "self.md").symlink_to("self.md")
    (docs / "gone.txt").symlink_to("nowhere.txt")
    result = run(runner, "verify", "--claims", str(claims), "--docs", str(docs))
    assert result.exit_code == 0, result.stdout
    assert result.stderr.splitlines() == [
        "factcheck: warning: b.txt: skipped, a symbolic link that loops",
        "factcheck: warning: c.txt: skipped, a symbolic link that loops",
        "factcheck: warning: gone.txt: skipped, a symbolic link to nothing",
        "factcheck: warning: self.md: skipped, a symbolic link that loops",
    ]


# ------------------------------------------------------------------ .docx bounded by what it expands to

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def paragraph(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def docx(body: str, parts: dict[str, str] | None = None, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as zf:
        zf.writestr(
            "word/document.xml", f'<?xml version="1.0"?><w:document {W_NS}><w:body>{body}</w:body></w:document>'
        )
        for name, xml in (parts or {}).items():
            zf.writestr(name, xml)
    return buf.getvalue()


def patched(raw: bytes, flag: int = 0, method: int | None = None) -> bytes:
    """The zip with word/document.xml's flags or compression method changed in both of its headers."""
    out = bytearray(raw)
    for signature, flags_at, method_at in ((b"PK\x03\x04", 6, 8), (b"PK\x01\x02", 8, 10)):
        at = out.find(signature)
        out[at + flags_at] |= flag
        if method is not None:
            out[at + method_at : at + method_at + 2] = method.to_bytes(2, "little")
    return bytes(out)


def corrupt(raw: bytes) -> bytes:
    """The deflate stream of word/document.xml broken in its middle."""
    out = bytearray(raw)
    start = 30 + int.from_bytes(out[26:28], "little") + int.from_bytes(out[28:30], "little")
    size = int.from_bytes(out[18:22], "little")
    for i in range(start + size // 3, start + size // 3 + 8):
        out[i] ^= 0xFF
    return bytes(out)


def test_docx_footnotes_and_endnotes_are_read_after_the_body() -> None:
    notes = (
        f'<w:footnotes {W_NS}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        f'</w:footnote><w:footnote w:id="1">{paragraph("The program had 142 partner agencies, says a footnote.")}'
        "</w:footnote></w:footnotes>"
    )
    ends = (
        f'<w:endnotes {W_NS}><w:endnote w:id="1">{paragraph("An endnote names 12 of them.")}</w:endnote></w:endnotes>'
    )
    raw = docx(paragraph("The report is long."), {"word/footnotes.xml": notes, "word/endnotes.xml": ends})
    assert sentences("a.docx", raw) == [
        ("The report is long.", 1, 1),
        ("The program had 142 partner agencies, says a footnote.", 3, 1),
        ("An endnote names 12 of them.", 4, 1),
    ]


def test_hostile_docx_files_are_skipped_with_their_reason(runner: CliRunner, tmp_path: Path) -> None:
    good = docx(paragraph("Nothing to see."))
    nested = "<w:sdt><w:sdtContent>" * 5000 + paragraph("deep") + "</w:sdtContent></w:sdt>" * 5000
    claims, docs = project(
        tmp_path,
        {
            "a.txt": "The program had 142 partner agencies.\n",
            "bomb.docx": docx("<w:p/>" * 1_600_000),
            "corrupt.docx": corrupt(docx(paragraph("The program had 142 partner agencies. " * 200))),
            "encrypted.docx": patched(good, flag=0x1),
            "method99.docx": patched(good, method=99),
            "nested.docx": docx(nested),
            "good.docx": good,
        },
    )
    assert len((docs / "bomb.docx").read_bytes()) < 200_000  # 1.6M paragraphs
    start = time.perf_counter()
    result = run(runner, "verify", "--claims", str(claims), "--docs", str(docs))
    assert time.perf_counter() - start < 20
    assert result.exit_code == 0, result.stdout
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines[1].startswith(  # zlib's own words for what it met follow
        "factcheck: warning: corrupt.docx: skipped, its zip data is corrupt (Error -3 while decompressing data: "
    )
    assert lines[:1] + lines[2:] == [
        "factcheck: warning: bomb.docx: skipped, it has more than 100,000 paragraphs and table rows",
        "factcheck: warning: encrypted.docx: skipped, it is encrypted (a password is needed)",
        "factcheck: warning: method99.docx: skipped, word/document.xml is compressed with method 99, "
        "which Word never uses",
        "factcheck: warning: nested.docx: skipped, its XML is nested deeper than 128 levels",
    ]


def test_a_docx_that_unzips_past_its_bound_is_skipped_unread() -> None:
    raw = docx("<w:p>" + " " * (65 * 1024 * 1024) + "</w:p>")  # no text: only the XML's bound stops it
    assert len(raw) < 200_000
    start = time.perf_counter()
    with pytest.raises(Unreadable, match=r"^its XML is over 64 MiB unzipped \(a zip bomb\?\)$"):
        read_document("bomb.docx", raw)
    assert time.perf_counter() - start < 10


# ------------------------------------------------------------------ HTML asides


PAGE = """<!DOCTYPE html>
<html><body><main>
<h1>Partner agencies</h1>
<p>The program had 142 partner agencies.</p>
<aside class="tip"><p>Tip: the program began in 1996 in two counties of Arizona.</p></aside>
<div class="sidebar"><p>Fact box: its budget was 24 million dollars last year.</p></div>
<aside><ul><li><a href="/a">The program had 99 partner agencies, a story</a></li>
<li><a href="/b">Another story about partner agencies</a></li></ul></aside>
<aside><nav><a href="/">Home</a></nav><p>The program had 98 partner agencies in this menu box.</p></aside>
</main></body></html>
"""


def test_asides_and_sidebars_are_read_unless_they_are_navigation(runner: CliRunner, tmp_path: Path) -> None:
    catalogue = (
        "documents: docs\nclaims:\n"
        "  - id: total\n    text: The program had 142 partner agencies.\n"
        "  - id: start\n    text: The program began in 1996 in two counties of Arizona.\n"
        "  - id: budget\n    text: The budget was 24 million dollars last year.\n"
    )
    claims, docs = project(tmp_path, {"page.html": PAGE}, catalogue)
    result = run(runner, "verify", "--claims", str(claims), "--docs", str(docs), "--format", "json")
    assert result.exit_code == 0, result.stdout
    assert result.stderr == ""
    got = {
        c["id"]: (c["verdict"], c["evidence"][0]["line"], c["evidence"][0]["sentence"])
        for c in json.loads(result.stdout)["claims"]
    }
    assert got == {
        "total": ("supported", 4, "The program had 142 partner agencies."),
        "start": ("supported", 5, "Tip: the program began in 1996 in two counties of Arizona."),
        "budget": ("supported", 6, "Fact box: its budget was 24 million dollars last year."),
    }
    texts = [s.text for s in load_corpus(docs).documents[0].sentences]
    assert texts[1:] == [got[c][2] for c in ("total", "start", "budget")]  # link lists and menus: navigation


# ------------------------------------------------------------------ the fuzzer's new targets, on a few inputs


def test_the_markdown_and_docx_fuzz_targets_hold_on_known_shapes() -> None:
    """``python -m tests.fuzz --only 'markdown reader' --only 'docx reader'`` runs these at volume."""
    for raw in (
        b"|---|:--:|\n|---|:--:|\n](http://x.org/2019 'title')",  # a restated row starting inside its text
        b"<!--e.g.}\n\n" * 3000,  # an HTML comment never closed, cut into pieces and opened again
        b"# x" + b" " * 2000 + b"y\n| a | b |\n|---|---|\n| **142** | [34](http://x) |\n",
        "\x85\x0c".encode(),  # characters Python strips and CommonMark does not
    ):
        t.markdown_reads_with_positions(raw)
    t.docx_reads_or_says_why(paragraph("The program had 142 partner agencies.") * 3, paragraph("A note."), [])
    t.docx_reads_or_says_why("<w:tbl><w:tr><w:tc>" * 50, "", [(200, 0xFF)])


def test_a_docx_whose_text_is_over_a_documents_bound_is_skipped() -> None:
    raw = docx(paragraph("a " * (11 * 1024 * 1024)))  # 22 MiB of text in 22 MiB of XML
    with pytest.raises(Unreadable, match=r"^its text is over 20 MiB$"):
        read_document("long.docx", raw)


# ------------------------------------------------------------------ PDF: what the fuzzer found

_REPORT_PDF = Path(__file__).resolve().parent / "data" / "formats" / "report.pdf"


def _flipped(flips: list[tuple[int, int]]) -> bytes:
    raw = bytearray(_REPORT_PDF.read_bytes())
    for at, value in flips:
        raw[at % len(raw)] = value
    return bytes(raw)


def test_a_pdf_page_that_cannot_be_loaded_is_a_skipped_file_not_a_traceback(tmp_path: Path) -> None:
    from factcheck.cli import cli
    from factcheck.corpus.pdf import read_pdf

    flips = [(12666, 175), (13792, 96), (8467, 55), (8305, 107), (14144, 10), (7385, 9), (13019, 74), (1157, 82)]
    damaged = _flipped([*flips, (14603, 218), (17848, 112)])
    with pytest.raises(Unreadable, match=r"page \d+ cannot be read"):
        read_pdf(damaged)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "bad.pdf").write_bytes(damaged)
    (tmp_path / "docs" / "good.txt").write_text("The program had 142 partner agencies.\n", encoding="utf-8")
    (tmp_path / "claims.yaml").write_text("claims:\n  - id: a\n    text: The program had 142 partner agencies.\n")
    result = CliRunner().invoke(
        cli,
        [
            "verify",
            "--claims",
            str(tmp_path / "claims.yaml"),
            "--docs",
            str(tmp_path / "docs"),
            "--no-cache",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "bad.pdf: skipped, page" in result.stderr


def test_a_pdf_whose_last_page_has_no_text_keeps_its_page_starts_inside_the_text() -> None:
    from factcheck.corpus.pdf import read_pdf

    got = read_pdf(_flipped([(770176, 178), (60159, 142), (212422, 84), (274281, 39)]))
    assert got.pages and all(0 <= start <= len(got.text) for start in got.pages)


# ------------------------------------------------------------------ PDF: read in a process of its own


def _form_bomb(depth: int = 9, fanout: int = 10) -> bytes:
    """A PDF of a few KB whose page draws a form that draws the next form ``fanout`` times, ``depth`` deep."""
    objects: list[bytes] = []
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
    first_form = 5
    objects.append(
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /X %d 0 R >> "
        b"/Font << /F 4 0 R >> >> /Contents %d 0 R >>" % (first_form, first_form + depth)
    )
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for level in range(depth):
        number = first_form + level
        if level == depth - 1:
            body = b"BT /F 12 Tf 10 10 Td (142 agencies) Tj ET"
            resources = b"/Font << /F 4 0 R >>"
        else:
            body = b" ".join([b"/X Do"] * fanout)
            resources = b"/XObject << /X %d 0 R >>" % (number + 1)
        objects.append(
            b"<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << %s >> /Length %d >>\nstream\n%s\nendstream"
            % (resources, len(body), body)
        )
    page = b"/X Do"
    objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(page), page))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _bomb_project(tmp_path: Path, depth: int) -> list[str]:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "bomb.pdf").write_bytes(_form_bomb(depth))
    (tmp_path / "docs" / "good.txt").write_text("The program had 142 partner agencies.\n", encoding="utf-8")
    (tmp_path / "claims.yaml").write_text("claims:\n  - id: a\n    text: The program had 142 partner agencies.\n")
    return ["verify", "--claims", str(tmp_path / "claims.yaml"), "--docs", str(tmp_path / "docs"), "--no-cache"]


@pytest.mark.skipif(sys.platform != "linux", reason="the limits are Linux's (fork, setrlimit)")
def test_a_pdf_whose_forms_draw_each_other_is_stopped_at_its_time_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 1.5 KB PDF drawing a form 10 times, 8 deep (10^7 draws: minutes and gigabytes unchecked)."""
    from factcheck import limits
    from factcheck.cli import cli

    monkeypatch.setattr(limits, "MAX_PDF_SECONDS", 2.0)
    started = time.monotonic()
    result = CliRunner().invoke(cli, [*_bomb_project(tmp_path, 8), "--format", "json"])
    assert result.exit_code == 0, result.output
    # Which limit it meets first depends on the machine: its time on a quiet one, its memory on another
    (line,) = [ln for ln in result.stderr.splitlines() if "bomb.pdf: skipped, " in ln]
    assert "took longer than its reader may" in line or "its reader needed more than it may" in line
    assert "(1024 MiB of memory and 2 s)" in line
    assert time.monotonic() - started < 60


@pytest.mark.skipif(sys.platform != "linux", reason="the limits are Linux's (fork, setrlimit)")
def test_a_pdf_that_asks_for_more_memory_than_allowed_is_skipped_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from factcheck import limits
    from factcheck.cli import cli

    monkeypatch.setattr(limits, "MAX_PDF_MEMORY", 16 * limits.MIB)
    result = CliRunner().invoke(cli, [*_bomb_project(tmp_path, 7), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "bomb.pdf: skipped, its reader needed more than it may (16 MiB of memory" in result.stderr


def test_a_pdf_read_in_its_own_process_reads_as_in_this_one() -> None:
    from factcheck.corpus.pdf import read_pdf, read_pdf_here

    for name in ("report.pdf", "brief-2col.pdf", "ligatures.pdf"):
        raw = (Path(__file__).resolve().parent / "data" / "formats" / name).read_bytes()
        apart, here = read_pdf(raw), read_pdf_here(raw)
        assert (apart.text, apart.pages, apart.sections) == (here.text, here.pages, here.sections)


def test_a_markdown_line_python_calls_blank_but_commonmark_does_not_keeps_positions() -> None:
    """Found by the fuzzer: a line holding only U+2028 before a paragraph put its sentence a line early."""
    from factcheck.corpus.load import parse_document

    document = parse_document("b.md", "\u2028\ntext:    [ref]: http://example.org/77\n")
    assert [(s.text, s.line, s.column) for s in document.sentences] == [("text: [ref]: http://example.org/77", 2, 1)]
