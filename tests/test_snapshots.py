"""Snapshot tests: the output of every command on real inputs, pinned byte for byte.

As black's ``tests/data/cases``: a refactor proves itself by changing none of these
files. Each case is ``tests/data/cases/<name>.out``: a header naming the command line
and its exit code, then the exact stdout. ``FACTCHECK_UPDATE_SNAPSHOTS=1 pytest
tests/test_snapshots.py`` rewrites them after a deliberate change (review the diff).

Cases run over the bundled seeds, the labelled set in bench/, and a slice of WiCE dev
(read from ../shared/bench; skipped with a reason where it is absent). WiCE cases are
pinned as a digest (ids, verdicts, evidence locations and scores), not its text.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.cli import cli

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "data" / "cases"
UPDATE = os.environ.get("FACTCHECK_UPDATE_SNAPSHOTS") == "1"


def _raw(stdout: str) -> str:
    return stdout


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


# name -> (arguments, how stdout is pinned, whether it needs the WiCE slice)
CASE_ARGS: dict[str, tuple[list[str], Callable[[str], str], bool]] = {
    "verify-seeds-text": (["verify", "--format", "text"], _raw, False),
    "verify-seeds-json": (["verify", "--format", "json"], _raw, False),
    "verify-seeds-top5-json": (["verify", "--top", "5", "--format", "json"], _raw, False),
    "verify-seeds-github": (["verify", "--format", "github"], _raw, False),
    "verify-seeds-junit": (["verify", "--format", "junit"], _raw, False),
    "verify-seeds-sarif": (["verify", "--format", "sarif"], _raw, False),
    "conflicts-seeds-text": (["conflicts", "--format", "text"], _raw, False),
    "conflicts-seeds-json": (["conflicts", "--format", "json"], _raw, False),
    "conflicts-docs-only-json": (
        ["conflicts", "--docs", "seeds", "--claims", "bench/labelled-claims.yaml", "--format", "json"],
        _raw,
        False,
    ),
    "lint-seeds-text": (["lint", "--format", "text"], _raw, False),
    "lint-seeds-json": (["lint", "--format", "json"], _raw, False),
    "verify-labelled-json": (["verify", "--claims", "bench/labelled-claims.yaml", "--format", "json"], _raw, False),
    "verify-labelled-text": (["verify", "--claims", "bench/labelled-claims.yaml", "--format", "text"], _raw, False),
    "verify-wice-cited": (
        ["verify", "--claims", "{wice}/claims-cited.yaml", "--docs", "{wice}/docs", "--top", "5", "--format", "json"],
        _verify_digest,
        True,
    ),
    "verify-wice-open": (
        ["verify", "--claims", "{wice}/claims.yaml", "--docs", "{wice}/docs", "--top", "3", "--format", "json"],
        _verify_digest,
        True,
    ),
    "conflicts-wice": (
        ["conflicts", "--claims", "{wice}/claims.yaml", "--docs", "{wice}/docs", "--format", "json"],
        _conflicts_digest,
        True,
    ),
}


def _header(args: list[str], code: int) -> str:
    return f"# args: {' '.join(args)}\n# exit: {code}\n# ---\n"


@pytest.mark.parametrize("name", sorted(CASE_ARGS))
def test_snapshot(name: str, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    args, pin, needs_wice = CASE_ARGS[name]
    monkeypatch.chdir(ROOT)
    for var in ("GITHUB_ACTIONS", "FACTCHECK_FORMAT", "NO_COLOR"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("COLUMNS", "120")
    if needs_wice:
        folder = request.getfixturevalue("wice_slice")
        args = [a.replace("{wice}", str(folder)) for a in args]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    shown = [a.replace(str(folder), "{wice}") for a in args] if needs_wice else args
    actual = _header(shown, result.exit_code) + pin(result.stdout)
    path = CASES / f"{name}.out"
    if UPDATE or not path.exists():
        if not UPDATE:
            pytest.fail(f"no snapshot {path.name}: run with FACTCHECK_UPDATE_SNAPSHOTS=1 to create it")
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8")


def test_every_snapshot_file_has_a_case() -> None:
    """A stale snapshot (its case renamed or removed) would silently stop pinning anything."""
    assert {p.stem for p in CASES.glob("*.out")} <= set(CASE_ARGS)
