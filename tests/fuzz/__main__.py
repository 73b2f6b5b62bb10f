"""Run every fuzz target for as long as asked: ``python -m tests.fuzz --minutes 10``.

Targets take turns in rounds of ``--batch`` examples each, each round with fresh random
inputs (hypothesis, no example database), until the time is up. A crash is any exception
an invariant does not allow; a hang, any example over ``--deadline`` seconds (inputs reach
200,000 characters, so a quadratic step shows). Every failure is printed with its smallest
example; the exit code is 1 when there was any.
"""

from __future__ import annotations

import argparse
import faulthandler
import sys
import time
import traceback
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.fuzz import cache_targets as c
from tests.fuzz import targets as t

TARGETS: dict[str, tuple[Callable[..., None], tuple[st.SearchStrategy[Any], ...]]] = {
    "catalogue": (t.catalogue_loads_or_says_why, (st.one_of(t.catalogue_text(), t.quoted_catalogue(), t.large_text),)),
    "text reader": (
        t.sentences_point_at_their_text,
        (st.sampled_from(["a.txt", "b.md"]), st.one_of(t.large_text.map(str.encode), st.binary())),
    ),
    "html reader": (t.html_positions_lie_in_the_file, (st.one_of(t.large_text.map(str.encode), st.binary()),)),
    "markdown reader": (t.markdown_reads_with_positions, (t.markdown_text.map(str.encode),)),
    "docx reader": (
        t.docx_reads_or_says_why,
        (t.docx_xml, t.docx_body, st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=3)),
    ),
    "quantities": (t.quantities_lie_in_their_text, (t.large_text,)),
    "formats": (t.formats_stay_valid, (t.documents, st.one_of(t.catalogue_text(), t.quoted_catalogue()))),
    "errors": (t.errors_stay_valid, (t.hostile_text, t.hostile_text)),
    "cache loader": (c.cache_files_read_or_say_why, (c.cache_files(),)),
    "lock file": (t.lock_reads_or_says_why, (t.lock_text(),)),
    "pdf reader": (
        t.pdf_reads_or_says_why,
        (st.lists(st.tuples(st.integers(0, 1 << 20), st.integers(0, 255)), max_size=40), st.integers(0, 4096)),
    ),
}


def _round(
    check: Callable[..., None],
    strategies: tuple[st.SearchStrategy[Any], ...],
    batch: int,
    deadline: float,
    count: list[int],
) -> None:
    # No shrinking: a slow 200,000-character example would take minutes to shrink; the example
    # found is printed as it is. A true hang (one that never returns) dumps every stack.
    @settings(
        max_examples=batch,
        deadline=timedelta(seconds=deadline),
        database=None,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.explicit, Phase.generate],
        print_blob=False,
    )
    @given(st.tuples(*strategies))
    def run(args: tuple[Any, ...]) -> None:
        count[0] += 1
        faulthandler.dump_traceback_later(deadline * 6, exit=True)
        try:
            check(*args)
        finally:
            faulthandler.cancel_dump_traceback_later()

    run()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz", description=__doc__.split("\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--batch", type=int, default=200, help="examples per target per round")
    parser.add_argument("--deadline", type=float, default=5.0, help="seconds one example may take")
    parser.add_argument("--only", choices=sorted(TARGETS), action="append")
    args = parser.parse_args(argv)
    names = args.only or list(TARGETS)
    end = time.monotonic() + args.minutes * 60
    counts = {name: [0] for name in names}
    failures: list[str] = []
    rounds = 0
    while time.monotonic() < end:
        rounds += 1
        for name in names:
            check, strategies = TARGETS[name]
            try:
                _round(check, strategies, args.batch, args.deadline, counts[name])
            except Exception:  # a crash or a hang, with hypothesis's smallest example
                failures.append(f"--- {name}\n{traceback.format_exc()[-4000:]}")
                print(failures[-1], file=sys.stderr, flush=True)
        done = ", ".join(f"{n} {c[0]:,}" for n, c in counts.items())
        print(f"round {rounds}: {done}; failures {len(failures)}", flush=True)
    total = sum(c[0] for c in counts.values())
    print(f"fuzzed {args.minutes:g} min: {total:,} examples ({done}); {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
