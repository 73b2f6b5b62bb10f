"""How `verify` and `conflicts` grow with the input: time and peak memory at 1x, 2x, 4x, 8x.

Usage:
    python bench/growth.py [--cases doc,claims,files,prose,headed] [--commands verify,conflicts]
                           [--base 2000] [--steps 4] [--prose-base 1]

Cases (see bench/corpus.py):
    doc     one document of N statements (conflicts over the document)
    claims  N claims against the bundled seeds (verify and conflicts)
    files   N one-line files (conflicts over the documents)
    prose   the WiCE dev pages repeated N times under new names, with the WiCE claims
            (conflicts reads a copied page once: this measures loading, not statements)
    headed  the same, each copy opening with a line of its own: no two pages are one article,
            so conflicts handles N times the statements (each sentence N times, in N articles)

Each run is its own process: the time is the library call (reading files included), the
memory the process's peak RSS less its RSS after imports, over the corpus's bytes (the
documents plus the catalogue). "x per doubling" is the time ratio to the previous size
scaled to one doubling: near 2 is linear, near 4 quadratic.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import corpus as gen  # noqa: E402

COMMANDS = {
    "doc": ["conflicts"],
    "claims": ["verify", "conflicts"],
    "files": ["conflicts"],
    "prose": ["verify", "conflicts"],
    "headed": ["conflicts"],
}


def _rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux: KiB


def build(case: str, size: int, where: Path) -> tuple[Path | None, Path]:
    """Write the case's files; the catalogue (or None) and the documents folder."""
    docs = where / "docs"
    if case == "doc":
        gen.one_document(docs, size)
        return None, docs
    if case == "files":
        gen.one_line_files(docs, size)
        return None, docs
    if case == "claims":
        gen.claims_file(where / "claims.yaml", size)
        return where / "claims.yaml", ROOT / "seeds"
    gen.repeated_prose(docs, size, headed=case == "headed")
    return gen.WICE_CLAIMS, docs


def run_one(case: str, size: int, command: str) -> dict[str, float]:
    """In this process: build, run once, report time, memory and counts."""
    from factcheck import project
    from factcheck.reports import ConflictReport

    with tempfile.TemporaryDirectory() as tmp:
        claims, docs = build(case, size, Path(tmp))
        text = gen.corpus_bytes(docs) + (claims.stat().st_size if claims else 0)
        os.chdir(tmp)  # no ./claims.yaml: documents alone where the case has no catalogue
        base = _rss()
        start = time.perf_counter()
        where = project.Locations(claims, docs)
        report = project.verify(where) if command == "verify" else project.conflicts(where)
        seconds = time.perf_counter() - start
        peak = _rss()
        os.chdir(ROOT)
    out = {"seconds": seconds, "bytes": text, "peak": peak, "grown": max(peak - base, 0)}
    if isinstance(report, ConflictReport):
        out["statements"] = report.statements
        out["groups"] = len(report.groups)
    return out


def measure(case: str, size: int, command: str) -> dict[str, float]:
    """One run in a fresh process, so peak memory is this run's."""
    result: dict[str, float] = gen.in_child(__file__, [case, str(size), command])
    return result


def table(rows: list[tuple[str, str, int, dict[str, float]]]) -> str:
    lines = [
        "| case | command | size | corpus (MB) | time (s) | x per doubling | peak RSS (MB) | memory / corpus"
        " | statements | groups |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    previous: dict[tuple[str, str], tuple[int, float]] = {}
    for case, command, size, r in rows:
        ratio = ""
        last = previous.get((case, command))
        if last and last[1] > 0:
            ratio = f"{(r['seconds'] / last[1]) ** (1 / math.log2(size / last[0])):.2f}"
        previous[(case, command)] = (size, r["seconds"])
        lines.append(
            f"| {case} | {command} | {size} | {r['bytes'] / 1e6:.2f} | {r['seconds']:.2f} | {ratio} | "
            f"{r['peak'] / 1e6:.0f} | {r['grown'] / r['bytes']:.1f}x | {int(r.get('statements', 0)) or ''} | "
            f"{int(r['groups']) if 'groups' in r else ''} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--one", nargs=3, metavar=("CASE", "SIZE", "COMMAND"), help=argparse.SUPPRESS)
    parser.add_argument("--cases", default="doc,claims,files,prose,headed")
    parser.add_argument("--commands", default="verify,conflicts", help="which commands to time")
    parser.add_argument("--base", type=int, default=2000, help="N at 1x for doc, claims and files")
    parser.add_argument("--prose-base", type=int, default=1, help="WiCE copies at 1x")
    parser.add_argument("--steps", type=int, default=4, help="sizes 1x, 2x, ... 2^(steps-1)x")
    args = parser.parse_args()
    if args.one:
        case, size, command = args.one
        print(json.dumps(run_one(case, int(size), command)))
        return
    rows = []
    for case in args.cases.split(","):
        base = args.prose_base if case in ("prose", "headed") else args.base
        for command in (c for c in COMMANDS[case] if c in args.commands.split(",")):
            for step in range(args.steps):
                size = base * 2**step
                rows.append((case, command, size, measure(case, size, command)))
                print(f"{case} {command} {size}: {rows[-1][3]['seconds']:.2f} s", file=sys.stderr, flush=True)
    print(table(rows))


if __name__ == "__main__":
    main()
