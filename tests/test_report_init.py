"""factcheck init: a starter catalogue of one's own, and a first run that works."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.corpus.readers import suffixes


@pytest.fixture
def empty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_init_writes_a_catalogue_reading_the_named_folder(empty: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["init", "sources"])
    assert result.exit_code == 0, result.output
    text = (empty / "claims.yaml").read_text()
    assert "documents: sources" in text and text.count("#") > 5
    assert (empty / "sources").is_dir()
    assert "pre-commit-config.yaml" in result.stdout and "factcheck lint --claims claims.yaml" in result.stdout
    assert "      - claims.yaml\n      - sources/**\n" in result.stdout  # the workflow's paths
    (empty / "sources" / "a.txt").write_text("The program had 12 agencies in 2017.\n")
    assert runner.invoke(cli, ["lint"]).exit_code == 0
    verified = runner.invoke(cli, ["verify", "--format", "json"])
    assert verified.exit_code == 0, verified.output


def test_init_keeps_an_existing_catalogue(empty: Path) -> None:
    (empty / "claims.yaml").write_text("keep me")
    result = CliRunner().invoke(cli, ["init"])
    assert result.exit_code == 2 and "already exists" in result.stderr
    assert (empty / "claims.yaml").read_text() == "keep me"
    assert CliRunner().invoke(cli, ["init", "--force"]).exit_code == 0


def test_a_folder_name_that_needs_quoting(empty: Path) -> None:
    assert CliRunner().invoke(cli, ["init", "my docs: 2024"]).exit_code == 0
    assert 'documents: "my docs: 2024"' in (empty / "claims.yaml").read_text()
    (empty / "my docs: 2024" / "a.txt").write_text("Some text.\n")
    assert CliRunner().invoke(cli, ["lint"]).exit_code == 0


def test_init_names_every_format_the_readers_take(empty: Path) -> None:
    result = CliRunner().invoke(cli, ["init", "sources"])
    formats = ".txt, .md, .markdown, .html, .htm, .pdf, .docx"
    assert ", ".join(suffixes()) == formats
    assert f"Next: put your documents ({formats}) in the folder" in result.stderr
    assert f"documents: sources      # the folder of sources ({formats}), relative to this file" in (
        empty / "claims.yaml"
    ).read_text(encoding="utf-8")


@pytest.mark.parametrize("command", ["verify", "conflicts", "lint", "report"])
def test_docs_help_names_every_format_the_readers_take(command: str) -> None:
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert f"--docs PATH Folder of source documents ({', '.join(suffixes())})." in " ".join(result.stdout.split())


def test_conflicts_help_mentions_no_option_it_refuses() -> None:
    result = CliRunner().invoke(cli, ["conflicts", "--help"])
    assert result.exit_code == 0 and "--top" not in result.stdout
    assert "Show each statement's sentence in full" in " ".join(result.stdout.split())
    refused = CliRunner().invoke(cli, ["conflicts", "--top", "2"])
    assert refused.exit_code == 2 and "No such option '--top'" in refused.stderr
