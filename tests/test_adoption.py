"""The way in for an existing catalogue: ``baseline``, ``--fail-on``, ``--only`` / ``-k`` and the
catalogue as an argument, through the command line on real files."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from .conftest import run

# Their verdicts on the seeds, checked by test_the_verdicts_these_tests_rest_on.
CLAIMS = {
    "obama": "At the end of the Obama administration, 34 local law enforcement agencies were in the program.",
    "detainers": "ICE detainers hold people 72 hours past their release date.",
    "cost": "The program costs 50 million dollars a year.",
}
VERDICTS = {"obama": "supported", "detainers": "contradicted", "cost": "unverified"}

# Comments, a flow mapping, a folded scalar, a block sequence and comment lines after a claim,
# quoting, alignment and blank lines: everything but the 'expect:' values must come back as it was.
BEFORE = """\
# Our catalogue: kept by hand.
documents: seeds   # the folder

claims:
  # Figures from the 2023 letter.
  - id: obama                       # fine as it is
    text: "At the end of the Obama administration, 34 local law enforcement agencies were in the program."

  - id: detainers
    text: >
      ICE detainers hold people 72 hours
      past their release date.
    sources:
      - 004_*.txt     # the detainer story
    # a comment under the claim

  - {id: cost, text: 'The program costs 50 million dollars a year.', expect: supported}
"""
AFTER = """\
# Our catalogue: kept by hand.
documents: seeds   # the folder

claims:
  # Figures from the 2023 letter.
  - id: obama                       # fine as it is
    text: "At the end of the Obama administration, 34 local law enforcement agencies were in the program."

  - id: detainers
    text: >
      ICE detainers hold people 72 hours
      past their release date.
    sources:
      - 004_*.txt     # the detainer story
    expect: contradicted
    # a comment under the claim

  - {id: cost, text: 'The program costs 50 million dollars a year.', expect: unverified}
