"""Result objects: what a run found, and the exit code it earns.

As black's ``Report``: the result decides the return code, the CLI only renders it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.catalogue import VERDICTS
from factcheck.disagreements import CHANGE, CONFLICT, ConflictGroup
from factcheck.records import Row, conflict_rows, verify_rows
from factcheck.verdicts import ClaimResult


@dataclass
class ChangeSet:
    """With ``--changed``: what was compared, and the claims a change can affect (:mod:`factcheck.changes`)."""

    base: str  # the commit compared against
    base_label: str  # what the user asked for, or how the base was found
    changed: set[str]  # ids of the claims to check again
    deleted: list[str]


@dataclass
class VerifyReport:
    catalogue: Path
    documents: Path
    results: list[ClaimResult]
    warnings: list[str] = field(default_factory=list)
    changes: ChangeSet | None = None  # with --changed: what was compared, and with what
    total_claims: int = 0
    fail_on: frozenset[str] | None = None  # --fail-on: the verdicts an unexpected result fails on (None: every one)

    @property
    def counts(self) -> dict[str, int]:
        c = Counter(r.verdict for r in self.results)
        return {v: c.get(v, 0) for v in VERDICTS}

    @property
    def failures(self) -> list[ClaimResult]:
        return [r for r in self.results if not r.ok]

    @property
    def failing(self) -> list[ClaimResult]:
        """The failures that fail the run: all of them, or with ``fail_on`` those whose verdict it names."""
        return [r for r in self.failures if self.fail_on is None or r.verdict in self.fail_on]

    @property
    def return_code(self) -> int:
        """0 when every claim is supported or matches its ``expect`` (or, with ``fail_on``, when no claim
        that does not has a verdict it names); 1 otherwise."""
        return 1 if self.failing else 0

    def summary(self) -> dict[str, int]:
        return {"claims": len(self.results), **self.counts, "unexpected": len(self.failures)}

    def to_records(self) -> list[Row]:
        """Rows of plain values, a claim's then one per piece of its evidence (``kind``), for
        ``pandas.DataFrame(report.to_records())``; the csv and jsonl formats write the same rows
        (:mod:`factcheck.records` names the columns)."""
        return verify_rows(self.results, self.catalogue, self.documents)

    def __repr__(self) -> str:
        """``<VerifyReport 12 claims: 9 supported, 2 contradicted, 1 unverified>``: counts, not results."""
        counts = ", ".join(f"{n} {verdict}" for verdict, n in self.counts.items() if n)
        return f"<VerifyReport {_count(len(self.results), 'claim')}" + (f": {counts}>" if counts else ">")


@dataclass
class ConflictReport:
    catalogue: Path | None
    documents: Path
    groups: list[ConflictGroup]
    warnings: list[str] = field(default_factory=list)
    statements: int = 0

    @property
    def unresolved(self) -> list[ConflictGroup]:
        return [g for g in self.groups if not g.resolved and g.severity == CONFLICT]

    @property
    def return_code(self) -> int:
        """0 when no conflict is left unresolved; 1 otherwise. Changes over time do not fail."""
        return 1 if self.unresolved else 0

    def summary(self) -> dict[str, int]:
        return {
            "statements": self.statements,
            "groups": len(self.groups),
            "conflicts": sum(1 for g in self.groups if g.severity == CONFLICT),
            "changes": sum(1 for g in self.groups if g.severity == CHANGE),
            "resolved": sum(1 for g in self.groups if g.resolved),
            "unresolved": len(self.unresolved),
        }

    def to_records(self) -> list[Row]:
        """Rows of plain values, a group's then one per statement in it (``kind``), for
        ``pandas.DataFrame(report.to_records())``; the csv and jsonl formats write the same rows."""
        return conflict_rows(self.groups, self.catalogue, self.documents)

    def __repr__(self) -> str:
        """``<ConflictReport 3 groups: 2 conflicts, 1 change; 1 unresolved>``."""
        s = self.summary()
        kinds = f"{_count(s['conflicts'], 'conflict')}, {_count(s['changes'], 'change')}"
        return f"<ConflictReport {_count(s['groups'], 'group')}: {kinds}; {s['unresolved']} unresolved>"


@dataclass
class LintReport:
    """A sound catalogue (problems are raised, not reported): what was checked."""

    catalogue: Path
    documents: Path | None
    claims: int
    files: int

    @property
    def return_code(self) -> int:
        return 0

    def summary(self) -> dict[str, int]:
        return {"claims": self.claims, "documents": self.files}

    def __repr__(self) -> str:
        return f"<LintReport {self.catalogue}: {_count(self.claims, 'claim')}, {_count(self.files, 'document')}>"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")
