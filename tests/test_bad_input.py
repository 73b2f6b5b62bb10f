"""Every bad input gets one line on stderr naming where and what, exit code 2, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from .conftest import SEEDS, run, write_catalogue

GOOD_CLAIM = "  - id: a\n    text: 34 agencies took part at the end of the Obama administration.\n"


def fails_cleanly(runner: CliRunner, catalogue: Path, *extra: str) -> str:
    result = run(runner, "verify", "--claims", str(catalogue), "--docs", str(SEEDS), *extra)
    assert result.exit_code == 2, result.stderr
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


def test_missing_catalogue(runner: CliRunner, tmp_path: Path) -> None:
    line = fails_cleanly(runner, tmp_path / "nope.yaml")
    assert "nope.yaml: catalogue not found" in line and "--claims" in line


def test_empty_catalogue(runner: CliRunner, tmp_path: Path) -> None:
    line = fails_cleanly(runner, write_catalogue(tmp_path / "c.yaml", "\n# nothing\n"))
    assert "c.yaml: the catalogue is empty" in line


def test_yaml_syntax_error_names_line_and_column(runner: CliRunner, tmp_path: Path) -> None:
    path = write_catalogue(tmp_path / "c.yaml", "claims:\n  - id: a\n    text: [unclosed\n")
    line = fails_cleanly(runner, path)
    assert f"{path}:4:1: YAML syntax error" in line


def test_unknown_key_suggests_the_right_one(runner: CliRunner, tmp_path: Path) -> None:
    path = write_catalogue(tmp_path / "c.yaml", "claims:\n  - id: a\n    txt: 34 agencies.\n")
    line = fails_cleanly(runner, path)
    assert f"{path}:3:5: unknown key 'txt' in a claim" in line
    assert "did you mean 'text'" in line


def test_duplicate_ids_name_both_lines(runner: CliRunner, tmp_path: Path) -> None:
    path = write_catalogue(tmp_path / "c.yaml", "claims:\n" + GOOD_CLAIM + GOOD_CLAIM)
    line = fails_cleanly(runner, path)
    assert f"{path}:4:9: duplicate claim id 'a' (first on line 2)" in line


def test_duplicate_keys_are_reported_not_silently_dropped(runner: CliRunner, tmp_path: Path) -> None:
    path = write_catalogue(tmp_path / "c.yaml", "claims:\n  - id: a\n    text: one\n    text: two\n")
    line = fails_cleanly(runner, path)
    assert f"{path}:4:5: duplicate key 'text' in a claim (first on line 3)" in line


def test_empty_text(runner: CliRunner, tmp_path: Path) -> None:
    path = write_catalogue(tmp_path / "c.yaml", "claims:\n  - id: a\n    text: ''\n")
    assert "the text of claim 'a' is empty" in fails_cleanly(runner, path)


def test_missing_text(runner: CliRunner, tmp_path: Path) -> None:
    path = write_catalogue(tmp_path / "c.yaml", "claims:\n  - id: a\n")
    assert f"{path}:2:5: a claim has no 'text'" in fails_cleanly(runner, path)


def test_a_colon_in_a_plain_value_is_told_to_be_quoted(runner: CliRunner, tmp_path: Path) -> None:
    path = write_catalogue(tmp_path / "c.yaml", "claims:\n  - id: a\n    text: Note: 34 agencies took part.\n")
    line = fails_cleanly(runner, path)
    assert line == (
        f"factcheck: error: {path}:3:15: YAML syntax error: mapping values are not allowed in this context "
        "(a value with ': ' in it must be quoted: text: \"Note: the figure is 12\")"
    )
    quoted = write_catalogue(tmp_path / "q.yaml", 'claims:\n  - id: a\n    text: "Note: 34 agencies took part."\n')
    assert run(runner, "lint", "--claims", str(quoted), "--docs", str(SEEDS)).exit_code == 0


@pytest.mark.parametrize(
    ("value", "kind"), [("42", "a number"), ("4.2", "a number"), ("yes", "yes or no"), ("2024-01-31", "a date")]
)
def test_a_text_that_yaml_reads_as_another_type_is_refused(
    runner: CliRunner, tmp_path: Path, value: str, kind: str
) -> None:
    path = write_catalogue(tmp_path / "c.yaml", f"claims:\n  - id: a\n    text: {value}\n")
    line = fails_cleanly(runner, path)
    assert line == (
        f"factcheck: error: {path}:3:11: the text of claim 'a' is not text: YAML reads '{value}' as {kind} "
        f'(a claim\'s text is a sentence; quote it: text: "{value}")'
    )
    quoted = write_catalogue(tmp_path / "q.yaml", f'claims:\n  - id: a\n    text: "{value}"\n')
    assert run(runner, "lint", "--claims", str(quoted), "--docs", str(SEEDS)).exit_code == 0


def test_a_missing_documents_folder_named_in_the_catalogue_is_named(runner: CliRunner, tmp_path: Path) -> None:
    path = write_catalogue(tmp_path / "c.yaml", "documents: sources/2024\nclaims:\n" + GOOD_CLAIM)
    result = run(runner, "verify", "--claims", str(path))
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith(
        f"factcheck: error: {path}:1: documents folder '{(tmp_path / 'sources' / '2024').as_posix()}' not found ("
    )


def test_anchors_and_aliases_are_refused(runner: CliRunner, tmp_path: Path) -> None:
    path = write_catalogue(
        tmp_path / "c.yaml",
        "x: &a [1, 2]\nclaims:\n  - id: a\n    text: *a\n",
    )
    assert f"{path}:1:4: YAML anchors and aliases are not allowed" in fails_cleanly(runner, path)


def test_an_alias_bomb_is_refused_quickly(runner: CliRunner, tmp_path: Path) -> None:
    levels = ['a0: &a0 ["x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 9):
        levels.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]")
    path = write_catalogue(tmp_path / "bomb.yaml", "\n".join(levels) + "\nclaims: *a8\n")
    assert "anchors and aliases are not allowed" in fails_cleanly(runner, path)


def test_catalogue_over_the_size_limit(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("claims:\n" + GOOD_CLAIM.replace("id: a", "id: x") * 1 + "# " + "x" * (6 * 1024 * 1024) + "\n")
    assert "over the 5 MiB limit" in fails_cleanly(runner, path)


def test_unknown_expected_verdict(runner: CliRunner, tmp_path: Path) -> None:
    path = write_catalogue(tmp_path / "c.yaml", "claims:\n" + GOOD_CLAIM + "    expect: true-ish\n")
    assert "unknown verdict 'true-ish'" in fails_cleanly(runner, path)


def test_claims_must_be_a_list(runner: CliRunner, tmp_path: Path) -> None:
    path = write_catalogue(tmp_path / "c.yaml", "claims: just text\n")
    assert "'claims' must be a list" in fails_cleanly(runner, path)


def test_missing_documents_folder(runner: CliRunner, tmp_path: Path) -> None:
    path = write_catalogue(tmp_path / "c.yaml", "claims:\n" + GOOD_CLAIM)
    result = run(runner, "verify", "--claims", str(path), "--docs", str(tmp_path / "absent"))
    assert result.exit_code == 2
    assert "absent: documents folder not found" in result.stderr


def test_empty_documents_folder(runner: CliRunner, tmp_path: Path) -> None:
    path = write_catalogue(tmp_path / "c.yaml", "claims:\n" + GOOD_CLAIM)
    (tmp_path / "empty").mkdir()
    result = run(runner, "verify", "--claims", str(path), "--docs", str(tmp_path / "empty"))
    assert result.exit_code == 2
    assert "no documents found" in result.stderr


def test_default_documents_folder_is_seeds_beside_the_catalogue(runner: CliRunner, tmp_path: Path) -> None:
    path = write_catalogue(tmp_path / "c.yaml", "claims:\n" + GOOD_CLAIM)
    result = run(runner, "verify", "--claims", str(path))
    assert result.exit_code == 2
    assert f"{tmp_path / 'seeds'}: documents folder not found" in result.stderr


def test_a_source_that_matches_nothing(runner: CliRunner, tmp_path: Path) -> None:
    path = write_catalogue(
        tmp_path / "c.yaml", "claims:\n" + GOOD_CLAIM + "    sources:\n      - 000_*.txt\n      - missing-*.txt\n"
    )
    line = fails_cleanly(runner, path)
    assert f"{path}:6: source 'missing-*.txt' of claim 'a' matches no document" in line


def test_not_utf8_catalogue(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_bytes(b"claims:\n  - id: a\n    text: caf\xe9\n")
    assert f"{path}:3:14: catalogue is not UTF-8" in fails_cleanly(runner, path)


@pytest.mark.parametrize("top", ["0", "-1"])
def test_bad_option_values_exit_2(runner: CliRunner, top: str) -> None:
    result = run(runner, "verify", "--claims", str(SEEDS.parent / "claims.yaml"), "--top", top)
    assert result.exit_code == 2
    assert "--top" in result.stderr
