"""The text format, for people: what needs attention first, one best evidence line per claim.

verify: the claims not as expected lead, then the rest; each shows its verdict, its text
(unsupported words marked), and its best sentence clipped around the figures that decided
it, with the figures named ("agrees: 34", "12 vs 34") so they read without colour too.
``--top N`` shows N sentences, ``-v`` shows them unclipped. It fits 80 columns.

User text (sentences, claims) always goes into ``rich.text.Text`` objects, never into
markup strings, so a source's "[bold]" stays literal.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, TextIO

import click
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from factcheck.disagreements import CHANGE, ConflictGroup, Statement
from factcheck.environment import columns
from factcheck.errors import FactcheckError
from factcheck.output.base import Asked
from factcheck.output.excerpts import EXCERPT, cut, figures
from factcheck.output.findings import Places, lint_summary
from factcheck.quantities.time import as_written
from factcheck.reports import ConflictReport, LintReport, VerifyReport
from factcheck.sanitize import one_line
from factcheck.verdicts import ClaimResult, Evidence

VERDICT_STYLE = {
    "supported": "bold green",
    "partial": "bold yellow",
    "contradicted": "bold red",
    "unverified": "yellow",
    "disputed": "bold magenta",
}
STANCE_STYLE = {"supports": "green", "contradicts": "red", "neutral": "dim"}
UNSUPPORTED_STYLE = "bold red underline"
MAX_WIDTH = 120  # wider lines are hard to read: a wide terminal shows the same layout, up to this
LOCATION = 30  # characters of a claim's catalogue:line shown on its verdict's line (the end kept)


def clipped(text: Text, marks: list[tuple[int, int]], limit: int | None) -> Text:
    """``text`` cut to ``limit`` characters around ``marks``, with "…" where it was cut."""
    c = cut(text.plain, marks, limit)
    if not c.left() and not c.right(len(text.plain)):
        return text
    out = Text("…" if c.left() else "", style="dim")
    out.append_text(text[c.start : c.end])
    if c.right(len(text.plain)):
        out.append("…", style="dim")
    return out


# ------------------------------------------------------------------- verify


def highlighted(evidence: Evidence) -> Text:
    """The sentence with agreeing numbers in green and disagreeing ones in red."""
    text = Text(evidence.sentence.text)
    for q in evidence.agreeing:
        text.stylize("bold green underline", q.start, q.end)
    for q in evidence.disagreeing:
        text.stylize("bold red underline", q.start, q.end)
    return text


def claim_text(result: ClaimResult) -> Text:
    """The claim, its unsupported words marked."""
    text = Text(result.claim.text, style="italic")
    for span in result.unsupported:
        text.stylize(UNSUPPORTED_STYLE, span.start, span.end)
    return text


def evidence_lines(evidence: Evidence, limit: int | None, places: Places) -> Group:
    """``contradicts  docs/a.txt:9  score 93  number: 12 vs 34`` (the path from the working directory), then
    the sentence (clipped unless verbose)."""
    head = Text("→ ", style="dim")
    head.append(evidence.stance, style=STANCE_STYLE[evidence.stance])
    head.append("  ")
    head.append(one_line(places.evidence(evidence)), style="cyan")
    head.append(f"  score {evidence.score:.0f}", style="dim")
    said = figures(evidence)
    if said:
        head.append("  ")
        head.append(said, style="bold red" if evidence.stance == "contradicts" else "bold")
    marks = [(q.start, q.end) for q in (*evidence.agreeing, *evidence.disagreeing)]
    sentence = clipped(highlighted(evidence), marks, limit)
    if evidence.stance == "neutral":
        sentence.stylize("dim")
    return Group(head, indented(sentence))


def verdict_line(result: ClaimResult, catalogue: str) -> Table:
    """``✗ id  contradicted · expected supported`` on the left, ``claims.yaml:95`` on the right."""
    line = Text("✓ " if result.ok else "✗ ", style="green" if result.ok else "bold red")
    line.append(result.claim.id, style="bold")
    line.append("  ")
    line.append(result.verdict, style=VERDICT_STYLE[result.verdict])
    if not result.ok and result.claim.expect is not None:
        line.append(f" · expected {result.expected}", style="red")
    elif result.ok and result.claim.expect not in (None, "supported"):
        line.append(" · as expected", style="dim")
    grid = Table.grid(expand=True)
    grid.add_column(ratio=1)
    grid.add_column(justify="right", no_wrap=True)
    where = f"{catalogue}:{result.claim.line}"
    grid.add_row(line, Text(where if len(where) <= LOCATION else "…" + where[1 - LOCATION :], style="dim"))
    return grid


def indented(renderable: RenderableType) -> Padding:
    return Padding(renderable, (0, 0, 0, 2), expand=False)


def claim_block(result: ClaimResult, places: Places, asked: Asked) -> Group:
    parts: list[RenderableType] = [verdict_line(result, places.catalogue or ""), indented(claim_text(result))]
    if result.unsupported:
        note = Text("not backed by the evidence: ", style="red")
        note.append(", ".join(f"“{s.text}”" for s in result.unsupported), style=UNSUPPORTED_STYLE)
        parts.append(indented(note))
    shown = shown_evidence(result, asked)
    if not shown:
        parts.append(indented(Text("no sentence in the documents speaks of this", style="dim")))
    limit = None if asked.verbose else EXCERPT
    parts.extend(indented(evidence_lines(ev, limit, places)) for ev in shown)
    return Group(*parts)


def shown_evidence(result: ClaimResult, asked: Asked) -> list[Evidence]:
    """The best sentence; ``--top N`` N of them; ``-v`` all the report holds."""
    if asked.verbose:
        return result.evidence[: asked.shown] if asked.shown else result.evidence
    return result.evidence[: asked.shown or 1]


def attention_first(report: VerifyReport) -> tuple[list[ClaimResult], list[ClaimResult]]:
    """Claims not as expected, then the rest, each in catalogue order."""
    return report.failures, [r for r in report.results if r.ok]


def verify_summary(report: VerifyReport) -> Text:
    """Every count, zeros included: the last line of the github format."""
    counts = report.counts
    text = Text(f"{len(report.results)} claims: ")
    text.append(", ".join(f"{n} {v}" for v, n in counts.items()))
    failures = len(report.failures)
    if failures:
        text.append(f"; {failures} not as expected", style="bold red")
    else:
        text.append("; all as expected", style="green")
    return text


def verify_headline(report: VerifyReport) -> Text:
    """The text format's last line: the verdicts found, and how many are not as expected."""
    n = len(report.results)
    text = Text(f"{n} claim{'' if n == 1 else 's'}: ")
    text.append(", ".join(f"{c} {v}" for v, c in report.counts.items() if c or v == "supported"))
    failures = report.failures
    if not failures:
        text.append("; all as expected", style="green")
        return text
    text.append(f"; {len(failures)} not as expected", style="bold red")
    if any(r.claim.expect is None for r in failures):
        text.append(" (a claim without 'expect:' must be supported)", style="red")
    return text