"""


def catalogue(tmp_path: Path, seeds: Path, text: str | None = None, name: str = "claims.yaml") -> Path:
    if text is None:
        text = "documents: seeds\nclaims:\n" + "".join(f"  - id: {i}\n    text: {t}\n" for i, t in CLAIMS.items())
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


def verdicts(runner: CliRunner, *args: str) -> tuple[int, dict[str, str]]:
    result = run(runner, "verify", *args, "--format", "json")
    assert result.exit_code in (0, 1), result.stderr
    return result.exit_code, {c["id"]: c["verdict"] for c in json.loads(result.stdout)["claims"]}


def test_the_verdicts_these_tests_rest_on(runner: CliRunner, tmp_path: Path, seeds: Path) -> None:
    assert verdicts(runner, str(catalogue(tmp_path, seeds))) == (1, VERDICTS)


# ------------------------------------------------------------------ baseline


def test_baseline_writes_the_verdicts_and_keeps_everything_else(runner: CliRunner, tmp_path: Path, seeds: Path) -> None:
    path = catalogue(tmp_path, seeds, BEFORE)
    path.chmod(0o640)
    result = run(runner, "baseline", str(path))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr == (
        f"factcheck: {path}:9: detainers: expect: contradicted (had none: supported)\n"
        f"factcheck: {path}:17: cost: expect: unverified (was supported)\n"
        f"factcheck: baseline: 2 of 3 claims checked now expect their verdict in {path}; 1 already did\n"
    )
    assert path.read_text(encoding="utf-8") == AFTER
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".claims")] == []  # no temporary file left
    assert run(runner, "verify", str(path)).exit_code == 0  # the catalogue passes from now on
    again = run(runner, "baseline", str(path))
    assert again.exit_code == 0 and path.read_text(encoding="utf-8") == AFTER
    assert again.stderr.endswith(
        f"baseline: {path} unchanged: each of its 3 claims checked has the verdict it expects\n"
    )


def test_baseline_keeps_crlf_a_byte_order_mark_and_a_last_line_without_newline(
    runner: CliRunner, tmp_path: Path, seeds: Path
) -> None:
    body = "documents: seeds\r\nclaims:\r\n  - id: detainers\r\n    text: " + CLAIMS["detainers"]
    path = tmp_path / "claims.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + body.encode())
    assert run(runner, "baseline", str(path)).exit_code == 0
    assert path.read_bytes() == b"\xef\xbb\xbf" + (body + "\r\n    expect: contradicted\r\n").encode()
    assert run(runner, "verify", str(path)).exit_code == 0


def test_baseline_of_a_block_scalar_as_the_claims_last_value(runner: CliRunner, tmp_path: Path, seeds: Path) -> None:
    text = f"documents: seeds\nclaims:\n  - id: cost\n    text: |\n      {CLAIMS['cost']}\n\n  - id: obama\n    text: {CLAIMS['obama']}\n"
    path = catalogue(tmp_path, seeds, text)
    assert run(runner, "baseline", str(path)).exit_code == 0
    assert path.read_text(encoding="utf-8") == text.replace(
        "\n\n  - id: obama", "\n\n    expect: unverified\n  - id: obama"
    )
    assert run(runner, "verify", str(path)).exit_code == 0


def test_baseline_writes_through_a_link_to_its_target(runner: CliRunner, tmp_path: Path, seeds: Path) -> None:
    target = catalogue(tmp_path, seeds, name="real.yaml")
    link = tmp_path / "claims.yaml"
    link.symlink_to(target.name)
    assert run(runner, "baseline", str(link)).exit_code == 0
    assert link.is_symlink() and "expect: contradicted" in target.read_text(encoding="utf-8")


def test_baseline_of_the_selected_claims_only(runner: CliRunner, tmp_path: Path, seeds: Path) -> None:
    path = catalogue(tmp_path, seeds)
    result = run(runner, "baseline", "--claims", str(path), "-k", "program and not obama")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith(f"factcheck: {path}:7: cost: expect: unverified (had none: supported)\n")
    assert "detainers" not in result.stderr
    assert path.read_text(encoding="utf-8").count("expect:") == 1
    assert verdicts(runner, str(path)) == (1, VERDICTS)  # detainers still fails


def test_baseline_of_bad_input_changes_nothing(runner: CliRunner, tmp_path: Path, seeds: Path) -> None:
    path = catalogue(tmp_path, seeds, "documents: seeds\nclaims:\n  - id: a\n    text: 42\n")
    result = run(runner, "baseline", str(path))
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert path.read_text(encoding="utf-8") == "documents: seeds\nclaims:\n  - id: a\n    text: 42\n"


# ------------------------------------------------------------------ --fail-on


@pytest.mark.parametrize(
    ("fail_on", "code"),
    [
        (None, 1),  # any unexpected verdict fails
        ("contradicted,disputed", 1),  # detainers is contradicted
        ("unverified", 1),  # cost is unverified
        ("Disputed, partial", 0),  # neither: reported, not failing
        ("none", 0),  # as ruff's --exit-zero
        ("any", 1),
    ],
)
def test_fail_on_decides_the_exit_code(
    runner: CliRunner, tmp_path: Path, seeds: Path, fail_on: str | None, code: int
) -> None:
    path = catalogue(tmp_path, seeds)
    args = ["verify", str(path), "--format", "json"] + (["--fail-on", fail_on] if fail_on else [])
    result = run(runner, *args)
    assert result.exit_code == code, result.stderr
    data = json.loads(result.stdout)
    assert {c["id"]: c["verdict"] for c in data["claims"]} == VERDICTS  # the report is the same


def test_fail_on_an_unknown_verdict_is_bad_input(runner: CliRunner, tmp_path: Path, seeds: Path) -> None:
    result = run(runner, "verify", str(catalogue(tmp_path, seeds)), "--fail-on", "contradicted,wrong")
    assert result.exit_code == 2 and result.stdout == ""
    assert "Invalid value for '--fail-on': 'wrong' is not a verdict" in result.stderr


def test_the_report_object_decides_the_exit_code() -> None:
    from factcheck import Catalogue, Claim, from_texts, verify

    corpus = from_texts({"a.txt": "By April 2022 the program had 142 partner agencies."})
    report = verify(Catalogue([Claim("a", "The program had 241 partner agencies by April 2022.")]), corpus)
    assert [r.verdict for r in report.results] == ["contradicted"] and report.return_code == 1
    report.fail_on = frozenset({"unverified"})
    assert report.return_code == 0 and report.failing == [] and len(report.failures) == 1
    report.fail_on = frozenset({"contradicted"})
    assert report.return_code == 1


# ------------------------------------------------------------------ --only, -k


@pytest.mark.parametrize(
    ("selection", "ids"),
    [
        (["--only", "cost"], ["cost"]),
        (["--only", "cost", "--only", "obama"], ["obama", "cost"]),
        (["-k", "PROGRAM"], ["obama", "cost"]),  # id or text, any case
        (["-k", "program and not obama"], ["cost"]),
        (["-k", "(ice or cost) and not detainers"], ["cost"]),
        (["-k", "detainers or obama"], ["obama", "detainers"]),
        (["--only", "obama", "-k", "program"], ["obama"]),
    ],
)
def test_only_and_k_select_claims(
    runner: CliRunner, tmp_path: Path, seeds: Path, selection: list[str], ids: list[str]
) -> None:
    code, found = verdicts(runner, str(catalogue(tmp_path, seeds)), *selection)
    assert list(found) == ids
    assert code == (1 if any(VERDICTS[i] != "supported" for i in ids) else 0)


@pytest.mark.parametrize(
    ("selection", "message"),
    [
        (["--only", "cots"], "--only 'cots': no claim has this id (did you mean 'cost'?)"),
        (["-k", "nowhere"], "-k 'nowhere' matches no claim (a word matches"),
        (["-k", "cost and"], "-k 'cost and' ends too early ("),
        (["-k", "(cost"], "-k '(cost' opens a parenthesis it does not close ("),
        (["-k", "cost obama"], "-k 'cost obama' has 'obama' where an operator should be ("),
        (["-k", ""], "-k '' is empty ("),
    ],
)
def test_a_selection_of_nothing_is_bad_input(
    runner: CliRunner, tmp_path: Path, seeds: Path, selection: list[str], message: str
) -> None:
    result = run(runner, "verify", str(catalogue(tmp_path, seeds)), *selection)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and message in result.stderr, result.stderr


# ------------------------------------------------------------------ the catalogue as an argument


def test_the_catalogue_as_an_argument(runner: CliRunner, tmp_path: Path, seeds: Path) -> None:
    path = catalogue(tmp_path, seeds)
    positional = run(runner, "verify", str(path), "--format", "json")
    named = run(runner, "verify", "--claims", str(path), "--format", "json")
    assert positional.exit_code == named.exit_code == 1
    assert json.loads(positional.stdout)["claims"] == json.loads(named.stdout)["claims"]
    assert run(runner, "verify", str(path), "--claims", str(path)).exit_code == 1  # the same file twice
    page = run(runner, "verify", str(path), "--format", "html").stdout  # its options: the catalogue as --claims
    assert f"<dt>--claims</dt><dd>{path}</dd>" in page and "--catalogue" not in page
    for command in ("lint", "conflicts", "report"):
        args = [command, str(path)] + (["-o", str(tmp_path / "r.html")] if command == "report" else [])
        assert run(runner, *args).exit_code in (0, 1), command
    assert (tmp_path / "r.html").is_file()


def test_two_catalogues_named_are_refused(runner: CliRunner, tmp_path: Path, seeds: Path) -> None:
    path = catalogue(tmp_path, seeds)
    result = run(runner, "verify", str(path), "--claims", "other.yaml")
    assert result.exit_code == 2 and result.stdout == ""
    assert (
        result.stderr == f"factcheck: error: two catalogues named: {path} and --claims other.yaml (name one of them)\n"
    )


def test_the_catalogue_argument_in_the_current_folder(
    runner: CliRunner, tmp_path: Path, seeds: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalogue(tmp_path, seeds, name="mine.yaml")
    monkeypatch.chdir(tmp_path)
    assert not os.path.exists("claims.yaml")
    assert verdicts(runner, "mine.yaml") == (1, VERDICTS)
    assert run(runner, "lint", "mine.yaml").exit_code == 0
