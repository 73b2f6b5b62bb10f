"""The text format for people: what needs attention first, one line of evidence, 80 columns."""

from __future__ import annotations

import io
import re
from pathlib import Path

from click.testing import CliRunner
from rich.console import Console

from factcheck import output
from factcheck.output.text import render_verify_text

from .conftest import run, write_catalogue
from .report_fixtures import hand_built_report


def rendered(report: object, width: int = 80, asked: output.Asked | None = None) -> str:
    buf = io.StringIO()
    console = Console(file=buf, width=width, highlight=False, color_system=None)
    render_verify_text(report, console, asked or output.Asked())  # type: ignore[arg-type]
    return buf.getvalue()


def test_failures_lead_and_reason_and_unsupported_words_show(tmp_path: Path) -> None:
    text = rendered(hand_built_report(tmp_path))
    assert text.index("Needs attention (2)") < text.index("partial-12") < text.index("As expected (1)")
    assert text.index("hostile") < text.index("fine-34")
    assert "partial · expected supported" in text
    assert "number: 12 vs 34" in text and "score 88" in text
    assert "not backed by the evidence: “Only 12”, “costs $50 million”" in text
    assert "<script>" in text  # shown as written, never interpreted
    assert " ".join(text.split()).endswith(
        "3 claims: 1 supported, 1 partial, 1 unverified; 2 not as expected "
        "(a claim without 'expect:' must be supported)"
    )
    assert "_0/claims.yaml:3" in text  # the end of a long location is kept


def test_no_expected_note_for_a_claim_without_expect(tmp_path: Path) -> None:
    text = rendered(hand_built_report(tmp_path))
    hostile_line = next(line for line in text.splitlines() if "hostile" in line)
    assert "expected" not in hostile_line


def test_fits_80_columns_and_shows_one_line_by_default(runner: CliRunner, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = run(runner, "verify", "--format", "text")
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert len(lines) < 130, len(lines)  # was 553 as a table
    assert result.stdout.count("→ ") == 19  # one evidence line per claim
    summary = " ".join(lines[-2:]) if not lines[-1].startswith("19 claims") else lines[-1]  # wrapped at 80
    assert summary == "19 claims: 11 supported, 5 partial, 2 contradicted, 1 unverified; all as expected"


def test_top_and_verbose_show_more(runner: CliRunner, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    assert run(runner, "verify", "--format", "text", "--top", "2").stdout.count("→ ") == 38
    verbose = run(runner, "verify", "--format", "text", "-v").stdout
    assert verbose.count("→ ") == 57
    assert "…" not in verbose.replace('…"', "")  # sentences in full


def test_table_is_an_alias_of_text(runner: CliRunner) -> None:
    assert run(runner, "verify", "--format", "table").stdout == run(runner, "verify", "--format", "text").stdout


def test_conflict_values_are_never_cut(runner: CliRunner, monkeypatch) -> None:
    for width in ("80", "40"):
        monkeypatch.setenv("COLUMNS", width)
        text = run(runner, "conflicts", "--format", "text").stdout
        for value in ("142", "138", "34", "12", "48", "72"):
            assert re.search(rf"│ {value}\s", text), (width, value)
        assert "agencies in the 287(g) program" in text


def test_missing_default_folder_says_how_to_set_it(runner: CliRunner, tmp_path: Path) -> None:
    path = write_catalogue(tmp_path / "claims.yaml", "claims:\n  - id: a\n    text: x is 5.\n")
    result = runner.invoke(__import__("factcheck.cli", fromlist=["cli"]).cli, ["verify", "--claims", str(path)])
    assert result.exit_code == 2
    assert "documents folder not found (the default, seeds/ beside the catalogue)" in result.stderr
    assert "set 'documents: FOLDER'" in result.stderr and "--docs FOLDER" in result.stderr


def test_captured_screens_are_kept() -> None:
    """The tmux captures linked from the README (docs/screens/) are real renders of the seeds."""
    docs = Path(__file__).resolve().parent.parent / "docs" / "screens"
    narrow = (docs / "verify-80.txt").read_text(encoding="utf-8").splitlines()
    assert max(len(line) for line in narrow) <= 80
    assert any("19 claims:" in line for line in narrow)
    assert (docs / "verify-200.txt").is_file()
