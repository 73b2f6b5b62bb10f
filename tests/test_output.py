"""The output registry: every format for every command, from one list, and a document on bad input."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck import output

from .conftest import CATALOGUE, SEEDS, run, write_catalogue

BAD_CATALOGUE = "claims:\n  - id: a\n    txt: x\n"  # unknown key 'txt' on line 3, column 5


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder with the bundled catalogue and seeds, as the working directory."""
    shutil.copy(CATALOGUE, tmp_path / "claims.yaml")
    shutil.copytree(SEEDS, tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FACTCHECK_FORMAT", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path


def sarif_results(stdout: str) -> list[dict]:
    log = json.loads(stdout)
    assert log["version"] == "2.1.0"
    (sarif_run,) = log["runs"]
    return sarif_run["results"]


# ------------------------------------------------------------------ registry


def test_the_names_come_from_the_registry() -> None:
    assert output.names() == (
        "auto",
        "text",
        "table",
        "json",
        "csv",
        "jsonl",
        "github",
        "sarif",
        "junit",
        "markdown",
        "html",
    )
    assert set(output.names()[1:]) == set(output.FORMATS)


@pytest.mark.parametrize("name", sorted(output.FORMATS))
def test_every_format_renders_every_report_and_errors(name: str) -> None:
    renderers = output.FORMATS[name].renderers()
    for method in ("render_verify", "render_conflicts", "render_lint", "render_error"):
        assert callable(getattr(renderers, method)), f"{name} has no {method} renderer"


def test_auto_is_github_inside_github_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert output.resolve("auto").name == "github"
    monkeypatch.delenv("GITHUB_ACTIONS")
    assert output.resolve("auto").name == "text"
    assert output.resolve("sarif").name == "sarif"


@pytest.mark.parametrize("command", ["verify", "conflicts", "lint"])
def test_help_lists_every_format(runner: CliRunner, command: str) -> None:
    text = run(runner, command, "--help").stdout
    assert "[auto|text|table|json|csv|jsonl|github|sarif|junit|markdown|html]" in text
    words = " ".join(text.split())  # as read, wherever the help's lines wrap
    for fmt in output.FORMATS.values():
        assert f"{fmt.name} ({fmt.help})" in words


def test_an_unknown_format_in_settings_names_the_registry(runner: CliRunner, project: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.factcheck]\nformat = "xml"\n')
    result = run(runner, "lint")
    assert result.exit_code == 2
    assert "unknown format 'xml'" in result.stderr and ", ".join(output.names()) in result.stderr


# -------------------------------------------------------- every command, every format


@pytest.mark.parametrize("name", output.names())
@pytest.mark.parametrize("command", ["verify", "conflicts", "lint"])
def test_every_command_takes_every_format(runner: CliRunner, project: Path, command: str, name: str) -> None:
    result = run(runner, command, "--format", name)
    assert result.exit_code in (0, 1), result.stderr
    assert result.stdout.strip()


# ------------------------------------------------------------------------ lint


def test_sarif_in_settings_does_not_break_lint(runner: CliRunner, project: Path) -> None:
    """The pre-commit hook once exited 2, blaming FACTCHECK_FORMAT, when pyproject.toml said sarif."""
    (project / "pyproject.toml").write_text('[tool.factcheck]\nformat = "sarif"\n')
    result = run(runner, "lint")
    assert result.exit_code == 0, result.stderr
    assert "Invalid value" not in result.stderr
    assert sarif_results(result.stdout) == []  # sound: a run with no results


def test_junit_from_the_environment_for_lint(runner: CliRunner, project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACTCHECK_FORMAT", "junit")
    result = run(runner, "lint")
    assert result.exit_code == 0, result.stderr
    suite = ET.fromstring(result.stdout).find("testsuite")
    assert suite is not None and suite.get("name") == "factcheck lint"
    (case,) = suite.findall("testcase")
    assert case.get("name") == "claims.yaml" and list(case) == []  # one passing test case
    assert suite.get("failures") == "0" and suite.get("errors") == "0"


def test_lint_json_and_github_stay_as_they_were(runner: CliRunner, project: Path) -> None:
    assert json.loads(run(runner, "lint", "--format", "json").stdout) == {
        "schema_version": 1,
        "catalogue": "claims.yaml",
        "claims": 19,
        "documents": 5,
        "ok": True,
    }
    assert run(runner, "lint", "--format", "github").stdout == "claims.yaml: 19 claims, 5 documents under seeds: OK\n"


# ------------------------------------------------------------------- bad input


def bad_run(runner: CliRunner, tmp_path: Path, command: str, fmt: str) -> str:
    """Exit 2, one line on stderr (as ever); returns stdout."""
    path = write_catalogue(tmp_path / "c.yaml", BAD_CATALOGUE)
    result = run(runner, command, "--claims", str(path), "--docs", str(SEEDS), "--format", fmt)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "unknown key 'txt'" in lines[0]
    return result.stdout


@pytest.mark.parametrize("command", ["verify", "conflicts", "lint"])
def test_bad_input_in_sarif_is_a_failed_run_at_the_line(runner: CliRunner, tmp_path: Path, command: str) -> None:
    log = json.loads(bad_run(runner, tmp_path, command, "sarif"))
    (sarif_run,) = log["runs"]
    (result,) = sarif_run["results"]
    assert result["level"] == "error" and "unknown key 'txt'" in result["message"]["text"]
    assert sarif_run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
    loc = result["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"].endswith("c.yaml")
    assert loc["region"] == {"startLine": 3, "startColumn": 5}
    (invocation,) = sarif_run["invocations"]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error" and "unknown key 'txt'" in note["message"]["text"]


@pytest.mark.parametrize("command", ["verify", "conflicts", "lint"])
def test_bad_input_in_junit_is_one_errored_test_case(runner: CliRunner, tmp_path: Path, command: str) -> None:
    root = ET.fromstring(bad_run(runner, tmp_path, command, "junit"))
    suite = root.find("testsuite")
    assert suite is not None and suite.get("name") == f"factcheck {command}"
    assert suite.get("errors") == "1" and suite.get("failures") == "0"
    (case,) = suite.findall("testcase")
    assert case.get("name", "").endswith("c.yaml") and case.get("line") == "3"
    error = case.find("error")
    assert error is not None and "unknown key 'txt'" in (error.get("message") or "")
    assert error.text is not None and ":3:5: unknown key 'txt'" in error.text


def test_bad_input_in_json_is_an_error_object(runner: CliRunner, tmp_path: Path) -> None:
    data = json.loads(bad_run(runner, tmp_path, "verify", "json"))
    error = data["error"]
    assert error["message"] == "unknown key 'txt' in a claim"
    assert error["path"].endswith("c.yaml") and (error["line"], error["column"]) == (3, 5)
    assert "did you mean 'text'" in error["hint"] and error["text"].endswith(error["hint"] + ")")


def test_bad_input_in_github_and_text(runner: CliRunner, tmp_path: Path) -> None:
    assert bad_run(runner, tmp_path, "lint", "github").startswith("::error file=")
    assert bad_run(runner, tmp_path, "lint", "text") == ""


def test_bad_input_without_a_line_in_sarif(runner: CliRunner, tmp_path: Path) -> None:
    result = run(runner, "verify", "--claims", str(tmp_path / "none.yaml"), "--format", "sarif")
    assert result.exit_code == 2
    (res,) = sarif_results(result.stdout)
    assert "catalogue not found" in res["message"]["text"]
    assert "region" not in res["locations"][0]["physicalLocation"]


def test_json_is_written_a_claim_at_a_time_and_is_the_one_document_to_the_byte() -> None:
    from dataclasses import replace

    from factcheck import load_catalogue, load_corpus, verify
    from factcheck.output import json as json_output
    from factcheck.records import display_path, document_paths

    report = verify(load_catalogue(CATALOGUE), load_corpus(SEEDS))
    for case in (report, replace(report, results=report.results[:1]), replace(report, results=[])):
        streamed = "".join(json_output.verify_chunks(case))
        document = json.loads(streamed)
        assert document == {
            "schema_version": 1,
            "catalogue": display_path(CATALOGUE),
            "documents": display_path(SEEDS),
            "claims": [json_output.claim_json(r, document_paths(SEEDS)) for r in case.results],
            "summary": case.summary(),
            "warnings": case.warnings,
        }
        assert streamed == json_output.dumps(document)


def test_sarif_is_written_a_result_at_a_time_and_is_the_one_document_to_the_byte() -> None:
    from factcheck import load_catalogue, load_corpus, verify
    from factcheck.output import sarif
    from factcheck.output.findings import verify_findings

    findings = verify_findings(verify(load_catalogue(CATALOGUE), load_corpus(SEEDS)))
    for case in (findings, findings[:1], []):
        rules = sorted({f.rule for f in case})
        shown = [f for f in case if not (f.ok and f.level == "note" and f.rule.startswith("verdict/"))]
        log = json.loads(sarif.render_sarif(case, "verify"))
        assert log["runs"][0]["results"] == [sarif._result(f, rules) for f in shown]
        whole = json.dumps(log, indent=2, ensure_ascii=False)
        assert "".join(sarif.sarif_chunks(case, "verify")) == whole


@pytest.mark.parametrize(
    "printed",
    ["", "one line", "padded   \nlines  \n", "a\r\nb\rc\u2028d\x85e\n\n", "no break at the end   ", "\n\n\n"],
)
def test_piped_text_is_cut_into_lines_as_it_comes_as_the_whole_would_be(printed: str) -> None:
    """The piped text renderer writes each line, unpadded, as rich prints it: the bytes of cutting the whole
    output at once, however the prints fall (every split point of the text is tried)."""
    import io

    from factcheck.output.text import _Unpadded

    whole = "\n".join(line.rstrip() for line in printed.splitlines()) + "\n"
    for cut in range(len(printed) + 1):
        out = io.StringIO()
        stream = _Unpadded(out)
        stream.write(printed[:cut])
        stream.write(printed[cut:])
        stream.close()
        assert out.getvalue() == whole, cut
