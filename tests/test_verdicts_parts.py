"""Each cause of a wrong verdict, as a made-up case, through the library and the CLI.

A fact checker's worst failure is a wrong ``supported``: each case here once came out
supported (or disputed) when it should not have.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck import Catalogue, Claim, ClaimResult, Settings, from_texts, verify
from factcheck.cli import cli
from factcheck.corpus import load_corpus


def judge(claim: str, *sentences: str, path: str = "news.txt", settings: Settings | None = None) -> ClaimResult:
    corpus = from_texts({path: "\n\n".join(sentences)})
    return verify(Catalogue([Claim("c", claim)]), corpus, settings).results[0]


def unsupported(result: ClaimResult) -> list[str]:
    return [span.text for span in result.unsupported]


# 1. Partial support is not support ------------------------------------------------------------

BAND = (
    "The band was formed in 1986 by two San Diego journalists who met at a newspaper.",
    "Its singer had worked as a court reporter for a decade.",
    "The group played its first show at a bar near the harbour.",
    "A local label signed them two years later.",
    "Critics praised their live shows more than their songs.",
)


def test_a_sentence_backing_part_of_the_claim_makes_it_partial() -> None:
    result = judge("The band, formed in 1986 by two San Diego journalists, recorded three albums.", *BAND)
    assert result.verdict == "partial"
    assert unsupported(result) == ["recorded three albums"]
    span = result.unsupported[0]
    assert result.claim.text[span.start : span.end] == span.text


def test_every_part_backed_is_supported_with_nothing_unsupported() -> None:
    result = judge(
        "The band was formed in 1986 by two San Diego journalists.",
        "The band was formed in 1986 by two San Diego journalists who met at a newspaper.",
    )
    assert (result.verdict, result.unsupported) == ("supported", [])


def test_a_name_the_evidence_never_mentions_is_not_partial_but_unverified() -> None:
    result = judge(
        "Texas has more 287(g) agreements than any other state.",
        "The 287(g) program has agreements with agencies in many states.",
        "Agreements in the 287(g) program are reviewed every year.",
    )
    assert result.verdict == "unverified"
    assert "Texas" in unsupported(result)


# 2. Negation and opposite predicates -----------------------------------------------------------


def test_a_denial_contradicts_with_its_reason() -> None:
    result = judge(
        "The striker has quit the national team.",
        "The striker is not quitting the national team, his agent said on Monday.",
    )
    assert result.verdict == "contradicted"
    reason = result.evidence[0].reason
    assert reason is not None and reason.startswith("negated: NOT quitting")


def test_a_claim_that_denies_what_the_source_says_is_contradicted() -> None:
    result = judge(
        "Extreme weather has not become more frequent.",
        "Climate change has made extreme weather more frequent, the report found.",
    )
    assert result.verdict == "contradicted"
    assert result.evidence[0].reason == "negated: NOT become more (in the claim)"


def test_an_opposite_predicate_contradicts() -> None:
    result = judge(
        "Sales of electric cars rose in May.", "Sales of electric cars fell in May, the industry group said."
    )
    assert result.verdict == "contradicted"
    assert result.evidence[0].reason == "opposite: rose vs fell"


def test_a_hedge_with_no_is_not_a_denial() -> None:
    result = judge(
        "No more than 40 people attended the hearing.", "No more than 40 people attended the hearing on Friday."
    )
    assert result.verdict == "supported"


# 3. Numbers inside names ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "COVID-19 patients were treated at the city hospital.",
        "SARS-CoV-2 spread through the city hospital.",
        "The Su-30 jets flew over the city hospital.",
        "The Boeing 737 landed near the city hospital.",
        "The G7 met near the city hospital.",
    ],
)
def test_a_number_in_a_name_is_not_a_figure(text: str) -> None:
    result = judge("19 patients were treated at the city hospital.", text)
    assert result.verdict != "supported"
    assert any("19" in span for span in unsupported(result))


def test_figures_beside_names_are_still_read() -> None:
    result = judge("COVID-19 killed 1,100 people in the city.", "COVID-19 killed 1,100 people in the city last year.")
    assert result.verdict == "supported"
    wrong = judge("COVID-19 killed 1,300 people in the city.", "COVID-19 killed 1,100 people in the city last year.")
    assert wrong.verdict == "contradicted"
    assert wrong.evidence[0].reason == "number: 1,300 vs 1,100"


# 4. Questions are never evidence -----------------------------------------------------------------


@pytest.mark.parametrize("question", ["Can vitamin C protect you from COVID-19?", "Did the mayor resign"])
def test_a_question_backs_nothing(question: str) -> None:
    claim = "Vitamin C can protect you from COVID-19." if "vitamin" in question.lower() else "The mayor resigned."
    result = judge(claim, question, "Readers wrote in about the hospital and the weather.")
    assert result.verdict == "unverified"


def test_a_headline_that_states_something_is_evidence() -> None:
    result = judge("The mayor resigned on Friday.", "Mayor resigned on Friday after audit", "More to follow.")
    assert result.verdict == "supported"


# 5. Near numbers are not equal --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("claim", "source"),
    [
        ("The company raised $1.3bn in 2021.", "The company raised $1.2bn in 2021."),
        ("The company raised $1.1bn in 2021.", "The company raised $1.2bn in 2021."),
        ("Unemployment rose to 2.6% in March.", "Unemployment rose to 2.5% in March."),
        ("The firm has more than 100 employees in Ohio.", "The firm has more than 50 employees in Ohio."),
        ("The server requires Python 3.9 or later.", "The server requires Python 3.8 or later."),
        ("gzip 1.11 was released on 7 April 2022.", "gzip 1.12 was released on 7 April 2022."),
    ],
)
def test_a_near_figure_does_not_support(claim: str, source: str) -> None:
    assert judge(claim, source).verdict != "supported"


def test_measurements_with_units_are_read() -> None:
    assert judge("The new chip runs at 40GHz.", "The new chip runs at 40GHz under load.").verdict == "supported"
    faster = judge(
        "The new chip runs at 40GHz under load.",
        "The new chip runs at 30GHz under load.",
        "Its maker sells chips to phone companies.",
    )
    assert (faster.verdict, faster.evidence[0].reason) == ("contradicted", "number: 40GHz vs 30GHz")
    assert judge("The RFC8878 format is used.", "The RFC8878 format is used by the tool.").verdict == "supported"


# 6. Structure: table rows and headings ------------------------------------------------------------


def test_a_markdown_table_row_and_a_heading_are_evidence(tmp_path: Path) -> None:
    (tmp_path / "NOTES.md").write_text(
        "# Release notes\n\n## 1.12 (2022-04-07)\n\n- Fixed a crash when reading corrupted input.\n\n"
        "## Benchmarks\n\n| codec | ratio |\n|-------|-------|\n| zstd | 2.887 |\n| gzip | 2.743 |\n",
        encoding="utf-8",
    )
    corpus = load_corpus(tmp_path)
    rows = [s for s in corpus.documents[0].sentences if s.text.startswith("codec")]
    assert [(s.text, s.line, s.section) for s in rows] == [
        ("codec: zstd; ratio: 2.887.", 11, "Benchmarks"),
        ("codec: gzip; ratio: 2.743.", 12, "Benchmarks"),
    ]
    results = verify(
        Catalogue(
            [
                Claim("ratio", "zstd has a ratio of 2.89."),
                Claim("wrong-release", "gzip 1.11 fixed a crash when reading corrupted input."),
            ]
        ),
        corpus,
    ).results
    assert [r.verdict for r in results] == ["supported", "partial"]
    assert unsupported(results[1]) == ["1.11"]


# 7. A figure about something else is no contradiction ---------------------------------------------


def test_a_rate_does_not_contradict_a_total() -> None:
    result = judge(
        "The new tank holds 148.4 litres of water.",
        "The new tank holds 148.4 litres of water.",
        "The plant pumps 3.4 million litres of water a day into the tank network.",
    )
    assert result.verdict == "supported"
    assert all(e.stance != "contradicts" for e in result.evidence)


# Exit codes and formats ----------------------------------------------------------------------------


def test_partial_fails_the_run_unless_expected(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "band.txt").write_text("\n\n".join(BAND), encoding="utf-8")
    claim = "The band, formed in 1986 by two San Diego journalists, recorded three albums."
    catalogue = tmp_path / "claims.yaml"
    catalogue.write_text(f"documents: docs\nclaims:\n  - id: band\n    text: {claim}\n", encoding="utf-8")
    runner = CliRunner()
    failing = runner.invoke(cli, ["verify", "--claims", str(catalogue), "--format", "json"])
    assert failing.exit_code == 1
    data = json.loads(failing.stdout)["claims"][0]
    assert (data["verdict"], data["unsupported"]) == (
        "partial",
        [{"start": 55, "end": 76, "text": "recorded three albums"}],
    )
    catalogue.write_text(
        f"documents: docs\nclaims:\n  - id: band\n    text: {claim}\n    expect: partial\n", encoding="utf-8"
    )
    passing = runner.invoke(cli, ["verify", "--claims", str(catalogue), "--format", "github"])
    assert passing.exit_code == 0, passing.stdout


# Found in review: each once came out supported -------------------------------------------------------

REVIEW = (
    "Acme Corp annual report. Bob Smith founded Acme in 2010. Alice Jones joined Acme as chief engineer in 2012. "
    "The company employs 300 people in Denver. It has 40 offices in Europe."
)


def test_a_later_source_does_not_settle_a_date_the_claim_asserts() -> None:
    """Not supported by Alice's 2012: that sentence is of another subject (another founding, another person),
    so the one of Bob's founding decides (issue 19: it was 'disputed')."""
    result = judge("Bob Smith founded Acme in 2012.", REVIEW)
    assert result.verdict == "contradicted"
    assert [e.reason for e in result.evidence[:2]] == [
        "date: 2012 vs 2010",
        "another subject: lacks Bob, Smith, founded",
    ]


