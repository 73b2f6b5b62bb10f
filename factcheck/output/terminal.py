"""What goes to the terminal beside the report: a progress bar and notes, on stderr.

stdout carries only the report, in its format, so it can be piped or uploaded as it is.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from factcheck.environment import columns
from factcheck.reports import VerifyReport

READING = "reading documents"


class Bars:
    """The progress of a run: :meth:`reading` while documents are read (``documents done, in all,
    sentences``), then the claims (the instance is called with ``claims done, in all``)."""

    def __init__(self, progress: Any, task: Any, label: str) -> None:
        self._progress, self._task, self._label = progress, task, label
        self._started = time.perf_counter()

    def reading(self, done: int, total: int, sentences: int) -> None:
        rate = done / max(time.perf_counter() - self._started, 1e-9)
        self._progress.update(
            self._task,
            completed=done,
            total=total,
            count=f"{done}/{total} documents, {sentences:,} sentences, {rate:,.0f}/s",
        )

    def __call__(self, done: int, total: int) -> None:
        self._progress.update(self._task, description=self._label, completed=done, total=total, count=f"{done}/{total}")


@contextmanager
def progress_bar(label: str) -> Iterator[Bars]:
    """A transient progress bar on stderr, shown only on an interactive terminal.

    It says "reading documents" (with documents, sentences, their rate and the time left when
    the cache reports them) until the first claim is checked, then ``label`` with the count,
    so it never sits at "0/?".
    """
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    console = Console(stderr=True, highlight=False, width=columns(tty=sys.stderr.isatty())[0])
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.fields[count]}"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
        disable=not console.is_interactive,
    ) as progress:
        task = progress.add_task(READING, total=None, count="")
        yield Bars(progress, task, label)


def changes_note(report: VerifyReport) -> str | None:
    """With --changed: how many claims were checked, against what, and which were deleted."""
    if report.changes is None:
        return None
    ch = report.changes
    return (
        f"factcheck: {len(report.results)} of {report.total_claims} claims changed since {ch.base_label}"
        f" ({ch.base[:12] or 'no commit'})" + (f"; deleted: {', '.join(ch.deleted)}" if ch.deleted else "")
    )


def tolerant_streams() -> None:
    """On a terminal or pipe that cannot encode everything (PYTHONIOENCODING=ascii, a C locale),
    write '?' for what it cannot show instead of failing mid-table with UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if not encoding.startswith("utf") and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
