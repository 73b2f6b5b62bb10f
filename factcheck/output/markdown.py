"""The markdown format: a compact summary for a pull-request comment or a job's summary page.

A headline with the counts, the claims that need attention in a table (verdict, the
figures that decided it, the best sentence around them, ``file:line``), the rest folded
under ``<details>``. Every text from a catalogue or a document is escaped: HTML
characters become entities and Markdown's own characters are backslash-escaped, so a
source's ``<script>`` or ``|`` is shown, never interpreted.

Under GitHub Actions the CLI also appends this document to ``$GITHUB_STEP_SUMMARY``, cut to the rows that
fit under :data:`SUMMARY_LIMIT` (GitHub's limit is 1 MiB a step), with a line saying how many were left out.
"""

from __future__ import annotations

import html
import math
import re
from typing import TYPE_CHECKING

import click

from factcheck.disagreements import CHANGE, ConflictGroup
from factcheck.errors import FactcheckError
from factcheck.output.base import Asked
from factcheck.output.excerpts import EXCERPT, figures, marked
from factcheck.output.findings import Places, display_path, error_message, lint_summary
from factcheck.quantities.time import as_written
from factcheck.reports import ConflictReport, LintReport, VerifyReport
from factcheck.verdicts import ClaimResult, Evidence

if TYPE_CHECKING:
    from factcheck.output.base import Report

# GitHub shows 1 MiB of a step's summary and refuses the rest; this leaves room for what other steps append.
SUMMARY_LIMIT = 1000 * 1024
VERDICT_MARK = {"supported": "✅", "partial": "🟡", "contradicted": "❌", "unverified": "❔", "disputed": "⚖️"}
_SPECIAL = re.compile(r"([\\`*_\[\]|~])")  # what is special inside a table cell's line


def escape(text: str) -> str:
    """User text, safe in a Markdown table cell: no HTML, no Markdown, one line."""
    text = html.escape(re.sub(r"\s+", " ", text), quote=False)
    return _SPECIAL.sub(r"\\\1", text)


def _pieces(text: str, marks: list[tuple[int, int, str]], limit: int | None) -> str:
    out = []
    for words, kind in marked(text, marks, limit):
        if kind in ("agree", "disagree", "unsupported"):
            out.append(f"**{escape(words)}**" if words.strip() else escape(words))
        else:
            out.append(escape(words))
    return "".join(out)


def claim_cell(result: ClaimResult) -> str:
    """The claim's id and text, its unsupported words in bold and named."""
    marks = [(s.start, s.end, "unsupported") for s in result.unsupported]
    cell = f"**{escape(result.claim.id)}** " + _pieces(result.claim.text, marks, None)
    if result.unsupported:
        cell += "<br>not backed: " + ", ".join(f"“{escape(s.text)}”" for s in result.unsupported)
    return cell


def evidence_cell(evidence: Evidence | None, places: Places, limit: int | None = EXCERPT) -> str:
    if evidence is None:
        return "no sentence in the documents speaks of this"
    marks = [(q.start, q.end, "agree") for q in evidence.agreeing]
    marks += [(q.start, q.end, "disagree") for q in evidence.disagreeing]
    said = figures(evidence)
    where = places.evidence(evidence)
    head = f"{evidence.stance} {escape(where)}" + (f" — {escape(said)}" if said else "")
    return head + "<br>" + _pieces(evidence.sentence.text, marks, limit)


def verdict_cell(result: ClaimResult) -> str:
    cell = f"{VERDICT_MARK[result.verdict]} {result.verdict}"
    if not result.ok and result.claim.expect is not None:
        cell += f" (expected {result.expected})"
    return cell


def claims_table(results: list[ClaimResult], places: Places, asked: Asked) -> list[str]:
    rows = ["| claim | verdict | evidence |", "|---|---|---|"]
    for r in results:
        shown: list[Evidence | None] = [*r.evidence[: asked.shown or 1]] or [None]
        evidence = "<br><br>".join(evidence_cell(ev, places, None if asked.verbose else EXCERPT) for ev in shown)
        where = f"<br>{escape(places.catalogue or '')}:{r.claim.line}"
        rows.append(f"| {claim_cell(r)}{where} | {verdict_cell(r)} | {evidence} |")
    return rows


def verify_document(report: VerifyReport, asked: Asked, limit: float = math.inf) -> str:
    """The claims that need attention, then the rest folded; within ``limit`` bytes (the job summary's), the
    rows that fit, in that order, and a line saying how many were left out."""
    failing = report.failures
    counts = " · ".join(f"{n} {v}" for v, n in report.counts.items() if n)
    state = f"❌ {len(failing)} not as expected" if failing else "✅ all as expected"
    lines = [f"### factcheck verify: {state}", "", f"{len(report.results)} claims: {counts}", ""]
    places = Places.of(report)
    passing = [r for r in report.results if r.ok]
    sections = [
        (["**Needs attention**", ""], failing, [""]),
        ([f"<details><summary>As expected ({len(passing)})</summary>", ""], passing, ["", "</details>"]),
    ]
    fitted = Fitted(limit - _size(lines) - NOTE_ROOM)
    for opening, results, closing in sections:
        if results:
            lines += fitted.section(opening, claims_table(results, places, asked), closing)
    if fitted.left_out:
        lines += ["", left_out_note(fitted.left_out, len(report.results), "claims")]
    return "\n".join(lines)