def test_a_figure_counting_another_thing_backs_nothing() -> None:
    result = judge("Acme employs 40 people in Denver.", REVIEW)
    assert result.verdict != "supported"
    assert any("40" in span for span in unsupported(result))


@pytest.mark.parametrize(
    ("claim", "verdict"),
    [
        ("The river rose below the flood line in 2019.", "contradicted"),
        ("The dam was built over budget.", "contradicted"),
        ("The plant was switched off in 2015.", "contradicted"),
        ("The team has won the cup once.", "contradicted"),
        ("Acme is the only firm that makes the valve.", "partial"),
        ("The river rose above the flood line in 2019.", "supported"),
    ],
)
def test_small_words_that_assert_are_read(claim: str, verdict: str) -> None:
    doc = (
        "The river rose above the flood line in 2019. Acme is one of three firms that make the valve. "
        "The dam was built under budget. The plant was switched on in 2015. The team has won the cup twice."
    )
    assert judge(claim, doc).verdict == verdict


def test_reading_notes_of_documents_in_memory_are_warnings() -> None:
    corpus = from_texts({"toc.txt": " ".join(["Chapter one page"] * 1000)})
    assert corpus.warnings and corpus.warnings[0].startswith("toc.txt:1: a sentence of")


# 9. Said in other words: linking verbs and everyday synonyms ----------------------------------------

