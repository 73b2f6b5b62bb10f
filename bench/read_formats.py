"""Timing of the PDF and Word readers on 100 pages, and the web page reader against others.

    .venv/bin/pip install -e '.[bench]' && .venv/bin/python bench/read_formats.py [--pages-html GLOB ...]

The 100-page PDF is made with groff (``groff -ms -Tpdf``) from tests/data/formats/src/report.ms
repeated; the Word file with pandoc from the same text as Markdown, and its page count taken
from LibreOffice's PDF of it (``soffice --headless --convert-to pdf``). Those tools are
Debian packages (groff, pandoc, libreoffice-writer-nogui); the readers themselves need none.
Web pages: every HTML file named on the command line (default: the mdBook and rustdoc pages the
Rust toolchain installs), scored by how much of the text inside <main> each reader keeps
(recall of its paragraphs) and how many menu entries (<nav> links) leak into the text.
"""

from __future__ import annotations

import argparse
import glob
import html as _html
import re
import shutil
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path

from factcheck.corpus.html import HIDDEN_LT, PositionMap, defuse
from factcheck.corpus.load import parse_document
from factcheck.corpus.webpage import BLOCK_TAGS, SKIP_TAGS

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "tests" / "data" / "formats" / "src"
RUST_DOCS = str(Path.home() / ".rustup/toolchains/*/share/doc/rust/html")


def best_of(n: int, fn) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def make_pdf(tmp: Path, pages: int) -> Path:
    body = (SRC / "report.ms").read_text()
    head, _, rest = body.partition(".TL")
    head = head.replace(".pl 6i", "")  # US letter pages
    text = head + ".TL" + rest + "\n".join([".bp\n" + rest.split(".SH", 1)[1].join([".SH", ""])] * 200)
    src = tmp / "big.ms"
    src.write_text(text)
    out = tmp / "big.pdf"
    out.write_bytes(subprocess.run(["groff", "-ms", "-Tpdf", str(src)], capture_output=True, check=True).stdout)
    return cut_pdf(out, pages)


def cut_pdf(path: Path, pages: int) -> Path:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    new = pdfium.PdfDocument.new()
    new.import_pages(pdf, list(range(pages)))
    out = path.with_name(f"pdf-{pages}.pdf")
    new.save(str(out))
    return out


def make_docx(tmp: Path, words: int) -> tuple[Path, int | None]:
    paragraph = " ".join(re.sub(r"^\.\w+.*$", "", (SRC / "report.ms").read_text(), flags=re.M).split())
    n = words // len(paragraph.split()) + 1
    md = "\n\n".join(
        f"## Section {i}\n\n{paragraph}\n\n| State | Agencies |\n|---|---|\n| Texas | {i} |" for i in range(n)
    )
    (tmp / "big.md").write_text(md)
    out = tmp / "big.docx"
    subprocess.run(["pandoc", str(tmp / "big.md"), "-o", str(out)], check=True)
    pages = None
    if shutil.which("soffice"):
        subprocess.run(
            ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp), str(out)],
            capture_output=True,
            check=True,
            timeout=300,
        )
        import pypdfium2 as pdfium

        pages = len(pdfium.PdfDocument(str(tmp / "big.pdf")))
    return out, pages


def timings() -> None:
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        pdf = make_pdf(tmp, 100)
        raw = pdf.read_bytes()
        doc = parse_document("x.pdf", raw)
        t = best_of(3, lambda: parse_document("x.pdf", raw))
        print(f"PDF, 100 pages ({len(raw) // 1024} KiB, {len(doc.sentences)} sentences): {t:.2f} s")
        docx, pages = make_docx(tmp, 50_000)
        raw = docx.read_bytes()
        doc = parse_document("x.docx", raw)
        t = best_of(3, lambda: parse_document("x.docx", raw))
        print(
            f"Word, {pages} pages as LibreOffice lays it out ({len(raw) // 1024} KiB, {len(doc.sentences)} "
            f"sentences): {t:.2f} s; per 100 pages: {t * 100 / (pages or 100):.2f} s"
        )
        compare_pdf_libraries()


