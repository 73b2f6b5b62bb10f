"""The markdown format: a compact summary for pull requests, and the GitHub Actions job summary."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.output import Asked
from factcheck.output.markdown import escape, verify_document

from .conftest import CATALOGUE, SEEDS
from .report_fixtures import hand_built_report


def test_seeds_summary(runner: CliRunner) -> None:
    text = runner.invoke(cli, ["verify", "--format", "markdown"]).stdout
    assert text.startswith(
        "### factcheck verify: ✅ all as expected\n\n19 claims: 11 supported · 5 partial · 2 contradicted"
    )
    assert "<details><summary>As expected (19)</summary>" in text
    assert text.count("\n| **") == 19  # one row per claim, one evidence sentence each
    assert "agrees: 34<br>At the end of the Obama administration, **34** local law enforcement" in text
    conflicts = runner.invoke(cli, ["conflicts", "--format", "markdown"]).stdout
    assert "| agencies in the 287(g) program | resolved: 138 stands | **34** (2017-01-20:" in conflicts


def test_failures_lead_with_reason_and_unsupported_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # the documents are docs/ from here
    text = verify_document(hand_built_report(tmp_path), Asked())
    assert text.startswith("### factcheck verify: ❌ 2 not as expected")
    attention = text.split("**Needs attention**")[1].split("<details>")[0]
    assert "partial-12" in attention and "hostile" in attention and "fine-34" not in attention
    assert "**Only 12** agencies" in attention and "not backed: “Only 12”, “costs $50 million”" in attention
    assert "contradicts docs/a.txt:9 — number: 12 vs 34<br>" in attention
    assert "🟡 partial (expected supported)" in attention
    assert "❔ unverified |" in attention  # no "(expected supported)" for a claim without expect:


def test_markdown_escapes_html_and_markdown(tmp_path: Path) -> None:
    text = verify_document(hand_built_report(tmp_path), Asked())
    assert "<script>" not in text and "<b>" not in text
    hostile = (
        "&lt;script&gt;document.body.dataset.pwned='1'&lt;/script&gt; figure is \\| \\*34\\* \\[x\\](y) &amp; more"
    )
    assert hostile in text
    assert escape("a|b\nc") == "a\\|b c"


@pytest.fixture
def actions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    summary = tmp_path / "step_summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.delenv("FACTCHECK_FORMAT", raising=False)
    return summary


def test_under_github_actions_the_summary_goes_to_the_job_page(actions: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["verify", "--claims", str(CATALOGUE), "--docs", str(SEEDS)])
    assert result.exit_code == 0 and not result.stdout.startswith("###")  # stdout: the github format
    runner.invoke(cli, ["conflicts", "--claims", str(CATALOGUE), "--docs", str(SEEDS)])
    summary = actions.read_text()
    assert summary.startswith("### factcheck verify: ✅ all as expected")
    assert "### factcheck conflicts: ✅ none unresolved" in summary  # appended, not overwritten


def test_no_summary_outside_actions(actions: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS")
    CliRunner().invoke(cli, ["verify", "--claims", str(CATALOGUE), "--docs", str(SEEDS), "--format", "json"])
    assert not actions.exists()


def test_an_unwritable_summary_is_a_warning(actions: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(actions.parent / "missing" / "summary.md"))
    result = CliRunner().invoke(cli, ["verify", "--claims", str(CATALOGUE), "--docs", str(SEEDS)])
    assert result.exit_code == 0 and "cannot write the job summary" in result.stderr
