"""``--cluster``: verify and conflicts on a real Dask cluster give the local run's output, byte for byte.

The test starts a scheduler and two worker processes on 127.0.0.1 (``dask scheduler``, ``dask
worker``, as a user would), runs each command through the CLI with and without ``--cluster`` on
the bundled seeds and on a slice of WiCE dev (read from ../shared/bench, skipped where absent),
and compares stdout and exit codes; it asks the workers which shards they built, so the work is
known to have run on both. The error paths (no Dask, no scheduler, a worker not seeing the
documents) are one line on stderr and exit code 2.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.cluster import load, shard
from factcheck.errors import FactcheckError
from factcheck.project import Locations

distributed = pytest.importorskip("distributed", reason="--cluster needs pip install 'factcheck-claims[cluster]'")

ROOT = Path(__file__).resolve().parent.parent
DASK = Path(sys.executable).with_name("dask")
SCHEDULER = [str(DASK), "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard"]
WORKER = ["--host", "127.0.0.1", "--nthreads", "1", "--nworkers", "1", "--no-dashboard", "--memory-limit", "0"]
STARTUP = 60.0  # seconds for the scheduler and both workers to come up on a busy machine


def _stop(processes: list[subprocess.Popen[bytes]]) -> None:
    """Each process this test started, by its id: asked to stop, then killed if it will not."""
    for proc in processes:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
    for proc in processes:
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


def _scheduler_address(path: Path, scheduler: subprocess.Popen[bytes]) -> str:
    deadline = time.monotonic() + STARTUP
    while time.monotonic() < deadline:
        if scheduler.poll() is not None:
            raise RuntimeError(f"dask scheduler exited with {scheduler.returncode}")
        try:
            address: str = json.loads(path.read_text())["address"]
            return address
        except (OSError, ValueError, KeyError):
            time.sleep(0.2)
    raise RuntimeError("dask scheduler did not start")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A scheduler and two single-thread worker processes on 127.0.0.1; their address."""
    folder = tmp_path_factory.mktemp("dask")
    processes: list[subprocess.Popen[bytes]] = []
    logs = [open(folder / f"{name}.log", "wb") for name in ("scheduler", "worker-1", "worker-2")]  # noqa: SIM115
    try:
        processes.append(
            subprocess.Popen(
                [*SCHEDULER, "--scheduler-file", str(folder / "scheduler.json")],
                cwd=folder,
                stdout=logs[0],
                stderr=subprocess.STDOUT,
            )
        )
        address = _scheduler_address(folder / "scheduler.json", processes[0])
        for n, log in enumerate(logs[1:], 1):
            processes.append(
                subprocess.Popen(
                    [str(DASK), "worker", address, *WORKER, "--name", f"worker-{n}"],
                    cwd=folder,  # not the tests' folder: the documents' paths must not depend on it
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            )
        with distributed.Client(address, timeout=STARTUP) as client:
            client.wait_for_workers(2, timeout=STARTUP)
        yield address
    finally:
        _stop(processes)
        for log in logs:
            log.close()


@pytest.fixture
def here(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """The repository as the working folder, a cache of the test's own, no environment leaking in."""
    monkeypatch.chdir(ROOT)
    for var in ("GITHUB_ACTIONS", "FACTCHECK_FORMAT", "FACTCHECK_CLUSTER", "NO_COLOR"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    return ROOT


def _same_as_local(args: list[str], address: str) -> Any:
    """The command locally and on the cluster: identical stdout and exit code; the cluster run's result."""
    local = CliRunner().invoke(cli, args, catch_exceptions=False)
    remote = CliRunner().invoke(cli, [*args, "--cluster", address], catch_exceptions=False)
    assert local.exit_code in (0, 1), local.stderr
    assert remote.exit_code == local.exit_code, remote.stderr
    assert remote.stdout == local.stdout
    assert "on 2 workers" in remote.stderr
    return remote


SEEDS_CASES = [
    ["verify", "--format", "json"],
    ["verify", "--top", "5", "--format", "json"],
    ["verify", "--claims", "bench/labelled-claims.yaml", "--docs", "seeds", "--format", "json"],
    ["conflicts", "--format", "json"],
    ["conflicts", "--docs", "seeds", "--claims", "bench/labelled-claims.yaml", "--format", "json"],
]


@pytest.mark.parametrize("args", SEEDS_CASES, ids=[" ".join(a) for a in SEEDS_CASES])
def test_seeds_as_local(args: list[str], cluster: str, here: Path) -> None:
    _same_as_local(args, cluster)


WICE_CASES = [
    ["verify", "--claims", "{wice}/claims-cited.yaml", "--docs", "{wice}/docs", "--top", "5", "--format", "json"],
    ["verify", "--claims", "{wice}/claims.yaml", "--docs", "{wice}/docs", "--format", "json"],
    ["conflicts", "--claims", "{wice}/claims.yaml", "--docs", "{wice}/docs", "--format", "json"],
]


@pytest.mark.parametrize("args", WICE_CASES, ids=["verify-cited", "verify-open", "conflicts"])
def test_wice_slice_as_local(args: list[str], cluster: str, here: Path, wice_slice: Path) -> None:
    remote = _same_as_local([a.replace("{wice}", str(wice_slice)) for a in args], cluster)
    assert json.loads(remote.stdout)["summary"]  # a real report, not an error document


def test_copies_in_two_shards_as_local(cluster: str, here: Path, tmp_path: Path) -> None:
    """A page copied under other names, copies falling in both shards: one article, as in a local run."""
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "seeds", docs)
    first = sorted(docs.iterdir())[0]
    for name in ("aa-copy.html", "zz-copy.html"):
        shutil.copy(first, docs / (name.split(".")[0] + first.suffix))
    for args in (["conflicts", "--docs", str(docs)], ["verify", "--docs", str(docs)]):
        _same_as_local([*args, "--claims", str(ROOT / "claims.yaml"), "--format", "json"], cluster)


def test_address_from_the_environment(cluster: str, here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    local = CliRunner().invoke(cli, ["conflicts", "--format", "json"])
    monkeypatch.setenv("FACTCHECK_CLUSTER", cluster)
    remote = CliRunner().invoke(cli, ["conflicts", "--format", "json"])
    assert (remote.exit_code, remote.stdout) == (local.exit_code, local.stdout)
    assert f"cluster {cluster}:" in remote.stderr


def test_both_workers_built_shards(cluster: str, here: Path) -> None:
    """Each worker process read a shard of its own: the work ran on both."""
    _same_as_local(["verify", "--format", "json"], cluster)
    with distributed.Client(cluster, timeout=STARTUP) as client:
        built = client.run(lambda: list(shard.BUILT))
    assert len(built) == 2
    assert all(any(documents for _, documents in shards) for shards in built.values()), built


def _one_error_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("factcheck: error: ")
    return lines[0]


def test_unreachable_scheduler(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("factcheck.cluster.session.CONNECT_TIMEOUT", 2.0)
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    result = CliRunner().invoke(cli, ["verify", "--cluster", address])
    assert result.exit_code == 2
    line = _one_error_line(result.stderr)
    assert f"cannot reach the Dask scheduler at {address}" in line
    assert "dask scheduler" in line


def test_dask_missing(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed: ImportError
    result = CliRunner().invoke(cli, ["conflicts", "--cluster", "tcp://127.0.0.1:8786"])
    assert result.exit_code == 2
    assert "pip install 'factcheck-claims[cluster]'" in _one_error_line(result.stderr)


def test_a_worker_that_cannot_see_the_folder(tmp_path: Path) -> None:
    """On the worker: the first file (or the folder) it cannot see; on the client: an error naming it."""
    (tmp_path / "a.txt").write_text("One sentence.", encoding="utf-8")
    assert shard.read_files(0, str(tmp_path), ["a.txt", "b.txt"], None).missing == "b.txt"
    assert shard.read_files(0, str(tmp_path / "gone"), ["a.txt"], None).missing == str(tmp_path / "gone") + os.sep

    class Blind:  # a session whose one worker sees nothing
        workers = ("tcp://10.0.0.9:40000",)

        def on(self, number: int, function: Any, *args: Any) -> Any:
            return function(*args) if function is shard.summary else shard.read_files(0, "/nowhere", [], None)

        def gather(self, futures: list[Any]) -> list[Any]:
            return futures

    with pytest.raises(FactcheckError) as caught:
        load.read_sharded(Blind(), None, Locations(docs=tmp_path), None, None)  # type: ignore[arg-type]
    message = str(caught.value)
    assert "the Dask worker tcp://10.0.0.9:40000 cannot see /nowhere" in message
    assert "same path on the client and every worker" in message


def test_runs_are_contiguous_and_balanced() -> None:
    assert load.runs([10, 10, 10, 10], 2) == [(0, 2), (2, 4)]
    assert load.runs([100, 1, 1, 1], 2) == [(0, 1), (1, 4)]
    assert load.runs([5], 3) == [(0, 1)]
    assert load.runs([0, 0, 0], 2) == [(0, 3)]
