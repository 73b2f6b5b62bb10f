"""The text format: a rich table (verify), panels (conflicts) and a line (lint), for people.

User text (sentences, claims) always goes into ``rich.text.Text`` objects, never into
markup strings, so a source's "[bold]" stays literal.
"""

from __future__ import annotations

import sys
from typing import Any

import click
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from factcheck.disagreements import CHANGE, ConflictGroup, Statement
from factcheck.errors import FactcheckError
from factcheck.limits import columns
from factcheck.output.findings import lint_summary
from factcheck.reports import ConflictReport, LintReport, VerifyReport
from factcheck.verdicts import ClaimResult, Evidence

VERDICT_STYLE = {
    "supported": "bold green", "partial": "bold yellow", "contradicted": "bold red", "unverified": "yellow",
    "disputed": "bold magenta",
}
STANCE_STYLE = {"supports": "green", "contradicts": "red", "neutral": "dim"}


def highlighted(evidence: Evidence) -> Text:
    """The sentence with agreeing numbers in green and disagreeing ones in red."""
    text = Text(evidence.sentence.text)
    for q in evidence.agreeing:
        text.stylize("bold green underline", q.start, q.end)
    for q in evidence.disagreeing:
        text.stylize("bold red underline", q.start, q.end)
    return text


def verify_table(report: VerifyReport) -> Table:
    table = Table(show_lines=True, expand=False)
    table.add_column("claim", no_wrap=True, style="bold")
    table.add_column("verdict", no_wrap=True)
    table.add_column("evidence")
    for result in report.results:
        verdict = Text(result.verdict, style=VERDICT_STYLE[result.verdict])
        if not result.ok:
            verdict.append(f"\n(expected {result.expected})", style="red")
        table.add_row(Text(result.claim.id), verdict, _evidence_cell(result))
    return table


def _evidence_cell(result: ClaimResult) -> Text:
    cell = Text()
    cell.append(result.claim.text + "\n", style="italic")
    if not result.evidence:
        cell.append("no sentence in the documents speaks of this", style="dim")
    for n, ev in enumerate(result.evidence):
        if n:
            cell.append("\n")
        cell.append(f"{ev.doc}:{ev.line}", style="cyan")
        cell.append(f" {ev.stance} {ev.score:.0f} ", style=STANCE_STYLE[ev.stance])
        cell.append_text(highlighted(ev))
    return cell


def verify_summary(report: VerifyReport) -> Text:
    counts = report.counts
    text = Text(f"{len(report.results)} claims: ")
    text.append(", ".join(f"{n} {v}" for v, n in counts.items()))
    failures = len(report.failures)
    if failures:
        text.append(f"; {failures} not as expected", style="bold red")
    else:
        text.append("; all as expected", style="green")
    return text


def render_verify_text(report: VerifyReport, console: Console) -> None:
    console.print(verify_table(report))
    console.print(verify_summary(report))


# ------------------------------------------------------------------- conflicts

SEVERITY_STYLE = {"conflict": "bold red", "change": "yellow", "resolved": "green"}


def _statement_text(st: Statement) -> Text:
    text = Text(st.sentence)
    text.stylize("bold underline", st.quantity.start, st.quantity.end)
    return text


def _when(st: Statement) -> str:
    if st.as_of_text and st.as_of and st.dated_in_text:
        return st.as_of_text if str(st.as_of.year) in st.as_of_text else f"{st.as_of_text} ({st.as_of.year})"
    if st.as_of is not None:
        return st.as_of_text or st.as_of.isoformat()
    return st.as_of_text or "undated"


def timeline_text(group: ConflictGroup) -> str:
    values: list[str] = []
    for st in group.timeline():
        shown = st.quantity.text
        if not values or values[-1] != shown:
            values.append(shown)
    return " → ".join(values)


def conflict_panel(group: ConflictGroup) -> Panel:
    severity = "resolved" if group.resolved else group.severity
    table = Table(box=None, show_header=True, pad_edge=False)
    table.add_column("source", style="cyan", no_wrap=True)
    table.add_column("as of", no_wrap=True)
    table.add_column("value", no_wrap=True, style="bold")
    table.add_column("sentence")
    for st in group.timeline():
        table.add_row(Text(st.source), Text(_when(st)), Text(st.quantity.text), _statement_text(st))
    parts: list[Any] = []
    if group.severity == CHANGE:
        parts.append(Text("timeline: " + timeline_text(group), style="yellow"))
    if group.resolution is not None:
        res = group.resolution
        note = Text("resolved", style="green")
        if res.value:
            note.append(f": {res.value} stands")
        if res.note:
            note.append(f" — {res.note}")
        parts.append(note)
    parts.append(table)
    return Panel(
        Group(*parts), title=Text(group.subject, style="bold"), title_align="left",
        subtitle=Text(severity, style=SEVERITY_STYLE[severity]), subtitle_align="right",
        border_style=SEVERITY_STYLE[severity],
    )


def conflicts_summary(report: ConflictReport) -> Text:
    s = report.summary()
    text = Text(f"{s['statements']} statements; {s['conflicts']} conflicts, {s['changes']} changes over time, "
                f"{s['resolved']} resolved")
    if s["unresolved"]:
        text.append(f"; {s['unresolved']} unresolved", style="bold red")
    return text


def render_conflicts_text(report: ConflictReport, console: Console) -> None:
    if not report.groups:
        console.print(Text("No disagreements found.", style="green"))
    for group in report.groups:
        console.print(conflict_panel(group))
    console.print(conflicts_summary(report))


def stdout_console() -> Console:
    """A console on stdout, $COLUMNS wide (when sane), else as wide as the terminal, or 120 when piped."""
    # rich already honours NO_COLOR and writes no ANSI codes when stdout is not a terminal.
    width, _ = columns(tty=sys.stdout.isatty())  # the CLI has warned about a bad $COLUMNS
    return Console(width=width, highlight=False)


# ------------------------------------------------------------------- renderers


def verify(report: VerifyReport) -> None:
    render_verify_text(report, stdout_console())


def conflicts(report: ConflictReport) -> None:
    render_conflicts_text(report, stdout_console())


def lint(report: LintReport) -> None:
    click.echo(lint_summary(report))


def error(exc: FactcheckError, command: str) -> None:
    """Nothing on stdout: the CLI's one line on stderr is the whole message."""
