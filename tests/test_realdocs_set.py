"""The real-documents development set (bench/realdocs) stays well formed: the catalogue lints, every
claim has a gold verdict and a `# class:` comment naming known classes and the files that decide it,
and the set keeps the size and spread issue 19 asks for. Not whether factcheck scores well on it:
that is ``python bench/score_verdicts.py --set realdocs``."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from factcheck.catalogue import VERDICTS

from .conftest import ROOT, run

REALDOCS = ROOT / "bench" / "realdocs"
CATALOGUE = REALDOCS / "claims.yaml"
DECIDING_FILE = re.compile(r"(?:^|[\s;(])((?:src/)?[\w.+-]+\.(?:txt|md|html|pdf|docx)):?(?:\d|p\.|\s|\()")

_SPEC = importlib.util.spec_from_file_location("score_verdicts", ROOT / "bench" / "score_verdicts.py")
assert _SPEC and _SPEC.loader
scorer = importlib.util.module_from_spec(_SPEC)
sys.modules[_SPEC.name] = scorer  # its dataclasses look their module up while being made
_SPEC.loader.exec_module(scorer)


def _claims() -> list[dict[str, object]]:
    return list(yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))["claims"])


def _comments() -> dict[str, str]:
    """Each claim id with the text of the `# class:` comment above it."""
    out, pending = {}, ""
    for line in CATALOGUE.read_text(encoding="utf-8").splitlines():
        if line.strip().startswith("# class:"):
            pending = line
        elif m := re.match(r"\s*- id: (\S+)", line):
            out[m.group(1)], pending = pending, ""
    return out


def test_lint_passes(runner: CliRunner) -> None:
    result = run(runner, "lint", "--claims", str(CATALOGUE))
    assert result.exit_code == 0, result.stderr
    assert f"{len(_claims())} claims" in result.stdout and result.stdout.rstrip().endswith("OK")


def test_every_claim_has_a_gold_verdict() -> None:
    missing = [c["id"] for c in _claims() if c.get("expect") not in VERDICTS]
    assert not missing, f"claims without a valid expect: {missing}"


def test_every_claim_names_known_classes() -> None:
    classes = scorer.claim_classes(CATALOGUE)
    ids = [str(c["id"]) for c in _claims()]
    assert set(classes) == set(ids)
    unnamed = [cid for cid in ids if not classes[cid]]
    unknown = {cid: cs for cid, cs in classes.items() if set(cs) - set(scorer.CLASS_ORDER)}
    assert not unnamed, f"claims without a class comment: {unnamed}"
    assert not unknown, f"classes the scorer does not know: {unknown}"


def test_every_class_comment_names_files_that_exist() -> None:
    for cid, comment in _comments().items():
        deciding = comment.partition("|")[2]
        files = DECIDING_FILE.findall(deciding)
        assert files, f"{cid}: the comment names no deciding file: {comment}"
        absent = [f for f in files if not (REALDOCS / f).is_file() and not (REALDOCS / "docs" / f).is_file()]
        assert not absent, f"{cid}: no such document {absent}"


def test_the_set_has_the_size_and_spread_the_issue_asks_for() -> None:
    claims = _claims()
    verdicts = {str(c["expect"]) for c in claims}
    documents = [p for p in (REALDOCS / "docs").iterdir() if p.is_file()]
    used = {cls for cs in scorer.claim_classes(CATALOGUE).values() for cls in cs}
    supported = sum(1 for c in claims if c["expect"] == "supported")
    assert len(claims) >= 60 and len(documents) >= 8
    assert verdicts == set(VERDICTS), "every verdict has claims"
    assert used == set(scorer.CLASS_ORDER), f"classes without a claim: {set(scorer.CLASS_ORDER) - used}"
    assert supported > len(claims) / 2, "most claims are true: a gate that cries wolf fails too"
    assert {p.suffix for p in documents} >= {".txt", ".md", ".html", ".pdf", ".docx"}
    sources = (REALDOCS / "SOURCES.md").read_text(encoding="utf-8")
    assert all(f"`{p.name}`" in sources for p in documents), "every document's origin is in SOURCES.md"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  # class: bound, version | a.md:3 x\n  - id: one\n", {"one": ["bound", "version"]}),
        ("  - id: two\n", {"two": []}),
        ("  # class: unit | a.md:1\n\n  - id: three\n  - id: four\n", {"three": ["unit"], "four": []}),
    ],
)
def test_the_scorer_reads_each_claims_own_class_comment(tmp_path: Path, text: str, expected: dict) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("claims:\n" + text, encoding="utf-8")
    assert scorer.claim_classes(path) == expected


def test_the_scorer_counts_each_class_and_the_false_supported() -> None:
    e = scorer.Expected(
        ids=["a", "b", "c"],
        expect={"a": "supported", "b": "contradicted", "c": "unverified"},
        got={"a": "supported", "b": "supported", "c": "partial"},
        texts={"a": "", "b": "", "c": ""},
        note="",
        secs=0.0,
    )
    rows = scorer.class_rows(e, {"a": ["bound"], "b": ["bound", "version"], "c": []})
    assert rows["bound"] == {"claims": 2, "right": 1, "wrong": 1, "false_supported": 1, "misjudged": ["b"]}
    assert rows["version"]["false_supported"] == 1 and rows["(no class)"]["wrong"] == 1
    assert list(rows) == ["bound", "version", "(no class)"]
