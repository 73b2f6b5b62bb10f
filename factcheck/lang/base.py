"""The :class:`Language` value: every word and pattern factcheck reads a language with.

The algorithms (sentence splitting, the number extractor, dates, subjects, alignment,
polarity) hold no words of their own: they take a ``Language`` (English by default) and
build what they match from its lists and pattern templates, compiled once per Language.

Patterns are ``str.format`` templates: ``{months}`` and the like are filled with the
Language's own lists by the module that compiles them (named on each field); a literal
brace is doubled (``\\d{{1,2}}``). The flags (``re.IGNORECASE``) are the compiling module's.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from importlib import resources


@dataclass(frozen=True, eq=False)
class Patterns:
    """Regular expressions written in the language (templates; see the module docstring)."""

    # quantities/extraction.py: masks, what looks like a figure but is not
    clock_time: str  # "10:30", "10:30 a.m."
    clock_time_zone: str  # "10.54 EDT", "2.35pm"
    hour: str  # "9 a.m."
    numbered_item: str  # "No. 5", "#3"
    slashed: str  # "7/29", "1/10th Bn", "24/7"
    digit_letter_name: str  # "4K", "3D", "5G" (not "40GHz", "10k": a unit or scale after a figure)
    version: str  # "1.12.0", "v2.1", "version 3.9" (a mask: what no count pass may read)
    # quantities/versions.py: versions as their own kind ({keywords}, {series}: the lists of Language)
    version_dotted: str  # "2.4.12": three numbers or more (group "num")
    version_keyword: str  # "version 2.6", "release 1.12", "v2.1" (group "num")
    version_series: str  # "the 2.4 series", "2.4.x branch" (group "num")
    version_named: str  # "CMake 3.18", "Python 3.10" (groups "name", "num")
    version_package: str  # a package's name and version: "coreutils-9.0", "gcc-12.2" (groups "name", "num")
    version_heading: str  # a heading that opens with a number: "2.6 (2018-11-02)", "[1.0.0] - 2017-06-20" ("num")
    # quantities/extraction.py: dates in figures only ("2019-03-14" is in no language)
    date_dotted: str  # "14.03.2019": day, month, year
    date_slashed: str  # "2019/03/14", "3/14/2019" (groups "a", "b", "c")
    # quantities/extraction.py: ranges and measures
    range: str  # "between 10% and 60%", "from $5 to $9", "10–60%" (groups "lead", "a", "join", "b")
    measure: str  # "1GB", "2.4 GHz" ({symbols}: the measure symbols, longest first; groups "num", "unit")
    # quantities/extraction.py: dates ({months} longest first, {full_months}, {year}: four digits)
    date_mdy: str  # "April 5, 2022"
    date_dmy: str  # "5 April 2022"
    date_my: str  # "April 2022"
    year: str  # a year alone, not a percent ("2020 election", not "2020 percent")
    count_not_year: str  # after a four-digit figure: a count, not a year ({counted}: "2000 people")
    # quantities/extraction.py: shares and counts ({number_word}: one number word, longest first)
    ratio: str  # "one in five", "3 out of 10"
    digits: str  # "1,200", "$5 million", "€3m" ({scales}: the scale words); never an ordinal ("8th")
    percent_tail: str  # "%", "percent", "percentage points" after a figure
    fraction: str  # "a third", "two-thirds" ({denominators}), or "half" (group "half")
    half_after: str  # after "half": a share of something ("half of")
    possessive: str  # after "one": "one's" is a pronoun
    single: str  # "a single": one
    vague: str  # "dozens of" ({vague}: the vague words, group 1)
    any_number: str  # anything a pass could read: most sentences have none ({months_capitalised})
    # quantities/numbers.py
    number_words: str  # a run of number words: "two dozen", "one hundred and five"
    # quantities/units.py
    per: str  # "a day", "per year", "/yr" after a figure: a rate (groups "per", "slash")
    # quantities/time.py
    era: str  # "at the end of the Obama administration", "when Obama left office" (groups "edge", "who"; {eras})
    # corpus/dates.py
    document_date: str  # "Jun. 15, 2023" ({months} longest first)
    # disagreements/statements.py
    part_before: str  # before a count: a part of a whole ("those 54")
    whole_after: str  # after a share: of a whole ("a third of all")
    age_after: str  # after a figure: an age ("54 years old")
    # polarity.py
    word: str  # a word, with its contraction ("isn't")
    negation: str  # a denial cue ({cues}: the negation phrases, longest first)


@dataclass(frozen=True, eq=False)
class Language:
    """Everything language-specific, as one value: ``factcheck.lang.ENGLISH`` is the one shipped.

    Compared and hashed by identity, so each module can cache what it compiles from one.
    The mappings are read, never changed. Register one (``lang.register``) before an
    ``Analysis`` reads in it: a Quantity names the language that read it.
    """

    name: str  # "en": how lang.get() and a Quantity (its ``language``) name it
    stemmer: str  # PyStemmer's Snowball algorithm: "english"

    # words.py: retrieval's words, subjects
    stopwords: frozenset[str]
    abbreviations: Mapping[str, str]  # abbreviated titles read as the word: "lt" -> "lieutenant"
    acronym_joiners: tuple[str, ...]  # small words inside a name, skipped by its acronym ("of", "and")

    # quantities/: number words
    small: Mapping[str, int]  # "one" .. "nineteen"
    tens: Mapping[str, int]  # "twenty" .. "ninety"
    scales: Mapping[str, float]  # "hundred", "thousand", "million" (also after digits: "5 million")
    multipliers: Mapping[str, int]  # words that multiply the group before them: "two dozen", "three hundred"
    number_joiners: frozenset[str]  # "one hundred and five"
    number_article: str  # "a" at the head of a number: one ("a hundred", "a dozen")
    articles: frozenset[str]  # before a fraction: one ("a third", "an eighth"); alone, no count
    one: str  # the number word that is also a pronoun ("no one", "one of")
    one_pronoun_before: tuple[str, ...]
    one_pronoun_after: tuple[str, ...]
    denominators: Mapping[str, int]  # "third", "quarters"
    half_cues: tuple[str, ...]  # before "half": a share ("more than half"), not "second half"
    half_lead: tuple[str, ...]  # words before "half" that belong to the share: "a half", "one half"
    vague: Mapping[str, tuple[float, float]]  # "dozens" of: the range it allows
    scale_abbreviations: Mapping[str, float]  # "€3m", "$2bn", "40k"
    partial_markers: tuple[str, ...]  # "100 other groups": a part, with no upper bound
    counted_not_year: tuple[str, ...]  # "2000 people": a count, not a year
    measures: Mapping[str, tuple[str, float]]  # "GB" -> ("byte", 1e9): a unit symbol after a figure, case kept
    range_words: frozenset[str]  # "ranges from 10 to 20": a range, not a change
    range_joiners: Mapping[str, str]  # "and" (after "between"), "to" (after "from"): the word that joins the ends
    respectively: tuple[str, ...]  # "resp.": the figure in "(resp. 60000)" is the name's in "(resp. UID_MAX)"
    average_cues: tuple[str, ...]  # a figure so stated is an average: "on average", "an average of", "mean"
    range_alone: frozenset[str]  # joiners that make a range without the word before ("18 to 24 months")

    # quantities/versions.py
    version_keywords: tuple[str, ...]  # before a version: "version 2.6", "release 1.12", "v2.1"
    version_series: tuple[str, ...]  # after one: "the 2.4 series", "the 2.4 branch"
    not_products: frozenset[str]  # capitalised words before a dotted number that name no product ("Figure 3.2")
    version_later: tuple[str, ...]  # after a version: a minimum ("3.18 or newer")
    version_earlier: tuple[str, ...]  # after a version: a maximum ("2.7 or earlier")
    version_since: tuple[str, ...]  # before a version: from it on ("since Python 3.8.6", "starting with 9.0")
    version_least: tuple[str, ...]  # before a version, its product's name between or not: a minimum ("at least
    # kernel 4.9", "glibc >= 2.28", ">= 10.15")
    version_relative: tuple[str, ...]  # before a version in a heading: a reference, not its own ("Fixes since v2.38")

    # quantities/time.py: values a later statement replaced, and the tense of a statement
    change_words: frozenset[str]  # before "from X to Y": X is the old value ("cut from $40 to $25", "up from 38")
    change_from: str  # the word before the old value of a change: "from"
    change_reach: int  # words from change_from to the figure it names: 3 ("up from port 8080", "from about $40")
    former_cues: tuple[str, ...]  # a value or state no longer so: "previously", "used to", "no longer"
    turn_words: frozenset[str]  # after a former state, where the new one starts: "used to X, but now Y"
    present_cues: frozenset[str]  # a statement of now: "is", "now", "currently"
    past_cues: frozenset[str]  # a statement of the past: "was", "had", "used"
    past_suffix: str  # a word so ending is past tense ("ran" aside): "ed"
    adverb_suffix: str  # a word so ending is an adverb ("roughly"): no product's name
    irregular_past: frozenset[str]  # past tenses without it: "ran", "grew", "rose"

    # dates
    months: Mapping[str, int]  # full names and abbreviations
    month_abbreviations: frozenset[str]  # the abbreviations among them ("Jan."): not a sentence's end before a day
    ambiguous_months: frozenset[str]  # month names that are also common words ("may"): a month only after a cue
    month_cues: tuple[str, ...]  # "in May", "mid-May"
    year_anaphora: Mapping[str, int]  # a month's year told by the sentence before: "the same year" 0, "the next year" 1
    eras: Mapping[str, tuple[date, date]]  # named in the text: "the Obama administration"
    era_ending_edges: tuple[
        str, ...
    ]  # "the end of" an era is its last day ("left office" too); any other edge its first
    date_labels: tuple[str, ...]  # "Posted:", "Published": a document's own date follows

    # quantities/units.py: the hedge before a figure, the noun it counts after it
    hedges: Mapping[str, str]  # words -> the Hedge they make ("more than" -> "more")
    unit_stop: frozenset[str]  # words that end the counted noun phrase
    skip_after: frozenset[str]  # leading words before the phrase ("of the")
    unit_synonyms: Mapping[str, str]  # counted nouns folded together ("organization" -> "group")
    conjunctions: frozenset[str]  # "and", "or" inside a noun phrase
    verb_endings: tuple[str, ...]  # a word so ending after the noun is a verb: "sheriffs participating"
    adverb_endings: tuple[str, ...]  # a word so ending after a plural noun is past it: "jobs usually take"
    conditionals: frozenset[str]  # words opening a condition's clause: "if" (a bound there is no value stated)
    per_units: Mapping[str, str]  # abbreviated units of a rate: "yr" -> "year"
    singular: Callable[[str], str]  # a light singular, lowercased: "agencies" -> "agency"
    plural: Callable[[str], str]  # "agency" -> "agencies"
    is_plural: Callable[[str], bool]  # of a lowercased noun

    # corpus/sentences.py
    titles: frozenset[str]  # "Mr.", "Sen.": never a sentence's end
    soft_abbreviations: frozenset[str]  # "Inc.", "Co.": a sentence's end only before a usual opener
    never_end: frozenset[str]  # "e.g", "i.e"
    starters: frozenset[str]  # usual sentence openers ("the", "but")
    furniture: frozenset[str]  # whole texts that are page furniture ("read more")
    furniture_short: tuple[str, ...]  # furniture in a text of six words or fewer ("see all")
    furniture_openings: tuple[str, ...]  # furniture by how it opens ("join the discussion")
    question_openers: frozenset[str]  # a headline so opening, without a full stop, asks

    # alignment.py
    clause_breaks: tuple[str, ...]  # words that open a new clause after a comma or alone ("and", "but", "while")
    changelog_words: frozenset[str]  # what an item under a version's heading says by standing there ("added", "new")
    release_words: frozenset[str]  # what a version beside a date says: released then ("released", "release")
    factor_words: frozenset[str]  # after a figure, a factor, not a version: "a 1.25x speedup", "2.5 times"
    generic: frozenset[str]  # words that assert nothing: no backing needed
    logical: frozenset[str]  # words of quantity, scope, time or condition: never said in other words ("every")
    particles: frozenset[str]  # after a verb, may be written into it: "starts up" / "startup"
    asserting_small_words: frozenset[str]  # stopwords that still assert ("only", "below")
    synonyms: tuple[tuple[str, ...], ...]  # groups of words a paraphrase uses for one another
    word_vectors: str | None  # the data file of word vectors (lang/vectors.py): a claim word backed by a like
    # word of the evidence; None: by its stem, synonyms and spelling only
    unalike: tuple[tuple[tuple[str, ...], ...], ...]  # words the vectors put close that say other things, in
    # sides ("buy" | "sell"; "day" | "week" | "month"): never back each other by likeness (the antonyms neither)
    negative_prefixes: tuple[str, ...]  # "un", "dis": a word and its prefixed form are never alike
    degree_endings: tuple[str, ...]  # "est": a word and its superlative are never alike ("large" / "largest")
    literal: frozenset[str]  # words backed only as spelled, never by a like word ("second", "many")

    # polarity.py
    negations: tuple[str, ...]  # denial cues, words or phrases, longest first
    antonyms: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]  # opposite predicates: (one side, the other)
    prospects: tuple[str, ...]  # cues of what is expected or planned, not done ("likely to", "in the future")
    past_auxiliaries: frozenset[str]  # before a prospect's cue, it is a past one ("was expected to")
    future_words: frozenset[str]  # a claim with one of these speaks of what is to come itself ("will")
    complements: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]  # opposites with no middle: denying one
    # side says the other ("no longer allows" says "refuses"; alignment.py); opposite predicates too

    # disagreements/naming.py: subjects, in the words of the sentences
    prepositions: frozenset[str]  # open a qualifier: "in the 287(g) program"
    determiners: frozenset[str]  # may follow its preposition
    time_words: tuple[str, ...]  # never a subject's shared word ("year", "administration")
    share_of: str  # "share of" a noun phrase: a percent's subject
    shares: str  # a share of something unnamed
    values: str  # a count of something unnamed
    money: str  # what "$" counts
    probe_noun: str  # a plural noun: "<word> things" reads as a count when the word is a number

    patterns: Patterns


# -------------------- data files: one entry a line, "#" comments, lowercased


def _lines(name: str) -> list[str]:
    text = resources.files("factcheck.lang").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    return [ln.strip().lower() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


def word_set(name: str) -> frozenset[str]:
    """Every word of a list file (several may share a line)."""
    return frozenset(w for ln in _lines(name) for w in ln.split())


def phrases(name: str) -> tuple[str, ...]:
    """One entry (a word or a phrase) per line, longest first."""
    return tuple(sorted(set(_lines(name)), key=len, reverse=True))


def groups(name: str) -> tuple[tuple[str, ...], ...]:
    """One group of words per line (synonyms)."""
    return tuple(tuple(ln.split()) for ln in _lines(name))


def sides(name: str) -> tuple[tuple[tuple[str, ...], ...], ...]:
    """One set of sides per line, separated by "|": each side's words unlike every other side's."""
    return tuple(tuple(tuple(side.split()) for side in line.split("|")) for line in _lines(name))


def oppositions(name: str) -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """One opposition per line, its two sides separated by "|"."""
    out = []
    for line in groups(name):
        bar = line.index("|")
        out.append((line[:bar], line[bar + 1 :]))
    return tuple(out)