def compare_pdf_libraries() -> None:
    import io

    import pdfplumber
    import pypdf
    import pypdfium2 as pdfium

    readers = {
        "pypdfium2": lambda raw: [p.get_textpage().get_text_range() for p in pdfium.PdfDocument(raw)],
        "pypdf": lambda raw: [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(raw)).pages],
        "pdfplumber": lambda raw: [p.extract_text() for p in pdfplumber.open(io.BytesIO(raw)).pages],
    }
    fixtures = ROOT / "tests" / "data" / "formats"
    for name in ("report.pdf", "brief-2col.pdf", "ligatures.pdf"):
        raw = (fixtures / name).read_bytes()
        for lib, read in readers.items():
            text = "\n".join(read(raw))
            t = best_of(3, lambda read=read, raw=raw: read(raw))
            lig = sum(text.count(c) for c in "\ufb00\ufb01\ufb02\ufb03\ufb04")
            split = len(re.findall(r"\bof ficers|\bbe gins|\bdo wn\b", text))
            flat = " ".join(text.replace("\ufffe", "").split())
            whole = "n/a" if name == "report.pdf" else "transform routine traffic" in flat
            print(
                f"  {name:15} {lib:10} {t * 1000:6.1f} ms  ligature glyphs {lig}  split words {split}  "
                f"2-column sentence read whole {whole}"
            )


def html_scores(paths: list[str]) -> None:
    from lxml import html as lhtml

    try:
        import trafilatura
    except ImportError:
        trafilatura = None
    from factcheck.corpus.webpage import main_text

    totals: dict[str, list[float]] = {}
    for path in paths:
        source = Path(path).read_text(encoding="utf-8", errors="replace")
        tree = lhtml.fromstring(source)
        gold = [" ".join(p.text_content().split()) for p in tree.xpath("//main//p")]
        gold = [g for g in gold if len(g.split()) >= 5]
        menu = set()  # furniture: text outside <main>, not script or style, of three words or more
        for el in tree.iter():
            if not isinstance(el.tag, str) or el.tag in ("script", "style", "title") or el.xpath("ancestor::main"):
                continue
            if el.tag == "main" or el.xpath("ancestor::head"):
                continue
            bit = " ".join((el.text or "").split())
            if len(bit.split()) >= 3:
                menu.add(bit)
        if not gold or not menu:
            continue
        outputs = {"old html reader": lambda s: html_to_text(s)[0], "webpage (new)": lambda s: main_text(s)[0]}
        if trafilatura is not None:
            outputs["trafilatura"] = lambda s: trafilatura.extract(s, favor_recall=True) or ""
        for name, fn in outputs.items():
            start = time.perf_counter()
            text = " ".join(fn(source).split())
            took = time.perf_counter() - start
            recall = sum(g in text for g in gold) / len(gold)
            leaked = sum(m in text for m in menu) / len(menu)
            totals.setdefault(name, []).append((recall, leaked, took))  # type: ignore[arg-type]
    n = len(next(iter(totals.values()), []))
    print(f"web pages: {n} (share of <main> paragraphs kept, of text outside <main> leaked; ms per page)")
    for name, rows in totals.items():
        r = sum(x[0] for x in rows) / len(rows)  # type: ignore[index]
        leak = sum(x[1] for x in rows) / len(rows)  # type: ignore[index]
        ms = 1000 * sum(x[2] for x in rows) / len(rows)  # type: ignore[index]
        print(f"  {name:16} kept {r:.3f}  leaked {leak:.3f}  {ms:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--html", nargs="*", default=None, help="HTML files to score (default: the Rust docs)")
    parser.add_argument("--skip-timing", action="store_true")
    args = parser.parse_args()
    if not args.skip_timing:
        if not (shutil.which("groff") and shutil.which("pandoc")):
            sys.exit("needs groff and pandoc to make the 100-page files (apt-get install groff pandoc)")
        timings()
    paths = (
        args.html
        or sorted(glob.glob(RUST_DOCS + "/book/ch*.html"))[:30]
        + sorted(glob.glob(RUST_DOCS + "/cargo/guide/*.html"))[:10]
        + sorted(glob.glob(RUST_DOCS + "/std/vec/*.html"))[:10]
    )
    html_scores(paths)


# The reader factcheck had before its web page reader: every visible text, menus and footers included.
# Kept here, as the baseline the web page reader is measured against.
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
            self._emit(_html.unescape(f"&{name};"))

    def handle_charref(self, name: str) -> None:
        if not self.skip:
            self._emit(_html.unescape(f"&#{name};"))


def html_to_text(source: str) -> tuple[str, PositionMap]:
    """Reduce HTML to its visible text, remembering where each piece came from."""
    parser = _TextExtractor()
    parser.feed(defuse(source))
    parser.close()
    return "".join(parser.parts).replace(HIDDEN_LT, "<"), PositionMap(parser.anchors)


if __name__ == "__main__":
    main()
