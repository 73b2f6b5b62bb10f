"""factcheck init: a starter catalogue of one's own, and a first run that works."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.cli import cli


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
    assert "paths: [claims.yaml, sources/**]" in result.stdout
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
