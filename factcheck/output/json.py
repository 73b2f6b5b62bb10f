"""The json format: one document per run, for tools (``jq``, scripts, dashboards)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

import click

from factcheck.disagreements import Statement
from factcheck.errors import FactcheckError
from factcheck.output.base import Asked
from factcheck.reports import ConflictReport, LintReport, VerifyReport
from factcheck.verdicts import ClaimResult, Evidence


def evidence_json(ev: Evidence) -> dict[str, Any]:
    page = {"page": ev.sentence.page} if ev.sentence.page is not None else {}
    return {
        "doc": ev.doc,
        **page,
        "line": ev.line,
        "column": ev.sentence.column,
        "sentence": ev.sentence.text,
        "score": ev.score,
        "stance": ev.stance,
        "as_of": ev.as_of.isoformat() if ev.as_of else None,
        "reason": ev.reason,
        "numbers": {
            "agreeing": [q.text for q in ev.agreeing],
            "disagreeing": [q.text for q in ev.disagreeing],
        },
    }


def claim_json(r: ClaimResult) -> dict[str, Any]:
    return {
        "id": r.claim.id,
        "text": r.claim.text,
        "line": r.claim.line,
        "verdict": r.verdict,
        "expected": r.expected,
        "ok": r.ok,
        "unsupported": [{"start": s.start, "end": s.end, "text": s.text} for s in r.unsupported],
        "evidence": [evidence_json(e) for e in r.evidence],
    }


def verify_chunks(report: VerifyReport) -> Iterator[str]:
    """``dumps`` of ``{"claims": [...], "summary": ..., "warnings": [...]}``, to the byte, a claim at a time:
    50,000 claims make 100 MB of JSON, which as one dict and one string took ten times that."""
    document = {"claims": [ITEMS], "summary": report.summary(), "warnings": report.warnings}
    return streamed(document, (claim_json(r) for r in report.results))


ITEMS = "\x00items\x00"  # stands for the list :func:`streamed` writes an item at a time
_NONE = object()


def streamed(document: Any, items: Iterable[Any]) -> Iterator[str]:
    """``dumps`` of ``document`` with ``items`` in place of the one list ``[ITEMS]`` it holds, to the byte,
    written an item at a time: an item dumped alone and indented as deep as the list's items is what the
    whole document holds for it (its strings hold no line breaks: JSON escapes them)."""
    whole, marker = dumps(document), dumps(ITEMS)
    at = whole.index(marker)
    start = whole.rindex("\n", 0, at) + 1
    indent, head, tail = whole[start:at], whole[:start], whole[at + len(marker) :]
    them = iter(items)
    first = next(them, _NONE)
    if first is _NONE:  # an empty list is written []
        yield head[: head.rindex("[") + 1] + tail[tail.index("]") :]
        return
    yield head + _deeper(dumps(first), indent)
    for item in them:
        yield ",\n" + _deeper(dumps(item), indent)
    yield tail


def _deeper(text: str, prefix: str) -> str:
    return prefix + text.replace("\n", "\n" + prefix)


def dumps(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)


def statement_json(st: Statement) -> dict[str, Any]:
    out: dict[str, Any] = {"claim": st.claim} if st.claim is not None else {"doc": st.doc}
    out.update(
        {
            "line": st.line,
            "sentence": st.sentence,
            "value": st.value,
            "kind": st.quantity.kind,
            "text": st.quantity.text,
            "as_of": st.as_of.isoformat() if st.as_of else None,
            "as_of_text": st.as_of_text,
        }
    )
    return out


def conflicts_json(report: ConflictReport) -> dict[str, Any]:
    return {
        "conflicts": [
            {
                "subject": g.subject,
                "severity": g.severity,
                "resolved": g.resolved,
                "resolution": (
                    {"value": g.resolution.value, "note": g.resolution.note, "line": g.resolution.line}
                    if g.resolution
                    else None
                ),
                "timeline": [st.value for st in g.timeline()],
                "statements": [statement_json(st) for st in g.timeline()],
            }
            for g in report.groups
        ],
        "summary": report.summary(),
        "warnings": report.warnings,
    }


def lint_json(report: LintReport) -> dict[str, Any]:
    return {"catalogue": str(report.catalogue), "claims": report.claims, "documents": report.files, "ok": True}


def error_json(exc: FactcheckError) -> dict[str, Any]:
    """Bad input as ``{"error": {...}}``, so a consumer parses a document whatever happened."""
    return {
        "error": {
            "message": exc.message,
            "path": exc.path,
            "line": exc.line,
            "column": exc.column,
            "hint": exc.hint,
            "text": str(exc),
        }
    }


# ------------------------------------------------------------------- renderers


def render_verify(report: VerifyReport, asked: Asked) -> None:
    echo_chunks(verify_chunks(report))


def echo_chunks(chunks: Iterable[str]) -> None:
    """A document written as it is made (:func:`streamed`), then its line break."""
    for chunk in chunks:
        click.echo(chunk, nl=False)
    click.echo()


def render_conflicts(report: ConflictReport, asked: Asked) -> None:
    click.echo(dumps(conflicts_json(report)))


def render_lint(report: LintReport, asked: Asked) -> None:
    click.echo(json.dumps(lint_json(report)))  # one line, as lint has always written


def render_error(exc: FactcheckError, command: str) -> None:
    click.echo(dumps(error_json(exc)))
