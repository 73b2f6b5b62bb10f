"""Growth: each hostile input of issue 9 at 1x, 2x, 4x and 8x its size; the time ratios show
whether a step is linear (8x the input, about 8x the time) or worse (quadratic: 64x).

    .venv/bin/python bench/hostile_growth.py            # the table in the README
    .venv/bin/python bench/hostile_growth.py --quick    # smaller sizes (what tests/test_hostile_growth.py runs)

Each case is read and checked the way ``factcheck verify`` does it (documents read and split,
then every claim judged), in process; best of 3 runs per size. ``conflicts`` and memory are
measured by bench/growth.py.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from factcheck import Catalogue, Claim, api
from factcheck.catalogue import parse_catalogue
from factcheck.corpus import Corpus
from factcheck.corpus.load import read_document
from factcheck.errors import FactcheckError

CLAIMS = Catalogue([Claim("a", "The report had 142 partner agencies in section 12.")])


def verify_document(name: str) -> Callable[[str | bytes], None]:
    def run(text: str | bytes) -> None:
        api.verify(CLAIMS, Corpus(Path("."), [read_document(name, text)[0]]))

    return run


def _docx(xml: str) -> bytes:
    """A .docx whose body is ``xml`` (paragraphs, tables)."""
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", f"<w:document {ns}><w:body>{xml}</w:body></w:document>")
    return buf.getvalue()


def _docx_paragraphs(kib: int) -> bytes:
    para = "<w:p><w:r><w:t>In 2020, 12 agencies reported 34 cases.</w:t></w:r></w:p>"
    return _docx(para * (kib * 1024 // len(para)))


def _docx_rows(kib: int) -> bytes:
    cells = "".join(f"<w:tc><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>" for text in ("Texas", "42"))
    row = f"<w:tr>{cells}</w:tr>"
    return _docx("<w:tbl>" + row * (kib * 1024 // len(row)) + "</w:tbl>")


def load_catalogue(text: str) -> None:
    with contextlib.suppress(FactcheckError):  # a catalogue too deep is refused: the time is what counts
        parse_catalogue(Path("claims.yaml"), text)


def _toc(kib: int) -> str:
    lines, n = [], 0
    while sum(map(len, lines)) < kib * 1024:
        lines.append(f"section {n} of the report on partner agencies, part {n % 97}\n")
        n += 1
    return "".join(lines)


PROSE = "In 2020, 12 agencies reported 34 cases and 56% of 78 people, one in five. "
# name -> (text of about ``kib`` KiB, what reads it, base size in KiB: full, quick)
CASES: dict[str, tuple[Callable[[int], str | bytes], Callable[[str | bytes], None], int, int]] = {
    "dots ....": (lambda k: "." * (k * 1024), verify_document("a.txt"), 128, 16),
    "bangs !!!!": (lambda k: "!" * (k * 1024), verify_document("a.txt"), 128, 16),
    "questions ????": (lambda k: "?" * (k * 1024), verify_document("a.txt"), 128, 16),
    "one long line of prose": (lambda k: PROSE * (k * 1024 // len(PROSE)), verify_document("a.txt"), 640, 32),
    "table of contents": (_toc, verify_document("toc.txt"), 465, 32),
    "digits 0000": (lambda k: "0" * (k * 1024), verify_document("a.txt"), 128, 16),
    "unclosed tags <p <p": (lambda k: "<p " * (k * 1024 // 3), verify_document("a.html"), 128, 16),
    "catalogue [[[[": (lambda k: "claims: " + "[" * (k * 1024), load_catalogue, 1024, 32),
    # Markdown (issue 21): the regular expressions before markdown-it-py were cubic on the first, quadratic
    # on the second; the rest are the parser's costliest shapes (a token or two every few characters).
    "markdown heading # x     y": (lambda k: "# x" + " " * (k * 1024) + "y\n", verify_document("a.md"), 64, 16),
    "markdown table rule |---|---|x": (
        lambda k: "| a | b |\n" + "|---" * (k * 256) + "|x\n| 1 | 2 |\n",
        verify_document("a.md"),
        64,
        4,
    ),
    "markdown links [a](b)": (lambda k: "[a](b) " * (k * 1024 // 7), verify_document("a.md"), 64, 4),
    "markdown emphasis **a": (lambda k: "**a " * (k * 256), verify_document("a.md"), 64, 4),
    "markdown line breaks a\\n": (lambda k: "a\n" * (k * 512), verify_document("a.md"), 64, 4),
    "markdown brackets [[[[": (lambda k: "[" * (k * 1024), verify_document("a.md"), 64, 4),
    # .docx (issue 21): parsed as it unzips, a block at a time; sizes are of the XML unzipped
    "docx paragraphs": (_docx_paragraphs, verify_document("a.docx"), 512, 64),
    "docx table rows": (_docx_rows, verify_document("a.docx"), 512, 64),
}


def best_of(run: Callable[[str | bytes], None], text: str | bytes, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run(text)
        best = min(best, time.perf_counter() - start)
    return best


def growth(name: str, quick: bool = False, factors: tuple[int, ...] = (1, 2, 4, 8)) -> list[tuple[int, float]]:
    """(size in KiB, seconds) at each factor of the case's base size."""
    make, run, full, small = CASES[name]
    base = small if quick else full
    return [(base * f, best_of(run, make(base * f))) for f in factors]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--only", action="append", help="the cases whose name holds this (may repeat)")
    args = parser.parse_args()
    print("| input | 1x | 2x | 4x | 8x | time 8x / 1x |")
    print("|---|---|---|---|---|---|")
    for name in CASES:
        if args.only and not any(part in name for part in args.only):
            continue
        rows = growth(name, args.quick)
        cells = " | ".join(f"{kib:,} KiB: {secs:.3f} s" for kib, secs in rows)
        print(f"| {name} | {cells} | {rows[-1][1] / rows[0][1]:.1f} |", flush=True)


if __name__ == "__main__":
    main()
