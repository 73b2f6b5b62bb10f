"""`verify` and `conflicts` run locally and on a Dask cluster of local workers, in the same run.

Usage:
    pip install -e '.[cluster]'
    python bench/cluster.py --docs /work/scale/c24 --claims ../shared/bench/wice-dev/claims.yaml [--workers 2]

Each run is its own process (``factcheck ... --format json --no-cache``: every document read,
split and indexed, nothing from the cache), so the local and the cluster run do the same work;
the cluster run adds ``--cluster`` to a scheduler and ``--workers`` worker processes (one thread
each) started here on 127.0.0.1 before the clock starts. The outputs must be byte-identical; the
figures are wall-clock seconds, and their ratio, measured back to back on the same machine.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path


def _run(args: list[str]) -> tuple[float, int, bytes]:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "factcheck", *args], capture_output=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"factcheck {' '.join(args)} failed ({done.returncode}): {done.stderr.decode()[-2000:]}")
    return seconds, done.returncode, done.stdout


def measure(command: str, docs: Path, claims: Path, address: str) -> dict[str, float | bool]:
    """One command locally, then on the cluster: seconds each, their ratio, whether the outputs are identical."""
    args = [command, "--claims", str(claims), "--docs", str(docs), "--format", "json", "--no-cache"]
    local, local_code, local_out = _run(args)
    remote, remote_code, remote_out = _run([*args, "--cluster", address])
    same = local_out == remote_out and local_code == remote_code
    return {"local": local, "cluster": remote, "speedup": local / remote, "identical": same}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=Path, required=True)
    parser.add_argument("--claims", type=Path, required=True)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--commands", default="verify,conflicts")
    options = parser.parse_args()
    from distributed import LocalCluster

    with LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=options.workers,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        memory_limit=0,
    ) as cluster:
        print(f"| command | local (s) | --cluster, {options.workers} workers (s) | local / cluster | identical |")
        print("|---|---|---|---|---|")
        for command in options.commands.split(","):
            got = measure(command, options.docs.resolve(), options.claims.resolve(), cluster.scheduler_address)
            print(
                f"| {command} | {got['local']:.1f} | {got['cluster']:.1f} | {got['speedup']:.2f} | "
                f"{'yes' if got['identical'] else 'NO'} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
