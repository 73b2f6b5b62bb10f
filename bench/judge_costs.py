"""What the model judge costs beside the rules: start-up, verify time, installed size (issue 20).

Usage:
    python bench/judge_costs.py cold [--runs 5]           # time to first output of verify on the seeds
    python bench/judge_costs.py wice [--runs 3]           # verify over WiCE dev (cited), rules vs model
    python bench/judge_costs.py size --python python3.14  # installed size of the judge extra

``cold``: ``python -m factcheck verify --no-cache`` on the bundled catalogue and seeds, the time from
start to the first byte on stdout, with ``--judge rules`` and ``--judge model`` alternating (so both
meet the same machine load), each its own process; medians and all runs printed. ``wice``: the same
for the whole run of ``verify --format json --no-cache`` over WiCE dev's 349 cited claims (the
figure the issue bounds at 1.5x the rules'). ``size``: a wheel of this checkout, installed in two
fresh virtual environments of the given Python, without and with ``[judge]``; the difference of
their site-packages is what the extra adds, the wheel's size what the package itself weighs (the
model's files are in it either way).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WICE = REPO.parent / "shared" / "bench" / "wice-dev"
JUDGES = ("rules", "model")


def first_output(cmd: Sequence[str]) -> tuple[float, float]:
    """(seconds to the first byte on stdout, seconds to the end) of one run."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert proc.stdout is not None
    proc.stdout.read(1)
    first = time.perf_counter() - start
    proc.stdout.read()
    if proc.wait() not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed (exit {proc.returncode})")
    return first, time.perf_counter() - start


def alternate(base: Sequence[str], runs: int) -> dict[str, list[tuple[float, float]]]:
    times: dict[str, list[tuple[float, float]]] = {j: [] for j in JUDGES}
    for _ in range(runs):
        for judge in JUDGES:
            times[judge].append(first_output([*base, "--judge", judge]))
    return times


def report(times: dict[str, list[tuple[float, float]]], which: int, what: str) -> None:
    medians = {j: statistics.median(t[which] for t in runs) for j, runs in times.items()}
    for judge, runs in times.items():
        shown = ", ".join(f"{t[which]:.2f}" for t in runs)
        print(f"  {judge:<6} {what}: median {medians[judge]:.2f} s  (runs: {shown})")
    print(f"  model / rules: {medians['model'] / medians['rules']:.2f}x   load average {os.getloadavg()[0]:.1f}")


def cold(runs: int) -> None:
    print("factcheck verify --no-cache on claims.yaml and seeds/: time to first output")
    times = alternate([sys.executable, "-m", "factcheck", "verify", "--no-cache"], runs)
    report(times, 0, "first output")


def wice(runs: int) -> None:
    print("factcheck verify --format json --no-cache on WiCE dev, cited documents (349 claims): wall time")
    base = [sys.executable, "-m", "factcheck", "verify", "--claims", str(WICE / "claims-cited.yaml")]
    times = alternate([*base, "--docs", str(WICE / "docs"), "--format", "json", "--no-cache"], runs)
    report(times, 1, "verify")


def du(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def size(python: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        subprocess.run([python, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(work), str(REPO)], check=True)
        wheel = next(work.glob("*.whl"))
        wheel_size = wheel.stat().st_size
        sites = {}
        for extra in ("", "[judge]"):
            venv = work / f"venv{extra or '-base'}"
            subprocess.run([python, "-m", "venv", str(venv)], check=True)
            subprocess.run([str(venv / "bin" / "pip"), "install", "-q", f"{wheel}{extra}"], check=True)
            sites[extra] = du(next(venv.glob("lib/python*/site-packages")))
    mib = 1024 * 1024
    print(f"wheel {wheel.name}: {wheel_size / mib:.1f} MiB (the model's files inside)")
    print(f"site-packages: {sites[''] / mib:.0f} MiB without the extra, {sites['[judge]'] / mib:.0f} MiB with it")
    print(f"the judge extra adds {(sites['[judge]'] - sites['']) / mib:.0f} MiB ({python})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=("cold", "wice", "size"))
    parser.add_argument("--runs", type=int, default=None, help="runs per judge (cold: 5, wice: 3)")
    parser.add_argument("--python", default=sys.executable, help="size: the interpreter to build venvs with")
    args = parser.parse_args()
    if args.what == "cold":
        cold(args.runs or 5)
    elif args.what == "wice":
        wice(args.runs or 3)
    else:
        size(args.python)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
