from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from factcheck.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CATALOGUE = ROOT / "claims.yaml"
WICE = ROOT.parent / "shared" / "bench" / "wice-dev"
WICE_SLICE = 40  # the first claims of claims-cited.yaml, with their cited pages


@pytest.fixture(autouse=True, scope="session")
def _cache_outside_the_repo(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Every run of the session shares one cache in a temporary folder: the snapshot cases run
    through it cold and warm, and nothing is written beside the repository's catalogue, nor
    in the user's own cache folder (where the cache keeps its key)."""
    os.environ["FACTCHECK_CACHE_DIR"] = str(tmp_path_factory.mktemp("factcheck-cache"))
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))  # the cache's key: not the user's


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    """A private copy of the seed corpus, so a test may add files to it."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


def write_catalogue(path: Path, body: str) -> Path:
    path.write_text(body, encoding="utf-8")
    return path


def run(runner: CliRunner, *args: str) -> Result:
    return runner.invoke(cli, list(args), catch_exceptions=False)


def run_json(runner: CliRunner, *args: str) -> tuple[Result, dict]:
    result = run(runner, *args, "--format", "json")
    return result, json.loads(result.stdout)


@pytest.fixture(scope="module")
def wice_slice(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The first WICE_SLICE cited WiCE claims and their pages: a catalogue citing them (claims-cited.yaml),
    one searching them all (claims.yaml), and the pages (docs/)."""
    if not (WICE / "claims-cited.yaml").is_file():
        pytest.skip(f"WiCE dev not found at {WICE} (it ships in ../shared/bench)")
    out = tmp_path_factory.mktemp("wice")
    claims = yaml.safe_load((WICE / "claims-cited.yaml").read_text(encoding="utf-8"))["claims"][:WICE_SLICE]
    (out / "docs").mkdir()
    for claim in claims:
        for src in claim["sources"]:
            shutil.copy(WICE / "docs" / src, out / "docs" / src)
    (out / "claims-cited.yaml").write_text(yaml.safe_dump({"claims": claims}), encoding="utf-8")
    open_claims = [{"id": c["id"], "text": c["text"]} for c in claims]
    (out / "claims.yaml").write_text(yaml.safe_dump({"claims": open_claims}), encoding="utf-8")
    return out


def build_package(tmp_path: Path) -> Path:
    """The package as a wheel's build lays it out (setuptools' build_py on a copy of the sources): its folder.

    Skips when setuptools is absent (pip builds in an isolated environment, so a venv may lack it)."""
    if importlib.util.find_spec("setuptools") is None:
        pytest.skip("setuptools is not installed in this environment (pip builds in an isolated one)")
    source = tmp_path / "src"
    shutil.copytree(ROOT / "factcheck", source / "factcheck", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    build = [
        sys.executable,
        "-c",
        "from setuptools import setup; setup()",
        "-q",
        "build_py",
        "-d",
        str(tmp_path / "lib"),
    ]
    built = subprocess.run(build, cwd=source, capture_output=True, text=True, timeout=300, check=False)
    assert built.returncode == 0, built.stderr
    return tmp_path / "lib"
