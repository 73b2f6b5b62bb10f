"""The Language seam: a language registered from outside the package reads its own words, not English's.

The toy language is pig Latin: English's grammar and lists, but its own month names, number
words, scale words and date labels. Whatever reads them (the extractor, document dates, the
analysis, verdicts, conflicts) must take them from the Language it is given.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest

from factcheck import conflicts, lang, verify
from factcheck.analysis import Analysis
from factcheck.catalogue import Catalogue, Claim
from factcheck.context import RunContext
from factcheck.corpus import Corpus, parse_document
from factcheck.errors import FactcheckError
from factcheck.lang import ENGLISH, Language
from factcheck.quantities import describe, extract, parse_number_words

MONTHS = {
    "anuaryjay": 1,
    "ebruaryfay": 2,
    "archmay": 3,
    "aprilway": 4,
    "aymay": 5,
    "unejay": 6,
    "ulyjay": 7,
    "augustway": 8,
    "eptembersay": 9,
    "octoberway": 10,
    "ovembernay": 11,
    "ecemberday": 12,
}
SMALL = {"erozay": 0, "oneway": 1, "otway": 2, "eethray": 3, "ourfay": 4, "ivefay": 5, "ixsay": 6, "entay": 10}
TENS = {"entytway": 20, "irtythay": 30}
SCALES = {"undredhay": 100, "ousandthay": 1_000, "illionmay": 1_000_000}

PIG_LATIN: Language = lang.register(
    dataclasses.replace(
        ENGLISH,
        name="pig",
        months=MONTHS,
        month_abbreviations=frozenset(),
        ambiguous_months=frozenset({"aymay"}),
        small=SMALL,
        tens=TENS,
        scales=SCALES,
        multipliers={"undredhay": 100},
        number_joiners=frozenset({"andway"}),
        number_article="away",
        articles=frozenset({"away", "anway"}),
        one="oneway",
        vague={"ozensday": (24.0, 100.0)},
        date_labels=("ostedpay",),
        patterns=dataclasses.replace(
            ENGLISH.patterns,
            number_words=(
                r"\b(?:(?:{number_word})(?:[\s-]+(?:{number_word}|undredhay|ousandthay|illionmay"
                r"|andway(?=[\s-]+(?:{number_word}))))*)\b"
            ),
            any_number=r"\d|\b(?i:{number_word}|ozensday)\b|\b(?:{months_capitalised})\b",
        ),
    )
)

ARTICLE = """Ostedpay: Unejay 15, 2023

Eethray agencies joined the valley program in Archmay 2021, officials said.
The program had entytway-otway officers by the end of the year.
"""
OTHER = """Ostedpay: Unejay 20, 2023

Ivefay agencies joined the valley program in Archmay 2021, officials said.
"""


def _figures(text: str, language: Language = PIG_LATIN) -> list[tuple[str, float, int | None, int | None]]:
    return [(q.kind, q.value, q.month, q.year) for q in extract(text, language=language)]


def test_a_registered_language_reads_its_own_numbers_and_months() -> None:
    assert _figures("Eethray agencies joined in Archmay 2021.") == [
        ("count", 3.0, None, None),
        ("date", 2021.0, 3, 2021),
    ]
    assert _figures("By Aprilway, entytway-otway officers had left.") == [
        ("date", 0.0, 4, None),
        ("count", 22.0, None, None),
    ]
    assert parse_number_words("otway undredhay andway ivefay", PIG_LATIN) == 205
    found = extract("In all, 1.5 illionmay people voted.", language=PIG_LATIN)
    assert [(q.value, q.unit, q.language) for q in found] == [(1_500_000, "people", "pig")]
    assert found[0].interval() == pytest.approx((1_450_000, 1_550_000))  # the rounding of its own scale word
    assert describe(extract("It began in Archmay 2021.", language=PIG_LATIN)[0]) == "Archmay 2021"


def test_english_words_are_not_read_by_another_language_nor_its_words_by_english() -> None:
    assert _figures("Three agencies joined in March 2021.") == [("date", 2021.0, None, 2021)]  # the year alone
    assert _figures("It opened on March 15.") == []  # "March 15" reads as a name's number, like "Route 66"
    assert _figures("About 1.5 million people voted.") == [("count", 1.5, None, None)]
    assert _figures("Eethray agencies joined in Archmay 2021.", ENGLISH) == [("date", 2021.0, None, 2021)]
    assert _figures("Three agencies joined in March 2021.", ENGLISH) == [
        ("count", 3.0, None, None),
        ("date", 2021.0, 3, 2021),
    ]


def test_documents_analysis_verdicts_and_conflicts_read_in_the_analysis_language() -> None:
    texts = {"a.txt": ARTICLE, "b.txt": OTHER}
    docs = [parse_document(name, text, PIG_LATIN) for name, text in texts.items()]
    assert [d.date for d in docs] == [date(2023, 6, 15), date(2023, 6, 20)]
    assert parse_document("a.txt", ARTICLE).date is None  # English reads no date there
    analysis = Analysis(Corpus(Path("."), docs), language=PIG_LATIN)
    assert analysis.language is PIG_LATIN
    first = next(s for s in docs[0].sentences if s.text.startswith("Eethray"))
    assert [(q.kind, q.value) for q in analysis.quantities(first)] == [("count", 3.0), ("date", 2021.0)]

    claim = "Eethray agencies joined the valley program in Archmay 2021."
    catalogue = Catalogue([Claim("c1", claim, sources=["a.txt"]), Claim("c2", claim, sources=["b.txt"])])
    in_pig_latin = RunContext.of(language=PIG_LATIN)
    report = verify(catalogue, Corpus(Path("."), docs), context=in_pig_latin)
    assert [r.verdict for r in report.results] == ["supported", "contradicted"]
    found = conflicts(Corpus(Path("."), docs), context=in_pig_latin)
    assert [sorted(st.quantity.value for st in g.statements) for g in found.groups] == [[3.0, 5.0]]

    # The same documents read in English: no figure but the year, so nothing clashes.
    english = Corpus(Path("."), [parse_document(name, text) for name, text in texts.items()])
    assert verify(catalogue, english).results[1].verdict == "unverified"  # read in English: not contradicted
    assert conflicts(english).groups == []


def test_an_unknown_language_is_one_error_naming_the_known_ones() -> None:
    with pytest.raises(FactcheckError, match=r"unknown language 'zz' \(known: .*en.*pig"):
        lang.get("zz")
    assert lang.get("pig") is PIG_LATIN and lang.get("en") is ENGLISH
    assert lang.register(PIG_LATIN) is PIG_LATIN  # again: no change
    with pytest.raises(FactcheckError, match="registered already"):
        lang.register(dataclasses.replace(PIG_LATIN))
    with pytest.raises(FactcheckError, match="unknown language 'zz'"):
        Analysis(Corpus(Path("."), []), language=dataclasses.replace(PIG_LATIN, name="zz"))  # never registered
