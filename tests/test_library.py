"""The library, used as docs/python-api.md shows: in memory, no files, no CLI."""

from __future__ import annotations

import contextlib
import io
import os
import re
import sys
from pathlib import Path

import pytest

import factcheck
from factcheck import Catalogue, Claim, FactcheckError, Settings, conflicts, from_texts, lint, verify

README = Path(__file__).resolve().parent.parent / "docs" / "python-api.md"


def _readme_example() -> tuple[str, str]:
    """The Python block under "Use it from Python" and the output block shown after it."""
    section = README.read_text(encoding="utf-8").split("## Use it from Python", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S)
    shown = re.search(r"```text\n(.*?)```", section, re.S)
    assert code and shown, "docs/python-api.md lost its Python example"
    return code.group(1), shown.group(1)


def test_the_readme_example_runs_and_prints_what_the_readme_says() -> None:
    code, shown = _readme_example()
    assert len(code.strip().splitlines()) <= 16
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "docs/python-api.md", "exec"), {})
    assert out.getvalue() == shown


def test_every_exported_name_resolves() -> None:
    for name in factcheck.__all__:
        assert getattr(factcheck, name) is not None
    with pytest.raises(AttributeError):
        factcheck.no_such_name  # noqa: B018


def test_conflicts_and_lint_in_memory() -> None:
    corpus = from_texts(
        {
            "a.txt": "At the end of the Obama administration, 34 local agencies were in the 287(g) program with ICE.",
            "b.txt": "By April 2022, 142 local agencies were in the 287(g) program with ICE, the ACLU said.",
        }
    )
    report = conflicts(corpus)
    assert [(g.subject, g.severity) for g in report.groups] == [("local agencies in the 287(g) program", "change")]
    assert sorted(s.quantity.text for s in report.groups[0].statements) == ["142", "34"]
    assert report.return_code == 0
    sound = lint(Catalogue([Claim("x", "34 agencies.", sources=["a.txt"])]), ["a.txt", "b.txt"])
    assert (sound.claims, sound.files, sound.return_code) == (1, 2, 0)


def test_a_source_that_matches_nothing_is_the_one_error_type() -> None:
    catalogue = Catalogue([Claim("x", "34 agencies.", sources=["missing.txt"])])
    with pytest.raises(FactcheckError, match=r"source 'missing\.txt' of claim 'x' matches no document"):
        verify(catalogue, from_texts({"a.txt": "Some text about 34 agencies here."}))


def test_settings_change_the_verdict() -> None:
    corpus = from_texts({"a.txt": "By April 2022, the program had 142 partner agencies."})
    catalogue = Catalogue([Claim("c", "The program had 142 partner agencies by April 2022.")])
    assert verify(catalogue, corpus).results[0].verdict == "supported"
    strict = Settings().updated("verdicts", {"support_numbers": 101.0, "support_text": 101.0, "support_window": 101.0})
    assert verify(catalogue, corpus, strict).results[0].verdict == "unverified"


def test_paths_are_read_by_the_loaders_not_by_verify(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("By April 2022, the program had 142 partner agencies.", encoding="utf-8")
    (tmp_path / "claims.yaml").write_text("claims:\n  - id: c\n    text: The program had 142 partner agencies.\n")
    catalogue, corpus = factcheck.load_catalogue(str(tmp_path / "claims.yaml")), factcheck.load_corpus(str(tmp_path))
    assert verify(catalogue, corpus).results[0].verdict == "supported"
    with pytest.raises(TypeError, match="corpus must be a Corpus, not PosixPath"):
        verify(catalogue, tmp_path)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        conflicts(corpus, catalogue)  # type: ignore[misc]  # the catalogue is keyword-only


LINUX_ONLY = pytest.mark.skipif(sys.platform != "linux", reason="claims are judged in forked processes on Linux only")


@LINUX_ONLY
def test_claims_judged_in_worker_processes_are_judged_as_in_one(
    wice_slice: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from factcheck import api, load_catalogue, load_corpus

    catalogue = load_catalogue(wice_slice / "claims.yaml")
    corpus = load_corpus(wice_slice / "docs")
    monkeypatch.setenv("FACTCHECK_WORKERS", "1")
    alone = verify(catalogue, corpus, top=5)
    pools: list[int] = []
    real_pool = api.forked_pool

    def counted(workers: int, judging: object) -> object:
        pools.append(workers)
        return real_pool(workers, judging)  # type: ignore[arg-type]

    monkeypatch.setattr(api, "forked_pool", counted)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2})
    monkeypatch.setenv("FACTCHECK_WORKERS", "3")
    monkeypatch.setattr(api, "PARALLEL_CLAIMS", 4)
    seen: list[int] = []
    shared = verify(catalogue, load_corpus(wice_slice / "docs"), top=5, progress=lambda n, total: seen.append(n))
    assert pools == [3]
    assert seen == list(range(1, len(catalogue.claims) + 1))
    assert shared.results == alone.results
    assert shared.return_code == alone.return_code


@LINUX_ONLY
def test_a_worker_that_dies_is_an_error_not_a_hang(wice_slice: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from factcheck import api, load_catalogue, load_corpus

    catalogue = load_catalogue(wice_slice / "claims.yaml")
    doomed, parent = catalogue.claims[7].id, os.getpid()
    real = api._Judging.judge

    def dies(self: object, claims: list[Claim]) -> object:
        if any(claim.id == doomed for claim in claims) and os.getpid() != parent:
            os._exit(9)  # as the out-of-memory killer would end it
        return real(self, claims)  # type: ignore[arg-type]

    monkeypatch.setattr(api._Judging, "judge", dies)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1})
    monkeypatch.delenv("FACTCHECK_WORKERS", raising=False)
    monkeypatch.setattr(api, "PARALLEL_CLAIMS", 4)
    with pytest.raises(FactcheckError, match="worker process judging claims ended") as raised:
        verify(catalogue, load_corpus(wice_slice / "docs"))
    assert "FACTCHECK_WORKERS=1" in str(raised.value)