def render_verify_text(report: VerifyReport, console: Console, asked: Asked) -> None:
    places = Places.of(report)
    width = min(console.width, MAX_WIDTH)
    failing, passing = attention_first(report)
    for title, results, style in (("Needs attention", failing, "bold red"), ("As expected", passing, "bold green")):
        if not results:
            continue
        console.print(Text(f"{title} ({len(results)})", style=style))
        for result in results:
            console.print(claim_block(result, places, asked), width=width)
        console.print()
    console.print(verify_headline(report), width=width)


# ------------------------------------------------------------------- conflicts

SEVERITY_STYLE = {"conflict": "bold red", "change": "yellow", "resolved": "green"}


def _statement_text(st: Statement) -> Text:
    text = Text(st.sentence)
    text.stylize("bold underline", st.quantity.start, st.quantity.end)
    return text


def when(st: Statement) -> str:
    if st.as_of_text and st.as_of and st.dated_in_text:
        return st.as_of_text if str(st.as_of.year) in st.as_of_text else f"{st.as_of_text} ({st.as_of.year})"
    if st.as_of is not None:
        return st.as_of_text or as_written(st.as_of)
    return st.as_of_text or "undated"


def timeline_text(group: ConflictGroup) -> str:
    values: list[str] = []
    for st in group.timeline():
        shown = st.quantity.text
        if not values or values[-1] != shown:
            values.append(shown)
    return " → ".join(values)


def statement_rows(group: ConflictGroup, limit: int | None, places: Places) -> Table:
    """Per statement: the value (never cut), when and where, then the sentence around it."""
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True, style="bold", min_width=3)
    table.add_column(ratio=1)
    for st in group.timeline():
        head = Text(when(st))
        head.append("  ")
        head.append(one_line(places.source(st)), style="cyan")
        marks = [(st.quantity.start, st.quantity.end)]
        table.add_row(Text(st.quantity.text), Group(head, clipped(_statement_text(st), marks, limit)))
    return table


