"""Results as rows of plain values: what ``to_records()``, the csv format and the jsonl format give.

A row is a dict of str, int, float, bool or None, every row of a report with the same keys (None
where a key does not apply to the row's ``kind``), so ``pandas.DataFrame(rows)``, ``csv.DictWriter``
and ``json.dumps`` take them as they are. Lists (a claim's unsupported words, a sentence's figures)
are joined with "; ".

verify: a ``claim`` row per claim, followed by an ``evidence`` row per sentence found for it, in rank
order; both carry the claim's id. conflicts: a ``group`` row per group of disagreeing figures,
followed by a ``statement`` row per figure in time order; both carry the group's number.

``path`` is where a row points, relative to the working directory as editors and terminals open it
(``path:line``): a claim's catalogue, an evidence sentence's document. ``doc`` is a document's path
relative to the documents folder, as the catalogue's ``sources:`` name it; a fetched page's is its
URL, and so is its ``path``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck.quantities.time import as_written, precision

if TYPE_CHECKING:
    from factcheck.disagreements import ConflictGroup, Statement
    from factcheck.verdicts import ClaimResult, Evidence

Value = str | int | float | bool | None
Row = dict[str, Value]

VERIFY_COLUMNS = (
    "kind",
    "claim",
    "verdict",
    "expected",
    "ok",
    "text",
    "unsupported",
    "rank",
    "path",
    "doc",
    "page",
    "line",
    "column",
    "stance",
    "score",
    "sentence",
    "as_of",
    "as_of_precision",
    "reason",
    "agreeing",
    "disagreeing",
)
CONFLICT_COLUMNS = (
    "kind",
    "group",
    "subject",
    "severity",
    "resolved",
    "resolution",
    "note",
    "claim",
    "path",
    "doc",
    "line",
    "sentence",
    "text",
    "value",
    "quantity",
    "as_of",
    "as_of_precision",
    "as_of_text",
)
JOIN = "; "


def display_path(path: Path | str) -> str:
    """A path as editors, terminals and CI tools want it: relative to the working directory, with forward
    slashes; absolute when it lies outside it."""
    p = Path(path)
    try:
        rel = os.path.relpath(p.resolve(), Path.cwd())
    except ValueError:  # another drive on Windows
        return p.as_posix()
    return Path(rel).as_posix() if not rel.startswith("..") else p.resolve().as_posix()


def is_url(doc: str) -> bool:
    """A fetched page's document is named by its URL."""
    return "://" in doc


def document_paths(documents: Path) -> Callable[[str], str]:
    """``doc`` (relative to the documents folder) -> its path from the working directory; the folder is
    resolved once, so a report of many sentences costs one ``resolve``."""
    base = display_path(documents)
    prefix = "" if base == "." else base.rstrip("/") + "/"
    return lambda doc: doc if is_url(doc) else prefix + doc


def date_fields(when: date | None) -> tuple[str | None, str | None]:
    """``as_of`` as precisely as it was written ("1987", "1987-03", "1987-03-05") and that precision."""
    return (as_written(when), precision(when)) if when is not None else (None, None)


def _row(columns: tuple[str, ...], **values: Value) -> Row:
    return {name: values.get(name) for name in columns}


def claim_row(result: ClaimResult, catalogue: str) -> Row:
    return _row(
        VERIFY_COLUMNS,
        kind="claim",
        claim=result.claim.id,
        verdict=result.verdict,
        expected=result.expected,
        ok=result.ok,
        text=result.claim.text,
        unsupported=JOIN.join(s.text for s in result.unsupported),
        path=catalogue,
        line=result.claim.line,
        column=result.claim.column,
    )


def evidence_row(claim: str, rank: int, ev: Evidence, path: str) -> Row:
    as_of, as_of_precision = date_fields(ev.as_of)
    return _row(
        VERIFY_COLUMNS,
        kind="evidence",
        claim=claim,
        rank=rank,
        path=path,
        doc=ev.doc,
        page=ev.sentence.page,
        line=ev.line,
        column=ev.sentence.column,
        stance=ev.stance,
        score=ev.score,
        sentence=ev.sentence.text,
        as_of=as_of,
        as_of_precision=as_of_precision,
        reason=ev.reason,
        agreeing=JOIN.join(q.text for q in ev.agreeing),
        disagreeing=JOIN.join(q.text for q in ev.disagreeing),
    )


def verify_rows(results: list[ClaimResult], catalogue: Path, documents: Path) -> list[Row]:
    """A claim's row, then its evidence rows, for every claim in catalogue order."""
    where, doc_path = display_path(catalogue), document_paths(documents)
    rows = []
    for r in results:
        rows.append(claim_row(r, where))
        rows += [evidence_row(r.claim.id, n, ev, doc_path(ev.doc)) for n, ev in enumerate(r.evidence, 1)]
    return rows


def group_row(number: int, group: ConflictGroup) -> Row:
    res = group.resolution
    return _row(
        CONFLICT_COLUMNS,
        kind="group",
        group=number,
        subject=group.subject,
        severity=group.severity,
        resolved=group.resolved,
        resolution=res.value if res else None,
        note=res.note if res else None,
    )


def statement_row(number: int, st: Statement, catalogue: str | None, doc_path: Callable[[str], str]) -> Row:
    as_of, as_of_precision = date_fields(st.as_of)
    return _row(
        CONFLICT_COLUMNS,
        kind="statement",
        group=number,
        claim=st.claim,
        path=doc_path(st.doc) if st.doc is not None else catalogue,
        doc=st.doc,
        line=st.line,
        sentence=st.sentence,
        text=st.quantity.text,
        value=st.value,
        quantity=st.quantity.kind,
        as_of=as_of,
        as_of_precision=as_of_precision,
        as_of_text=st.as_of_text,
    )


def conflict_rows(groups: list[ConflictGroup], catalogue: Path | None, documents: Path) -> list[Row]:
    """A group's row, then its statements' rows in time order, for every group; groups numbered from 1."""
    where = display_path(catalogue) if catalogue is not None else None
    doc_path = document_paths(documents)
    rows = []
    for number, group in enumerate(groups, 1):
        rows.append(group_row(number, group))
        rows += [statement_row(number, st, where, doc_path) for st in group.timeline()]
    return rows
