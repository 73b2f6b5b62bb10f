"""PDF and Word readers on real files made by real tools (see tests/data/formats/make_fixtures.sh:
groff 1.23 with gropdf, ghostscript 10's ps2pdf and pdfimage8, pandoc 3)."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.corpus import load_corpus
from factcheck.corpus.load import parse_document
from factcheck.corpus.model import Document
from factcheck.corpus.readers import Unreadable, reader_for

from .conftest import run, write_catalogue

FORMATS = Path(__file__).resolve().parent / "data" / "formats"


def _doc(name: str) -> Document:
    return parse_document(name, (FORMATS / name).read_bytes())


def _sentence(doc: Document, start: str) -> tuple[int | None, int, int, str]:
    hits = [s for s in doc.sentences if s.text.startswith(start)]
    assert len(hits) == 1, [s.text for s in doc.sentences]
    return hits[0].page, hits[0].line, hits[0].column, hits[0].text


def test_every_format_has_one_reader_by_suffix() -> None:
    assert [reader_for(f"x{s}").name for s in (".pdf", ".PDF", ".docx", ".html", ".txt")] == [  # type: ignore[union-attr]
        "pdf",
        "pdf",
        "docx",
        "html",
        "text",
    ]


def test_one_column_pdf_keeps_page_and_line_and_undoes_hyphens() -> None:
    # groff -ms -Tpdf (gropdf): "Page N" footers, a running header from page 2, words hyphenated at line ends.
    doc = _doc("report.pdf")
    page, line, column, text = _sentence(doc, "By April 2022")
    assert (page, line, column) == (1, 6, 28)
    assert text == (
        "By April 2022, the 287(g) program had 142 partner agencies, most of them sheriffs’ offices in the South."
    )
    _, _, _, findings = _sentence(doc, "Our analysis")
    assert "participating agencies are disproportionately" in findings  # "par-" / "ticipating" joined
    _, _, _, counter = _sentence(doc, "Counterproductive")
    assert "overcrowded" in counter
    every = " ".join(s.text for s in doc.sentences)
    assert "Page 1" not in every and "ACLU Report 2022" not in every and "-\n" not in every
    assert [s.page for s in doc.sentences] == sorted(s.page for s in doc.sentences)  # type: ignore[type-var]


def test_two_column_pdf_reads_columns_in_order_and_across_pages() -> None:
    # groff -ms .2C: the left column of page 2, then its right column, then page 3; "- N -" footers.
    doc = _doc("brief-2col.pdf")
    texts = [s.text for s in doc.sentences]
    left, right = texts.index(_sentence(doc, "Opponents answer")[3]), texts.index(_sentence(doc, "The right column")[3])
    assert left < right
    opponents = _sentence(doc, "Opponents answer")[3]
    assert opponents.endswith("proceedings and discourage crime reporting among immigrant families.")
    assert _sentence(doc, "The department has not")[3] == "The department has not published an evaluation since then."
    assert _sentence(doc, "ICE had 287(g)")[:3] == (2, 4, 22)
    assert not any("Policy Brief" in t or "- 2 -" in t for t in texts)


def test_ligatures_are_expanded() -> None:
    # groff -Tps | ps2pdf: Type 1 fonts that draw "fi" as one glyph.
    text = " ".join(s.text for s in _doc("ligatures.pdf").sentences)
    assert "officers" in text and "field offices" in text
    assert not any(0xFB00 <= ord(c) <= 0xFB06 for c in text)


def test_scanned_pdf_is_unreadable_with_a_reason() -> None:
    # ghostscript -sDEVICE=pdfimage8: page 1 of report.pdf as a picture, no text layer.
    with pytest.raises(Unreadable, match="no text layer"):
        _doc("scanned.pdf")


def test_broken_pdf_is_unreadable() -> None:
    with pytest.raises(Unreadable, match="not a readable PDF"):
        parse_document("x.pdf", b"%PDF-1.7\nnot really")


def test_docx_paragraphs_headings_and_table_rows_with_positions() -> None:
    # pandoc src/article.md -o article.docx
    doc = _doc("article.docx")
    assert doc.sentences[0].text == "Sheriffs and the 287(g) Program"
    assert _sentence(doc, "ICE had")[:3] == (None, 4, 1)
    assert _sentence(doc, "State: Texas")[3] == "State: Texas; Agencies: 42; Share of all agreements: 30%"
    assert _sentence(doc, "State: Texas")[1] == 8
    assert doc.date is not None and doc.date.isoformat() == "2023-06-15"


@pytest.mark.parametrize(
    "raw, reason",
    [
        (b"PK\x03\x04 not a zip", "not a Word .docx"),
        (b"", "not a Word .docx"),
    ],
)
def test_broken_docx_is_unreadable(raw: bytes, reason: str) -> None:
    with pytest.raises(Unreadable, match=reason):
        parse_document("x.docx", raw)


def test_docx_with_entities_is_refused() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("word/document.xml", '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>')
    with pytest.raises(Unreadable, match="entities"):
        parse_document("x.docx", buf.getvalue())


def _pdf_folder(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("report.pdf", "brief-2col.pdf", "scanned.pdf", "article.docx"):
        shutil.copy(FORMATS / name, docs / name)
    return docs


def test_a_folder_of_pdfs_is_read_and_the_scan_skipped_with_a_warning(tmp_path: Path) -> None:
    corpus = load_corpus(_pdf_folder(tmp_path))
    assert sorted(d.path for d in corpus.documents) == ["article.docx", "brief-2col.pdf", "report.pdf"]
    assert corpus.warnings == [
        "scanned.pdf: skipped, has no text layer (a scan?); factcheck does no OCR: run ocrmypdf on it first"
    ]


def test_verify_shows_page_and_line_in_table_and_json(tmp_path: Path) -> None:
    docs = _pdf_folder(tmp_path)
    claims = write_catalogue(
        tmp_path / "claims.yaml",
        "claims:\n"
        "  - id: p142\n    text: The 287(g) program had 142 partner agencies by April 2022.\n"
        "    sources: [report.pdf]\n"
        "  - id: texas\n    text: Texas has 42 agencies in the program.\n"
        "    sources: [article.docx]\n",
    )
    runner = CliRunner()
    table = run(runner, "verify", "--claims", str(claims), "--docs", str(docs), "--format", "text")
    assert table.exit_code == 0, table.output
    assert "report.pdf:p1:6" in table.stdout
    markdown = run(runner, "verify", "--claims", str(claims), "--docs", str(docs), "--format", "markdown")
    assert "report.pdf:p1:6" in markdown.stdout  # the page, as text shows it (issue 19: markdown dropped it)
    assert "factcheck: warning: scanned.pdf: skipped, has no text layer" in table.stderr
    result = run(runner, "verify", "--claims", str(claims), "--docs", str(docs), "--format", "json")
    data = json.loads(result.stdout)
    best = data["claims"][0]["evidence"][0]
    assert (best["doc"], best["page"], best["line"], best["column"]) == ("report.pdf", 1, 6, 28)
    assert data["claims"][1]["evidence"][0]["page"] is None  # always there, null off a PDF
    assert data["claims"][1]["evidence"][0]["line"] == 8


def test_web_page_keeps_its_main_text_and_leaves_furniture_out() -> None:
    # A page laid out as news sites are: cookie banner, header menu, share buttons, related links, sidebar, footer.
    doc = _doc("news.html")
    texts = [s.text for s in doc.sentences]
    assert texts == [
        "ACLU: U.S. Should End Immigration Deals With 54 Local Agencies",
        "Posted: Jun. 15, 2023",
        'The ACLU asked Homeland Security Secretary Alejandro Mayorkas to terminate "287(g)" agreements with 54 '
        "local law enforcement agencies, about a third of all agreements.",
        "By April 2022, the 287(g) program had 142 partner agencies.",
    ]
    assert _sentence(doc, "By April 2022")[1:3] == (15, 4)
    assert doc.date is not None and doc.date.isoformat() == "2023-06-15"


def test_web_page_without_a_main_part_drops_furniture_by_name() -> None:
    page = (
        b"<body><nav>Home News Sport Weather</nav>"
        b"<div id='main-menu'><a>Subscribe to our newsletter today</a></div>"
        b"<div class='story'><p>The program had 142 partner agencies by April 2022.</p></div>"
        b"<div class='site-footer'>Contact us about this page</div></body>"
    )
    assert [s.text for s in parse_document("p.html", page).sentences] == [
        "The program had 142 partner agencies by April 2022."
    ]


def test_content_types_name_readers_too() -> None:
    from factcheck.corpus.readers import reader_for_type

    assert [
        getattr(reader_for_type(t), "name", None)
        for t in ("text/html; charset=utf-8", "application/pdf", "APPLICATION/XHTML+XML", "image/png")
    ] == ["html", "pdf", "html", None]
