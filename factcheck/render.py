"""Turning results into output: a rich table for people, JSON for tools.

User text (sentences, claims) always goes into ``rich.text.Text`` objects, never into
markup strings, so a source's "[bold]" stays literal.
"""

from __future__ import annotations

import json
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from factcheck.report import VerifyReport
from factcheck.verdicts import ClaimResult, Evidence

VERDICT_STYLE = {
    "supported": "bold green", "contradicted": "bold red", "unverified": "yellow", "disputed": "bold magenta",
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


def evidence_json(ev: Evidence) -> dict[str, Any]:
    return {
        "doc": ev.doc,
        "line": ev.line,
        "column": ev.sentence.column,
        "sentence": ev.sentence.text,
        "score": ev.score,
        "stance": ev.stance,
        "as_of": ev.as_of.isoformat() if ev.as_of else None,
        "numbers": {
            "agreeing": [q.text for q in ev.agreeing],
            "disagreeing": [q.text for q in ev.disagreeing],
        },
    }


def verify_json(report: VerifyReport) -> dict[str, Any]:
    return {
        "claims": [
            {
                "id": r.claim.id,
                "text": r.claim.text,
                "line": r.claim.line,
                "verdict": r.verdict,
                "expected": r.expected,
                "ok": r.ok,
                "evidence": [evidence_json(e) for e in r.evidence],
            }
            for r in report.results
        ],
        "summary": report.summary(),
        "warnings": report.warnings,
    }


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)
