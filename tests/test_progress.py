"""The progress display on a terminal: a count from the first document, and a clock that keeps running."""

from __future__ import annotations

import io
import re
from pathlib import Path

from rich.console import Console

from factcheck import project
from factcheck.output.terminal import progress_bar

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


class Terminal:
    """A terminal the display draws on, and a clock the test moves."""

    def __init__(self) -> None:
        self.time = 0.0
        self.screen = io.StringIO()
        self.console = Console(
            file=self.screen, force_terminal=True, force_interactive=True, width=150, color_system=None
        )

    def now(self) -> float:
        return self.time

    def line(self, bars: object) -> str:
        """The display's line as the terminal shows it after a refresh (rich refreshes ten times a second)."""
        bars.progress.refresh()  # type: ignore[attr-defined]
        text = ANSI.sub("\n", self.screen.getvalue().replace("\r", "\n"))
        return " ".join([line for line in text.split("\n") if line.strip()][-1].split())


def test_the_count_shows_from_the_first_document_and_the_clock_runs_while_claims_are_judged() -> None:
    terminal = Terminal()
    with progress_bar("checking claims", console=terminal.console, now=terminal.now) as bars:
        bars.reading(0, 4, 0)  # the cache, before it reads the first document
        assert terminal.line(bars).startswith("reading documents 0/4 documents, 0 sentences, 0/s 0:00:00")
        terminal.time = 2.0
        bars.reading(2, 4, 150)
        assert "2/4 documents, 150 sentences, 1/s 0:00:02" in terminal.line(bars)
        terminal.time = 5.0
        bars.reading(4, 4, 300)
        assert terminal.line(bars).startswith("checking claims ━")
        assert terminal.line(bars).endswith("4 documents, 300 sentences read 0:00:05")
        terminal.time = 65.0  # the index is built and the first claims judged: no call for a minute
        assert terminal.line(bars).endswith("4 documents, 300 sentences read 0:01:05")
        bars(1, 2)
        terminal.time = 70.0
        assert terminal.line(bars).startswith("checking claims ━")
        assert "1/2 0:01:10" in terminal.line(bars)


def test_no_display_off_a_terminal() -> None:
    screen = io.StringIO()
    with progress_bar("checking claims", console=Console(file=screen)) as bars:
        bars.reading(0, 1, 0)
        bars(1, 1)
    assert screen.getvalue() == ""


def test_the_reading_count_starts_at_zero_and_goes_up_one_document_at_a_time(seeds: Path, tmp_path: Path) -> None:
    (tmp_path / "claims.yaml").write_text("documents: seeds\nclaims:\n  - id: a\n    text: 34 agencies.\n")
    documents = len(list(seeds.iterdir()))
    for cache in (False, True, True):  # read afresh; into the cache; from it
        calls: list[tuple[int, int, int]] = []
        where = project.Locations(tmp_path / "claims.yaml", cache=cache)
        project.verify(
            where, reading=lambda done, total, sentences, calls=calls: calls.append((done, total, sentences))
        )
        assert calls[0] == (0, documents, 0)
        assert [done for done, _, _ in calls] == list(range(documents + 1))
        assert all(total == documents for _, total, _ in calls)
        assert [s for _, _, s in calls] == sorted(s for _, _, s in calls) and calls[-1][2] > 100