def conflict_panel(group: ConflictGroup, places: Places, limit: int | None = EXCERPT) -> Panel:
    severity = "resolved" if group.resolved else group.severity
    parts: list[Any] = []
    if group.severity == CHANGE:
        parts.append(Text("timeline: " + timeline_text(group), style="yellow"))
    if group.resolution is not None:
        res = group.resolution
        note = Text("resolved", style="green")
        if res.value:
            note.append(f": {one_line(res.value)} stands")
        if res.note:
            note.append(f" — {' '.join(res.note.split())}")  # a note of several lines, on one
        parts.append(note)
    parts.append(statement_rows(group, limit, places))
    return Panel(
        Group(*parts),
        title=Text(one_line(group.subject), style="bold"),
        title_align="left",
        subtitle=Text(severity, style=SEVERITY_STYLE[severity]),
        subtitle_align="right",
        border_style=SEVERITY_STYLE[severity],
    )


def conflicts_summary(report: ConflictReport) -> Text:
    s = report.summary()
    text = Text(
        f"{s['statements']} statements; {s['conflicts']} conflicts, {s['changes']} changes over time, "
        f"{s['resolved']} resolved"
    )
    if s["unresolved"]:
        text.append(f"; {s['unresolved']} unresolved", style="bold red")
    return text


def render_conflicts_text(report: ConflictReport, console: Console, asked: Asked) -> None:
    if not report.groups:
        console.print(Text("No disagreements found.", style="green"))
    places = Places.of(report)
    unresolved = [g for g in report.groups if not g.resolved]
    for group in [*unresolved, *(g for g in report.groups if g.resolved)]:
        panel = conflict_panel(group, places, None if asked.verbose else EXCERPT)
        console.print(panel, width=min(console.width, MAX_WIDTH))
    console.print(conflicts_summary(report))


def stdout_console() -> Console:
    """A console on stdout, $COLUMNS wide (when sane), else as wide as the terminal, or 120 when piped."""
    # rich already honours NO_COLOR and writes no ANSI codes when stdout is not a terminal.
    width, _ = columns(tty=sys.stdout.isatty())  # the CLI has warned about a bad $COLUMNS
    return Console(width=width, highlight=False)


def printed(render: Callable[[Console], None]) -> None:
    """Render to stdout; when piped, without the spaces rich pads lines with."""
    console = stdout_console()
    if sys.stdout.isatty():
        render(console)
        return
    # sys.stdout, not click.echo: click writes UTF-8 to a stream it thinks misconfigured (ASCII), where
    # the stream itself, made tolerant at start-up, writes '?' for what it cannot encode.
    lines = _Unpadded(sys.stdout)
    console.file = lines  # type: ignore[assignment]
    render(console)
    lines.close()


class _Unpadded:
    """A piped console's stream: what it prints, line by line without the spaces rich pads lines with, as it
    comes (50,000 claims print 22 MB: captured whole, rich's segments of it took 600 MB). Lines are cut
    where ``str.splitlines`` cuts them, after the last line break of what came so far, so the bytes are
    those of the whole output cut at once."""

    def __init__(self, out: TextIO):
        self.out, self.pending, self.wrote = out, "", False
        self.encoding = getattr(out, "encoding", None) or "utf-8"  # rich picks its box characters by it

    def isatty(self) -> bool:
        return False

    def write(self, text: str) -> int:
        self.pending += text
        cut = self.pending.rfind("\n") + 1
        if cut:
            self._lines(self.pending[:cut])
            self.pending = self.pending[cut:]
        return len(text)

    def flush(self) -> None:
        pass

    def close(self) -> None:
        self._lines(self.pending)
        if not self.wrote:
            self.out.write("\n")  # as "\n".join of no lines, plus the last line break

    def _lines(self, text: str) -> None:
        for line in text.splitlines():
            self.out.write(line.rstrip() + "\n")
            self.wrote = True


# ------------------------------------------------------------------- renderers


def render_verify(report: VerifyReport, asked: Asked) -> None:
    printed(lambda console: render_verify_text(report, console, asked))


def render_conflicts(report: ConflictReport, asked: Asked) -> None:
    printed(lambda console: render_conflicts_text(report, console, asked))


def render_lint(report: LintReport, asked: Asked) -> None:
    click.echo(lint_summary(report))


def render_error(exc: FactcheckError, command: str) -> None:
    """Nothing on stdout: the CLI's one line on stderr is the whole message."""
