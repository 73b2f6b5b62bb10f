"""factcheck verify over the real seeds: verdicts, evidence, JSON contract, exit codes."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from click.testing import CliRunner

from .conftest import CATALOGUE, SEEDS, run, run_json, write_catalogue


def verdicts_of(runner: CliRunner, tmp_path: Path, claims: dict[str, str], docs: Path = SEEDS) -> dict[str, dict]:
    body = "claims:\n" + "".join(f'  - id: {cid}\n    text: "{text}"\n' for cid, text in claims.items())
    path = write_catalogue(tmp_path / "c.yaml", body)
    _, data = run_json(runner, "verify", "--claims", str(path), "--docs", str(docs))
    return {c["id"]: c for c in data["claims"]}


def test_bundled_catalogue_meets_every_expectation(runner: CliRunner) -> None:
    result, data = run_json(runner, "verify", "--claims", str(CATALOGUE))
    assert result.exit_code == 0, [c for c in data["claims"] if not c["ok"]]
    assert data["summary"]["unexpected"] == 0
    assert data["summary"]["claims"] == len(data["claims"]) >= 15


def test_supported_with_the_evidence_where_it_stands(runner: CliRunner, tmp_path: Path) -> None:
    got = verdicts_of(
        runner, tmp_path, {"obama": "34 agencies were in the program at the end of the Obama administration."}
    )
    claim = got["obama"]
    assert claim["verdict"] == "supported"
    best = claim["evidence"][0]
    assert (best["doc"], best["line"], best["stance"]) == ("000_1228d47631fb79e5.txt", 9, "supports")
    assert best["sentence"].startswith("At the end of the Obama administration, 34 local")
    assert best["numbers"]["agreeing"] == ["34"]


def test_a_sentence_that_needs_its_neighbour_is_found(runner: CliRunner, tmp_path: Path) -> None:
    got = verdicts_of(runner, tmp_path, {"april": "142 agencies by April 2022"})
    sentences = [e["sentence"] for e in got["april"]["evidence"]]
    assert "By April, when the ACLU’s report was released, there were 142." in sentences
    assert got["april"]["verdict"] == "supported"


def test_contradicted_shows_the_disagreeing_number(runner: CliRunner, tmp_path: Path) -> None:
    got = verdicts_of(
        runner, tmp_path, {"x": "ICE detainers ask jails to hold people 72 hours past their release date."}
    )
    assert got["x"]["verdict"] == "contradicted"
    against = [e for e in got["x"]["evidence"] if e["stance"] == "contradicts"]
    assert against and against[0]["numbers"]["disagreeing"] == ["48"]


def test_unverified_when_nothing_speaks_of_it(runner: CliRunner, tmp_path: Path) -> None:
    got = verdicts_of(runner, tmp_path, {"x": "The 287(g) program costs taxpayers 50 million dollars a year."})
    assert got["x"]["verdict"] == "unverified"
    assert all(e["stance"] == "neutral" for e in got["x"]["evidence"])


def test_a_loose_match_lacking_the_numbers_is_not_a_contradiction(runner: CliRunner, tmp_path: Path) -> None:
    got = verdicts_of(runner, tmp_path, {"x": "Mayorkas received 12 letters about 287(g) agreements."})
    assert got["x"]["verdict"] == "unverified"


def test_approximations_are_understood_in_verdicts(runner: CliRunner, tmp_path: Path) -> None:
    got = verdicts_of(
        runner,
        tmp_path,
        {
            "third": "The ACLU asked to terminate agreements with 54 agencies, roughly a third of all 287(g) agreements.",
            "pct": "Nearly two-thirds of participating agencies have a pattern of civil rights violations.",
            "loose": "Nearly two-thirds of agencies in the program showed problematic practices.",
            "over": "More than 100 organizations urged Mayorkas to rescind 287(g) agreements.",
            "not50": "More than 100 organizations urged Mayorkas to rescind 287(g) agreements, said 50 groups.",
        },
    )
    assert got["third"]["verdict"] == "supported"
    assert got["pct"]["verdict"] == "supported"
    # The figure is right but "showed problematic practices" is the writer's gloss, not the source's words.
    assert got["loose"]["verdict"] == "partial"
    assert [u["text"] for u in got["loose"]["unsupported"]] == ["problematic practices"]
    assert got["over"]["verdict"] == "supported"


def test_disputed_when_sources_disagree(runner: CliRunner, tmp_path: Path, seeds: Path) -> None:
    (seeds / "zz_correction.txt").write_text(
        "Correction: ICE detainers ask local jails to hold people for an additional 72 hours past their release date.\n",
        encoding="utf-8",
    )
    got = verdicts_of(
        runner, tmp_path, {"x": "ICE detainers ask local jails to hold people 48 hours past their release date."}, seeds
    )
    assert got["x"]["verdict"] == "disputed"
    stances = {(e["doc"], e["stance"]) for e in got["x"]["evidence"]}
    assert ("zz_correction.txt", "contradicts") in stances
    assert ("004_d735ff75ace50038.txt", "supports") in stances


def test_sources_limit_the_search(runner: CliRunner, tmp_path: Path) -> None:
    path = write_catalogue(
        tmp_path / "c.yaml",
        (
            "claims:\n  - id: x\n    text: 34 agencies took part at the end of the Obama administration.\n"
            "    sources: [002_*.txt]\n"
        ),
    )
    result, data = run_json(runner, "verify", "--claims", str(path), "--docs", str(SEEDS))
    assert result.exit_code == 1
    claim = data["claims"][0]
    assert claim["verdict"] == "unverified"
    assert {e["doc"] for e in claim["evidence"]} == {"002_6b79fa5a583f5698.txt"}


def test_json_contract(runner: CliRunner) -> None:
    result, data = run_json(runner, "verify", "--claims", str(CATALOGUE), "--top", "2")
    assert set(data) >= {"claims", "summary"}
    assert set(data["summary"]) >= {"claims", "supported", "contradicted", "unverified", "disputed"}
    for claim in data["claims"]:
        assert set(claim) >= {"id", "text", "verdict", "evidence"}
        assert claim["verdict"] in ("supported", "partial", "contradicted", "unverified", "disputed")
        assert len(claim["evidence"]) <= 2
        scores = [e["score"] for e in claim["evidence"]]
        for e in claim["evidence"]:
            assert set(e) >= {"doc", "line", "sentence", "score", "stance"}
            assert not Path(e["doc"]).is_absolute() and (SEEDS / e["doc"]).is_file()
            assert isinstance(e["line"], int) and e["line"] >= 1
            assert 0 <= e["score"] <= 100
            assert e["stance"] in ("supports", "contradicts", "neutral")
        decisive = [e for e in claim["evidence"] if e["stance"] != "neutral"]
        assert claim["evidence"][: len(decisive)] == decisive, "decisive evidence comes first"
        neutral_scores = [e["score"] for e in claim["evidence"] if e["stance"] == "neutral"]
        assert neutral_scores == sorted(neutral_scores, reverse=True), scores
    assert result.stderr == ""


def test_exit_1_when_a_claim_is_not_supported_and_nothing_expected(runner: CliRunner, tmp_path: Path) -> None:
    path = write_catalogue(
        tmp_path / "c.yaml", "claims:\n  - id: x\n    text: The program costs 50 million dollars a year.\n"
    )
    result = run(runner, "verify", "--claims", str(path), "--docs", str(SEEDS))
    assert result.exit_code == 1
    assert result.stdout.startswith("Needs attention (1)\n✗ x  unverified")
    assert "1 not as expected (a claim without 'expect:' must be supported)" in result.stdout
    assert "1 not as expected" in result.stdout


def test_exit_0_when_the_verdict_is_the_expected_one(runner: CliRunner, tmp_path: Path) -> None:
    path = write_catalogue(
        tmp_path / "c.yaml",
        "claims:\n  - id: x\n    text: The program costs 50 million dollars a year.\n    expect: unverified\n",
    )
    assert run(runner, "verify", "--claims", str(path), "--docs", str(SEEDS)).exit_code == 0


def test_text_output_is_a_table_without_ansi_when_piped(runner: CliRunner) -> None:
    result = run(runner, "verify", "--claims", str(CATALOGUE))
    assert "\x1b[" not in result.stdout
    assert "obama-era-34" in result.stdout and "000_1228d47631fb79e5.txt:9" in result.stdout
    assert "claims:" in result.stdout.splitlines()[-1]


def test_markup_in_sources_is_shown_literally(runner: CliRunner, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("The [bold]agency[/bold] reported 34 partners at the end of 2016.\n", encoding="utf-8")
    path = write_catalogue(
        tmp_path / "c.yaml", "claims:\n  - id: x\n    text: The agency reported 34 partners at the end of 2016.\n"
    )
    result = run(runner, "verify", "--claims", str(path), "--docs", str(docs))
    assert "[bold]agency[/bold]" in result.stdout


def test_python_dash_m_entry_point() -> None:
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "factcheck", "--help"], capture_output=True, text=True, check=True)
    assert "verify" in out.stdout


def test_a_share_fits_two_counts(runner: CliRunner, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(
        "The ACLU asked the department to end the agreements of 54 of the 142 participating sheriffs' offices.\n",
        encoding="utf-8",
    )
    got = verdicts_of(
        runner,
        tmp_path,
        {
            "x": "The ACLU asked the department to end the agreements of about a third "
            "of the participating sheriffs' offices."
        },
        docs,
    )
    assert got["x"]["verdict"] == "supported"
    assert got["x"]["evidence"][0]["numbers"]["agreeing"] == ["54", "142"]


def test_unreadable_documents_are_skipped_with_a_warning_on_stderr(
    runner: CliRunner, tmp_path: Path, seeds: Path
) -> None:
    (seeds / "latin1.txt").write_bytes("Caf\xe9 society met 34 agencies.".encode("latin-1"))
    (seeds / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    path = write_catalogue(
        tmp_path / "c.yaml",
        "claims:\n  - id: x\n    text: 34 agencies took part at the end of the Obama administration.\n",
    )
    result = run(runner, "verify", "--claims", str(path), "--docs", str(seeds), "--format", "json")
    assert result.exit_code == 0
    assert "factcheck: warning: latin1.txt: skipped, not UTF-8" in result.stderr
    assert "factcheck: warning: image.html: skipped, looks binary" in result.stderr
    assert json.loads(result.stdout)["warnings"]


def test_no_color_is_respected_on_a_terminal(tmp_path: Path) -> None:
    import os
    import shutil
    import subprocess

    script = shutil.which("script")
    if script is None:
        import pytest

        pytest.skip("needs script(1) for a pseudo-terminal")
    factcheck = Path(sys.executable).parent / "factcheck"
    command = f"{factcheck} verify --claims {CATALOGUE} --top 1"
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120"}
    env.pop("NO_COLOR", None)
    coloured = subprocess.run([script, "-qec", command, "/dev/null"], capture_output=True, text=True, env=env)
    plain = subprocess.run(
        [script, "-qec", command, "/dev/null"], capture_output=True, text=True, env={**env, "NO_COLOR": "1"}
    )
    assert colours(coloured.stdout) and "supported" in coloured.stdout
    # NO_COLOR takes colour away; bold and italic may stay (https://no-color.org).
    assert not colours(plain.stdout) and "supported" in plain.stdout


def colours(output: str) -> set[str]:
    """The SGR colour parameters (30-38, 40-48, 90-97, 100-107) in terminal output."""
    import re

    found = set()
    for params in re.findall(r"\x1b\[([0-9;]*)m", output):
        for p in params.split(";"):
            if p.isdigit() and (30 <= int(p) <= 48 or 90 <= int(p) <= 107):
                found.add(p)
    return found