NOTE_ROOM = 400  # bytes kept for the note saying what was left out


def _size(lines: list[str]) -> int:
    """Bytes of ``lines`` joined by line breaks, with the one after the last."""
    return sum(len(line.encode()) + 1 for line in lines)


class Fitted:
    """Table rows kept while they fit in ``room`` bytes, and a count of the rows left out."""

    def __init__(self, room: float):
        self.room, self.left_out = room, 0

    def section(self, opening: list[str], table: list[str], closing: list[str]) -> list[str]:
        """``opening``, the table's head and the rows that fit, ``closing``; nothing if no row fits."""
        head, rows = table[:2], table[2:]
        frame = _size(opening) + _size(head) + _size(closing)
        kept: list[str] = []
        room = self.room - frame
        for row in rows:
            if _size([row]) > room:
                break
            kept.append(row)
            room -= _size([row])
        self.left_out += len(rows) - len(kept)
        if not kept:
            return []
        self.room = room
        return [*opening, *head, *kept, *closing]


def left_out_note(left_out: int, total: int, things: str) -> str:
    return (
        f"**{left_out} of {total} {things} left out**: GitHub keeps {SUMMARY_LIMIT // 1024} KiB of a job summary. "
        "Every one is in `factcheck report` (HTML) or `--format json`."
    )


def _values(group: ConflictGroup, places: Places) -> str:
    """Each value once per time, with its sources: "**34** (2017-01-20: a.txt:9, claim x) → **142** (…)"."""
    seen: dict[tuple[str, str], list[str]] = {}
    for st in group.timeline():
        when = as_written(st.as_of) if st.as_of else (st.as_of_text or "undated")
        seen.setdefault((st.quantity.text, when), []).append(places.source(st))
    parts = [
        f"**{escape(value)}** ({escape(when)}: {escape(', '.join(sources))})" for (value, when), sources in seen.items()
    ]
    return " → ".join(parts) if group.severity == CHANGE else "; ".join(parts)


def conflicts_document(report: ConflictReport, limit: float = math.inf) -> str:
    """The groups, unresolved first; within ``limit`` bytes, those that fit and a line saying how many did not."""
    places = Places.of(report)
    s = report.summary()
    state = f"❌ {s['unresolved']} unresolved" if s["unresolved"] else "✅ none unresolved"
    lines = [
        f"### factcheck conflicts: {state}",
        "",
        f"{s['statements']} statements; {s['conflicts']} conflicts, {s['changes']} changes over time, "
        f"{s['resolved']} resolved",
        "",
    ]
    table = ["| subject | state | values |", "|---|---|---|"]
    for g in sorted(report.groups, key=lambda g: g.resolved):
        state = "resolved" if g.resolved else g.severity
        if g.resolution is not None and g.resolution.value:
            state += f": {escape(g.resolution.value)} stands"
        table.append(f"| {escape(g.subject)} | {state} | {_values(g, places)} |")
    fitted = Fitted(limit - _size(lines) - NOTE_ROOM)
    lines += fitted.section([], table, []) if report.groups else []
    if fitted.left_out:
        lines += ["", left_out_note(fitted.left_out, len(report.groups), "groups")]
    return "\n".join(lines)


def document(report: Report, asked: Asked) -> str:
    """The Markdown for any report, as the job summary takes it: under :data:`SUMMARY_LIMIT` bytes."""
    if isinstance(report, VerifyReport):
        return verify_document(report, asked, SUMMARY_LIMIT)
    if isinstance(report, ConflictReport):
        return conflicts_document(report, SUMMARY_LIMIT)
    return f"### factcheck lint: ✅\n\n{escape(lint_summary(report))}"


# ------------------------------------------------------------------- renderers


def render_verify(report: VerifyReport, asked: Asked) -> None:
    click.echo(verify_document(report, asked))


def render_conflicts(report: ConflictReport, asked: Asked) -> None:
    click.echo(conflicts_document(report))


def render_lint(report: LintReport, asked: Asked) -> None:
    click.echo(document(report, asked))


def render_error(exc: FactcheckError, command: str) -> None:
    where = display_path(exc.path) if exc.path else ""
    if where and exc.line:
        where += f":{exc.line}"
    click.echo(f"### {escape(command)}: bad input\n\n{escape(where)}: {escape(error_message(exc))}")
