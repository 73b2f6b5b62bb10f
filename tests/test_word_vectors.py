"""A claim's plain word backed by a like word of the evidence (the word-vector table), never by an opposite.

The table is package data (``factcheck/lang/data/en-vectors.npz``, distilled by
``training/distill_vectors.py``); the alignment reads it with numpy, once. Likeness only ever
completes a support: a verdict it cannot make ``supported`` stays as the exact rules gave it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from factcheck import Catalogue, Claim, ClaimResult, Settings, from_texts, verify
from factcheck.cli import cli
from factcheck.lang import ENGLISH
from factcheck.lang.vectors import word_vectors
from factcheck.words import stem

from .conftest import build_package

OFF = Settings().updated("verdicts", {"word_cosine": 2.0})  # a cosine never reached: the matcher off


def judge(claim: str, *sentences: str, settings: Settings | None = None) -> ClaimResult:
    corpus = from_texts({"news.txt": "\n\n".join(sentences)})
    return verify(Catalogue([Claim("c", claim)]), corpus, settings=settings).results[0]


def unsupported(result: ClaimResult) -> list[str]:
    return [span.text for span in result.unsupported]


# ------------------------------------------------------------------- paraphrase


@pytest.mark.parametrize(
    ("claim", "source", "matched"),
    [
        ("The company purchased 40 trucks in 2020.", "In 2020 the company bought 40 trucks.", "purchased ≈ bought"),
        (
            "The band's vocalist left the group in 2004.",
            "The band's singer left the group in 2004.",
            "vocalist ≈ singer",
        ),
    ],
)
def test_a_paraphrased_word_is_backed_by_its_like_and_named(claim: str, source: str, matched: str) -> None:
    without = judge(claim, source, settings=OFF)
    assert without.verdict == "partial" and len(unsupported(without)) == 1  # the rules alone: one word unfound
    result = judge(claim, source)
    assert (result.verdict, unsupported(result)) == ("supported", [])
    assert result.alignment is not None and result.alignment.alike == [matched]
    assert result.evidence[0].stance == "supports" and result.evidence[0].reason == matched


def test_the_issue_example_keeps_its_figure_with_the_exact_rules() -> None:
    """ "317 employees" against "317 people" is a figure counting another noun: likeness never backs a
    figure, so the claim stays as the rules leave it."""
    claim, source = "The authority had 317 employees.", "The authority employed 317 people."
    result = judge(claim, source)
    assert (result.verdict, unsupported(result)) == ("unverified", ["had 317 employees"])
    assert result.verdict == judge(claim, source, settings=OFF).verdict


@pytest.mark.parametrize(
    ("claim", "source", "unfound"),
    [
        # converses the vectors put close (cosine 0.8): the unalike list keeps them apart
        ("The company sold 40 trucks in 2020.", "In 2020 the company bought 40 trucks.", "sold"),
        # a negative prefix
        (
            "In 2020, 40 residents of the town were employed.",
            "In 2020, 40 residents of the town were unemployed.",
            "were employed",
        ),
        # siblings of one kind
        ("The city opened 12 new schools in 2015.", "In 2015 the town opened 12 new schools.", "city"),
        # an opposite predicate (en-antonyms.txt) is backed only as spelled
        ("The council approved the budget in 2019.", "The council accepted the budget in 2019.", "approved"),
    ],
)
def test_an_opposite_or_a_sibling_is_never_alike(claim: str, source: str, unfound: str) -> None:
    result = judge(claim, source)
    assert result.verdict != "supported"
    assert unfound in unsupported(result)
    assert result.alignment is not None and result.alignment.alike == []


def test_opposites_sit_close_in_the_table_so_the_lists_are_needed() -> None:
    """The reason for the unalike list: the encoder puts "buy" next to "sell" and "increase" next to
    "decrease", closer than the threshold that backs a word."""
    table = word_vectors("en-vectors.npz")
    threshold = Settings().verdicts.word_cosine
    assert (table.cosine(stem("buy"), stem("sell")) or 0) >= threshold
    assert (table.cosine(stem("won"), stem("winner")) or 0) >= threshold  # and kin stays close


def test_figures_dates_and_names_are_never_matched_by_likeness() -> None:
    result = judge("Smith bought 40 trucks in March 2020.", "Jones purchased 45 trucks in April 2021.")
    assert result.verdict != "supported"
    assert result.alignment is not None and result.alignment.alike == []


# ------------------------------------------------------------------- nothing else changes


CASES = [
    (
        "The band, formed in 1986 by two San Diego journalists, recorded three albums.",
        ("The band was formed in 1986 by two San Diego journalists who met at a newspaper.",),
    ),
    ("The program had 142 partner agencies by April 2022.", ("By April 2022 the program had 142 partner agencies.",)),
    ("The program had 150 partner agencies in 2022.", ("In 2022 the program had 142 partner agencies.",)),
    ("The mayor is not quitting.", ("The mayor said on Monday she is quitting her post.",)),
    ("Texas has more agreements than any other state.", ("Agreements are reviewed every year by the agency.",)),
]


@pytest.mark.parametrize(("claim", "sentences"), CASES)
def test_verdicts_are_unchanged_where_the_matcher_finds_nothing(claim: str, sentences: tuple[str, ...]) -> None:
    on, off = judge(claim, *sentences), judge(claim, *sentences, settings=OFF)
    assert on.alignment is not None and on.alignment.alike == []
    assert (on.verdict, unsupported(on)) == (off.verdict, unsupported(off))
    assert [(e.stance, e.reason) for e in on.evidence] == [(e.stance, e.reason) for e in off.evidence]


# ------------------------------------------------------------------- the explanation


def test_the_like_word_is_shown_in_text_and_json(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "fleet.txt").write_text("In 2020 the company bought 40 trucks.\n", encoding="utf-8")
    (tmp_path / "claims.yaml").write_text(
        "claims:\n  - id: fleet\n    text: The company purchased 40 trucks in 2020.\n", encoding="utf-8"
    )
    runner = CliRunner()
    args = ["verify", "--claims", str(tmp_path / "claims.yaml"), "--docs", str(tmp_path / "docs"), "--no-cache"]
    text = runner.invoke(cli, args)
    assert text.exit_code == 0, text.output
    assert "agrees: 40; purchased ≈ bought" in " ".join(text.stdout.split())  # joined across the wrap
    data = runner.invoke(cli, [*args, "--format", "json"])
    assert data.exit_code == 0
    (claim,) = json.loads(data.stdout)["claims"]
    assert claim["verdict"] == "supported"
    assert claim["evidence"][0]["reason"] == "purchased ≈ bought"


# ------------------------------------------------------------------- the data file


def test_the_table_is_package_data_and_loads() -> None:
    source = resources.files("factcheck.lang").joinpath("data").joinpath(ENGLISH.word_vectors or "")
    assert source.is_file()
    table = word_vectors("en-vectors.npz")
    assert word_vectors("en-vectors.npz") is table  # read once
    assert len(table) > 10_000 and table.dims == 128
    assert np.allclose(np.linalg.norm(table.vectors, axis=1), 1.0, atol=1e-4)
    assert table.vector("not-a-stem") is None
    assert (table.cosine(stem("purchased"), stem("bought")) or 0) > (
        table.cosine(stem("purchased"), stem("river")) or 0
    )


def test_a_built_package_ships_the_table_and_reads_it_offline(tmp_path: Path) -> None:
    """setuptools' build_py, as a wheel's build runs it, copies the table with the code; the copy reads it."""
    build_package(tmp_path)
    assert (tmp_path / "lib" / "factcheck" / "lang" / "data" / "en-vectors.npz").is_file()
    probe = (
        "import factcheck, sys; from factcheck.lang.vectors import word_vectors;"
        "t = word_vectors('en-vectors.npz'); print(factcheck.__file__, len(t))"
    )
    read = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=tmp_path,
        env={"PYTHONPATH": str(tmp_path / "lib"), "PATH": ""},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert read.returncode == 0, read.stderr
    where, rows = read.stdout.split()
    assert where.startswith(str(tmp_path / "lib")) and int(rows) > 10_000
