"""What goes to the terminal beside the report: a progress bar and notes, on stderr.

stdout carries only the report, in its format, so it can be piped or uploaded as it is.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from factcheck.limits import columns
from factcheck.reports import VerifyReport

READING = "reading documents"


@contextmanager
def progress_bar(label: str) -> Iterator[Callable[[int, int], None]]:
    """A transient progress bar on stderr, shown only on an interactive terminal.

    It says "reading documents" (a pulse, no count) until the first claim is checked,
    then ``label`` with the count, so it never sits at "0/?".
    """
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True, highlight=False, width=columns(tty=sys.stderr.isatty())[0])
    with Progress(
        TextColumn("{task.description}"), BarColumn(), TextColumn("{task.fields[count]}"), TimeElapsedColumn(),
        console=console, transient=True, disable=not console.is_interactive,
    ) as progress:
        task = progress.add_task(READING, total=None, count="")

        def update(done: int, total: int) -> None:
            progress.update(task, description=label, completed=done, total=total, count=f"{done}/{total}")

        yield update


def changes_note(report: VerifyReport) -> str | None:
    """With --changed: how many claims were checked, against what, and which were deleted."""
    if report.changes is None:
        return None
    ch = report.changes
    return (f"factcheck: {len(report.results)} of {report.total_claims} claims changed since {ch.base_label}"
            f" ({ch.base[:12] or 'no commit'})" + (f"; deleted: {', '.join(ch.deleted)}" if ch.deleted else ""))


def tolerant_streams() -> None:
    """On a terminal or pipe that cannot encode everything (PYTHONIOENCODING=ascii, a C locale),
    write '?' for what it cannot show instead of failing mid-table with UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if not encoding.startswith("utf") and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
