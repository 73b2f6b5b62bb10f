"""Every bound on what factcheck reads, in one place, each with what happens past it.

factcheck runs in CI on whatever a pull request commits, so every input has a stated
bound, enforced with one clear line: an error (exit code 2) where the run cannot go on
sensibly, a warning naming the file where it can. ``BOUNDS`` is the table the README
shows (a test keeps the two in step).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from factcheck.settings import ConflictSettings

MIB = 1024 * 1024

MAX_CATALOGUE_BYTES = 5 * MIB
MAX_LOCK_BYTES = MAX_CATALOGUE_BYTES  # sources.lock.yaml: about 300 bytes a cited URL
MAX_CATALOGUE_NESTING = 20  # a catalogue needs 4 (claims: - sources: [..]); YAML's reader recurses per level
MAX_CLAIMS = 100_000
MAX_CLAIM_CHARS = 5_000
MAX_DOCUMENT_BYTES = 20 * MIB
# A .docx by what it unzips to, not its size on disk: 169 KB held 1.6M paragraphs (issue 21). A 128-page
# report is ~3,000 paragraphs and ~1 MiB of XML; Word nests a text box in a table cell ~20 levels deep.
MAX_DOCX_XML_BYTES = 64 * MIB
# A PDF is read in a child process with these limits (factcheck.corpus.isolated): forms drawing each other
# or a deflate bomb ask PDFium for gigabytes from kilobytes; 125k pages of text read in 8.8 s.
MAX_PDF_MEMORY = 1024 * MIB
MAX_PDF_SECONDS = 60.0
MAX_DOCX_BLOCKS = 100_000
MAX_DOCX_NESTING = 128
MAX_CORPUS_BYTES = 512 * MIB  # an archive of 5M sentences is ~400 MB of text; a first run holds ~5x the text
MAX_DOCUMENTS = 100_000
MAX_SENTENCE_CHARS = 2_000  # the longest sentence of WiCE dev's 42,088 is 1,694 characters
MAX_NUMBERS_PER_SENTENCE = 200
MAX_WARNINGS_SHOWN = 20
MAX_PYPROJECT_BYTES = 1 * MIB
MIN_COLUMNS, MAX_COLUMNS, DEFAULT_COLUMNS = 20, 1_000, 120  # $COLUMNS: factcheck.environment.columns
# markdown-it-py reads a README at ~1 MiB a second, but its costliest shapes ("- a" lines, "![" runs) at
# ~10-50 s a MiB on 2 busy cores; past this a Markdown document is read as plain text.
MAX_MARKDOWN_BYTES = 1 * MIB
# Markdown is parsed a piece at a time (cut at a blank line where no block runs on), so the parser's
# tokens (up to ~400 bytes a character: "a\n" repeated) stay within ~50 MB whatever the file's size.
MARKDOWN_PIECE_CHARS = 32 * 1024


@dataclass(frozen=True)
class Bound:
    input: str
    limit: str
    past_it: str


BOUNDS: tuple[Bound, ...] = (
    Bound("catalogue file", f"{MAX_CATALOGUE_BYTES // MIB} MiB", "error"),
    Bound("sources.lock.yaml", f"{MAX_LOCK_BYTES // MIB} MiB, the entries `factcheck fetch` writes", "error"),
    Bound("catalogue nesting", f"{MAX_CATALOGUE_NESTING} levels of lists and mappings", "error"),
    Bound("claims in a catalogue", f"{MAX_CLAIMS:,}", "error"),
    Bound("a claim's text", f"{MAX_CLAIM_CHARS:,} characters", "error"),
    Bound("a document", f"{MAX_DOCUMENT_BYTES // MIB} MiB on disk", "warning; the file is skipped"),
    Bound(
        "a Markdown document",
        f"{MAX_MARKDOWN_BYTES // MIB} MiB (parsed in pieces of {MARKDOWN_PIECE_CHARS // 1024} KiB)",
        "warning; read as plain text, its markup kept",
    ),
    Bound(
        "reading a PDF",
        f"{MAX_PDF_MEMORY // MIB} MiB of memory and {MAX_PDF_SECONDS:g} s, in a process of its own",
        "warning; the file is skipped",
    ),
    Bound(
        "a .docx unzipped",
        f"{MAX_DOCX_XML_BYTES // MIB} MiB of XML, {MAX_DOCX_BLOCKS:,} paragraphs and table rows, "
        f"{MAX_DOCX_NESTING} levels of nesting; its text as a document's",
        "warning; the file is skipped",
    ),
    Bound("all documents together", f"{MAX_CORPUS_BYTES // MIB} MiB on disk", "error"),
    Bound("documents in the folder", f"{MAX_DOCUMENTS:,}", "error"),
    Bound(
        "a sentence",
        f"{MAX_SENTENCE_CHARS:,} characters",
        "warning; cut into pieces at spaces (a table of contents, a list without stops)",
    ),
    Bound("numbers in a sentence", f"{MAX_NUMBERS_PER_SENTENCE}", "warning; the rest are not read"),
    Bound(
        "statements `conflicts` compares one with",
        f"its {ConflictSettings.partners} best by shared words (and {ConflictSettings.partners} of the same figure), "
        f"{2 * ConflictSettings.copy_window} near copies; a word in over {ConflictSettings.max_posting} "
        "statements of one noun proposes none",
        "the others are not compared (tuned: `[tool.factcheck.conflicts]`)",
    ),
    Bound("warnings on stderr", f"{MAX_WARNINGS_SHOWN}", "one line says how many more (JSON lists all)"),
    Bound("pyproject.toml", f"{MAX_PYPROJECT_BYTES // MIB} MiB, nesting Python can read", "error"),
    Bound(
        "$COLUMNS", f"{MIN_COLUMNS} to {MAX_COLUMNS:,}", f"warning; {DEFAULT_COLUMNS} (or the terminal's width) used"
    ),
)


def shown_warnings(warnings: list[str], limit: int = MAX_WARNINGS_SHOWN) -> Iterator[str]:
    """The first ``limit`` warnings, then one line saying how many were left out."""
    yield from warnings[:limit]
    if len(warnings) > limit:
        yield f"{len(warnings) - limit:,} more warnings not shown (--format json lists them all)"
