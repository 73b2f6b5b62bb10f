"""Issue 9, hostile input: each finding as a test through the command line, over real files.

Each of these failed before the fix it names (a traceback, a stall, a leak, or silence).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import warnings
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck import limits
from factcheck.cli import cli
from factcheck.corpus.load import read_document
from factcheck.quantities import extract, statement_time

from .conftest import ROOT, run

CLAIM = "documents: docs\nclaims:\n  - id: a\n    text: The program had 142 partner agencies.\n"


def project(tmp_path: Path, docs: dict[str, str | bytes], catalogue: str = CLAIM) -> tuple[Path, Path]:
    folder = tmp_path / "docs"
    folder.mkdir(exist_ok=True)
    for name, body in docs.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(body, bytes):
            path.write_bytes(body)
        else:
            path.write_text(body, encoding="utf-8")
    claims = tmp_path / "claims.yaml"
    claims.write_text(catalogue, encoding="utf-8")
    return claims, folder


def no_traceback(result: object) -> None:
    assert "Traceback" not in getattr(result, "stderr", "")


# ------------------------------------------------------------------ wrong answers and crashes


def test_ci_tests_both_ends_of_the_range_pyproject_states() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    stated = re.search(r'requires-python = ">=3\.(\d+),<3\.(\d+)"', pyproject)
    tested = re.search(r"^VERSIONS=\(([^)]*)\)", ci, re.M)
    assert stated and tested
    low, high = int(stated.group(1)), int(stated.group(2))
    assert (low, high) == (10, 15)  # 3.10 (Ubuntu 22.04) to 3.14
    assert tested.group(1).split() == [f"3.{low}", f"3.{high - 1}"]
    for minor in range(low, high):
        assert f"Programming Language :: Python :: 3.{minor}" in pyproject


@pytest.mark.parametrize("depth", [500, 10_000])
def test_a_deeply_nested_catalogue_is_one_line_not_a_recursion_error(
    runner: CliRunner, tmp_path: Path, depth: int
) -> None:
    claims, docs = project(
        tmp_path, {"a.txt": "The program had 142 partner agencies.\n"}, "claims: " + "[" * depth + "]" * depth + "\n"
    )
    start = time.perf_counter()
    result = run(runner, "verify", "--claims", str(claims), "--docs", str(docs))
    assert time.perf_counter() - start < 5
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.strip() == (
        f"factcheck: error: {claims}:1:28: lists and mappings nested deeper than 20 levels"
        " (a catalogue needs four: claims, a claim, its sources)"
    )


@pytest.mark.parametrize("columns", ["abc", "0", "-5", "99999999999999999999"])
def test_a_bad_columns_warns_and_prints_the_table(runner: CliRunner, tmp_path: Path, columns: str) -> None:
    claims, docs = project(tmp_path, {"a.txt": "The program had 142 partner agencies.\n"})
    result = runner.invoke(
        cli, ["verify", "--claims", str(claims), "--docs", str(docs)], env={"COLUMNS": columns}, catch_exceptions=False
    )
    assert result.exit_code == 0
    assert "supported" in result.stdout and "a.txt:1" in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 120
    assert result.stderr == f"factcheck: warning: COLUMNS={columns!r} is not a width from 20 to 1000; using 120\n"


def test_an_ascii_only_stdout_gets_the_table_not_a_unicode_error(tmp_path: Path) -> None:
    claims, docs = project(
        tmp_path,
        {"a.txt": "The program’s “142” partner agencies — café.\n"},
        "claims:\n  - id: a\n    text: The program’s 142 partner agencies — café.\n",
    )
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "COLUMNS": "100"}
    result = subprocess.run(
        [sys.executable, "-m", "factcheck", "verify", "--claims", str(claims), "--docs", str(docs)],
        capture_output=True,
        text=True,
        env=env,
        encoding="ascii",
        errors="strict",
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "PYTHONIOENCODING" not in result.stderr
    assert "program?s" in result.stdout and "1 claim: 1 supported" in result.stdout


def test_a_document_without_words_raises_no_numpy_warning(runner: CliRunner, tmp_path: Path) -> None:
    claims, docs = project(tmp_path, {"a.txt": ". . .\n"})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = run(runner, "verify", "--claims", str(claims), "--docs", str(docs))
    assert result.exit_code == 1 and "unverified" in result.stdout


@pytest.mark.parametrize("command", ["verify", "conflicts"])
def test_a_date_no_calendar_holds_is_not_a_crash(runner: CliRunner, tmp_path: Path, command: str) -> None:
    claims, docs = project(
        tmp_path,
        {
            "a.txt": "Start Date: 2014-19-19 the program had 142 partner agencies.\n"
            "The program had 150 partner agencies.\n"
        },
    )
    result = run(runner, command, "--claims", str(claims), "--docs", str(docs), "--format", "json")
    assert result.exit_code in (0, 1), result.stderr
    json.loads(result.stdout)
    assert not any(q.month == 19 or q.day == 19 for q in extract("Start Date: 2014-19-19"))


def test_the_last_days_of_a_month_are_kept() -> None:
    for day in (29, 30, 31):
        found = extract(f"On March {day}, 2022, there were 140.")
        assert statement_time("", found, None, None)[0] == date(2022, 3, day)
    assert statement_time("", extract("On Feb. 30, 2022, there were 140."), None, None)[0] is None


def test_figures_on_march_29_and_31_keep_their_days(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, docs = project(
        tmp_path,
        {
            "a.txt": "On March 29, 2022, the 287(g) program had 140 partner agencies across the state.\n",
            "b.txt": "On March 31, 2022, the 287(g) program had 142 partner agencies across the state.\n",
        },
    )
    monkeypatch.chdir(docs)  # no claims.yaml here: the documents alone
    result = run(runner, "conflicts", "--docs", ".", "--format", "json")
    [group] = json.loads(result.stdout)["conflicts"]
    assert group["severity"] == "change"
    assert [st["as_of"] for st in group["statements"]] == ["2022-03-29", "2022-03-31"]
    assert result.exit_code == 0


# ------------------------------------------------------------------ time that grows with the input


def test_a_table_of_contents_is_not_one_465_kb_sentence(runner: CliRunner, tmp_path: Path) -> None:
    toc = "".join(f"section {i} of the report on partner agencies, part {i % 97}\n" for i in range(8_000))
    document, notes = read_document("toc.txt", toc)
    assert max(len(s.text) for s in document.sentences) <= limits.MAX_SENTENCE_CHARS
    assert notes == [
        "toc.txt:1: a sentence of 446,059 characters cut into pieces of at most 2,000 "
        "(a table of contents, or a list without full stops?)"
    ]
    claims, docs = project(tmp_path, {"toc.txt": toc})
    result = run(runner, "verify", "--claims", str(claims), "--docs", str(docs), "--format", "github")
    assert max(len(line) for line in result.stdout.splitlines()) < 3 * limits.MAX_SENTENCE_CHARS
    assert "factcheck: warning: toc.txt:1: a sentence of 446,059 characters cut" in result.stderr


def test_a_sentence_with_too_many_numbers_is_named(runner: CliRunner, tmp_path: Path) -> None:
    numbers = " ".join(str(n) for n in range(300))
    claims, docs = project(tmp_path, {"a.txt": f"The program had 142 partner agencies.\n\nCounts {numbers}.\n"})
    result = run(runner, "verify", "--claims", str(claims), "--docs", str(docs))
    assert (
        "factcheck: warning: a.txt:3: a sentence with more than 200 numbers; only the first 200 are read"
        in result.stderr
    )
    assert len(extract(numbers)) == limits.MAX_NUMBERS_PER_SENTENCE


# ------------------------------------------------------------------ trust


def test_a_symlink_out_of_the_documents_folder_is_not_followed(runner: CliRunner, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0 The program had 142 partner agencies, says the secret.\n", encoding="utf-8")
    claims, docs = project(tmp_path, {"a.txt": "Nothing to see here at all.\n"})
    (docs / "passwd.txt").symlink_to(secret)
    (docs / "etc").symlink_to(tmp_path, target_is_directory=True)
    result = run(runner, "verify", "--claims", str(claims), "--docs", str(docs), "--format", "github")
    assert "secret" not in result.stdout and "root:x" not in result.stdout
    assert result.stderr.splitlines() == [
        "factcheck: warning: etc/: a symbolic link to a folder, not followed",
        "factcheck: warning: passwd.txt: skipped, a symbolic link to a file outside the documents folder",
    ]


def test_a_symlink_inside_the_documents_folder_is_read(runner: CliRunner, tmp_path: Path) -> None:
    claims, docs = project(tmp_path, {"sub/a.txt": "The program had 142 partner agencies.\n"})
    (docs / "b.txt").symlink_to(docs / "sub" / "a.txt")
    result = run(runner, "verify", "--claims", str(claims), "--docs", str(docs), "--format", "json")
    assert {e["doc"] for e in json.loads(result.stdout)["claims"][0]["evidence"]} == {"b.txt", "sub/a.txt"}


HOSTILE = "The program had 142 partner agencies.\x1b[2J\x07 Clear\x00ed?\x9b31m \u202eevil\x08 \x0c done.\n"


@pytest.mark.parametrize("fmt", ["text", "github", "json", "sarif", "junit"])
def test_control_characters_never_reach_the_output(runner: CliRunner, tmp_path: Path, fmt: str) -> None:
    claims, docs = project(
        tmp_path,
        {"a.txt": HOSTILE.replace("\x00", "").encode()},
        'claims:\n  - id: "a\\e[2J"\n    text: "The program had 142 partner agencies.\\e]0;x\\a"\n',
    )
    result = run(runner, "verify", "--claims", str(claims), "--docs", str(docs), "--format", fmt)
    assert result.exit_code in (0, 1), result.stderr
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]", result.stdout), repr(result.stdout)
    assert "␛[2J" in result.stdout or "\\u241b[2J" in result.stdout
    if fmt == "junit":
        ET.fromstring(result.stdout)
    if fmt in ("json", "sarif"):
        json.loads(result.stdout)


def test_sentence_positions_hold_after_control_characters_are_replaced(tmp_path: Path) -> None:
    text = "\x1b[2J\x1b[2J First line.\nSecond\x07 line here. Third one.\n"
    document, _ = read_document("a.txt", text)
    assert [(s.line, s.column, s.text) for s in document.sentences] == [
        (1, 1, "␛[2J␛[2J First line."),
        (2, 1, "Second␇ line here."),
        (2, 20, "Third one."),
    ]


def test_an_unreadable_subfolder_is_named(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    claims, docs = project(tmp_path, {"a.txt": "The program had 142 partner agencies.\n", "locked/b.txt": "x\n"})
    real = os.scandir

    def scandir(path: object = ".") -> object:
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    result = run(runner, "verify", "--claims", str(claims), "--docs", str(docs))
    assert result.exit_code == 0
    assert result.stderr == "factcheck: warning: locked/: folder skipped, it cannot be read (Permission denied)\n"


def test_thousands_of_warnings_are_shown_as_twenty_and_a_count(runner: CliRunner, tmp_path: Path) -> None:
    docs = {f"bad{n:03}.txt": b"\xc3\x28 not UTF-8" for n in range(150)}  # \xff\xfe began UTF-16: now read
    claims, folder = project(tmp_path, {"a.txt": "The program had 142 partner agencies.\n", **docs})
    result = run(runner, "verify", "--claims", str(claims), "--docs", str(folder))
    lines = result.stderr.splitlines()
    assert len(lines) == 21
    assert lines[-1] == "factcheck: warning: 130 more warnings not shown (--format json lists them all)"
    _, data = (
        result,
        json.loads(run(runner, "verify", "--claims", str(claims), "--docs", str(folder), "--format", "json").stdout),
    )
    assert len(data["warnings"]) == 150


@pytest.mark.parametrize("fmt", ["sarif", "junit", "json"])
def test_a_broken_pyproject_is_described_in_the_chosen_format(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    claims, docs = project(tmp_path, {"a.txt": "The program had 142 partner agencies.\n"})
    (tmp_path / "pyproject.toml").write_text("[tool.factcheck\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run(runner, "verify", "--claims", str(claims), "--docs", str(docs), "--format", fmt)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"factcheck: error: {tmp_path / 'pyproject.toml'}: invalid TOML")
    if fmt == "junit":
        assert ET.fromstring(result.stdout).find("testsuite/testcase/error") is not None
    else:
        data = json.loads(result.stdout)
        assert "invalid TOML" in json.dumps(data)


def test_a_pyproject_nested_too_deep_is_one_line(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_text("a = " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run(runner, "lint")
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert "pyproject.toml: cannot read" in result.stderr and len(result.stderr.splitlines()) == 1


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@t", *args], check=True, capture_output=True
    )


def _trunk_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "upstream"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "trunk")
    project(repo, {"a.txt": "The program had 142 partner agencies.\n"})
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "one")
    return repo


def test_changed_without_a_known_default_branch_exits_2_and_says_what_to_pass(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = _trunk_repo(tmp_path)
    monkeypatch.chdir(repo)
    result = run(runner, "verify", "--changed")
    assert result.exit_code == 2 and result.stdout == ""
    assert "cannot tell the default branch" in result.stderr and "--changed origin/trunk" in result.stderr


def test_changed_finds_the_default_branch_from_the_remote_head(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    upstream = _trunk_repo(tmp_path)
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(upstream), str(clone)], check=True, capture_output=True)
    _git(clone, "checkout", "-qb", "topic")
    (clone / "claims.yaml").write_text(
        CLAIM + "  - id: b\n    text: The program had 150 partner agencies.\n", encoding="utf-8"
    )
    monkeypatch.chdir(clone)
    result = run(runner, "verify", "--changed", "--format", "json")
    assert [c["id"] for c in json.loads(result.stdout)["claims"]] == ["b"]
    assert "1 of 2 claims changed since merge base with origin/trunk" in result.stderr


def test_every_bound_is_in_the_bounds_page() -> None:
    readme = (ROOT / "docs" / "bounds.md").read_text(encoding="utf-8")
    for bound in limits.BOUNDS:
        assert f"| {bound.input} | {bound.limit} | {bound.past_it} |" in readme, bound
