"""Issue 21, output: every string a pull request or a server controls is escaped in every format.

A file name, a claim id, a note, a resolution, a documents folder's name, each carrying a line
break followed by a GitHub workflow command, terminal escapes, a bidirectional override and the
Unicode line separator, go through every command and every format: no line of stdout or stderr
may start a workflow command of its own (the github format's own annotations aside, whose
properties are escaped), none carries a character a terminal would obey, and the structured
formats still parse.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from factcheck.cli import cli

from .conftest import run
from .decoy import CLAIM, make_project

# Not among them: U+2028 and U+2029, which no terminal obeys and GitHub does not cut lines at; the
# text format cuts at them (str.splitlines), so a name is shown with U+FFFD for them.

INJECTED = "\n::error title=pwned::injected\x1b[31m\x1b]0;title\x07%0A\u202e\u2028::warning::x"
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# the github format's own annotations: properties escaped, so none of them holds "::" or a raw ","
ANNOTATION = re.compile(r"::(error|warning|notice) file=[^:,]*(,line=\d+)?(,col=\d+)?(,title=[^:,]*)?::")
FORMATS = ["text", "json", "github", "sarif", "junit", "markdown", "html"]


def _yaml(text: str) -> str:
    return json.dumps(text)  # a JSON string is a YAML double-quoted scalar


def hostile_project(tmp_path: Path) -> Path:
    folder = "docs\n::error title=pwned::folder\u2028::warning::x"  # as the catalogue can name it (no controls)
    catalogue = (
        f"documents: {_yaml(folder)}\n"
        "claims:\n"
        f"  - id: {_yaml('a' + INJECTED)}\n    text: {CLAIM}\n    note: {_yaml('n' + INJECTED)}\n"
        "  - id: b\n    text: The program had 999 partner agencies.\n"
        "resolutions:\n"
        f"  - subject: {_yaml('partner agencies' + INJECTED)}\n"
        f"    value: {_yaml('142' + INJECTED)}\n    note: {_yaml('r' + INJECTED)}\n"
    )
    root = make_project(tmp_path, {}, catalogue)
    docs = root / folder
    docs.mkdir()
    (docs / f"a{INJECTED}.txt").write_text(f"{CLAIM}\nThe program had 150 partner agencies in 2019.\n")
    (docs / "b.txt").write_text("The program had 140 partner agencies in 2018.\n", encoding="utf-8")
    (docs / f"bad{INJECTED}.txt").write_bytes(b"\xc3\x28 not UTF-8 \x00")  # a warning naming it (\xff\xfe is UTF-16)
    return root


def assert_inert(result: Result, fmt: str) -> None:
    assert "Traceback" not in result.stderr
    for stream, out in (("stdout", result.stdout), ("stderr", result.stderr)):
        assert not CONTROL.search(out), (stream, repr(CONTROL.search(out)))
        for line in out.split("\n"):  # where GitHub's runner cuts lines (a raw CR is a control, refused above)
            if line.lstrip().startswith("::"):
                assert stream == "stdout" and fmt == "github" and ANNOTATION.match(line), (stream, line)
    assert all(line.startswith("factcheck: ") for line in result.stderr.splitlines()), result.stderr
    if fmt in ("json", "sarif"):
        json.loads(result.stdout)
    if fmt == "junit":
        ET.fromstring(result.stdout)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("command", ["verify", "conflicts", "lint"])
def test_hostile_names_are_inert_in_every_format(runner: CliRunner, tmp_path: Path, command: str, fmt: str) -> None:
    root = hostile_project(tmp_path)
    result = run(runner, command, "--claims", str(root / "claims.yaml"), "--format", fmt)
    assert result.exit_code in (0, 1), result.stderr
    assert_inert(result, fmt)
    if command == "verify" and fmt in ("text", "github", "junit", "html", "markdown"):
        assert "pwned" in result.stdout  # the name is shown, escaped
        assert "␊::error" in result.stdout or "%0A::error" in result.stdout or "%0A%3A%3Aerror" in result.stdout


def test_the_html_report_on_stdout_is_inert(runner: CliRunner, tmp_path: Path) -> None:
    root = hostile_project(tmp_path)
    result = run(runner, "report", "--claims", str(root / "claims.yaml"), "-o", "-")
    assert result.exit_code == 1
    assert_inert(result, "html")


def test_under_github_actions_warnings_start_no_workflow_command(tmp_path: Path) -> None:
    root = hostile_project(tmp_path)
    summary = tmp_path / "summary.md"
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    result = CliRunner().invoke(cli, ["verify", "--claims", str(root / "claims.yaml")], env=env)
    assert result.exit_code == 1
    assert result.stdout.startswith("::error file=")  # auto: the github format
    assert_inert(result, "github")
    assert "factcheck: warning: bad␊::error title=pwned::injected␛[31m" in result.stderr
    assert not any(line.lstrip().startswith("::") for line in summary.read_text(encoding="utf-8").split("\n"))


def test_a_forged_lock_time_never_reaches_stdout(runner: CliRunner, tmp_path: Path) -> None:
    """``fetched: "\\n::error::…"`` once made ``fetch`` print a workflow command in its 'kept' line."""
    url = "https://example.com/report"
    root = make_project(
        tmp_path, {"a.txt": "x\n"}, f"documents: docs\nclaims:\n  - id: a\n    text: {CLAIM}\n    sources: ['{url}']\n"
    )
    (root / ".snapshots").mkdir()
    (root / ".snapshots" / "x.html").write_text(f"<p>{CLAIM}</p>", encoding="utf-8")
    entry = {
        "url": url,
        "final_url": url,
        "fetched": "\n::error::forged",
        "content_type": "text/html",
        "status": 200,
        "sha256": "0" * 64,
        "bytes": 1,
        "file": ".snapshots/x.html",
    }
    (root / "sources.lock.yaml").write_text(yaml.safe_dump({"sources": [entry]}), encoding="utf-8")
    for args in (["fetch"], ["verify", "--format", "github"], ["verify", "--format", "text"]):
        result = run(runner, *args, "--claims", str(root / "claims.yaml"))
        assert result.exit_code == 2
        assert_inert(result, args[-1] if args[0] == "verify" else "text")
        assert "'fetched' holds a control character or a line break" in result.stderr
        assert len(result.stderr.splitlines()) == 1
