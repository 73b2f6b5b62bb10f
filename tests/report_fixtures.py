"""Hand-built results for the report tests: what the verdict rules will produce (partial
verdicts, unsupported spans, reasons), made here so every human format is tested on them."""

from __future__ import annotations

from pathlib import Path

from factcheck.catalogue import Claim
from factcheck.corpus import Sentence
from factcheck.quantities import Quantity
from factcheck.reports import VerifyReport
from factcheck.verdicts import ClaimResult, Evidence, Span

CLAIM_TEXT = "Only 12 agencies were in the 287(g) program, and it costs $50 million."
SENTENCE = "At the end of the Obama administration, 34 local law enforcement agencies were participating."
HOSTILE = "The <script>document.body.dataset.pwned='1'</script> figure is | *34* [x](y) & more."


def hand_built_report(tmp: Path) -> VerifyReport:
    """Three claims: a partial one with an unsupported span and a reason; a hostile one; a supported one."""
    partial = ClaimResult(
        Claim("partial-12", CLAIM_TEXT, line=3, expect="supported"),
        "partial",
        [
            Evidence(
                Sentence("a.txt", 4, SENTENCE, 9, 1),
                88.0,
                "contradicts",
                disagreeing=[Quantity("count", 34, "34", 40, 42)],
                reason="number: 12 vs 34",
            )
        ],
        unsupported=[Span(0, 7, "Only 12"), Span(52, 69, "costs $50 million")],
    )
    hostile = ClaimResult(
        Claim("hostile", "A claim with <b>bold</b> & <script>alert(1)</script>.", line=7),
        "unverified",
        [Evidence(Sentence("b.html", 0, HOSTILE, 2, 1), 20.0, "neutral")],
    )
    fine = ClaimResult(
        Claim("fine-34", "34 agencies took part.", line=10),
        "supported",
        [
            Evidence(
                Sentence("a.txt", 4, SENTENCE, 9, 1), 93.0, "supports", agreeing=[Quantity("count", 34, "34", 40, 42)]
            )
        ],
    )
    return VerifyReport(tmp / "claims.yaml", tmp / "docs", [fine, partial, hostile])
