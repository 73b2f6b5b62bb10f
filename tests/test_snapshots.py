"""Snapshot tests: the output of every command on real inputs, pinned byte for byte.

As black's ``tests/data/cases``: a refactor proves itself by changing none of these
files. Each case is ``tests/data/cases/<name>.out``: a header naming the command line
(``# args:``, the only place a case's arguments are kept) and its exit code, then the
exact stdout. ``FACTCHECK_UPDATE_SNAPSHOTS=1 pytest tests/test_snapshots.py`` rewrites
them after a deliberate change (review the diff); a new case is a file holding its
``# args:`` line, written the same way.

Cases run over the bundled seeds, the labelled set in bench/, and a slice of WiCE dev
(read from ../shared/bench; skipped with a reason where it is absent): ``{wice}`` in the
arguments stands for its folder. WiCE cases are pinned as a digest (ids, verdicts,
evidence locations and scores), not its text. What changes from run to run (JUnit's ``time``) is
pinned as a mark (:data:`MASKS`).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.cli import cli

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "data" / "cases"
UPDATE = os.environ.get("FACTCHECK_UPDATE_SNAPSHOTS") == "1"
ARGS, END = "# args: ", "# ---"


def _verify_digest(stdout: str) -> str:
    data = json.loads(stdout)
    lines = []
    for c in data["claims"]:
        evidence = "; ".join(f"{e['doc']}:{e['line']} {e['stance']} {e['score']}" for e in c["evidence"])
        lines.append(f"{c['id']} {c['verdict']} | {evidence}")
    lines.append(json.dumps(data["summary"], sort_keys=True))
    return "\n".join(lines) + "\n"


def _conflicts_digest(stdout: str) -> str:
    data = json.loads(stdout)
    lines = []
    for g in data["conflicts"]:
        where = ", ".join(
            f"{s.get('doc') or 'claim ' + str(s.get('claim'))}:{s['line']}={s['text']}" for s in g["statements"]
        )
        lines.append(f"{g['subject']} [{g['severity']}] {where}")
    lines.append(json.dumps(data["summary"], sort_keys=True))
    return "\n".join(lines) + "\n"


WICE = "{wice}"  # in a case's arguments: the WiCE slice's folder
# a case reading the WiCE slice is pinned as a digest of its command's JSON
DIGESTS: dict[str, Callable[[str], str]] = {"verify": _verify_digest, "conflicts": _conflicts_digest}
NAMES = sorted(p.stem for p in CASES.glob("*.out"))


@dataclass(frozen=True)
class Case:
    """One case file: its ``# args:`` line is the command line (the one place a case's arguments are kept)."""

    path: Path
    args: list[str]
    pinned: str  # the whole file

    @classmethod
    def read(cls, name: str) -> Case:
        path = CASES / f"{name}.out"
        pinned = path.read_text(encoding="utf-8")
        first = pinned.split("\n", 1)[0]
        if not first.startswith(ARGS):
            pytest.fail(f"{path.name} does not begin with '{ARGS}<the command line>'")
        return cls(path, first[len(ARGS) :].split(" "), pinned)

    @property
    def needs_wice(self) -> bool:
        return any(WICE in a for a in self.args)

    def pin(self, stdout: str) -> str:
        return DIGESTS[self.args[0]](stdout) if self.needs_wice else masked(stdout)


# What changes from run to run, pinned as a mark: JUnit's seconds.
MASKS = ((re.compile(r' time="\d+\.\d{3}"'), ' time="(seconds)"'),)


def masked(stdout: str) -> str:
    for pattern, mark in MASKS:
        stdout = pattern.sub(mark, stdout)
    return stdout


def _header(args: list[str], code: int) -> str:
    return f"{ARGS}{' '.join(args)}\n# exit: {code}\n{END}\n"


@pytest.mark.parametrize("name", NAMES)
def test_snapshot(name: str, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    case = Case.read(name)
    args = case.args
    monkeypatch.chdir(ROOT)
    for var in ("GITHUB_ACTIONS", "FACTCHECK_FORMAT", "NO_COLOR"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("COLUMNS", "120")
    if case.needs_wice:
        folder = str(request.getfixturevalue("wice_slice"))
        args = [a.replace(WICE, folder) for a in args]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    actual = _header(case.args, result.exit_code) + case.pin(result.stdout)
    if UPDATE:
        case.path.write_text(actual, encoding="utf-8")
        return
    if f"\n{END}\n" not in case.pinned:
        pytest.fail(f"{case.path.name} pins no output yet: run with FACTCHECK_UPDATE_SNAPSHOTS=1 to write it")
    assert actual == case.pinned


def test_the_case_files_are_found() -> None:
    """Every file in tests/data/cases is a case; a moved folder would leave nothing pinned."""
    assert {"verify-seeds-text", "conflicts-seeds-text", "lint-seeds-text"} <= set(NAMES)
