"""The json format: one document per run, for tools (``jq``, scripts, dashboards).

Every document carries ``schema_version`` (:data:`SCHEMA_VERSION`) and follows the JSON Schema
shipped beside this module (``factcheck/output/schema.json``, :func:`schema`): every key it names is
always present, ``null`` where it does not apply (``page`` off a PDF, ``as_of`` for an undated
sentence). The version goes up when a key is removed or renamed or changes meaning; a new key may
come without it.

``path`` is where a thing is, relative to the working directory (``path:line`` opens in an editor);
``doc`` is a document's path relative to the documents folder, as ``sources:`` names it. ``as_of``
is a date as precisely as it was written ("1987", "1987-03", "1987-03-05"), its ``as_of_precision``
"year", "month" or "day".
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from importlib import resources
from typing import Any

import click

from factcheck.disagreements import Statement
from factcheck.errors import FactcheckError
from factcheck.output.base import Asked
from factcheck.records import date_fields, display_path, document_paths
from factcheck.reports import ConflictReport, LintReport, VerifyReport
from factcheck.verdicts import ClaimResult, Evidence

SCHEMA_VERSION = 1


def schema() -> dict[str, Any]:
    """The JSON Schema every json document of this version follows (draft 2020-12)."""
    text = resources.files("factcheck.output").joinpath("schema.json").read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def evidence_json(ev: Evidence, path: str) -> dict[str, Any]:
    as_of, as_of_precision = date_fields(ev.as_of)
    return {
        "path": path,
        "doc": ev.doc,
        "page": ev.sentence.page,
        "line": ev.line,
        "column": ev.sentence.column,
        "sentence": ev.sentence.text,
        "score": ev.score,
        "stance": ev.stance,
        "as_of": as_of,
        "as_of_precision": as_of_precision,
        "reason": ev.reason,
        "numbers": {
            "agreeing": [q.text for q in ev.agreeing],
            "disagreeing": [q.text for q in ev.disagreeing],
        },
    }


def claim_json(r: ClaimResult, doc_path: Callable[[str], str]) -> dict[str, Any]:
    return {
        "id": r.claim.id,
        "text": r.claim.text,
        "line": r.claim.line,
        "column": r.claim.column,
        "verdict": r.verdict,
        "expected": r.expected,
        "ok": r.ok,
        "unsupported": [{"start": s.start, "end": s.end, "text": s.text} for s in r.unsupported],
        "evidence": [evidence_json(e, doc_path(e.doc)) for e in r.evidence],
    }


def verify_chunks(report: VerifyReport) -> Iterator[str]:
    """``dumps`` of ``{"claims": [...], "summary": ..., "warnings": [...]}``, to the byte, a claim at a time:
    50,000 claims make 100 MB of JSON, which as one dict and one string took ten times that."""
    document = {
        "schema_version": SCHEMA_VERSION,
        "catalogue": display_path(report.catalogue),
        "documents": display_path(report.documents),
        "claims": [ITEMS],
        "summary": report.summary(),
        "warnings": report.warnings,
    }
    doc_path = document_paths(report.documents)
    return streamed(document, (claim_json(r, doc_path) for r in report.results))


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


def statement_json(st: Statement, path: str | None) -> dict[str, Any]:
    """A figure of a document (``doc``) or of a claim (``claim``: its id); the other is null."""
    as_of, as_of_precision = date_fields(st.as_of)
    return {
        "claim": st.claim,
        "doc": st.doc,
        "path": path,
        "line": st.line,
        "sentence": st.sentence,
        "value": st.value,
        "kind": st.quantity.kind,
        "text": st.quantity.text,
        "as_of": as_of,
        "as_of_precision": as_of_precision,
        "as_of_text": st.as_of_text,
    }


def conflicts_json(report: ConflictReport) -> dict[str, Any]:
    catalogue = display_path(report.catalogue) if report.catalogue is not None else None
    doc_path = document_paths(report.documents)

    def located(st: Statement) -> dict[str, Any]:
        return statement_json(st, doc_path(st.doc) if st.doc is not None else catalogue)

    return {
        "schema_version": SCHEMA_VERSION,
        "catalogue": catalogue,
        "documents": display_path(report.documents),
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
                "statements": [located(st) for st in g.timeline()],
            }
            for g in report.groups
        ],
        "summary": report.summary(),
        "warnings": report.warnings,
    }


def lint_json(report: LintReport) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "catalogue": str(report.catalogue),
        "claims": report.claims,
        "documents": report.files,
        "ok": True,
    }


def error_json(exc: FactcheckError) -> dict[str, Any]:
    """Bad input as ``{"error": {...}}``, so a consumer parses a document whatever happened."""
    return {
        "schema_version": SCHEMA_VERSION,
        "error": {
            "message": exc.message,
            "path": exc.path,
            "line": exc.line,
            "column": exc.column,
            "hint": exc.hint,
            "text": str(exc),
        },
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
