"""The installable name, and the CI files that install and run it: every install line installs this
project, and every hook and workflow watches every file a verdict depends on."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import factcheck
from factcheck.cli import cli
from factcheck.corpus.readers import suffixes

from .conftest import ROOT

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PIP_INSTALL = re.compile(r"pip install ([^\n`]*)")
ENDS = {"&&", "||", ";", "|", "#", ")"}


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _dependencies() -> set[str]:
    """The names this project depends on (any extra): a hint may tell to install one of those."""
    project = PYPROJECT["project"]
    requirements = [
        *project["dependencies"],
        *(r for extra in project["optional-dependencies"].values() for r in extra),
    ]
    return {_normal(re.match(r"[A-Za-z0-9._-]+", r).group()) for r in requirements}  # type: ignore[union-attr]


REQUIREMENT = re.compile(r"\.|\.\[[a-z,]+\]|\./\S*|[A-Za-z0-9][A-Za-z0-9._-]*(\[[a-z,]+\])?([=<>~!]=?[\w.*]+)?")
# Placeholders in the sources, whose rendering is checked where it is printed (init's output, the --cluster hint)
TEMPLATES = {"{DISTRIBUTION}[cluster]": "factcheck-claims[cluster]", "{install}": "factcheck-claims"}


def _installed(line: str) -> list[str]:
    """What one ``pip install ...`` installs: its requirements, options left out, up to the end of the
    command (``&&``, a comment, a closing quote or bracket, a word that is no requirement)."""
    out = []
    for raw in line.split():
        if raw in ENDS or raw.startswith("#"):
            break
        if raw.startswith("-"):
            continue
        word = raw.lstrip("'\"").rstrip(",;:.)'\"") or "."
        word = TEMPLATES.get(word, word)
        if not REQUIREMENT.fullmatch(word):
            break
        out.append(word)
        quoted = raw[0] in "'\"" and raw.endswith(raw[0]) and raw.count(raw[0]) == 2  # 'factcheck-claims[x]'
        if raw.endswith((",", ";", ":", ")", "'", '"')) and not quoted:
            break  # the sentence or the string goes on with other words
    return out


# The benchmark sets' documents are other projects' (pip's own installation page among them), and their claims
# are about those documents: their "pip install" lines are quoted, not instructions of ours.
THIRD_PARTY_SETS = ("bench/realdocs/", "bench/heldout/")


def _repository_files() -> list[Path]:
    listed = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z"], capture_output=True, text=True, check=False)
    if listed.returncode != 0:
        pytest.skip("not a git checkout")
    return [ROOT / name for name in listed.stdout.split("\0") if name and (ROOT / name).is_file()]


def _init_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> str:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["init", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_distribution_name_is_ours_and_the_command_stays() -> None:
    assert PYPROJECT["project"]["name"] == factcheck.DISTRIBUTION == "factcheck-claims"
    assert PYPROJECT["project"]["scripts"] == {"factcheck": "factcheck.cli:main"}


def test_every_pip_install_line_installs_this_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = {
        name: p.read_text(encoding="utf-8", errors="replace")
        for p in _repository_files()
        if not (name := str(p.relative_to(ROOT))).startswith(THIRD_PARTY_SETS)
    }
    texts["factcheck init"] = _init_output(tmp_path, monkeypatch)
    allowed = _dependencies()
    ours, wrong = [], []
    for where, text in texts.items():
        for match in PIP_INSTALL.finditer(text):
            for requirement in _installed(match.group(1)):
                if requirement == "." or requirement.startswith((".[", "./")):
                    ours.append(where)  # this checkout
                    continue
                name = _normal(re.split(r"[\[=<>~!; ]", requirement)[0])
                if name == factcheck.DISTRIBUTION:
                    ours.append(where)
                elif name not in allowed:
                    wrong.append(f"{where}: pip install {match.group(1).strip()}")
    assert not wrong, "installs something that is neither this project nor a dependency:\n" + "\n".join(wrong)
    assert {"factcheck init", "README.md", ".github/workflows/factcheck.yml"} <= set(ours)


def test_the_starter_hook_installs_this_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    hook_text, workflow_text = _init_output(tmp_path, monkeypatch).strip().split("\n\n")
    hook = yaml.safe_load(hook_text)["repos"][0]["hooks"][0]
    assert hook["language"] == "python"  # pre-commit makes its environment, with what it names installed
    assert hook["additional_dependencies"] == [f"factcheck-claims=={factcheck.__version__}"]
    steps = yaml.safe_load(workflow_text)["jobs"]["factcheck"]["steps"]
    assert {"run": f"pip install factcheck-claims=={factcheck.__version__}"} in steps


WATCHED = ["claims.yaml", "sources.lock.yaml", ".snapshots/0123456789abcdef.html", "pyproject.toml"]


@pytest.mark.parametrize(
    ("args", "claims", "documents"),
    [
        ((), "claims.yaml", "documents"),
        (("src docs", "--claims", "checks/claims.yaml"), "checks/claims.yaml", "src docs"),
    ],
)
def test_init_snippets_watch_every_file_a_verdict_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], claims: str, documents: str
) -> None:
    hook_text, workflow_text = _init_output(tmp_path, monkeypatch, *args).strip().split("\n\n")
    beside = claims.rpartition("/")[0]
    prefix = f"{beside}/" if beside else ""
    read = [claims, f"{prefix}sources.lock.yaml", f"{prefix}.snapshots/0123456789abcdef.pdf", "pyproject.toml"]
    read += [f"{documents}/sub/report{suffix}" for suffix in suffixes()] + [f"{documents}/REPORT.PDF"]
    files = re.compile(yaml.safe_load(hook_text)["repos"][0]["hooks"][0]["files"])
    assert [p for p in read if not files.search(p)] == []
    assert [p for p in (f"{documents}/notes.json", "other/report.txt", "README.md") if files.search(p)] == []
    workflow = yaml.safe_load(workflow_text)
    paths = workflow[True]["pull_request"]["paths"]  # YAML 1.1 reads the key 'on' as True
    assert paths == [
        claims,
        f"{documents}/**",
        f"{prefix}sources.lock.yaml",
        f"{prefix}.snapshots/**",
        "pyproject.toml",
    ]
    cache = next(s for s in workflow["jobs"]["factcheck"]["steps"] if s.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"] == f"{prefix}.factcheck"
    hashed = ", ".join(f"'{p}'" for p in paths)
    assert cache["with"]["key"] == f"factcheck-${{{{ runner.os }}}}-${{{{ hashFiles({hashed}) }}}}"
    commands = [s["run"] for s in workflow["jobs"]["factcheck"]["steps"] if "run" in s]
    assert f"factcheck verify --claims {shlex.quote(claims)}" in commands


def test_the_published_hooks_run_when_any_file_a_verdict_reads_changes() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["factcheck-lint", "factcheck-verify"]
    read = [*WATCHED, "sub/claims.yml", "sub/.snapshots/x.pdf"] + [f"docs/a{s}" for s in suffixes()] + ["docs/B.DOCX"]
    for hook in hooks:
        files = re.compile(hook["files"])
        assert [p for p in read if not files.search(p)] == [], hook["id"]
        assert [p for p in ("docs/a.json", "setup.cfg", "src/app.py") if files.search(p)] == [], hook["id"]


def test_the_repository_workflow_watches_the_documents_and_keeps_the_cache() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "factcheck.yml").read_text(encoding="utf-8"))
    paths = workflow[True]["pull_request"]["paths"]
    assert {"claims.yaml", "seeds/**", "sources.lock.yaml", ".snapshots/**", "pyproject.toml"} <= set(paths)
    steps = workflow["jobs"]["factcheck"]["steps"]
    cache = next(s for s in steps if s.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"] == ".factcheck" and "hashFiles(" in cache["with"]["key"]
    runs = {s["run"]: s.get("if") for s in steps if "run" in s}
    assert runs['factcheck verify --changed "origin/${{ github.base_ref }}"'] == "github.event_name == 'pull_request'"
    assert runs["factcheck verify"] == "github.event_name != 'pull_request'"  # every claim after a merge
