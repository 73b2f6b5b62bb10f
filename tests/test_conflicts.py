"""factcheck conflicts over the real seeds: what it must flag, what it must not, time, resolution."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from factcheck.disagreements import Statement

from .conftest import SEEDS, run, run_json, write_catalogue


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory with no ./claims.yaml, so documents are checked alone."""
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return work


def groups_of(data: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = data["conflicts"]
    return found


def values(group: dict[str, Any]) -> set[float]:
    return {s["value"] for s in group["statements"]}


def group_with(data: dict[str, Any], *wanted: float) -> dict[str, Any]:
    for g in groups_of(data):
        if set(wanted) <= values(g):
            return g
    raise AssertionError(f"no group holds {wanted}: {[values(g) for g in groups_of(data)]}")


def catalogue(tmp_path: Path, claims: dict[str, str], extra: str = "") -> Path:
    body = "claims:\n" + "".join(f'  - id: {cid}\n    text: "{text}"\n' for cid, text in claims.items())
    return write_catalogue(tmp_path / "claims.yaml", body + extra)


def test_documents_alone_flag_142_against_138_as_a_timeline(runner: CliRunner, elsewhere: Path) -> None:
    result, data = run_json(runner, "conflicts", "--docs", str(SEEDS))
    group = group_with(data, 142, 138)
    assert group["severity"] == "change"
    assert group["subject"].startswith("agencies")
    # 34 at the end of the Obama administration, 142 in April 2022, 138 in June 2023.
    assert group["timeline"] == [34, 142, 142, 138]
    by_value = {s["value"]: s for s in group["statements"]}
    assert by_value[34]["as_of"] == "2017-01-20"
    assert by_value[34]["as_of_text"] == "At the end of the Obama administration"
    assert by_value[138]["as_of"] == "2023-06-15" and by_value[138]["doc"] == "002_6b79fa5a583f5698.txt"
    assert {s["as_of_text"] for s in group["statements"] if s["value"] == 142} == {"April", "April of 2022"}
    # A change over time is reported for the writer to decide; it does not fail the run.
    assert result.exit_code == 0
    assert data["summary"]["changes"] >= 1 and data["summary"]["unresolved"] == 0


def test_documents_alone_do_not_flag_what_agrees_or_differs_in_subject(runner: CliRunner, elsewhere: Path) -> None:
    _, data = run_json(runner, "conflicts", "--docs", str(SEEDS))
    flagged = [values(g) for g in groups_of(data)]
    assert flagged == [{34, 142, 138}], flagged
    for g in groups_of(data):
        texts = {s["text"] for s in g["statements"]}
        assert "67%" not in texts and "nearly two-thirds" not in texts  # the same figure, rounded
        assert "48" not in texts and "More than 100" not in texts  # hours and organizations
        assert 287 not in values(g)  # 287(g) is a name, not a number
        assert 54 not in values(g)  # a third of all agreements: a part, not the total


def test_67_percent_and_nearly_two_thirds_agree(runner: CliRunner, tmp_path: Path, elsewhere: Path) -> None:
    path = catalogue(
        tmp_path,
        {
            "a": "The ACLU found problematic practices at 67% of agencies in the 287(g) program.",
            "b": "Nearly two-thirds of agencies in the 287(g) program have problematic practices.",
        },
    )
    result, data = run_json(runner, "conflicts", "--claims", str(path), "--docs", str(SEEDS))
    assert result.exit_code == 0
    assert not [g for g in groups_of(data) if {"a", "b"} & {s.get("claim") for s in g["statements"]}]


def test_48_hours_and_100_organizations_are_different_subjects(
    runner: CliRunner, tmp_path: Path, elsewhere: Path
) -> None:
    path = catalogue(
        tmp_path,
        {
            "a": "ICE detainers ask local jails to hold people 48 hours past release.",
            "b": "More than 100 organizations asked ICE to end detainers.",
        },
    )
    _, data = run_json(runner, "conflicts", "--claims", str(path), "--docs", str(SEEDS))
    assert not [g for g in groups_of(data) if {"a", "b"} & {s.get("claim") for s in g["statements"]}]


def test_a_claim_copied_from_its_sentence_is_not_a_conflict(runner: CliRunner, tmp_path: Path, elsewhere: Path) -> None:
    path = catalogue(
        tmp_path,
        {
            "copy": "The ACLU report charged that more than half of the sheriffs participating in the cooperation program "
            "have records of making anti-immigrant comments, and nearly two-thirds of participating law enforcement "
            "agencies have a pattern of civil rights violations or racial profiling."
        },
    )
    result, data = run_json(runner, "conflicts", "--claims", str(path), "--docs", str(SEEDS))
    assert not [g for g in groups_of(data) if "copy" in {s.get("claim") for s in g["statements"]}]
    assert result.exit_code == 0


def test_a_copied_claim_whose_figure_drifted_is_a_conflict(runner: CliRunner, tmp_path: Path, elsewhere: Path) -> None:
    path = catalogue(
        tmp_path,
        {
            "drift": "The coalition also argued that ICE detainers, or requests for local jails to hold specific individuals "
            "for an additional 72 hours past their jail release date, allow ICE agents more time."
        },
    )
    result, data = run_json(runner, "conflicts", "--claims", str(path), "--docs", str(SEEDS))
    group = group_with(data, 48, 72)
    assert group["severity"] == "conflict"
    assert {s.get("claim") or s["doc"] for s in group["statements"]} == {"drift", "004_d735ff75ace50038.txt"}
    assert result.exit_code == 1


def test_catalogue_against_catalogue(runner: CliRunner, tmp_path: Path, elsewhere: Path) -> None:
    path = catalogue(
        tmp_path,
        {
            "april": "The 287(g) program had 142 partner agencies by April 2022.",
            "now": "138 state and local law enforcement agencies take part in the 287(g) program.",
        },
    )
    result, data = run_json(runner, "conflicts", "--claims", str(path), "--docs", str(SEEDS))
    group = group_with(data, 142, 138)
    claims = {s["claim"]: s for s in group["statements"] if s["claim"] is not None}
    assert set(claims) == {"april", "now"}
    assert claims["april"]["as_of_text"] == "April 2022" and claims["now"]["as_of"] is None
    assert claims["april"]["line"] == 2 and claims["now"]["line"] == 4
    # "138 agencies" states no time: an undated disagreement is a conflict.
    assert group["severity"] == "conflict"
    assert result.exit_code == 1


def test_catalogue_against_documents(runner: CliRunner, tmp_path: Path, elsewhere: Path) -> None:
    path = catalogue(
        tmp_path,
        {
            "wrong": "At the end of the Obama administration, 12 local law enforcement agencies were in the 287(g) program."
        },
    )
    result, data = run_json(runner, "conflicts", "--claims", str(path), "--docs", str(SEEDS))
    group = group_with(data, 12, 34)
    assert group["severity"] == "conflict"  # the same stated time, two figures
    assert result.exit_code == 1


RESOLVED = (
    "resolutions:\n"
    "  - subject: agencies in the 287(g) program\n"
    "    claims: [now]\n"
    "    value: '138'\n"
    "    note: 138 is the June 2023 count; 142 was April 2022.\n"
)


def test_a_recorded_resolution_no_longer_fails_but_is_listed(
    runner: CliRunner, tmp_path: Path, elsewhere: Path
) -> None:
    claims = {
        "april": "The 287(g) program had 142 partner agencies by April 2022.",
        "now": "138 state and local law enforcement agencies take part in the 287(g) program.",
    }
    path = catalogue(tmp_path, claims, RESOLVED)
    result, data = run_json(runner, "conflicts", "--claims", str(path), "--docs", str(SEEDS))
    group = group_with(data, 142, 138)
    assert group["resolved"] is True
    assert group["resolution"] == {"value": "138", "note": "138 is the June 2023 count; 142 was April 2022.", "line": 7}
    assert result.exit_code == 0
    text = run(runner, "conflicts", "--claims", str(path), "--docs", str(SEEDS))
    assert "resolved: 138 stands" in text.stdout


def test_a_resolution_naming_a_value_not_in_the_group_does_not_apply(
    runner: CliRunner, tmp_path: Path, elsewhere: Path
) -> None:
    claims = {
        "april": "The 287(g) program had 142 partner agencies by April 2022.",
        "now": "138 state and local law enforcement agencies take part in the 287(g) program.",
    }
    path = catalogue(tmp_path, claims, RESOLVED.replace("'138'", "'150'"))
    result = run(runner, "conflicts", "--claims", str(path), "--docs", str(SEEDS))
    assert result.exit_code == 1
    assert f"{path}:7: resolution for 'agencies in the 287(g) program' matches no reported group" in result.stderr


def test_default_catalogue_is_used_when_present(runner: CliRunner, tmp_path: Path, elsewhere: Path) -> None:
    shutil.copytree(SEEDS, elsewhere / "seeds")  # inside the catalogue's project (a folder outside git)
    (elsewhere / "claims.yaml").write_text(
        "documents: seeds\nclaims:\n  - id: x\n    text: ICE detainers hold people 72 hours past release.\n"
    )
    result, data = run_json(runner, "conflicts")
    assert result.exit_code == 1
    assert group_with(data, 48, 72)["severity"] == "conflict"


def test_json_contract(runner: CliRunner, tmp_path: Path, elsewhere: Path) -> None:
    path = catalogue(
        tmp_path,
        {
            "pct": "Problematic practices were found at 40% of agencies in the License to Abuse report.",
            "third": "The 287(g) program had 142 partner agencies by April 2022.",
        },
    )
    result, data = run_json(runner, "conflicts", "--claims", str(path), "--docs", str(SEEDS))
    assert set(data) >= {"conflicts", "summary"}
    assert result.stderr == ""
    for g in data["conflicts"]:
        assert set(g) >= {"subject", "severity", "statements"}
        assert g["severity"] in ("conflict", "change")
        for s in g["statements"]:
            assert (s["doc"] is None) != (s["claim"] is None)  # both keys always there, one of them null
            assert set(s) >= {"line", "sentence", "value", "text", "as_of"}
            assert isinstance(s["value"], (int, float))
            assert s["text"] in s["sentence"]
    pct = group_with(data, 67, 40)
    assert {s["text"] for s in pct["statements"]} >= {"67%", "40%"}


def test_fractions_are_values_between_0_and_1(runner: CliRunner, tmp_path: Path, elsewhere: Path) -> None:
    path = catalogue(
        tmp_path,
        {
            "third": "The ACLU report found that a third of participating law enforcement agencies "
            "have a pattern of civil rights violations or racial profiling."
        },
    )
    _, data = run_json(runner, "conflicts", "--claims", str(path), "--docs", str(SEEDS))
    group = next(g for g in data["conflicts"] if "third" in {s.get("claim") for s in g["statements"]})
    assert {round(s["value"], 3) for s in group["statements"]} == {0.333, 0.667}


def test_text_output_panels(runner: CliRunner, elsewhere: Path) -> None:
    result = run(runner, "conflicts", "--docs", str(SEEDS))
    assert "timeline: 34 → 142 → 138" in result.stdout
    assert "002_6b79fa5a583f5698.txt:22" in result.stdout and "Jun. 15, 2023" in result.stdout
    assert "\x1b[" not in result.stdout


def test_bad_input_is_the_same_as_verify(runner: CliRunner, tmp_path: Path, elsewhere: Path) -> None:
    bad = write_catalogue(tmp_path / "bad.yaml", "claims:\n  - id: a\n    txt: x\n")
    result = run(runner, "conflicts", "--claims", str(bad), "--docs", str(SEEDS))
    assert result.exit_code == 2
    assert (
        result.stderr.strip()
        == f"factcheck: error: {bad}:3:5: unknown key 'txt' in a claim (did you mean 'text'? known keys: expect, id, note, sources, text)"
    )
    missing = run(runner, "conflicts", "--docs", str(tmp_path / "none"))
    assert missing.exit_code == 2 and "documents folder not found" in missing.stderr


def test_story_similarity_is_the_same_with_and_without_the_matrix() -> None:
    from factcheck.analysis import Analysis
    from factcheck.corpus import load_corpus
    from factcheck.disagreements import Stories

    corpus = load_corpus(SEEDS)
    dense = Stories(Analysis(corpus))
    lazy = Stories(Analysis(corpus))
    lazy._matrix = None
    paths = [d.path for d in corpus.documents]
    for a in paths:
        for b in paths:
            if a != b:  # a document is never weighed against itself
                assert dense.similarity(a, b) == pytest.approx(lazy.similarity(a, b), abs=1e-5)
    assert 0.15 < dense.similarity(paths[0], paths[2]) < 0.3


# ------------------------------------------------------------- the package's seams


def _claims(*texts: str) -> list[Statement]:
    """Statements of claims, read with the seeds' analysis (as ``factcheck conflicts`` reads them)."""
    from factcheck.analysis import Analysis
    from factcheck.catalogue import Catalogue, Claim
    from factcheck.corpus import load_corpus
    from factcheck.disagreements import claim_statements

    analysis = Analysis(load_corpus(SEEDS))
    cat = Catalogue([Claim(f"c{i}", text, i + 1, 1) for i, text in enumerate(texts)], Path("claims.yaml"))
    return claim_statements(cat, analysis)


def test_the_package_exports_what_the_rest_of_factcheck_imports() -> None:
    import factcheck.disagreements as conflicts

    used = {
        "CHANGE",
        "CONFLICT",
        "ConflictGroup",
        "Statement",
        "Stories",
        "apply_resolutions",
        "find_conflicts",
        "statements_for",
        "prepare",
        "comparable_pair",
        "disagree",
        "claim_statements",
        "document_statements",
    }
    assert used <= set(conflicts.__all__)
    assert all(hasattr(conflicts, name) for name in conflicts.__all__)
    assert (conflicts.CONFLICT, conflicts.CHANGE) == ("conflict", "change")


def test_phrase_words_are_marked_and_the_head_noun_dropped() -> None:
    (st,) = _claims("The ACLU asked Mayorkas to end agreements with 54 local law enforcement agencies.")
    assert st.unit == "agency"
    assert st.phrase_words and st.phrase_words <= set(st.words)
    assert "agenc" not in st.words and "agenc" not in st.phrase_words  # the head noun says nothing
    assert all(count >= 1 for count in st.words.values())
    assert "mayorka" in st.words and "mayorka" not in st.phrase_words


def test_phrase_words_weigh_phrase_weight_times_more() -> None:
    from factcheck.disagreements import prepare
    from factcheck.settings import ConflictSettings

    statements = _claims(
        "The ACLU asked Mayorkas to end agreements with 54 local law enforcement agencies.",
        "Mayorkas was asked to end agreements with 54 local law enforcement agencies.",
    )
    plain, heavy = ConflictSettings(phrase_weight=1.0), ConflictSettings(phrase_weight=3.0)
    prepare(statements, plain)
    flat = dict(statements[0].vector)
    prepare(statements, heavy)
    boosted = statements[0].vector
    phrase = next(iter(statements[0].phrase_words))
    other = next(w for w in statements[0].words if w not in statements[0].phrase_words)
    ratio = (boosted[phrase] / boosted[other]) / (flat[phrase] / flat[other])
    assert ratio == pytest.approx(3.0)


def test_a_claim_repeating_a_part_becomes_that_part_when_prepared() -> None:
    from factcheck.disagreements import prepare
    from factcheck.settings import ConflictSettings

    statements = _claims(
        "The 54 agencies the ACLU targeted, about a third of all 287(g) agreements.",
        "The ACLU asked Mayorkas to end 287(g) agreements with 54 local agencies.",
    )
    part, repeat = statements[0], statements[-1]
    assert part.part and not repeat.part
    prepare(statements, ConflictSettings())
    assert repeat.part and all(st.vector for st in statements)


def test_differing_stated_times_make_a_change_not_a_conflict() -> None:
    from factcheck.disagreements import CHANGE, CONFLICT, find_conflicts

    statements = _claims(
        "The 287(g) program had 142 partner agencies in April 2022.",
        "The 287(g) program had 138 partner agencies in June 2023.",
    )
    (group,) = find_conflicts(statements)
    assert group.severity == CHANGE and [s.claim for s in group.timeline()] == ["c0", "c1"]
    statements = _claims(
        "The 287(g) program had 142 partner agencies in April 2022.",
        "The 287(g) program had 138 partner agencies in April 2022.",
    )
    (group,) = find_conflicts(statements)
    assert group.severity == CONFLICT


def test_a_page_copied_under_new_names_is_one_article(tmp_path: Path) -> None:
    """The seeds (and a page giving two figures for one noun) three times over give the groups of one
    copy, each with its copies: a page never disagrees with its own copy, and copies of one statement
    are never judged against each other (before, the page disagreed with its copies: a conflict)."""
    import shutil

    from factcheck import conflicts as find
    from factcheck.corpus import load_corpus

    page = "The county ran 40 rural clinics in the valley district.\n\nThe county ran 45 rural clinics in the valley district.\n"
    for copies, folder in ((1, tmp_path / "once"), (3, tmp_path / "thrice")):
        folder.mkdir()
        for copy in range(copies):
            (folder / f"r{copy}-clinics.txt").write_text(page, encoding="utf-8")
            for seed in sorted(SEEDS.iterdir()):
                shutil.copyfile(seed, folder / f"r{copy}-{seed.name}")
    once, thrice = find(load_corpus(tmp_path / "once")), find(load_corpus(tmp_path / "thrice"))
    assert [(g.subject, g.severity) for g in thrice.groups] == [(g.subject, g.severity) for g in once.groups]
    for g1, g3 in zip(once.groups, thrice.groups, strict=True):
        assert len(g3.statements) == 3 * len(g1.statements)
        assert {s.value for s in g3.statements} == {s.value for s in g1.statements}