ELSEWHERE = (
    "The harbour authority runs three ferry routes to the islands.",
    "Timetables change twice a year, in April and October.",
)


def test_a_linking_verb_needs_no_backing_when_everything_it_joins_is_backed() -> None:
    result = judge(
        "The town archive holds 4,200 letters from the war years.",
        "The town archive contains 4,200 letters written during the war years.",
    )
    assert (result.verdict, unsupported(result)) == ("supported", [])


def test_a_verb_that_says_something_is_still_checked_beside_the_linking_ones() -> None:
    result = judge(
        "The town archive lost 4,200 letters from the war years.",
        "The town archive contains 4,200 letters written during the war years.",
    )
    assert result.verdict == "partial"
    assert unsupported(result) == ["lost"]


@pytest.mark.parametrize(
    ("claim", "sentence"),
    [
        ("Compiling the kernel needs 8 GB of memory.", "Compiling the kernel requires 8 GB of memory."),
        ("Ferry tickets are normally sold at the pier.", "Ferry tickets are usually sold at the pier."),
        ("The council caps rents at 900 euros.", "The council limits rents to 900 euros."),
    ],
)
def test_everyday_synonyms_back_each_other(claim: str, sentence: str) -> None:
    assert judge(claim, sentence, *ELSEWHERE).verdict == "supported"


