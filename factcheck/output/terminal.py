"""What goes to the terminal beside the report: a progress bar and notes, on stderr.

stdout carries only the report, in its format, so it can be piped or uploaded as it is.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from factcheck.environment import columns
from factcheck.reports import VerifyReport

READING = "reading documents"


Clock = Callable[[], float]


class Bars:
    """The progress of a run: :meth:`reading` while documents are read (``documents done, in all,
    sentences``), then the claims (the instance is called with ``claims done, in all``).

    Each phase is a task of its own, so the claims' phase starts counting afresh (a bar that
    pulses while the index is built and the first claims are judged), and the clock is the
    run's: it never stops between phases, as rich's elapsed column does once a task completes.
    ``progress``: the rich Progress showing them.
    """

    def __init__(self, progress: Any, task: Any, label: str, now: Clock = time.perf_counter) -> None:
        self.progress, self._task, self._label, self._now = progress, task, label, now
        self._started = now()
        self._claims: Any = None

    def reading(self, done: int, total: int, sentences: int) -> None:
        if self._claims is not None:
            return
        rate = done / max(self._now() - self._started, 1e-9)
        count = f"{done}/{total} documents, {sentences:,} sentences, {rate:,.0f}/s"
        self.progress.update(self._task, completed=done, total=total, count=count)
        if done >= total:  # read: the claims' phase shows at once, with what was read, until a claim is done
            self._claims_task(f"{total} documents, {sentences:,} sentences read")

    def _claims_task(self, count: str) -> Any:
        if self._claims is None:
            self.progress.update(self._task, visible=False)
            self._claims = self.progress.add_task(self._label, total=None, count=count)
        return self._claims

    def __call__(self, done: int, total: int) -> None:
        self.progress.update(self._claims_task(""), completed=done, total=total, count=f"{done}/{total}")


def run_clock(now: Clock) -> Any:
    """A column with the time since the run began, ticking on every refresh whatever its tasks do
    (rich's elapsed column stops when a task completes). Made here: rich is imported only to show it."""
    from rich.progress import ProgressColumn
    from rich.text import Text

    class RunClock(ProgressColumn):
        def __init__(self) -> None:
            super().__init__()
            self.started = now()

        def render(self, task: Any) -> Text:
            return Text(str(timedelta(seconds=int(now() - self.started))), style="progress.elapsed")

    return RunClock()


@contextmanager
def progress_bar(label: str, console: Any = None, now: Clock = time.perf_counter) -> Iterator[Bars]:
    """A transient progress bar on stderr, shown only on an interactive terminal.

    It says "reading documents" with a count from the start (documents, sentences, their rate
    and the time left when the cache reports them), then ``label``: a pulsing bar until the
    first claim is checked, then the count of claims. The clock runs throughout.
    ``console``, ``now``: where it is shown and the clock it reads (the terminal and the time).
    """
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    if console is None:
        console = Console(stderr=True, highlight=False, width=columns(tty=sys.stderr.isatty())[0])
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.fields[count]}"),
        run_clock(now),
        TimeRemainingColumn(),
        console=console,
        transient=True,
        disable=not console.is_interactive,
        get_time=now,
    ) as progress:
        task = progress.add_task(READING, total=None, count="")
        yield Bars(progress, task, label, now)


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
