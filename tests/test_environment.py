"""The environment variables factcheck reads, all through ``factcheck.environment``."""

from __future__ import annotations

import multiprocessing
import os
import re
import sys
from pathlib import Path

import pytest

import factcheck
from factcheck import environment
from factcheck.errors import FactcheckError

PACKAGE = Path(factcheck.__file__).resolve().parent
# still reading os.environ themselves until they are switched to environment.workers() and
# environment.cache_dir() (their rewrites are in flight on other branches)
NOT_YET_SWITCHED: set[str] = set()


def test_only_the_environment_module_reads_the_environment() -> None:
    reading = re.compile(r"os\.environ|getenv\(|envvar=\"")
    readers = {
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if reading.search(path.read_text(encoding="utf-8"))
    }
    assert readers - NOT_YET_SWITCHED == {"environment.py"}


def test_workers_are_the_cores_capped_by_the_variable_and_one_in_a_daemonic_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(8)), raising=False)
    monkeypatch.delenv("FACTCHECK_WORKERS", raising=False)
    assert environment.workers() == 8
    for given, workers in (("2", 2), (" 3 ", 3), ("", 8), ("64", 8)):  # never more than the cores
        monkeypatch.setenv("FACTCHECK_WORKERS", given)
        assert environment.workers() == workers
    for bad in ("0", "two", "-1", "1.5"):
        monkeypatch.setenv("FACTCHECK_WORKERS", bad)
        with pytest.raises(FactcheckError, match="FACTCHECK_WORKERS must be a whole number") as raised:
            environment.workers()
        assert "\n" not in str(raised.value)
    monkeypatch.setenv("FACTCHECK_WORKERS", "2")
    monkeypatch.setattr(sys, "platform", "darwin")
    assert environment.workers() == 1  # forking is not safe there
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(multiprocessing, "current_process", lambda: type("P", (), {"daemon": True})())
    assert environment.workers() == 1  # a pool's worker may not fork a pool of its own


def test_cache_dir_is_the_variable_when_set(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from factcheck.cache import FOLDER, cache_folder

    catalogue = tmp_path / "claims.yaml"
    for given, expected in (("", None), (str(tmp_path / "elsewhere"), tmp_path / "elsewhere")):
        monkeypatch.setenv("FACTCHECK_CACHE_DIR", given)
        assert environment.cache_dir() == expected
        assert cache_folder(catalogue) == (environment.cache_dir() or tmp_path / FOLDER)  # as cache.py decides
    monkeypatch.delenv("FACTCHECK_CACHE_DIR")
    assert environment.cache_dir() is None


def test_the_step_summary_is_named_only_inside_github_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", "/runner/summary.md")
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    assert not environment.github_actions() and environment.step_summary() is None
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert environment.github_actions() and environment.step_summary() == "/runner/summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", "")
    assert environment.step_summary() is None


@pytest.mark.parametrize(
    "given, width, warned",
    [
        *((given, 120, False) for given in (None, "", "  ")),
        ("80", 80, False),
        (" 200 ", 200, False),
        *((given, 120, True) for given in ("abc", "0", "-5", "19", "1001")),
    ],
)
def test_columns_when_piped(monkeypatch: pytest.MonkeyPatch, given: str | None, width: int, warned: bool) -> None:
    if given is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", given)
    got, warning = environment.columns()
    assert got == width and (warning is not None) == warned
    if warning is not None:
        assert warning == f"COLUMNS={given!r} is not a width from 20 to 1000; using 120"