def test_a_synonym_never_makes_a_wrong_figure_agree() -> None:
    result = judge(
        "Compiling the kernel needs 16 GB of memory.", "Compiling the kernel requires 8 GB of memory.", *ELSEWHERE
    )
    assert (result.verdict, unsupported(result)) == ("contradicted", ["16 GB"])


def test_a_hedge_is_not_backed_by_another_hedge() -> None:
    result = judge(
        "Ferry tickets are always sold at the pier.", "Ferry tickets are usually sold at the pier.", *ELSEWHERE
    )
    assert result.verdict == "partial"
    assert unsupported(result) == ["are always"]


def test_a_denied_complement_says_the_other_side() -> None:
    result = judge(
        "The reading room refuses loans of rare maps.",
        "The reading room no longer allows loans of rare maps.",
        *ELSEWHERE,
    )
    assert (result.verdict, unsupported(result)) == ("supported", [])


def test_a_complement_stated_plainly_contradicts() -> None:
    result = judge(
        "The reading room refuses loans of rare maps.",
        "The reading room allows loans of rare maps.",
        *ELSEWHERE,
    )
    assert result.verdict == "contradicted"
    assert result.evidence[0].reason == "opposite: refuses vs allows"


def test_a_thing_said_to_be_likely_in_the_future_is_not_done() -> None:
    result = judge(
        "The Harbour Atlas dropped its printed index in 2024.",
        "The 2024 edition of the Harbour Atlas keeps its printed maps.",
        "The printed index of the Harbour Atlas is likely to be dropped at a later date.",
        *ELSEWHERE,
    )
    assert result.verdict == "contradicted"
    assert [e.reason for e in result.evidence if e.stance == "contradicts"] == ["not yet: LIKELY TO be dropped"]


# Each once came out wrong while these rules were written (a second review's cases).
NOT_CONTRADICTED = [
    (  # a prospect about something else the claim does not name
        "Python 3.12 removed the distutils module.",
        ("Python 3.12 removed the distutils module.", "More modules are likely to be removed from Python."),
    ),
    (  # a past prospect
        "The city built the Elm Street bridge in 2022.",
        ("The city was expected to build the Elm Street bridge in 2020, and built it in 2022.",),
    ),
    (  # another sentence's denial about another place
        "The museum allows dogs in the garden.",
        ("The museum allows dogs in the garden.", "The museum does not allow dogs in the cafe."),
    ),
]


@pytest.mark.parametrize(("claim", "sentences"), NOT_CONTRADICTED)
def test_what_is_said_of_something_else_contradicts_nothing(claim: str, sentences: tuple[str, ...]) -> None:
    assert judge(claim, *sentences, *ELSEWHERE).verdict == "supported"


NOT_SUPPORTED = [
    (  # a denial's reach ends with its clause
        "The parser rejects trailing commas in arrays.",
        "The parser does not need a schema and accepts trailing commas in arrays.",
    ),
    (  # a complement stated plainly beside the denied word's own
        "The museum does not allow dogs in the garden.",
        "The museum allows dogs in the garden but refuses bicycles.",
    ),
    (  # a verb of the sentence the claim's verb does not say
        "The town archive contains 4,200 letters from the war years.",
        "The town archive lost 4,200 letters from the war years.",
    ),
    (  # an opposite with a middle: not winning may be a draw
        "Rovers lost their match against United on 3 May.",
        "Rovers did not win their match against United on 3 May, which ended in a draw.",
    ),
]


@pytest.mark.parametrize(("claim", "sentence"), NOT_SUPPORTED)
def test_words_that_only_look_alike_support_nothing(claim: str, sentence: str) -> None:
    assert judge(claim, sentence, *ELSEWHERE).verdict != "supported"


