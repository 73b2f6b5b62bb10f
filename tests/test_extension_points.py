"""The seams ARCHITECTURE.md names, each used by a toy implementation registered from the test:
a judge, a retriever, a document reader and an output format (a language: tests/test_language.py).
Each goes through the public interface: the library and the CLI."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import ClassVar

import pytest
from click.testing import CliRunner

from factcheck import Catalogue, Claim, Settings, from_texts, output, verify
from factcheck.analysis import Analysis
from factcheck.cli import cli
from factcheck.context import RunContext, bm25
from factcheck.corpus import Reader, register
from factcheck.corpus.extracted import Extracted, Unreadable
from factcheck.corpus.html import PositionMap
from factcheck.corpus.readers import READERS
from factcheck.errors import FactcheckError
from factcheck.judges import _JUDGES, Case, names
from factcheck.judges import register as register_judge
from factcheck.output import Asked
from factcheck.reports import ConflictReport, LintReport, VerifyReport
from factcheck.retrieval import Hit
from factcheck.retrieval.base import Retriever, Vocabulary
from factcheck.retrieval.postings import IndexStore
from factcheck.settings import RetrievalSettings
from factcheck.verdicts import NEUTRAL, ClaimResult, Evidence

TEXT = "By April 2022, the 287(g) program had 142 partner agencies."
CLAIM = Claim("partners", "The 287(g) program had 142 partner agencies by April 2022.")


class Doubter:
    """A toy judge: every claim unverified, whatever the evidence; it records the batches it was given."""

    batches: ClassVar[list[int]] = []

    @property
    def identity(self) -> str:
        return "doubter:1"

    def wanted(self, top: int) -> int:
        return top

    def judge(self, cases: Sequence[Case], vocabulary: Vocabulary, analysis: Analysis, top: int) -> list[ClaimResult]:
        Doubter.batches.append(len(cases))
        return [
            ClaimResult(case.claim, "unverified", [Evidence(h.sentence, h.score, NEUTRAL) for h in case.hits[:top]])
            for case in cases
        ]


@pytest.fixture
def doubter() -> Iterator[None]:
    register_judge("doubter", lambda settings: Doubter())
    Doubter.batches = []
    yield
    del _JUDGES["doubter"]


def test_the_rules_are_the_default_judge_and_find_the_claim_supported() -> None:
    report = verify(Catalogue([CLAIM]), from_texts({"a.txt": TEXT}))
    assert report.results[0].verdict == "supported" and "rules" in names()


def test_a_judge_registered_by_name_is_chosen_by_the_settings(doubter: None) -> None:
    claims = Catalogue([Claim(f"c{i}", CLAIM.text) for i in range(6)])
    report = verify(claims, from_texts({"a.txt": TEXT}), Settings(judge="doubter"))
    assert [r.verdict for r in report.results] == ["unverified"] * 6
    assert report.results[0].evidence[0].sentence.text == TEXT  # it read what retrieval found
    assert sum(Doubter.batches) == 6 and max(Doubter.batches) > 1  # batched, not a call per claim
    assert report.return_code == 1


def test_a_judge_given_in_the_context_wins(doubter: None) -> None:
    report = verify(Catalogue([CLAIM]), from_texts({"a.txt": TEXT}), context=RunContext.of(judge=Doubter()))
    assert report.results[0].verdict == "unverified"


def test_an_unknown_judge_is_one_error_naming_the_known_ones() -> None:
    with pytest.raises(FactcheckError, match="unknown judge 'oracle'") as raised:
        verify(Catalogue([CLAIM]), from_texts({"a.txt": TEXT}), Settings(judge="oracle"))
    assert "rules" in str(raised.value.hint)


def test_settings_and_a_context_with_other_settings_are_refused() -> None:
    with pytest.raises(TypeError, match="not both"):
        verify(Catalogue([CLAIM]), from_texts({"a.txt": TEXT}), Settings(judge="x"), context=RunContext.of())


class LastSentence:
    """A toy retriever: the last sentence of every document, whatever the claim, scored 100."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis

    def search(self, claim: str, k: int = 3, sources: list[str] | None = None) -> list[Hit]:
        docs = [d for d in self.analysis.corpus.documents if sources is None or d.path in sources]
        return [Hit(d.sentences[-1], 100.0) for d in docs][:k]

    def term_weight(self, term: str) -> float:
        return 1.0

    def is_common_word(self, word: str) -> bool:
        return word.islower()