def test_a_claim_about_the_future_is_backed_by_a_prospect() -> None:
    result = judge(
        "The printed index will be dropped from the atlas.",
        "The printed index is likely to be dropped from the atlas at a later date.",
        *ELSEWHERE,
    )
    assert result.verdict != "contradicted"


def test_lacking_says_what_not_having_says() -> None:
    result = judge(
        "A cabin that lacks a stove is heated by the ship's boiler.",
        "A cabin that does not have a stove is heated by the ship's boiler.",
        *ELSEWHERE,
    )
    assert (result.verdict, unsupported(result)) == ("supported", [])


def test_the_words_of_a_bound_are_no_opposite_predicate() -> None:
    result = judge(
        "Files under 100 bytes grow when compressed.",
        "Files of less than 100 bytes get larger when compressed.",
        *ELSEWHERE,
    )
    assert result.verdict == "partial"
    assert all(e.stance != "contradicts" for e in result.evidence)


@pytest.mark.parametrize(
    ("claim", "sentence"),
    [
        ("The highest speed allowed on the bridge is 40 km/h.", "The maximum speed allowed on the bridge is 40 km/h."),
        ("Tickets for particular dates are sold online.", "Tickets for specific dates are sold online."),
    ],
)
def test_more_everyday_synonyms(claim: str, sentence: str) -> None:
    assert judge(claim, sentence, *ELSEWHERE).verdict == "supported"


def test_a_verb_and_its_particle_said_as_one_word() -> None:
    result = judge(
        "The new boiler starts up in half the time of the old one.",
        "Boiler startup takes half the time of the old one with the new boiler.",
        *ELSEWHERE,
    )
    assert (result.verdict, unsupported(result)) == ("supported", [])


def test_a_particle_does_not_join_a_word_it_does_not_follow() -> None:
    result = judge(
        "The new boiler shuts up in half the time of the old one.",
        "Boiler startup takes half the time of the old one with the new boiler.",
        *ELSEWHERE,
    )
    assert result.verdict == "partial"
    assert unsupported(result) == ["shuts"]


# 10. One word said otherwise: the opt-in max_unbacked_words ------------------------------------------

ONE_WORD = Settings().updated("verdicts", {"max_unbacked_words": 1, "max_unbacked_words_text": 1})


def judge_lenient(claim: str, *sentences: str) -> ClaimResult:
    return judge(claim, *sentences, settings=ONE_WORD)


PARK = (
    "The county park service employs 212 rangers across nine parks.",
    "Visitors bought 40,000 season passes last year.",
    *ELSEWHERE,
)


def test_by_default_one_word_said_otherwise_leaves_the_claim_partial() -> None:
    result = judge("The county park service pays 212 rangers across nine parks.", *PARK)
    assert (result.verdict, unsupported(result)) == ("partial", ["pays"])


def test_one_word_said_otherwise_passes_where_the_sentence_alone_says_the_rest() -> None:
    result = judge_lenient("The county park service pays 212 rangers across nine parks.", *PARK)
    assert (result.verdict, unsupported(result)) == ("supported", [])


def test_a_word_of_logic_is_never_taken_as_said_otherwise() -> None:
    result = judge_lenient("The county park service employs 212 rangers within nine parks.", *PARK)
    assert result.verdict == "partial"
    assert unsupported(result) == ["within"]


def test_a_claim_pieced_from_two_sentences_passes_no_word_unbacked() -> None:
    result = judge_lenient(
        "The county park service pays 212 rangers and printed 30,000 trail maps.",
        "The county park service employs 212 rangers across nine parks.",
        "The service printed 30,000 trail maps for the summer.",
        *ELSEWHERE,
    )
    assert (result.verdict, unsupported(result)) == ("partial", ["pays"])


def test_a_word_unlike_one_the_sentence_says_is_never_taken_as_said_otherwise() -> None:
    result = judge_lenient(
        "The county park service sold 212 ranger cabins.",
        "The county park service bought 212 ranger cabins.",
        *ELSEWHERE,
    )
    assert (result.verdict, unsupported(result)) == ("partial", ["sold"])