def last_sentence(analysis: Analysis, settings: RetrievalSettings, store: IndexStore | None) -> Retriever:
    return LastSentence(analysis)


def test_a_retriever_from_the_context_finds_the_evidence_the_rules_judge() -> None:
    corpus = from_texts({"a.txt": f"Nothing here.\n\n{TEXT}", "b.txt": "The program had 150 partner agencies."})
    claims = Catalogue([Claim("one", CLAIM.text, sources=["a.txt"])])
    ours = verify(claims, corpus, context=RunContext.of(retriever=last_sentence))
    assert ours.results[0].verdict == "supported"
    assert [e.sentence.doc for e in ours.results[0].evidence] == ["a.txt"]
    assert verify(claims, corpus, context=RunContext.of(retriever=bm25)).results[0].verdict == "supported"


def _read_reversed(raw: bytes) -> Extracted:
    """A toy format: each line written backwards (``.rev``)."""
    try:
        text = "\n".join(line[::-1] for line in raw.decode("ascii").split("\n"))
    except UnicodeDecodeError:
        raise Unreadable("not ASCII") from None
    return Extracted(text, PositionMap.identity(text))


@pytest.fixture
def reversed_reader() -> Iterator[None]:
    register(Reader("reversed", (".rev",), _read_reversed))
    yield
    READERS.pop()


def test_a_reader_registered_for_a_suffix_reads_documents_for_the_cli(
    reversed_reader: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.rev").write_text(TEXT[::-1] + "\n", encoding="ascii")
    (tmp_path / "docs" / "b.rev").write_bytes("caf\u00e9".encode())
    (tmp_path / "claims.yaml").write_text(f"claims:\n  - id: partners\n    text: {CLAIM.text}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["verify", "--docs", "docs", "--format", "json", "--no-cache"])
    assert result.exit_code == 0, result.output
    assert '"verdict": "supported"' in result.stdout and '"doc": "a.rev"' in result.stdout
    assert "b.rev: skipped, not ASCII" in result.stderr


def test_the_rules_reference_page_is_written_from_the_rules_docstrings() -> None:
    from factcheck.judges import rules

    page = Path(__file__).resolve().parent.parent / "docs" / "verdict-rules.md"
    assert page.read_text(encoding="utf-8") == rules.reference(), (
        "docs/verdict-rules.md is stale: python -m factcheck.judges.rules > docs/verdict-rules.md"
    )
    assert all(rule.__doc__ for rule in rules.RULES) and "## `decide` (decide)" in rules.reference()


def render_verify(report: VerifyReport, asked: Asked) -> None:
    """A toy format (this module is its renderers): a line per claim, its id and verdict."""
    for result in report.results:
        print(f"{result.claim.id}={result.verdict}")


def render_conflicts(report: ConflictReport, asked: Asked) -> None:
    print(f"groups={len(report.groups)}")


def render_lint(report: LintReport, asked: Asked) -> None:
    print(f"claims={report.claims}")


def render_error(exc: FactcheckError, command: str) -> None:
    print(f"error={command}")


@pytest.fixture
def toy_format() -> Iterator[None]:
    output.register(output.Format("toy", "a line per claim", __name__))
    yield
    del output.FORMATS["toy"]


def test_a_format_registered_from_outside_the_package_is_a_choice_of_the_cli(
    toy_format: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text(TEXT + "\n", encoding="utf-8")
    (tmp_path / "claims.yaml").write_text(f"claims:\n  - id: partners\n    text: {CLAIM.text}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["verify", "--docs", "docs", "--format", "toy", "--no-cache"])
    assert (result.exit_code, result.stdout) == (0, "partners=supported\n")
    assert "toy (a line per claim)" in output.help_text()
    bad = CliRunner().invoke(cli, ["verify", "--docs", "nowhere", "--format", "toy", "--no-cache"])
    assert (bad.exit_code, bad.stdout) == (2, "error=factcheck verify\n")
